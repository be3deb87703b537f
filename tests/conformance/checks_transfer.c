/* Checks of the transfer commands and of host synchronisation with a queue:
 * staging upload and readback, fill and update, fences, timeline semaphores.
 * They use only what a queue with VK_QUEUE_TRANSFER_BIT accepts. */
#include "conformance.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct buffer {
   VkBuffer buffer;
   VkDeviceMemory memory;
   uint8_t *data; /* NULL unless host-visible */
   VkDeviceSize size;
};

/* A buffer bound to memory of a type with `want` flags if the buffer allows
 * one (else any allowed type when `required` is false), mapped when
 * host-visible. */
static VkResult
buffer_create(struct ctx *c, VkDeviceSize size, VkBufferUsageFlags usage, VkMemoryPropertyFlags want, bool required,
              struct buffer *b)
{
   memset(b, 0, sizeof(*b));
   b->size = size;
   const VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = size,
      .usage = usage,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
   };
   VkResult result = vkCreateBuffer(c->device, &info, NULL, &b->buffer);
   if (result != VK_SUCCESS)
      return result;
   VkMemoryRequirements r;
   vkGetBufferMemoryRequirements(c->device, b->buffer, &r);
   uint32_t type = ctx_memory_type(c, r.memoryTypeBits, want);
   if (type == UINT32_MAX && !required)
      type = ctx_memory_type(c, r.memoryTypeBits, 0);
   if (type == UINT32_MAX)
      return VK_ERROR_FEATURE_NOT_PRESENT;
   result = buffer_requires_dedicated(c, b->buffer)
               ? alloc_dedicated(c, r.size, type, b->buffer, VK_NULL_HANDLE, &b->memory)
               : alloc_memory(c, r.size, type, &b->memory);
   if (result != VK_SUCCESS)
      return result;
   result = vkBindBufferMemory(c->device, b->buffer, b->memory, 0);
   if (result != VK_SUCCESS)
      return result;
   if (c->memory.memoryTypes[type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
      void *data;
      result = vkMapMemory(c->device, b->memory, 0, VK_WHOLE_SIZE, 0, &data);
      b->data = data;
   }
   return result;
}

static void
buffer_destroy(struct ctx *c, struct buffer *b)
{
   vkDestroyBuffer(c->device, b->buffer, NULL);
   vkFreeMemory(c->device, b->memory, NULL); /* implicitly unmaps */
   memset(b, 0, sizeof(*b));
}

static const VkMemoryPropertyFlags HOST_VISIBLE_COHERENT =
   VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;

static VkResult
commands_begin(struct ctx *c, VkCommandPool *pool, VkCommandBuffer *commands)
{
   const VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .queueFamilyIndex = c->queue_family,
   };
   VkResult result = vkCreateCommandPool(c->device, &pool_info, NULL, pool);
   if (result != VK_SUCCESS)
      return result;
   const VkCommandBufferAllocateInfo allocate_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = *pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = 1,
   };
   result = vkAllocateCommandBuffers(c->device, &allocate_info, commands);
   if (result != VK_SUCCESS)
      return result;
   const VkCommandBufferBeginInfo begin = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
      .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
   };
   return vkBeginCommandBuffer(*commands, &begin);
}

/* A global memory barrier between transfer commands, or from transfer
 * writes to host reads. */
static void
barrier(VkCommandBuffer commands, VkPipelineStageFlags dst_stage, VkAccessFlags dst_access)
{
   const VkMemoryBarrier memory_barrier = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
      .srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT,
      .dstAccessMask = dst_access,
   };
   vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, dst_stage, 0, 1, &memory_barrier, 0, NULL, 0,
                        NULL);
}

static VkResult
submit_and_wait(struct ctx *c, VkCommandBuffer commands)
{
   const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   VkFence fence;
   VkResult result = vkCreateFence(c->device, &fence_info, NULL, &fence);
   if (result != VK_SUCCESS)
      return result;
   const VkSubmitInfo submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
      .commandBufferCount = 1,
      .pCommandBuffers = &commands,
   };
   result = vkQueueSubmit(c->queue, 1, &submit, fence);
   if (result == VK_SUCCESS)
      result = vkWaitForFences(c->device, 1, &fence, VK_TRUE, UINT64_MAX);
   vkDestroyFence(c->device, fence, NULL);
   return result;
}

/* vkCmdCopyBuffer: "Each source region specified by pRegions is copied from
 * the source buffer to the destination region of the destination buffer."
 * Host writes before vkQueueSubmit are visible to the copy; a barrier to
 * VK_PIPELINE_STAGE_HOST_BIT and a fence wait make its writes visible to
 * the host. */
static void
transfer_staging_upload_and_readback(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const VkDeviceSize size = (1 << 20) + 12;
   struct buffer staging, device, readback;
   EXPECT_VK(c, buffer_create(c, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, HOST_VISIBLE_COHERENT, true, &staging));
   EXPECT_VK(c, buffer_create(c, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                              VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT, false, &device));
   EXPECT_VK(c, buffer_create(c, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &readback));
   fill_pattern(staging.data, size, 50, 0);
   memset(readback.data, 0, size);

   VkCommandPool pool;
   VkCommandBuffer commands;
   EXPECT_VK(c, commands_begin(c, &pool, &commands));
   const VkBufferCopy upload = { .srcOffset = 0, .dstOffset = 0, .size = size };
   vkCmdCopyBuffer(commands, staging.buffer, device.buffer, 1, &upload);
   barrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_READ_BIT);
   /* Read back in two regions, the second swapped in front of the first. */
   const VkDeviceSize half = 4096 * 100 + 4;
   const VkBufferCopy back[2] = {
      { .srcOffset = half, .dstOffset = 0, .size = size - half },
      { .srcOffset = 0, .dstOffset = size - half, .size = half },
   };
   vkCmdCopyBuffer(commands, device.buffer, readback.buffer, 2, back);
   barrier(commands, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
   EXPECT_VK(c, vkEndCommandBuffer(commands));
   EXPECT_VK(c, submit_and_wait(c, commands));

   size_t bad = find_pattern_mismatch(readback.data, size - half, 50, half);
   EXPECT(c, bad == SIZE_MAX, "byte %zu of the readback is not the uploaded byte %" PRIu64, bad, half + bad);
   bad = find_pattern_mismatch(readback.data + size - half, half, 50, 0);
   EXPECT(c, bad == SIZE_MAX, "byte %" PRIu64 " of the readback is not the uploaded byte %zu",
          size - half + bad, bad);
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &staging);
   buffer_destroy(c, &device);
   buffer_destroy(c, &readback);
}

