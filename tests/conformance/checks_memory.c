/* Checks of "Device Memory" and "Host Access to Device Memory Objects":
 * allocation, map/unmap, map2, flush/invalidate, limits, budget, failure
 * and threads. */
#include "conformance.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static const VkMemoryPropertyFlags HOST_VISIBLE_COHERENT =
   VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;

/* A host-visible, host-coherent type (the spec promises one, see
 * memory_properties_offer_host_coherent_type), or SKIP. */
#define COHERENT_TYPE(c, out)                                              \
   do {                                                                    \
      (out) = ctx_memory_type((c), ~0u, HOST_VISIBLE_COHERENT);            \
      if ((out) == UINT32_MAX)                                             \
         SKIP((c), "no HOST_VISIBLE|HOST_COHERENT memory type");           \
   } while (0)

/* "There must be at least one memory type with both the
 * VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT and VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
 * bits set in its propertyFlags." */
static void
memory_properties_offer_host_coherent_type(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   EXPECT(c, c->memory.memoryTypeCount >= 1 && c->memory.memoryTypeCount <= VK_MAX_MEMORY_TYPES,
          "memoryTypeCount %u", c->memory.memoryTypeCount);
   EXPECT(c, ctx_memory_type(c, ~0u, HOST_VISIBLE_COHERENT) != UINT32_MAX,
          "no memory type is HOST_VISIBLE|HOST_COHERENT");
   for (uint32_t i = 0; i < c->memory.memoryTypeCount; i++) {
      EXPECT(c, c->memory.memoryTypes[i].heapIndex < c->memory.memoryHeapCount,
             "memory type %u names heap %u of %u", i, c->memory.memoryTypes[i].heapIndex,
             c->memory.memoryHeapCount);
   }
}

/* minMemoryMapAlignment: "When mapping a memory allocation with vkMapMemory,
 * subtracting offset bytes from the returned pointer will always produce an
 * integer multiple of this limit."  Required limit: a power of two, min 64. */
static void
map_pointer_minus_offset_is_aligned(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const uint64_t align = c->properties.limits.minMemoryMapAlignment;
   EXPECT(c, is_power_of_two(align) && align >= 64,
          "minMemoryMapAlignment %" PRIu64 " is not a power of two of at least 64", align);

   static const VkDeviceSize sizes[] = { 1, 3, 64, 100, 4095, 4096, 4097, 65536 + 13, (1 << 20) + 7 };
   static const VkDeviceSize offsets[] = { 0, 1, 2, 3, 7, 63, 64, 65, 127, 255, 256, 1000,
                                           4095, 4096, 4097, 65535, 65536, 100000 };
   unsigned maps = 0;
   for (uint32_t type = 0; type < c->memory.memoryTypeCount; type++) {
      if (!(c->memory.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT))
         continue;
      for (size_t s = 0; s < ARRAY_LENGTH(sizes); s++) {
         VkDeviceMemory memory;
         EXPECT_VK(c, alloc_memory(c, sizes[s], type, &memory));
         for (size_t o = 0; o < ARRAY_LENGTH(offsets) && offsets[o] < sizes[s]; o++) {
            const VkDeviceSize offset = offsets[o];
            const VkDeviceSize map_sizes[] = { 1, sizes[s] - offset, VK_WHOLE_SIZE };
            for (size_t m = 0; m < ARRAY_LENGTH(map_sizes); m++) {
               void *data = NULL;
               EXPECT_VK(c, vkMapMemory(c->device, memory, offset, map_sizes[m], 0, &data));
               EXPECT(c, data != NULL, "vkMapMemory returned VK_SUCCESS and a NULL pointer");
               EXPECT(c, ((uintptr_t)data - offset) % align == 0,
                      "type %u, allocation %" PRIu64 ", offset %" PRIu64 ", size %" PRIu64
                      ": pointer %p minus offset is not a multiple of %" PRIu64,
                      type, sizes[s], offset, map_sizes[m], data, align);
               /* The first and the last byte of the range are accessible. */
               volatile uint8_t *bytes = data;
               VkDeviceSize last = (map_sizes[m] == VK_WHOLE_SIZE ? sizes[s] - offset : map_sizes[m]) - 1;
               bytes[0] = 0x5a;
               bytes[last] = 0xa5;
               vkUnmapMemory(c->device, memory);
               maps++;
            }
         }
         vkFreeMemory(c->device, memory, NULL);
      }
   }
   EXPECT(c, maps > 0, "no HOST_VISIBLE memory type to map");
}

/* vkMapMemory: "To retrieve a host virtual address pointer to a region of a
 * mappable memory object" -- every map is a view of the same memory, so what
 * was written through one map is read through the next. */
static void
map_contents_persist_across_unmap_and_remap(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   uint32_t type;
   COHERENT_TYPE(c, type);
   const VkDeviceSize size = 256 * 1024 + 100;
   VkDeviceMemory memory;
   EXPECT_VK(c, alloc_memory(c, size, type, &memory));
   void *data;
   EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
   fill_pattern(data, size, 1, 0);
   vkUnmapMemory(c->device, memory);

   /* Rewrite a different window each round; check everything each time. */
   static const VkDeviceSize windows[][2] = { { 4096 + 3, 1000 }, { 0, 64 }, { 200000, 62244 } };
   for (size_t round = 0; round < ARRAY_LENGTH(windows); round++) {
      const VkDeviceSize offset = windows[round][0], length = windows[round][1];
      EXPECT_VK(c, vkMapMemory(c->device, memory, offset, length, 0, &data));
      EXPECT(c, find_pattern_mismatch(data, length, 1, offset) == SIZE_MAX,
             "round %zu: a map at offset %" PRIu64 " does not show what the previous map wrote", round, offset);
      fill_pattern(data, length, 2 + (uint32_t)round, offset);
      vkUnmapMemory(c->device, memory);

      EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
      const uint8_t *bytes = data;
      size_t bad = find_pattern_mismatch(data, offset, 1, 0);
      EXPECT(c, bad == SIZE_MAX, "round %zu: byte %zu before the window changed", round, bad);
      bad = find_pattern_mismatch(bytes + offset, length, 2 + (uint32_t)round, offset);
      EXPECT(c, bad == SIZE_MAX, "round %zu: byte %" PRIu64 " of the rewritten window lost", round, offset + bad);
      bad = find_pattern_mismatch(bytes + offset + length, size - offset - length, 1, offset + length);
      EXPECT(c, bad == SIZE_MAX, "round %zu: byte %" PRIu64 " after the window changed", round,
             offset + length + bad);
      /* Restore the base pattern for the next round. */
      fill_pattern(data, size, 1, 0);
      vkUnmapMemory(c->device, memory);
   }
   vkFreeMemory(c->device, memory, NULL);
}

