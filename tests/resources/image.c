/* Images: memory requirements, subresource layouts, planes, binding, views. */
#include "resources_test.h"

static PFN_vkGetImageSubresourceLayout2 get_subresource_layout2;
static PFN_vkGetDeviceImageSubresourceLayout get_device_subresource_layout;

static VkImageCreateInfo
image_info(VkFormat format, VkImageTiling tiling, uint32_t width, uint32_t height)
{
   return (VkImageCreateInfo){
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = VK_IMAGE_TYPE_2D,
      .format = format,
      .extent = { width, height, 1 },
      .mipLevels = 1,
      .arrayLayers = 1,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .tiling = tiling,
      .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
      .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
   };
}

static VkImage
make_image(struct vkt *t, const VkImageCreateInfo *info)
{
   VkImage image = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateImage(t->device, info, NULL, &image));
   return image;
}

static VkSubresourceLayout
layout2(struct vkt *t, VkImage image, VkImageAspectFlags aspect, uint32_t mip, uint32_t layer)
{
   const VkImageSubresource2 subresource = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_SUBRESOURCE_2,
      .imageSubresource = { aspect, mip, layer },
   };
   VkSubresourceLayout2 layout = { .sType = VK_STRUCTURE_TYPE_SUBRESOURCE_LAYOUT_2 };
   get_subresource_layout2(t->device, image, &subresource, &layout);
   return layout.subresourceLayout;
}

static bool
load_procs(struct vkt *t)
{
   get_subresource_layout2 = VKT_DEVICE_PROC(t, vkGetImageSubresourceLayout2);
   get_device_subresource_layout = VKT_DEVICE_PROC(t, vkGetDeviceImageSubresourceLayout);
   CHECK(get_subresource_layout2 != NULL && get_device_subresource_layout != NULL,
         "Vulkan 1.4 commands are missing");
   return !t->failed;
}

static void
test_color_image_requirements(struct vkt *t)
{
   const VkImageCreateInfo info = image_info(VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TILING_OPTIMAL, 100, 37);
   VkImage image = make_image(t, &info);
   VkMemoryRequirements req;
   vkGetImageMemoryRequirements(t->device, image, &req);
   CHECK(req.size >= 100 * 37 * 4, "size %" PRIu64, req.size);
   CHECK(req.size == rt_align(100 * 37 * 4, 64), "memvk packs rows tight: size %" PRIu64, req.size);
   CHECK(req.alignment == 64, "alignment %" PRIu64, req.alignment);
   const uint32_t host = vkt_find_memory_type(t, ~0u, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT);
   CHECK(req.memoryTypeBits == 1u << host, "memoryTypeBits 0x%x", req.memoryTypeBits);

   VkMemoryDedicatedRequirements dedicated = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS,
      .prefersDedicatedAllocation = VK_TRUE,
      .requiresDedicatedAllocation = VK_TRUE,
   };
   VkMemoryRequirements2 req2 = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, .pNext = &dedicated };
   const VkImageMemoryRequirementsInfo2 info2 = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2,
      .image = image,
   };
   vkGetImageMemoryRequirements2(t->device, &info2, &req2);
   CHECK(rt_same_requirements(&req, &req2.memoryRequirements));
   CHECK(!dedicated.prefersDedicatedAllocation && !dedicated.requiresDedicatedAllocation);

   uint32_t sparse_count = 99;
   vkGetImageSparseMemoryRequirements(t->device, image, &sparse_count, NULL);
   CHECK(sparse_count == 0, "memvk offers no sparse binding");
   vkDestroyImage(t->device, image, NULL);
}

/* "If the memory requirements are for a VkImage, the memoryTypeBits member
 * must not refer to a VkMemoryType with a propertyFlags that has the
 * VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT bit set if the image did not have
 * VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT"; memvk offers its lazy type to
 * transient attachments. */
