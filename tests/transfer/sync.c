/* Fences, binary and timeline semaphores, queue and device idle, and
 * host-side events, through the loader. */
#include <pthread.h>

#include "helpers.h"

static const VkPhysicalDeviceVulkan13Features features13 = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
   .synchronization2 = VK_TRUE,
};
static const VkPhysicalDeviceVulkan12Features features12 = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
   .pNext = (void *)&features13,
   .timelineSemaphore = VK_TRUE,
};
#define WITH_TIMELINES { .device_create_pnext = &features12 }

/* A submission of one command buffer that waits for and signals semaphores. */
static VkResult
submit_with_semaphores(struct vkt *t, VkQueue queue, VkCommandBuffer cb, VkSemaphore wait, uint64_t wait_value,
                       VkSemaphore signal, uint64_t signal_value, VkFence fence)
{
   const VkPipelineStageFlags stage = VK_PIPELINE_STAGE_TRANSFER_BIT;
   const VkTimelineSemaphoreSubmitInfo values = {
      .sType = VK_STRUCTURE_TYPE_TIMELINE_SEMAPHORE_SUBMIT_INFO,
      .waitSemaphoreValueCount = wait != VK_NULL_HANDLE ? 1 : 0,
      .pWaitSemaphoreValues = &wait_value,
      .signalSemaphoreValueCount = signal != VK_NULL_HANDLE ? 1 : 0,
      .pSignalSemaphoreValues = &signal_value,
   };
   const VkSubmitInfo submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
      .pNext = &values,
      .waitSemaphoreCount = wait != VK_NULL_HANDLE ? 1 : 0,
      .pWaitSemaphores = &wait,
      .pWaitDstStageMask = &stage,
      .commandBufferCount = cb != VK_NULL_HANDLE ? 1 : 0,
      .pCommandBuffers = &cb,
      .signalSemaphoreCount = signal != VK_NULL_HANDLE ? 1 : 0,
      .pSignalSemaphores = &signal,
   };
   (void)t;
   return vkQueueSubmit(queue, 1, &submit, fence);
}

static VkCommandBuffer
record_fill(struct vkt *t, struct tb_commands *commands, VkBuffer buffer, uint32_t value)
{
   if (!tb_commands_begin(t, commands))
      return VK_NULL_HANDLE;
   vkCmdFillBuffer(commands->cb, buffer, 0, VK_WHOLE_SIZE, value);
   CHECK_SUCCESS(vkEndCommandBuffer(commands->cb));
   return commands->cb;
}

static void
test_fence_created_signaled_is_signaled(struct vkt *t)
{
   VkFence fence = tb_fence(t, true);
   CHECK_RESULT(vkGetFenceStatus(t->device, fence), VK_SUCCESS);
   CHECK_RESULT(vkWaitForFences(t->device, 1, &fence, VK_TRUE, 0), VK_SUCCESS);
   CHECK_RESULT(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX), VK_SUCCESS);
   vkDestroyFence(t->device, fence, NULL);
}

static void
test_unsignaled_fence_times_out(struct vkt *t)
{
   VkFence fence = tb_fence(t, false);
   CHECK_RESULT(vkGetFenceStatus(t->device, fence), VK_NOT_READY);
   /* "If timeout is zero, then vkWaitForFences does not wait". */
   CHECK_RESULT(vkWaitForFences(t->device, 1, &fence, VK_TRUE, 0), VK_TIMEOUT);
   CHECK_RESULT(vkWaitForFences(t->device, 1, &fence, VK_TRUE, 1000000), VK_TIMEOUT);
   vkDestroyFence(t->device, fence, NULL);
}

static void
test_submission_signals_fence_and_reset_unsignals_it(struct vkt *t)
{
   VkFence fence = tb_fence(t, false);
   CHECK_SUCCESS(tb_submit(t, VK_NULL_HANDLE, fence));
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   CHECK_RESULT(vkGetFenceStatus(t->device, fence), VK_SUCCESS);
   CHECK_SUCCESS(vkResetFences(t->device, 1, &fence));
   CHECK_RESULT(vkGetFenceStatus(t->device, fence), VK_NOT_READY);
   /* A fence-only submission: vkQueueSubmit with no batches. */
   CHECK_SUCCESS(vkQueueSubmit(t->queue, 0, NULL, fence));
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   vkDestroyFence(t->device, fence, NULL);
}

