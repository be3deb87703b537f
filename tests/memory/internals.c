/* Unit tests of memory.c's internals, linked directly (no loader): what the
 * API cannot show, such as the queue workers' access lock and the commitment
 * of memory only the device writes. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "constants.h"
#include "memory.h"
#include "memvk_entrypoints.h"

static int failures;

#define EXPECT(cond)                                                         \
   do {                                                                      \
      if (!(cond)) {                                                         \
         fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
         failures++;                                                         \
      }                                                                      \
   } while (0)

/* A device with only what memory.c reads, built in place: its accounting
 * registers its own address with the process's list of devices. */
static void
fake_device_init(struct memvk_device *device)
{
   memset(device, 0, sizeof(*device));
   memvk_object_init(&device->base, VK_OBJECT_TYPE_DEVICE);
   device->alloc = memvk_default_allocator;
   device->features.memory_map_placed = true;
   device->features.memory_map_range_placed = true;
   memvk_memory_accounting_init(&device->memory_accounting, &device->alloc, MEMVK_MAX_MEMORY_ALLOCATION_COUNT);
}

static void
fake_device_finish(struct memvk_device *device)
{
   memvk_memory_accounting_finish(&device->memory_accounting);
}

static struct memvk_device_memory *
allocate(struct memvk_device *device, VkDeviceSize size, uint32_t type)
{
   const VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .allocationSize = size, .memoryTypeIndex = type,
   };
   VkDeviceMemory memory = VK_NULL_HANDLE;
   if (memvk_AllocateMemory(memvk_device_to_handle(device), &info, NULL, &memory) != VK_SUCCESS)
      return NULL;
   return memvk_device_memory_from_handle(memory);
}

static void
release(struct memvk_device *device, struct memvk_device_memory *memory)
{
   memvk_FreeMemory(memvk_device_to_handle(device), memvk_device_memory_to_handle(memory), NULL);
}

/* 200,000 live small allocations must cost little resident memory each: the
 * object is one jemalloc size class, the bytes untouched until written. */
static void
test_object_is_small(void)
{
   EXPECT(sizeof(struct memvk_device_memory) <= 96);
}

/* Fresh lazily allocated memory has committed nothing; what the device
 * writes is committed page by page, and the figure says so. */
static void
test_commitment_counts_the_pages_written(void)
{
   struct memvk_device device;
   fake_device_init(&device);
   const VkDeviceSize page = memvk_page_size();
   struct memvk_device_memory *memory = allocate(&device, 64 * page, MEMVK_MEMORY_TYPE_LAZY);
   EXPECT(memory != NULL);
   if (memory == NULL)
      return;
   VkDeviceSize committed = 1;
   memvk_GetDeviceMemoryCommitment(memvk_device_to_handle(&device),
                                   memvk_device_memory_to_handle(memory), &committed);
   EXPECT(committed == 0);
   uint8_t *bytes = memvk_device_memory_begin_access(memory, 0, memory->size);
   bytes[0] = 1;
   bytes[5 * page + 17] = 1;
   bytes[63 * page] = 1;
   memvk_device_memory_end_access(memory);
   memvk_GetDeviceMemoryCommitment(memvk_device_to_handle(&device),
                                   memvk_device_memory_to_handle(memory), &committed);
   EXPECT(committed == 3 * page);
   release(&device, memory);
   EXPECT(memvk_memory_accounting_live(&device.memory_accounting, MEMVK_MAX_MEMORY_ALLOCATION_COUNT) == 0);
   fake_device_finish(&device);
}

struct placer {
   struct memvk_device *device;
   struct memvk_device_memory *memory;
   void *address;
   atomic_bool done;
   VkResult result;
};

static void *
place(void *data)
{
   struct placer *placer = data;
   const VkMemoryMapPlacedInfoEXT placed = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_PLACED_INFO_EXT, .pPlacedAddress = placer->address,
   };
   const VkMemoryMapInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO, .pNext = &placed,
      .flags = VK_MEMORY_MAP_PLACED_BIT_EXT,
      .memory = memvk_device_memory_to_handle(placer->memory), .size = VK_WHOLE_SIZE,
   };
   void *p;
   placer->result = memvk_MapMemory2(memvk_device_to_handle(placer->device), &info, &p);
   atomic_store(&placer->done, true);
   return NULL;
}

/* The first placed map of heap-backed memory moves its bytes to a new home.
 * A queue worker inside begin_access/end_access must never see that happen:
 * the move waits until the access ends (nested accesses included), and the
 * next access finds the bytes, unchanged, at the new home. */
