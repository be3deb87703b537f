/* Command pools and command buffers: reuse, usage flags, secondaries, pool
 * resets, allocation callbacks, many submissions in order, and two threads
 * recording and submitting. */
#include <pthread.h>

#include "helpers.h"

static const VkPhysicalDeviceVulkan12Features features12 = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
   .timelineSemaphore = VK_TRUE,
};

static VkCommandPool
create_pool(struct vkt *t, VkCommandPoolCreateFlags flags, const VkAllocationCallbacks *allocator)
{
   const VkCommandPoolCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .flags = flags,
      .queueFamilyIndex = t->queue_family,
   };
   VkCommandPool pool = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateCommandPool(t->device, &info, allocator, &pool));
   return pool;
}

static void
allocate(struct vkt *t, VkCommandPool pool, VkCommandBufferLevel level, uint32_t count, VkCommandBuffer *out)
{
   const VkCommandBufferAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = pool,
      .level = level,
      .commandBufferCount = count,
   };
   CHECK_SUCCESS(vkAllocateCommandBuffers(t->device, &info, out));
}

static void
begin(struct vkt *t, VkCommandBuffer cb, VkCommandBufferUsageFlags flags)
{
   static const VkCommandBufferInheritanceInfo inheritance = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_INHERITANCE_INFO,
   };
   const VkCommandBufferBeginInfo info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
      .flags = flags,
      .pInheritanceInfo = &inheritance,
   };
   CHECK_SUCCESS(vkBeginCommandBuffer(cb, &info));
}

static void
submit_and_wait(struct vkt *t, VkCommandBuffer cb)
{
   VkFence fence = tb_fence(t, false);
   CHECK_SUCCESS(tb_submit(t, cb, fence));
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   vkDestroyFence(t->device, fence, NULL);
}

static uint32_t
word_at(const struct tb_buffer *buffer, size_t index)
{
   uint32_t word;
   memcpy(&word, buffer->map + index * 4, 4);
   return word;
}

/* Every submission fills its own word and overwrites word 0: after the last
 * fence, every earlier fence has signalled and word 0 holds the last
 * index. */
static void
test_thousand_small_submissions_complete_in_order(struct vkt *t)
{
   enum { COUNT = 1000 };
   struct tb_buffer buffer;
   if (!tb_buffer_create(t, (COUNT + 1) * 4, &buffer))
      return;
   memset(buffer.map, 0, (COUNT + 1) * 4);
   VkCommandPool pool = create_pool(t, 0, NULL);
   VkCommandBuffer *cbs = calloc(COUNT, sizeof(*cbs));
   VkFence *fences = calloc(COUNT, sizeof(*fences));
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_PRIMARY, COUNT, cbs);
   for (uint32_t i = 0; i < COUNT && !t->failed; i++) {
      begin(t, cbs[i], VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT);
      vkCmdFillBuffer(cbs[i], buffer.buffer, 4 * (i + 1), 4, i + 1);
      vkCmdFillBuffer(cbs[i], buffer.buffer, 0, 4, i);
      CHECK_SUCCESS(vkEndCommandBuffer(cbs[i]));
      fences[i] = tb_fence(t, false);
      CHECK_SUCCESS(tb_submit(t, cbs[i], fences[i]));
   }
   if (!t->failed) {
      CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fences[COUNT - 1], VK_TRUE, UINT64_MAX));
      uint32_t unsignalled = 0;
      for (uint32_t i = 0; i < COUNT; i++)
         unsignalled += vkGetFenceStatus(t->device, fences[i]) != VK_SUCCESS;
      CHECK(unsignalled == 0, "%u earlier fences unsignalled after the last one", unsignalled);
      CHECK(word_at(&buffer, 0) == COUNT - 1, "word 0 is %u: submissions ran out of order", word_at(&buffer, 0));
      uint32_t wrong = 0;
      for (uint32_t i = 0; i < COUNT; i++)
         wrong += word_at(&buffer, i + 1) != i + 1;
      CHECK(wrong == 0, "%u submissions' words are wrong", wrong);
   }
   for (uint32_t i = 0; i < COUNT; i++)
      vkDestroyFence(t->device, fences[i], NULL);
   vkDestroyCommandPool(t->device, pool, NULL);
   free(cbs);
   free(fences);
   tb_buffer_destroy(t, &buffer);
}

/* A command buffer submitted again runs again, on the buffers' current
 * contents; reset and re-recorded, it runs its new commands. */
