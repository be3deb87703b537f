/* memvk-demo: a small, real Vulkan program that moves memory.
 *
 * It does what a headless CI job of a Vulkan application does: pick the
 * device, allocate host-visible memory, map it, fill it, bind buffers, copy
 * on the transfer queue, wait on a fence and check the result.  It works on
 * any driver the loader finds; run it on memvk with
 *
 *     VK_DRIVER_FILES=build/icd/memvk_icd.build.json build/examples/memvk-demo
 *
 * With --validate it enables VK_LAYER_KHRONOS_validation and a debug
 * messenger, and fails if the layer reports any error. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vulkan/vulkan.h>

static unsigned validation_errors;

static VKAPI_ATTR VkBool32 VKAPI_CALL
on_debug_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity, VkDebugUtilsMessageTypeFlagsEXT types,
                 const VkDebugUtilsMessengerCallbackDataEXT *data, void *user)
{
   (void)types;
   (void)user;
   if (severity & VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
      validation_errors++;
      fprintf(stderr, "validation error: %s\n", data->pMessage);
   }
   return VK_FALSE;
}

#define TRY(expr)                                                                  \
   do {                                                                            \
      VkResult try_result_ = (expr);                                               \
      if (try_result_ != VK_SUCCESS) {                                             \
         fprintf(stderr, "memvk-demo: %s failed: VkResult %d\n", #expr, try_result_); \
         exit(1);                                                                  \
      }                                                                            \
   } while (0)

static double
now_us(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static uint32_t
find_memory_type(const VkPhysicalDeviceMemoryProperties *props, uint32_t bits, VkMemoryPropertyFlags flags)
{
   for (uint32_t i = 0; i < props->memoryTypeCount; i++) {
      if ((bits & (1u << i)) && (props->memoryTypes[i].propertyFlags & flags) == flags)
         return i;
   }
   fprintf(stderr, "memvk-demo: no memory type with flags 0x%x\n", flags);
   exit(1);
}

struct host_buffer {
   VkBuffer buffer;
   VkDeviceMemory memory;
   uint32_t *data;
};

static struct host_buffer
create_host_buffer(VkDevice device, const VkPhysicalDeviceMemoryProperties *mem_props, VkDeviceSize size,
                   VkBufferUsageFlags usage)
{
   struct host_buffer b;
   const VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = size,
      .usage = usage,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
   };
   TRY(vkCreateBuffer(device, &info, NULL, &b.buffer));
   VkMemoryRequirements req;
   vkGetBufferMemoryRequirements(device, b.buffer, &req);
   const VkMemoryAllocateInfo alloc = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = req.size,
      .memoryTypeIndex = find_memory_type(mem_props, req.memoryTypeBits,
                                          VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT),
   };
   TRY(vkAllocateMemory(device, &alloc, NULL, &b.memory));
   TRY(vkBindBufferMemory(device, b.buffer, b.memory, 0));
   TRY(vkMapMemory(device, b.memory, 0, VK_WHOLE_SIZE, 0, (void **)&b.data));
   return b;
}

static void
destroy_host_buffer(VkDevice device, struct host_buffer *b)
{
   vkDestroyBuffer(device, b->buffer, NULL);
   vkFreeMemory(device, b->memory, NULL); /* unmaps implicitly */
}

