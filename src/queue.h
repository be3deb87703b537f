/* VkQueue (queue.c).  A contract for device.c; queue.c owns the rest of the
 * struct and may add fields. */
#pragma once

#include "device.h"

struct memvk_queue {
   struct memvk_object base;
   struct memvk_device *device;
   uint32_t family_index;
   uint32_t index_in_family;
   VkDeviceQueueCreateFlags flags;
   /* queue.c's own state follows. */
   struct memvk_queue_private *priv;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_queue, VkQueue, VK_OBJECT_TYPE_QUEUE)

/* Called by vkCreateDevice for each queue it creates, and by vkDestroyDevice
 * (after the application waited for idle, as the spec requires) to end each
 * one: no thread or allocation of the queue outlives destroy. */
VkResult memvk_queue_create(struct memvk_device *device, const VkDeviceQueueCreateInfo *info,
                            uint32_t index_in_family, struct memvk_queue **out_queue);
void memvk_queue_destroy(struct memvk_queue *queue);
