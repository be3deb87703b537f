/* Buffers: memory requirements, binding, device addresses. */
#include "resources_test.h"

static VkBuffer
make_buffer(struct vkt *t, VkDeviceSize size, VkBufferUsageFlags usage, VkBufferCreateFlags flags,
            const void *pnext)
{
   const VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .pNext = pnext,
      .flags = flags,
      .size = size,
      .usage = usage,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
   };
   VkBuffer buffer = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateBuffer(t->device, &info, NULL, &buffer));
   return buffer;
}

static const VkDeviceSize sizes[] = { 1, 3, 63, 64, 65, 1000, 4096, 65537, 1u << 24 };
#define ALL_TRANSFER (VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT)

/* "The memoryTypeBits member is identical for all VkBuffer objects created
 * with the same value for the flags and usage members"; memvk: size rounded
 * up to MEMVK_RESOURCE_ALIGNMENT (64), alignment 64, the host-visible type
 * only (lazily allocated memory is for transient images). */
static void
test_buffer_requirements_are_size_rounded_to_alignment(struct vkt *t)
{
   VkPhysicalDeviceMemoryProperties props;
   vkGetPhysicalDeviceMemoryProperties(t->physical_device, &props);
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(sizes) && !t->failed; i++) {
      VkBuffer buffer = make_buffer(t, sizes[i], ALL_TRANSFER, 0, NULL);
      VkMemoryRequirements req;
      vkGetBufferMemoryRequirements(t->device, buffer, &req);
      CHECK(rt_is_power_of_two(req.alignment), "alignment %" PRIu64, req.alignment);
      CHECK(req.alignment == 64, "alignment %" PRIu64, req.alignment);
      CHECK(req.size == rt_align(sizes[i], 64), "size %" PRIu64 " for a buffer of %" PRIu64, req.size, sizes[i]);
      CHECK(req.memoryTypeBits != 0);
      for (uint32_t type = 0; type < props.memoryTypeCount; type++) {
         if (!(req.memoryTypeBits & (1u << type)))
            continue;
         const VkMemoryPropertyFlags flags = props.memoryTypes[type].propertyFlags;
         CHECK(flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT, "type %u", type);
         CHECK(!(flags & VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT), "buffers must not get lazy type %u", type);
      }
      vkDestroyBuffer(t->device, buffer, NULL);
   }
}

static void
test_buffer_needs_no_dedicated_allocation(struct vkt *t)
{
   VkBuffer buffer = make_buffer(t, 100000, ALL_TRANSFER, 0, NULL);
   VkMemoryDedicatedRequirements dedicated = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS,
      .prefersDedicatedAllocation = VK_TRUE,
      .requiresDedicatedAllocation = VK_TRUE,
   };
   VkMemoryRequirements2 req = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, .pNext = &dedicated };
   const VkBufferMemoryRequirementsInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2,
      .buffer = buffer,
   };
   vkGetBufferMemoryRequirements2(t->device, &info, &req);
   CHECK(dedicated.prefersDedicatedAllocation == VK_FALSE);
   CHECK(dedicated.requiresDedicatedAllocation == VK_FALSE);
   VkMemoryRequirements req1;
   vkGetBufferMemoryRequirements(t->device, buffer, &req1);
   CHECK(rt_same_requirements(&req1, &req.memoryRequirements), "the 1.0 and 1.1 queries differ");
   vkDestroyBuffer(t->device, buffer, NULL);
}

/* vkGetDeviceBufferMemoryRequirements: "the same" requirements as a buffer
 * created from the same VkBufferCreateInfo. */
