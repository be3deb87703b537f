/* Buffer transfers through the loader: vkCmdCopyBuffer(2), vkCmdFillBuffer,
 * vkCmdUpdateBuffer and pipeline barriers between dependent copies. */
#include "helpers.h"

static void
test_staging_upload_and_readback(struct vkt *t)
{
   enum { SIZE = 1 << 20 };
   struct tb_buffer staging, device_buffer, readback;
   if (!tb_buffer_create(t, SIZE, &staging) || !tb_buffer_create(t, SIZE, &device_buffer) ||
       !tb_buffer_create(t, SIZE, &readback))
      return;
   tb_pattern(staging.map, SIZE, 1);
   memset(readback.map, 0, SIZE);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   const VkBufferCopy whole = { 0, 0, SIZE };
   vkCmdCopyBuffer(commands.cb, staging.buffer, device_buffer.buffer, 1, &whole);
   /* "vkCmdPipelineBarrier ... the second synchronization scope" makes the
    * first copy's writes available to the second copy's reads. */
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_READ_BIT);
   vkCmdCopyBuffer(commands.cb, device_buffer.buffer, readback.buffer, 1, &whole);
   /* A host-stage barrier: the copy's writes become visible to host reads
    * once the fence has signalled. */
   const VkMemoryBarrier to_host = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
      .srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT,
      .dstAccessMask = VK_ACCESS_HOST_READ_BIT,
   };
   vkCmdPipelineBarrier(commands.cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0,
                        NULL, 0, NULL);
   if (tb_commands_submit_and_wait(t, &commands))
      CHECK(memcmp(readback.map, staging.map, SIZE) == 0, "the readback differs from the uploaded bytes");
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &staging);
   tb_buffer_destroy(t, &device_buffer);
   tb_buffer_destroy(t, &readback);
}

static void
test_copy_regions_land_at_their_offsets(struct vkt *t)
{
   struct tb_buffer src, dst;
   if (!tb_buffer_create(t, 4096, &src) || !tb_buffer_create(t, 4096, &dst))
      return;
   tb_pattern(src.map, 4096, 2);
   memset(dst.map, 0xee, 4096);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   const VkBufferCopy regions[] = {
      { .srcOffset = 0, .dstOffset = 100, .size = 7 },
      { .srcOffset = 1000, .dstOffset = 3, .size = 64 },
      { .srcOffset = 4000, .dstOffset = 4000, .size = 96 },
   };
   vkCmdCopyBuffer(commands.cb, src.buffer, dst.buffer, VKT_ARRAY_LENGTH(regions), regions);
   if (tb_commands_submit_and_wait(t, &commands)) {
      uint8_t expected[4096];
      memset(expected, 0xee, sizeof(expected));
      for (size_t i = 0; i < VKT_ARRAY_LENGTH(regions); i++)
         memcpy(expected + regions[i].dstOffset, src.map + regions[i].srcOffset, regions[i].size);
      CHECK(memcmp(dst.map, expected, sizeof(expected)) == 0, "bytes outside or inside the regions are wrong");
   }
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &src);
   tb_buffer_destroy(t, &dst);
}

static void
test_copy_buffer2_matches_copy_buffer(struct vkt *t)
{
   PFN_vkCmdCopyBuffer2 copy_buffer2 = VKT_DEVICE_PROC(t, vkCmdCopyBuffer2);
   CHECK(copy_buffer2 != NULL, "vkCmdCopyBuffer2 is core 1.3");
   struct tb_buffer src, dst;
   if (t->failed || !tb_buffer_create(t, 256, &src) || !tb_buffer_create(t, 256, &dst))
      return;
   tb_pattern(src.map, 256, 3);
   memset(dst.map, 0, 256);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   const VkBufferCopy2 region = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_COPY_2,
      .srcOffset = 16,
      .dstOffset = 32,
      .size = 128,
   };
   const VkCopyBufferInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_COPY_BUFFER_INFO_2,
      .srcBuffer = src.buffer,
      .dstBuffer = dst.buffer,
      .regionCount = 1,
      .pRegions = &region,
   };
   copy_buffer2(commands.cb, &info);
   if (tb_commands_submit_and_wait(t, &commands)) {
      CHECK(memcmp(dst.map + 32, src.map + 16, 128) == 0);
      CHECK(dst.map[31] == 0 && dst.map[160] == 0, "bytes around the region changed");
   }
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &src);
   tb_buffer_destroy(t, &dst);
}