/* vkMapMemory: "size is the size of the memory range to map, or
 * VK_WHOLE_SIZE to map from offset to the end of the allocation." */
static void
map_whole_size_reaches_end_of_allocation(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   uint32_t type;
   COHERENT_TYPE(c, type);
   static const VkDeviceSize sizes[] = { 1, 10000, 4096 * 3, 1000003 };
   for (size_t s = 0; s < ARRAY_LENGTH(sizes); s++) {
      const VkDeviceSize size = sizes[s];
      VkDeviceMemory memory;
      EXPECT_VK(c, alloc_memory(c, size, type, &memory));
      const VkDeviceSize offsets[] = { 0, size / 2, size - 1 };
      for (size_t o = 0; o < ARRAY_LENGTH(offsets); o++) {
         void *data;
         EXPECT_VK(c, vkMapMemory(c->device, memory, offsets[o], VK_WHOLE_SIZE, 0, &data));
         fill_pattern(data, size - offsets[o], 10 + (uint32_t)o, offsets[o]);
         vkUnmapMemory(c->device, memory);
         EXPECT_VK(c, vkMapMemory(c->device, memory, 0, size, 0, &data));
         size_t bad = find_pattern_mismatch((uint8_t *)data + offsets[o], size - offsets[o],
                                            10 + (uint32_t)o, offsets[o]);
         EXPECT(c, bad == SIZE_MAX,
                "allocation %" PRIu64 ": bytes written through a VK_WHOLE_SIZE map at offset %" PRIu64
                " not there at byte %" PRIu64, size, offsets[o], offsets[o] + bad);
         vkUnmapMemory(c->device, memory);
      }
      vkFreeMemory(c->device, memory, NULL);
   }
}

/* --- an allocator that counts -------------------------------------------- */

struct counting_allocator {
   pthread_mutex_t lock;
   void **live;
   size_t *sizes;
   size_t live_count, capacity;
   unsigned unknown_frees;
   unsigned total;
};

static void
counting_track(struct counting_allocator *a, void *p, size_t size)
{
   if (a->live_count == a->capacity) {
      a->capacity = a->capacity ? 2 * a->capacity : 256;
      a->live = realloc(a->live, a->capacity * sizeof(*a->live));
      a->sizes = realloc(a->sizes, a->capacity * sizeof(*a->sizes));
      if (!a->live || !a->sizes)
         abort();
   }
   a->live[a->live_count] = p;
   a->sizes[a->live_count] = size;
   a->live_count++;
   a->total++;
}

/* Removes p; returns its size, or SIZE_MAX if p was not live. */
static size_t
counting_untrack(struct counting_allocator *a, void *p)
{
   for (size_t i = a->live_count; i-- > 0;) {
      if (a->live[i] == p) {
         size_t size = a->sizes[i];
         a->live[i] = a->live[a->live_count - 1];
         a->sizes[i] = a->sizes[a->live_count - 1];
         a->live_count--;
         return size;
      }
   }
   return SIZE_MAX;
}

static void *VKAPI_CALL
counting_alloc(void *user, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   (void)scope;
   struct counting_allocator *a = user;
   void *p = NULL;
   if (alignment < sizeof(void *))
      alignment = sizeof(void *);
   if (posix_memalign(&p, alignment, size ? size : 1) != 0)
      return NULL;
   pthread_mutex_lock(&a->lock);
   counting_track(a, p, size);
   pthread_mutex_unlock(&a->lock);
   return p;
}

static void VKAPI_CALL
counting_free(void *user, void *p)
{
   struct counting_allocator *a = user;
   if (p == NULL)
      return;
   pthread_mutex_lock(&a->lock);
   size_t size = counting_untrack(a, p);
   if (size == SIZE_MAX)
      a->unknown_frees++;
   pthread_mutex_unlock(&a->lock);
   if (size != SIZE_MAX)
      free(p);
}

static void *VKAPI_CALL
counting_realloc(void *user, void *old, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   struct counting_allocator *a = user;
   if (old == NULL)
      return counting_alloc(user, size, alignment, scope);
   if (size == 0) {
      counting_free(user, old);
      return NULL;
   }
   pthread_mutex_lock(&a->lock);
   size_t old_size = SIZE_MAX;
   for (size_t i = 0; i < a->live_count; i++) {
      if (a->live[i] == old)
         old_size = a->sizes[i];
   }
   if (old_size == SIZE_MAX)
      a->unknown_frees++;
   pthread_mutex_unlock(&a->lock);
   if (old_size == SIZE_MAX)
      return NULL;
   void *p = counting_alloc(user, size, alignment, scope);
   if (p == NULL)
      return NULL;
   memcpy(p, old, old_size < size ? old_size : size);
   counting_free(user, old);
   return p;
}

/* vkFreeMemory: "If a memory object is mapped at the time it is freed, it is
 * implicitly unmapped."  And VK_SYSTEM_ALLOCATION_SCOPE_OBJECT: "the
 * allocation is scoped to the lifetime of the Vulkan object that is being
 * created or used" -- so once the memory object is freed, nothing allocated
 * through its callbacks is still live. */