static void
test_device_buffer_requirements_equal_object_ones(struct vkt *t)
{
   static const VkBufferUsageFlags usages[] = {
      VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
      VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
      VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
   };
   for (size_t u = 0; u < VKT_ARRAY_LENGTH(usages); u++) {
      for (size_t i = 0; i < VKT_ARRAY_LENGTH(sizes) && !t->failed; i++) {
         const VkBufferCreateInfo info = {
            .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
            .size = sizes[i],
            .usage = usages[u],
         };
         VkBuffer buffer;
         CHECK_SUCCESS(vkCreateBuffer(t->device, &info, NULL, &buffer));
         VkMemoryRequirements object;
         vkGetBufferMemoryRequirements(t->device, buffer, &object);
         const VkDeviceBufferMemoryRequirements device_info = {
            .sType = VK_STRUCTURE_TYPE_DEVICE_BUFFER_MEMORY_REQUIREMENTS,
            .pCreateInfo = &info,
         };
         VkMemoryRequirements2 device_req = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2 };
         vkGetDeviceBufferMemoryRequirements(t->device, &device_info, &device_req);
         CHECK(rt_same_requirements(&object, &device_req.memoryRequirements),
               "size %" PRIu64 ": object %" PRIu64 "/%" PRIu64 "/0x%x, device %" PRIu64 "/%" PRIu64 "/0x%x",
               sizes[i], object.size, object.alignment, object.memoryTypeBits,
               device_req.memoryRequirements.size, device_req.memoryRequirements.alignment,
               device_req.memoryRequirements.memoryTypeBits);
         vkDestroyBuffer(t->device, buffer, NULL);
      }
   }
}

/* maintenance5: VkBufferUsageFlags2CreateInfo replaces usage, which may
 * then be 0; the buffer is as usable as any other. */
static void
test_usage2_replaces_usage(struct vkt *t)
{
   const VkBufferUsageFlags2CreateInfo usage2 = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_USAGE_FLAGS_2_CREATE_INFO,
      .usage = VK_BUFFER_USAGE_2_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_2_TRANSFER_DST_BIT,
   };
   VkBuffer buffer = make_buffer(t, 256, 0, 0, &usage2);
   VkMemoryRequirements req;
   vkGetBufferMemoryRequirements(t->device, buffer, &req);
   CHECK(req.size == 256);
   VkDeviceMemory memory = rt_allocate(t, req.size, req.memoryTypeBits, 0, NULL);
   CHECK_SUCCESS(vkBindBufferMemory(t->device, buffer, memory, 0));
   vkDestroyBuffer(t->device, buffer, NULL);
   vkFreeMemory(t->device, memory, NULL);
}

/* "vkGetBufferDeviceAddress ... The returned address must satisfy the
 * alignment requirement specified by VkMemoryRequirements::alignment for
 * the buffer"; two buffers bound to one memory lie as far apart as their
 * offsets. */
static void
test_device_address_follows_bind_offset(struct vkt *t)
{
   const VkBufferUsageFlags usage = VK_BUFFER_USAGE_SHADER_DEVICE_ADDRESS_BIT | ALL_TRANSFER;
   VkBuffer a = make_buffer(t, 1000, usage, 0, NULL);
   VkBuffer b = make_buffer(t, 1000, usage, 0, NULL);
   VkMemoryRequirements req;
   vkGetBufferMemoryRequirements(t->device, a, &req);
   const VkMemoryAllocateFlagsInfo flags = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO,
      .flags = VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT,
   };
   VkDeviceMemory memory = rt_allocate(t, 8192, req.memoryTypeBits, 0, &flags);
   CHECK_SUCCESS(vkBindBufferMemory(t->device, a, memory, 0));
   CHECK_SUCCESS(vkBindBufferMemory(t->device, b, memory, 4096));
   VkBufferDeviceAddressInfo info = { .sType = VK_STRUCTURE_TYPE_BUFFER_DEVICE_ADDRESS_INFO, .buffer = a };
   const VkDeviceAddress address_a = vkGetBufferDeviceAddress(t->device, &info);
   info.buffer = b;
   const VkDeviceAddress address_b = vkGetBufferDeviceAddress(t->device, &info);
   CHECK(address_a != 0);
   CHECK(address_a % req.alignment == 0, "address 0x%" PRIx64, address_a);
   CHECK(address_b == address_a + 4096, "a 0x%" PRIx64 " b 0x%" PRIx64, address_a, address_b);
   vkDestroyBuffer(t->device, a, NULL);
   vkDestroyBuffer(t->device, b, NULL);
   vkFreeMemory(t->device, memory, NULL);
}

