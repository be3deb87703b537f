/* constants.c: not written yet. */
#include "device.h"
