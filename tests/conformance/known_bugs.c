/* Known bugs of named drivers.  A check listed here for the driver under test
 * reports KNOWN-BUG (with the reason) instead of FAIL; if it passes, the
 * runner says the listed bug did not reproduce.  Keep the list small and
 * honest: an entry names a bug that was observed, with the evidence in
 * docs/conformance.md, never a disagreement with the spec. */
#include "conformance.h"

#include <string.h>

static const struct {
   VkDriverId driver;
   const char *check;
   const char *reason;
} known_bugs[] = {
   /* Mesa 25.0's lavapipe maps with mmap() and does not check for
    * MAP_FAILED: without address space, vkMapMemory returns VK_SUCCESS with
    * the pointer (void *)-1 (seen with RLIMIT_AS lowered). */
   { VK_DRIVER_ID_MESA_LLVMPIPE, "out_of_address_space_reports_an_error_not_a_bad_pointer",
     "vkMapMemory returns VK_SUCCESS with the pointer (void *)-1 when mmap fails" },
};

const char *
known_bug(const struct ctx *c, const char *check_name)
{
   for (size_t i = 0; i < ARRAY_LENGTH(known_bugs); i++) {
      if (known_bugs[i].check && known_bugs[i].driver == c->driver.driverID &&
          strcmp(known_bugs[i].check, check_name) == 0)
         return known_bugs[i].reason;
   }
   return NULL;
}
