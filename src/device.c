/* VkDevice and its queues. */
#include "alloc.h"
#include "device.h"