static void
test_wait_for_any_fence_versus_all(struct vkt *t)
{
   VkFence fences[2] = { tb_fence(t, true), tb_fence(t, false) };
   CHECK_RESULT(vkWaitForFences(t->device, 2, fences, VK_FALSE, 0), VK_SUCCESS);
   CHECK_RESULT(vkWaitForFences(t->device, 2, fences, VK_TRUE, 0), VK_TIMEOUT);
   CHECK_SUCCESS(tb_submit(t, VK_NULL_HANDLE, fences[1]));
   CHECK_RESULT(vkWaitForFences(t->device, 2, fences, VK_TRUE, UINT64_MAX), VK_SUCCESS);
   vkDestroyFence(t->device, fences[0], NULL);
   vkDestroyFence(t->device, fences[1], NULL);
}

/* A submission that waits for a timeline value does not run before the host
 * signals it, and runs once it does. */
static void
test_submission_waits_for_host_signalled_timeline_value(struct vkt *t)
{
   struct tb_buffer buffer;
   struct tb_commands commands;
   if (!tb_buffer_create(t, 64, &buffer))
      return;
   memset(buffer.map, 0, 64);
   VkCommandBuffer cb = record_fill(t, &commands, buffer.buffer, 0x12345678);
   VkSemaphore timeline = tb_timeline(t, 0);
   VkFence fence = tb_fence(t, false);
   if (t->failed)
      return;
   CHECK_SUCCESS(submit_with_semaphores(t, t->queue, cb, timeline, 5, VK_NULL_HANDLE, 0, fence));
   CHECK_RESULT(vkGetFenceStatus(t->device, fence), VK_NOT_READY);
   const VkSemaphoreSignalInfo signal3 = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 3 };
   CHECK_SUCCESS(vkSignalSemaphore(t->device, &signal3));
   CHECK_RESULT(vkWaitForFences(t->device, 1, &fence, VK_TRUE, 1000000), VK_TIMEOUT);
   CHECK(buffer.map[0] == 0, "the fill ran before its wait was satisfied");
   const VkSemaphoreSignalInfo signal5 = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 5 };
   CHECK_SUCCESS(vkSignalSemaphore(t->device, &signal5));
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   uint32_t word;
   memcpy(&word, buffer.map, 4);
   CHECK(word == 0x12345678, "the fill did not run after the wait: %08x", word);
   vkDestroyFence(t->device, fence, NULL);
   vkDestroySemaphore(t->device, timeline, NULL);
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

/* The timeline signal operation of a batch happens before the fence of its
 * submission is signalled: once the fence is seen, so is the value. */
static void
test_timeline_value_visible_once_fence_is(struct vkt *t)
{
   struct tb_buffer buffer;
   struct tb_commands commands;
   if (!tb_buffer_create(t, 4096, &buffer))
      return;
   VkCommandBuffer cb = record_fill(t, &commands, buffer.buffer, 7);
   VkSemaphore timeline = tb_timeline(t, 0);
   VkFence fence = tb_fence(t, false);
   if (t->failed)
      return;
   for (uint64_t value = 1; value <= 200 && !t->failed; value++) {
      CHECK_SUCCESS(submit_with_semaphores(t, t->queue, cb, VK_NULL_HANDLE, 0, timeline, value, fence));
      CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
      uint64_t counter = 0;
      CHECK_SUCCESS(vkGetSemaphoreCounterValue(t->device, timeline, &counter));
      CHECK(counter == value, "fence signalled but the counter is %" PRIu64 ", not %" PRIu64, counter, value);
      CHECK_SUCCESS(vkResetFences(t->device, 1, &fence));
   }
   vkDestroyFence(t->device, fence, NULL);
   vkDestroySemaphore(t->device, timeline, NULL);
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

static void
test_wait_semaphores_any_versus_all(struct vkt *t)
{
   VkSemaphore semaphores[2] = { tb_timeline(t, 0), tb_timeline(t, 10) };
   const uint64_t values[2] = { 1, 10 };
   VkSemaphoreWaitInfo wait = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO,
      .semaphoreCount = 2,
      .pSemaphores = semaphores,
      .pValues = values,
   };
   CHECK_RESULT(vkWaitSemaphores(t->device, &wait, 0), VK_TIMEOUT);
   CHECK_RESULT(vkWaitSemaphores(t->device, &wait, 1000000), VK_TIMEOUT);
   wait.flags = VK_SEMAPHORE_WAIT_ANY_BIT;
   CHECK_RESULT(vkWaitSemaphores(t->device, &wait, 0), VK_SUCCESS);
   const VkSemaphoreSignalInfo signal = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = semaphores[0], .value = 1 };
   CHECK_SUCCESS(vkSignalSemaphore(t->device, &signal));
   wait.flags = 0;
   CHECK_RESULT(vkWaitSemaphores(t->device, &wait, UINT64_MAX), VK_SUCCESS);
   uint64_t counter = 0;
   CHECK_SUCCESS(vkGetSemaphoreCounterValue(t->device, semaphores[1], &counter));
   CHECK(counter == 10, "initialValue 10 gave %" PRIu64, counter);
   vkDestroySemaphore(t->device, semaphores[0], NULL);
   vkDestroySemaphore(t->device, semaphores[1], NULL);
}