static void
test_only_transient_images_may_use_lazy_memory(struct vkt *t)
{
   const uint32_t lazy = vkt_find_memory_type(t, ~0u, VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT);
   if (lazy == UINT32_MAX) {
      vkt_skip(t, "no lazily allocated memory type");
      return;
   }
   VkImageCreateInfo info = image_info(VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TILING_OPTIMAL, 64, 64);
   info.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
   VkImage transient = make_image(t, &info);
   info.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT;
   VkImage plain = make_image(t, &info);
   VkMemoryRequirements req_transient, req_plain;
   vkGetImageMemoryRequirements(t->device, transient, &req_transient);
   vkGetImageMemoryRequirements(t->device, plain, &req_plain);
   CHECK(req_transient.memoryTypeBits & (1u << lazy), "bits 0x%x", req_transient.memoryTypeBits);
   CHECK(!(req_plain.memoryTypeBits & (1u << lazy)), "bits 0x%x", req_plain.memoryTypeBits);
   CHECK(req_transient.memoryTypeBits & req_plain.memoryTypeBits, "both may use the host type");

   VkDeviceMemory memory = rt_allocate(t, req_transient.size, 1u << lazy, VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT, NULL);
   CHECK_SUCCESS(vkBindImageMemory(t->device, transient, memory, 0));
   vkDestroyImage(t->device, transient, NULL);
   vkDestroyImage(t->device, plain, NULL);
   vkFreeMemory(t->device, memory, NULL);
}

struct pitch_case {
   VkFormat format;
   VkImageAspectFlags aspect;
   uint32_t block_size;          /* bytes per texel block of this aspect */
   uint32_t block_width, block_height;
   uint32_t width_divisor, height_divisor; /* plane subsampling */
};

/* Row pitch = blocks per row x block size, for uncompressed, compressed,
 * depth, stencil and multi-planar formats (memvk packs rows tight; the
 * spec only demands rowPitch >= that). */
static void
test_row_pitch_is_width_times_block_size(struct vkt *t)
{
   if (!load_procs(t))
      return;
   static const struct pitch_case cases[] = {
      { VK_FORMAT_R8_UNORM, VK_IMAGE_ASPECT_COLOR_BIT, 1, 1, 1, 1, 1 },
      { VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_ASPECT_COLOR_BIT, 4, 1, 1, 1, 1 },
      { VK_FORMAT_R16G16B16A16_SFLOAT, VK_IMAGE_ASPECT_COLOR_BIT, 8, 1, 1, 1, 1 },
      { VK_FORMAT_R32G32B32A32_SFLOAT, VK_IMAGE_ASPECT_COLOR_BIT, 16, 1, 1, 1, 1 },
      { VK_FORMAT_BC1_RGB_UNORM_BLOCK, VK_IMAGE_ASPECT_COLOR_BIT, 8, 4, 4, 1, 1 },
      { VK_FORMAT_BC7_UNORM_BLOCK, VK_IMAGE_ASPECT_COLOR_BIT, 16, 4, 4, 1, 1 },
      { VK_FORMAT_ASTC_8x5_UNORM_BLOCK, VK_IMAGE_ASPECT_COLOR_BIT, 16, 8, 5, 1, 1 },
      { VK_FORMAT_D16_UNORM, VK_IMAGE_ASPECT_DEPTH_BIT, 2, 1, 1, 1, 1 },
      { VK_FORMAT_D32_SFLOAT, VK_IMAGE_ASPECT_DEPTH_BIT, 4, 1, 1, 1, 1 },
      { VK_FORMAT_D24_UNORM_S8_UINT, VK_IMAGE_ASPECT_DEPTH_BIT, 4, 1, 1, 1, 1 },
      { VK_FORMAT_D24_UNORM_S8_UINT, VK_IMAGE_ASPECT_STENCIL_BIT, 1, 1, 1, 1, 1 },
      { VK_FORMAT_D32_SFLOAT_S8_UINT, VK_IMAGE_ASPECT_STENCIL_BIT, 1, 1, 1, 1, 1 },
      { VK_FORMAT_S8_UINT, VK_IMAGE_ASPECT_STENCIL_BIT, 1, 1, 1, 1, 1 },
      { VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, VK_IMAGE_ASPECT_PLANE_0_BIT, 1, 1, 1, 1, 1 },
      { VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, VK_IMAGE_ASPECT_PLANE_1_BIT, 2, 1, 1, 2, 2 },
      { VK_FORMAT_G16_B16_R16_3PLANE_422_UNORM, VK_IMAGE_ASPECT_PLANE_2_BIT, 2, 1, 1, 2, 1 },
      { VK_FORMAT_G8B8G8R8_422_UNORM, VK_IMAGE_ASPECT_COLOR_BIT, 4, 2, 1, 1, 1 },
   };
   const uint32_t width = 100, height = 42;
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(cases) && !t->failed; i++) {
      const struct pitch_case *c = &cases[i];
      const VkImageCreateInfo info = image_info(c->format, VK_IMAGE_TILING_OPTIMAL, width, height);
      VkImage image = make_image(t, &info);
      const VkSubresourceLayout layout = layout2(t, image, c->aspect, 0, 0);
      const uint32_t plane_width = width / c->width_divisor, plane_height = height / c->height_divisor;
      const uint64_t blocks_x = (plane_width + c->block_width - 1) / c->block_width;
      const uint64_t blocks_y = (plane_height + c->block_height - 1) / c->block_height;
      CHECK(layout.rowPitch == blocks_x * c->block_size, "format %d aspect 0x%x: rowPitch %" PRIu64 ", expected %" PRIu64,
            c->format, c->aspect, layout.rowPitch, blocks_x * c->block_size);
      CHECK(layout.size == layout.rowPitch * blocks_y, "format %d aspect 0x%x: size %" PRIu64, c->format, c->aspect,
            layout.size);
      VkMemoryRequirements req;
      vkGetImageMemoryRequirements(t->device, image, &req);
      CHECK(layout.offset + layout.size <= req.size, "format %d aspect 0x%x lies outside the image's memory",
            c->format, c->aspect);
      vkDestroyImage(t->device, image, NULL);
   }
}