static void
free_while_mapped_unmaps_and_releases_host_memory(struct ctx *c)
{
   static struct counting_allocator counter = { .lock = PTHREAD_MUTEX_INITIALIZER };
   const VkAllocationCallbacks callbacks = {
      .pUserData = &counter,
      .pfnAllocation = counting_alloc,
      .pfnReallocation = counting_realloc,
      .pfnFree = counting_free,
   };
   /* The device keeps the default allocator: a driver may make device-scope
    * allocations during vkAllocateMemory (VK_SYSTEM_ALLOCATION_SCOPE_DEVICE
    * outlives the memory object), and those go through the device's
    * callbacks, not the memory object's. */
   const struct ctx_options options = { .allocator = NULL };
   if (!ctx_open(c, &options))
      return;
   uint32_t type;
   COHERENT_TYPE(c, type);
   const size_t before = counter.live_count;
   static const VkDeviceSize sizes[] = { 1, 4096, 65536 + 7, 4 << 20 };
   size_t address_space_after_warm_up = 0;
   for (unsigned round = 0; round < 64; round++) {
      if (round == 8)
         address_space_after_warm_up = address_space_in_use();
      const VkDeviceSize size = sizes[round % ARRAY_LENGTH(sizes)];
      const VkMemoryAllocateInfo info = {
         .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
         .allocationSize = size,
         .memoryTypeIndex = type,
      };
      VkDeviceMemory memory;
      EXPECT_VK(c, vkAllocateMemory(c->device, &info, &callbacks, &memory));
      void *data;
      EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
      memset(data, (int)round, (size_t)size);
      vkFreeMemory(c->device, memory, &callbacks); /* still mapped */
      EXPECT(c, counter.live_count == before,
             "round %u: %zu host allocations made through the callbacks are still live after "
             "vkFreeMemory (there were %zu before vkAllocateMemory)",
             round, counter.live_count, before);
   }
   /* Mappings of freed memory do not pile up: 56 rounds leaking their
    * mappings would add about 57 MiB of address space. */
   const size_t growth = address_space_in_use() - address_space_after_warm_up;
   EXPECT(c, growth < (24u << 20),
          "the process's address space grew by %zu MiB over 56 rounds of allocate, map, free", growth >> 20);
   snprintf(c->why, sizeof(c->why), "address space grew by %zu KiB over 56 rounds", growth >> 10);
   /* VUID-vkFreeMemory-memory-parameter: "If memory is not VK_NULL_HANDLE,
    * memory must be a valid VkDeviceMemory handle": freeing VK_NULL_HANDLE
    * is valid and does nothing. */
   vkFreeMemory(c->device, VK_NULL_HANDLE, &callbacks);
   ctx_close(c);
   EXPECT(c, counter.unknown_frees == 0, "%u frees of pointers the callbacks never returned",
          counter.unknown_frees);
   EXPECT(c, counter.live_count == 0,
          "%zu of %u host allocations still live after vkDestroyDevice and vkDestroyInstance",
          counter.live_count, counter.total);
}

static unsigned
thread_count(void)
{
   FILE *status = fopen("/proc/self/status", "r");
   unsigned threads = 0;
   char line[256];
   while (status && fgets(line, sizeof(line), status)) {
      if (sscanf(line, "Threads: %u", &threads) == 1)
         break;
   }
   if (status)
      fclose(status);
   return threads;
}

/* VK_SYSTEM_ALLOCATION_SCOPE_DEVICE "specifies that the allocation is scoped
 * to the lifetime of the Vulkan device."  A device that allocated memory,
 * created a buffer and a command pool and ran a submission, then destroyed
 * them all, leaves nothing allocated through its callbacks once
 * vkDestroyDevice returns; twenty times over. */
static void
device_scope_allocations_end_with_the_device(struct ctx *c)
{
   static struct counting_allocator counter = { .lock = PTHREAD_MUTEX_INITIALIZER };
   const VkAllocationCallbacks callbacks = {
      .pUserData = &counter,
      .pfnAllocation = counting_alloc,
      .pfnReallocation = counting_realloc,
      .pfnFree = counting_free,
   };
   /* The instance uses no callbacks: only the device's are counted. */
   if (!ctx_open(c, NULL))
      return;
   uint32_t type;
   COHERENT_TYPE(c, type);
   vkDestroyDevice(c->device, NULL);
   c->device = VK_NULL_HANDLE;
   const unsigned threads_before = thread_count();
   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = c->queue_family,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   const VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
   };
   for (unsigned round = 0; round < 20; round++) {
      VkDevice device;
      EXPECT_VK(c, vkCreateDevice(c->physical_device, &device_info, &callbacks, &device));
      VkQueue queue;
      vkGetDeviceQueue(device, c->queue_family, 0, &queue);
      const VkMemoryAllocateInfo memory_info = {
         .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO, .allocationSize = 65536, .memoryTypeIndex = type };
      VkDeviceMemory memory;
      EXPECT_VK(c, vkAllocateMemory(device, &memory_info, &callbacks, &memory));
      const VkBufferCreateInfo buffer_info = {
         .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
         .size = 4096,
         .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
         .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
      };
      VkBuffer buffer;
      EXPECT_VK(c, vkCreateBuffer(device, &buffer_info, &callbacks, &buffer));
      VkMemoryRequirements r;
      vkGetBufferMemoryRequirements(device, buffer, &r);
      EXPECT(c, (r.memoryTypeBits & (1u << type)) && r.size <= 65536, "the buffer cannot use the memory");
      EXPECT_VK(c, vkBindBufferMemory(device, buffer, memory, 0));
      const VkCommandPoolCreateInfo pool_info = {
         .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO, .queueFamilyIndex = c->queue_family };
      VkCommandPool pool;
      EXPECT_VK(c, vkCreateCommandPool(device, &pool_info, &callbacks, &pool));
      const VkCommandBufferAllocateInfo allocate_info = {
         .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
         .commandPool = pool,
         .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
         .commandBufferCount = 1,
      };
      VkCommandBuffer commands;
      EXPECT_VK(c, vkAllocateCommandBuffers(device, &allocate_info, &commands));
      const VkCommandBufferBeginInfo begin = { .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO };
      EXPECT_VK(c, vkBeginCommandBuffer(commands, &begin));
      vkCmdFillBuffer(commands, buffer, 0, VK_WHOLE_SIZE, round);
      EXPECT_VK(c, vkEndCommandBuffer(commands));
      const VkSubmitInfo submit = {
         .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1, .pCommandBuffers = &commands };
      EXPECT_VK(c, vkQueueSubmit(queue, 1, &submit, VK_NULL_HANDLE));
      /* vkDestroyDevice: "To ensure that no work is active on the device,
       * vkDeviceWaitIdle can be used to gate the destruction of the device." */
      EXPECT_VK(c, vkDeviceWaitIdle(device));
      vkDestroyCommandPool(device, pool, &callbacks);
      vkDestroyBuffer(device, buffer, &callbacks);
      vkFreeMemory(device, memory, &callbacks);
      vkDestroyDevice(device, &callbacks);
      EXPECT(c, counter.live_count == 0,
             "round %u: %zu host allocations made through the device's callbacks are live after vkDestroyDevice",
             round, counter.live_count);
   }
   EXPECT(c, counter.unknown_frees == 0, "%u frees of pointers the callbacks never returned", counter.unknown_frees);
   snprintf(c->why, sizeof(c->why), "%u allocations through the callbacks, all freed; threads %u -> %u",
            counter.total, threads_before, thread_count());
}

/* vkMapMemory2: "This function behaves identically to vkMapMemory except that
 * it gets its parameters via an extensible structure pointer rather than
 * directly as function arguments."  Checked for vkMapMemory2 (1.4) and for
 * its alias vkMapMemory2KHR, whichever are available. */