static void
test_command_buffer_reuse_and_rerecording(struct vkt *t)
{
   struct tb_buffer src, dst;
   if (!tb_buffer_create(t, 256, &src) || !tb_buffer_create(t, 256, &dst))
      return;
   VkCommandPool pool = create_pool(t, VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT, NULL);
   VkCommandBuffer cb;
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_PRIMARY, 1, &cb);
   if (t->failed)
      return;
   begin(t, cb, 0);
   const VkBufferCopy whole = { 0, 0, 256 };
   vkCmdCopyBuffer(cb, src.buffer, dst.buffer, 1, &whole);
   CHECK_SUCCESS(vkEndCommandBuffer(cb));
   for (uint32_t round = 0; round < 3 && !t->failed; round++) {
      tb_pattern(src.map, 256, 30 + round);
      submit_and_wait(t, cb);
      CHECK(memcmp(dst.map, src.map, 256) == 0, "round %u: the resubmitted copy did not run", round);
   }
   CHECK_SUCCESS(vkResetCommandBuffer(cb, VK_COMMAND_BUFFER_RESET_RELEASE_RESOURCES_BIT));
   begin(t, cb, VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT);
   vkCmdFillBuffer(cb, dst.buffer, 0, VK_WHOLE_SIZE, 0x99999999);
   CHECK_SUCCESS(vkEndCommandBuffer(cb));
   submit_and_wait(t, cb);
   CHECK(dst.map[0] == 0x99 && dst.map[255] == 0x99, "the re-recorded fill did not run");
   /* A ONE_TIME_SUBMIT buffer is invalid after its submission; begin resets
    * it implicitly (the pool allows resets). */
   begin(t, cb, 0);
   vkCmdFillBuffer(cb, dst.buffer, 0, VK_WHOLE_SIZE, 0x11111111);
   CHECK_SUCCESS(vkEndCommandBuffer(cb));
   submit_and_wait(t, cb);
   CHECK(dst.map[0] == 0x11, "the buffer re-begun after a one-time submission did not run");
   vkDestroyCommandPool(t->device, pool, NULL);
   tb_buffer_destroy(t, &src);
   tb_buffer_destroy(t, &dst);
}

/* SIMULTANEOUS_USE: the same buffer pending twice at once, both runs
 * complete (the first held back by a timeline semaphore). */
static void
test_simultaneous_use_buffer_pending_twice(struct vkt *t)
{
   struct tb_buffer counter;
   if (!tb_buffer_create(t, 4096, &counter))
      return;
   memset(counter.map, 0, 4096);
   VkCommandPool pool = create_pool(t, 0, NULL);
   VkCommandBuffer cb;
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_PRIMARY, 1, &cb);
   VkSemaphore timeline = tb_timeline(t, 0);
   if (t->failed)
      return;
   begin(t, cb, VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT);
   /* Each run shifts the first 2 KiB up by 4 bytes and writes a 1. */
   const VkBufferCopy shift = { 0, 2048, 2048 };
   vkCmdCopyBuffer(cb, counter.buffer, counter.buffer, 1, &shift);
   const VkBufferCopy back = { 2048, 4, 2044 };
   vkCmdCopyBuffer(cb, counter.buffer, counter.buffer, 1, &back);
   vkCmdFillBuffer(cb, counter.buffer, 0, 4, 1);
   CHECK_SUCCESS(vkEndCommandBuffer(cb));
   const uint64_t one = 1;
   const VkPipelineStageFlags stage = VK_PIPELINE_STAGE_TRANSFER_BIT;
   const VkTimelineSemaphoreSubmitInfo values = {
      .sType = VK_STRUCTURE_TYPE_TIMELINE_SEMAPHORE_SUBMIT_INFO,
      .waitSemaphoreValueCount = 1,
      .pWaitSemaphoreValues = &one,
   };
   const VkSubmitInfo held = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
      .pNext = &values,
      .waitSemaphoreCount = 1,
      .pWaitSemaphores = &timeline,
      .pWaitDstStageMask = &stage,
      .commandBufferCount = 1,
      .pCommandBuffers = &cb,
   };
   CHECK_SUCCESS(vkQueueSubmit(t->queue, 1, &held, VK_NULL_HANDLE));
   VkFence fence = tb_fence(t, false);
   CHECK_SUCCESS(tb_submit(t, cb, fence));
   const VkSemaphoreSignalInfo signal = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 1 };
   CHECK_SUCCESS(vkSignalSemaphore(t->device, &signal));
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   CHECK(word_at(&counter, 0) == 1 && word_at(&counter, 1) == 1 && word_at(&counter, 2) == 0,
         "two runs leave 1 1 0, got %u %u %u", word_at(&counter, 0), word_at(&counter, 1), word_at(&counter, 2));
   vkDestroyFence(t->device, fence, NULL);
   vkDestroySemaphore(t->device, timeline, NULL);
   vkDestroyCommandPool(t->device, pool, NULL);
   tb_buffer_destroy(t, &counter);
}

