/* VkDeviceMemory: allocation, host mapping (map, map2, placed maps,
 * reserve-unmap), flush/invalidate, commitment, priority, capture addresses,
 * and the queue workers' access to the bytes.
 *
 * docs/memory.md tells the design with the numbers behind it.  In short:
 *
 *  - a memory object's bytes live at `home`, mapped in this process from
 *    allocation to free, so a plain map is "return home + offset": no system
 *    call, no lock;
 *  - small host-visible allocations are 64-byte-aligned blocks of the
 *    private jemalloc (a malloc costs tens of nanoseconds, an mmap+munmap
 *    about 4 us); large ones and lazily allocated ones are anonymous private
 *    mappings of their own (huge pages, given back on free);
 *  - the first placed map of an object moves its bytes into an anonymous
 *    *shared* mapping; every placed map is then a second view of the same
 *    pages (mremap with old_size 0), so home stays valid and the queue
 *    workers never need to know where the application placed anything;
 *  - home moves only in that first placed map and in a reserve-unmap of a
 *    plain map, under the per-object lock the queue workers read through. */
#include "memory.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <jemalloc.h>

#include "alloc.h"
#include "constants.h"
#include "queue_rules.h"

/* Host-visible allocations below this size are jemalloc blocks.  1 MiB
 * keeps the system call (~4 us for mmap+munmap) and the first-touch page
 * faults (~10 us a 4 KiB page) off every allocation an application is likely
 * to make often; jemalloc hands recycled, already resident pages back.  From
 * here on one mapping per allocation is cheap relative to the bytes, and
 * munmap gives the memory back at once. */
#define HEAP_BACKING_LIMIT   (UINT64_C(1) << 20)
/* Private mappings of at least one huge page are rounded up to whole huge
 * pages (the kernel then aligns them to 2 MiB) and marked MADV_HUGEPAGE:
 * first touch then runs at ~10 GB/s instead of ~0.3 GB/s. */
#define HUGE_PAGE_SIZE       (UINT64_C(2) << 20)
/* Device addresses are handed out from two disjoint ranges, so that a replayed
 * capture address can never collide with a fresh allocation's. */
#define DEVICE_ADDRESS_GRANULE       (UINT64_C(1) << 16)
#define DEVICE_ADDRESS_BASE          (UINT64_C(1) << 32)
#define DEVICE_ADDRESS_REPLAY_BASE   (UINT64_C(1) << 62)
#define DEVICE_ADDRESS_REPLAY_END    (UINT64_C(1) << 63)
#define POISON_FRESH_BYTE    0xa5
#define POISON_FREED_BYTE    0xdd

/* The private jemalloc's thread caches keep blocks up to 32 KiB by default;
 * device memory up to 64 KiB is allocated and freed often enough (staging
 * buffers, uniform blocks) that it deserves the same fast path (a 64 KiB
 * allocate+free costs ~250 ns without it, ~15 ns with it). */
const char *memvk_je_malloc_conf = "tcache_max:65536";

/* The allocation count and the budget's usage are kept by
 * memory_accounting.c, in per-thread magazines. */
static _Atomic uint64_t next_device_address = DEVICE_ADDRESS_BASE;
static _Atomic uint64_t next_replay_device_address = DEVICE_ADDRESS_REPLAY_BASE;

uint64_t
memvk_page_size(void)
{
   static _Atomic uint64_t page_size;
   uint64_t size = atomic_load_explicit(&page_size, memory_order_relaxed);
   if (size == 0) {
      size = (uint64_t)sysconf(_SC_PAGESIZE);
      atomic_store_explicit(&page_size, size, memory_order_relaxed);
   }
   return size;
}

/* MEMVK_POISON=1 (docs/memory.md, "Catching bugs a GPU forgives"). */
static bool
poison_enabled(void)
{
   static _Atomic int enabled = -1;
   int value = atomic_load_explicit(&enabled, memory_order_relaxed);
   if (value < 0) {
      const char *env = getenv("MEMVK_POISON");
      value = env != NULL && env[0] != '\0' && strcmp(env, "0") != 0;
      atomic_store_explicit(&enabled, value, memory_order_relaxed);
   }
   return value;
}

static inline bool
type_is_host_visible(uint32_t type_index)
{
   return type_index == MEMVK_MEMORY_TYPE_HOST;
}

/* --- the backing lock -------------------------------------------------------
 * A reader-writer lock in one 32-bit word, so that every memory object can
 * have one at no cost in size: queue workers read (memvk_device_memory_
 * begin_access), and only the operations that move the bytes to a new home
 * write.  Readers never wait for a writer that is merely waiting, so a
 * worker may nest accesses to one object; the writer waits for readers to
 * drain.  Sleeping is a futex wait, never a spin. */
#define LOCK_WRITER       0x80000000u
#define LOCK_WAITING      0x40000000u
#define LOCK_READERS_MASK 0x3fffffffu

