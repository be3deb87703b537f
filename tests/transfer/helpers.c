#include "helpers.h"

bool
tb_buffer_create(struct vkt *t, VkDeviceSize size, struct tb_buffer *out)
{
   *out = (struct tb_buffer){ .size = size };
   const VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = size,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
   };
   CHECK_SUCCESS(vkCreateBuffer(t->device, &info, NULL, &out->buffer));
   if (t->failed)
      return false;
   VkMemoryRequirements requirements;
   vkGetBufferMemoryRequirements(t->device, out->buffer, &requirements);
   const uint32_t type = vkt_find_memory_type(t, requirements.memoryTypeBits,
                                              VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
   CHECK(type != UINT32_MAX, "no host-visible coherent memory type for a buffer");
   if (t->failed)
      return false;
   const VkMemoryAllocateInfo allocate = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = requirements.size,
      .memoryTypeIndex = type,
   };
   CHECK_SUCCESS(vkAllocateMemory(t->device, &allocate, NULL, &out->memory));
   if (t->failed)
      return false;
   CHECK_SUCCESS(vkBindBufferMemory(t->device, out->buffer, out->memory, 0));
   void *map = NULL;
   CHECK_SUCCESS(vkMapMemory(t->device, out->memory, 0, VK_WHOLE_SIZE, 0, &map));
   out->map = map;
   return !t->failed;
}

void
tb_buffer_destroy(struct vkt *t, struct tb_buffer *buffer)
{
   vkDestroyBuffer(t->device, buffer->buffer, NULL);
   vkFreeMemory(t->device, buffer->memory, NULL);
   *buffer = (struct tb_buffer){ 0 };
}

bool
tb_format_transferable(struct vkt *t, VkFormat format)
{
   VkFormatProperties properties;
   vkGetPhysicalDeviceFormatProperties(t->physical_device, format, &properties);
   const VkFormatFeatureFlags needed = VK_FORMAT_FEATURE_TRANSFER_SRC_BIT | VK_FORMAT_FEATURE_TRANSFER_DST_BIT;
   return (properties.optimalTilingFeatures & needed) == needed;
}

bool
tb_image_create(struct vkt *t, VkImageType type, VkFormat format, VkExtent3D extent, uint32_t mip_levels,
                uint32_t array_layers, struct tb_image *out)
{
   *out = (struct tb_image){ 0 };
   const VkImageCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = type,
      .format = format,
      .extent = extent,
      .mipLevels = mip_levels,
      .arrayLayers = array_layers,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
      .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
      .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
   };
   CHECK_SUCCESS(vkCreateImage(t->device, &info, NULL, &out->image));
   if (t->failed)
      return false;
   VkMemoryRequirements requirements;
   vkGetImageMemoryRequirements(t->device, out->image, &requirements);
   const uint32_t memory_type = vkt_find_memory_type(t, requirements.memoryTypeBits, 0);
   CHECK(memory_type != UINT32_MAX, "no memory type for the image");
   if (t->failed)
      return false;
   const VkMemoryAllocateInfo allocate = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = requirements.size,
      .memoryTypeIndex = memory_type,
   };
   CHECK_SUCCESS(vkAllocateMemory(t->device, &allocate, NULL, &out->memory));
   if (t->failed)
      return false;
   CHECK_SUCCESS(vkBindImageMemory(t->device, out->image, out->memory, 0));
   return !t->failed;
}

void
tb_image_destroy(struct vkt *t, struct tb_image *image)
{
   vkDestroyImage(t->device, image->image, NULL);
   vkFreeMemory(t->device, image->memory, NULL);
   *image = (struct tb_image){ 0 };
}

void
tb_image_to_general(VkCommandBuffer cb, VkImage image, VkImageAspectFlags aspects)
{
   const VkImageMemoryBarrier barrier = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
      .dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
      .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
      .newLayout = VK_IMAGE_LAYOUT_GENERAL,
      .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
      .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
      .image = image,
      .subresourceRange = { aspects, 0, VK_REMAINING_MIP_LEVELS, 0, VK_REMAINING_ARRAY_LAYERS },
   };
   vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, NULL, 0, NULL, 1,
                        &barrier);
}

void
tb_transfer_barrier(VkCommandBuffer cb, VkAccessFlags dst_access)
{
   const VkMemoryBarrier barrier = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
      .srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT,
      .dstAccessMask = dst_access,
   };
   vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &barrier, 0, NULL, 0,
                        NULL);
}

bool
tb_commands_begin(struct vkt *t, struct tb_commands *out)
{
   *out = (struct tb_commands){ 0 };
   const VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT,
      .queueFamilyIndex = t->queue_family,
   };
   CHECK_SUCCESS(vkCreateCommandPool(t->device, &pool_info, NULL, &out->pool));
   if (t->failed)
      return false;
   const VkCommandBufferAllocateInfo allocate = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = out->pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = 1,
   };
   CHECK_SUCCESS(vkAllocateCommandBuffers(t->device, &allocate, &out->cb));
   const VkCommandBufferBeginInfo begin = { .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO };
   CHECK_SUCCESS(vkBeginCommandBuffer(out->cb, &begin));
   return !t->failed;
}

VkResult
tb_submit(struct vkt *t, VkCommandBuffer cb, VkFence fence)
{
   const VkSubmitInfo submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
      .commandBufferCount = cb != VK_NULL_HANDLE ? 1 : 0,
      .pCommandBuffers = &cb,
   };
   return vkQueueSubmit(t->queue, 1, &submit, fence);
}

bool
tb_commands_submit_and_wait(struct vkt *t, struct tb_commands *commands)
{
   CHECK_SUCCESS(vkEndCommandBuffer(commands->cb));
   VkFence fence = tb_fence(t, false);
   CHECK_SUCCESS(tb_submit(t, commands->cb, fence));
   CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
   vkDestroyFence(t->device, fence, NULL);
   return !t->failed;
}

void
tb_commands_destroy(struct vkt *t, struct tb_commands *commands)
{
   vkDestroyCommandPool(t->device, commands->pool, NULL);
   *commands = (struct tb_commands){ 0 };
}

VkFence
tb_fence(struct vkt *t, bool signaled)
{
   const VkFenceCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO,
      .flags = signaled ? VK_FENCE_CREATE_SIGNALED_BIT : 0,
   };
   VkFence fence = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateFence(t->device, &info, NULL, &fence));
   return fence;
}

VkSemaphore
tb_timeline(struct vkt *t, uint64_t initial_value)
{
   const VkSemaphoreTypeCreateInfo type = {
      .sType = VK_STRUCTURE_TYPE_SEMAPHORE_TYPE_CREATE_INFO,
      .semaphoreType = VK_SEMAPHORE_TYPE_TIMELINE,
      .initialValue = initial_value,
   };
   const VkSemaphoreCreateInfo info = { .sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO, .pNext = &type };
   VkSemaphore semaphore = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateSemaphore(t->device, &info, NULL, &semaphore));
   return semaphore;
}

void
tb_pattern(uint8_t *bytes, size_t size, uint32_t seed)
{
   uint32_t state = seed * 2654435761u + 12345u;
   for (size_t i = 0; i < size; i++) {
      state = state * 1103515245u + 12345u;
      bytes[i] = (uint8_t)(state >> 16);
   }
}
