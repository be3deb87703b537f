/* Checks of "Resource Memory Association": memory requirements of buffers
 * and images, the device-level queries, and binding. */
#include "conformance.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const VkMemoryPropertyFlags HOST_VISIBLE_COHERENT =
   VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;

/* The rules every VkMemoryRequirements obeys: "The alignment member is a
 * power of two."  "The memoryTypeBits member always contains at least one
 * bit set."  A bit i is set only for a memory type i that exists. */
static bool
requirements_are_well_formed(struct ctx *c, const VkMemoryRequirements *r, const char *what)
{
   if (!is_power_of_two(r->alignment)) {
      ctx_fail(c, __LINE__, "%s: alignment %" PRIu64 " is not a power of two", what, r->alignment);
      return false;
   }
   if (r->memoryTypeBits == 0) {
      ctx_fail(c, __LINE__, "%s: memoryTypeBits is 0", what);
      return false;
   }
   if (c->memory.memoryTypeCount < 32 && (r->memoryTypeBits >> c->memory.memoryTypeCount) != 0) {
      ctx_fail(c, __LINE__, "%s: memoryTypeBits 0x%x names types beyond memoryTypeCount %u", what,
               r->memoryTypeBits, c->memory.memoryTypeCount);
      return false;
   }
   return true;
}

static bool
requirements_equal(const VkMemoryRequirements *a, const VkMemoryRequirements *b)
{
   return a->size == b->size && a->alignment == b->alignment && a->memoryTypeBits == b->memoryTypeBits;
}

/* "If buffer is a VkBuffer not created with the
 * VK_BUFFER_CREATE_SPARSE_BINDING_BIT bit set [...] then the memoryTypeBits
 * member always contains at least one memory type with both the
 * VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT and VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
 * bits set."  "The memoryTypeBits member is identical for all VkBuffer
 * objects created with the same value for the flags and usage members".
 * vkGetDeviceBufferMemoryRequirements: "To determine the memory requirements
 * for a buffer resource without creating an object". */
