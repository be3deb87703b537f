/* VkQueue: submission and the queue worker threads. */
#include "alloc.h"
#include "queue.h"

VkResult
memvk_queue_create(struct memvk_device *device, const VkDeviceQueueCreateInfo *info,
                   uint32_t index_in_family, struct memvk_queue **out_queue)
{
   struct memvk_queue *queue = memvk_zalloc(&device->alloc, sizeof(*queue), 8,
                                            VK_SYSTEM_ALLOCATION_SCOPE_DEVICE);
   if (queue == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&queue->base, VK_OBJECT_TYPE_QUEUE);
   queue->device = device;
   queue->family_index = info->queueFamilyIndex;
   queue->index_in_family = index_in_family;
   queue->flags = info->flags;
   *out_queue = queue;
   return VK_SUCCESS;
}

void
memvk_queue_destroy(struct memvk_queue *queue)
{
   memvk_object_finish(&queue->base);
   memvk_free(&queue->device->alloc, queue);
}
