/* descriptor.c: not written yet. */
#include "device.h"