/* vkCmdFillBuffer: "size is the number of bytes to fill, and must be either a
 * multiple of 4, or VK_WHOLE_SIZE to fill the range from offset to the end of
 * the buffer. If VK_WHOLE_SIZE is used and the remaining size of the buffer
 * is not a multiple of 4, then the nearest smaller multiple is used."
 * vkCmdUpdateBuffer: "The source data is copied from the user pointer to the
 * command buffer when the command is called." */
static void
transfer_fill_and_update_buffer(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const VkDeviceSize size = 1026;
   struct buffer b;
   EXPECT_VK(c, buffer_create(c, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &b));
   fill_pattern(b.data, size, 60, 0);
   uint8_t expected[1026];
   memcpy(expected, b.data, size);

   VkCommandPool pool;
   VkCommandBuffer commands;
   EXPECT_VK(c, commands_begin(c, &pool, &commands));
   const uint32_t word = 0xA1B2C3D4u;
   vkCmdFillBuffer(commands, b.buffer, 4, VK_WHOLE_SIZE, word);
   for (size_t i = 4; i + 4 <= size; i += 4)
      memcpy(expected + i, &word, 4); /* "according to the host endianness" */
   barrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT);
   vkCmdFillBuffer(commands, b.buffer, 512, 8, 0);
   memset(expected + 512, 0, 8);
   barrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT);
   uint8_t update[64];
   fill_pattern(update, sizeof(update), 61, 0);
   vkCmdUpdateBuffer(commands, b.buffer, 8, sizeof(update), update);
   memcpy(expected + 8, update, sizeof(update));
   /* The command buffer holds its own copy: changing the array afterwards
    * must not matter. */
   memset(update, 0, sizeof(update));
   barrier(commands, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
   EXPECT_VK(c, vkEndCommandBuffer(commands));
   EXPECT_VK(c, submit_and_wait(c, commands));
   for (size_t i = 0; i < size; i++) {
      EXPECT(c, b.data[i] == expected[i], "byte %zu is 0x%02x, expected 0x%02x (%s)", i, b.data[i], expected[i],
             i < 4 ? "before the fill's offset" : i >= 1024 ? "past the last whole word of VK_WHOLE_SIZE"
             : i >= 8 && i < 72 ? "updated" : "filled");
   }
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &b);
}

/* vkWaitForFences: "If timeout is zero, then vkWaitForFences does not wait,
 * but simply returns the current state of the fences. VK_TIMEOUT will be
 * returned in this case if the condition is not satisfied"; vkQueueSubmit:
 * "If submitCount is zero but fence is not VK_NULL_HANDLE, the fence will
 * still be submitted to the queue and will become signaled when all work
 * previously submitted to the queue has completed." */
static void
fence_wait_and_status_follow_submission(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const VkFenceCreateInfo unsignaled_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   const VkFenceCreateInfo signaled_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO,
                                             .flags = VK_FENCE_CREATE_SIGNALED_BIT };
   VkFence fence, signaled;
   EXPECT_VK(c, vkCreateFence(c->device, &unsignaled_info, NULL, &fence));
   EXPECT_VK(c, vkCreateFence(c->device, &signaled_info, NULL, &signaled));
   EXPECT(c, vkGetFenceStatus(c->device, fence) == VK_NOT_READY, "a new fence is not VK_NOT_READY");
   EXPECT(c, vkWaitForFences(c->device, 1, &fence, VK_TRUE, 0) == VK_TIMEOUT,
          "waiting 0 ns on an unsignaled fence did not return VK_TIMEOUT");
   EXPECT(c, vkGetFenceStatus(c->device, signaled) == VK_SUCCESS, "a fence created signaled is not VK_SUCCESS");
   EXPECT_VK(c, vkWaitForFences(c->device, 1, &signaled, VK_TRUE, 0));
   const VkFence both[2] = { fence, signaled };
   EXPECT_VK(c, vkWaitForFences(c->device, 2, both, VK_FALSE, 0));
   EXPECT(c, vkWaitForFences(c->device, 2, both, VK_TRUE, 0) == VK_TIMEOUT,
          "waitAll with one unsignaled fence did not return VK_TIMEOUT");

   /* Real work, then an empty submission carrying only the fence. */
   struct buffer b;
   EXPECT_VK(c, buffer_create(c, 65536, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &b));
   VkCommandPool pool;
   VkCommandBuffer commands;
   EXPECT_VK(c, commands_begin(c, &pool, &commands));
   vkCmdFillBuffer(commands, b.buffer, 0, VK_WHOLE_SIZE, 0x01020304u);
   barrier(commands, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
   EXPECT_VK(c, vkEndCommandBuffer(commands));
   const VkSubmitInfo submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1, .pCommandBuffers = &commands };
   EXPECT_VK(c, vkQueueSubmit(c->queue, 1, &submit, VK_NULL_HANDLE));
   EXPECT_VK(c, vkQueueSubmit(c->queue, 0, NULL, fence));
   EXPECT_VK(c, vkWaitForFences(c->device, 1, &fence, VK_TRUE, UINT64_MAX));
   EXPECT(c, vkGetFenceStatus(c->device, fence) == VK_SUCCESS, "the fence is not signaled after the wait");
   const uint32_t word = 0x01020304u;
   for (size_t i = 0; i < 65536; i += 4)
      EXPECT(c, memcmp(b.data + i, &word, 4) == 0, "byte %zu not filled when the fence after it signaled", i);
   EXPECT_VK(c, vkResetFences(c->device, 1, &fence));
   EXPECT(c, vkGetFenceStatus(c->device, fence) == VK_NOT_READY, "a reset fence is not VK_NOT_READY");
   EXPECT_VK(c, vkQueueWaitIdle(c->queue));
   vkDestroyFence(c->device, fence, NULL);
   vkDestroyFence(c->device, signaled, NULL);
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &b);
}