/* vkCmdExecuteCommands runs each secondary in place, in order with the
 * primary's own commands. */
static void
test_secondaries_run_in_place(struct vkt *t)
{
   struct tb_buffer a, b;
   if (!tb_buffer_create(t, 64, &a) || !tb_buffer_create(t, 64, &b))
      return;
   memset(a.map, 0, 64);
   memset(b.map, 0, 64);
   VkCommandPool pool = create_pool(t, 0, NULL);
   VkCommandBuffer primary, secondaries[2];
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_PRIMARY, 1, &primary);
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_SECONDARY, 2, secondaries);
   if (t->failed)
      return;
   begin(t, secondaries[0], 0);
   vkCmdFillBuffer(secondaries[0], a.buffer, 0, VK_WHOLE_SIZE, 0x0a0a0a0a);
   CHECK_SUCCESS(vkEndCommandBuffer(secondaries[0]));
   begin(t, secondaries[1], 0);
   const uint32_t marker = 0xcafef00d;
   vkCmdUpdateBuffer(secondaries[1], a.buffer, 8, 4, &marker);
   CHECK_SUCCESS(vkEndCommandBuffer(secondaries[1]));

   begin(t, primary, 0);
   vkCmdFillBuffer(primary, a.buffer, 0, VK_WHOLE_SIZE, 0xffffffff);
   vkCmdExecuteCommands(primary, 1, &secondaries[0]);
   const VkBufferCopy whole = { 0, 0, 64 };
   vkCmdCopyBuffer(primary, a.buffer, b.buffer, 1, &whole);
   vkCmdExecuteCommands(primary, 1, &secondaries[1]);
   CHECK_SUCCESS(vkEndCommandBuffer(primary));
   submit_and_wait(t, primary);
   CHECK(word_at(&b, 0) == 0x0a0a0a0a && word_at(&b, 2) == 0x0a0a0a0a,
         "b holds a after the first secondary: %08x", word_at(&b, 0));
   CHECK(word_at(&a, 2) == 0xcafef00d && word_at(&a, 0) == 0x0a0a0a0a, "the second secondary ran last in a");
   /* Executed from another primary, the same secondaries run again. */
   memset(a.map, 0, 64);
   VkCommandBuffer other;
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_PRIMARY, 1, &other);
   begin(t, other, 0);
   vkCmdExecuteCommands(other, 2, secondaries);
   CHECK_SUCCESS(vkEndCommandBuffer(other));
   submit_and_wait(t, other);
   CHECK(word_at(&a, 0) == 0x0a0a0a0a && word_at(&a, 2) == 0xcafef00d, "secondaries reused by another primary");
   vkDestroyCommandPool(t->device, pool, NULL);
   tb_buffer_destroy(t, &a);
   tb_buffer_destroy(t, &b);
}

/* vkResetCommandPool returns every buffer to the initial state; trimming
 * and freeing leave the pool usable. */
static void
test_pool_reset_trim_and_free(struct vkt *t)
{
   struct tb_buffer buffer;
   if (!tb_buffer_create(t, 64, &buffer))
      return;
   VkCommandPool pool = create_pool(t, VK_COMMAND_POOL_CREATE_TRANSIENT_BIT, NULL);
   VkCommandBuffer cbs[3];
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_PRIMARY, 3, cbs);
   if (t->failed)
      return;
   for (int i = 0; i < 3; i++) {
      begin(t, cbs[i], 0);
      for (int j = 0; j < 200; j++)
         vkCmdFillBuffer(cbs[i], buffer.buffer, 0, 4, (uint32_t)j);
      CHECK_SUCCESS(vkEndCommandBuffer(cbs[i]));
   }
   submit_and_wait(t, cbs[2]);
   CHECK(word_at(&buffer, 0) == 199);
   CHECK_SUCCESS(vkResetCommandPool(t->device, pool, 0));
   vkTrimCommandPool(t->device, pool, 0);
   begin(t, cbs[0], 0);
   vkCmdFillBuffer(cbs[0], buffer.buffer, 0, 4, 1234);
   CHECK_SUCCESS(vkEndCommandBuffer(cbs[0]));
   submit_and_wait(t, cbs[0]);
   CHECK(word_at(&buffer, 0) == 1234, "a buffer recorded after the pool reset");
   vkFreeCommandBuffers(t->device, pool, 3, cbs);
   CHECK_SUCCESS(vkResetCommandPool(t->device, pool, VK_COMMAND_POOL_RESET_RELEASE_RESOURCES_BIT));
   vkDestroyCommandPool(t->device, pool, NULL);
   tb_buffer_destroy(t, &buffer);
}

