/* Counting live VkDeviceMemory without a shared counter on the hot path.
 *
 * A device starts with `allocation_limit` credits in its pool.  Each thread
 * that allocates takes credits from the pool a batch at a time into a
 * magazine of its own (one cache line, found through a small thread-local
 * cache), spends one per allocation and gets one back per free.  Only when
 * its magazine and the pool are both empty does a thread take the device's
 * mutex and collect every other magazine's unused credits, so the limit is
 * exact: an allocation fails only when the device really has `limit` live
 * allocations.  The bytes a thread allocated, minus those it freed, are kept
 * in its magazine too, and the budget's usage is their sum over the
 * process's devices.
 *
 * Every update of a magazine is still an atomic instruction (another thread
 * may collect its credits), but on a cache line no other core writes, so
 * two threads no longer pass one line back and forth. */
#include "memory_accounting.h"

#include <stdlib.h>

#include "alloc.h"
#include "memory.h"
#include "object.h"

/* Credits a magazine takes from the pool at once, and how many it may hold
 * before it gives a batch back. */
#define CREDIT_BATCH 64
#define CREDIT_HOLD_MAX (4 * CREDIT_BATCH)
#define CACHED_MAGAZINES 4

struct memvk_memory_magazine {
   alignas(64) _Atomic int64_t credits;
   /* Written by its owner thread only: relaxed loads and stores suffice. */
   _Atomic int64_t bytes;
   const void *owner;
   struct memvk_memory_magazine *next;
};

static pthread_mutex_t devices_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct memvk_memory_accounting *devices;
static _Atomic uint64_t next_serial = 1;

/* The thread's magazines of its last few devices.  The address of
 * `thread_token` names the thread. */
static _Thread_local struct {
   uint64_t serial;
   struct memvk_memory_magazine *magazine;
} cached_magazines[CACHED_MAGAZINES];
static _Thread_local unsigned cached_next;
static _Thread_local char thread_token;

void
memvk_memory_accounting_init(struct memvk_memory_accounting *accounting, const VkAllocationCallbacks *alloc,
                             uint64_t allocation_limit)
{
   pthread_mutex_init(&accounting->mutex, NULL);
   accounting->magazines = NULL;
   accounting->serial = atomic_fetch_add_explicit(&next_serial, 1, memory_order_relaxed);
   accounting->alloc = alloc;
   atomic_init(&accounting->pool, (int64_t)allocation_limit);
   atomic_init(&accounting->unmagazined_bytes, 0);
   pthread_mutex_lock(&devices_mutex);
   accounting->next = devices;
   devices = accounting;
   pthread_mutex_unlock(&devices_mutex);
}

void
memvk_memory_accounting_finish(struct memvk_memory_accounting *accounting)
{
   pthread_mutex_lock(&devices_mutex);
   for (struct memvk_memory_accounting **link = &devices; *link != NULL; link = &(*link)->next) {
      if (*link == accounting) {
         *link = accounting->next;
         break;
      }
   }
   pthread_mutex_unlock(&devices_mutex);
   for (struct memvk_memory_magazine *m = accounting->magazines, *next; m != NULL; m = next) {
      next = m->next;
      memvk_free(accounting->alloc, m);
   }
   pthread_mutex_destroy(&accounting->mutex);
}

/* This thread's magazine for the device; NULL if none could be allocated. */
static struct memvk_memory_magazine *
thread_magazine(struct memvk_memory_accounting *accounting)
{
   for (unsigned i = 0; i < CACHED_MAGAZINES; i++) {
      if (cached_magazines[i].serial == accounting->serial)
         return cached_magazines[i].magazine;
   }

   pthread_mutex_lock(&accounting->mutex);
   struct memvk_memory_magazine *magazine = accounting->magazines;
   while (magazine != NULL && magazine->owner != &thread_token)
      magazine = magazine->next;
   if (magazine == NULL) {
      magazine = memvk_alloc(accounting->alloc, sizeof(*magazine), alignof(struct memvk_memory_magazine),
                             VK_SYSTEM_ALLOCATION_SCOPE_DEVICE);
      if (magazine != NULL) {
         atomic_init(&magazine->credits, 0);
         atomic_init(&magazine->bytes, 0);
         magazine->owner = &thread_token;
         magazine->next = accounting->magazines;
         accounting->magazines = magazine;
      }
   }
   pthread_mutex_unlock(&accounting->mutex);

   if (magazine != NULL) {
      const unsigned slot = cached_next++ % CACHED_MAGAZINES;
      cached_magazines[slot].serial = accounting->serial;
      cached_magazines[slot].magazine = magazine;
   }
   return magazine;
}

