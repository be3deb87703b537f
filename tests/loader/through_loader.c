/* memvk as applications see it through the real Vulkan loader. */
#include "vk_test.h"

static void
test_loader_finds_one_cpu_device_at_1_4(struct vkt *t)
{
   uint32_t count = 0;
   CHECK_SUCCESS(vkEnumeratePhysicalDevices(t->instance, &count, NULL));
   CHECK(count == 1, "(memvk offers one physical device)");
   VkPhysicalDeviceProperties props;
   vkGetPhysicalDeviceProperties(t->physical_device, &props);
   CHECK(props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU);
   CHECK(VK_API_VERSION_MAJOR(props.apiVersion) == 1 && VK_API_VERSION_MINOR(props.apiVersion) == 4);
   CHECK(strstr(props.deviceName, "memvk") != NULL, "(deviceName is %s)", props.deviceName);
}

static void
test_create_device_rejects_unknown_extension(struct vkt *t)
{
   /* "If any of the extensions ... are not supported,
    * VK_ERROR_EXTENSION_NOT_PRESENT". */
   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   const char *ext = "VK_KHR_swapchain";
   const VkDeviceCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
      .enabledExtensionCount = 1,
      .ppEnabledExtensionNames = &ext,
   };
   VkDevice device = VK_NULL_HANDLE;
   CHECK_RESULT(vkCreateDevice(t->physical_device, &info, NULL, &device), VK_ERROR_EXTENSION_NOT_PRESENT);
}

static void
test_create_device_rejects_unsupported_feature(struct vkt *t)
{
   /* "If any of the features requested ... are not supported,
    * VK_ERROR_FEATURE_NOT_PRESENT".  memvk offers no sparse binding. */
   VkPhysicalDeviceFeatures supported;
   vkGetPhysicalDeviceFeatures(t->physical_device, &supported);
   CHECK(!supported.sparseBinding);
   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   VkPhysicalDeviceFeatures2 features = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
      .features.sparseBinding = VK_TRUE,
   };
   const VkDeviceCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .pNext = &features,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
   };
   VkDevice device = VK_NULL_HANDLE;
   CHECK_RESULT(vkCreateDevice(t->physical_device, &info, NULL, &device), VK_ERROR_FEATURE_NOT_PRESENT);
   const VkDeviceCreateInfo info_1_0 = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
      .pEnabledFeatures = &features.features,
   };
   CHECK_RESULT(vkCreateDevice(t->physical_device, &info_1_0, NULL, &device), VK_ERROR_FEATURE_NOT_PRESENT);
}

static void
test_queues_are_distinct_and_flag_matched(struct vkt *t)
{
   uint32_t count = 0;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &count, NULL);
   CHECK(count == 1, "(memvk has one queue family)");
   VkQueueFamilyProperties family;
   count = 1;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &count, &family);
   CHECK(family.queueFlags == VK_QUEUE_TRANSFER_BIT, "(a transfer-only family)");
   CHECK(family.queueCount >= 2);

   const float priorities[2] = { 1.0f, 0.5f };
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueCount = 2,
      .pQueuePriorities = priorities,
   };
   const VkDeviceCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
   };
   VkDevice device;
   CHECK_SUCCESS(vkCreateDevice(t->physical_device, &info, NULL, &device));
   if (t->failed)
      return;
   VkQueue q0, q1, q0_again, q_protected = (VkQueue)1;
   vkGetDeviceQueue(device, 0, 0, &q0);
   vkGetDeviceQueue(device, 0, 1, &q1);
   vkGetDeviceQueue(device, 0, 0, &q0_again);
   CHECK(q0 != VK_NULL_HANDLE && q1 != VK_NULL_HANDLE && q0 != q1);
   CHECK(q0 == q0_again, "(the same queue each time)");
   /* "If no matching flags were specified at device creation time, then the
    * handle returned in pQueue must be NULL". */
   const VkDeviceQueueInfo2 info2 = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_INFO_2,
      .flags = VK_DEVICE_QUEUE_CREATE_PROTECTED_BIT,
      .queueFamilyIndex = 0,
      .queueIndex = 0,
   };
   vkGetDeviceQueue2(device, &info2, &q_protected);
   CHECK(q_protected == VK_NULL_HANDLE);
   const VkDeviceQueueInfo2 info2_plain = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_INFO_2,
      .queueFamilyIndex = 0,
      .queueIndex = 1,
   };
   VkQueue q1_again;
   vkGetDeviceQueue2(device, &info2_plain, &q1_again);
   CHECK(q1_again == q1);
   vkDestroyDevice(device, NULL);
}

static void
test_private_data_round_trip(struct vkt *t)
{
   VkPrivateDataSlot slot;
   const VkPrivateDataSlotCreateInfo info = { .sType = VK_STRUCTURE_TYPE_PRIVATE_DATA_SLOT_CREATE_INFO };
   CHECK_SUCCESS(vkCreatePrivateDataSlot(t->device, &info, NULL, &slot));
   if (t->failed)
      return;
   uint64_t value = 99;
   /* "If no data was previously set ... pData will be set to zero". */
   vkGetPrivateData(t->device, VK_OBJECT_TYPE_DEVICE, (uint64_t)(uintptr_t)t->device, slot, &value);
   CHECK(value == 0);
   /* Many objects, so the slot's table grows. */
   for (uint64_t i = 1; i <= 1000; i++)
      CHECK_SUCCESS(vkSetPrivateData(t->device, VK_OBJECT_TYPE_BUFFER, i * 64, slot, i * 3));
   CHECK_SUCCESS(vkSetPrivateData(t->device, VK_OBJECT_TYPE_DEVICE, (uint64_t)(uintptr_t)t->device, slot, 42));
   vkGetPrivateData(t->device, VK_OBJECT_TYPE_DEVICE, (uint64_t)(uintptr_t)t->device, slot, &value);
   CHECK(value == 42);
   for (uint64_t i = 1; i <= 1000; i++) {
      vkGetPrivateData(t->device, VK_OBJECT_TYPE_BUFFER, i * 64, slot, &value);
      CHECK(value == i * 3);
   }
   vkDestroyPrivateDataSlot(t->device, slot, NULL);
}

static void
test_device_wait_idle_on_idle_device(struct vkt *t)
{
   CHECK_SUCCESS(vkDeviceWaitIdle(t->device));
   CHECK_SUCCESS(vkQueueWaitIdle(t->queue));
}

static const struct vkt_test tests[] = {
   { "loader_finds_one_cpu_device_at_1_4", test_loader_finds_one_cpu_device_at_1_4, { .no_device = true } },
   { "create_device_rejects_unknown_extension", test_create_device_rejects_unknown_extension, { .no_device = true } },
   { "create_device_rejects_unsupported_feature", test_create_device_rejects_unsupported_feature, { .no_device = true } },
   { "queues_are_distinct_and_flag_matched", test_queues_are_distinct_and_flag_matched, { .no_device = true } },
   { "private_data_round_trip", test_private_data_round_trip, { 0 } },
   { "device_wait_idle_on_idle_device", test_device_wait_idle_on_idle_device, { 0 } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
