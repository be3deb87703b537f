/* VkQueue: submission, the queue's worker thread, and waiting for idle.
 *
 * vkQueueSubmit(2) copies what each batch names (semaphore operations,
 * command buffers, the fence) into one struct memvk_submission and appends it
 * to the queue's list; the queue's worker thread takes submissions in order
 * and, for each batch, waits for its semaphores, executes its command buffers
 * and performs its signal operations, then signals the fence.  The worker
 * is created by the first submission that needs it, so creating a device
 * costs no thread.  docs/queues.md has the picture. */
#include "queue.h"

#include <signal.h>
#include <stdalign.h>
#include <stdio.h>

#include "alloc.h"
#include "command_buffer.h"
#include "memvk_entrypoints.h"
#include "queue_rules.h"
#include "sync.h"

struct semaphore_operation {
   struct memvk_semaphore *semaphore;
   uint64_t value;
};

struct batch {
   uint32_t wait_count, command_buffer_count, signal_count;
   struct semaphore_operation *waits;
   struct memvk_command_buffer **command_buffers;
   struct semaphore_operation *signals;
};

struct memvk_submission {
   struct memvk_submission *next;
   /* Bytes available after the header, for reuse. */
   size_t capacity;
   uint32_t batch_count;
   struct batch *batches;
   struct memvk_fence *fence;
   alignas(8) uint8_t payload[];
};

/* More finished submissions than this are freed rather than kept. */
#define RECYCLED_SUBMISSIONS_KEPT 16u

VkResult
memvk_queue_create(struct memvk_device *device, const VkDeviceQueueCreateInfo *info, uint32_t index_in_family,
                   struct memvk_queue **out_queue)
{
   struct memvk_queue *queue =
      memvk_zalloc(&device->alloc, sizeof(*queue), 8, VK_SYSTEM_ALLOCATION_SCOPE_DEVICE);
   if (queue == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&queue->base, VK_OBJECT_TYPE_QUEUE);
   queue->device = device;
   queue->family_index = info->queueFamilyIndex;
   queue->index_in_family = index_in_family;
   queue->flags = info->flags;
   /* Default attributes: on Linux these initialisations allocate nothing
    * and cannot fail. */
   pthread_mutex_init(&queue->mutex, NULL);
   pthread_cond_init(&queue->work_ready, NULL);
   pthread_cond_init(&queue->idle, NULL);
   atomic_init(&queue->abandon, false);
   *out_queue = queue;
   return VK_SUCCESS;
}

static void
free_submission_list(struct memvk_queue *queue, struct memvk_submission *submission)
{
   while (submission != NULL) {
      struct memvk_submission *next = submission->next;
      memvk_free(&queue->device->alloc, submission);
      submission = next;
   }
}

void
memvk_queue_destroy(struct memvk_queue *queue)
{
   pthread_mutex_lock(&queue->mutex);
   queue->stopping = true;
   pthread_cond_signal(&queue->work_ready);
   pthread_mutex_unlock(&queue->mutex);
   /* Wake a worker blocked in a semaphore wait, under the sync lock so that
    * it cannot miss the flag between checking it and sleeping. */
   atomic_store(&queue->abandon, true);
   memvk_sync_lock();
   memvk_sync_unlock_and_wake();
   if (queue->thread_started)
      pthread_join(queue->thread, NULL);

   /* Submissions still queued exist only if the application destroyed the
    * device without waiting for idle: they are dropped unexecuted. */
   free_submission_list(queue, queue->head);
   free_submission_list(queue, queue->recycled);
   pthread_cond_destroy(&queue->idle);
   pthread_cond_destroy(&queue->work_ready);
   pthread_mutex_destroy(&queue->mutex);
   memvk_object_finish(&queue->base);
   memvk_free(&queue->device->alloc, queue);
}

/* --- the worker ------------------------------------------------------------ */

/* Runs one submission; false if the queue was abandoned during a wait. */
static bool
execute_submission(struct memvk_queue *queue, const struct memvk_submission *submission)
{
   for (uint32_t b = 0; b < submission->batch_count; b++) {
      const struct batch *batch = &submission->batches[b];
      if (batch->wait_count > 0) {
         memvk_sync_lock();
         for (uint32_t i = 0; i < batch->wait_count; i++) {
            if (!memvk_semaphore_wait_locked(batch->waits[i].semaphore, batch->waits[i].value, &queue->abandon)) {
               memvk_sync_unlock();
               return false;
            }
         }
         memvk_sync_unlock();
      }
      for (uint32_t i = 0; i < batch->command_buffer_count; i++)
         memvk_command_buffer_execute(batch->command_buffers[i]);

      /* One critical section ends the batch: its command buffers leave the
       * pending state before its semaphores are signalled, and a timeline
       * value is visible no later than the submission's fence ("the fence
       * signal operation ... happens after all batches ... complete"). */
      memvk_sync_lock();
      for (uint32_t i = 0; i < batch->command_buffer_count; i++)
         memvk_command_buffer_complete_locked(batch->command_buffers[i]);
      for (uint32_t i = 0; i < batch->signal_count; i++)
         memvk_semaphore_signal_locked(batch->signals[i].semaphore, batch->signals[i].value);
      if (b + 1 == submission->batch_count && submission->fence != NULL)
         atomic_store(&submission->fence->signaled, true);
      memvk_sync_unlock_and_wake();
   }
   if (submission->batch_count == 0 && submission->fence != NULL) {
      memvk_sync_lock();
      atomic_store(&submission->fence->signaled, true);
      memvk_sync_unlock_and_wake();
   }
   return true;
}

