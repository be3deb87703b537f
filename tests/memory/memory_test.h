/* Helpers shared by the memory tests. */
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include "vk_test.h"

/* The first host-visible, host-coherent memory type. */
static inline uint32_t
mt_host_type(struct vkt *t)
{
   return vkt_find_memory_type(t, UINT32_MAX,
                               VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
}

/* Allocates or fails the test (and returns VK_NULL_HANDLE). */
static inline VkDeviceMemory
mt_allocate_with(struct vkt *t, VkDeviceSize size, uint32_t type, const void *pnext)
{
   return vkt_allocate_memory(t, size, type, pnext);
}

static inline VkDeviceMemory
mt_allocate(struct vkt *t, VkDeviceSize size, uint32_t type)
{
   return mt_allocate_with(t, size, type, NULL);
}