static void
test_fill_buffer_writes_the_word(struct vkt *t)
{
   struct tb_buffer buffer;
   if (!tb_buffer_create(t, 64, &buffer))
      return;
   memset(buffer.map, 0, 64);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   vkCmdFillBuffer(commands.cb, buffer.buffer, 8, 16, 0x11223344u);
   if (tb_commands_submit_and_wait(t, &commands)) {
      uint32_t words[16];
      memcpy(words, buffer.map, sizeof(words));
      CHECK(words[1] == 0 && words[2] == 0x11223344u && words[5] == 0x11223344u && words[6] == 0,
            "words 2..5 hold the data, the rest 0: got %08x %08x %08x %08x", words[1], words[2], words[5], words[6]);
   }
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

/* "If VK_WHOLE_SIZE is used and the remaining size of the buffer is not a
 * multiple of 4, then the nearest smaller multiple is used." */
static void
test_fill_whole_size_rounds_down_to_a_multiple_of_4(struct vkt *t)
{
   struct tb_buffer buffer;
   if (!tb_buffer_create(t, 23, &buffer))
      return;
   memset(buffer.map, 0x55, 23);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   vkCmdFillBuffer(commands.cb, buffer.buffer, 4, VK_WHOLE_SIZE, 0xabababab);
   if (tb_commands_submit_and_wait(t, &commands)) {
      /* 23 - 4 = 19 bytes remain: 16 are filled, the last 3 untouched. */
      bool ok = true;
      for (int i = 0; i < 23; i++) {
         const uint8_t expected = i >= 4 && i < 20 ? 0xab : 0x55;
         ok = ok && buffer.map[i] == expected;
      }
      CHECK(ok, "bytes 4..19 must be 0xab and 0..3, 20..22 untouched");
   }
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

/* "The source data is copied from pData to the command buffer when the
 * command is called": changing pData afterwards changes nothing. */
static void
test_update_buffer_copies_data_at_record_time(struct vkt *t)
{
   struct tb_buffer buffer;
   if (!tb_buffer_create(t, 256, &buffer))
      return;
   memset(buffer.map, 0, 256);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   uint32_t data[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
   vkCmdUpdateBuffer(commands.cb, buffer.buffer, 64, sizeof(data), data);
   memset(data, 0xff, sizeof(data));
   if (tb_commands_submit_and_wait(t, &commands)) {
      uint32_t got[8];
      memcpy(got, buffer.map + 64, sizeof(got));
      CHECK(got[0] == 1 && got[7] == 8, "got %u..%u, expected the values at record time", got[0], got[7]);
      CHECK(buffer.map[63] == 0 && buffer.map[96] == 0, "bytes around the update changed");
   }
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

static void
test_largest_update_buffer(struct vkt *t)
{
   enum { SIZE = 65536 };
   struct tb_buffer buffer;
   if (!tb_buffer_create(t, SIZE, &buffer))
      return;
   memset(buffer.map, 0, SIZE);
   uint8_t *data = malloc(SIZE);
   tb_pattern(data, SIZE, 4);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   vkCmdUpdateBuffer(commands.cb, buffer.buffer, 0, SIZE, data);
   if (tb_commands_submit_and_wait(t, &commands))
      CHECK(memcmp(buffer.map, data, SIZE) == 0, "a 65536-byte update (the maximum) is not exact");
   free(data);
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &buffer);
}

/* A chain A -> B -> C -> D where each copy reads what the previous one wrote,
 * with fills and updates in between: only in-order, barrier-respecting
 * execution gives the final bytes. */
static void
test_dependent_copies_separated_by_barriers(struct vkt *t)
{
   struct tb_buffer a, b, c;
   if (!tb_buffer_create(t, 1024, &a) || !tb_buffer_create(t, 1024, &b) || !tb_buffer_create(t, 1024, &c))
      return;
   memset(a.map, 0, 1024);
   memset(b.map, 0, 1024);
   memset(c.map, 0, 1024);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   const VkMemoryBarrier2 barrier = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2,
      .srcStageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
      .srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT,
      .dstStageMask = VK_PIPELINE_STAGE_2_ALL_TRANSFER_BIT,
      .dstAccessMask = VK_ACCESS_2_TRANSFER_READ_BIT | VK_ACCESS_2_TRANSFER_WRITE_BIT,
   };
   const VkDependencyInfo dependency = {
      .sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO,
      .memoryBarrierCount = 1,
      .pMemoryBarriers = &barrier,
   };
   PFN_vkCmdPipelineBarrier2 barrier2 = VKT_DEVICE_PROC(t, vkCmdPipelineBarrier2);
   CHECK(barrier2 != NULL, "vkCmdPipelineBarrier2 is core 1.3");
   if (t->failed)
      return;
   const VkBufferCopy whole = { 0, 0, 1024 };
   vkCmdFillBuffer(commands.cb, a.buffer, 0, VK_WHOLE_SIZE, 0x01010101);
   barrier2(commands.cb, &dependency);
   vkCmdCopyBuffer(commands.cb, a.buffer, b.buffer, 1, &whole);
   barrier2(commands.cb, &dependency);
   const uint32_t marker = 0xdeadbeef;
   vkCmdUpdateBuffer(commands.cb, b.buffer, 512, sizeof(marker), &marker);
   barrier2(commands.cb, &dependency);
   vkCmdCopyBuffer(commands.cb, b.buffer, c.buffer, 1, &whole);
   barrier2(commands.cb, &dependency);
   vkCmdFillBuffer(commands.cb, a.buffer, 0, VK_WHOLE_SIZE, 0);
   barrier2(commands.cb, &dependency);
   const VkBufferCopy half = { 0, 0, 512 };
   vkCmdCopyBuffer(commands.cb, a.buffer, c.buffer, 1, &half);
   if (tb_commands_submit_and_wait(t, &commands)) {
      uint32_t word;
      memcpy(&word, c.map + 512, 4);
      CHECK(word == 0xdeadbeef, "c[512] = %08x: the update in b did not reach c", word);
      CHECK(c.map[0] == 0 && c.map[511] == 0, "the last copy of zeroes did not land after the earlier ones");
      CHECK(c.map[516] == 1 && c.map[1023] == 1, "the first fill did not reach c through b");
   }
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &a);
   tb_buffer_destroy(t, &b);
   tb_buffer_destroy(t, &c);
}

/* Two buffers bound to one memory object: the copy runs within one
 * allocation. */
static void
test_copy_between_buffers_sharing_memory(struct vkt *t)
{
   struct tb_buffer whole;
   if (!tb_buffer_create(t, 8192, &whole))
      return;
   tb_pattern(whole.map, 8192, 5);
   VkBuffer halves[2];
   const VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = 4096,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
   };
   for (int i = 0; i < 2; i++) {
      CHECK_SUCCESS(vkCreateBuffer(t->device, &info, NULL, &halves[i]));
      VkMemoryRequirements requirements;
      vkGetBufferMemoryRequirements(t->device, halves[i], &requirements);
      CHECK(4096 % requirements.alignment == 0, "alignment %" PRIu64, requirements.alignment);
      CHECK_SUCCESS(vkBindBufferMemory(t->device, halves[i], whole.memory, 4096 * (VkDeviceSize)i));
   }
   uint8_t expected[4096];
   memcpy(expected, whole.map, 4096);
   struct tb_commands commands;
   if (!t->failed && tb_commands_begin(t, &commands)) {
      const VkBufferCopy region = { 0, 0, 4096 };
      vkCmdCopyBuffer(commands.cb, halves[0], halves[1], 1, &region);
      if (tb_commands_submit_and_wait(t, &commands))
         CHECK(memcmp(whole.map + 4096, expected, 4096) == 0, "the second half is not a copy of the first");
      tb_commands_destroy(t, &commands);
   }
   vkDestroyBuffer(t->device, halves[0], NULL);
   vkDestroyBuffer(t->device, halves[1], NULL);
   tb_buffer_destroy(t, &whole);
}