static void *
queue_worker(void *data)
{
   struct memvk_queue *queue = data;
   pthread_mutex_lock(&queue->mutex);
   for (;;) {
      while (queue->head == NULL && !queue->stopping)
         pthread_cond_wait(&queue->work_ready, &queue->mutex);
      if (queue->stopping)
         break;
      struct memvk_submission *submission = queue->head;
      queue->head = submission->next;
      if (queue->head == NULL)
         queue->tail = NULL;
      pthread_mutex_unlock(&queue->mutex);

      const bool finished = execute_submission(queue, submission);

      pthread_mutex_lock(&queue->mutex);
      submission->next = queue->recycled;
      queue->recycled = submission;
      queue->recycled_count++;
      if (!finished)
         break;
      queue->completed++;
      if (queue->completed == queue->submitted)
         pthread_cond_broadcast(&queue->idle);
   }
   pthread_mutex_unlock(&queue->mutex);
   return NULL;
}

/* With the queue's mutex held. */
static VkResult
start_worker(struct memvk_queue *queue)
{
   if (queue->thread_started)
      return VK_SUCCESS;
   /* The worker takes none of the application's signals: they stay with the
    * threads the application made. */
   sigset_t all, previous;
   sigfillset(&all);
   pthread_sigmask(SIG_SETMASK, &all, &previous);
   const int error = pthread_create(&queue->thread, NULL, queue_worker, queue);
   pthread_sigmask(SIG_SETMASK, &previous, NULL);
   if (error != 0)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   char name[16];
   snprintf(name, sizeof(name), "memvk-queue%u", queue->index_in_family);
   pthread_setname_np(queue->thread, name);
   queue->thread_started = true;
   return VK_SUCCESS;
}

/* --- building a submission ---------------------------------------------------- */

/* The two submit commands, seen through one shape. */
struct submit_source {
   uint32_t batch_count;
   const VkSubmitInfo *infos;
   const VkSubmitInfo2 *infos2;
};

static uint32_t
source_wait_count(const struct submit_source *source, uint32_t b)
{
   return source->infos ? source->infos[b].waitSemaphoreCount : source->infos2[b].waitSemaphoreInfoCount;
}

static uint32_t
source_signal_count(const struct submit_source *source, uint32_t b)
{
   return source->infos ? source->infos[b].signalSemaphoreCount : source->infos2[b].signalSemaphoreInfoCount;
}

static uint32_t
source_command_buffer_count(const struct submit_source *source, uint32_t b)
{
   return source->infos ? source->infos[b].commandBufferCount : source->infos2[b].commandBufferInfoCount;
}

static VkCommandBuffer
source_command_buffer(const struct submit_source *source, uint32_t b, uint32_t i)
{
   return source->infos ? source->infos[b].pCommandBuffers[i] : source->infos2[b].pCommandBufferInfos[i].commandBuffer;
}

/* A semaphore operation of batch b: the value comes from
 * VkTimelineSemaphoreSubmitInfo (vkQueueSubmit) or VkSemaphoreSubmitInfo
 * (vkQueueSubmit2), and "is ignored" for binary semaphores. */