/* vkSignalSemaphore: "When vkSignalSemaphore is executed on the host, it
 * defines and immediately executes a semaphore signal operation which sets
 * the timeline semaphore to the given value."  A submission that waits for
 * that value runs only after it; its own signal is visible to
 * vkGetSemaphoreCounterValue and vkWaitSemaphores. */
static void
timeline_semaphore_host_signal_releases_a_waiting_submission(struct ctx *c)
{
   const struct ctx_options options = { .timeline_semaphore = true };
   if (!ctx_open(c, &options))
      return;
   const VkSemaphoreTypeCreateInfo type_info = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO,
      .semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE,
      .initialValue = 0,
   };
   const VkSemaphoreCreateInfo semaphore_info = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO,
                                                  .pNext = &type_info };
   VkSemaphore timeline;
   EXPECT_VK(c, vkCreateSemaphore(c->device, &semaphore_info, NULL, &timeline));
   const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   VkFence fence;
   EXPECT_VK(c, vkCreateFence(c->device, &fence_info, NULL, &fence));

   struct buffer src, dst;
   EXPECT_VK(c, buffer_create(c, 4096, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, HOST_VISIBLE_COHERENT, true, &src));
   EXPECT_VK(c, buffer_create(c, 4096, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &dst));
   fill_pattern(src.data, 4096, 70, 0);
   memset(dst.data, 0, 4096);
   VkCommandPool pool;
   VkCommandBuffer commands;
   EXPECT_VK(c, commands_begin(c, &pool, &commands));
   const VkBufferCopy region = { .size = 4096 };
   vkCmdCopyBuffer(commands, src.buffer, dst.buffer, 1, &region);
   barrier(commands, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
   EXPECT_VK(c, vkEndCommandBuffer(commands));

   const uint64_t wait_value = 1, signal_value = 2;
   const VkTimelineSemaphoreSubmitInfo values = {
      .sType = VK_STRUCTURE_TYPE_TIMELINE_SEMAPHORE_SUBMIT_INFO,
      .waitSemaphoreValueCount = 1,
      .pWaitSemaphoreValues = &wait_value,
      .signalSemaphoreValueCount = 1,
      .pSignalSemaphoreValues = &signal_value,
   };
   const VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_TRANSFER_BIT;
   const VkSubmitInfo submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
      .pNext = &values,
      .waitSemaphoreCount = 1,
      .pWaitSemaphores = &timeline,
      .pWaitDstStageMask = &wait_stage,
      .commandBufferCount = 1,
      .pCommandBuffers = &commands,
      .signalSemaphoreCount = 1,
      .pSignalSemaphores = &timeline,
   };
   EXPECT_VK(c, vkQueueSubmit(c->queue, 1, &submit, fence));

   /* Nothing may run before the host signals 1. */
   const struct timespec pause = { .tv_nsec = 50 * 1000 * 1000 };
   nanosleep(&pause, NULL);
   EXPECT(c, vkGetFenceStatus(c->device, fence) == VK_NOT_READY,
          "the submission completed before the value it waits for was signaled");
   uint64_t value = 99;
   EXPECT_VK(c, vkGetSemaphoreCounterValue(c->device, timeline, &value));
   EXPECT(c, value == 0, "the counter is %" PRIu64 " before any signal", value);
   const VkSemaphoreWaitInfo wait_two = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_WAIT_INFO,
      .semaphoreCount = 1,
      .pSemaphores = &timeline,
      .pValues = &signal_value,
   };
   EXPECT(c, vkWaitSemaphores(c->device, &wait_two, 0) == VK_TIMEOUT,
          "vkWaitSemaphores(2, timeout 0) did not time out before the host signal");

   const VkSemaphoreSignalInfo signal = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 1 };
   EXPECT_VK(c, vkSignalSemaphore(c->device, &signal));
   EXPECT_VK(c, vkWaitSemaphores(c->device, &wait_two, UINT64_MAX));
   EXPECT_VK(c, vkGetSemaphoreCounterValue(c->device, timeline, &value));
   EXPECT(c, value >= 2, "the counter is %" PRIu64 " after waiting for 2", value);
   EXPECT_VK(c, vkWaitForFences(c->device, 1, &fence, VK_TRUE, UINT64_MAX));
   size_t bad = find_pattern_mismatch(dst.data, 4096, 70, 0);
   EXPECT(c, bad == SIZE_MAX, "byte %zu not copied after the semaphore reached 2", bad);

   /* A host signal with no submission pending sets the value at once. */
   const VkSemaphoreSignalInfo signal_five = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_SIGNAL_INFO, .semaphore = timeline, .value = 5 };
   EXPECT_VK(c, vkSignalSemaphore(c->device, &signal_five));
   EXPECT_VK(c, vkGetSemaphoreCounterValue(c->device, timeline, &value));
   EXPECT(c, value == 5, "the counter is %" PRIu64 " right after the host signaled 5", value);
   vkDestroySemaphore(c->device, timeline, NULL);
   vkDestroyFence(c->device, fence, NULL);
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &src);
   buffer_destroy(c, &dst);
}

/* One image barrier for a whole single-level colour image. */
static void
image_barrier(VkCommandBuffer commands, VkImage image, VkImageLayout from, VkImageLayout to, VkAccessFlags src_access,
              VkAccessFlags dst_access)
{
   const VkImageMemoryBarrier b = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
      .srcAccessMask = src_access,
      .dstAccessMask = dst_access,
      .oldLayout = from,
      .newLayout = to,
      .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
      .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
      .image = image,
      .subresourceRange = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1 },
   };
   vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, NULL, 0,
                        NULL, 1, &b);
}