static void
map2_behaves_identically_to_map(struct ctx *c)
{
   const struct ctx_options options = { .extensions = { VK_KHR_MAP_MEMORY_2_EXTENSION_NAME } };
   if (!ctx_open(c, &options))
      return;
   struct {
      const char *name;
      PFN_vkMapMemory2 map;
      PFN_vkUnmapMemory2 unmap;
   } variants[2];
   unsigned count = 0;
   if (ctx_device_api_version(c) >= VK_API_VERSION_1_4) {
      variants[count].name = "vkMapMemory2";
      variants[count].map = DEVICE_PROC(c, vkMapMemory2);
      variants[count].unmap = DEVICE_PROC(c, vkUnmapMemory2);
      EXPECT(c, variants[count].map && variants[count].unmap,
             "vkGetDeviceProcAddr returned NULL for vkMapMemory2/vkUnmapMemory2 on a 1.4 device");
      count++;
   }
   if (ctx_enabled(c, VK_KHR_MAP_MEMORY_2_EXTENSION_NAME)) {
      variants[count].name = "vkMapMemory2KHR";
      variants[count].map = (PFN_vkMapMemory2)vkGetDeviceProcAddr(c->device, "vkMapMemory2KHR");
      variants[count].unmap = (PFN_vkUnmapMemory2)vkGetDeviceProcAddr(c->device, "vkUnmapMemory2KHR");
      EXPECT(c, variants[count].map && variants[count].unmap,
             "vkGetDeviceProcAddr returned NULL for vkMapMemory2KHR/vkUnmapMemory2KHR with the extension enabled");
      count++;
   }
   if (count == 0)
      SKIP(c, "neither Vulkan 1.4 nor VK_KHR_map_memory2");
   uint32_t type;
   COHERENT_TYPE(c, type);
   const uint64_t align = c->properties.limits.minMemoryMapAlignment;
   const VkDeviceSize size = 3 * 65536 + 5;
   VkDeviceMemory memory;
   EXPECT_VK(c, alloc_memory(c, size, type, &memory));
   static const VkDeviceSize offsets[] = { 0, 1, 63, 64, 4095, 4096, 65537, 3 * 65536 + 4 };
   for (unsigned v = 0; v < count; v++) {
      for (size_t o = 0; o < ARRAY_LENGTH(offsets); o++) {
         const VkDeviceSize offset = offsets[o];
         const uint32_t seed = 100 + v * 16 + (uint32_t)o;
         VkMemoryMapInfo map_info = {
            .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO,
            .memory = memory,
            .offset = offset,
            .size = (o & 1) ? VK_WHOLE_SIZE : size - offset,
         };
         void *data = NULL;
         EXPECT_VK(c, variants[v].map(c->device, &map_info, &data));
         EXPECT(c, data != NULL && ((uintptr_t)data - offset) % align == 0,
                "%s at offset %" PRIu64 ": pointer %p minus offset is not a multiple of "
                "minMemoryMapAlignment %" PRIu64, variants[v].name, offset, data, align);
         fill_pattern(data, size - offset, seed, offset);
         const VkMemoryUnmapInfo unmap_info = { .sType = VK_STRUCTURE_TYPE_MEMORY_UNMAP_INFO, .memory = memory };
         EXPECT_VK(c, variants[v].unmap(c->device, &unmap_info));

         /* What map2 wrote, map reads; then map and unmap2 pair up too. */
         EXPECT_VK(c, vkMapMemory(c->device, memory, offset, VK_WHOLE_SIZE, 0, &data));
         size_t bad = find_pattern_mismatch(data, size - offset, seed, offset);
         EXPECT(c, bad == SIZE_MAX, "%s wrote at offset %" PRIu64 ", vkMapMemory reads byte %" PRIu64
                " differently", variants[v].name, offset, offset + bad);
         fill_pattern(data, size - offset, seed + 1000, offset);
         EXPECT_VK(c, variants[v].unmap(c->device, &unmap_info));

         map_info.offset = 0;
         map_info.size = VK_WHOLE_SIZE;
         EXPECT_VK(c, variants[v].map(c->device, &map_info, &data));
         bad = find_pattern_mismatch((uint8_t *)data + offset, size - offset, seed + 1000, offset);
         EXPECT(c, bad == SIZE_MAX, "vkMapMemory wrote at offset %" PRIu64 ", %s reads byte %" PRIu64
                " differently", offset, variants[v].name, offset + bad);
         vkUnmapMemory(c->device, memory);
      }
   }
   vkFreeMemory(c->device, memory, NULL);
}

/* VkMappedMemoryRange: "offset must be a multiple of
 * VkPhysicalDeviceLimits::nonCoherentAtomSize" (VUID-VkMappedMemoryRange-offset-00687);
 * "If size is equal to VK_WHOLE_SIZE, the end of the current mapping of memory
 * must either be a multiple of nonCoherentAtomSize bytes from the beginning
 * of the memory object, or be equal to the end of the memory object"
 * (-size-01389); "If size is not equal to VK_WHOLE_SIZE, size must either be
 * a multiple of nonCoherentAtomSize, or offset plus size must equal the size
 * of memory" (-size-01390).  Every such range is valid to flush and
 * invalidate; host writes survive a flush followed by an invalidate. */
