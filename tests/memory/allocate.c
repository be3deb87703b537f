/* vkAllocateMemory/vkFreeMemory: limits, failures, budget, threads,
 * allocation callbacks, device addresses, through the loader. */
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "memory_test.h"

/* "If memory is not VK_NULL_HANDLE ..." : freeing VK_NULL_HANDLE does
 * nothing (and the device stays usable). */
static void
test_freeing_null_handle_does_nothing(struct vkt *t)
{
   vkFreeMemory(t->device, VK_NULL_HANDLE, NULL);
   VkDeviceMemory memory = mt_allocate(t, 64, mt_host_type(t));
   CHECK(memory != VK_NULL_HANDLE);
   vkFreeMemory(t->device, memory, NULL);
}

/* Runs child(t) in a forked process whose address space is limited to what
 * it uses now plus `headroom` bytes; the test fails if the child exits
 * non-zero (it returns its CHECK status). */
static void
run_with_address_space_limit(struct vkt *t, size_t headroom, bool (*child)(struct vkt *t))
{
   fflush(NULL);
   pid_t pid = fork();
   if (pid == 0) {
      unsigned long pages = 0;
      FILE *statm = fopen("/proc/self/statm", "r");
      if (statm == NULL || fscanf(statm, "%lu", &pages) != 1)
         _exit(2);
      fclose(statm);
      const struct rlimit limit = {
         .rlim_cur = pages * (rlim_t)sysconf(_SC_PAGESIZE) + headroom, .rlim_max = RLIM_INFINITY,
      };
      if (setrlimit(RLIMIT_AS, &limit) != 0)
         _exit(2);
      _exit(child(t) ? 0 : 1);
   }
   int status = 0;
   CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
   CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

static bool
allocate_past_the_address_space(struct vkt *t)
{
   VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = 512u << 20,
      .memoryTypeIndex = mt_host_type(t),
   };
   VkDeviceMemory memory = VK_NULL_HANDLE;
   if (vkAllocateMemory(t->device, &info, NULL, &memory) != VK_ERROR_OUT_OF_DEVICE_MEMORY)
      return false;
   /* Smaller allocations still succeed: nothing was left half made. */
   info.allocationSize = 1u << 20;
   if (vkAllocateMemory(t->device, &info, NULL, &memory) != VK_SUCCESS)
      return false;
   vkFreeMemory(t->device, memory, NULL);
   return true;
}

/* Out of memory (here: out of address space, in a child process with a
 * lowered RLIMIT_AS) is VK_ERROR_OUT_OF_DEVICE_MEMORY, never a crash. */
static void
test_allocation_without_address_space_returns_out_of_device_memory(struct vkt *t)
{
   run_with_address_space_limit(t, 64u << 20, allocate_past_the_address_space);
}

static const VkPhysicalDeviceMapMemoryPlacedFeaturesEXT placed_features = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_FEATURES_EXT,
   .memoryMapPlaced = VK_TRUE,
   .memoryMapRangePlaced = VK_TRUE,
};
static const char *const placed_extensions[] = { "VK_KHR_map_memory2", "VK_EXT_map_memory_placed" };

static VkDeviceMemory address_space_memory;

static bool
place_without_address_space(struct vkt *t)
{
   const size_t size = 128u << 20;
   uint8_t *target = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
   if (target == MAP_FAILED)
      return false;
   const VkMemoryMapPlacedInfoEXT placed = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_PLACED_INFO_EXT, .pPlacedAddress = target,
   };
   const VkMemoryMapInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO, .pNext = &placed,
      .flags = VK_MEMORY_MAP_PLACED_BIT_EXT, .memory = address_space_memory, .size = VK_WHOLE_SIZE,
   };
   void *p;
   if (VKT_DEVICE_PROC(t, vkMapMemory2KHR)(t->device, &info, &p) != VK_ERROR_MEMORY_MAP_FAILED)
      return false;
   /* "the memory object is left unmapped": a plain map works and shows
    * the contents. */
   uint8_t *q;
   if (vkMapMemory(t->device, address_space_memory, 0, VK_WHOLE_SIZE, 0, (void **)&q) != VK_SUCCESS)
      return false;
   return q[0] == 0x12 && q[size - 1] == 0x34;
}