static struct semaphore_operation
source_semaphore(const struct submit_source *source, uint32_t b, uint32_t i, bool signal)
{
   struct semaphore_operation op;
   if (source->infos2 != NULL) {
      const VkSemaphoreSubmitInfo *info =
         signal ? &source->infos2[b].pSignalSemaphoreInfos[i] : &source->infos2[b].pWaitSemaphoreInfos[i];
      op.semaphore = memvk_semaphore_from_handle(info->semaphore);
      op.value = info->value;
      return op;
   }
   const VkSubmitInfo *info = &source->infos[b];
   op.semaphore = memvk_semaphore_from_handle(signal ? info->pSignalSemaphores[i] : info->pWaitSemaphores[i]);
   op.value = 0;
   if (op.semaphore->type == VK_SEMAPHORE_TYPE_TIMELINE) {
      const VkTimelineSemaphoreSubmitInfo *timeline =
         memvk_find_struct(info->pNext, VK_STRUCTURE_TYPE_TIMELINE_SEMAPHORE_SUBMIT_INFO);
      const uint32_t count = timeline == NULL ? 0
                             : signal       ? timeline->signalSemaphoreValueCount
                                            : timeline->waitSemaphoreValueCount;
      /* VUID-VkSubmitInfo-pWaitSemaphores-03239 / -pNext-03241: a timeline
       * semaphore needs its value in VkTimelineSemaphoreSubmitInfo. */
      if (i >= count)
         memvk_abort_invalid_usage(signal ? "VUID-VkSubmitInfo-pNext-03241" : "VUID-VkSubmitInfo-pWaitSemaphores-03239",
                                   "a timeline semaphore in pSubmits[%u] has no value in "
                                   "VkTimelineSemaphoreSubmitInfo",
                                   b);
      op.value = signal ? timeline->pSignalSemaphoreValues[i] : timeline->pWaitSemaphoreValues[i];
   }
   return op;
}

/* A submission big enough for `payload` bytes: a recycled one if it fits. */
static struct memvk_submission *
get_submission(struct memvk_queue *queue, size_t payload)
{
   struct memvk_submission *submission = NULL, *surplus = NULL;
   pthread_mutex_lock(&queue->mutex);
   if (queue->recycled != NULL && queue->recycled->capacity >= payload) {
      submission = queue->recycled;
      queue->recycled = submission->next;
      queue->recycled_count--;
   }
   if (queue->recycled_count > RECYCLED_SUBMISSIONS_KEPT) {
      surplus = queue->recycled;
      queue->recycled = NULL;
      queue->recycled_count = 0;
   }
   pthread_mutex_unlock(&queue->mutex);
   free_submission_list(queue, surplus);
   if (submission != NULL)
      return submission;

   /* Room for a few more batches than asked, so that it can be reused. */
   const size_t capacity = MEMVK_MAX(payload, (size_t)256);
   submission = memvk_alloc(&queue->device->alloc, sizeof(*submission) + capacity, 8,
                            VK_SYSTEM_ALLOCATION_SCOPE_DEVICE);
   if (submission != NULL)
      submission->capacity = capacity;
   return submission;
}