struct signal_later {
   VkDevice device;
   VkSemaphore semaphore;
   uint64_t value;
};

static void *
signal_from_thread(void *data)
{
   const struct signal_later *job = data;
   const VkSemaphoreSignalInfo signal = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = job->semaphore, .value = job->value };
   vkSignalSemaphore(job->device, &signal);
   return NULL;
}

/* A host wait without timeout returns once another thread signals. */
static void
test_host_wait_returns_when_another_thread_signals(struct vkt *t)
{
   VkSemaphore timeline = tb_timeline(t, 0);
   struct signal_later job = { t->device, timeline, 42 };
   pthread_t thread;
   CHECK(pthread_create(&thread, NULL, signal_from_thread, &job) == 0);
   const uint64_t value = 42;
   const VkSemaphoreWaitInfo wait = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO,
      .semaphoreCount = 1,
      .pSemaphores = &timeline,
      .pValues = &value,
   };
   CHECK_RESULT(vkWaitSemaphores(t->device, &wait, UINT64_MAX), VK_SUCCESS);
   pthread_join(thread, NULL);
   vkDestroySemaphore(t->device, timeline, NULL);
}

/* Two queues: queue 0 waits for the host, then copies A -> B and signals a
 * binary semaphore that queue 1 waits for before copying B -> C. */
static void
test_binary_semaphore_orders_two_queues(struct vkt *t)
{
   uint32_t family_count = 1;
   VkQueueFamilyProperties family;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &family_count, &family);
   if (family.queueCount < 2) {
      vkt_skip(t, "queue family 0 has one queue");
      return;
   }
   const float priorities[2] = { 1.0f, 1.0f };
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = 0,
      .queueCount = 2,
      .pQueuePriorities = priorities,
   };
   const VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .pNext = &features12,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
   };
   CHECK_SUCCESS(vkCreateDevice(t->physical_device, &device_info, NULL, &t->device));
   if (t->failed)
      return;
   VkQueue queues[2];
   vkGetDeviceQueue(t->device, 0, 0, &queues[0]);
   vkGetDeviceQueue(t->device, 0, 1, &queues[1]);
   t->queue = queues[0];

   struct tb_buffer a, b, c;
   if (!tb_buffer_create(t, 1 << 16, &a) || !tb_buffer_create(t, 1 << 16, &b) || !tb_buffer_create(t, 1 << 16, &c))
      return;
   tb_pattern(a.map, 1 << 16, 20);
   memset(b.map, 0, 1 << 16);
   memset(c.map, 0, 1 << 16);
   const VkBufferCopy whole = { 0, 0, 1 << 16 };
   struct tb_commands first, second;
   if (!tb_commands_begin(t, &first) || !tb_commands_begin(t, &second))
      return;
   vkCmdCopyBuffer(first.cb, a.buffer, b.buffer, 1, &whole);
   vkCmdCopyBuffer(second.cb, b.buffer, c.buffer, 1, &whole);
   CHECK_SUCCESS(vkEndCommandBuffer(first.cb));
   CHECK_SUCCESS(vkEndCommandBuffer(second.cb));
   VkSemaphore timeline = tb_timeline(t, 0);
   const VkSemaphoreCreateInfo binary_info = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO };
   VkSemaphore binary = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateSemaphore(t->device, &binary_info, NULL, &binary));
   VkFence fence = tb_fence(t, false);
   if (t->failed)
      return;
   CHECK_SUCCESS(submit_with_semaphores(t, queues[0], first.cb, timeline, 1, binary, 0, VK_NULL_HANDLE));
   CHECK_SUCCESS(submit_with_semaphores(t, queues[1], second.cb, binary, 0, VK_NULL_HANDLE, 0, fence));
   CHECK_RESULT(vkWaitForFences(t->device, 1, &fence, VK_TRUE, 1000000), VK_TIMEOUT);
   const VkSemaphoreSignalInfo signal = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 1 };
   CHECK_SUCCESS(vkSignalSemaphore(t->device, &signal));
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   CHECK(memcmp(c.map, a.map, 1 << 16) == 0, "C is not A: the second queue ran before the first signalled");
   CHECK_SUCCESS(vkDeviceWaitIdle(t->device));
   vkDestroyFence(t->device, fence, NULL);
   vkDestroySemaphore(t->device, binary, NULL);
   vkDestroySemaphore(t->device, timeline, NULL);
   tb_commands_destroy(t, &first);
   tb_commands_destroy(t, &second);
   tb_buffer_destroy(t, &a);
   tb_buffer_destroy(t, &b);
   tb_buffer_destroy(t, &c);
}