static void
flush_and_invalidate_accept_atom_rounded_ranges(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const VkDeviceSize atom = c->properties.limits.nonCoherentAtomSize;
   EXPECT(c, is_power_of_two(atom) && atom <= 256,
          "nonCoherentAtomSize %" PRIu64 " is not a power of two of at most 256", atom);
   const VkDeviceSize size = 5 * atom + 17;
   unsigned tested = 0;
   for (uint32_t type = 0; type < c->memory.memoryTypeCount; type++) {
      if (!(c->memory.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT))
         continue;
      VkDeviceMemory memory;
      EXPECT_VK(c, alloc_memory(c, size, type, &memory));
      void *data;
      EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
      fill_pattern(data, size, 7, 0);
      const VkDeviceSize ranges[][2] = {
         { 0, VK_WHOLE_SIZE }, { atom, VK_WHOLE_SIZE }, { atom, atom }, { 0, 2 * atom },
         { 4 * atom, size - 4 * atom }, { 5 * atom, 17 }, { 5 * atom, VK_WHOLE_SIZE },
      };
      VkMappedMemoryRange mapped[ARRAY_LENGTH(ranges)];
      for (size_t r = 0; r < ARRAY_LENGTH(ranges); r++) {
         mapped[r] = (VkMappedMemoryRange){
            .sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE,
            .memory = memory,
            .offset = ranges[r][0],
            .size = ranges[r][1],
         };
         EXPECT_VK(c, vkFlushMappedMemoryRanges(c->device, 1, &mapped[r]));
      }
      EXPECT_VK(c, vkFlushMappedMemoryRanges(c->device, ARRAY_LENGTH(mapped), mapped));
      for (size_t r = 0; r < ARRAY_LENGTH(ranges); r++)
         EXPECT_VK(c, vkInvalidateMappedMemoryRanges(c->device, 1, &mapped[r]));
      size_t bad = find_pattern_mismatch(data, size, 7, 0);
      EXPECT(c, bad == SIZE_MAX, "type %u: byte %zu lost across flush and invalidate", type, bad);
      vkUnmapMemory(c->device, memory);

      /* A map that starts at an atom and runs to the end, and one that ends
       * at an atom boundary: VK_WHOLE_SIZE ranges of each. */
      EXPECT_VK(c, vkMapMemory(c->device, memory, atom, VK_WHOLE_SIZE, 0, &data));
      VkMappedMemoryRange tail = { .sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, .memory = memory,
                                   .offset = atom, .size = VK_WHOLE_SIZE };
      EXPECT_VK(c, vkFlushMappedMemoryRanges(c->device, 1, &tail));
      EXPECT_VK(c, vkInvalidateMappedMemoryRanges(c->device, 1, &tail));
      vkUnmapMemory(c->device, memory);
      EXPECT_VK(c, vkMapMemory(c->device, memory, 0, 2 * atom, 0, &data));
      VkMappedMemoryRange head = { .sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, .memory = memory,
                                   .offset = 0, .size = VK_WHOLE_SIZE };
      EXPECT_VK(c, vkFlushMappedMemoryRanges(c->device, 1, &head));
      EXPECT_VK(c, vkInvalidateMappedMemoryRanges(c->device, 1, &head));
      bad = find_pattern_mismatch(data, 2 * atom, 7, 0);
      EXPECT(c, bad == SIZE_MAX, "type %u: byte %zu lost after remapping", type, bad);
      vkUnmapMemory(c->device, memory);
      vkFreeMemory(c->device, memory, NULL);
      tested++;
   }
   EXPECT(c, tested > 0, "no HOST_VISIBLE memory type");
}

/* maxMemoryAllocationCount: "the maximum number of device memory allocations,
 * as created by vkAllocateMemory, which can simultaneously exist."  (Going
 * past it is invalid usage, VUID-vkAllocateMemory-maxMemoryAllocationCount-04101,
 * so the check stops at the limit.) */
#define ALLOCATION_COUNT_CAP 131072u
#define ALLOCATION_COUNT_REQUIRED_MINIMUM 4096u
static void
max_memory_allocation_count_allocations_can_coexist(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const uint32_t limit = c->properties.limits.maxMemoryAllocationCount;
   EXPECT(c, limit >= ALLOCATION_COUNT_REQUIRED_MINIMUM,
          "maxMemoryAllocationCount %u is below the required minimum 4096", limit);
   const bool reachable = limit <= ALLOCATION_COUNT_CAP;
   /* Beyond the cap the limit is not reached, but every allocation up to
    * the cap must still succeed: the limit promises at least that many. */
   const uint32_t target = reachable ? limit : ALLOCATION_COUNT_CAP;
   uint32_t type;
   COHERENT_TYPE(c, type);
   VkDeviceMemory *memories = calloc(target, sizeof(*memories));
   EXPECT(c, memories != NULL, "out of host memory in the test");
   uint32_t made = 0;
   VkResult result = VK_SUCCESS;
   for (; made < target; made++) {
      result = alloc_memory(c, 64, type, &memories[made]);
      if (result != VK_SUCCESS)
         break;
   }
   for (uint32_t i = 0; i < made; i++)
      vkFreeMemory(c->device, memories[i], NULL);
   free(memories);
   EXPECT(c, made == target, "allocation %u of %u returned %s", made + 1, target, vk_result_name(result));
   if (!reachable)
      SKIP(c, "maxMemoryAllocationCount %u is more than this check allocates; "
           "%u allocations (the cap) coexisted", limit, target);
   snprintf(c->why, sizeof(c->why), "%u allocations coexisted", target);
}

/* --- out of memory, in a child with little address space ----------------- */

static volatile sig_atomic_t oom_phase;
static int oom_report_fd = -1;
static const char *const oom_phase_names[] = {
   "before the test", "inside vkAllocateMemory", "inside vkMapMemory",
   "writing to the mapping vkMapMemory returned with VK_SUCCESS", "inside vkFreeMemory",
};

static void
oom_on_fault(int signal)
{
   char message[256];
   int n = snprintf(message, sizeof(message), "signal %d %s", signal, oom_phase_names[oom_phase]);
   if (n > 0 && write(oom_report_fd, message, (size_t)n) < 0)
      _exit(4);
   _exit(3);
}

