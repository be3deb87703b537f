/* Counting live VkDeviceMemory: the device's maxMemoryAllocationCount, which
 * vkAllocateMemory enforces exactly, and the process's bytes in use, which
 * VK_EXT_memory_budget reports (memory_accounting.c).
 *
 * Both change on every allocate and free.  Shared counters would make two
 * threads allocating at once bounce one cache line between their cores, so
 * each thread counts in a magazine of its own (docs/memory.md, "Counting
 * allocations"). */
#pragma once

#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <vulkan/vulkan.h>

struct memvk_memory_magazine;

struct memvk_memory_accounting {
   /* Guards `magazines` (and the stealing of their credits). */
   pthread_mutex_t mutex;
   struct memvk_memory_magazine *magazines;
   /* Names this device in the threads' magazine caches; never reused, so a
    * cache entry of a destroyed device can never match a new one. */
   uint64_t serial;
   const VkAllocationCallbacks *alloc;
   /* The process's devices, for the budget's usage. */
   struct memvk_memory_accounting *next;
   /* Allocation credits held by no magazine.  Credits in the pool, in the
    * magazines and live allocations always add up to the limit. */
   alignas(64) _Atomic int64_t pool;
   /* Bytes counted here when a thread could get no magazine (its host
    * allocation failed). */
   _Atomic int64_t unmagazined_bytes;
};

/* `alloc` is the device's: magazines are device-scope host memory. */
void memvk_memory_accounting_init(struct memvk_memory_accounting *accounting, const VkAllocationCallbacks *alloc,
                                  uint64_t allocation_limit);
/* After every memory object of the device is freed. */
void memvk_memory_accounting_finish(struct memvk_memory_accounting *accounting);

/* Counts one more allocation of `bytes`; false, counting nothing, when the
 * device already has allocation_limit live allocations. */
bool memvk_memory_accounting_acquire(struct memvk_memory_accounting *accounting, uint64_t bytes);
void memvk_memory_accounting_release(struct memvk_memory_accounting *accounting, uint64_t bytes);

/* Live allocations of one device: exact when no allocate or free runs at the
 * same time (for tests). */
uint64_t memvk_memory_accounting_live(struct memvk_memory_accounting *accounting, uint64_t allocation_limit);
