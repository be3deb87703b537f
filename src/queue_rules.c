#include "queue_rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "graphics,compute,decode" (the registry's spelling) as "graphics, compute
 * or decode". */
static void
format_queue_types(char *out, size_t size, const char *list)
{
   size_t length = 0;
   const char *last_comma = strrchr(list, ',');
   for (const char *c = list; *c != '\0' && length + 5 < size; c++) {
      if (*c != ',') {
         out[length++] = *c;
      } else if (c == last_comma) {
         memcpy(out + length, " or ", 4);
         length += 4;
      } else {
         memcpy(out + length, ", ", 2);
         length += 2;
      }
   }
   out[length] = '\0';
}

noreturn void
memvk_abort_queue_type(const char *command, const char *needed_queue_types)
{
   char types[128];
   format_queue_types(types, sizeof(types), needed_queue_types);
   /* Recorded commands name the pool's queue family, queue commands the queue. */
   const bool recorded = strncmp(command, "vkCmd", 5) == 0;
   fprintf(stderr,
           "memvk: invalid usage: %s: VUID-%s-%s: the %s must support %s operations, "
           "but memvk's only queue family supports transfer operations (memvk runs no "
           "shaders; see docs/architecture.md)\n",
           command, command, recorded ? "commandBuffer-cmdpool" : "queuetype",
           recorded ? "VkCommandPool that commandBuffer was allocated from" : "queue", types);
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
