#include "queue_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

noreturn void
memvk_abort_queue_type(const char *command, const char *needed_queue_types)
{
   /* Recorded commands name the pool's queue family, queue commands the queue. */
   const bool recorded = strncmp(command, "vkCmd", 5) == 0;
   fprintf(stderr,
           "memvk: invalid usage: %s: VUID-%s-%s: the %s must support %s operations, "
           "but memvk's only queue family supports transfer operations (memvk runs no "
           "shaders; see docs/architecture.md)\n",
           command, command, recorded ? "commandBuffer-cmdpool" : "queuetype",
           recorded ? "VkCommandPool that commandBuffer was allocated from" : "queue",
           needed_queue_types);
   abort();
}

noreturn void
memvk_abort_invalid_usage(const char *vuid, const char *format, ...)
{
   va_list args;
   va_start(args, format);
   fprintf(stderr, "memvk: invalid usage: %s: ", vuid);
   vfprintf(stderr, format, args);
   fputc('\n', stderr);
   va_end(args);
   abort();
}
