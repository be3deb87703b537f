/* VkQueue (queue.c): submission and the queue's worker thread.
 * docs/queues.md draws the flow from vkQueueSubmit to a signalled fence. */
#pragma once

#include <pthread.h>
#include <stdatomic.h>

#include "device.h"

struct memvk_submission;

struct memvk_queue {
   struct memvk_object base;
   struct memvk_device *device;
   uint32_t family_index;
   uint32_t index_in_family;
   VkDeviceQueueCreateFlags flags;

   /* The rest is queue.c's.  The mutex guards everything below it except
    * `abandon`; the worker sleeps on work_ready, vkQueueWaitIdle on idle. */
   pthread_mutex_t mutex;
   pthread_cond_t work_ready;
   pthread_cond_t idle;
   /* Submissions not yet started, oldest first. */
   struct memvk_submission *head, *tail;
   /* Finished submissions, kept for reuse by the next vkQueueSubmit so that a
    * steady stream of submissions allocates nothing; freed by the submitting
    * thread, never by the worker (the application's allocator is only
    * called from the application's threads). */
   struct memvk_submission *recycled;
   uint32_t recycled_count;
   /* Submissions ever queued and completed: the queue is idle when equal. */
   uint64_t submitted, completed;
   /* The worker starts on the first submission that needs it. */
   bool thread_started;
   bool stopping;
   pthread_t thread;
   /* Set by memvk_queue_destroy: a worker blocked on a semaphore wait gives
    * up (the spec requires idle queues at vkDestroyDevice; this keeps a
    * broken application from hanging it). */
   _Atomic bool abandon;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_queue, VkQueue, VK_OBJECT_TYPE_QUEUE)

/* Called by vkCreateDevice for each queue it creates, and by vkDestroyDevice
 * (after the application waited for idle, as the spec requires) to end each
 * one: no thread or allocation of the queue outlives destroy. */
VkResult memvk_queue_create(struct memvk_device *device, const VkDeviceQueueCreateInfo *info,
                            uint32_t index_in_family, struct memvk_queue **out_queue);
void memvk_queue_destroy(struct memvk_queue *queue);