/* Runs in the grandchild: writes "ok <notes>" or the failure to fd. */
static void
oom_child(int fd)
{
   oom_report_fd = fd;
   struct ctx child;
   memset(&child, 0, sizeof(child));
   struct ctx *c = &child;
   char notes[800] = "";
   size_t used = 0;
#define OOM_REPORT(...)                                                    \
   do {                                                                    \
      char m_[1024];                                                       \
      int n_ = snprintf(m_, sizeof(m_), __VA_ARGS__);                      \
      if (n_ > 0 && write(fd, m_, (size_t)n_ < sizeof(m_) ? (size_t)n_ : sizeof(m_) - 1) < 0) \
         _exit(4);                                                         \
      _exit(0);                                                            \
   } while (0)
   if (!ctx_open(c, NULL))
      OOM_REPORT("%s %s", c->outcome == OUTCOME_SKIP ? "skip" : "fail", c->why);
   uint32_t type = ctx_memory_type(c, ~0u, HOST_VISIBLE_COHERENT);
   if (type == UINT32_MAX)
      OOM_REPORT("skip no HOST_VISIBLE|HOST_COHERENT memory type");
   const VkDeviceSize heap = c->memory.memoryHeaps[c->memory.memoryTypes[type].heapIndex].size;

   struct sigaction action = { .sa_handler = oom_on_fault };
   sigaction(SIGSEGV, &action, NULL);
   sigaction(SIGBUS, &action, NULL);

   /* One allocation made while address space is plentiful, mapped only
    * after it is scarce: a driver that maps lazily meets the limit in
    * vkMapMemory. */
   const VkDeviceSize early_size = 256u << 20;
   VkDeviceMemory early = VK_NULL_HANDLE;
   if (early_size <= heap / 2 && alloc_memory(c, early_size, type, &early) != VK_SUCCESS)
      early = VK_NULL_HANDLE;

   struct rlimit original;
   getrlimit(RLIMIT_AS, &original);
   const size_t headroom = 16u << 20;
   struct rlimit low = { .rlim_cur = address_space_in_use() + headroom, .rlim_max = original.rlim_max };
   if (setrlimit(RLIMIT_AS, &low) != 0)
      OOM_REPORT("skip setrlimit(RLIMIT_AS): %s", strerror(errno));

   const size_t page = (size_t)sysconf(_SC_PAGESIZE);
   if (early != VK_NULL_HANDLE) {
      void *data = NULL;
      oom_phase = 2;
      VkResult result = vkMapMemory(c->device, early, 0, VK_WHOLE_SIZE, 0, &data);
      oom_phase = 0;
      snprintf(notes, sizeof(notes), "256 MiB allocated before the limit: vkMapMemory %s", vk_result_name(result));
      if (result == VK_SUCCESS) {
         if (data == NULL || data == MAP_FAILED)
            OOM_REPORT("fail 256 MiB allocated before the limit: vkMapMemory returned VK_SUCCESS with the pointer %p",
                       data);
         oom_phase = 3;
         volatile uint8_t *bytes = data;
         for (size_t i = 0; i < early_size; i += page)
            bytes[i] = 1;
         oom_phase = 0;
         vkUnmapMemory(c->device, early);
      } else if (result != VK_ERROR_MEMORY_MAP_FAILED && result != VK_ERROR_OUT_OF_HOST_MEMORY &&
                 result != VK_ERROR_OUT_OF_DEVICE_MEMORY) {
         OOM_REPORT("fail 256 MiB allocated before the limit: vkMapMemory returned %s", vk_result_name(result));
      }
      oom_phase = 4;
      vkFreeMemory(c->device, early, NULL);
      oom_phase = 0;
   }

   static const VkDeviceSize sizes[] = { 256u << 20, 1u << 30 };
   for (size_t s = 0; s < ARRAY_LENGTH(sizes); s++) {
      const VkDeviceSize size = sizes[s];
      if (size > heap / 2)
         continue;
      VkDeviceMemory memory;
      oom_phase = 1;
      VkResult result = alloc_memory(c, size, type, &memory);
      oom_phase = 0;
      size_t n = strlen(notes);
      snprintf(notes + n, sizeof(notes) - n, "%s%" PRIu64 " MiB: vkAllocateMemory %s", n ? "; " : "",
               size >> 20, vk_result_name(result));
      /* vkAllocateMemory's failure codes. */
      if (result == VK_ERROR_OUT_OF_DEVICE_MEMORY || result == VK_ERROR_OUT_OF_HOST_MEMORY)
         continue;
      if (result != VK_SUCCESS)
         OOM_REPORT("fail %" PRIu64 " MiB: vkAllocateMemory returned %s", size >> 20, vk_result_name(result));
      void *data = NULL;
      oom_phase = 2;
      result = vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data);
      oom_phase = 0;
      n = strlen(notes);
      snprintf(notes + n, sizeof(notes) - n, ", vkMapMemory %s", vk_result_name(result));
      if (result == VK_SUCCESS) {
         if (data == NULL || data == MAP_FAILED)
            OOM_REPORT("fail %" PRIu64 " MiB: vkMapMemory returned VK_SUCCESS with the pointer %p",
                       size >> 20, data);
         /* Touch every page: a pointer returned with VK_SUCCESS must be good. */
         oom_phase = 3;
         volatile uint8_t *bytes = data;
         for (size_t i = 0; i < size; i += page)
            bytes[i] = 1;
         bytes[size - 1] = 1;
         oom_phase = 0;
         used++;
         vkUnmapMemory(c->device, memory);
      } else if (result != VK_ERROR_MEMORY_MAP_FAILED && result != VK_ERROR_OUT_OF_HOST_MEMORY &&
                 result != VK_ERROR_OUT_OF_DEVICE_MEMORY) {
         OOM_REPORT("fail %" PRIu64 " MiB: vkMapMemory returned %s", size >> 20, vk_result_name(result));
      }
      oom_phase = 4;
      vkFreeMemory(c->device, memory, NULL);
      oom_phase = 0;
   }
   /* With the limit lifted again, the device still works. */
   setrlimit(RLIMIT_AS, &original);
   VkDeviceMemory memory;
   VkResult result = alloc_memory(c, 65536, type, &memory);
   if (result != VK_SUCCESS)
      OOM_REPORT("fail after the failures, a 64 KiB vkAllocateMemory returned %s", vk_result_name(result));
   void *data;
   result = vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data);
   if (result != VK_SUCCESS)
      OOM_REPORT("fail after the failures, vkMapMemory of 64 KiB returned %s", vk_result_name(result));
   memset(data, 1, 65536);
   vkFreeMemory(c->device, memory, NULL);
   ctx_close(c);
   OOM_REPORT("ok %s", notes);
#undef OOM_REPORT
}

/* vkAllocateMemory fails with VK_ERROR_OUT_OF_HOST_MEMORY or
 * VK_ERROR_OUT_OF_DEVICE_MEMORY; vkMapMemory with those or
 * VK_ERROR_MEMORY_MAP_FAILED ("Mapping of a memory object has failed").  On
 * VK_SUCCESS, ppData "is a pointer to a void* variable in which a
 * host-accessible pointer to the beginning of the mapped range is returned":
 * never a bad pointer, even with little address space left. */
static void
out_of_address_space_reports_an_error_not_a_bad_pointer(struct ctx *c)
{
   int fds[2];
   EXPECT(c, pipe(fds) == 0, "pipe: %s", strerror(errno));
   fflush(stdout);
   pid_t pid = fork();
   EXPECT(c, pid >= 0, "fork: %s", strerror(errno));
   if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      close(fds[0]);
      oom_child(fds[1]);
      _exit(0);
   }
   close(fds[1]);
   char message[1024];
   size_t got = 0;
   for (;;) {
      ssize_t n = read(fds[0], message + got, sizeof(message) - 1 - got);
      if (n < 0 && errno == EINTR)
         continue;
      if (n <= 0)
         break;
      got += (size_t)n;
   }
   message[got] = '\0';
   close(fds[0]);
   int status;
   while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
   if (strncmp(message, "ok ", 3) == 0) {
      snprintf(c->why, sizeof(c->why), "%s", message + 3);
      return;
   }
   if (strncmp(message, "skip ", 5) == 0)
      SKIP(c, "%s", message + 5);
   if (strncmp(message, "fail ", 5) == 0)
      EXPECT(c, false, "%s", message + 5);
   if (strncmp(message, "signal ", 7) == 0)
      EXPECT(c, false, "with RLIMIT_AS lowered: %s", message);
   if (WIFSIGNALED(status))
      EXPECT(c, false, "with RLIMIT_AS lowered the process died of signal %d", WTERMSIG(status));
   EXPECT(c, false, "the child exited with status %d without a report", WEXITSTATUS(status));
}