static void
test_queue_submit2_waits_and_signals(struct vkt *t)
{
   PFN_vkQueueSubmit2 queue_submit2 = VKT_DEVICE_PROC(t, vkQueueSubmit2);
   CHECK(queue_submit2 != NULL, "vkQueueSubmit2 is core 1.3");
   struct tb_buffer buffer;
   struct tb_commands commands;
   if (t->failed || !tb_buffer_create(t, 64, &buffer))
      return;
   memset(buffer.map, 0, 64);
   VkCommandBuffer cb = record_fill(t, &commands, buffer.buffer, 0x0badf00d);
   VkSemaphore timeline = tb_timeline(t, 0);
   VkFence fence = tb_fence(t, false);
   if (t->failed)
      return;
   const VkSemaphoreSubmitInfo wait = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO,
      .semaphore = timeline,
      .value = 1,
      .stageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
   };
   const VkSemaphoreSubmitInfo signal = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SUBMIT_INFO,
      .semaphore = timeline,
      .value = 2,
      .stageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
   };
   const VkCommandBufferSubmitInfo cb_info = { .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO, .commandBuffer = cb };
   const VkSubmitInfo2 submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2,
      .waitSemaphoreInfoCount = 1,
      .pWaitSemaphoreInfos = &wait,
      .commandBufferInfoCount = 1,
      .pCommandBufferInfos = &cb_info,
      .signalSemaphoreInfoCount = 1,
      .pSignalSemaphoreInfos = &signal,
   };
   CHECK_SUCCESS(queue_submit2(t->queue, 1, &submit, fence));
   CHECK_RESULT(vkGetFenceStatus(t->device, fence), VK_NOT_READY);
   const VkSemaphoreSignalInfo host_signal = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 1 };
   CHECK_SUCCESS(vkSignalSemaphore(t->device, &host_signal));
   const uint64_t two = 2;
   const VkSemaphoreWaitInfo wait_two = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO,
      .semaphoreCount = 1,
      .pSemaphores = &timeline,
      .pValues = &two,
   };
   CHECK_SUCCESS(vkWaitSemaphores(t->device, &wait_two, UINT64_MAX));
   uint32_t word;
   memcpy(&word, buffer.map, 4);
   CHECK(word == 0x0badf00d, "the semaphore reached 2 before the fill was visible: %08x", word);
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   vkDestroyFence(t->device, fence, NULL);
   vkDestroySemaphore(t->device, timeline, NULL);
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

struct fence_waiter {
   VkDevice device;
   VkFence fence;
   VkResult result;
};

static void *
wait_for_fence_thread(void *data)
{
   struct fence_waiter *waiter = data;
   waiter->result = vkWaitForFences(waiter->device, 1, &waiter->fence, VK_TRUE, UINT64_MAX);
   return NULL;
}

/* vkQueueWaitIdle and a fence wait on another thread both return once a
 * blocked submission is released. */
