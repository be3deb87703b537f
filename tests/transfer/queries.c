/* Timestamp queries (vkCmdWriteTimestamp(2)), vkGetQueryPoolResults with
 * every flag, host query reset, and VK_KHR_calibrated_timestamps. */
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
   .hostQueryReset = VK_TRUE,
};
static const char *const calibrated_extension[] = { VK_KHR_CALIBRATED_TIMESTAMPS_EXTENSION_NAME };

static VkQueryPool
create_pool(struct vkt *t, VkQueryType type, uint32_t count)
{
   const VkQueryPoolCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
      .queryType = type,
      .queryCount = count,
   };
   VkQueryPool pool = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateQueryPool(t->device, &info, NULL, &pool));
   if (pool != VK_NULL_HANDLE)
      vkResetQueryPool(t->device, pool, 0, count);
   return pool;
}

static bool
timestamps_supported(struct vkt *t)
{
   uint32_t count = 1;
   VkQueueFamilyProperties family;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &count, &family);
   if (family.timestampValidBits == 0) {
      vkt_skip(t, "the queue family has no timestamps");
      return false;
   }
   return true;
}

static void
test_timestamps_are_monotonic(struct vkt *t)
{
   if (!timestamps_supported(t))
      return;
   VkQueryPool pool = create_pool(t, VK_QUERY_TYPE_TIMESTAMP, 4);
   PFN_vkCmdWriteTimestamp2 write_timestamp2 = VKT_DEVICE_PROC(t, vkCmdWriteTimestamp2);
   struct tb_buffer a, b;
   struct tb_commands commands;
   if (t->failed || !tb_buffer_create(t, 1 << 20, &a) || !tb_buffer_create(t, 1 << 20, &b) ||
       !tb_commands_begin(t, &commands))
      return;
   const VkBufferCopy whole = { 0, 0, 1 << 20 };
   vkCmdWriteTimestamp(commands.cb, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, pool, 0);
   vkCmdCopyBuffer(commands.cb, a.buffer, b.buffer, 1, &whole);
   vkCmdWriteTimestamp(commands.cb, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, pool, 1);
   vkCmdCopyBuffer(commands.cb, b.buffer, a.buffer, 1, &whole);
   write_timestamp2(commands.cb, VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT, pool, 2);
   if (tb_commands_submit_and_wait(t, &commands)) {
      /* A later submission's timestamp is later still. */
      CHECK_SUCCESS(vkResetCommandBuffer(commands.cb, 0));
      const VkCommandBufferBeginInfo begin = { .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO };
      CHECK_SUCCESS(vkBeginCommandBuffer(commands.cb, &begin));
      vkCmdWriteTimestamp(commands.cb, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, pool, 3);
      tb_commands_submit_and_wait(t, &commands);
      uint64_t values[4] = { 0 };
      CHECK_SUCCESS(vkGetQueryPoolResults(t->device, pool, 0, 4, sizeof(values), values, sizeof(values[0]),
                                          VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
      CHECK(values[0] != 0 && values[0] <= values[1] && values[1] <= values[2] && values[2] <= values[3],
            "timestamps %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " are not monotonic", values[0], values[1],
            values[2], values[3]);
   }
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &a);
   tb_buffer_destroy(t, &b);
   vkDestroyQueryPool(t->device, pool, NULL);
}

/* Writes a timestamp to query 1 of the pool and waits for it. */
static bool
write_one_timestamp(struct vkt *t, VkQueryPool pool, uint32_t query)
{
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return false;
   vkCmdWriteTimestamp(commands.cb, VK_PIPELINE_STAGE_TRANSFER_BIT, pool, query);
   const bool ok = tb_commands_submit_and_wait(t, &commands);
   tb_commands_destroy(t, &commands);
   return ok;
}

/* "If VK_QUERY_RESULT_WAIT_BIT and VK_QUERY_RESULT_PARTIAL_BIT are both not
 * set then no result values are written to pData for queries that are in
 * the unavailable state at the time of the call, and vkGetQueryPoolResults
 * returns VK_NOT_READY." */
static void
test_unavailable_query_is_not_ready_and_not_written(struct vkt *t)
{
   if (!timestamps_supported(t))
      return;
   VkQueryPool pool = create_pool(t, VK_QUERY_TYPE_TIMESTAMP, 2);
   if (t->failed || !write_one_timestamp(t, pool, 0))
      return;
   uint64_t values[2] = { 0, 0xdeaddeaddeaddeadu };
   CHECK_RESULT(vkGetQueryPoolResults(t->device, pool, 0, 2, sizeof(values), values, 8, VK_QUERY_RESULT_64_BIT),
                VK_NOT_READY);
   CHECK(values[0] != 0, "the available query's result was not written");
   CHECK(values[1] == 0xdeaddeaddeaddeadu, "the unavailable query's slot was written");
   /* The host reset makes the written query unavailable again. */
   vkResetQueryPool(t->device, pool, 0, 1);
   values[0] = 5;
   CHECK_RESULT(vkGetQueryPoolResults(t->device, pool, 0, 1, 8, values, 8, VK_QUERY_RESULT_64_BIT), VK_NOT_READY);
   CHECK(values[0] == 5, "a reset query's slot was written");
   vkDestroyQueryPool(t->device, pool, NULL);
}

static void
test_results_with_availability_in_32_and_64_bits(struct vkt *t)
{
   if (!timestamps_supported(t))
      return;
   VkQueryPool pool = create_pool(t, VK_QUERY_TYPE_TIMESTAMP, 2);
   if (t->failed || !write_one_timestamp(t, pool, 0))
      return;
   uint64_t wide[2][2];
   memset(wide, 0xff, sizeof(wide));
   CHECK_RESULT(vkGetQueryPoolResults(t->device, pool, 0, 2, sizeof(wide), wide, sizeof(wide[0]),
                                      VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WITH_AVAILABILITY_BIT),
                VK_NOT_READY);
   CHECK(wide[0][1] == 1, "query 0 is available: availability %" PRIu64, wide[0][1]);
   CHECK(wide[1][1] == 0, "query 1 is not: availability %" PRIu64, wide[1][1]);
   CHECK(wide[1][0] == UINT64_MAX, "query 1's value was written");

   /* 32-bit results, stride 12: value, availability, one untouched word. */
   uint32_t narrow[2][3];
   memset(narrow, 0xff, sizeof(narrow));
   CHECK_RESULT(vkGetQueryPoolResults(t->device, pool, 0, 2, sizeof(narrow), narrow, sizeof(narrow[0]),
                                      VK_QUERY_RESULT_WITH_AVAILABILITY_BIT),
                VK_NOT_READY);
   CHECK(narrow[0][0] == (uint32_t)wide[0][0], "the 32-bit value is not the low bits of the 64-bit one");
   CHECK(narrow[0][1] == 1 && narrow[1][1] == 0, "availability %u %u", narrow[0][1], narrow[1][1]);
   CHECK(narrow[0][2] == UINT32_MAX && narrow[1][2] == UINT32_MAX, "bytes past the results were written");
   vkDestroyQueryPool(t->device, pool, NULL);
}

/* PARTIAL (not allowed for timestamp pools): an occlusion pool's queries,
 * which a transfer queue never begins, stay unavailable. */
static void
test_partial_results_of_unavailable_queries(struct vkt *t)
{
   VkQueryPool pool = create_pool(t, VK_QUERY_TYPE_OCCLUSION, 3);
   if (t->failed)
      return;
   uint64_t results[3][2];
   memset(results, 0xff, sizeof(results));
   /* The spec names VK_NOT_READY only for the case without WAIT and
    * PARTIAL; with PARTIAL, drivers answer VK_NOT_READY (memvk) or
    * VK_SUCCESS (lavapipe). */
   const VkResult result =
      vkGetQueryPoolResults(t->device, pool, 0, 3, sizeof(results), results, sizeof(results[0]),
                            VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_PARTIAL_BIT | VK_QUERY_RESULT_WITH_AVAILABILITY_BIT);
   CHECK(result == VK_NOT_READY || result == VK_SUCCESS, "returned %d", result);
   for (int i = 0; i < 3; i++)
      CHECK(results[i][1] == 0, "query %d reports available", i);
   /* "an intermediate result value between zero and the final result":
    * nothing was counted, so zero. */
   CHECK(results[0][0] == 0 && results[2][0] == 0, "partial values %" PRIu64 " %" PRIu64, results[0][0],
         results[2][0]);
   vkDestroyQueryPool(t->device, pool, NULL);
}

struct results_waiter {
   VkDevice device;
   VkQueryPool pool;
   uint64_t value[2];
   VkResult result;
};

static void *
wait_for_results(void *data)
{
   struct results_waiter *waiter = data;
   waiter->result = vkGetQueryPoolResults(waiter->device, waiter->pool, 0, 1, sizeof(waiter->value), waiter->value,
                                          16,
                                          VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT |
                                             VK_QUERY_RESULT_WITH_AVAILABILITY_BIT);
   return NULL;
}

/* WAIT_BIT blocks until a timestamp whose submission is held back by a
 * timeline semaphore is written. */
static void
test_wait_bit_waits_for_the_timestamp(struct vkt *t)
{
   if (!timestamps_supported(t))
      return;
   VkQueryPool pool = create_pool(t, VK_QUERY_TYPE_TIMESTAMP, 1);
   VkSemaphore timeline = tb_timeline(t, 0);
   struct tb_commands commands;
   if (t->failed || !tb_commands_begin(t, &commands))
      return;
   vkCmdWriteTimestamp(commands.cb, VK_PIPELINE_STAGE_TRANSFER_BIT, pool, 0);
   CHECK_SUCCESS(vkEndCommandBuffer(commands.cb));
   const uint64_t one = 1;
   const VkPipelineStageFlags stage = VK_PIPELINE_STAGE_TRANSFER_BIT;
   const VkTimelineSemaphoreSubmitInfo values = {
      .sType = VK_STRUCTURE_TYPE_TIMELINE_SEMAPHORE_SUBMIT_INFO,
      .waitSemaphoreValueCount = 1,
      .pWaitSemaphoreValues = &one,
   };
   const VkSubmitInfo submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
      .pNext = &values,
      .waitSemaphoreCount = 1,
      .pWaitSemaphores = &timeline,
      .pWaitDstStageMask = &stage,
      .commandBufferCount = 1,
      .pCommandBuffers = &commands.cb,
   };
   CHECK_SUCCESS(vkQueueSubmit(t->queue, 1, &submit, VK_NULL_HANDLE));
   struct results_waiter waiter = { t->device, pool, { 0, 0 }, VK_ERROR_UNKNOWN };
   pthread_t thread;
   CHECK(pthread_create(&thread, NULL, wait_for_results, &waiter) == 0);
   const VkSemaphoreSignalInfo signal = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 1 };
   CHECK_SUCCESS(vkSignalSemaphore(t->device, &signal));
   pthread_join(thread, NULL);
   CHECK_RESULT(waiter.result, VK_SUCCESS);
   CHECK(waiter.value[0] != 0 && waiter.value[1] == 1, "value %" PRIu64 ", availability %" PRIu64, waiter.value[0],
         waiter.value[1]);
   CHECK_SUCCESS(vkQueueWaitIdle(t->queue));
   tb_commands_destroy(t, &commands);
   vkDestroySemaphore(t->device, timeline, NULL);
   vkDestroyQueryPool(t->device, pool, NULL);
}