/* VK_EXT_memory_budget: "heapUsage is an array of VK_MAX_MEMORY_HEAPS
 * VkDeviceSize values in which memory usages are returned, with one element
 * for each memory heap. A heap's usage is an estimate of how much memory the
 * process is currently using in that heap."  "The heapBudget and heapUsage
 * values must be zero for array elements greater than or equal to
 * VkPhysicalDeviceMemoryProperties::memoryHeapCount. The heapBudget value
 * must be non-zero for array elements less than
 * VkPhysicalDeviceMemoryProperties::memoryHeapCount. The heapBudget value
 * must be less than or equal to VkMemoryHeap::size for each heap." */
static void
memory_budget_usage_rises_after_allocation(struct ctx *c)
{
   const struct ctx_options options = { .extensions = { VK_EXT_MEMORY_BUDGET_EXTENSION_NAME } };
   if (!ctx_open(c, &options))
      return;
   if (!ctx_enabled(c, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME))
      SKIP(c, "VK_EXT_memory_budget is not supported");
   VkPhysicalDeviceMemoryBudgetPropertiesEXT before = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT };
   VkPhysicalDeviceMemoryProperties2 properties = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2, .pNext = &before };
   vkGetPhysicalDeviceMemoryProperties2(c->physical_device, &properties);
   for (uint32_t h = 0; h < VK_MAX_MEMORY_HEAPS; h++) {
      if (h < c->memory.memoryHeapCount) {
         EXPECT(c, before.heapBudget[h] != 0, "heap %u: heapBudget is zero", h);
         EXPECT(c, before.heapBudget[h] <= c->memory.memoryHeaps[h].size,
                "heap %u: heapBudget %" PRIu64 " exceeds the heap's size %" PRIu64, h,
                before.heapBudget[h], c->memory.memoryHeaps[h].size);
      } else {
         EXPECT(c, before.heapBudget[h] == 0 && before.heapUsage[h] == 0,
                "heap %u (of %u): heapBudget %" PRIu64 ", heapUsage %" PRIu64 " are not zero", h,
                c->memory.memoryHeapCount, before.heapBudget[h], before.heapUsage[h]);
      }
   }
   uint32_t type;
   COHERENT_TYPE(c, type);
   const uint32_t heap = c->memory.memoryTypes[type].heapIndex;
   const VkDeviceSize size = 64u << 20;
   VkDeviceMemory memory;
   EXPECT_VK(c, alloc_memory(c, size, type, &memory));
   void *data;
   EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
   memset(data, 1, (size_t)size);
   VkPhysicalDeviceMemoryBudgetPropertiesEXT after = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT };
   properties.pNext = &after;
   vkGetPhysicalDeviceMemoryProperties2(c->physical_device, &properties);
   vkFreeMemory(c->device, memory, NULL);
   EXPECT(c, after.heapUsage[heap] > before.heapUsage[heap],
          "heap %u: heapUsage %" PRIu64 " before and %" PRIu64 " after allocating and writing 64 MiB",
          heap, before.heapUsage[heap], after.heapUsage[heap]);
   snprintf(c->why, sizeof(c->why), "heap %u usage %" PRIu64 " -> %" PRIu64 " MiB", heap,
            before.heapUsage[heap] >> 20, after.heapUsage[heap] >> 20);
}

/* The same definition, seen from the other side: memory that another
 * process uses is not "memory the process is currently using".  A child
 * process (no Vulkan in it) maps and touches 512 MiB; this process's
 * heapUsage must not take it in. */
static void
memory_budget_usage_counts_only_this_process(struct ctx *c)
{
   const struct ctx_options options = { .extensions = { VK_EXT_MEMORY_BUDGET_EXTENSION_NAME } };
   if (!ctx_open(c, &options))
      return;
   if (!ctx_enabled(c, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME))
      SKIP(c, "VK_EXT_memory_budget is not supported");
   const size_t other = 512u << 20;
   int ready[2], done[2];
   EXPECT(c, pipe(ready) == 0 && pipe(done) == 0, "pipe: %s", strerror(errno));
   fflush(stdout);
   pid_t pid = fork();
   EXPECT(c, pid >= 0, "fork: %s", strerror(errno));
   if (pid == 0) {
      /* Only system calls here: the parent has threads.  The child dies with
       * the check's process, and holds no write end of `done`, so the
       * parent's close (or death) ends its wait. */
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      close(ready[0]);
      close(done[1]);
      char byte = 0;
      void *p = mmap(NULL, other, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
      if (p != MAP_FAILED)
         byte = 1;
      if (write(ready[1], &byte, 1) != 1 || read(done[0], &byte, 1) < 0)
         _exit(1);
      _exit(0);
   }
   close(ready[1]);
   close(done[0]);
   VkPhysicalDeviceMemoryBudgetPropertiesEXT before = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT };
   VkPhysicalDeviceMemoryProperties2 properties = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2, .pNext = &before };
   vkGetPhysicalDeviceMemoryProperties2(c->physical_device, &properties);
   char populated = 0;
   ssize_t n = read(ready[0], &populated, 1);
   VkPhysicalDeviceMemoryBudgetPropertiesEXT during = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT };
   properties.pNext = &during;
   vkGetPhysicalDeviceMemoryProperties2(c->physical_device, &properties);
   close(done[1]); /* lets the child exit */
   close(ready[0]);
   int status;
   while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
   if (n != 1 || !populated)
      SKIP(c, "the helper process could not map and touch 512 MiB");
   for (uint32_t h = 0; h < c->memory.memoryHeapCount; h++) {
      EXPECT(c, during.heapUsage[h] < before.heapUsage[h] + other / 2,
             "heap %u: heapUsage went from %" PRIu64 " to %" PRIu64 " MiB while another process touched %zu MiB",
             h, before.heapUsage[h] >> 20, during.heapUsage[h] >> 20, other >> 20);
   }
}

/* --- two threads ---------------------------------------------------------- */

struct worker {
   struct ctx *c;
   uint32_t type;
   uint32_t seed;
   char error[256];
};

