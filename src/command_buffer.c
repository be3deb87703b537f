/* command_buffer.c: not written yet. */
#include "device.h"
