/* Host allocation: the application's VkAllocationCallbacks, or memvk's
 * private jemalloc.
 *
 * The jemalloc copy is built by subprojects/jemalloc with every symbol
 * prefixed memvk_je_, linked statically and hidden (docs/architecture.md,
 * "Dependencies"): it is memvk's alone, so the application's malloc and
 * memvk's never share an arena, a lock or a cache. */
#include "alloc.h"

#include <string.h>

#include <jemalloc.h>

/* The flags for an allocation of `size` bytes aligned to `alignment` (a power
 * of two: "alignment ... must be a power of two", VkAllocationCallbacks).
 * jemalloc's size classes are 8-byte aligned at 8 bytes and 16-byte aligned
 * from 16 bytes on; asking for what they already give through MALLOCX_ALIGN
 * would take its slower aligned path for nothing. */
static int
alignment_flags(size_t size, size_t alignment)
{
   if (alignment <= 8 || (alignment <= 16 && size > 8))
      return 0;
   return MALLOCX_ALIGN(alignment);
}

static void *
default_allocation(void *user_data, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   (void)user_data;
   (void)scope;
   if (size == 0)
      return NULL;
   return memvk_je_mallocx(size, alignment_flags(size, alignment));
}

static void *
default_reallocation(void *user_data, void *original, size_t size, size_t alignment,
                     VkSystemAllocationScope scope)
{
   (void)user_data;
   (void)scope;
   if (original == NULL)
      return size == 0 ? NULL : memvk_je_mallocx(size, alignment_flags(size, alignment));
   if (size == 0) {
      memvk_je_dallocx(original, 0);
      return NULL;
   }
   return memvk_je_rallocx(original, size, alignment_flags(size, alignment));
}

static void
default_free(void *user_data, void *memory)
{
   (void)user_data;
   if (memory != NULL)
      memvk_je_dallocx(memory, 0);
}

const VkAllocationCallbacks memvk_default_allocator = {
   .pUserData = NULL,
   .pfnAllocation = default_allocation,
   .pfnReallocation = default_reallocation,
   .pfnFree = default_free,
};

void *
memvk_alloc(const VkAllocationCallbacks *alloc, size_t size, size_t alignment,
            VkSystemAllocationScope scope)
{
   if (alloc == NULL)
      alloc = &memvk_default_allocator;
   return alloc->pfnAllocation(alloc->pUserData, size, alignment, scope);
}

void *
memvk_zalloc(const VkAllocationCallbacks *alloc, size_t size, size_t alignment,
             VkSystemAllocationScope scope)
{
   void *memory = memvk_alloc(alloc, size, alignment, scope);
   if (memory != NULL)
      memset(memory, 0, size);
   return memory;
}

void
memvk_free(const VkAllocationCallbacks *alloc, void *memory)
{
   if (memory == NULL)
      return;
   if (alloc == NULL)
      alloc = &memvk_default_allocator;
   alloc->pfnFree(alloc->pUserData, memory);
}
