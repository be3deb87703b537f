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
   /* It advertises maxMemoryAllocationCount UINT32_MAX, but every allocation
    * is a mapping of its own: near vm.max_map_count (65530 by default)
    * vkAllocateMemory fails with VK_ERROR_OUT_OF_HOST_MEMORY, or crashes
    * writing through a NULL pointer (address 0x10) it did not check. */
   { VK_DRIVER_ID_MESA_LLVMPIPE, "max_memory_allocation_count_allocations_can_coexist",
     "maxMemoryAllocationCount is UINT32_MAX but near vm.max_map_count (one mapping per allocation) "
     "vkAllocateMemory fails or crashes on a NULL pointer" },
   /* Its heapUsage is the whole machine's (MemTotal - MemAvailable from
    * /proc/meminfo), not "how much memory the process is currently using":
    * it falls whenever another process frees more than this one allocates. */
   { VK_DRIVER_ID_MESA_LLVMPIPE, "memory_budget_usage_counts_only_this_process",
     "heapUsage is the system's memory use (MemTotal - MemAvailable), not the process's" },
   { VK_DRIVER_ID_MESA_LLVMPIPE, "memory_budget_usage_rises_after_allocation",
     "heapUsage is the system's memory use: it falls when other processes free memory" },
};

const char *
known_bug(VkDriverId driver, const char *check_name)
{
   for (size_t i = 0; i < ARRAY_LENGTH(known_bugs); i++) {
      if (known_bugs[i].check && known_bugs[i].driver == driver &&
          strcmp(known_bugs[i].check, check_name) == 0)
         return known_bugs[i].reason;
   }
   return NULL;
}