/* Capture and replay: the buffer's opaque address is what it was created
 * with, and a replayed memory object at its captured address gives a
 * buffer bound at the same offset the same device address. */
static void
test_capture_replay_reproduces_buffer_address(struct vkt *t)
{
   const VkBufferUsageFlags usage = VK_BUFFER_USAGE_SHADER_DEVICE_ADDRESS_BIT | ALL_TRANSFER;
   const VkMemoryAllocateFlagsInfo capture_flags = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_FLAGS_INFO,
      .flags = VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT | VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT,
   };

   /* Capture. */
   VkBuffer buffer = make_buffer(t, 512, usage, VK_BUFFER_CREATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT, NULL);
   VkMemoryRequirements req;
   vkGetBufferMemoryRequirements(t->device, buffer, &req);
   VkDeviceMemory memory = rt_allocate(t, 4096, req.memoryTypeBits, 0, &capture_flags);
   CHECK_SUCCESS(vkBindBufferMemory(t->device, buffer, memory, 256));
   VkBufferDeviceAddressInfo info = { .sType = VK_STRUCTURE_TYPE_BUFFER_DEVICE_ADDRESS_INFO, .buffer = buffer };
   const VkDeviceAddress captured = vkGetBufferDeviceAddress(t->device, &info);
   const uint64_t buffer_capture = vkGetBufferOpaqueCaptureAddress(t->device, &info);
   const VkDeviceMemoryOpaqueCaptureAddressInfo memory_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_MEMORY_OPAQUE_CAPTURE_ADDRESS_INFO,
      .memory = memory,
   };
   const uint64_t memory_capture = vkGetDeviceMemoryOpaqueCaptureAddress(t->device, &memory_info);
   vkDestroyBuffer(t->device, buffer, NULL);
   vkFreeMemory(t->device, memory, NULL);

   /* Replay. */
   const VkBufferOpaqueCaptureAddressCreateInfo buffer_replay = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_OPAQUE_CAPTURE_ADDRESS_CREATE_INFO,
      .opaqueCaptureAddress = buffer_capture,
   };
   buffer = make_buffer(t, 512, usage, VK_BUFFER_CREATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT, &buffer_replay);
   info.buffer = buffer;
   CHECK(vkGetBufferOpaqueCaptureAddress(t->device, &info) == buffer_capture,
         "\"If the buffer was created with a non-zero value of opaqueCaptureAddress the return value must be the same address\"");
   const VkMemoryOpaqueCaptureAddressAllocateInfo memory_replay = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_OPAQUE_CAPTURE_ADDRESS_ALLOCATE_INFO,
      .pNext = &capture_flags,
      .opaqueCaptureAddress = memory_capture,
   };
   memory = rt_allocate(t, 4096, req.memoryTypeBits, 0, &memory_replay);
   CHECK_SUCCESS(vkBindBufferMemory(t->device, buffer, memory, 256));
   CHECK(vkGetBufferDeviceAddress(t->device, &info) == captured, "replayed 0x%" PRIx64 ", captured 0x%" PRIx64,
         vkGetBufferDeviceAddress(t->device, &info), captured);
   vkDestroyBuffer(t->device, buffer, NULL);
   vkFreeMemory(t->device, memory, NULL);
}

/* maintenance6: "VkBindMemoryStatus ... pResult is a pointer to a VkResult
 * value", written for each bind of a vkBindBufferMemory2 call. */