/* VkBufferImageCopy: "bufferRowLength and bufferImageHeight specify in texels
 * a subregion of a larger two- or three-dimensional image in buffer memory,
 * and control the addressing calculations. If either of these values is zero,
 * that aspect of the buffer memory is considered to be tightly packed
 * according to the imageExtent."  Uploaded with padding, read back tight. */
static void
transfer_buffer_image_copies_honour_row_length(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
   const VkImageUsageFlags usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
   VkImageFormatProperties limits;
   if (vkGetPhysicalDeviceImageFormatProperties(c->physical_device, format, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                                                usage, 0, &limits) != VK_SUCCESS)
      SKIP(c, "optimal R8G8B8A8_UNORM with transfer usage is not supported");
   /* Sub-rectangles need a granularity of 1 texel; (0,0,0) allows only
    * whole mip levels (minImageTransferGranularity). */
   VkQueueFamilyProperties families[32];
   uint32_t family_count = ARRAY_LENGTH(families);
   vkGetPhysicalDeviceQueueFamilyProperties(c->physical_device, &family_count, families);
   const VkExtent3D granularity = families[c->queue_family].minImageTransferGranularity;
   const bool sub_rectangles = granularity.width == 1 && granularity.height == 1 && granularity.depth == 1;

   const uint32_t width = 33, height = 17, row_length = 40, image_height = 20;
   /* On a queue without graphics or compute, bufferOffset must be a multiple
    * of 4 (VUID-vkCmdCopyBufferToImage-commandBuffer-07737). */
   const VkDeviceSize padded_offset = 16;
   const VkDeviceSize padded_size = padded_offset + (VkDeviceSize)row_length * image_height * 4;
   const VkDeviceSize tight_size = (VkDeviceSize)width * height * 4;
   struct buffer padded, tight;
   EXPECT_VK(c, buffer_create(c, padded_size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, HOST_VISIBLE_COHERENT, true, &padded));
   EXPECT_VK(c, buffer_create(c, tight_size, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &tight));
   fill_pattern(padded.data, padded_size, 80, 0);
   memset(tight.data, 0, tight_size);

   const VkImageCreateInfo image_info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = VK_IMAGE_TYPE_2D,
      .format = format,
      .extent = { width, height, 1 },
      .mipLevels = 1,
      .arrayLayers = 1,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
      .usage = usage,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
      .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
   };
   VkImage image;
   EXPECT_VK(c, vkCreateImage(c->device, &image_info, NULL, &image));
   VkMemoryRequirements r;
   vkGetImageMemoryRequirements(c->device, image, &r);
   VkDeviceMemory memory;
   const uint32_t image_type = ctx_memory_type(c, r.memoryTypeBits, 0);
   EXPECT_VK(c, image_requires_dedicated(c, image)
                   ? alloc_dedicated(c, r.size, image_type, VK_NULL_HANDLE, image, &memory)
                   : alloc_memory(c, r.size, image_type, &memory));
   EXPECT_VK(c, vkBindImageMemory(c->device, image, memory, 0));

   VkCommandPool pool;
   VkCommandBuffer commands;
   EXPECT_VK(c, commands_begin(c, &pool, &commands));
   image_barrier(commands, image, VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0,
                 VK_ACCESS_TRANSFER_WRITE_BIT);
   const VkBufferImageCopy upload = {
      .bufferOffset = padded_offset,
      .bufferRowLength = row_length,
      .bufferImageHeight = image_height,
      .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .imageExtent = { width, height, 1 },
   };
   vkCmdCopyBufferToImage(commands, padded.buffer, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &upload);
   image_barrier(commands, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                 VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_TRANSFER_READ_BIT);
   const VkBufferImageCopy readback = {
      .bufferOffset = 0,
      .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .imageExtent = { width, height, 1 },
   };
   vkCmdCopyImageToBuffer(commands, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, tight.buffer, 1, &readback);
   /* A sub-rectangle read back over the start of the tight buffer's second
    * half would make the comparison harder; read it into its own place. */
   struct buffer part;
   const uint32_t part_x = 3, part_y = 2, part_w = 10, part_h = 5;
   if (sub_rectangles) {
      EXPECT_VK(c, buffer_create(c, (VkDeviceSize)part_w * part_h * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                 HOST_VISIBLE_COHERENT, true, &part));
      const VkBufferImageCopy sub = {
         .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
         .imageOffset = { (int32_t)part_x, (int32_t)part_y, 0 },
         .imageExtent = { part_w, part_h, 1 },
      };
      vkCmdCopyImageToBuffer(commands, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, part.buffer, 1, &sub);
   }
   barrier(commands, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
   EXPECT_VK(c, vkEndCommandBuffer(commands));
   EXPECT_VK(c, submit_and_wait(c, commands));

   for (uint32_t y = 0; y < height; y++) {
      const uint64_t source = padded_offset + ((uint64_t)y * row_length) * 4;
      size_t bad = find_pattern_mismatch(tight.data + (size_t)y * width * 4, (size_t)width * 4, 80, source);
      EXPECT(c, bad == SIZE_MAX, "row %u, byte %zu: the readback does not match the padded upload", y, bad);
   }
   if (sub_rectangles) {
      for (uint32_t y = 0; y < part_h; y++) {
         const uint64_t source = padded_offset + ((uint64_t)(part_y + y) * row_length + part_x) * 4;
         size_t bad = find_pattern_mismatch(part.data + (size_t)y * part_w * 4, (size_t)part_w * 4, 80, source);
         EXPECT(c, bad == SIZE_MAX, "sub-rectangle row %u, byte %zu does not match", y, bad);
      }
   }
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &padded);
   buffer_destroy(c, &tight);
   if (sub_rectangles)
      buffer_destroy(c, &part);
   vkDestroyImage(c->device, image, NULL);
   vkFreeMemory(c->device, memory, NULL);
}

/* Fence signal operations "defined by vkQueueSubmit additionally include in
 * the first synchronization scope all commands that occur earlier in
 * submission order."  Many small submissions, each ordered after the previous
 * by a barrier, all complete, and the last writer wins. */