static void
test_placing_waits_for_device_access_and_keeps_the_bytes(void)
{
   struct memvk_device device;
   fake_device_init(&device);
   const VkDeviceSize page = memvk_page_size();
   struct memvk_device_memory *memory = allocate(&device, 4 * page, MEMVK_MEMORY_TYPE_HOST);
   EXPECT(memory != NULL && memory->backing == MEMVK_MEMORY_BACKING_HEAP);
   if (memory == NULL)
      return;
   uint8_t *old_home = memvk_device_memory_begin_access(memory, 0, memory->size);
   memset(old_home, 0x42, memory->size);
   uint8_t *nested = memvk_device_memory_begin_access(memory, page, page);
   EXPECT(nested == old_home + page);

   void *target = mmap(NULL, 4 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   struct placer placer = { .device = &device, .memory = memory, .address = target };
   pthread_t thread;
   pthread_create(&thread, NULL, place, &placer);
   const struct timespec wait = { .tv_nsec = 50 * 1000 * 1000 };
   nanosleep(&wait, NULL);
   EXPECT(!atomic_load(&placer.done));
   /* A worker writing during the wait must not lose its bytes. */
   old_home[memory->size - 1] = 0x43;
   memvk_device_memory_end_access(memory);
   nanosleep(&wait, NULL);
   EXPECT(!atomic_load(&placer.done));
   memvk_device_memory_end_access(memory);
   pthread_join(thread, NULL);
   EXPECT(placer.result == VK_SUCCESS);

   uint8_t *new_home = memvk_device_memory_begin_access(memory, 0, memory->size);
   EXPECT(memory->backing == MEMVK_MEMORY_BACKING_SHARED);
   EXPECT(new_home[0] == 0x42 && new_home[memory->size - 1] == 0x43);
   /* Home and the placed map are the same pages. */
   new_home[1] = 0x44;
   EXPECT(((uint8_t *)target)[1] == 0x44);
   memvk_device_memory_end_access(memory);
   release(&device, memory);
   munmap(target, 4 * page);
   fake_device_finish(&device);
}

/* The allocation limit is exact although each thread counts in a magazine
 * of its own: a thread whose magazine and the pool are empty collects the
 * credits other threads hold, so allocation number `limit` succeeds and
 * number limit + 1 fails, whichever threads made them. */
struct accounting_user {
   struct memvk_memory_accounting *accounting;
   unsigned count;
   unsigned acquired;
};

static void *
acquire_many(void *data)
{
   struct accounting_user *user = data;
   for (unsigned i = 0; i < user->count; i++)
      user->acquired += memvk_memory_accounting_acquire(user->accounting, 100);
   return NULL;
}

static void *
release_many(void *data)
{
   struct accounting_user *user = data;
   for (unsigned i = 0; i < user->count; i++)
      memvk_memory_accounting_release(user->accounting, 100);
   return NULL;
}

static void
test_allocation_limit_is_exact_across_threads(void)
{
   const uint64_t limit = 1000;
   struct memvk_memory_accounting accounting;
   memvk_memory_accounting_init(&accounting, &memvk_default_allocator, limit);
   const uint64_t usage_before = memvk_process_memory_usage();

   /* Another thread takes 10 and keeps the rest of its batch. */
   struct accounting_user other = { &accounting, 10, 0 };
   pthread_t thread;
   pthread_create(&thread, NULL, acquire_many, &other);
   pthread_join(thread, NULL);
   EXPECT(other.acquired == 10);

   /* This thread can still take every remaining credit, and no more. */
   struct accounting_user self = { &accounting, (unsigned)limit - 10, 0 };
   acquire_many(&self);
   EXPECT(self.acquired == limit - 10);
   EXPECT(!memvk_memory_accounting_acquire(&accounting, 100));
   EXPECT(memvk_memory_accounting_live(&accounting, limit) == limit);
   EXPECT(memvk_process_memory_usage() - usage_before == limit * 100);

   /* Frees made by another thread give the credits back. */
   struct accounting_user freer = { &accounting, (unsigned)limit, 0 };
   pthread_create(&thread, NULL, release_many, &freer);
   pthread_join(thread, NULL);
   EXPECT(memvk_memory_accounting_live(&accounting, limit) == 0);
   EXPECT(memvk_process_memory_usage() == usage_before);
   EXPECT(memvk_memory_accounting_acquire(&accounting, 100));
   memvk_memory_accounting_release(&accounting, 100);
   memvk_memory_accounting_finish(&accounting);
}

int
main(void)
{
   test_allocation_limit_is_exact_across_threads();
   test_object_is_small();
   test_commitment_counts_the_pages_written();
   test_placing_waits_for_device_access_and_keeps_the_bytes();
   printf("%s\n", failures == 0 ? "PASS memory internals" : "FAIL memory internals");
   return failures == 0 ? 0 : 1;
}