static void
buffer_memory_requirements_are_valid_and_binding_works(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   static const VkBufferUsageFlags usages[] = {
      VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
      VK_BUFFER_USAGE_TRANSFER_DST_BIT,
      VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
      VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
      VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
   };
   static const VkDeviceSize sizes[] = { 1, 100, 4096, 65537, 1 << 20 };
   const bool device_query = ctx_device_api_version(c) >= VK_API_VERSION_1_3;
   PFN_vkGetDeviceBufferMemoryRequirements get_device_requirements =
      device_query ? DEVICE_PROC(c, vkGetDeviceBufferMemoryRequirements) : NULL;
   EXPECT(c, !device_query || get_device_requirements, "vkGetDeviceBufferMemoryRequirements is NULL on 1.3+");
   char what[128];
   for (size_t u = 0; u < ARRAY_LENGTH(usages); u++) {
      uint32_t bits_for_usage = 0;
      for (size_t s = 0; s < ARRAY_LENGTH(sizes); s++) {
         snprintf(what, sizeof(what), "buffer usage 0x%x size %" PRIu64, usages[u], sizes[s]);
         const VkBufferCreateInfo info = {
            .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
            .size = sizes[s],
            .usage = usages[u],
            .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
         };
         VkBuffer buffer;
         EXPECT_VK(c, vkCreateBuffer(c->device, &info, NULL, &buffer));
         VkMemoryRequirements r;
         vkGetBufferMemoryRequirements(c->device, buffer, &r);
         if (!requirements_are_well_formed(c, &r, what))
            return;
         EXPECT(c, r.size >= sizes[s], "%s: requirements size %" PRIu64 " is smaller than the buffer", what, r.size);
         EXPECT(c, ctx_memory_type(c, r.memoryTypeBits, HOST_VISIBLE_COHERENT) != UINT32_MAX,
                "%s: memoryTypeBits 0x%x has no HOST_VISIBLE|HOST_COHERENT type", what, r.memoryTypeBits);
         if (s == 0)
            bits_for_usage = r.memoryTypeBits;
         EXPECT(c, r.memoryTypeBits == bits_for_usage,
                "%s: memoryTypeBits 0x%x differ from 0x%x for the same usage and flags", what,
                r.memoryTypeBits, bits_for_usage);

         /* The *2 query agrees with the 1.0 one. */
         VkMemoryDedicatedRequirements dedicated = { .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS };
         VkMemoryRequirements2 r2 = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, .pNext = &dedicated };
         const VkBufferMemoryRequirementsInfo2 info2 = {
            .sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2, .buffer = buffer };
         vkGetBufferMemoryRequirements2(c->device, &info2, &r2);
         EXPECT(c, requirements_equal(&r, &r2.memoryRequirements),
                "%s: vkGetBufferMemoryRequirements2 differs from vkGetBufferMemoryRequirements", what);
         if (get_device_requirements) {
            const VkDeviceBufferMemoryRequirements device_info = {
               .sType = VK_STRUCTURE_TYPE_DEVICE_BUFFER_MEMORY_REQUIREMENTS, .pCreateInfo = &info };
            VkMemoryRequirements2 rd = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2 };
            get_device_requirements(c->device, &device_info, &rd);
            EXPECT(c, requirements_equal(&r, &rd.memoryRequirements),
                   "%s: vkGetDeviceBufferMemoryRequirements gives size %" PRIu64 " alignment %" PRIu64
                   " bits 0x%x, the buffer's are %" PRIu64 " %" PRIu64 " 0x%x", what,
                   rd.memoryRequirements.size, rd.memoryRequirements.alignment,
                   rd.memoryRequirements.memoryTypeBits, r.size, r.alignment, r.memoryTypeBits);
         }

         /* Bound at a non-zero offset that is a multiple of the alignment
          * (VUID-vkBindBufferMemory-memoryOffset-01036), with enough memory
          * after it (VUID-vkBindBufferMemory-size-01037); at offset 0 of a
          * dedicated allocation when the driver requires one. */
         uint32_t type = ctx_memory_type(c, r.memoryTypeBits, HOST_VISIBLE_COHERENT);
         VkDeviceMemory memory;
         if (dedicated.requiresDedicatedAllocation) {
            EXPECT_VK(c, alloc_dedicated(c, r.size, type, buffer, VK_NULL_HANDLE, &memory));
            EXPECT_VK(c, vkBindBufferMemory(c->device, buffer, memory, 0));
         } else {
            EXPECT_VK(c, alloc_memory(c, r.alignment + r.size, type, &memory));
            EXPECT_VK(c, vkBindBufferMemory(c->device, buffer, memory, r.alignment));
         }
         vkDestroyBuffer(c->device, buffer, NULL);
         vkFreeMemory(c->device, memory, NULL);
      }
   }

   /* vkBindBufferMemory2 binds several buffers at once; with Vulkan 1.4,
    * VkBindMemoryStatus reports each bind's result. */
   const VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = 1000,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
   };
   VkBuffer buffers[2];
   EXPECT_VK(c, vkCreateBuffer(c->device, &info, NULL, &buffers[0]));
   EXPECT_VK(c, vkCreateBuffer(c->device, &info, NULL, &buffers[1]));
   if (buffer_requires_dedicated(c, buffers[0]) || buffer_requires_dedicated(c, buffers[1]))
      return; /* two buffers cannot share a dedicated allocation */
   VkMemoryRequirements r;
   vkGetBufferMemoryRequirements(c->device, buffers[0], &r);
   const VkDeviceSize stride = (r.size + r.alignment - 1) & ~(r.alignment - 1);
   VkDeviceMemory memory;
   EXPECT_VK(c, alloc_memory(c, 2 * stride, ctx_memory_type(c, r.memoryTypeBits, HOST_VISIBLE_COHERENT), &memory));
   const bool status = ctx_device_api_version(c) >= VK_API_VERSION_1_4;
   VkResult results[2] = { VK_ERROR_UNKNOWN, VK_ERROR_UNKNOWN };
   VkBindMemoryStatus statuses[2] = {
      { .sType = VK_STRUCTURE_TYPE_BIND_MEMORY_STATUS, .pResult = &results[0] },
      { .sType = VK_STRUCTURE_TYPE_BIND_MEMORY_STATUS, .pResult = &results[1] },
   };
   VkBindBufferMemoryInfo binds[2];
   for (unsigned i = 0; i < 2; i++) {
      binds[i] = (VkBindBufferMemoryInfo){
         .sType = VK_STRUCTURE_TYPE_BIND_BUFFER_MEMORY_INFO,
         .pNext = status ? &statuses[i] : NULL,
         .buffer = buffers[i],
         .memory = memory,
         .memoryOffset = i * stride,
      };
   }
   EXPECT_VK(c, vkBindBufferMemory2(c->device, 2, binds));
   if (status) {
      EXPECT(c, results[0] == VK_SUCCESS && results[1] == VK_SUCCESS,
             "VkBindMemoryStatus results %s, %s after a successful vkBindBufferMemory2",
             vk_result_name(results[0]), vk_result_name(results[1]));
   }
   vkDestroyBuffer(c->device, buffers[0], NULL);
   vkDestroyBuffer(c->device, buffers[1], NULL);
   vkFreeMemory(c->device, memory, NULL);
}