static void
transfer_many_submissions_complete_in_order(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   enum { SUBMISSIONS = 1000 };
   struct buffer b;
   EXPECT_VK(c, buffer_create(c, (SUBMISSIONS + 1) * 4, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT,
                              true, &b));
   memset(b.data, 0, (SUBMISSIONS + 1) * 4);
   const VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .queueFamilyIndex = c->queue_family,
   };
   VkCommandPool pool;
   EXPECT_VK(c, vkCreateCommandPool(c->device, &pool_info, NULL, &pool));
   VkCommandBuffer *commands = calloc(SUBMISSIONS, sizeof(*commands));
   EXPECT(c, commands != NULL, "out of host memory in the test");
   const VkCommandBufferAllocateInfo allocate_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = SUBMISSIONS,
   };
   EXPECT_VK(c, vkAllocateCommandBuffers(c->device, &allocate_info, commands));
   for (uint32_t i = 0; i < SUBMISSIONS; i++) {
      const VkCommandBufferBeginInfo begin = {
         .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
         .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
      };
      EXPECT_VK(c, vkBeginCommandBuffer(commands[i], &begin));
      /* Ordered after every earlier transfer write in submission order. */
      barrier(commands[i], VK_PIPELINE_STAGE_TRANSFER_BIT, VK_ACCESS_TRANSFER_WRITE_BIT);
      vkCmdFillBuffer(commands[i], b.buffer, 0, 4, i + 1);              /* the last writer wins */
      vkCmdFillBuffer(commands[i], b.buffer, 4 + (VkDeviceSize)i * 4, 4, i + 1); /* each its own word */
      if (i == SUBMISSIONS - 1)
         barrier(commands[i], VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
      EXPECT_VK(c, vkEndCommandBuffer(commands[i]));
   }
   const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   VkFence fence;
   EXPECT_VK(c, vkCreateFence(c->device, &fence_info, NULL, &fence));
   for (uint32_t i = 0; i < SUBMISSIONS; i++) {
      const VkSubmitInfo submit = {
         .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1, .pCommandBuffers = &commands[i] };
      EXPECT_VK(c, vkQueueSubmit(c->queue, 1, &submit, i == SUBMISSIONS - 1 ? fence : VK_NULL_HANDLE));
   }
   EXPECT_VK(c, vkWaitForFences(c->device, 1, &fence, VK_TRUE, UINT64_MAX));
   uint32_t word;
   memcpy(&word, b.data, 4);
   EXPECT(c, word == SUBMISSIONS, "the word every submission wrote holds %u, not the last submission's %u", word,
          (unsigned)SUBMISSIONS);
   for (uint32_t i = 0; i < SUBMISSIONS; i++) {
      memcpy(&word, b.data + 4 + i * 4, 4);
      EXPECT(c, word == i + 1, "submission %u's word holds %u when the last submission's fence signaled", i, word);
   }
   vkDestroyFence(c->device, fence, NULL);
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &b);
   free(commands);
}

/* vkGetEventStatus: "VK_EVENT_SET [:] The event specified by event is
 * signaled." "VK_EVENT_RESET [:] The event specified by event is
 * unsignaled."  An event is created unsignaled; vkSetEvent and vkResetEvent
 * on the host change it at once. */
static void
host_events_set_and_reset_from_the_host(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const VkEventCreateInfo info = { .sType = VK_STRUCTURE_TYPE_EVENT_CREATE_INFO };
   VkEvent event;
   EXPECT_VK(c, vkCreateEvent(c->device, &info, NULL, &event));
   VkResult status = vkGetEventStatus(c->device, event);
   EXPECT(c, status == VK_EVENT_RESET, "a new event's status is %s", vk_result_name(status));
   for (unsigned round = 0; round < 3; round++) {
      EXPECT_VK(c, vkSetEvent(c->device, event));
      status = vkGetEventStatus(c->device, event);
      EXPECT(c, status == VK_EVENT_SET, "after vkSetEvent the status is %s", vk_result_name(status));
      EXPECT_VK(c, vkSetEvent(c->device, event)); /* setting a set event is valid */
      EXPECT_VK(c, vkResetEvent(c->device, event));
      status = vkGetEventStatus(c->device, event);
      EXPECT(c, status == VK_EVENT_RESET, "after vkResetEvent the status is %s", vk_result_name(status));
   }
   vkDestroyEvent(c->device, event, NULL);
}

/* vkCmdWriteTimestamp: "When vkCmdWriteTimestamp is submitted to a queue, it
 * defines an execution dependency on commands that were submitted before it,
 * and writes a timestamp to a query pool."  "Any timestamp write that
 * happens-after another timestamp write in the same submission must not
 * have a lower value unless its value overflows the maximum supported
 * integer bit width of the query."  timestampValidBits: "The valid range for
 * the count is 36 to 64 bits, or a value of 0, indicating no support for
 * timestamps." */
