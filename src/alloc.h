/* Host memory for memvk's own objects.
 *
 * "VkAllocationCallbacks ... allocations made by the implementation for
 * that object" (spec, "Host Memory"): when the application passes
 * callbacks, every host allocation memvk makes for an object goes through
 * them with the right VkSystemAllocationScope.  When it passes none, memvk
 * uses its private jemalloc (see alloc.c), never the application's malloc.
 *
 * The *2 forms follow the spec's rule for child objects: the callbacks given
 * to vkCreateXxx win; without them, the parent's (device or instance) are
 * used, which are themselves the default ones if none were given. */
#pragma once

#include <stddef.h>
#include <vulkan/vulkan.h>

/* memvk's default callbacks: the private jemalloc. */
extern const VkAllocationCallbacks memvk_default_allocator;

void *memvk_alloc(const VkAllocationCallbacks *alloc, size_t size, size_t alignment,
                  VkSystemAllocationScope scope);
void *memvk_zalloc(const VkAllocationCallbacks *alloc, size_t size, size_t alignment,
                   VkSystemAllocationScope scope);
void memvk_free(const VkAllocationCallbacks *alloc, void *memory);

static inline const VkAllocationCallbacks *
memvk_choose_allocator(const VkAllocationCallbacks *parent, const VkAllocationCallbacks *given)
{
   return given != NULL ? given : parent;
}

static inline void *
memvk_zalloc2(const VkAllocationCallbacks *parent, const VkAllocationCallbacks *given,
              size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   return memvk_zalloc(memvk_choose_allocator(parent, given), size, alignment, scope);
}

static inline void
memvk_free2(const VkAllocationCallbacks *parent, const VkAllocationCallbacks *given, void *memory)
{
   memvk_free(memvk_choose_allocator(parent, given), memory);
}