/* The copy runs while the application unmaps and maps the destination's
 * memory: the result is exact when the fence signals. */
static void
test_copy_while_the_memory_is_remapped(struct vkt *t)
{
   enum { SIZE = 8 << 20 };
   struct tb_buffer src, dst;
   if (!tb_buffer_create(t, SIZE, &src) || !tb_buffer_create(t, SIZE, &dst))
      return;
   tb_pattern(src.map, SIZE, 6);
   memset(dst.map, 0, SIZE);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   const VkBufferCopy whole = { 0, 0, SIZE };
   for (int i = 0; i < 8; i++)
      vkCmdCopyBuffer(commands.cb, src.buffer, dst.buffer, 1, &whole);
   CHECK_SUCCESS(vkEndCommandBuffer(commands.cb));
   VkFence fence = tb_fence(t, false);
   CHECK_SUCCESS(tb_submit(t, commands.cb, fence));
   void *map = NULL;
   while (vkGetFenceStatus(t->device, fence) == VK_NOT_READY) {
      vkUnmapMemory(t->device, dst.memory);
      CHECK_SUCCESS(vkMapMemory(t->device, dst.memory, 0, VK_WHOLE_SIZE, 0, &map));
   }
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   vkUnmapMemory(t->device, dst.memory);
   CHECK_SUCCESS(vkMapMemory(t->device, dst.memory, 0, VK_WHOLE_SIZE, 0, &map));
   CHECK(memcmp(map, src.map, SIZE) == 0, "the copy is not exact after concurrent remaps");
   vkDestroyFence(t->device, fence, NULL);
   tb_commands_destroy(t, &commands);
   tb_buffer_destroy(t, &src);
   tb_buffer_destroy(t, &dst);
}