static void
timestamps_on_one_queue_do_not_go_backwards(struct ctx *c)
{
   const struct ctx_options options = { .host_query_reset = true };
   if (!ctx_open(c, &options))
      return;
   VkQueueFamilyProperties families[32];
   uint32_t family_count = ARRAY_LENGTH(families);
   vkGetPhysicalDeviceQueueFamilyProperties(c->physical_device, &family_count, families);
   const uint32_t valid_bits = families[c->queue_family].timestampValidBits;
   if (valid_bits == 0)
      SKIP(c, "timestampValidBits is 0: the queue family does not support timestamps");
   EXPECT(c, valid_bits >= 36 && valid_bits <= 64, "timestampValidBits %u is not in 36..64", valid_bits);
   EXPECT(c, c->properties.limits.timestampPeriod > 0.0f, "timestampPeriod is not positive");

   const VkQueryPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO,
      .queryType = VK_QUERY_TYPE_TIMESTAMP,
      .queryCount = 2,
   };
   VkQueryPool queries;
   EXPECT_VK(c, vkCreateQueryPool(c->device, &pool_info, NULL, &queries));
   vkResetQueryPool(c->device, queries, 0, 2);
   struct buffer b;
   EXPECT_VK(c, buffer_create(c, 4 << 20, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &b));
   VkCommandPool pool;
   VkCommandBuffer commands;
   EXPECT_VK(c, commands_begin(c, &pool, &commands));
   vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, queries, 0);
   vkCmdFillBuffer(commands, b.buffer, 0, VK_WHOLE_SIZE, 0x5a5a5a5au);
   vkCmdWriteTimestamp(commands, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, queries, 1);
   EXPECT_VK(c, vkEndCommandBuffer(commands));
   EXPECT_VK(c, submit_and_wait(c, commands));
   uint64_t stamps[2] = { 0, 0 };
   EXPECT_VK(c, vkGetQueryPoolResults(c->device, queries, 0, 2, sizeof(stamps), stamps, sizeof(stamps[0]),
                                      VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT));
   const uint64_t mask = valid_bits == 64 ? UINT64_MAX : (UINT64_C(1) << valid_bits) - 1;
   EXPECT(c, (stamps[0] & ~mask) == 0 && (stamps[1] & ~mask) == 0,
          "timestamps 0x%" PRIx64 ", 0x%" PRIx64 " have bits beyond timestampValidBits %u", stamps[0], stamps[1],
          valid_bits);
   EXPECT(c, stamps[1] >= stamps[0], "the second timestamp %" PRIu64 " is before the first %" PRIu64, stamps[1],
          stamps[0]);
   snprintf(c->why, sizeof(c->why), "%.0f ns apart", (double)(stamps[1] - stamps[0]) * c->properties.limits.timestampPeriod);
   vkDestroyCommandPool(c->device, pool, NULL);
   vkDestroyQueryPool(c->device, queries, NULL);
   buffer_destroy(c, &b);
}

/* vkResetCommandBuffer: "The command buffer can be in any state other than
 * pending, and is moved into the initial state." -- what it recorded before
 * is gone, and it records anew (its pool was made with
 * VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT).  vkCmdExecuteCommands
 * (allowed on transfer queues) runs a secondary command buffer; a binary
 * semaphore orders the second batch after the first. */
static void
secondary_and_reset_command_buffers_run_what_they_recorded(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   struct buffer b;
   EXPECT_VK(c, buffer_create(c, 4096, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &b));
   memset(b.data, 0, 4096);
   const VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
      .queueFamilyIndex = c->queue_family,
   };
   VkCommandPool pool;
   EXPECT_VK(c, vkCreateCommandPool(c->device, &pool_info, NULL, &pool));
   VkCommandBuffer primary[2], secondary;
   const VkCommandBufferAllocateInfo primary_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = 2,
   };
   EXPECT_VK(c, vkAllocateCommandBuffers(c->device, &primary_info, primary));
   const VkCommandBufferAllocateInfo secondary_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = pool,
      .level = VK_COMMAND_BUFFER_LEVEL_SECONDARY,
      .commandBufferCount = 1,
   };
   EXPECT_VK(c, vkAllocateCommandBuffers(c->device, &secondary_info, &secondary));
   const VkCommandBufferInheritanceInfo inheritance = { .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_INHERITANCE_INFO };
   const VkCommandBufferBeginInfo secondary_begin = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
      .pInheritanceInfo = &inheritance,
   };
   EXPECT_VK(c, vkBeginCommandBuffer(secondary, &secondary_begin));
   vkCmdFillBuffer(secondary, b.buffer, 0, 1024, 0x11111111u);
   EXPECT_VK(c, vkEndCommandBuffer(secondary));

   const VkCommandBufferBeginInfo begin = { .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO };
   /* First recording of primary[0]: something the reset must discard. */
   EXPECT_VK(c, vkBeginCommandBuffer(primary[0], &begin));
   vkCmdFillBuffer(primary[0], b.buffer, 0, VK_WHOLE_SIZE, 0xdeadbeefu);
   EXPECT_VK(c, vkEndCommandBuffer(primary[0]));
   EXPECT_VK(c, vkResetCommandBuffer(primary[0], 0));
   EXPECT_VK(c, vkBeginCommandBuffer(primary[0], &begin));
   vkCmdExecuteCommands(primary[0], 1, &secondary);
   EXPECT_VK(c, vkEndCommandBuffer(primary[0]));

   EXPECT_VK(c, vkBeginCommandBuffer(primary[1], &begin));
   vkCmdFillBuffer(primary[1], b.buffer, 1024, 1024, 0x22222222u);
   /* After the first submission's fill (semaphore), overwrite part of it. */
   vkCmdFillBuffer(primary[1], b.buffer, 512, 256, 0x33333333u);
   barrier(primary[1], VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
   EXPECT_VK(c, vkEndCommandBuffer(primary[1]));

   const VkSemaphoreCreateInfo semaphore_info = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO };
   VkSemaphore between;
   EXPECT_VK(c, vkCreateSemaphore(c->device, &semaphore_info, NULL, &between));
   const VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_TRANSFER_BIT;
   const VkSubmitInfo submits[2] = {
      { .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1, .pCommandBuffers = &primary[0],
        .signalSemaphoreCount = 1, .pSignalSemaphores = &between },
      { .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .waitSemaphoreCount = 1, .pWaitSemaphores = &between,
        .pWaitDstStageMask = &wait_stage, .commandBufferCount = 1, .pCommandBuffers = &primary[1] },
   };
   const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   VkFence fence;
   EXPECT_VK(c, vkCreateFence(c->device, &fence_info, NULL, &fence));
   EXPECT_VK(c, vkQueueSubmit(c->queue, 2, submits, fence));
   EXPECT_VK(c, vkWaitForFences(c->device, 1, &fence, VK_TRUE, UINT64_MAX));
   for (size_t i = 0; i < 4096; i += 4) {
      uint32_t word, expected = i < 512 ? 0x11111111u : i < 768 ? 0x33333333u : i < 1024 ? 0x11111111u
                                     : i < 2048 ? 0x22222222u : 0;
      memcpy(&word, b.data + i, 4);
      EXPECT(c, word == expected, "word at byte %zu is 0x%08x, expected 0x%08x", i, word, expected);
   }
   vkDestroyFence(c->device, fence, NULL);
   vkDestroySemaphore(c->device, between, NULL);
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &b);
}