/* The linear-tiling query (vkGetImageSubresourceLayout), mip chains and
 * array layers: every subresource lies inside the image's memory, none
 * overlaps another, and arrayPitch separates layers. */
static void
test_mip_chain_and_layers_do_not_overlap(struct vkt *t)
{
   VkImageCreateInfo info = image_info(VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TILING_LINEAR, 64, 32);
   info.mipLevels = 7;
   info.arrayLayers = 3;
   VkImage image = make_image(t, &info);
   VkMemoryRequirements req;
   vkGetImageMemoryRequirements(t->device, image, &req);
   VkSubresourceLayout layouts[7][3];
   for (uint32_t mip = 0; mip < 7; mip++) {
      for (uint32_t layer = 0; layer < 3; layer++) {
         const VkImageSubresource subresource = { VK_IMAGE_ASPECT_COLOR_BIT, mip, layer };
         vkGetImageSubresourceLayout(t->device, image, &subresource, &layouts[mip][layer]);
         const VkSubresourceLayout *l = &layouts[mip][layer];
         const uint32_t w = 64u >> mip ? 64u >> mip : 1, h = 32u >> mip ? 32u >> mip : 1;
         CHECK(l->rowPitch == w * 4u, "mip %u: rowPitch %" PRIu64, mip, l->rowPitch);
         CHECK(l->size >= (uint64_t)w * h * 4u, "mip %u: size %" PRIu64, mip, l->size);
         CHECK(l->offset + l->size <= req.size, "mip %u layer %u beyond the memory", mip, layer);
         if (layer > 0)
            CHECK(l->offset == layouts[mip][0].offset + layer * l->arrayPitch, "mip %u layer %u", mip, layer);
      }
   }
   for (uint32_t a = 0; a < 21; a++) {
      for (uint32_t b = a + 1; b < 21; b++) {
         const VkSubresourceLayout *x = &layouts[a / 3][a % 3], *y = &layouts[b / 3][b % 3];
         CHECK(x->offset + x->size <= y->offset || y->offset + y->size <= x->offset,
               "subresources %u and %u overlap", a, b);
      }
   }
   vkDestroyImage(t->device, image, NULL);
}

static void
test_3d_image_depth_pitch(struct vkt *t)
{
   VkImageCreateInfo info = image_info(VK_FORMAT_R16_UINT, VK_IMAGE_TILING_LINEAR, 16, 8);
   info.imageType = VK_IMAGE_TYPE_3D;
   info.extent.depth = 5;
   VkImage image = make_image(t, &info);
   const VkImageSubresource subresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0 };
   VkSubresourceLayout layout;
   vkGetImageSubresourceLayout(t->device, image, &subresource, &layout);
   CHECK(layout.rowPitch == 32, "rowPitch %" PRIu64, layout.rowPitch);
   CHECK(layout.depthPitch == 32 * 8, "depthPitch %" PRIu64, layout.depthPitch);
   CHECK(layout.size == 32 * 8 * 5, "size %" PRIu64, layout.size);
   vkDestroyImage(t->device, image, NULL);
}

/* A disjoint multi-planar image: requirements per plane
 * (VkImagePlaneMemoryRequirementsInfo), binding per plane
 * (VkBindImagePlaneMemoryInfo), each plane's layout relative to its own
 * binding. */
