/* VkBuffer and VkBufferView (buffer.c).  A contract for other files; buffer.c
 * may add fields. */
#pragma once

#include "memory.h"

struct memvk_buffer {
   struct memvk_object base;
   VkDeviceSize size;
   VkBufferCreateFlags flags;
   VkBufferUsageFlags2KHR usage;
   /* Set by vkBindBufferMemory(2); NULL until then. */
   struct memvk_device_memory *memory;
   VkDeviceSize memory_offset;
   /* VkBufferOpaqueCaptureAddressCreateInfo's address, 0 if none was given
    * (memvk's buffer addresses follow from the memory's: buffer.c). */
   uint64_t opaque_capture_address;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_buffer, VkBuffer, VK_OBJECT_TYPE_BUFFER)

struct memvk_buffer_view {
   struct memvk_object base;
   struct memvk_buffer *buffer;
   VkFormat format;
   VkDeviceSize offset;
   VkDeviceSize range;       /* VK_WHOLE_SIZE resolved */
   VkBufferUsageFlags2KHR usage;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_buffer_view, VkBufferView, VK_OBJECT_TYPE_BUFFER_VIEW)