static void
test_bind2_writes_each_bind_status(struct vkt *t)
{
   enum { COUNT = 3 };
   VkBuffer buffers[COUNT];
   VkResult results[COUNT];
   VkBindMemoryStatus status[COUNT];
   VkBindBufferMemoryInfo binds[COUNT];
   VkMemoryRequirements req;
   for (int i = 0; i < COUNT; i++)
      buffers[i] = make_buffer(t, 100, ALL_TRANSFER, 0, NULL);
   vkGetBufferMemoryRequirements(t->device, buffers[0], &req);
   VkDeviceMemory memory = rt_allocate(t, COUNT * req.size, req.memoryTypeBits, 0, NULL);
   for (int i = 0; i < COUNT; i++) {
      results[i] = VK_ERROR_UNKNOWN;
      status[i] = (VkBindMemoryStatus){ .sType = VK_STRUCTURE_TYPE_BIND_MEMORY_STATUS, .pResult = &results[i] };
      binds[i] = (VkBindBufferMemoryInfo){
         .sType = VK_STRUCTURE_TYPE_BIND_BUFFER_MEMORY_INFO,
         .pNext = &status[i],
         .buffer = buffers[i],
         .memory = memory,
         .memoryOffset = (VkDeviceSize)i * req.size,
      };
   }
   CHECK_SUCCESS(vkBindBufferMemory2(t->device, COUNT, binds));
   for (int i = 0; i < COUNT; i++) {
      CHECK(results[i] == VK_SUCCESS, "bind %d: pResult %d", i, results[i]);
      vkDestroyBuffer(t->device, buffers[i], NULL);
   }
   vkFreeMemory(t->device, memory, NULL);
}

static void
test_buffer_views_live_and_die(struct vkt *t)
{
   VkBuffer buffer = make_buffer(t, 1000, VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT, 0, NULL);
   VkMemoryRequirements req;
   vkGetBufferMemoryRequirements(t->device, buffer, &req);
   VkDeviceMemory memory = rt_allocate(t, req.size, req.memoryTypeBits, 0, NULL);
   CHECK_SUCCESS(vkBindBufferMemory(t->device, buffer, memory, 0));
   VkBufferView views[2];
   const VkBufferViewCreateInfo whole = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO,
      .buffer = buffer,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .offset = 0,
      .range = VK_WHOLE_SIZE,
   };
   CHECK_SUCCESS(vkCreateBufferView(t->device, &whole, NULL, &views[0]));
   VkBufferViewCreateInfo part = whole;
   part.offset = 256;
   part.range = 400;
   CHECK_SUCCESS(vkCreateBufferView(t->device, &part, NULL, &views[1]));
   CHECK(views[0] != views[1]);
   vkDestroyBufferView(t->device, views[0], NULL);
   vkDestroyBufferView(t->device, views[1], NULL);
   vkDestroyBufferView(t->device, VK_NULL_HANDLE, NULL);
   vkDestroyBuffer(t->device, buffer, NULL);
   vkFreeMemory(t->device, memory, NULL);
}

static const VkPhysicalDeviceVulkan12Features address_features = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
   .bufferDeviceAddress = VK_TRUE,
   .bufferDeviceAddressCaptureReplay = VK_TRUE,
};
static const VkPhysicalDeviceVulkan14Features maintenance6_features = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_FEATURES,
   .maintenance5 = VK_TRUE,
   .maintenance6 = VK_TRUE,
};

static const struct vkt_test tests[] = {
   { "buffer_requirements_are_size_rounded_to_alignment", test_buffer_requirements_are_size_rounded_to_alignment },
   { "buffer_needs_no_dedicated_allocation", test_buffer_needs_no_dedicated_allocation },
   { "device_buffer_requirements_equal_object_ones", test_device_buffer_requirements_equal_object_ones },
   { "usage2_replaces_usage", test_usage2_replaces_usage, { .device_create_pnext = &maintenance6_features } },
   { "device_address_follows_bind_offset", test_device_address_follows_bind_offset,
     { .device_create_pnext = &address_features } },
   { "capture_replay_reproduces_buffer_address", test_capture_replay_reproduces_buffer_address,
     { .device_create_pnext = &address_features } },
   { "bind2_writes_each_bind_status", test_bind2_writes_each_bind_status,
     { .device_create_pnext = &maintenance6_features } },
   { "buffer_views_live_and_die", test_buffer_views_live_and_die },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