static void
test_disjoint_planes_bind_separately(struct vkt *t)
{
   if (!load_procs(t))
      return;
   VkImageCreateInfo info = image_info(VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, VK_IMAGE_TILING_OPTIMAL, 64, 32);
   info.flags = VK_IMAGE_CREATE_DISJOINT_BIT;
   VkImage image = make_image(t, &info);
   VkMemoryRequirements req[2];
   static const VkImageAspectFlagBits planes[2] = { VK_IMAGE_ASPECT_PLANE_0_BIT, VK_IMAGE_ASPECT_PLANE_1_BIT };
   for (int p = 0; p < 2; p++) {
      const VkImagePlaneMemoryRequirementsInfo plane = {
         .sType = VK_STRUCTURE_TYPE_IMAGE_PLANE_MEMORY_REQUIREMENTS_INFO,
         .planeAspect = planes[p],
      };
      const VkImageMemoryRequirementsInfo2 query = {
         .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2,
         .pNext = &plane,
         .image = image,
      };
      VkMemoryRequirements2 out = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2 };
      vkGetImageMemoryRequirements2(t->device, &query, &out);
      req[p] = out.memoryRequirements;

      const VkDeviceImageMemoryRequirements device_query = {
         .sType = VK_STRUCTURE_TYPE_DEVICE_IMAGE_MEMORY_REQUIREMENTS,
         .pCreateInfo = &info,
         .planeAspect = planes[p],
      };
      VkMemoryRequirements2 device_out = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2 };
      vkGetDeviceImageMemoryRequirements(t->device, &device_query, &device_out);
      CHECK(rt_same_requirements(&req[p], &device_out.memoryRequirements), "plane %d", p);
   }
   CHECK(req[0].size >= 64 * 32, "plane 0: %" PRIu64, req[0].size);
   CHECK(req[1].size >= 32 * 16 * 2, "plane 1: %" PRIu64, req[1].size);

   VkDeviceMemory memory = rt_allocate(t, req[0].size + rt_align(req[1].size, req[1].alignment) + req[1].alignment,
                                       req[0].memoryTypeBits & req[1].memoryTypeBits, 0, NULL);
   VkResult results[2] = { VK_ERROR_UNKNOWN, VK_ERROR_UNKNOWN };
   VkBindMemoryStatus status[2];
   VkBindImagePlaneMemoryInfo plane_binds[2];
   VkBindImageMemoryInfo binds[2];
   const VkDeviceSize offsets[2] = { rt_align(req[1].size, req[0].alignment), 0 };
   for (int p = 0; p < 2; p++) {
      status[p] = (VkBindMemoryStatus){ .sType = VK_STRUCTURE_TYPE_BIND_MEMORY_STATUS, .pResult = &results[p] };
      plane_binds[p] = (VkBindImagePlaneMemoryInfo){
         .sType = VK_STRUCTURE_TYPE_BIND_IMAGE_PLANE_MEMORY_INFO,
         .pNext = &status[p],
         .planeAspect = planes[p],
      };
      binds[p] = (VkBindImageMemoryInfo){
         .sType = VK_STRUCTURE_TYPE_BIND_IMAGE_MEMORY_INFO,
         .pNext = &plane_binds[p],
         .image = image,
         .memory = memory,
         .memoryOffset = offsets[p],
      };
   }
   CHECK_SUCCESS(vkBindImageMemory2(t->device, 2, binds));
   CHECK(results[0] == VK_SUCCESS && results[1] == VK_SUCCESS, "statuses %d %d", results[0], results[1]);
   for (int p = 0; p < 2; p++) {
      const VkSubresourceLayout layout = layout2(t, image, planes[p], 0, 0);
      CHECK(layout.offset + layout.size <= req[p].size, "plane %d lies outside its own binding", p);
   }
   vkDestroyImage(t->device, image, NULL);
   vkFreeMemory(t->device, memory, NULL);
}

/* Planes of a non-disjoint multi-planar image share one binding and do
 * not overlap. */