/* A placed map that needs address space the process cannot have fails with
 * VK_ERROR_MEMORY_MAP_FAILED and leaves the memory as it was. */
static void
test_placed_map_without_address_space_fails_cleanly(struct vkt *t)
{
   const size_t size = 128u << 20;
   address_space_memory = mt_allocate(t, size, mt_host_type(t));
   uint8_t *p;
   CHECK_SUCCESS(vkMapMemory(t->device, address_space_memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
   p[0] = 0x12;
   p[size - 1] = 0x34;
   vkUnmapMemory(t->device, address_space_memory);
   /* The target costs 128 MiB of the headroom; the memory's first placed
    * map would need another 128 MiB. */
   run_with_address_space_limit(t, 192u << 20, place_without_address_space);
   vkFreeMemory(t->device, address_space_memory, NULL);
}

/* "If a call to vkAllocateMemory would cause the total number of
 * allocations to exceed [maxMemoryAllocationCount] ... VK_ERROR_TOO_MANY_OBJECTS"
 * and freeing one makes room again. */
static void
test_allocation_count_past_the_limit_returns_too_many_objects(struct vkt *t)
{
   VkPhysicalDeviceProperties props;
   vkGetPhysicalDeviceProperties(t->physical_device, &props);
   const uint32_t limit = props.limits.maxMemoryAllocationCount;
   if (limit > 8u << 20) {
      vkt_skip(t, "maxMemoryAllocationCount %u is too many to allocate in a test", limit);
      return;
   }
   VkDeviceMemory *memories = calloc(limit, sizeof(*memories));
   const VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .allocationSize = 64,
      .memoryTypeIndex = mt_host_type(t),
   };
   uint32_t count = 0;
   for (; count < limit; count++) {
      if (vkAllocateMemory(t->device, &info, NULL, &memories[count]) != VK_SUCCESS)
         break;
   }
   CHECK(count == limit, "only %u of %u allocations succeeded", count, limit);
   VkDeviceMemory extra = VK_NULL_HANDLE;
   CHECK_RESULT(vkAllocateMemory(t->device, &info, NULL, &extra), VK_ERROR_TOO_MANY_OBJECTS);
   if (count > 0) {
      vkFreeMemory(t->device, memories[--count], NULL);
      CHECK_SUCCESS(vkAllocateMemory(t->device, &info, NULL, &memories[count++]));
   }
   for (uint32_t i = 0; i < count; i++)
      vkFreeMemory(t->device, memories[i], NULL);
   free(memories);
}

static const char *const budget_extensions[] = { "VK_EXT_memory_budget" };

static VkDeviceSize
heap_usage(struct vkt *t)
{
   VkPhysicalDeviceMemoryBudgetPropertiesEXT budget = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT,
   };
   VkPhysicalDeviceMemoryProperties2 props = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2, .pNext = &budget,
   };
   vkGetPhysicalDeviceMemoryProperties2(t->physical_device, &props);
   CHECK(budget.heapBudget[0] > 0 && budget.heapUsage[0] <= budget.heapBudget[0]);
   return budget.heapUsage[0];
}

/* VK_EXT_memory_budget: "heapUsage ... the current memory usage" rises by
 * what this process allocates and falls when it frees. */
static void
test_budget_usage_rises_and_falls(struct vkt *t)
{
   const VkDeviceSize before = heap_usage(t);
   VkDeviceMemory memory = mt_allocate(t, 64u << 20, mt_host_type(t));
   const VkDeviceSize during = heap_usage(t);
   CHECK(during >= before + (64u << 20), "usage %zu before, %zu with 64 MiB allocated",
         (size_t)before, (size_t)during);
   vkFreeMemory(t->device, memory, NULL);
   const VkDeviceSize after = heap_usage(t);
   CHECK(after <= during - (64u << 20), "usage %zu after freeing, %zu before", (size_t)after,
         (size_t)during);
}

/* Lazily allocated memory nobody wrote has committed nothing
 * (vkGetDeviceMemoryCommitment reports a true figure, at most the size). */
