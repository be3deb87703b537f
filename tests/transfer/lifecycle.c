/* Queue workers and device lifetime: a device created and destroyed many
 * times, its queues used, leaves no thread and no allocation behind; creating
 * a device starts no thread. */
#include <dirent.h>
#include <pthread.h>
#include <time.h>

#include "helpers.h"

static int
thread_count(void)
{
   DIR *tasks = opendir("/proc/self/task");
   if (tasks == NULL)
      return -1;
   int count = 0;
   for (struct dirent *entry; (entry = readdir(tasks)) != NULL;)
      count += entry->d_name[0] != '.';
   closedir(tasks);
   return count;
}

struct counting_allocator {
   pthread_mutex_t mutex;
   long live;
};

/* Each allocation carries a header before the returned pointer: its size
 * and the header's own length, for reallocation and free. */
struct allocation_header {
   size_t size;
   size_t header_length;
};

static void *
count_allocation(void *user, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   (void)scope;
   struct counting_allocator *counter = user;
   const size_t header_length = alignment > sizeof(struct allocation_header) * 2 ? alignment : 64;
   void *block = NULL;
   if (posix_memalign(&block, header_length, header_length + size) != 0)
      return NULL;
   uint8_t *memory = (uint8_t *)block + header_length;
   const struct allocation_header header = { size, header_length };
   memcpy(memory - sizeof(header), &header, sizeof(header));
   pthread_mutex_lock(&counter->mutex);
   counter->live++;
   pthread_mutex_unlock(&counter->mutex);
   return memory;
}

static struct allocation_header
header_of(const void *memory)
{
   struct allocation_header header;
   memcpy(&header, (const uint8_t *)memory - sizeof(header), sizeof(header));
   return header;
}

static void
count_free(void *user, void *memory)
{
   struct counting_allocator *counter = user;
   if (memory == NULL)
      return;
   pthread_mutex_lock(&counter->mutex);
   counter->live--;
   pthread_mutex_unlock(&counter->mutex);
   free((uint8_t *)memory - header_of(memory).header_length);
}

static void *
count_reallocation(void *user, void *original, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   if (size == 0) {
      count_free(user, original);
      return NULL;
   }
   void *memory = count_allocation(user, size, alignment, scope);
   if (memory != NULL && original != NULL) {
      const size_t old_size = header_of(original).size;
      memcpy(memory, original, old_size < size ? old_size : size);
      count_free(user, original);
   }
   return memory;
}

/* Creates a device with every queue of family 0, runs a copy on each queue
 * (so that every worker starts), waits and destroys it. */
static bool
device_round(struct vkt *t, const VkAllocationCallbacks *allocator, uint32_t queue_count)
{
   float priorities[16];
   for (uint32_t i = 0; i < 16; i++)
      priorities[i] = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = 0,
      .queueCount = queue_count,
      .pQueuePriorities = priorities,
   };
   const VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
   };
   CHECK_SUCCESS(vkCreateDevice(t->physical_device, &device_info, allocator, &t->device));
   if (t->failed)
      return false;
   struct tb_buffer a, b;
   if (tb_buffer_create(t, 4096, &a) && tb_buffer_create(t, 4096, &b)) {
      tb_pattern(a.map, 4096, 40);
      for (uint32_t q = 0; q < queue_count; q++) {
         vkGetDeviceQueue(t->device, 0, q, &t->queue);
         struct tb_commands commands;
         if (!tb_commands_begin(t, &commands))
            break;
         const VkBufferCopy whole = { 0, 0, 4096 };
         vkCmdCopyBuffer(commands.cb, a.buffer, b.buffer, 1, &whole);
         CHECK_SUCCESS(vkEndCommandBuffer(commands.cb));
         CHECK_SUCCESS(tb_submit(t, commands.cb, VK_NULL_HANDLE));
         CHECK_SUCCESS(vkQueueWaitIdle(t->queue));
         CHECK(memcmp(a.map, b.map, 4096) == 0, "queue %u did not copy", q);
         tb_commands_destroy(t, &commands);
      }
      tb_buffer_destroy(t, &a);
      tb_buffer_destroy(t, &b);
   }
   CHECK_SUCCESS(vkDeviceWaitIdle(t->device));
   vkDestroyDevice(t->device, allocator);
   t->device = VK_NULL_HANDLE;
   return !t->failed;
}

