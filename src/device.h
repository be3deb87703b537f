/* VkDevice and VkQueue. */
#pragma once

#include <stdatomic.h>

#include "instance.h"
#include "memory_accounting.h"
#include "object.h"

struct memvk_queue;

/* The features memvk's code paths consult; set from what vkCreateDevice
 * enabled (the rest are only validated). */
struct memvk_enabled_features {
   bool memory_map_placed;
   bool memory_map_range_placed;
   bool memory_unmap_reserve;
   bool maintenance5;
   bool buffer_device_address;
   bool buffer_device_address_capture_replay;
   bool pageable_device_local_memory;
   bool host_query_reset;
   bool timeline_semaphore;
   bool synchronization2;
   bool memory_priority;
   bool private_data;
   bool maintenance4;
   bool maintenance6;
   bool host_image_copy;
};

struct memvk_device {
   struct memvk_object base;
   VkAllocationCallbacks alloc;
   struct memvk_physical_device *physical_device;
   struct memvk_instance *instance;
   /* The core version the application asked for, capped at memvk's; it
    * gates vkGetDeviceProcAddr ("Command Function Pointers"). */
   uint32_t api_version;
   memvk_extension_set enabled_extensions;
   struct memvk_enabled_features features;

   /* Live VkDeviceMemory objects and bytes, for maxMemoryAllocationCount and
    * the memory budget (memory_accounting.c). */
   struct memvk_memory_accounting memory_accounting;

   uint32_t queue_count;
   struct memvk_queue **queues;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_device, VkDevice, VK_OBJECT_TYPE_DEVICE)

static inline bool
memvk_device_extension_enabled(const struct memvk_device *device, enum memvk_extension ext)
{
   return (device->enabled_extensions & MEMVK_EXTENSION_BIT(ext)) != 0;
}
