#include "vk_test.h"

#include <stdarg.h>

void
vkt_fail(struct vkt *t, const char *file, int line, const char *format, ...)
{
   if (t->failed)
      return; /* keep the first reason */
   t->failed = true;
   int n = snprintf(t->why, sizeof(t->why), "%s:%d: ", file, line);
   va_list args;
   va_start(args, format);
   vsnprintf(t->why + n, sizeof(t->why) - (size_t)n, format, args);
   va_end(args);
}

void
vkt_fail_check(struct vkt *t, const char *file, int line, const char *condition, const char *format, ...)
{
   if (t->failed)
      return;
   char detail[256];
   va_list args;
   va_start(args, format);
   vsnprintf(detail, sizeof(detail), format, args);
   va_end(args);
   vkt_fail(t, file, line, "check failed: %s%s", condition, detail);
}

void
vkt_skip(struct vkt *t, const char *format, ...)
{
   t->skipped = true;
   va_list args;
   va_start(args, format);
   vsnprintf(t->why, sizeof(t->why), format, args);
   va_end(args);
}

VkResult
vkt_create(struct vkt *t, const struct vkt_options *options)
{
   static const struct vkt_options defaults = { 0 };
   if (options == NULL)
      options = &defaults;
   t->api_version = options->api_version ? options->api_version : VK_API_VERSION_1_4;
   t->allocator = options->allocator;

   const VkApplicationInfo app = {
      .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
      .pApplicationName = "memvk-test",
      .apiVersion = t->api_version,
   };
   const VkInstanceCreateInfo instance_info = {
      .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
      .pApplicationInfo = &app,
      .enabledExtensionCount = options->instance_extension_count,
      .ppEnabledExtensionNames = options->instance_extensions,
   };
   VkResult result = vkCreateInstance(&instance_info, options->allocator, &t->instance);
   if (result != VK_SUCCESS) {
      t->instance = VK_NULL_HANDLE;
      return result;
   }
   uint32_t count = 1;
   result = vkEnumeratePhysicalDevices(t->instance, &count, &t->physical_device);
   if (result < 0 || count == 0)
      return result < 0 ? result : VK_ERROR_INITIALIZATION_FAILED;
   if (options->no_device)
      return VK_SUCCESS;

   /* Queue family 0 is memvk's one family; for another driver pick the first
    * family with transfer support (graphics and compute imply it). */
   uint32_t family_count = 0;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &family_count, NULL);
   VkQueueFamilyProperties families[16];
   if (family_count > 16)
      family_count = 16;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &family_count, families);
   t->queue_family = 0;
   for (uint32_t i = 0; i < family_count; i++) {
      if (families[i].queueFlags & (VK_QUEUE_TRANSFER_BIT | VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT)) {
         t->queue_family = i;
         break;
      }
   }
   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = t->queue_family,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   const VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .pNext = options->device_create_pnext,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
      .enabledExtensionCount = options->device_extension_count,
      .ppEnabledExtensionNames = options->device_extensions,
   };
   result = vkCreateDevice(t->physical_device, &device_info, options->allocator, &t->device);
   if (result != VK_SUCCESS) {
      t->device = VK_NULL_HANDLE;
      return result;
   }
   vkGetDeviceQueue(t->device, t->queue_family, 0, &t->queue);
   return VK_SUCCESS;
}

void
vkt_destroy(struct vkt *t)
{
   if (t->device != VK_NULL_HANDLE)
      vkDestroyDevice(t->device, t->allocator);
   if (t->instance != VK_NULL_HANDLE)
      vkDestroyInstance(t->instance, t->allocator);
   t->device = VK_NULL_HANDLE;
   t->instance = VK_NULL_HANDLE;
}

uint32_t
vkt_find_memory_type(struct vkt *t, uint32_t type_bits, VkMemoryPropertyFlags flags)
{
   VkPhysicalDeviceMemoryProperties props;
   vkGetPhysicalDeviceMemoryProperties(t->physical_device, &props);
   for (uint32_t i = 0; i < props.memoryTypeCount; i++) {
      if ((type_bits & (1u << i)) && (props.memoryTypes[i].propertyFlags & flags) == flags)
         return i;
   }
   return UINT32_MAX;
}

VkDeviceMemory
vkt_allocate_memory(struct vkt *t, VkDeviceSize size, uint32_t type, const void *pnext)
{
   const VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .pNext = pnext,
      .allocationSize = size,
      .memoryTypeIndex = type,
   };
   VkDeviceMemory memory = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkAllocateMemory(t->device, &info, NULL, &memory));
   return memory;
}

bool
vkt_has_device_extension(struct vkt *t, const char *name)
{
   uint32_t count = 0;
   vkEnumerateDeviceExtensionProperties(t->physical_device, NULL, &count, NULL);
   VkExtensionProperties *props = calloc(count ? count : 1, sizeof(*props));
   vkEnumerateDeviceExtensionProperties(t->physical_device, NULL, &count, props);
   bool found = false;
   for (uint32_t i = 0; i < count && !found; i++)
      found = strcmp(props[i].extensionName, name) == 0;
   free(props);
   return found;
}

int
vkt_run(const struct vkt_test *tests, size_t count)
{
   unsigned passed = 0, failed = 0, skipped = 0;
   const char *only = getenv("VKT_ONLY"); /* run one test by name */
   for (size_t i = 0; i < count; i++) {
      if (only != NULL && strcmp(only, tests[i].name) != 0)
         continue;
      struct vkt t = { 0 };
      VkResult result = vkt_create(&t, &tests[i].options);
      if (result != VK_SUCCESS) {
         /* A missing optional extension is a skip, anything else a failure. */
         if (result == VK_ERROR_EXTENSION_NOT_PRESENT || result == VK_ERROR_FEATURE_NOT_PRESENT)
            vkt_skip(&t, "the driver lacks an extension or feature this test needs (VkResult %d)", result);
         else
            vkt_fail(&t, __FILE__, __LINE__, "setting up the instance/device failed: VkResult %d", result);
      } else {
         tests[i].run(&t);
      }
      vkt_destroy(&t);
      if (t.failed) {
         printf("FAIL %s: %s\n", tests[i].name, t.why);
         failed++;
      } else if (t.skipped) {
         printf("SKIP %s: %s\n", tests[i].name, t.why);
         skipped++;
      } else {
         printf("PASS %s\n", tests[i].name);
         passed++;
      }
      fflush(stdout);
   }
   printf("%u passed, %u failed, %u skipped\n", passed, failed, skipped);
   return failed ? 1 : 0;
}
