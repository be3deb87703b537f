/* VkFence, VkSemaphore (binary and timeline) and VkEvent.  See sync.h for
 * the one-lock design and docs/queues.md for how the queue workers signal. */
#include "sync.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>

#include "alloc.h"
#include "memvk_entrypoints.h"
#include "queue_rules.h"

static pthread_mutex_t sync_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sync_cond = PTHREAD_COND_INITIALIZER;

void
memvk_sync_lock(void)
{
   pthread_mutex_lock(&sync_mutex);
}

void
memvk_sync_unlock(void)
{
   pthread_mutex_unlock(&sync_mutex);
}

void
memvk_sync_unlock_and_wake(void)
{
   /* Broadcast: waiters wait for different predicates on one condition. */
   pthread_cond_broadcast(&sync_cond);
   pthread_mutex_unlock(&sync_mutex);
}

struct memvk_deadline
memvk_deadline_from_timeout(uint64_t timeout_ns)
{
   struct memvk_deadline deadline = { .infinite = timeout_ns == UINT64_MAX };
   if (deadline.infinite)
      return deadline;
   clock_gettime(CLOCK_MONOTONIC, &deadline.when);
   const uint64_t seconds = timeout_ns / 1000000000u + (uint64_t)deadline.when.tv_sec;
   const long nanoseconds = (long)(timeout_ns % 1000000000u) + deadline.when.tv_nsec;
   /* Timeouts beyond the clock's range (centuries) are waits without end. */
   if (seconds >= (uint64_t)INT64_MAX / 2) {
      deadline.infinite = true;
      return deadline;
   }
   deadline.when.tv_sec = (time_t)seconds + nanoseconds / 1000000000;
   deadline.when.tv_nsec = nanoseconds % 1000000000;
   return deadline;
}

bool
memvk_sync_wait_locked(const struct memvk_deadline *deadline)
{
   if (deadline->infinite) {
      pthread_cond_wait(&sync_cond, &sync_mutex);
      return true;
   }
   return pthread_cond_clockwait(&sync_cond, &sync_mutex, CLOCK_MONOTONIC, &deadline->when) != ETIMEDOUT;
}

