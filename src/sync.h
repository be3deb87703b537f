/* VkFence, VkSemaphore and VkEvent (sync.c).
 *
 * Every fence and semaphore payload of the process is guarded by one lock
 * and one condition variable (sync.c).  Payloads change rarely (once per
 * submission batch at most) and waiters must be woken by whichever thread
 * changes them: the queue workers (queue.c) and the host (vkSignalSemaphore,
 * vkResetFences).  One lock makes "wait for any of these fences / all of
 * these semaphores" a plain predicate checked under it, and a waiter sleeps
 * in the kernel: no wait ever spins a core.
 *
 * Events are host-only on memvk: the commands that set, reset or wait on
 * them from a command buffer need a graphics, compute or video queue, which
 * memvk does not have.  Their status is one atomic. */
#pragma once

#include <stdatomic.h>
#include <time.h>

#include "device.h"

struct memvk_fence {
   struct memvk_object base;
   /* Written under the sync lock; read without it by vkGetFenceStatus. */
   _Atomic bool signaled;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_fence, VkFence, VK_OBJECT_TYPE_FENCE)

struct memvk_semaphore {
   struct memvk_object base;
   VkSemaphoreType type;
   /* Timeline: the counter value.  Binary: 1 signaled, 0 unsignaled.
    * Written under the sync lock. */
   _Atomic uint64_t value;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_semaphore, VkSemaphore, VK_OBJECT_TYPE_SEMAPHORE)

struct memvk_event {
   struct memvk_object base;
   _Atomic bool set;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_event, VkEvent, VK_OBJECT_TYPE_EVENT)

/* The sync lock: hold it to change a fence or semaphore payload, then
 * memvk_sync_unlock_and_wake() so that waiters re-check. */
void memvk_sync_lock(void);
void memvk_sync_unlock(void);
void memvk_sync_unlock_and_wake(void);

/* A host wait's deadline from a Vulkan timeout in nanoseconds.
 * UINT64_MAX (and any timeout that would overflow the clock) means never. */
struct memvk_deadline {
   bool infinite;
   struct timespec when;    /* CLOCK_MONOTONIC */
};

struct memvk_deadline memvk_deadline_from_timeout(uint64_t timeout_ns);

/* With the sync lock held: sleeps until woken or the deadline passes;
 * false once the deadline has passed.  Callers loop on their predicate. */
bool memvk_sync_wait_locked(const struct memvk_deadline *deadline);

/* For a queue worker, with the sync lock held: waits until the semaphore
 * operation can proceed (a timeline value reached, a binary semaphore
 * signaled, which it then unsignals) or *abandon becomes true (the device is
 * being destroyed).  False if abandoned. */
bool memvk_semaphore_wait_locked(struct memvk_semaphore *semaphore, uint64_t value,
                                 const _Atomic bool *abandon);
/* With the sync lock held: the semaphore signal operation of a batch. */
void memvk_semaphore_signal_locked(struct memvk_semaphore *semaphore, uint64_t value);
