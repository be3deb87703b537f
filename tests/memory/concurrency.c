/* The queue's worker threads and the application's maps on one memory
 * object at once, through the loader. */
#include "memory_test.h"

static VkPhysicalDeviceMapMemoryPlacedFeaturesEXT placed_features = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_FEATURES_EXT,
   .memoryMapPlaced = VK_TRUE,
   .memoryMapRangePlaced = VK_TRUE,
};
static const char *const placed_extensions[] = { "VK_KHR_map_memory2", "VK_EXT_map_memory_placed" };

static VkBuffer
bound_buffer(struct vkt *t, VkDeviceMemory memory, VkDeviceSize offset, VkDeviceSize size)
{
   const VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO, .size = size,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
   };
   VkBuffer buffer = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateBuffer(t->device, &info, NULL, &buffer));
   CHECK_SUCCESS(vkBindBufferMemory(t->device, buffer, memory, offset));
   return buffer;
}

/* "Host access to memory must be externally synchronized" covers map and
 * unmap of one object, not the device's use of it: a copy the queue runs
 * while the application places the same memory for the first time (when
 * memvk moves the bytes to a shareable home) must land in the memory, and
 * the placed map must show it. */
static void
test_device_copy_survives_placing_the_memory_meanwhile(struct vkt *t)
{
   const size_t page = (size_t)sysconf(_SC_PAGESIZE);
   const VkDeviceSize half = 32 * page;
   const VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO, .queueFamilyIndex = t->queue_family,
   };
   VkCommandPool pool;
   CHECK_SUCCESS(vkCreateCommandPool(t->device, &pool_info, NULL, &pool));
   const VkCommandBufferAllocateInfo cb_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO, .commandPool = pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY, .commandBufferCount = 1,
   };
   VkCommandBuffer cb;
   CHECK_SUCCESS(vkAllocateCommandBuffers(t->device, &cb_info, &cb));
   const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   VkFence fence;
   CHECK_SUCCESS(vkCreateFence(t->device, &fence_info, NULL, &fence));
   PFN_vkMapMemory2KHR map2 = VKT_DEVICE_PROC(t, vkMapMemory2KHR);
   for (int round = 0; round < 40 && !t->failed; round++) {
      /* A fresh target each round: freeing placed memory unmaps its target. */
      uint8_t *target = mmap(NULL, 2 * half, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      VkDeviceMemory memory = mt_allocate(t, 2 * half, mt_host_type(t));
      VkBuffer src = bound_buffer(t, memory, 0, half);
      VkBuffer dst = bound_buffer(t, memory, half, half);
      uint8_t *p;
      CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
      for (VkDeviceSize i = 0; i < half; i++)
         p[i] = (uint8_t)(i * 13 + (VkDeviceSize)round);
      memset(p + half, 0, half);
      vkUnmapMemory(t->device, memory);

      const VkCommandBufferBeginInfo begin = {
         .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
         .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
      };
      CHECK_SUCCESS(vkBeginCommandBuffer(cb, &begin));
      const VkBufferCopy region = { .size = half };
      for (int k = 0; k < 8; k++)
         vkCmdCopyBuffer(cb, src, dst, 1, &region);
      CHECK_SUCCESS(vkEndCommandBuffer(cb));
      const VkSubmitInfo submit = {
         .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1, .pCommandBuffers = &cb,
      };
      CHECK_SUCCESS(vkQueueSubmit(t->queue, 1, &submit, fence));

      const VkMemoryMapPlacedInfoEXT placed = {
         .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_PLACED_INFO_EXT, .pPlacedAddress = target,
      };
      const VkMemoryMapInfo info = {
         .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO, .pNext = &placed,
         .flags = VK_MEMORY_MAP_PLACED_BIT_EXT, .memory = memory, .size = VK_WHOLE_SIZE,
      };
      CHECK_SUCCESS(map2(t->device, &info, (void **)&p));
      CHECK_SUCCESS(vkWaitForFences(t->device, 1, &fence, VK_TRUE, UINT64_MAX));
      CHECK_SUCCESS(vkResetFences(t->device, 1, &fence));
      for (VkDeviceSize i = 0; i < half && !t->failed; i++)
         CHECK(p[half + i] == (uint8_t)(i * 13 + (VkDeviceSize)round), "round %d: byte %zu of the copy",
               round, (size_t)i);
      vkDestroyBuffer(t->device, src, NULL);
      vkDestroyBuffer(t->device, dst, NULL);
      vkFreeMemory(t->device, memory, NULL);
   }
   vkDestroyFence(t->device, fence, NULL);
   vkDestroyCommandPool(t->device, pool, NULL);
}

static const struct vkt_test tests[] = {
   { "device_copy_survives_placing_the_memory_meanwhile",
     test_device_copy_survives_placing_the_memory_meanwhile,
     { .device_extensions = placed_extensions, .device_extension_count = 2,
       .device_create_pnext = &placed_features } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