static uint32_t
queue_count_of_family_0(struct vkt *t)
{
   uint32_t count = 1;
   VkQueueFamilyProperties family;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &count, &family);
   return family.queueCount < 16 ? family.queueCount : 16;
}

/* The thread count once it settles at `expected`, or the last count seen.
 * pthread_join returns when the kernel clears the thread's tid, a moment
 * before its /proc/self/task entry goes away: a joined thread may linger in
 * the listing briefly, a leaked one stays. */
static int
settled_thread_count(int expected)
{
   int count = thread_count();
   for (int attempt = 0; attempt < 200 && count != expected; attempt++) {
      nanosleep(&(struct timespec){ .tv_nsec = 5000000 }, NULL);
      count = thread_count();
   }
   return count;
}

static void
test_devices_created_and_destroyed_leave_no_thread(struct vkt *t)
{
   const int before = thread_count();
   CHECK(before > 0, "cannot count /proc/self/task");
   const uint32_t queues = queue_count_of_family_0(t);
   for (int round = 0; round < 50 && !t->failed; round++) {
      device_round(t, NULL, queues);
      const int after = settled_thread_count(before);
      CHECK(after == before, "round %d: %d threads after vkDestroyDevice, %d before", round, after, before);
   }
}

static void
test_devices_created_and_destroyed_leave_no_allocation(struct vkt *t)
{
   struct counting_allocator counter = { .mutex = PTHREAD_MUTEX_INITIALIZER };
   const VkAllocationCallbacks callbacks = {
      .pUserData = &counter,
      .pfnAllocation = count_allocation,
      .pfnReallocation = count_reallocation,
      .pfnFree = count_free,
   };
   const uint32_t queues = queue_count_of_family_0(t);
   for (int round = 0; round < 20 && !t->failed; round++) {
      device_round(t, &callbacks, queues);
      CHECK(counter.live == 0, "round %d: %ld device allocations outlive vkDestroyDevice", round, counter.live);
   }
}

/* memvk's start-up stays cheap: a queue's worker thread starts with its
 * first submission that has work, not with the device. */
static void
test_creating_a_device_starts_no_thread(struct vkt *t)
{
   /* Workers of earlier tests' devices may still be leaving the listing. */
   const int before = settled_thread_count(1);
   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   const VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
   };
   CHECK_SUCCESS(vkCreateDevice(t->physical_device, &device_info, NULL, &t->device));
   if (t->failed)
      return;
   vkGetDeviceQueue(t->device, 0, 0, &t->queue);
   CHECK(thread_count() <= before, "vkCreateDevice started %d threads", thread_count() - before);
   struct tb_buffer buffer;
   struct tb_commands commands;
   if (!tb_buffer_create(t, 64, &buffer) || !tb_commands_begin(t, &commands))
      return;
   vkCmdFillBuffer(commands.cb, buffer.buffer, 0, VK_WHOLE_SIZE, 3);
   tb_commands_submit_and_wait(t, &commands);
   /* At least: a layer between the application and memvk may start
    * threads of its own. */
   CHECK(thread_count() >= before + 1, "the first submission started no thread");
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

static const struct vkt_test tests[] = {
   { "devices_created_and_destroyed_leave_no_thread", test_devices_created_and_destroyed_leave_no_thread,
     { .no_device = true } },
   { "devices_created_and_destroyed_leave_no_allocation", test_devices_created_and_destroyed_leave_no_allocation,
     { .no_device = true } },
   { "creating_a_device_starts_no_thread", test_creating_a_device_starts_no_thread, { .no_device = true } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