/* Takes up to `wanted` credits from an atomic counter; returns how many. */
static int64_t
take_credits(_Atomic int64_t *from, int64_t wanted)
{
   int64_t available = atomic_load_explicit(from, memory_order_relaxed);
   while (available > 0) {
      const int64_t taken = available < wanted ? available : wanted;
      if (atomic_compare_exchange_weak_explicit(from, &available, available - taken, memory_order_relaxed,
                                                memory_order_relaxed))
         return taken;
   }
   return 0;
}

/* The slow path: the pool is empty, so collect what the other magazines hold. */
static int64_t
collect_credits(struct memvk_memory_accounting *accounting)
{
   int64_t collected = 0;
   pthread_mutex_lock(&accounting->mutex);
   collected = take_credits(&accounting->pool, INT64_MAX);
   for (struct memvk_memory_magazine *m = accounting->magazines; m != NULL; m = m->next)
      collected += take_credits(&m->credits, INT64_MAX);
   pthread_mutex_unlock(&accounting->mutex);
   return collected;
}

static void
add_bytes(struct memvk_memory_accounting *accounting, struct memvk_memory_magazine *magazine, int64_t bytes)
{
   if (magazine != NULL) {
      const int64_t current = atomic_load_explicit(&magazine->bytes, memory_order_relaxed);
      atomic_store_explicit(&magazine->bytes, current + bytes, memory_order_relaxed);
   } else {
      atomic_fetch_add_explicit(&accounting->unmagazined_bytes, bytes, memory_order_relaxed);
   }
}

bool
memvk_memory_accounting_acquire(struct memvk_memory_accounting *accounting, uint64_t bytes)
{
   struct memvk_memory_magazine *magazine = thread_magazine(accounting);
   if (magazine == NULL || take_credits(&magazine->credits, 1) == 0) {
      int64_t got = take_credits(&accounting->pool, magazine != NULL ? CREDIT_BATCH : 1);
      if (got == 0)
         got = collect_credits(accounting);
      if (got == 0)
         return false;
      /* One credit is this allocation's; the rest go to the magazine (or,
       * without one, back to the pool). */
      if (got > 1)
         atomic_fetch_add_explicit(magazine != NULL ? &magazine->credits : &accounting->pool, got - 1,
                                   memory_order_relaxed);
   }
   add_bytes(accounting, magazine, (int64_t)bytes);
   return true;
}

void
memvk_memory_accounting_release(struct memvk_memory_accounting *accounting, uint64_t bytes)
{
   struct memvk_memory_magazine *magazine = thread_magazine(accounting);
   if (magazine == NULL) {
      atomic_fetch_add_explicit(&accounting->pool, 1, memory_order_relaxed);
   } else if (atomic_fetch_add_explicit(&magazine->credits, 1, memory_order_relaxed) + 1 > CREDIT_HOLD_MAX) {
      /* A thread that frees what others allocated gives the surplus back. */
      const int64_t surplus = take_credits(&magazine->credits, CREDIT_BATCH);
      atomic_fetch_add_explicit(&accounting->pool, surplus, memory_order_relaxed);
   }
   add_bytes(accounting, magazine, -(int64_t)bytes);
}

uint64_t
memvk_memory_accounting_live(struct memvk_memory_accounting *accounting, uint64_t allocation_limit)
{
   pthread_mutex_lock(&accounting->mutex);
   int64_t unused = atomic_load_explicit(&accounting->pool, memory_order_relaxed);
   for (struct memvk_memory_magazine *m = accounting->magazines; m != NULL; m = m->next)
      unused += atomic_load_explicit(&m->credits, memory_order_relaxed);
   pthread_mutex_unlock(&accounting->mutex);
   return allocation_limit - (uint64_t)unused;
}

/* The budget's usage: the live bytes of every device of this process. */
uint64_t
memvk_process_memory_usage(void)
{
   int64_t total = 0;
   pthread_mutex_lock(&devices_mutex);
   for (struct memvk_memory_accounting *a = devices; a != NULL; a = a->next) {
      pthread_mutex_lock(&a->mutex);
      total += atomic_load_explicit(&a->unmagazined_bytes, memory_order_relaxed);
      for (struct memvk_memory_magazine *m = a->magazines; m != NULL; m = m->next)
         total += atomic_load_explicit(&m->bytes, memory_order_relaxed);
      pthread_mutex_unlock(&a->mutex);
   }
   pthread_mutex_unlock(&devices_mutex);
   return total > 0 ? (uint64_t)total : 0;
}
