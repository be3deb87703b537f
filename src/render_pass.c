/* render_pass.c: not written yet. */
#include "device.h"