static void
test_planes_of_one_binding_do_not_overlap(struct vkt *t)
{
   if (!load_procs(t))
      return;
   const VkImageCreateInfo info = image_info(VK_FORMAT_G8_B8_R8_3PLANE_420_UNORM, VK_IMAGE_TILING_LINEAR, 64, 32);
   VkImage image = make_image(t, &info);
   VkMemoryRequirements req;
   vkGetImageMemoryRequirements(t->device, image, &req);
   VkSubresourceLayout layouts[3];
   for (int p = 0; p < 3; p++) {
      layouts[p] = layout2(t, image, VK_IMAGE_ASPECT_PLANE_0_BIT << p, 0, 0);
      CHECK(layouts[p].offset + layouts[p].size <= req.size, "plane %d", p);
   }
   CHECK(layouts[0].rowPitch == 64 && layouts[1].rowPitch == 32 && layouts[2].rowPitch == 32);
   CHECK(layouts[0].offset + layouts[0].size <= layouts[1].offset);
   CHECK(layouts[1].offset + layouts[1].size <= layouts[2].offset);
   CHECK(req.size >= 64 * 32 + 2 * 32 * 16, "size %" PRIu64, req.size);
   vkDestroyImage(t->device, image, NULL);
}

/* vkGetDeviceImageMemoryRequirements and vkGetDeviceImageSubresourceLayout
 * answer exactly as the object queries for an image made from the same
 * create info. */
static void
test_device_image_queries_equal_object_ones(struct vkt *t)
{
   if (!load_procs(t))
      return;
   VkImageCreateInfo infos[5] = {
      image_info(VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TILING_LINEAR, 33, 17),
      image_info(VK_FORMAT_BC3_UNORM_BLOCK, VK_IMAGE_TILING_OPTIMAL, 130, 66),
      image_info(VK_FORMAT_D32_SFLOAT_S8_UINT, VK_IMAGE_TILING_OPTIMAL, 40, 30),
      image_info(VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, VK_IMAGE_TILING_OPTIMAL, 40, 30),
      image_info(VK_FORMAT_R32_SFLOAT, VK_IMAGE_TILING_OPTIMAL, 256, 128),
   };
   infos[1].mipLevels = 4;
   infos[4].mipLevels = 9;
   infos[4].arrayLayers = 6;
   static const VkImageAspectFlags aspects[5] = {
      VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_ASPECT_STENCIL_BIT,
      VK_IMAGE_ASPECT_PLANE_1_BIT, VK_IMAGE_ASPECT_COLOR_BIT,
   };
   for (int i = 0; i < 5 && !t->failed; i++) {
      VkImage image = make_image(t, &infos[i]);
      VkMemoryRequirements object;
      vkGetImageMemoryRequirements(t->device, image, &object);
      const VkDeviceImageMemoryRequirements query = {
         .sType = VK_STRUCTURE_TYPE_DEVICE_IMAGE_MEMORY_REQUIREMENTS,
         .pCreateInfo = &infos[i],
      };
      VkMemoryRequirements2 device = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2 };
      vkGetDeviceImageMemoryRequirements(t->device, &query, &device);
      CHECK(rt_same_requirements(&object, &device.memoryRequirements), "case %d", i);

      const uint32_t mip = infos[i].mipLevels - 1, layer = infos[i].arrayLayers - 1;
      const VkSubresourceLayout from_object = layout2(t, image, aspects[i], mip, layer);
      const VkImageSubresource2 subresource = {
         .sType = VK_STRUCTURE_TYPE_IMAGE_SUBRESOURCE_2,
         .imageSubresource = { aspects[i], mip, layer },
      };
      const VkDeviceImageSubresourceInfo device_info = {
         .sType = VK_STRUCTURE_TYPE_DEVICE_IMAGE_SUBRESOURCE_INFO,
         .pCreateInfo = &infos[i],
         .pSubresource = &subresource,
      };
      VkSubresourceLayout2 from_device = { .sType = VK_STRUCTURE_TYPE_SUBRESOURCE_LAYOUT_2 };
      get_device_subresource_layout(t->device, &device_info, &from_device);
      CHECK(memcmp(&from_object, &from_device.subresourceLayout, sizeof(from_object)) == 0, "case %d", i);
      vkDestroyImage(t->device, image, NULL);
   }
}