static void
futex_wait(_Atomic uint32_t *word, uint32_t expected)
{
   syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void
futex_wake_all(_Atomic uint32_t *word)
{
   syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

/* Sets LOCK_WAITING in *state (and the word) before sleeping on it; false if
 * the word changed meanwhile and the caller must look again. */
static bool
announce_waiter(_Atomic uint32_t *lock, uint32_t *state)
{
   if (*state & LOCK_WAITING)
      return true;
   if (!atomic_compare_exchange_weak_explicit(lock, state, *state | LOCK_WAITING,
                                              memory_order_relaxed, memory_order_relaxed))
      return false;
   *state |= LOCK_WAITING;
   return true;
}

static void
backing_read_lock(_Atomic uint32_t *lock)
{
   uint32_t state = atomic_load_explicit(lock, memory_order_relaxed);
   for (;;) {
      if (!(state & LOCK_WRITER)) {
         if (atomic_compare_exchange_weak_explicit(lock, &state, state + 1, memory_order_acquire,
                                                   memory_order_relaxed))
            return;
         continue;
      }
      if (!announce_waiter(lock, &state))
         continue;
      futex_wait(lock, state);
      state = atomic_load_explicit(lock, memory_order_relaxed);
   }
}

static void
backing_read_unlock(_Atomic uint32_t *lock)
{
   uint32_t state = atomic_fetch_sub_explicit(lock, 1, memory_order_release) - 1;
   /* The last reader out wakes a writer waiting for the readers to drain. */
   if (state == LOCK_WAITING) {
      uint32_t expected = LOCK_WAITING;
      if (atomic_compare_exchange_strong_explicit(lock, &expected, 0, memory_order_relaxed,
                                                  memory_order_relaxed))
         futex_wake_all(lock);
   }
}

static void
backing_write_lock(_Atomic uint32_t *lock)
{
   uint32_t state = atomic_load_explicit(lock, memory_order_relaxed);
   for (;;) {
      if ((state & (LOCK_READERS_MASK | LOCK_WRITER)) == 0) {
         if (atomic_compare_exchange_weak_explicit(lock, &state, state | LOCK_WRITER,
                                                   memory_order_acquire, memory_order_relaxed))
            return;
         continue;
      }
      if (!announce_waiter(lock, &state))
         continue;
      futex_wait(lock, state);
      state = atomic_load_explicit(lock, memory_order_relaxed);
   }
}

static void
backing_write_unlock(_Atomic uint32_t *lock)
{
   if (atomic_exchange_explicit(lock, 0, memory_order_release) & LOCK_WAITING)
      futex_wake_all(lock);
}

uint8_t *
memvk_device_memory_begin_access(struct memvk_device_memory *memory, VkDeviceSize offset,
                                 VkDeviceSize size)
{
   (void)size; /* the whole object stays put, not only the range */
   backing_read_lock(&memory->backing_lock);
   return memory->home + offset;
}

void
memvk_device_memory_end_access(struct memvk_device_memory *memory)
{
   backing_read_unlock(&memory->backing_lock);
}

/* --- backings ---------------------------------------------------------------- */

/* --- retained huge-page mappings ---------------------------------------------
 * Private mappings from 2 MiB up need madvise(MADV_HUGEPAGE), a third system
 * call on top of mmap+munmap (+30-50 % on allocate+free).  Instead of
 * munmap, a freed huge-page mapping is emptied with MADV_DONTNEED (its pages
 * go back to the system at once, as with munmap) and kept, still marked
 * MADV_HUGEPAGE, in one of a few process-wide slots; an allocation of the
 * same length takes it back without any system call.  Each slot is one atomic
 * word, the mapping's 2 MiB-aligned address ORed with its length in 2 MiB
 * units, so that taking and giving back are lock-free.  At most
 * RETAINED_SLOTS x RETAINED_MAX_LENGTH of address space, and no memory, is
 * kept; any failed mmap first releases them all. */
#define RETAINED_SLOTS       8
#define RETAINED_MAX_LENGTH  (UINT64_C(1) << 30)

static _Atomic uint64_t retained_mappings[RETAINED_SLOTS];

static uint8_t *
take_retained_mapping(size_t length)
{
   const uint64_t units = length / HUGE_PAGE_SIZE;
   for (int i = 0; i < RETAINED_SLOTS; i++) {
      uint64_t slot = atomic_load_explicit(&retained_mappings[i], memory_order_relaxed);
      if (slot != 0 && (slot & (HUGE_PAGE_SIZE - 1)) == units &&
          atomic_compare_exchange_strong_explicit(&retained_mappings[i], &slot, 0,
                                                  memory_order_acquire, memory_order_relaxed))
         return (uint8_t *)(uintptr_t)(slot & ~(HUGE_PAGE_SIZE - 1));
   }
   return NULL;
}

/* Returns false if the mapping was not kept (the caller unmaps it). */
static bool
retain_mapping(uint8_t *home, size_t length)
{
   if (length > RETAINED_MAX_LENGTH || (uintptr_t)home % HUGE_PAGE_SIZE != 0 ||
       madvise(home, length, MADV_DONTNEED) != 0)
      return false;
   const uint64_t slot = (uintptr_t)home | (length / HUGE_PAGE_SIZE);
   for (int i = 0; i < RETAINED_SLOTS; i++) {
      uint64_t empty = 0;
      if (atomic_compare_exchange_strong_explicit(&retained_mappings[i], &empty, slot,
                                                  memory_order_release, memory_order_relaxed))
         return true;
   }
   return false;
}

static bool
release_retained_mappings(void)
{
   bool released = false;
   for (int i = 0; i < RETAINED_SLOTS; i++) {
      const uint64_t slot = atomic_exchange_explicit(&retained_mappings[i], 0, memory_order_acquire);
      if (slot != 0) {
         munmap((void *)(uintptr_t)(slot & ~(HUGE_PAGE_SIZE - 1)), (slot & (HUGE_PAGE_SIZE - 1)) * HUGE_PAGE_SIZE);
         released = true;
      }
   }
   return released;
}

static uint8_t *
map_anonymous(size_t length, bool shared, bool huge)
{
   if (huge) {
      uint8_t *retained = take_retained_mapping(length);
      if (retained != NULL)
         return retained;
   }
   const int flags = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS;
   void *p = mmap(NULL, length, PROT_READ | PROT_WRITE, flags, -1, 0);
   if (p == MAP_FAILED && release_retained_mappings())
      p = mmap(NULL, length, PROT_READ | PROT_WRITE, flags, -1, 0);
   if (p == MAP_FAILED)
      return NULL;
   /* Only a hint: without it the memory is still right, only slower to touch. */
   if (huge)
      madvise(p, length, MADV_HUGEPAGE);
   return p;
}

/* Gives back a mapping made by map_anonymous(). */
static void
unmap_anonymous(uint8_t *home, size_t length, bool huge)
{
   if (!huge || !retain_mapping(home, length))
      munmap(home, length);
}

static bool
wants_huge_pages(uint32_t type_index, VkDeviceSize size)
{
   /* Lazily allocated memory commits as little as it can: 4 KiB at a time. */
   return type_is_host_visible(type_index) && size >= HUGE_PAGE_SIZE;
}

/* jemalloc's MALLOCX_ALIGN(64) leaves the thread cache for some sizes (a
 * 16 KiB block then costs ~400 ns instead of ~13 ns).  It is not needed: a
 * slab is page-aligned and holds blocks of one size class back to back, and
 * every size class that a multiple of 64 rounds up to is itself a multiple
 * of 64 (classes grow in quarter steps of a power of two: 64, 128, 192, 256,
 * 320, ...), so a request rounded up to 64 bytes is 64-byte aligned.
 * Larger classes are whole pages. */
static inline size_t
heap_block_size(VkDeviceSize size)
{
   return memvk_align_up(size, MEMVK_MIN_MEMORY_MAP_ALIGNMENT);
}

static VkResult
backing_create(struct memvk_device_memory *memory, bool heap_allowed)
{
   const VkDeviceSize size = memory->size;
   if (heap_allowed && type_is_host_visible(memory->type_index) && size < HEAP_BACKING_LIMIT) {
      memory->home = memvk_je_mallocx(heap_block_size(size), 0);
      if (memory->home == NULL)
         return VK_ERROR_OUT_OF_DEVICE_MEMORY;
      assert((uintptr_t)memory->home % MEMVK_MIN_MEMORY_MAP_ALIGNMENT == 0);
      memory->backing = MEMVK_MEMORY_BACKING_HEAP;
      memory->backing_length = 0;
      return VK_SUCCESS;
   }
   const bool huge = wants_huge_pages(memory->type_index, size);
   const size_t length = memvk_align_up(size, huge ? HUGE_PAGE_SIZE : memvk_page_size());
   memory->home = map_anonymous(length, false, huge);
   if (memory->home == NULL)
      return VK_ERROR_OUT_OF_DEVICE_MEMORY;
   memory->backing = MEMVK_MEMORY_BACKING_PRIVATE;
   memory->backing_length = length;
   return VK_SUCCESS;
}

static void
backing_destroy(struct memvk_device_memory *memory)
{
   if (memory->backing == MEMVK_MEMORY_BACKING_HEAP) {
      if (poison_enabled())
         memset(memory->home, POISON_FREED_BYTE, memory->size);
      memvk_je_sdallocx(memory->home, heap_block_size(memory->size), 0);
   } else {
      unmap_anonymous(memory->home, memory->backing_length,
                      memory->backing == MEMVK_MEMORY_BACKING_PRIVATE &&
                         wants_huge_pages(memory->type_index, memory->size));
   }
   memory->home = NULL;
}

/* Calls visit(start, length) for each run of resident pages of
 * [start, start + length) (page-aligned), as mincore() reports them. */
static uint64_t
for_each_resident_run(uint8_t *start, size_t length,
                      void (*visit)(uint8_t *run, size_t run_length, void *data), void *data)
{
   const size_t page = memvk_page_size();
   unsigned char vector[1024];
   uint64_t resident = 0;
   for (size_t done = 0; done < length;) {
      const size_t chunk = MEMVK_MIN(length - done, sizeof(vector) * page);
      const size_t pages = (chunk + page - 1) / page;
      if (mincore(start + done, chunk, vector) != 0) {
         /* Not expected for our own mappings; count the chunk as resident so
          * that a copy stays complete. */
         memset(vector, 1, pages);
      }
      for (size_t i = 0; i < pages;) {
         if (!(vector[i] & 1)) {
            i++;
            continue;
         }
         size_t j = i;
         while (j < pages && (vector[j] & 1))
            j++;
         const size_t run_length = MEMVK_MIN(j * page, chunk) - i * page;
         resident += run_length;
         if (visit != NULL)
            visit(start + done + i * page, run_length, data);
         i = j;
      }
      done += chunk;
   }
   return resident;
}

struct copy_run {
   const uint8_t *from;
   uint8_t *to;
};

static void
copy_run(uint8_t *run, size_t run_length, void *data)
{
   const struct copy_run *copy = data;
   memcpy(copy->to + (run - copy->from), run, run_length);
}

/* Gives the memory a new home of its own mapping (shared when `shared`) with
 * the same contents, then disposes of the old one: a heap block is freed; of
 * an old mapping, the pages [reserve_start, reserve_end) stay reserved
 * (PROT_NONE) for the application and the rest is unmapped.  On failure the
 * memory is exactly as it was.  The caller holds no map of the memory other
 * than one inside the reserved range. */
static VkResult
backing_relocate(struct memvk_device_memory *memory, bool shared, uint8_t *reserve_start,
                 uint8_t *reserve_end)
{
   const bool huge = !shared && wants_huge_pages(memory->type_index, memory->size);
   const size_t length = memory->backing == MEMVK_MEMORY_BACKING_HEAP
                            ? memvk_align_up(memory->size, memvk_page_size())
                            : memory->backing_length;
   uint8_t *new_home = map_anonymous(length, shared, huge);
   if (new_home == NULL)
      return VK_ERROR_MEMORY_MAP_FAILED;

   /* Workers must neither read the old home after the switch nor write it
    * during the copy (the write would be lost). */
   backing_write_lock(&memory->backing_lock);
   uint8_t *old_home = memory->home;
   if (memory->backing == MEMVK_MEMORY_BACKING_HEAP) {
      memcpy(new_home, old_home, memory->size);
   } else {
      /* Pages never touched read as zeros in both places: copying them
       * would only commit memory. */
      struct copy_run copy = { .from = old_home, .to = new_home };
      for_each_resident_run(old_home, memory->backing_length, copy_run, &copy);
   }
   if (reserve_start != reserve_end &&
       mmap(reserve_start, (size_t)(reserve_end - reserve_start), PROT_NONE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED) {
      backing_write_unlock(&memory->backing_lock);
      unmap_anonymous(new_home, length, huge);
      return VK_ERROR_MEMORY_MAP_FAILED;
   }
   const enum memvk_memory_backing old_backing = memory->backing;
   const size_t old_length = memory->backing_length;
   memory->home = new_home;
   memory->backing_length = length;
   memory->backing = shared ? MEMVK_MEMORY_BACKING_SHARED : MEMVK_MEMORY_BACKING_PRIVATE;
   backing_write_unlock(&memory->backing_lock);

   if (old_backing == MEMVK_MEMORY_BACKING_HEAP) {
      memvk_je_sdallocx(old_home, heap_block_size(memory->size), 0);
   } else if (reserve_start == reserve_end) {
      unmap_anonymous(old_home, old_length,
                      old_backing == MEMVK_MEMORY_BACKING_PRIVATE &&
                         wants_huge_pages(memory->type_index, memory->size));
   } else {
      if (reserve_start > old_home)
         munmap(old_home, (size_t)(reserve_start - old_home));
      if (reserve_end < old_home + old_length)
         munmap(reserve_end, (size_t)(old_home + old_length - reserve_end));
   }
   return VK_SUCCESS;
}

/* --- allocation ------------------------------------------------------------ */

static uint64_t
assign_device_address(_Atomic uint64_t *next, uint64_t end, VkDeviceSize size)
{
   const uint64_t span = memvk_align_up(size, DEVICE_ADDRESS_GRANULE) + DEVICE_ADDRESS_GRANULE;
   const uint64_t address = atomic_fetch_add_explicit(next, span, memory_order_relaxed);
   return address < end && end - address >= span ? address : 0;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_AllocateMemory(VkDevice _device, const VkMemoryAllocateInfo *pAllocateInfo,
                     const VkAllocationCallbacks *pAllocator, VkDeviceMemory *pMemory)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   const VkDeviceSize size = pAllocateInfo->allocationSize;
   const uint32_t type_index = pAllocateInfo->memoryTypeIndex;

   if (size == 0)
      memvk_abort_invalid_usage("VUID-VkMemoryAllocateInfo-allocationSize-07897",
                                "allocationSize must be greater than 0");
   if (type_index >= MEMVK_MEMORY_TYPE_COUNT)
      memvk_abort_invalid_usage("VUID-vkAllocateMemory-pAllocateInfo-01714",
                                "memoryTypeIndex %u is not below memoryTypeCount %u", type_index,
                                MEMVK_MEMORY_TYPE_COUNT);
   /* maxMemoryAllocationSize: "allocations larger than this ... may fail
    * with VK_ERROR_OUT_OF_DEVICE_MEMORY"; memvk refuses before any system
    * call. */
   if (size > MEMVK_MAX_MEMORY_ALLOCATION_SIZE)
      return VK_ERROR_OUT_OF_DEVICE_MEMORY;

   VkMemoryAllocateFlags flags = 0;
   uint64_t capture_address = 0;
   float priority = 0.5f; /* "If this structure is not included, it is as if
                           * the priority value were 0.5." */
   memvk_foreach_struct(s, pAllocateInfo->pNext) {
      switch (s->sType) {
      case VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO:
         /* VK_MEMORY_ALLOCATE_DEVICE_MASK_BIT names physical devices of a
          * group; memvk's device is one, so every valid mask means it. */
         flags = ((const VkMemoryAllocateFlagsInfo *)s)->flags;
         break;
      case VK_STRUCTURE_TYPE_MEMORY_OPAQUE_CAPTURE_ADDRESS_ALLOCATE_INFO:
         capture_address = ((const VkMemoryOpaqueCaptureAddressAllocateInfo *)s)->opaqueCaptureAddress;
         break;
      case VK_STRUCTURE_TYPE_MEMORY_PRIORITY_ALLOCATE_INFO_EXT:
         priority = ((const VkMemoryPriorityAllocateInfoEXT *)s)->priority;
         if (!(priority >= 0.0f && priority <= 1.0f))
            memvk_abort_invalid_usage("VUID-VkMemoryPriorityAllocateInfoEXT-priority-02602",
                                      "priority %f is not between 0 and 1", (double)priority);
         break;
      default:
         /* VkMemoryDedicatedAllocateInfo is a hint a CPU has no use for:
          * every allocation already has pages of its own or shares none that
          * matter.  Unknown structures are ignored, as the spec requires. */
         break;
      }
   }
   if ((flags & VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT) && !device->features.buffer_device_address)
      memvk_abort_invalid_usage("VUID-VkMemoryAllocateInfo-flags-03331",
                                "VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT without the "
                                "bufferDeviceAddress feature");
   if ((flags & VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT) &&
       !device->features.buffer_device_address_capture_replay)
      memvk_abort_invalid_usage("VUID-VkMemoryAllocateInfo-flags-03330",
                                "VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT without the "
                                "bufferDeviceAddressCaptureReplay feature");
   if (capture_address != 0 && !(flags & VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT))
      memvk_abort_invalid_usage("VUID-VkMemoryAllocateInfo-opaqueCaptureAddress-03329",
                                "a non-zero opaqueCaptureAddress needs "
                                "VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT");

   /* "If a call to vkAllocateMemory would cause the total number of
    * allocations to exceed maxMemoryAllocationCount, ...
    * VK_ERROR_TOO_MANY_OBJECTS" (VUID-vkAllocateMemory-maxMemoryAllocationCount-04101). */
   if (!memvk_memory_accounting_acquire(&device->memory_accounting, size))
      return VK_ERROR_TOO_MANY_OBJECTS;

   struct memvk_device_memory *memory =
      memvk_zalloc2(&device->alloc, pAllocator, sizeof(*memory), _Alignof(struct memvk_device_memory),
                    VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (memory == NULL) {
      memvk_memory_accounting_release(&device->memory_accounting, size);
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   }
   memvk_object_init(&memory->base, VK_OBJECT_TYPE_DEVICE_MEMORY);
   memory->device = device;
   memory->size = size;
   memory->type_index = type_index;
   memory->priority = priority;

   if (flags & VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT) {
      if (capture_address != 0)
         memory->device_address = capture_address;
      else if (flags & VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT)
         memory->device_address = assign_device_address(&next_replay_device_address,
                                                        DEVICE_ADDRESS_REPLAY_END, size);
      else
         memory->device_address = assign_device_address(&next_device_address,
                                                        DEVICE_ADDRESS_REPLAY_BASE, size);
   }

   /* A reserve-unmap hands the mapped pages to the application; a heap block
    * shares its pages with other blocks, so a device that may reserve never
    * uses the heap (docs/memory.md, "Reserve-unmap"). */
   VkResult result = VK_ERROR_OUT_OF_DEVICE_MEMORY;
   if (!(flags & VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT) || memory->device_address != 0)
      result = backing_create(memory, !device->features.memory_unmap_reserve);
   if (result != VK_SUCCESS) {
      memvk_object_finish(&memory->base);
      memvk_free2(&device->alloc, pAllocator, memory);
      memvk_memory_accounting_release(&device->memory_accounting, size);
      return result;
   }
   if (poison_enabled())
      memset(memory->home, POISON_FRESH_BYTE, size);

   *pMemory = memvk_device_memory_to_handle(memory);
   return VK_SUCCESS;
}

static VkResult unmap_memory(struct memvk_device_memory *memory, VkMemoryUnmapFlags flags,
                             const char *not_mapped_vuid);

VKAPI_ATTR void VKAPI_CALL
memvk_FreeMemory(VkDevice _device, VkDeviceMemory _memory, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_device_memory *memory = memvk_device_memory_from_handle(_memory);
   if (memory == NULL)
      return;
   /* "If a memory object is mapped at the time it is freed, it is implicitly
    * unmapped." */
   if (memory->map_address != NULL)
      unmap_memory(memory, 0, NULL);
   backing_destroy(memory);
   memvk_memory_accounting_release(&device->memory_accounting, memory->size);
   memvk_object_finish(&memory->base);
   memvk_free2(&device->alloc, pAllocator, memory);
}

/* --- mapping --------------------------------------------------------------- */

/* vkMapMemory and VkMemoryMapInfo state the same rules under different VUIDs. */
struct map_vuids {
   const char *not_mapped;
   const char *offset;
   const char *size_zero;
   const char *size_range;
   const char *host_visible;
};

static const struct map_vuids map_memory_vuids = {
   .not_mapped = "VUID-vkMapMemory-memory-00678",
   .offset = "VUID-vkMapMemory-offset-00679",
   .size_zero = "VUID-vkMapMemory-size-00680",
   .size_range = "VUID-vkMapMemory-size-00681",
   .host_visible = "VUID-vkMapMemory-memory-00682",
};

static const struct map_vuids map_info_vuids = {
   .not_mapped = "VUID-VkMemoryMapInfo-memory-07958",
   .offset = "VUID-VkMemoryMapInfo-offset-07959",
   .size_zero = "VUID-VkMemoryMapInfo-size-07960",
   .size_range = "VUID-VkMemoryMapInfo-size-07961",
   .host_visible = "VUID-VkMemoryMapInfo-memory-07962",
};

/* Returns the mapped size, VK_WHOLE_SIZE resolved. */
static VkDeviceSize
check_map_range(const struct memvk_device_memory *memory, VkDeviceSize offset, VkDeviceSize size,
                const struct map_vuids *vuids)
{
   if (memory->map_address != NULL)
      memvk_abort_invalid_usage(vuids->not_mapped, "memory is already host mapped");
   if (offset >= memory->size)
      memvk_abort_invalid_usage(vuids->offset,
                                "offset %" PRIu64 " is not less than the memory's size %" PRIu64,
                                offset, memory->size);
   if (!type_is_host_visible(memory->type_index))
      memvk_abort_invalid_usage(vuids->host_visible,
                                "memory type %u is not VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT",
                                memory->type_index);
   if (size == VK_WHOLE_SIZE)
      return memory->size - offset;
   if (size == 0)
      memvk_abort_invalid_usage(vuids->size_zero, "size is 0");
   if (size > memory->size - offset)
      memvk_abort_invalid_usage(vuids->size_range,
                                "offset %" PRIu64 " + size %" PRIu64 " exceeds the memory's size %" PRIu64,
                                offset, size, memory->size);
   return size;
}

/* VK_EXT_map_memory_placed: "The implementation will place the memory map at
 * the specified address, replacing any existing maps in the specified memory
 * range ... If it cannot place the map at the requested address for any
 * reason, the memory object is left unmapped and vkMapMemory2 will return
 * VK_ERROR_MEMORY_MAP_FAILED." */
static VkResult
map_placed(struct memvk_device_memory *memory, VkDeviceSize offset, VkDeviceSize size,
           VkDeviceSize requested_size, void *address, void **ppData)
{
   const struct memvk_enabled_features *features = &memory->device->features;
   const uint64_t page = memvk_page_size();
   if (!features->memory_map_placed)
      memvk_abort_invalid_usage("VUID-VkMemoryMapInfo-flags-09569",
                                "VK_MEMORY_MAP_PLACED_BIT_EXT without the memoryMapPlaced feature");
   if (address == NULL)
      memvk_abort_invalid_usage("VUID-VkMemoryMapInfo-flags-09570",
                                "VK_MEMORY_MAP_PLACED_BIT_EXT needs a VkMemoryMapPlacedInfoEXT "
                                "with a non-NULL pPlacedAddress");
   if (!features->memory_map_range_placed && offset != 0)
      memvk_abort_invalid_usage("VUID-VkMemoryMapInfo-flags-09571",
                                "a placed map at offset %" PRIu64 " needs memoryMapRangePlaced",
                                offset);
   if (!features->memory_map_range_placed && size != memory->size)
      memvk_abort_invalid_usage("VUID-VkMemoryMapInfo-flags-09572",
                                "a placed map of part of the memory needs memoryMapRangePlaced");
   if (offset % page != 0)
      memvk_abort_invalid_usage("VUID-VkMemoryMapInfo-flags-09573",
                                "placed map offset %" PRIu64 " is not a multiple of "
                                "minPlacedMemoryMapAlignment %" PRIu64, offset, page);
   if (size % page != 0)
      memvk_abort_invalid_usage(requested_size == VK_WHOLE_SIZE ? "VUID-VkMemoryMapInfo-flags-09651"
                                                                : "VUID-VkMemoryMapInfo-flags-09574",
                                "placed map size %" PRIu64 " is not a multiple of "
                                "minPlacedMemoryMapAlignment %" PRIu64, size, page);
   if ((uintptr_t)address % page != 0)
      memvk_abort_invalid_usage("VUID-VkMemoryMapPlacedInfoEXT-pPlacedAddress-09577",
                                "pPlacedAddress %p is not a multiple of "
                                "minPlacedMemoryMapAlignment %" PRIu64, address, page);

   if (memory->backing != MEMVK_MEMORY_BACKING_SHARED) {
      VkResult result = backing_relocate(memory, true, NULL, NULL);
      if (result != VK_SUCCESS)
         return result;
   }
   /* With old_size 0, mremap makes a second mapping of the same shared pages
    * at exactly `address`, replacing whatever was there. */
   void *placed = mremap(memory->home + offset, 0, size, MREMAP_MAYMOVE | MREMAP_FIXED, address);
   if (placed == MAP_FAILED)
      return VK_ERROR_MEMORY_MAP_FAILED;
   memory->map_placed = true;
   memory->map_offset = offset;
   memory->map_size = size;
   memory->map_address = placed;
   *ppData = placed;
   return VK_SUCCESS;
}

static inline VkResult
map_memory(struct memvk_device_memory *memory, VkMemoryMapFlags flags, VkDeviceSize offset,
           VkDeviceSize size, const void *map_info_chain, const struct map_vuids *vuids,
           void **ppData)
{
   const VkDeviceSize mapped_size = check_map_range(memory, offset, size, vuids);
   if (flags & VK_MEMORY_MAP_PLACED_BIT_EXT) {
      const VkMemoryMapPlacedInfoEXT *placed_info =
         memvk_find_struct(map_info_chain, VK_STRUCTURE_TYPE_MEMORY_MAP_PLACED_INFO_EXT);
      return map_placed(memory, offset, mapped_size, size,
                        placed_info != NULL ? placed_info->pPlacedAddress : NULL, ppData);
   }
   /* The bytes are already in this process's address space: mapping is
    * bookkeeping.  home is at least MEMVK_MIN_MEMORY_MAP_ALIGNMENT aligned,
    * so "subtracting offset bytes from the returned pointer will always
    * produce an integer multiple of" minMemoryMapAlignment. */
   memory->map_placed = false;
   memory->map_offset = offset;
   memory->map_size = mapped_size;
   memory->map_address = memory->home + offset;
   *ppData = memory->map_address;
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_MapMemory(VkDevice device, VkDeviceMemory _memory, VkDeviceSize offset, VkDeviceSize size,
                VkMemoryMapFlags flags, void **ppData)
{
   (void)device;
   if (flags & VK_MEMORY_MAP_PLACED_BIT_EXT)
      memvk_abort_invalid_usage("VUID-vkMapMemory-flags-09568",
                                "VK_MEMORY_MAP_PLACED_BIT_EXT needs vkMapMemory2 (it carries the "
                                "address)");
   return map_memory(memvk_device_memory_from_handle(_memory), flags, offset, size, NULL,
                     &map_memory_vuids, ppData);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_MapMemory2(VkDevice device, const VkMemoryMapInfo *pMemoryMapInfo, void **ppData)
{
   (void)device;
   return map_memory(memvk_device_memory_from_handle(pMemoryMapInfo->memory),
                     pMemoryMapInfo->flags, pMemoryMapInfo->offset, pMemoryMapInfo->size,
                     pMemoryMapInfo->pNext, &map_info_vuids, ppData);
}

/* not_mapped_vuid NULL: the implicit unmap of vkFreeMemory. */
static VkResult
unmap_memory(struct memvk_device_memory *memory, VkMemoryUnmapFlags flags,
             const char *not_mapped_vuid)
{
   if (memory->map_address == NULL)
      memvk_abort_invalid_usage(not_mapped_vuid, "memory is not host mapped");

   if (flags & VK_MEMORY_UNMAP_RESERVE_BIT_EXT) {
      if (!memory->device->features.memory_unmap_reserve)
         memvk_abort_invalid_usage("VUID-VkMemoryUnmapInfo-flags-09579",
                                   "VK_MEMORY_UNMAP_RESERVE_BIT_EXT without the "
                                   "memoryUnmapReserve feature");
      /* "the virtual address range currently occupied by the memory map
       * [remains] reserved ... the memory unmap operation may fail, in which
       * case the memory object will remain host mapped and vkUnmapMemory2
       * will return VK_ERROR_MEMORY_MAP_FAILED." */
      const uint64_t page = memvk_page_size();
      uint8_t *start = (uint8_t *)((uintptr_t)memory->map_address & ~(uintptr_t)(page - 1));
      uint8_t *end = (uint8_t *)memvk_align_up((uintptr_t)memory->map_address + memory->map_size, page);
      if (memory->map_placed) {
         if (mmap(start, (size_t)(end - start), PROT_NONE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
            return VK_ERROR_MEMORY_MAP_FAILED;
      } else {
         /* A plain map is the home itself: the bytes move out, the pages
          * they leave stay reserved (the device never gave this memory a
          * heap block, see vkAllocateMemory). */
         VkResult result = backing_relocate(memory, memory->backing == MEMVK_MEMORY_BACKING_SHARED,
                                            start, end);
         if (result != VK_SUCCESS)
            return result;
      }
   } else if (memory->map_placed) {
      munmap(memory->map_address, memory->map_size);
   }
   memory->map_address = NULL;
   memory->map_placed = false;
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_UnmapMemory(VkDevice device, VkDeviceMemory memory)
{
   (void)device;
   unmap_memory(memvk_device_memory_from_handle(memory), 0, "VUID-vkUnmapMemory-memory-00689");
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_UnmapMemory2(VkDevice device, const VkMemoryUnmapInfo *pMemoryUnmapInfo)
{
   (void)device;
   return unmap_memory(memvk_device_memory_from_handle(pMemoryUnmapInfo->memory),
                       pMemoryUnmapInfo->flags, "VUID-VkMemoryUnmapInfo-memory-07964");
}

/* Every memvk memory type is coherent or not host visible: flushes and
 * invalidations have nothing to do, but the ranges must still name mapped
 * memory (a GPU forgives the mistake; a CI run should not). */
static void
check_mapped_ranges(uint32_t count, const VkMappedMemoryRange *ranges)
{
   for (uint32_t i = 0; i < count; i++) {
      const struct memvk_device_memory *memory = memvk_device_memory_from_handle(ranges[i].memory);
      const VkDeviceSize offset = ranges[i].offset, size = ranges[i].size;
      const VkDeviceSize map_end = memory->map_offset + memory->map_size;
      if (memory->map_address == NULL)
         memvk_abort_invalid_usage("VUID-VkMappedMemoryRange-memory-00684",
                                   "pMemoryRanges[%u].memory is not host mapped", i);
      if (offset % MEMVK_NON_COHERENT_ATOM_SIZE != 0)
         memvk_abort_invalid_usage("VUID-VkMappedMemoryRange-offset-00687",
                                   "pMemoryRanges[%u].offset %" PRIu64 " is not a multiple of "
                                   "nonCoherentAtomSize %u", i, offset, MEMVK_NON_COHERENT_ATOM_SIZE);
      if (size == VK_WHOLE_SIZE) {
         if (offset < memory->map_offset || offset >= map_end)
            memvk_abort_invalid_usage("VUID-VkMappedMemoryRange-size-00686",
                                      "pMemoryRanges[%u].offset %" PRIu64 " is outside the mapped "
                                      "range", i, offset);
         /* VUID-VkMappedMemoryRange-size-01389 holds by construction only
          * when the map ends on an atom or at the end of the memory. */
         if (map_end % MEMVK_NON_COHERENT_ATOM_SIZE != 0 && map_end != memory->size)
            memvk_abort_invalid_usage("VUID-VkMappedMemoryRange-size-01389",
                                      "pMemoryRanges[%u]: VK_WHOLE_SIZE of a map that ends neither "
                                      "on a nonCoherentAtomSize multiple nor at the memory's end", i);
      } else {
         if (offset < memory->map_offset || size > map_end - offset || offset > map_end)
            memvk_abort_invalid_usage("VUID-VkMappedMemoryRange-size-00685",
                                      "pMemoryRanges[%u] [%" PRIu64 ", +%" PRIu64 ") is outside the "
                                      "mapped range", i, offset, size);
         if (size % MEMVK_NON_COHERENT_ATOM_SIZE != 0 && offset + size != memory->size)
            memvk_abort_invalid_usage("VUID-VkMappedMemoryRange-size-01390",
                                      "pMemoryRanges[%u].size %" PRIu64 " is neither a multiple of "
                                      "nonCoherentAtomSize nor reaches the memory's end", i, size);
      }
   }
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_FlushMappedMemoryRanges(VkDevice device, uint32_t memoryRangeCount,
                              const VkMappedMemoryRange *pMemoryRanges)
{
   (void)device;
   check_mapped_ranges(memoryRangeCount, pMemoryRanges);
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_InvalidateMappedMemoryRanges(VkDevice device, uint32_t memoryRangeCount,
                                   const VkMappedMemoryRange *pMemoryRanges)
{
   (void)device;
   check_mapped_ranges(memoryRangeCount, pMemoryRanges);
   return VK_SUCCESS;
}

/* --- queries ---------------------------------------------------------------- */

/* "vkGetDeviceMemoryCommitment ... the number of bytes currently committed":
 * the pages the kernel has actually given the mapping. */
VKAPI_ATTR void VKAPI_CALL
memvk_GetDeviceMemoryCommitment(VkDevice device, VkDeviceMemory _memory,
                                VkDeviceSize *pCommittedMemoryInBytes)
{
   (void)device;
   struct memvk_device_memory *memory = memvk_device_memory_from_handle(_memory);
   if (memory->type_index != MEMVK_MEMORY_TYPE_LAZY)
      memvk_abort_invalid_usage("VUID-vkGetDeviceMemoryCommitment-memory-00690",
                                "memory type %u is not VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT",
                                memory->type_index);
   /* Lazily allocated memory is never a heap block: its pages are its own. */
   const uint64_t resident = for_each_resident_run(memory->home, memory->backing_length, NULL, NULL);
   *pCommittedMemoryInBytes = MEMVK_MIN(resident, memory->size);
}

VKAPI_ATTR void VKAPI_CALL
memvk_SetDeviceMemoryPriorityEXT(VkDevice device, VkDeviceMemory _memory, float priority)
{
   (void)device;
   if (!(priority >= 0.0f && priority <= 1.0f))
      memvk_abort_invalid_usage("VUID-vkSetDeviceMemoryPriorityEXT-priority-06258",
                                "priority %f is not between 0 and 1", (double)priority);
   /* One heap of host memory has nothing to evict to: the priority is kept
    * only so that the object states what the application asked. */
   memvk_device_memory_from_handle(_memory)->priority = priority;
}

VKAPI_ATTR uint64_t VKAPI_CALL
memvk_GetDeviceMemoryOpaqueCaptureAddress(VkDevice device,
                                          const VkDeviceMemoryOpaqueCaptureAddressInfo *pInfo)
{
   (void)device;
   const struct memvk_device_memory *memory = memvk_device_memory_from_handle(pInfo->memory);
   if (memory->device_address == 0)
      memvk_abort_invalid_usage("VUID-VkDeviceMemoryOpaqueCaptureAddressInfo-memory-03336",
                                "memory was not allocated with VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT");
   return memory->device_address;
}

/* --- what the machine can still give ------------------------------------------- */

static bool
read_small_file(const char *path, char *buffer, size_t size)
{
   int fd = open(path, O_RDONLY | O_CLOEXEC);
   if (fd < 0)
      return false;
   ssize_t n = read(fd, buffer, size - 1);
   close(fd);
   if (n <= 0)
      return false;
   buffer[n] = '\0';
   return true;
}

/* A cgroup v2 file holding a number of bytes ("max" means no limit). */
static bool
read_cgroup_bytes(const char *directory, const char *name, uint64_t *bytes)
{
   char path[PATH_MAX], text[64];
   if (snprintf(path, sizeof(path), "%s/%s", directory, name) >= (int)sizeof(path) ||
       !read_small_file(path, text, sizeof(text)) || strncmp(text, "max", 3) == 0)
      return false;
   *bytes = strtoull(text, NULL, 10);
   return true;
}

uint64_t
memvk_memory_available(void)
{
   char text[8192];
   uint64_t available = 0;
   if (read_small_file("/proc/meminfo", text, sizeof(text))) {
      const char *line = strstr(text, "MemAvailable:");
      if (line != NULL)
         available = strtoull(line + strlen("MemAvailable:"), NULL, 10) * 1024;
   }

   /* A CI job's container is often limited below what the machine has: the
    * cgroup (and each ancestor) may allow only max - current more bytes. */
   if (!read_small_file("/proc/self/cgroup", text, sizeof(text)))
      return available;
   const char *v2 = strstr(text, "0::");
   if (v2 == NULL)
      return available;
   char directory[PATH_MAX];
   int n = snprintf(directory, sizeof(directory), "/sys/fs/cgroup%.*s", (int)strcspn(v2 + 3, "\n"),
                    v2 + 3);
   if (n <= 0 || n >= (int)sizeof(directory))
      return available;
   for (;;) {
      uint64_t limit, current;
      if (read_cgroup_bytes(directory, "memory.max", &limit) &&
          read_cgroup_bytes(directory, "memory.current", &current))
         available = MEMVK_MIN(available, limit > current ? limit - current : 0);
      char *slash = strrchr(directory, '/');
      if (slash == NULL || slash <= directory + strlen("/sys/fs/cgroup"))
         break;
      *slash = '\0';
   }
   return available;
}