/* A timestamp lies between device-domain calibrated timestamps taken before
 * the submission and after its fence. */
static void
test_calibrated_timestamps_bracket_a_query(struct vkt *t)
{
   PFN_vkGetPhysicalDeviceCalibrateableTimeDomainsKHR get_domains =
      VKT_INSTANCE_PROC(t, vkGetPhysicalDeviceCalibrateableTimeDomainsKHR);
   PFN_vkGetCalibratedTimestampsKHR get_timestamps = VKT_DEVICE_PROC(t, vkGetCalibratedTimestampsKHR);
   CHECK(get_domains != NULL && get_timestamps != NULL, "the extension's commands resolve");
   if (t->failed)
      return;
   VkTimeDomainKHR domains[8];
   uint32_t count = 8;
   CHECK_SUCCESS(get_domains(t->physical_device, &count, domains));
   bool has_device = false, has_monotonic = false;
   for (uint32_t i = 0; i < count; i++) {
      has_device = has_device || domains[i] == VK_TIME_DOMAIN_DEVICE_KHR;
      has_monotonic = has_monotonic || domains[i] == VK_TIME_DOMAIN_CLOCK_MONOTONIC_KHR;
   }
   CHECK(has_device, "the device time domain must be calibrateable");
   const VkCalibratedTimestampInfoKHR infos[2] = {
      { .sType = VK_STRUCTURE_TYPE_CALIBRATED_TIMESTAMP_INFO_KHR, .timeDomain = VK_TIME_DOMAIN_DEVICE_KHR },
      { .sType = VK_STRUCTURE_TYPE_CALIBRATED_TIMESTAMP_INFO_KHR, .timeDomain = VK_TIME_DOMAIN_CLOCK_MONOTONIC_KHR },
   };
   uint64_t before[2], after[2], deviation = 0;
   CHECK_SUCCESS(get_timestamps(t->device, has_monotonic ? 2 : 1, infos, before, &deviation));
   CHECK(deviation > 0, "maxDeviation is at least one tick");
   VkQueryPool pool = create_pool(t, VK_QUERY_TYPE_TIMESTAMP, 1);
   if (t->failed || !write_one_timestamp(t, pool, 0))
      return;
   CHECK_SUCCESS(get_timestamps(t->device, 1, infos, after, &deviation));
   uint64_t value = 0;
   CHECK_SUCCESS(vkGetQueryPoolResults(t->device, pool, 0, 1, 8, &value, 8, VK_QUERY_RESULT_64_BIT));
   CHECK(before[0] <= value && value <= after[0],
         "timestamp %" PRIu64 " is not within [%" PRIu64 ", %" PRIu64 "]", value, before[0], after[0]);
   vkDestroyQueryPool(t->device, pool, NULL);
}

static const struct vkt_test tests[] = {
   { "timestamps_are_monotonic", test_timestamps_are_monotonic, { .device_create_pnext = &features12 } },
   { "unavailable_query_is_not_ready_and_not_written", test_unavailable_query_is_not_ready_and_not_written,
     { .device_create_pnext = &features12 } },
   { "results_with_availability_in_32_and_64_bits", test_results_with_availability_in_32_and_64_bits,
     { .device_create_pnext = &features12 } },
   { "partial_results_of_unavailable_queries", test_partial_results_of_unavailable_queries,
     { .device_create_pnext = &features12 } },
   { "wait_bit_waits_for_the_timestamp", test_wait_bit_waits_for_the_timestamp,
     { .device_create_pnext = &features12 } },
   { "calibrated_timestamps_bracket_a_query", test_calibrated_timestamps_bracket_a_query,
     { .device_create_pnext = &features12, .device_extensions = calibrated_extension,
       .device_extension_count = 1 } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