/* An allocator that counts live allocations and can be told to fail. */
struct counting_allocator {
   pthread_mutex_t mutex;
   long live;
   long total;
   long fail_after;   /* fail every allocation once total reaches it; 0: never */
};

static void *
count_allocation(void *user, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   (void)scope;
   struct counting_allocator *counter = user;
   pthread_mutex_lock(&counter->mutex);
   const bool fail = counter->fail_after != 0 && counter->total >= counter->fail_after;
   if (!fail) {
      counter->live++;
      counter->total++;
   }
   pthread_mutex_unlock(&counter->mutex);
   if (fail)
      return NULL;
   void *memory = NULL;
   if (posix_memalign(&memory, alignment < sizeof(void *) ? sizeof(void *) : alignment, size) != 0)
      return NULL;
   return memory;
}

static void *
count_reallocation(void *user, void *original, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   (void)user;
   (void)original;
   (void)size;
   (void)alignment;
   (void)scope;
   abort(); /* memvk's command pools never reallocate */
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
   free(memory);
}

/* A pool created with callbacks allocates its buffers and their recorded
 * commands through them and frees all of it when destroyed; when they fail
 * during recording, vkEndCommandBuffer reports VK_ERROR_OUT_OF_HOST_MEMORY. */
static void
test_pool_uses_its_allocation_callbacks(struct vkt *t)
{
   struct counting_allocator counter = { .mutex = PTHREAD_MUTEX_INITIALIZER };
   const VkAllocationCallbacks callbacks = {
      .pUserData = &counter,
      .pfnAllocation = count_allocation,
      .pfnReallocation = count_reallocation,
      .pfnFree = count_free,
   };
   struct tb_buffer buffer;
   if (!tb_buffer_create(t, 1 << 16, &buffer))
      return;
   VkCommandPool pool = create_pool(t, 0, &callbacks);
   VkCommandBuffer cb;
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_PRIMARY, 1, &cb);
   if (t->failed)
      return;
   const long after_allocate = counter.total;
   CHECK(after_allocate >= 2, "the pool and its command buffer came from the callbacks (%ld)", after_allocate);
   begin(t, cb, 0);
   static uint8_t data[65536];
   for (int i = 0; i < 8; i++)
      vkCmdUpdateBuffer(cb, buffer.buffer, 0, sizeof(data), data);
   CHECK(counter.total > after_allocate, "recorded commands came from the callbacks");
   counter.fail_after = counter.total;
   vkCmdUpdateBuffer(cb, buffer.buffer, 0, sizeof(data), data);
   CHECK_RESULT(vkEndCommandBuffer(cb), VK_ERROR_OUT_OF_HOST_MEMORY);
   counter.fail_after = 0;
   vkDestroyCommandPool(t->device, pool, &callbacks);
   CHECK(counter.live == 0, "%ld allocations outlive the pool", counter.live);
   tb_buffer_destroy(t, &buffer);
}

struct recorder {
   struct vkt *t;
   pthread_mutex_t *queue_mutex;
   VkBuffer buffer;
   uint32_t first_word;
   bool ok;
};