/* Views need bound images ("VUID-VkImageViewCreateInfo-image-01020"). */
static void
test_image_views_of_bound_images(struct vkt *t)
{
   VkImageCreateInfo info = image_info(VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TILING_OPTIMAL, 32, 32);
   info.flags = VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT;
   info.mipLevels = 3;
   info.arrayLayers = 6;
   info.usage |= VK_IMAGE_USAGE_SAMPLED_BIT;
   VkImage image = make_image(t, &info);
   VkMemoryRequirements req;
   vkGetImageMemoryRequirements(t->device, image, &req);
   VkDeviceMemory memory = rt_allocate(t, req.size, req.memoryTypeBits, 0, NULL);
   CHECK_SUCCESS(vkBindImageMemory(t->device, image, memory, 0));

   const VkImageViewType types[] = { VK_IMAGE_VIEW_TYPE_2D, VK_IMAGE_VIEW_TYPE_2D_ARRAY, VK_IMAGE_VIEW_TYPE_CUBE };
   const VkImageSubresourceRange ranges[] = {
      { VK_IMAGE_ASPECT_COLOR_BIT, 1, 1, 4, 1 },
      { VK_IMAGE_ASPECT_COLOR_BIT, 0, VK_REMAINING_MIP_LEVELS, 2, VK_REMAINING_ARRAY_LAYERS },
      { VK_IMAGE_ASPECT_COLOR_BIT, 0, VK_REMAINING_MIP_LEVELS, 0, 6 },
   };
   VkImageView views[3];
   for (int i = 0; i < 3; i++) {
      const VkImageViewCreateInfo view_info = {
         .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
         .image = image,
         .viewType = types[i],
         .format = info.format,
         .subresourceRange = ranges[i],
      };
      CHECK_SUCCESS(vkCreateImageView(t->device, &view_info, NULL, &views[i]));
   }
   CHECK(views[0] != views[1] && views[1] != views[2]);
   for (int i = 0; i < 3; i++)
      vkDestroyImageView(t->device, views[i], NULL);
   vkDestroyImageView(t->device, VK_NULL_HANDLE, NULL);
   vkDestroyImage(t->device, image, NULL);
   vkFreeMemory(t->device, memory, NULL);
}

/* An image within every creation limit but larger than any allocation can
 * be (maxResourceSize) cannot be created: "VK_ERROR_OUT_OF_DEVICE_MEMORY". */
static void
test_image_beyond_max_resource_size_is_out_of_device_memory(struct vkt *t)
{
   VkImageCreateInfo info = image_info(VK_FORMAT_R32G32B32A32_SFLOAT, VK_IMAGE_TILING_OPTIMAL, 1, 1);
   VkImageFormatProperties props;
   CHECK_SUCCESS(vkGetPhysicalDeviceImageFormatProperties(t->physical_device, info.format, info.imageType,
                                                          info.tiling, info.usage, 0, &props));
   info.extent.width = props.maxExtent.width;
   info.extent.height = props.maxExtent.height;
   info.arrayLayers = props.maxArrayLayers;
   const double bytes = 16.0 * info.extent.width * info.extent.height * info.arrayLayers;
   if (bytes <= (double)props.maxResourceSize) {
      vkt_skip(t, "the largest image (%.0f bytes) fits in maxResourceSize", bytes);
      return;
   }
   VkImage image = VK_NULL_HANDLE;
   CHECK_RESULT(vkCreateImage(t->device, &info, NULL, &image), VK_ERROR_OUT_OF_DEVICE_MEMORY);
}

static const VkPhysicalDeviceVulkan14Features maintenance6 = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_FEATURES,
   .maintenance5 = VK_TRUE,
   .maintenance6 = VK_TRUE,
};

static const struct vkt_test tests[] = {
   { "color_image_requirements", test_color_image_requirements },
   { "only_transient_images_may_use_lazy_memory", test_only_transient_images_may_use_lazy_memory },
   { "row_pitch_is_width_times_block_size", test_row_pitch_is_width_times_block_size,
     { .device_create_pnext = &maintenance6 } },
   { "mip_chain_and_layers_do_not_overlap", test_mip_chain_and_layers_do_not_overlap },
   { "3d_image_depth_pitch", test_3d_image_depth_pitch },
   { "disjoint_planes_bind_separately", test_disjoint_planes_bind_separately,
     { .device_create_pnext = &maintenance6 } },
   { "planes_of_one_binding_do_not_overlap", test_planes_of_one_binding_do_not_overlap,
     { .device_create_pnext = &maintenance6 } },
   { "device_image_queries_equal_object_ones", test_device_image_queries_equal_object_ones,
     { .device_create_pnext = &maintenance6 } },
   { "image_views_of_bound_images", test_image_views_of_bound_images },
   { "image_beyond_max_resource_size_is_out_of_device_memory",
     test_image_beyond_max_resource_size_is_out_of_device_memory },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