struct submitter {
   struct ctx *c;
   pthread_mutex_t *queue_lock;
   unsigned index;
   char error[256];
};

static void *
submitter_main(void *argument)
{
   struct submitter *s = argument;
   struct ctx *c = s->c;
   struct buffer b;
   VkResult r = buffer_create(c, 65536, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &b);
   if (r != VK_SUCCESS) {
      snprintf(s->error, sizeof(s->error), "creating the buffer: %s", vk_result_name(r));
      return NULL;
   }
   const VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT,
      .queueFamilyIndex = c->queue_family,
   };
   VkCommandPool pool;
   const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   VkFence fence;
   if (vkCreateCommandPool(c->device, &pool_info, NULL, &pool) != VK_SUCCESS ||
       vkCreateFence(c->device, &fence_info, NULL, &fence) != VK_SUCCESS) {
      snprintf(s->error, sizeof(s->error), "creating the pool or fence failed");
      return NULL;
   }
   for (unsigned round = 0; round < 100 && !s->error[0]; round++) {
      const uint32_t word = (s->index + 1) * 0x01000000u + round;
      /* Command pools are externally synchronized: this one is this
       * thread's.  Resetting it frees last round's command buffer's
       * resources (its submission has completed: the fence was waited). */
      vkResetCommandPool(c->device, pool, 0);
      const VkCommandBufferAllocateInfo allocate_info = {
         .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
         .commandPool = pool,
         .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
         .commandBufferCount = 1,
      };
      VkCommandBuffer commands;
      const VkCommandBufferBeginInfo begin = {
         .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
         .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
      };
      if (vkAllocateCommandBuffers(c->device, &allocate_info, &commands) != VK_SUCCESS ||
          vkBeginCommandBuffer(commands, &begin) != VK_SUCCESS) {
         snprintf(s->error, sizeof(s->error), "round %u: allocating or beginning a command buffer failed", round);
         break;
      }
      vkCmdFillBuffer(commands, b.buffer, 0, VK_WHOLE_SIZE, word);
      barrier(commands, VK_PIPELINE_STAGE_HOST_BIT, VK_ACCESS_HOST_READ_BIT);
      if (vkEndCommandBuffer(commands) != VK_SUCCESS) {
         snprintf(s->error, sizeof(s->error), "round %u: vkEndCommandBuffer failed", round);
         break;
      }
      const VkSubmitInfo submit = {
         .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1, .pCommandBuffers = &commands };
      /* The queue is externally synchronized: one submitter at a time. */
      pthread_mutex_lock(s->queue_lock);
      r = vkQueueSubmit(c->queue, 1, &submit, fence);
      pthread_mutex_unlock(s->queue_lock);
      if (r == VK_SUCCESS)
         r = vkWaitForFences(c->device, 1, &fence, VK_TRUE, UINT64_MAX);
      if (r == VK_SUCCESS)
         r = vkResetFences(c->device, 1, &fence);
      if (r != VK_SUCCESS) {
         snprintf(s->error, sizeof(s->error), "round %u: submit/wait returned %s", round, vk_result_name(r));
         break;
      }
      for (size_t i = 0; i < 65536; i += 4) {
         uint32_t got;
         memcpy(&got, b.data + i, 4);
         if (got != word) {
            snprintf(s->error, sizeof(s->error), "round %u: byte %zu holds 0x%08x, not this thread's 0x%08x",
                     round, i, got, word);
            break;
         }
      }
   }
   vkDestroyFence(c->device, fence, NULL);
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &b);
   return NULL;
}

/* Threading: command pools and queues are externally synchronized
 * parameters ("the application must ensure that no other commands using
 * the same object are executing at the same time"): two threads, each with
 * its own pool, record at the same time and take turns submitting to one
 * queue. */
static void
two_threads_record_in_own_pools_and_submit_to_one_queue(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
   struct submitter submitters[2];
   pthread_t threads[2];
   for (unsigned i = 0; i < 2; i++) {
      submitters[i] = (struct submitter){ .c = c, .queue_lock = &queue_lock, .index = i };
      EXPECT(c, pthread_create(&threads[i], NULL, submitter_main, &submitters[i]) == 0, "pthread_create failed");
   }
   for (unsigned i = 0; i < 2; i++)
      pthread_join(threads[i], NULL);
   for (unsigned i = 0; i < 2; i++)
      EXPECT(c, submitters[i].error[0] == '\0', "thread %u: %s", i, submitters[i].error);
}

/* vkCmdCopyBuffer2: "This command is functionally identical to
 * vkCmdCopyBuffer, but includes extensible sub-structures that include sType
 * and pNext parameters, allowing them to be more easily extended."  Recorded
 * with vkCmdPipelineBarrier2 and submitted with vkQueueSubmit2 (Vulkan 1.3,
 * the synchronization2 feature). */