/* "If [...] image is linear image that was not created with the
 * VK_IMAGE_CREATE_SPARSE_BINDING_BIT bit set, then the memoryTypeBits member
 * always contains at least one memory type with both the
 * VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT and VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
 * bits set."  vkGetImageSubresourceLayout gives the linear layout inside
 * the image's memory; vkGetDeviceImageMemoryRequirements agrees with the
 * object's requirements. */
static void
image_memory_requirements_are_valid_and_binding_works(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
   const VkImageUsageFlags usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
   const bool device_query = ctx_device_api_version(c) >= VK_API_VERSION_1_3;
   PFN_vkGetDeviceImageMemoryRequirements get_device_requirements =
      device_query ? DEVICE_PROC(c, vkGetDeviceImageMemoryRequirements) : NULL;
   static const VkExtent3D extents[] = { { 1, 1, 1 }, { 33, 17, 1 }, { 256, 64, 1 } };
   static const VkImageTiling tilings[] = { VK_IMAGE_TILING_LINEAR, VK_IMAGE_TILING_OPTIMAL };
   unsigned tested = 0;
   char what[128];
   for (size_t t = 0; t < ARRAY_LENGTH(tilings); t++) {
      VkImageFormatProperties limits;
      if (vkGetPhysicalDeviceImageFormatProperties(c->physical_device, format, VK_IMAGE_TYPE_2D, tilings[t], usage,
                                                   0, &limits) != VK_SUCCESS)
         continue;
      for (size_t e = 0; e < ARRAY_LENGTH(extents); e++) {
         if (extents[e].width > limits.maxExtent.width || extents[e].height > limits.maxExtent.height)
            continue;
         const bool linear = tilings[t] == VK_IMAGE_TILING_LINEAR;
         snprintf(what, sizeof(what), "%s %ux%u R8G8B8A8_UNORM image", linear ? "linear" : "optimal",
                  extents[e].width, extents[e].height);
         const VkImageCreateInfo info = {
            .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
            .imageType = VK_IMAGE_TYPE_2D,
            .format = format,
            .extent = extents[e],
            .mipLevels = 1,
            .arrayLayers = 1,
            .samples = VK_SAMPLE_COUNT_1_BIT,
            .tiling = tilings[t],
            .usage = usage,
            .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
            .initialLayout = linear ? VK_IMAGE_LAYOUT_PREINITIALIZED : VK_IMAGE_LAYOUT_UNDEFINED,
         };
         VkImage image;
         EXPECT_VK(c, vkCreateImage(c->device, &info, NULL, &image));
         VkMemoryRequirements r;
         vkGetImageMemoryRequirements(c->device, image, &r);
         if (!requirements_are_well_formed(c, &r, what))
            return;
         const VkDeviceSize texels = (VkDeviceSize)extents[e].width * extents[e].height * 4;
         EXPECT(c, r.size >= texels, "%s: requirements size %" PRIu64 " is smaller than its texels", what, r.size);
         if (linear) {
            EXPECT(c, ctx_memory_type(c, r.memoryTypeBits, HOST_VISIBLE_COHERENT) != UINT32_MAX,
                   "%s: memoryTypeBits 0x%x has no HOST_VISIBLE|HOST_COHERENT type", what, r.memoryTypeBits);
            const VkImageSubresource subresource = { .aspectMask = VK_IMAGE_ASPECT_COLOR_BIT };
            VkSubresourceLayout layout;
            vkGetImageSubresourceLayout(c->device, image, &subresource, &layout);
            EXPECT(c, layout.rowPitch >= (VkDeviceSize)extents[e].width * 4,
                   "%s: rowPitch %" PRIu64 " is less than a row of texels", what, layout.rowPitch);
            EXPECT(c, layout.size >= layout.rowPitch * (extents[e].height - 1) + extents[e].width * 4,
                   "%s: subresource size %" PRIu64 " cannot hold its rows (pitch %" PRIu64 ")", what,
                   layout.size, layout.rowPitch);
            EXPECT(c, layout.offset + layout.size <= r.size,
                   "%s: subresource [%" PRIu64 ", +%" PRIu64 ") lies beyond the requirements size %" PRIu64,
                   what, layout.offset, layout.size, r.size);
         }
         if (get_device_requirements) {
            const VkDeviceImageMemoryRequirements device_info = {
               .sType = VK_STRUCTURE_TYPE_DEVICE_IMAGE_MEMORY_REQUIREMENTS, .pCreateInfo = &info };
            VkMemoryRequirements2 rd = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2 };
            get_device_requirements(c->device, &device_info, &rd);
            EXPECT(c, requirements_equal(&r, &rd.memoryRequirements),
                   "%s: vkGetDeviceImageMemoryRequirements gives size %" PRIu64 " alignment %" PRIu64
                   " bits 0x%x, the image's are %" PRIu64 " %" PRIu64 " 0x%x", what,
                   rd.memoryRequirements.size, rd.memoryRequirements.alignment,
                   rd.memoryRequirements.memoryTypeBits, r.size, r.alignment, r.memoryTypeBits);
         }
         /* Bound at an aligned non-zero offset (VUID-vkBindImageMemory-memoryOffset-01048),
          * or at 0 of a dedicated allocation when the driver requires one. */
         uint32_t type = ctx_memory_type(c, r.memoryTypeBits, linear ? HOST_VISIBLE_COHERENT : 0);
         VkDeviceMemory memory;
         if (image_requires_dedicated(c, image)) {
            EXPECT_VK(c, alloc_dedicated(c, r.size, type, VK_NULL_HANDLE, image, &memory));
            EXPECT_VK(c, vkBindImageMemory(c->device, image, memory, 0));
         } else {
            EXPECT_VK(c, alloc_memory(c, r.alignment + r.size, type, &memory));
            EXPECT_VK(c, vkBindImageMemory(c->device, image, memory, r.alignment));
         }
         vkDestroyImage(c->device, image, NULL);
         vkFreeMemory(c->device, memory, NULL);
         tested++;
      }
   }
   if (tested == 0)
      SKIP(c, "R8G8B8A8_UNORM with transfer usage is supported in neither tiling");
}

