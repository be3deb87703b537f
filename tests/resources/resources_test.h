/* Helpers shared by the resources suite. */
#pragma once

#include "vk_test.h"

/* The first memory type that `type_bits` allows and that has `flags`;
 * allocates `size` bytes of it, chaining `pnext`.  VK_NULL_HANDLE on
 * failure (the test is then marked failed). */
static inline VkDeviceMemory
rt_allocate(struct vkt *t, VkDeviceSize size, uint32_t type_bits, VkMemoryPropertyFlags flags, const void *pnext)
{
   const uint32_t type = vkt_find_memory_type(t, type_bits, flags);
   CHECK(type != UINT32_MAX, "no memory type in 0x%x has flags 0x%x", type_bits, flags);
   if (type == UINT32_MAX)
      return VK_NULL_HANDLE;
   return vkt_allocate_memory(t, size, type, pnext);
}

static inline uint64_t
rt_align(uint64_t value, uint64_t alignment)
{
   return (value + alignment - 1) / alignment * alignment;
}

static inline bool
rt_is_power_of_two(uint64_t value)
{
   return value != 0 && (value & (value - 1)) == 0;
}

/* Field by field: VkMemoryRequirements has padding after memoryTypeBits. */
static inline bool
rt_same_requirements(const VkMemoryRequirements *a, const VkMemoryRequirements *b)
{
   return a->size == b->size && a->alignment == b->alignment && a->memoryTypeBits == b->memoryTypeBits;
}