static void
test_commitment_of_fresh_lazy_memory_is_zero(struct vkt *t)
{
   const uint32_t lazy = vkt_find_memory_type(t, UINT32_MAX, VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT);
   if (lazy == UINT32_MAX) {
      vkt_skip(t, "no lazily allocated memory type");
      return;
   }
   VkDeviceMemory memory = mt_allocate(t, 1u << 20, lazy);
   VkDeviceSize committed = 12345;
   vkGetDeviceMemoryCommitment(t->device, memory, &committed);
   CHECK(committed == 0, "committed %zu", (size_t)committed);
   vkFreeMemory(t->device, memory, NULL);
}

static size_t
resident_bytes(void)
{
   unsigned long size = 0, resident = 0;
   FILE *statm = fopen("/proc/self/statm", "r");
   if (statm != NULL) {
      if (fscanf(statm, "%lu %lu", &size, &resident) != 2)
         resident = 0;
      fclose(statm);
   }
   return resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* Freed memory goes back to the system at once: after allocating, writing
 * and freeing 64 MiB, the process holds (almost) none of it. */
static void
test_freed_memory_goes_back_to_the_system(struct vkt *t)
{
   const size_t size = 64u << 20;
   const size_t before = resident_bytes();
   VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
   uint8_t *p;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
   memset(p, 0x5a, size);
   const size_t during = resident_bytes();
   CHECK(during >= before + size - (1u << 20), "writing 64 MiB raised residency by only %zu KiB",
         (during - before) / 1024);
   vkFreeMemory(t->device, memory, NULL);
   const size_t after = resident_bytes();
   CHECK(after <= before + (2u << 20), "%zu KiB still held after freeing",
         (after > before ? after - before : 0) / 1024);
}

struct worker {
   struct vkt *t;
   unsigned seed;
   bool ok;
};

static void *
allocate_map_free(void *data)
{
   struct worker *w = data;
   struct vkt *t = w->t;
   w->ok = true;
   for (int i = 0; i < 3000 && w->ok; i++) {
      const VkDeviceSize size = 64 + (VkDeviceSize)((w->seed * 2654435761u + (unsigned)i * 40503u) % (i % 50 == 0 ? (3u << 20) : 70000u));
      const VkMemoryAllocateInfo info = {
         .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .allocationSize = size,
         .memoryTypeIndex = mt_host_type(t),
      };
      VkDeviceMemory memory;
      uint8_t *p;
      if (vkAllocateMemory(t->device, &info, NULL, &memory) != VK_SUCCESS ||
          vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p) != VK_SUCCESS) {
         w->ok = false;
         break;
      }
      memset(p, (int)w->seed, size);
      vkUnmapMemory(t->device, memory);
      if (vkMapMemory(t->device, memory, size / 2, VK_WHOLE_SIZE, 0, (void **)&p) != VK_SUCCESS)
         w->ok = false;
      else
         w->ok = p[0] == (uint8_t)w->seed && p[size - size / 2 - 1] == (uint8_t)w->seed;
      vkFreeMemory(t->device, memory, NULL);
   }
   return NULL;
}

/* Different memory objects are used from different threads at once (only
 * the same object needs external synchronisation); each thread sees its own
 * bytes. */
static void
test_two_threads_allocate_map_and_free_at_once(struct vkt *t)
{
   struct worker workers[2] = { { t, 0x5a, false }, { t, 0xa5, false } };
   pthread_t threads[2];
   for (int i = 0; i < 2; i++)
      pthread_create(&threads[i], NULL, allocate_map_free, &workers[i]);
   for (int i = 0; i < 2; i++)
      pthread_join(threads[i], NULL);
   CHECK(workers[0].ok && workers[1].ok);
}

struct counting_allocator {
   long live;
   long total;
};

static void *
counting_allocation(void *user, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   (void)scope;
   struct counting_allocator *c = user;
   void *p = aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
   if (p != NULL) {
      c->live++;
      c->total++;
   }
   return p;
}

static void *
counting_reallocation(void *user, void *original, size_t size, size_t alignment,
                      VkSystemAllocationScope scope)
{
   (void)user;
   (void)original;
   (void)size;
   (void)alignment;
   (void)scope;
   return NULL; /* memory objects never reallocate */
}

static void
counting_free(void *user, void *memory)
{
   struct counting_allocator *c = user;
   if (memory != NULL) {
      c->live--;
      free(memory);
   }
}