/* VkMemoryAllocateInfo: "If the pNext chain includes a
 * VkMemoryDedicatedAllocateInfo structure, then that structure includes a
 * handle of the sole buffer or image resource that the memory can be bound
 * to."  Dedicated memory for a buffer and for a linear image, bound at
 * offset 0, mapped and written like any other memory. */
static void
dedicated_allocations_bind_their_resource(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const VkBufferCreateInfo buffer_info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = 65536 + 3,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
   };
   VkBuffer buffer;
   EXPECT_VK(c, vkCreateBuffer(c->device, &buffer_info, NULL, &buffer));
   VkMemoryRequirements r;
   vkGetBufferMemoryRequirements(c->device, buffer, &r);
   const uint32_t type = ctx_memory_type(c, r.memoryTypeBits, HOST_VISIBLE_COHERENT);
   EXPECT(c, type != UINT32_MAX, "the buffer allows no HOST_VISIBLE|HOST_COHERENT type");
   VkDeviceMemory memory;
   EXPECT_VK(c, alloc_dedicated(c, r.size, type, buffer, VK_NULL_HANDLE, &memory));
   EXPECT_VK(c, vkBindBufferMemory(c->device, buffer, memory, 0));
   void *data;
   EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
   fill_pattern(data, (size_t)r.size, 90, 0);
   vkUnmapMemory(c->device, memory);
   EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
   EXPECT(c, find_pattern_mismatch(data, (size_t)r.size, 90, 0) == SIZE_MAX, "dedicated buffer memory lost its contents");
   vkDestroyBuffer(c->device, buffer, NULL);
   vkFreeMemory(c->device, memory, NULL); /* implicitly unmaps */

   const VkFormat format = VK_FORMAT_R8G8B8A8_UNORM;
   const VkImageUsageFlags usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
   VkImageFormatProperties limits;
   if (vkGetPhysicalDeviceImageFormatProperties(c->physical_device, format, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_LINEAR,
                                                usage, 0, &limits) != VK_SUCCESS) {
      snprintf(c->why, sizeof(c->why), "buffer only: linear R8G8B8A8_UNORM images are not supported");
      return;
   }
   const VkImageCreateInfo image_info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = VK_IMAGE_TYPE_2D,
      .format = format,
      .extent = { 17, 9, 1 },
      .mipLevels = 1,
      .arrayLayers = 1,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .tiling = VK_IMAGE_TILING_LINEAR,
      .usage = usage,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
      .initialLayout = VK_IMAGE_LAYOUT_PREINITIALIZED,
   };
   VkImage image;
   EXPECT_VK(c, vkCreateImage(c->device, &image_info, NULL, &image));
   vkGetImageMemoryRequirements(c->device, image, &r);
   const uint32_t image_type = ctx_memory_type(c, r.memoryTypeBits, HOST_VISIBLE_COHERENT);
   EXPECT(c, image_type != UINT32_MAX, "the linear image allows no HOST_VISIBLE|HOST_COHERENT type");
   EXPECT_VK(c, alloc_dedicated(c, r.size, image_type, VK_NULL_HANDLE, image, &memory));
   EXPECT_VK(c, vkBindImageMemory(c->device, image, memory, 0));
   const VkImageSubresource subresource = { .aspectMask = VK_IMAGE_ASPECT_COLOR_BIT };
   VkSubresourceLayout layout;
   vkGetImageSubresourceLayout(c->device, image, &subresource, &layout);
   EXPECT(c, layout.offset + layout.size <= r.size, "the subresource lies beyond the dedicated allocation");
   EXPECT_VK(c, vkMapMemory(c->device, memory, layout.offset, layout.size, 0, &data));
   fill_pattern(data, (size_t)layout.size, 91, 0);
   vkUnmapMemory(c->device, memory);
   vkDestroyImage(c->device, image, NULL);
   vkFreeMemory(c->device, memory, NULL);
}

const struct check resource_checks[] = {
   { "buffer_memory_requirements_are_valid_and_binding_works",
     "memoryTypeBits of a non-sparse buffer \"always contains at least one memory type with both the "
     "VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT and VK_MEMORY_PROPERTY_HOST_COHERENT_BIT bits set\"; \"The alignment "
     "member is a power of two.\"; VUID-vkBindBufferMemory-memoryOffset-01036",
     buffer_memory_requirements_are_valid_and_binding_works },
   { "image_memory_requirements_are_valid_and_binding_works",
     "memoryTypeBits of a linear image \"always contains at least one memory type with both the "
     "VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT and VK_MEMORY_PROPERTY_HOST_COHERENT_BIT bits set\"; "
     "VUID-vkBindImageMemory-memoryOffset-01048",
     image_memory_requirements_are_valid_and_binding_works },
   { "dedicated_allocations_bind_their_resource",
     "VkMemoryDedicatedAllocateInfo: \"that structure includes a handle of the sole buffer or image resource that "
     "the memory can be bound to.\"",
     dedicated_allocations_bind_their_resource },
};
const size_t resource_check_count = ARRAY_LENGTH(resource_checks);