static void
transfer_copy2_barrier2_and_submit2(struct ctx *c)
{
   const struct ctx_options options = { .synchronization2 = true };
   if (!ctx_open(c, &options))
      return;
   PFN_vkCmdCopyBuffer2 copy2 = DEVICE_PROC(c, vkCmdCopyBuffer2);
   PFN_vkCmdPipelineBarrier2 barrier2 = DEVICE_PROC(c, vkCmdPipelineBarrier2);
   PFN_vkQueueSubmit2 submit2 = DEVICE_PROC(c, vkQueueSubmit2);
   EXPECT(c, copy2 && barrier2 && submit2, "a Vulkan 1.3 command is NULL on a 1.3 device");
   const VkDeviceSize size = 65536 + 20;
   struct buffer src, dst;
   EXPECT_VK(c, buffer_create(c, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, HOST_VISIBLE_COHERENT, true, &src));
   EXPECT_VK(c, buffer_create(c, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT, HOST_VISIBLE_COHERENT, true, &dst));
   fill_pattern(src.data, size, 95, 0);
   memset(dst.data, 0, size);
   VkCommandPool pool;
   VkCommandBuffer commands;
   EXPECT_VK(c, commands_begin(c, &pool, &commands));
   const VkBufferCopy2 regions[2] = {
      { .sType = VK_STRUCTURE_TYPE_BUFFER_COPY_2, .srcOffset = 0, .dstOffset = size - 4096, .size = 4096 },
      { .sType = VK_STRUCTURE_TYPE_BUFFER_COPY_2, .srcOffset = 4096, .dstOffset = 0, .size = size - 4096 },
   };
   const VkCopyBufferInfo2 copy = {
      .sType = VK_STRUCTURE_TYPE_COPY_BUFFER_INFO_2,
      .srcBuffer = src.buffer,
      .dstBuffer = dst.buffer,
      .regionCount = 2,
      .pRegions = regions,
   };
   copy2(commands, &copy);
   const VkMemoryBarrier2 to_host = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER_2,
      .srcStageMask = VK_PIPELINE_STAGE_2_COPY_BIT,
      .srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT,
      .dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT,
      .dstAccessMask = VK_ACCESS_2_HOST_READ_BIT,
   };
   const VkDependencyInfo dependency = {
      .sType = VK_STRUCTURE_TYPE_DEPENDENCY_INFO,
      .memoryBarrierCount = 1,
      .pMemoryBarriers = &to_host,
   };
   barrier2(commands, &dependency);
   EXPECT_VK(c, vkEndCommandBuffer(commands));
   const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   VkFence fence;
   EXPECT_VK(c, vkCreateFence(c->device, &fence_info, NULL, &fence));
   const VkCommandBufferSubmitInfo command_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO, .commandBuffer = commands };
   const VkSubmitInfo2 submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO_2, .commandBufferInfoCount = 1, .pCommandBufferInfos = &command_info };
   EXPECT_VK(c, submit2(c->queue, 1, &submit, fence));
   EXPECT_VK(c, vkWaitForFences(c->device, 1, &fence, VK_TRUE, UINT64_MAX));
   size_t bad = find_pattern_mismatch(dst.data, (size_t)(size - 4096), 95, 4096);
   EXPECT(c, bad == SIZE_MAX, "byte %zu of the second region's destination is wrong", bad);
   bad = find_pattern_mismatch(dst.data + size - 4096, 4096, 95, 0);
   EXPECT(c, bad == SIZE_MAX, "byte %zu of the first region's destination is wrong", bad);
   vkDestroyFence(c->device, fence, NULL);
   vkDestroyCommandPool(c->device, pool, NULL);
   buffer_destroy(c, &src);
   buffer_destroy(c, &dst);
}

const struct check transfer_checks[] = {
   { "transfer_staging_upload_and_readback",
     "vkCmdCopyBuffer: \"Each source region specified by pRegions is copied from the source buffer to the "
     "destination region of the destination buffer.\"",
     transfer_staging_upload_and_readback },
   { "transfer_fill_and_update_buffer",
     "vkCmdFillBuffer: \"If VK_WHOLE_SIZE is used and the remaining size of the buffer is not a multiple of 4, "
     "then the nearest smaller multiple is used.\"; vkCmdUpdateBuffer: \"The source data is copied from the user "
     "pointer to the command buffer when the command is called.\"",
     transfer_fill_and_update_buffer },
   { "fence_wait_and_status_follow_submission",
     "vkWaitForFences: \"If timeout is zero, then vkWaitForFences does not wait, but simply returns the current "
     "state of the fences.\"; vkQueueSubmit with submitCount 0: the fence \"will become signaled when all work "
     "previously submitted to the queue has completed\"",
     fence_wait_and_status_follow_submission },
   { "timeline_semaphore_host_signal_releases_a_waiting_submission",
     "vkSignalSemaphore: \"it defines and immediately executes a semaphore signal operation which sets the "
     "timeline semaphore to the given value.\"",
     timeline_semaphore_host_signal_releases_a_waiting_submission },
   { "transfer_buffer_image_copies_honour_row_length",
     "VkBufferImageCopy: \"bufferRowLength and bufferImageHeight specify in texels a subregion of a larger two- or "
     "three-dimensional image in buffer memory, and control the addressing calculations.\"",
     transfer_buffer_image_copies_honour_row_length },
   { "transfer_many_submissions_complete_in_order",
     "Fence signal operations \"defined by vkQueueSubmit additionally include in the first synchronization scope "
     "all commands that occur earlier in submission order.\"",
     transfer_many_submissions_complete_in_order },
   { "host_events_set_and_reset_from_the_host",
     "vkGetEventStatus: VK_EVENT_SET \"The event specified by event is signaled.\", VK_EVENT_RESET \"The event "
     "specified by event is unsignaled.\"",
     host_events_set_and_reset_from_the_host },
   { "timestamps_on_one_queue_do_not_go_backwards",
     "vkCmdWriteTimestamp: \"Any timestamp write that happens-after another timestamp write in the same "
     "submission must not have a lower value unless its value overflows the maximum supported integer bit width "
     "of the query.\"",
     timestamps_on_one_queue_do_not_go_backwards },
   { "secondary_and_reset_command_buffers_run_what_they_recorded",
     "vkResetCommandBuffer: \"The command buffer can be in any state other than pending, and is moved into the "
     "initial state.\"; vkCmdExecuteCommands runs a secondary; a binary semaphore orders two batches",
     secondary_and_reset_command_buffers_run_what_they_recorded },
   { "two_threads_record_in_own_pools_and_submit_to_one_queue",
     "Threading: \"All commands support being called concurrently from multiple threads, but certain parameters, "
     "or components of parameters are defined to be externally synchronized.\" (pools, queues)",
     two_threads_record_in_own_pools_and_submit_to_one_queue },
   { "transfer_copy2_barrier2_and_submit2",
     "vkCmdCopyBuffer2: \"This command is functionally identical to vkCmdCopyBuffer, but includes extensible "
     "sub-structures\"; vkCmdPipelineBarrier2 and vkQueueSubmit2 (synchronization2)",
     transfer_copy2_barrier2_and_submit2 },
};
const size_t transfer_check_count = ARRAY_LENGTH(transfer_checks);