/* "pAllocator controls host memory allocation": the memory object's own
 * host allocation goes through the callbacks, and is given back through
 * them, also when the memory is freed while mapped. */
static void
test_allocation_callbacks_hold_the_memory_object(struct vkt *t)
{
   struct counting_allocator counter = { 0 };
   const VkAllocationCallbacks callbacks = {
      .pUserData = &counter,
      .pfnAllocation = counting_allocation,
      .pfnReallocation = counting_reallocation,
      .pfnFree = counting_free,
   };
   const VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .allocationSize = 4u << 20,
      .memoryTypeIndex = mt_host_type(t),
   };
   VkDeviceMemory memory;
   CHECK_SUCCESS(vkAllocateMemory(t->device, &info, &callbacks, &memory));
   CHECK(counter.total >= 1 && counter.live >= 1, "%ld allocations through the callbacks", counter.total);
   void *p;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, &p));
   vkFreeMemory(t->device, memory, &callbacks);
   CHECK(counter.live == 0, "%ld allocations still live after vkFreeMemory", counter.live);
}

static void *
failing_allocation(void *user, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   (void)user;
   (void)size;
   (void)alignment;
   (void)scope;
   return NULL;
}

/* A host allocation that fails is VK_ERROR_OUT_OF_HOST_MEMORY, and nothing is
 * left behind: the budget's usage is unchanged and allocating works again. */
static void
test_failing_host_allocation_returns_out_of_host_memory(struct vkt *t)
{
   struct counting_allocator counter = { 0 };
   const VkAllocationCallbacks callbacks = {
      .pUserData = &counter,
      .pfnAllocation = failing_allocation,
      .pfnReallocation = counting_reallocation,
      .pfnFree = counting_free,
   };
   const VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .allocationSize = 8u << 20,
      .memoryTypeIndex = mt_host_type(t),
   };
   const VkDeviceSize before = heap_usage(t);
   VkDeviceMemory memory = VK_NULL_HANDLE;
   CHECK_RESULT(vkAllocateMemory(t->device, &info, &callbacks, &memory), VK_ERROR_OUT_OF_HOST_MEMORY);
   CHECK(heap_usage(t) == before, "usage changed by a failed allocation");
   CHECK_SUCCESS(vkAllocateMemory(t->device, &info, NULL, &memory));
   vkFreeMemory(t->device, memory, NULL);
}

/* Structures the implementation knows (dedicated, priority) and one it does
 * not are accepted: "Any component of the implementation ... must skip over
 * ... unknown" structures. */
static void
test_allocation_accepts_dedicated_priority_and_unknown_structures(struct vkt *t)
{
   const VkBaseInStructure unknown = { .sType = (VkStructureType)1000999999 };
   const VkMemoryPriorityAllocateInfoEXT priority = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_PRIORITY_ALLOCATE_INFO_EXT, .pNext = &unknown, .priority = 0.25f,
   };
   const VkMemoryDedicatedAllocateInfo dedicated = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO, .pNext = &priority,
   };
   VkDeviceMemory memory = mt_allocate_with(t, 4096, mt_host_type(t), &dedicated);
   uint8_t *p;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
   p[4095] = 1;
   vkUnmapMemory(t->device, memory);
   PFN_vkSetDeviceMemoryPriorityEXT set_priority = VKT_DEVICE_PROC(t, vkSetDeviceMemoryPriorityEXT);
   CHECK(set_priority != NULL);
   if (set_priority != NULL)
      set_priority(t->device, memory, 1.0f);
   vkFreeMemory(t->device, memory, NULL);
}

static const char *const priority_extensions[] = { "VK_EXT_memory_priority",
                                                   "VK_EXT_pageable_device_local_memory" };
static VkPhysicalDeviceMemoryPriorityFeaturesEXT memory_priority_features = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PRIORITY_FEATURES_EXT,
   .memoryPriority = VK_TRUE,
};
static VkPhysicalDevicePageableDeviceLocalMemoryFeaturesEXT pageable_features = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PAGEABLE_DEVICE_LOCAL_MEMORY_FEATURES_EXT,
   .pNext = &memory_priority_features,
   .pageableDeviceLocalMemory = VK_TRUE,
};