int
main(int argc, char **argv)
{
   const bool validate = argc > 1 && strcmp(argv[1], "--validate") == 0;
   const double start = now_us();

   /* The validation layer shipped with Debian 12 is 1.3.239, so under it the
    * demo asks for 1.3; otherwise for 1.4. */
   const VkApplicationInfo app = {
      .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
      .pApplicationName = "memvk-demo",
      .apiVersion = validate ? VK_API_VERSION_1_3 : VK_API_VERSION_1_4,
   };
   const char *layer = "VK_LAYER_KHRONOS_validation";
   const char *debug_ext = VK_EXT_DEBUG_UTILS_EXTENSION_NAME;
   const VkDebugUtilsMessengerCreateInfoEXT messenger_info = {
      .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
      .messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT,
      .messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT | VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT,
      .pfnUserCallback = on_debug_message,
   };
   const VkInstanceCreateInfo instance_info = {
      .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
      .pNext = validate ? &messenger_info : NULL,
      .pApplicationInfo = &app,
      .enabledLayerCount = validate ? 1 : 0,
      .ppEnabledLayerNames = &layer,
      .enabledExtensionCount = validate ? 1 : 0,
      .ppEnabledExtensionNames = &debug_ext,
   };
   VkInstance instance;
   TRY(vkCreateInstance(&instance_info, NULL, &instance));
   VkDebugUtilsMessengerEXT messenger = VK_NULL_HANDLE;
   if (validate) {
      PFN_vkCreateDebugUtilsMessengerEXT create_messenger =
         (PFN_vkCreateDebugUtilsMessengerEXT)vkGetInstanceProcAddr(instance, "vkCreateDebugUtilsMessengerEXT");
      TRY(create_messenger(instance, &messenger_info, NULL, &messenger));
   }

   uint32_t count = 1;
   VkPhysicalDevice pdev;
   VkResult result = vkEnumeratePhysicalDevices(instance, &count, &pdev);
   if ((result != VK_SUCCESS && result != VK_INCOMPLETE) || count == 0) {
      fprintf(stderr, "memvk-demo: no Vulkan device (is VK_DRIVER_FILES set?)\n");
      return 1;
   }
   VkPhysicalDeviceProperties props;
   vkGetPhysicalDeviceProperties(pdev, &props);
   VkPhysicalDeviceMemoryProperties mem_props;
   vkGetPhysicalDeviceMemoryProperties(pdev, &mem_props);
   printf("device:    %s (Vulkan %u.%u.%u)\n", props.deviceName, VK_API_VERSION_MAJOR(props.apiVersion),
          VK_API_VERSION_MINOR(props.apiVersion), VK_API_VERSION_PATCH(props.apiVersion));
   for (uint32_t i = 0; i < mem_props.memoryHeapCount; i++)
      printf("heap %u:    %.1f GiB%s\n", i, mem_props.memoryHeaps[i].size / 1073741824.0,
             (mem_props.memoryHeaps[i].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) ? ", device-local" : "");
   printf("minMemoryMapAlignment: %zu\n", props.limits.minMemoryMapAlignment);

   /* A queue family that can transfer (graphics and compute imply it). */
   VkQueueFamilyProperties families[16];
   uint32_t family_count = 16;
   vkGetPhysicalDeviceQueueFamilyProperties(pdev, &family_count, families);
   uint32_t family = UINT32_MAX;
   for (uint32_t i = 0; i < family_count && family == UINT32_MAX; i++) {
      if (families[i].queueFlags & (VK_QUEUE_TRANSFER_BIT | VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT))
         family = i;
   }
   if (family == UINT32_MAX) {
      fprintf(stderr, "memvk-demo: no transfer-capable queue family\n");
      return 1;
   }
   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = family,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   const VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
   };
   VkDevice device;
   TRY(vkCreateDevice(pdev, &device_info, NULL, &device));
   VkQueue queue;
   vkGetDeviceQueue(device, family, 0, &queue);
   printf("start-up:  %.0f us to a device\n", now_us() - start);

   /* Upload through a staging buffer, copy on the queue, read back. */
   const VkDeviceSize size = 64u << 20;
   const uint32_t words = (uint32_t)(size / sizeof(uint32_t));
   struct host_buffer staging = create_host_buffer(device, &mem_props, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT);
   struct host_buffer target = create_host_buffer(device, &mem_props, size, VK_BUFFER_USAGE_TRANSFER_DST_BIT);
   double t0 = now_us();
   for (uint32_t i = 0; i < words; i++)
      staging.data[i] = i * 2654435761u;
   printf("write:     %.0f MiB in %.1f ms (first touch)\n", size / 1048576.0, (now_us() - t0) / 1e3);

   VkCommandPool pool;
   const VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .queueFamilyIndex = family,
   };
   TRY(vkCreateCommandPool(device, &pool_info, NULL, &pool));
   VkCommandBuffer cmd;
   const VkCommandBufferAllocateInfo cmd_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = 1,
   };
   TRY(vkAllocateCommandBuffers(device, &cmd_info, &cmd));
   const VkCommandBufferBeginInfo begin = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
      .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
   };
   TRY(vkBeginCommandBuffer(cmd, &begin));
   const VkBufferCopy region = { .size = size };
   vkCmdCopyBuffer(cmd, staging.buffer, target.buffer, 1, &region);
   /* Make the copy's writes visible to the host before it reads. */
   const VkMemoryBarrier to_host = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
      .srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT,
      .dstAccessMask = VK_ACCESS_HOST_READ_BIT,
   };
   vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_HOST_BIT, 0, 1, &to_host, 0, NULL,
                        0, NULL);
   TRY(vkEndCommandBuffer(cmd));

   VkFence fence;
   const VkFenceCreateInfo fence_info = { .sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO };
   TRY(vkCreateFence(device, &fence_info, NULL, &fence));
   const VkSubmitInfo submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
      .commandBufferCount = 1,
      .pCommandBuffers = &cmd,
   };
   t0 = now_us();
   TRY(vkQueueSubmit(queue, 1, &submit, fence));
   TRY(vkWaitForFences(device, 1, &fence, VK_TRUE, UINT64_MAX));
   const double copy_us = now_us() - t0;
   printf("copy:      %.0f MiB on the queue in %.1f ms (%.1f GB/s)\n", size / 1048576.0, copy_us / 1e3,
          size / copy_us / 1e3);

   uint32_t mismatches = 0;
   for (uint32_t i = 0; i < words; i++)
      mismatches += target.data[i] != i * 2654435761u;
   printf("check:     %s\n", mismatches ? "MISMATCH" : "copied bytes are right");

   vkDestroyFence(device, fence, NULL);
   vkDestroyCommandPool(device, pool, NULL);
   destroy_host_buffer(device, &target);
   destroy_host_buffer(device, &staging);
   vkDestroyDevice(device, NULL);
   if (messenger != VK_NULL_HANDLE) {
      PFN_vkDestroyDebugUtilsMessengerEXT destroy_messenger =
         (PFN_vkDestroyDebugUtilsMessengerEXT)vkGetInstanceProcAddr(instance, "vkDestroyDebugUtilsMessengerEXT");
      destroy_messenger(instance, messenger, NULL);
   }
   vkDestroyInstance(instance, NULL);

   if (validate)
      printf("validation: %u errors\n", validation_errors);
   return mismatches == 0 && validation_errors == 0 ? 0 : 1;
}