static const VkPhysicalDeviceVulkan13Features features13 = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
   .synchronization2 = VK_TRUE,
};

static const struct vkt_test tests[] = {
   { "staging_upload_and_readback", test_staging_upload_and_readback, { 0 } },
   { "copy_regions_land_at_their_offsets", test_copy_regions_land_at_their_offsets, { 0 } },
   { "copy_buffer2_matches_copy_buffer", test_copy_buffer2_matches_copy_buffer, { 0 } },
   { "fill_buffer_writes_the_word", test_fill_buffer_writes_the_word, { 0 } },
   { "fill_whole_size_rounds_down_to_a_multiple_of_4", test_fill_whole_size_rounds_down_to_a_multiple_of_4, { 0 } },
   { "update_buffer_copies_data_at_record_time", test_update_buffer_copies_data_at_record_time, { 0 } },
   { "largest_update_buffer", test_largest_update_buffer, { 0 } },
   { "dependent_copies_separated_by_barriers", test_dependent_copies_separated_by_barriers,
     { .device_create_pnext = &features13 } },
   { "copy_between_buffers_sharing_memory", test_copy_between_buffers_sharing_memory, { 0 } },
   { "copy_while_the_memory_is_remapped", test_copy_while_the_memory_is_remapped, { 0 } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