static void
test_queue_wait_idle_waits_for_the_worker(struct vkt *t)
{
   struct tb_buffer buffer;
   struct tb_commands commands;
   if (!tb_buffer_create(t, 1 << 20, &buffer))
      return;
   memset(buffer.map, 0, 1 << 20);
   VkCommandBuffer cb = record_fill(t, &commands, buffer.buffer, 0x01020304);
   VkSemaphore timeline = tb_timeline(t, 0);
   struct fence_waiter waiter = { t->device, tb_fence(t, false), VK_ERROR_UNKNOWN };
   if (t->failed)
      return;
   CHECK_SUCCESS(submit_with_semaphores(t, t->queue, cb, timeline, 1, VK_NULL_HANDLE, 0, waiter.fence));
   pthread_t thread;
   CHECK(pthread_create(&thread, NULL, wait_for_fence_thread, &waiter) == 0);
   struct signal_later job = { t->device, timeline, 1 };
   signal_from_thread(&job);
   CHECK_SUCCESS(vkQueueWaitIdle(t->queue));
   uint32_t last;
   memcpy(&last, buffer.map + (1 << 20) - 4, 4);
   CHECK(last == 0x01020304, "vkQueueWaitIdle returned before the fill completed");
   pthread_join(thread, NULL);
   CHECK_RESULT(waiter.result, VK_SUCCESS);
   vkDestroyFence(t->device, waiter.fence, NULL);
   vkDestroySemaphore(t->device, timeline, NULL);
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

/* "Fence signal operations ... include in the first synchronization scope
 * all commands that occur earlier in submission order": an empty submission
 * behind a blocked one does not signal its fence first. */
static void
test_empty_submission_waits_for_earlier_ones(struct vkt *t)
{
   struct tb_buffer buffer;
   struct tb_commands commands;
   if (!tb_buffer_create(t, 64, &buffer))
      return;
   VkCommandBuffer cb = record_fill(t, &commands, buffer.buffer, 1);
   VkSemaphore timeline = tb_timeline(t, 0);
   VkFence fences[2] = { tb_fence(t, false), tb_fence(t, false) };
   if (t->failed)
      return;
   CHECK_SUCCESS(submit_with_semaphores(t, t->queue, cb, timeline, 1, VK_NULL_HANDLE, 0, fences[0]));
   CHECK_SUCCESS(vkQueueSubmit(t->queue, 0, NULL, fences[1]));
   CHECK_RESULT(vkGetFenceStatus(t->device, fences[1]), VK_NOT_READY);
   CHECK_RESULT(vkWaitForFences(t->device, 1, &fences[1], VK_TRUE, 1000000), VK_TIMEOUT);
   const VkSemaphoreSignalInfo signal = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 1 };
   CHECK_SUCCESS(vkSignalSemaphore(t->device, &signal));
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fences[1], VK_TRUE, UINT64_MAX));
   CHECK_RESULT(vkGetFenceStatus(t->device, fences[0]), VK_SUCCESS);
   vkDestroyFence(t->device, fences[0], NULL);
   vkDestroyFence(t->device, fences[1], NULL);
   vkDestroySemaphore(t->device, timeline, NULL);
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

static void
test_host_side_events(struct vkt *t)
{
   const VkEventCreateInfo info = { .sType = VK_STRUCTURE_TYPE_EVENT_CREATE_INFO };
   VkEvent event = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateEvent(t->device, &info, NULL, &event));
   if (t->failed)
      return;
   /* "When created, the event object is in the unsignaled state." */
   CHECK_RESULT(vkGetEventStatus(t->device, event), VK_EVENT_RESET);
   CHECK_SUCCESS(vkSetEvent(t->device, event));
   CHECK_RESULT(vkGetEventStatus(t->device, event), VK_EVENT_SET);
   CHECK_SUCCESS(vkSetEvent(t->device, event));
   CHECK_RESULT(vkGetEventStatus(t->device, event), VK_EVENT_SET);
   CHECK_SUCCESS(vkResetEvent(t->device, event));
   CHECK_RESULT(vkGetEventStatus(t->device, event), VK_EVENT_RESET);
   vkDestroyEvent(t->device, event, NULL);
   vkDestroyEvent(t->device, VK_NULL_HANDLE, NULL);
}

static const struct vkt_test tests[] = {
   { "fence_created_signaled_is_signaled", test_fence_created_signaled_is_signaled, { 0 } },
   { "unsignaled_fence_times_out", test_unsignaled_fence_times_out, { 0 } },
   { "submission_signals_fence_and_reset_unsignals_it", test_submission_signals_fence_and_reset_unsignals_it, { 0 } },
   { "wait_for_any_fence_versus_all", test_wait_for_any_fence_versus_all, { 0 } },
   { "submission_waits_for_host_signalled_timeline_value", test_submission_waits_for_host_signalled_timeline_value,
     WITH_TIMELINES },
   { "timeline_value_visible_once_fence_is", test_timeline_value_visible_once_fence_is, WITH_TIMELINES },
   { "wait_semaphores_any_versus_all", test_wait_semaphores_any_versus_all, WITH_TIMELINES },
   { "host_wait_returns_when_another_thread_signals", test_host_wait_returns_when_another_thread_signals,
     WITH_TIMELINES },
   { "binary_semaphore_orders_two_queues", test_binary_semaphore_orders_two_queues, { .no_device = true } },
   { "queue_submit2_waits_and_signals", test_queue_submit2_waits_and_signals, WITH_TIMELINES },
   { "queue_wait_idle_waits_for_the_worker", test_queue_wait_idle_waits_for_the_worker, WITH_TIMELINES },
   { "empty_submission_waits_for_earlier_ones", test_empty_submission_waits_for_earlier_ones, WITH_TIMELINES },
   { "host_side_events", test_host_side_events, { 0 } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