static void *
worker_main(void *argument)
{
   struct worker *w = argument;
   struct ctx *c = w->c;
   enum { LIVE = 4 };
   VkDeviceMemory live[LIVE] = { 0 };
   VkDeviceSize live_size[LIVE] = { 0 };
   static const VkDeviceSize sizes[] = { 4096, 65536 + 3, 1 << 20, 100 };
   for (unsigned i = 0; i < 600 && !w->error[0]; i++) {
      const unsigned slot = i % LIVE;
      const uint32_t seed = w->seed * 100000 + i;
      void *data;
      if (live[slot]) {
         /* Check what this thread wrote LIVE iterations ago, then free. */
         VkResult r = vkMapMemory(c->device, live[slot], 0, VK_WHOLE_SIZE, 0, &data);
         if (r != VK_SUCCESS) {
            snprintf(w->error, sizeof(w->error), "vkMapMemory returned %s", vk_result_name(r));
            break;
         }
         size_t bad = find_pattern_mismatch(data, (size_t)live_size[slot], seed - LIVE, 0);
         if (bad != SIZE_MAX)
            snprintf(w->error, sizeof(w->error), "iteration %u: byte %zu of an allocation changed", i, bad);
         vkFreeMemory(c->device, live[slot], NULL); /* implicitly unmaps */
         live[slot] = VK_NULL_HANDLE;
      }
      live_size[slot] = sizes[(i + w->seed) % ARRAY_LENGTH(sizes)];
      VkResult r = alloc_memory(c, live_size[slot], w->type, &live[slot]);
      if (r != VK_SUCCESS) {
         live[slot] = VK_NULL_HANDLE;
         snprintf(w->error, sizeof(w->error), "vkAllocateMemory returned %s", vk_result_name(r));
         break;
      }
      r = vkMapMemory(c->device, live[slot], 0, VK_WHOLE_SIZE, 0, &data);
      if (r != VK_SUCCESS) {
         snprintf(w->error, sizeof(w->error), "vkMapMemory returned %s", vk_result_name(r));
         break;
      }
      fill_pattern(data, (size_t)live_size[slot], seed, 0);
      vkUnmapMemory(c->device, live[slot]);
   }
   for (unsigned slot = 0; slot < LIVE; slot++)
      vkFreeMemory(c->device, live[slot], NULL);
   return NULL;
}

/* Threading behaviour: "All commands support being called concurrently from
 * multiple threads, but certain parameters, or components of parameters are
 * defined to be externally synchronized."  vkAllocateMemory's device is not
 * externally synchronized; each thread maps and frees only its own memory
 * objects (the externally synchronized parameters). */
static void
two_threads_allocate_map_write_free_at_once(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   uint32_t type;
   COHERENT_TYPE(c, type);
   struct worker workers[2];
   pthread_t threads[2];
   for (unsigned i = 0; i < 2; i++) {
      workers[i] = (struct worker){ .c = c, .type = type, .seed = i + 1 };
      EXPECT(c, pthread_create(&threads[i], NULL, worker_main, &workers[i]) == 0, "pthread_create failed");
   }
   for (unsigned i = 0; i < 2; i++)
      pthread_join(threads[i], NULL);
   for (unsigned i = 0; i < 2; i++)
      EXPECT(c, workers[i].error[0] == '\0', "thread %u: %s", i, workers[i].error);
}

const struct check memory_checks[] = {
   { "memory_properties_offer_host_coherent_type",
     "\"There must be at least one memory type with both the VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT and "
     "VK_MEMORY_PROPERTY_HOST_COHERENT_BIT bits set in its propertyFlags.\"",
     memory_properties_offer_host_coherent_type },
   { "map_pointer_minus_offset_is_aligned",
     "minMemoryMapAlignment: \"When mapping a memory allocation with vkMapMemory, subtracting offset bytes "
     "from the returned pointer will always produce an integer multiple of this limit.\"",
     map_pointer_minus_offset_is_aligned },
   { "map_contents_persist_across_unmap_and_remap",
     "vkMapMemory: \"To retrieve a host virtual address pointer to a region of a mappable memory object\"",
     map_contents_persist_across_unmap_and_remap },
   { "map_whole_size_reaches_end_of_allocation",
     "vkMapMemory: \"size is the size of the memory range to map, or VK_WHOLE_SIZE to map from offset to "
     "the end of the allocation.\"",
     map_whole_size_reaches_end_of_allocation },
   { "free_while_mapped_unmaps_and_releases_host_memory",
     "vkFreeMemory: \"If a memory object is mapped at the time it is freed, it is implicitly unmapped.\"; "
     "VK_SYSTEM_ALLOCATION_SCOPE_OBJECT: \"the allocation is scoped to the lifetime of the Vulkan object\"",
     free_while_mapped_unmaps_and_releases_host_memory },
   { "device_scope_allocations_end_with_the_device",
     "VK_SYSTEM_ALLOCATION_SCOPE_DEVICE \"specifies that the allocation is scoped to the lifetime of the Vulkan "
     "device.\"",
     device_scope_allocations_end_with_the_device },
   { "map2_behaves_identically_to_map",
     "vkMapMemory2: \"This function behaves identically to vkMapMemory except that it gets its parameters "
     "via an extensible structure pointer rather than directly as function arguments.\"",
     map2_behaves_identically_to_map },
   { "flush_and_invalidate_accept_atom_rounded_ranges",
     "VUID-VkMappedMemoryRange-offset-00687, VUID-VkMappedMemoryRange-size-01389, "
     "VUID-VkMappedMemoryRange-size-01390: nonCoherentAtomSize-aligned and VK_WHOLE_SIZE ranges",
     flush_and_invalidate_accept_atom_rounded_ranges },
   { "max_memory_allocation_count_allocations_can_coexist",
     "maxMemoryAllocationCount: \"the maximum number of device memory allocations, as created by "
     "vkAllocateMemory, which can simultaneously exist.\" (required minimum 4096)",
     max_memory_allocation_count_allocations_can_coexist },
   { "out_of_address_space_reports_an_error_not_a_bad_pointer",
     "vkAllocateMemory fails with VK_ERROR_OUT_OF_HOST_MEMORY/VK_ERROR_OUT_OF_DEVICE_MEMORY, vkMapMemory "
     "also with VK_ERROR_MEMORY_MAP_FAILED; on VK_SUCCESS ppData holds \"a host-accessible pointer\"",
     out_of_address_space_reports_an_error_not_a_bad_pointer },
   { "memory_budget_usage_rises_after_allocation",
     "VK_EXT_memory_budget: \"A heap's usage is an estimate of how much memory the process is currently "
     "using in that heap.\"; heapBudget non-zero and <= heap size below memoryHeapCount, zero above",
     memory_budget_usage_rises_after_allocation },
   { "memory_budget_usage_counts_only_this_process",
     "VK_EXT_memory_budget: \"A heap's usage is an estimate of how much memory the process is currently "
     "using in that heap.\" -- another process's memory is not counted",
     memory_budget_usage_counts_only_this_process },
   { "two_threads_allocate_map_write_free_at_once",
     "Threading: \"All commands support being called concurrently from multiple threads, but certain "
     "parameters, or components of parameters are defined to be externally synchronized.\"",
     two_threads_allocate_map_write_free_at_once },
};
const size_t memory_check_count = ARRAY_LENGTH(memory_checks);