/* --- fences -------------------------------------------------------------- */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateFence(VkDevice device_handle, const VkFenceCreateInfo *pCreateInfo,
                  const VkAllocationCallbacks *pAllocator, VkFence *pFence)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_fence *fence = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*fence), 8,
                                             VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (fence == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&fence->base, VK_OBJECT_TYPE_FENCE);
   /* "VK_FENCE_CREATE_SIGNALED_BIT specifies that the fence object is created
    * in the signaled state." */
   atomic_init(&fence->signaled, (pCreateInfo->flags & VK_FENCE_CREATE_SIGNALED_BIT) != 0);
   *pFence = memvk_fence_to_handle(fence);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyFence(VkDevice device_handle, VkFence fence_handle, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_fence *fence = memvk_fence_from_handle(fence_handle);
   if (fence == NULL)
      return;
   memvk_object_finish(&fence->base);
   memvk_free2(&device->alloc, pAllocator, fence);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_ResetFences(VkDevice device_handle, uint32_t fenceCount, const VkFence *pFences)
{
   (void)device_handle;
   memvk_sync_lock();
   for (uint32_t i = 0; i < fenceCount; i++)
      atomic_store(&memvk_fence_from_handle(pFences[i])->signaled, false);
   memvk_sync_unlock();
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetFenceStatus(VkDevice device_handle, VkFence fence_handle)
{
   (void)device_handle;
   return atomic_load(&memvk_fence_from_handle(fence_handle)->signaled) ? VK_SUCCESS : VK_NOT_READY;
}

static bool
fences_ready(uint32_t count, const VkFence *fences, bool wait_all)
{
   for (uint32_t i = 0; i < count; i++) {
      const bool signaled = atomic_load(&memvk_fence_from_handle(fences[i])->signaled);
      if (signaled && !wait_all)
         return true;
      if (!signaled && wait_all)
         return false;
   }
   return wait_all;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_WaitForFences(VkDevice device_handle, uint32_t fenceCount, const VkFence *pFences,
                    VkBool32 waitAll, uint64_t timeout)
{
   (void)device_handle;
   /* "If timeout is zero, then vkWaitForFences does not wait, but simply
    * returns the current state of the fences." */
   if (fences_ready(fenceCount, pFences, waitAll))
      return VK_SUCCESS;
   if (timeout == 0)
      return VK_TIMEOUT;
   const struct memvk_deadline deadline = memvk_deadline_from_timeout(timeout);
   VkResult result = VK_SUCCESS;
   memvk_sync_lock();
   while (!fences_ready(fenceCount, pFences, waitAll)) {
      if (!memvk_sync_wait_locked(&deadline) && !fences_ready(fenceCount, pFences, waitAll)) {
         result = VK_TIMEOUT;
         break;
      }
   }
   memvk_sync_unlock();
   return result;
}

/* --- semaphores ---------------------------------------------------------- */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateSemaphore(VkDevice device_handle, const VkSemaphoreCreateInfo *pCreateInfo,
                      const VkAllocationCallbacks *pAllocator, VkSemaphore *pSemaphore)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   const VkSemaphoreTypeCreateInfo *type_info =
      memvk_find_struct(pCreateInfo->pNext, VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO);
   struct memvk_semaphore *semaphore = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*semaphore), 8,
                                                     VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (semaphore == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&semaphore->base, VK_OBJECT_TYPE_SEMAPHORE);
   /* "If no VkSemaphoreTypeCreateInfo structure is included in the pNext
    * chain of VkSemaphoreCreateInfo, then the created semaphore will have a
    * default VkSemaphoreType of VK_SEMAPHORE_TYPE_BINARY." */
   semaphore->type = type_info != NULL ? type_info->semaphoreType : VK_SEMAPHORE_TYPE_BINARY;
   /* VUID-VkSemaphoreTypeCreateInfo-semaphoreType-03279: a binary
    * semaphore's initialValue must be zero, so it starts unsignaled. */
   atomic_init(&semaphore->value,
               semaphore->type == VK_SEMAPHORE_TYPE_TIMELINE ? type_info->initialValue : 0);
   *pSemaphore = memvk_semaphore_to_handle(semaphore);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroySemaphore(VkDevice device_handle, VkSemaphore semaphore_handle,
                       const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_semaphore *semaphore = memvk_semaphore_from_handle(semaphore_handle);
   if (semaphore == NULL)
      return;
   memvk_object_finish(&semaphore->base);
   memvk_free2(&device->alloc, pAllocator, semaphore);
}

bool
memvk_semaphore_wait_locked(struct memvk_semaphore *semaphore, uint64_t value, const _Atomic bool *abandon)
{
   static const struct memvk_deadline never = { .infinite = true };
   if (semaphore->type == VK_SEMAPHORE_TYPE_TIMELINE) {
      while (atomic_load(&semaphore->value) < value) {
         if (atomic_load(abandon))
            return false;
         memvk_sync_wait_locked(&never);
      }
      return true;
   }
   /* A binary wait "unsignals" the semaphore as it completes ("Semaphore
    * Waiting"): each signal satisfies exactly one wait. */
   while (atomic_load(&semaphore->value) == 0) {
      if (atomic_load(abandon))
         return false;
      memvk_sync_wait_locked(&never);
   }
   atomic_store(&semaphore->value, 0);
   return true;
}

void
memvk_semaphore_signal_locked(struct memvk_semaphore *semaphore, uint64_t value)
{
   atomic_store(&semaphore->value, semaphore->type == VK_SEMAPHORE_TYPE_TIMELINE ? value : 1);
}

static struct memvk_semaphore *
timeline_semaphore(VkSemaphore handle, const char *vuid)
{
   struct memvk_semaphore *semaphore = memvk_semaphore_from_handle(handle);
   if (semaphore->type != VK_SEMAPHORE_TYPE_TIMELINE)
      memvk_abort_invalid_usage(vuid, "the semaphore is binary, not a timeline semaphore");
   return semaphore;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetSemaphoreCounterValue(VkDevice device_handle, VkSemaphore semaphore_handle, uint64_t *pValue)
{
   (void)device_handle;
   struct memvk_semaphore *semaphore =
      timeline_semaphore(semaphore_handle, "VUID-vkGetSemaphoreCounterValue-semaphore-03255");
   *pValue = atomic_load(&semaphore->value);
   return VK_SUCCESS;
}

static bool
semaphores_ready(const VkSemaphoreWaitInfo *info)
{
   /* "VK_SEMAPHORE_WAIT_ANY_BIT specifies that the semaphore wait condition
    * is that at least one of the semaphores in VkSemaphoreWaitInfo::pSemaphores
    * has reached the value specified by the corresponding element of
    * VkSemaphoreWaitInfo::pValues." */
   const bool wait_any = (info->flags & VK_SEMAPHORE_WAIT_ANY_BIT) != 0;
   for (uint32_t i = 0; i < info->semaphoreCount; i++) {
      const bool reached =
         atomic_load(&memvk_semaphore_from_handle(info->pSemaphores[i])->value) >= info->pValues[i];
      if (reached && wait_any)
         return true;
      if (!reached && !wait_any)
         return false;
   }
   return !wait_any || info->semaphoreCount == 0;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_WaitSemaphores(VkDevice device_handle, const VkSemaphoreWaitInfo *pWaitInfo, uint64_t timeout)
{
   (void)device_handle;
   for (uint32_t i = 0; i < pWaitInfo->semaphoreCount; i++)
      timeline_semaphore(pWaitInfo->pSemaphores[i], "VUID-VkSemaphoreWaitInfo-pSemaphores-03256");
   if (semaphores_ready(pWaitInfo))
      return VK_SUCCESS;
   if (timeout == 0)
      return VK_TIMEOUT;
   const struct memvk_deadline deadline = memvk_deadline_from_timeout(timeout);
   VkResult result = VK_SUCCESS;
   memvk_sync_lock();
   while (!semaphores_ready(pWaitInfo)) {
      if (!memvk_sync_wait_locked(&deadline) && !semaphores_ready(pWaitInfo)) {
         result = VK_TIMEOUT;
         break;
      }
   }
   memvk_sync_unlock();
   return result;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_SignalSemaphore(VkDevice device_handle, const VkSemaphoreSignalInfo *pSignalInfo)
{
   (void)device_handle;
   struct memvk_semaphore *semaphore =
      timeline_semaphore(pSignalInfo->semaphore, "VUID-VkSemaphoreSignalInfo-semaphore-03257");
   memvk_sync_lock();
   const uint64_t current = atomic_load(&semaphore->value);
   if (pSignalInfo->value <= current) {
      memvk_sync_unlock();
      memvk_abort_invalid_usage("VUID-VkSemaphoreSignalInfo-value-03258",
                                "value %" PRIu64 " must be greater than the semaphore's current value %" PRIu64,
                                pSignalInfo->value, current);
   }
   memvk_semaphore_signal_locked(semaphore, pSignalInfo->value);
   memvk_sync_unlock_and_wake();
   return VK_SUCCESS;
}

/* --- events (host side only: see sync.h) ---------------------------------- */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateEvent(VkDevice device_handle, const VkEventCreateInfo *pCreateInfo,
                  const VkAllocationCallbacks *pAllocator, VkEvent *pEvent)
{
   (void)pCreateInfo;
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_event *event = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*event), 8,
                                             VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (event == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&event->base, VK_OBJECT_TYPE_EVENT);
   /* "When created, the event object is in the unsignaled state." */
   atomic_init(&event->set, false);
   *pEvent = memvk_event_to_handle(event);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyEvent(VkDevice device_handle, VkEvent event_handle, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_event *event = memvk_event_from_handle(event_handle);
   if (event == NULL)
      return;
   memvk_object_finish(&event->base);
   memvk_free2(&device->alloc, pAllocator, event);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetEventStatus(VkDevice device_handle, VkEvent event_handle)
{
   (void)device_handle;
   return atomic_load(&memvk_event_from_handle(event_handle)->set) ? VK_EVENT_SET : VK_EVENT_RESET;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_SetEvent(VkDevice device_handle, VkEvent event_handle)
{
   (void)device_handle;
   atomic_store(&memvk_event_from_handle(event_handle)->set, true);
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_ResetEvent(VkDevice device_handle, VkEvent event_handle)
{
   (void)device_handle;
   atomic_store(&memvk_event_from_handle(event_handle)->set, false);
   return VK_SUCCESS;
}