static VkPhysicalDeviceVulkan12Features capture_replay_features = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
   .bufferDeviceAddress = VK_TRUE,
   .bufferDeviceAddressCaptureReplay = VK_TRUE,
};

/* Capture/replay: memory allocated with the opaque capture address another
 * allocation reported gets that same address back. */
static void
test_opaque_capture_address_is_replayed(struct vkt *t)
{
   PFN_vkGetDeviceMemoryOpaqueCaptureAddress get_address =
      VKT_DEVICE_PROC(t, vkGetDeviceMemoryOpaqueCaptureAddress);
   CHECK(get_address != NULL);
   if (get_address == NULL)
      return;
   const VkMemoryAllocateFlagsInfo flags = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO,
      .flags = VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT | VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT,
   };
   VkDeviceMemory captured = mt_allocate_with(t, 1u << 16, mt_host_type(t), &flags);
   VkDeviceMemoryOpaqueCaptureAddressInfo info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_MEMORY_OPAQUE_CAPTURE_ADDRESS_INFO, .memory = captured,
   };
   const uint64_t address = get_address(t->device, &info);
   CHECK(address != 0);
   vkFreeMemory(t->device, captured, NULL);

   const VkMemoryOpaqueCaptureAddressAllocateInfo replay = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_OPAQUE_CAPTURE_ADDRESS_ALLOCATE_INFO, .opaqueCaptureAddress = address,
   };
   VkMemoryAllocateFlagsInfo replay_flags = flags;
   replay_flags.pNext = &replay;
   VkDeviceMemory replayed = mt_allocate_with(t, 1u << 16, mt_host_type(t), &replay_flags);
   info.memory = replayed;
   CHECK(get_address(t->device, &info) == address);
   /* A fresh (non-replay) allocation does not collide with it. */
   const VkMemoryAllocateFlagsInfo plain_flags = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO, .flags = VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT,
   };
   VkDeviceMemory other = mt_allocate_with(t, 1u << 16, mt_host_type(t), &plain_flags);
   info.memory = other;
   const uint64_t other_address = get_address(t->device, &info);
   CHECK(other_address + (1u << 16) <= address || other_address >= address + (1u << 16));
   vkFreeMemory(t->device, other, NULL);
   vkFreeMemory(t->device, replayed, NULL);
}

static const struct vkt_test tests[] = {
   { "freeing_null_handle_does_nothing", test_freeing_null_handle_does_nothing },
   { "allocation_without_address_space_returns_out_of_device_memory",
     test_allocation_without_address_space_returns_out_of_device_memory },
   { "placed_map_without_address_space_fails_cleanly",
     test_placed_map_without_address_space_fails_cleanly,
     { .device_extensions = placed_extensions, .device_extension_count = 2,
       .device_create_pnext = &placed_features } },
   { "allocation_count_past_the_limit_returns_too_many_objects",
     test_allocation_count_past_the_limit_returns_too_many_objects },
   { "budget_usage_rises_and_falls", test_budget_usage_rises_and_falls,
     { .device_extensions = budget_extensions, .device_extension_count = 1 } },
   { "commitment_of_fresh_lazy_memory_is_zero", test_commitment_of_fresh_lazy_memory_is_zero },
   { "freed_memory_goes_back_to_the_system", test_freed_memory_goes_back_to_the_system },
   { "two_threads_allocate_map_and_free_at_once", test_two_threads_allocate_map_and_free_at_once },
   { "allocation_callbacks_hold_the_memory_object", test_allocation_callbacks_hold_the_memory_object },
   { "failing_host_allocation_returns_out_of_host_memory",
     test_failing_host_allocation_returns_out_of_host_memory,
     { .device_extensions = budget_extensions, .device_extension_count = 1 } },
   { "allocation_accepts_dedicated_priority_and_unknown_structures",
     test_allocation_accepts_dedicated_priority_and_unknown_structures,
     { .device_extensions = priority_extensions, .device_extension_count = 2,
       .device_create_pnext = &pageable_features } },
   { "opaque_capture_address_is_replayed", test_opaque_capture_address_is_replayed,
     { .device_create_pnext = &capture_replay_features } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