static VkResult
queue_submit(struct memvk_queue *queue, const struct submit_source *source, VkFence fence_handle,
             const char *command)
{
   /* Count what the batches name; note whether any work needs the worker. */
   size_t waits = 0, signals = 0, command_buffers = 0;
   bool needs_worker = false;
   for (uint32_t b = 0; b < source->batch_count; b++) {
      waits += source_wait_count(source, b);
      signals += source_signal_count(source, b);
      const uint32_t count = source_command_buffer_count(source, b);
      command_buffers += count;
      for (uint32_t i = 0; i < count && !needs_worker; i++)
         needs_worker = !memvk_command_buffer_is_empty(memvk_command_buffer_from_handle(source_command_buffer(source, b, i)));
   }
   needs_worker = needs_worker || waits > 0;
   struct memvk_fence *fence = memvk_fence_from_handle(fence_handle);
   if (fence != NULL && atomic_load(&fence->signaled))
      memvk_abort_invalid_usage("VUID-vkQueueSubmit-fence-00063", "%s: the fence is already signaled", command);

   /* An idle queue given nothing to execute or wait for completes the
    * submission at once, on this thread: every earlier submission has
    * finished, so signalling now keeps the queue's order, and an empty
    * submission costs no thread wake-up. */
   if (!needs_worker) {
      pthread_mutex_lock(&queue->mutex);
      const bool idle = queue->submitted == queue->completed;
      pthread_mutex_unlock(&queue->mutex);
      if (idle) {
         for (uint32_t b = 0; b < source->batch_count; b++) {
            for (uint32_t i = 0; i < source_command_buffer_count(source, b); i++)
               memvk_command_buffer_submit(memvk_command_buffer_from_handle(source_command_buffer(source, b, i)),
                                           command);
         }
         memvk_sync_lock();
         for (uint32_t b = 0; b < source->batch_count; b++) {
            for (uint32_t i = 0; i < source_command_buffer_count(source, b); i++)
               memvk_command_buffer_complete_locked(
                  memvk_command_buffer_from_handle(source_command_buffer(source, b, i)));
            for (uint32_t i = 0; i < source_signal_count(source, b); i++) {
               const struct semaphore_operation op = source_semaphore(source, b, i, true);
               memvk_semaphore_signal_locked(op.semaphore, op.value);
            }
         }
         if (fence != NULL)
            atomic_store(&fence->signaled, true);
         memvk_sync_unlock_and_wake();
         return VK_SUCCESS;
      }
   }

   const size_t payload = sizeof(struct batch) * source->batch_count +
                          sizeof(struct semaphore_operation) * (waits + signals) +
                          sizeof(struct memvk_command_buffer *) * command_buffers;
   struct memvk_submission *submission = get_submission(queue, payload);
   if (submission == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   pthread_mutex_lock(&queue->mutex);
   const VkResult result = start_worker(queue);
   pthread_mutex_unlock(&queue->mutex);
   if (result != VK_SUCCESS) {
      memvk_free(&queue->device->alloc, submission);
      return result;
   }

   /* Nothing can fail from here on. */
   submission->next = NULL;
   submission->fence = fence;
   submission->batch_count = source->batch_count;
   submission->batches = (struct batch *)(void *)submission->payload;
   struct semaphore_operation *ops = (struct semaphore_operation *)(submission->batches + source->batch_count);
   struct memvk_command_buffer **cbs = (struct memvk_command_buffer **)(ops + waits + signals);
   for (uint32_t b = 0; b < source->batch_count; b++) {
      struct batch *batch = &submission->batches[b];
      batch->wait_count = source_wait_count(source, b);
      batch->waits = ops;
      for (uint32_t i = 0; i < batch->wait_count; i++)
         *ops++ = source_semaphore(source, b, i, false);
      batch->signal_count = source_signal_count(source, b);
      batch->signals = ops;
      for (uint32_t i = 0; i < batch->signal_count; i++)
         *ops++ = source_semaphore(source, b, i, true);
      batch->command_buffer_count = source_command_buffer_count(source, b);
      batch->command_buffers = cbs;
      for (uint32_t i = 0; i < batch->command_buffer_count; i++) {
         struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(source_command_buffer(source, b, i));
         memvk_command_buffer_submit(cb, command);
         *cbs++ = cb;
      }
   }

   pthread_mutex_lock(&queue->mutex);
   if (queue->tail != NULL)
      queue->tail->next = submission;
   else
      queue->head = submission;
   queue->tail = submission;
   queue->submitted++;
   pthread_cond_signal(&queue->work_ready);
   pthread_mutex_unlock(&queue->mutex);
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_QueueSubmit(VkQueue queue_handle, uint32_t submitCount, const VkSubmitInfo *pSubmits, VkFence fence)
{
   for (uint32_t b = 0; b < submitCount; b++) {
      const VkProtectedSubmitInfo *protected_info =
         memvk_find_struct(pSubmits[b].pNext, VK_STRUCTURE_TYPE_PROTECTED_SUBMIT_INFO);
      if (protected_info != NULL && protected_info->protectedSubmit)
         memvk_abort_invalid_usage("VUID-vkQueueSubmit-queue-06448",
                                   "a protected submission, but memvk offers no protected memory");
   }
   const struct submit_source source = { .batch_count = submitCount, .infos = pSubmits };
   return queue_submit(memvk_queue_from_handle(queue_handle), &source, fence, "vkQueueSubmit");
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_QueueSubmit2(VkQueue queue_handle, uint32_t submitCount, const VkSubmitInfo2 *pSubmits, VkFence fence)
{
   for (uint32_t b = 0; b < submitCount; b++) {
      if (pSubmits[b].flags & VK_SUBMIT_PROTECTED_BIT)
         memvk_abort_invalid_usage("VUID-vkQueueSubmit2-queue-06447",
                                   "VK_SUBMIT_PROTECTED_BIT, but memvk offers no protected memory");
   }
   const struct submit_source source = { .batch_count = submitCount, .infos2 = pSubmits };
   return queue_submit(memvk_queue_from_handle(queue_handle), &source, fence, "vkQueueSubmit2");
}

/* "vkQueueWaitIdle is equivalent to having submitted a valid fence to every
 * previously executed queue submission command that accepts a fence, then
 * waiting for all of those fences to signal". */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_QueueWaitIdle(VkQueue queue_handle)
{
   struct memvk_queue *queue = memvk_queue_from_handle(queue_handle);
   pthread_mutex_lock(&queue->mutex);
   while (queue->completed != queue->submitted)
      pthread_cond_wait(&queue->idle, &queue->mutex);
   pthread_mutex_unlock(&queue->mutex);
   return VK_SUCCESS;
}

/* "vkDeviceWaitIdle is equivalent to calling vkQueueWaitIdle for all queues
 * owned by device." */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_DeviceWaitIdle(VkDevice device_handle)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   for (uint32_t i = 0; i < device->queue_count; i++)
      memvk_QueueWaitIdle(memvk_queue_to_handle(device->queues[i]));
   return VK_SUCCESS;
}