static void *
record_and_submit(void *data)
{
   struct recorder *recorder = data;
   struct vkt *t = recorder->t;
   const VkCommandPoolCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .queueFamilyIndex = t->queue_family,
   };
   VkCommandPool pool;
   if (vkCreateCommandPool(t->device, &info, NULL, &pool) != VK_SUCCESS)
      return NULL;
   enum { SUBMISSIONS = 100 };
   VkCommandBuffer cbs[SUBMISSIONS];
   const VkCommandBufferAllocateInfo allocate_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = SUBMISSIONS,
   };
   bool ok = vkAllocateCommandBuffers(t->device, &allocate_info, cbs) == VK_SUCCESS;
   for (uint32_t i = 0; i < SUBMISSIONS && ok; i++) {
      const VkCommandBufferBeginInfo begin_info = { .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO };
      ok = vkBeginCommandBuffer(cbs[i], &begin_info) == VK_SUCCESS;
      vkCmdFillBuffer(cbs[i], recorder->buffer, 4 * (VkDeviceSize)(recorder->first_word + i), 4,
                      recorder->first_word + i);
      ok = ok && vkEndCommandBuffer(cbs[i]) == VK_SUCCESS;
      /* "Host access to queue must be externally synchronized." */
      pthread_mutex_lock(recorder->queue_mutex);
      ok = ok && tb_submit(t, cbs[i], VK_NULL_HANDLE) == VK_SUCCESS;
      pthread_mutex_unlock(recorder->queue_mutex);
   }
   pthread_mutex_lock(recorder->queue_mutex);
   ok = ok && vkQueueWaitIdle(t->queue) == VK_SUCCESS;
   pthread_mutex_unlock(recorder->queue_mutex);
   vkDestroyCommandPool(t->device, pool, NULL);
   recorder->ok = ok;
   return NULL;
}

static void
test_two_threads_record_and_submit_to_one_queue(struct vkt *t)
{
   struct tb_buffer buffer;
   if (!tb_buffer_create(t, 4 * 200, &buffer))
      return;
   memset(buffer.map, 0xff, 4 * 200);
   pthread_mutex_t queue_mutex = PTHREAD_MUTEX_INITIALIZER;
   struct recorder recorders[2] = {
      { t, &queue_mutex, buffer.buffer, 0, false },
      { t, &queue_mutex, buffer.buffer, 100, false },
   };
   pthread_t threads[2];
   for (int i = 0; i < 2; i++)
      CHECK(pthread_create(&threads[i], NULL, record_and_submit, &recorders[i]) == 0);
   for (int i = 0; i < 2; i++)
      pthread_join(threads[i], NULL);
   CHECK(recorders[0].ok && recorders[1].ok, "a thread's Vulkan call failed");
   CHECK_SUCCESS(vkDeviceWaitIdle(t->device));
   uint32_t wrong = 0;
   for (uint32_t i = 0; i < 200; i++)
      wrong += word_at(&buffer, i) != i;
   CHECK(wrong == 0, "%u words are wrong", wrong);
   tb_buffer_destroy(t, &buffer);
}

/* Empty submissions and an empty command buffer still signal in order. */
static void
test_empty_submissions_and_idle_waits(struct vkt *t)
{
   VkCommandPool pool = create_pool(t, 0, NULL);
   VkCommandBuffer cb;
   allocate(t, pool, VK_COMMAND_BUFFER_LEVEL_PRIMARY, 1, &cb);
   if (t->failed)
      return;
   begin(t, cb, VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT);
   CHECK_SUCCESS(vkEndCommandBuffer(cb));
   VkFence fences[3] = { tb_fence(t, false), tb_fence(t, false), tb_fence(t, false) };
   CHECK_SUCCESS(tb_submit(t, VK_NULL_HANDLE, fences[0]));
   CHECK_SUCCESS(tb_submit(t, cb, fences[1]));
   CHECK_SUCCESS(tb_submit(t, cb, fences[2]));
   CHECK_SUCCESS(vkQueueWaitIdle(t->queue));
   CHECK_RESULT(vkWaitForFences(t->device, 3, fences, VK_TRUE, 0), VK_SUCCESS);
   CHECK_SUCCESS(vkDeviceWaitIdle(t->device));
   for (int i = 0; i < 3; i++)
      vkDestroyFence(t->device, fences[i], NULL);
   vkDestroyCommandPool(t->device, pool, NULL);
}

static const struct vkt_test tests[] = {
   { "thousand_small_submissions_complete_in_order", test_thousand_small_submissions_complete_in_order, { 0 } },
   { "command_buffer_reuse_and_rerecording", test_command_buffer_reuse_and_rerecording, { 0 } },
   { "simultaneous_use_buffer_pending_twice", test_simultaneous_use_buffer_pending_twice,
     { .device_create_pnext = &features12 } },
   { "secondaries_run_in_place", test_secondaries_run_in_place, { 0 } },
   { "pool_reset_trim_and_free", test_pool_reset_trim_and_free, { 0 } },
   { "pool_uses_its_allocation_callbacks", test_pool_uses_its_allocation_callbacks, { 0 } },
   { "two_threads_record_and_submit_to_one_queue", test_two_threads_record_and_submit_to_one_queue, { 0 } },
   { "empty_submissions_and_idle_waits", test_empty_submissions_and_idle_waits, { 0 } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
