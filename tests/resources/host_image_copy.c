/* Host image copies (Vulkan 1.4, hostImageCopy): vkCopyMemoryToImage,
 * vkCopyImageToMemory, vkCopyImageToImage and vkTransitionImageLayout,
 * through the loader.  The 1.4 commands are fetched with
 * vkGetDeviceProcAddr: the system loader may be older than 1.4. */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "resources_test.h"

/* The feature, enabled through either structure that carries it. */
static const VkPhysicalDeviceHostImageCopyFeatures host_image_copy_feature = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_IMAGE_COPY_FEATURES,
   .hostImageCopy = VK_TRUE,
};
static const VkPhysicalDeviceVulkan14Features vulkan14_host_image_copy = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_FEATURES,
   .hostImageCopy = VK_TRUE,
};
#define WITH_FEATURE {.device_create_pnext = &host_image_copy_feature}
#define WITH_VULKAN14_FEATURE {.device_create_pnext = &vulkan14_host_image_copy}

#define HOST_COPY_USAGE                                                                          \
   (VK_IMAGE_USAGE_HOST_TRANSFER_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT)

struct host_copy {
   PFN_vkCopyMemoryToImage to_image;
   PFN_vkCopyImageToMemory to_memory;
   PFN_vkCopyImageToImage image_to_image;
   PFN_vkTransitionImageLayout transition;
   PFN_vkGetImageSubresourceLayout2 subresource_layout2;
};

static bool
get_commands(struct vkt *t, struct host_copy *hc)
{
   hc->to_image = VKT_DEVICE_PROC(t, vkCopyMemoryToImage);
   hc->to_memory = VKT_DEVICE_PROC(t, vkCopyImageToMemory);
   hc->image_to_image = VKT_DEVICE_PROC(t, vkCopyImageToImage);
   hc->transition = VKT_DEVICE_PROC(t, vkTransitionImageLayout);
   hc->subresource_layout2 = VKT_DEVICE_PROC(t, vkGetImageSubresourceLayout2);
   CHECK(hc->to_image && hc->to_memory && hc->image_to_image && hc->transition && hc->subresource_layout2);
   return !t->failed;
}

struct test_image {
   VkImage image;
   VkDeviceMemory memory;
};

static bool
image_create(struct vkt *t, VkFormat format, VkExtent3D extent, uint32_t mip_levels, uint32_t layers,
             VkImageTiling tiling, VkImageUsageFlags usage, struct test_image *out)
{
   const VkImageCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = extent.depth > 1 ? VK_IMAGE_TYPE_3D : VK_IMAGE_TYPE_2D,
      .format = format,
      .extent = extent,
      .mipLevels = mip_levels,
      .arrayLayers = layers,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .tiling = tiling,
      .usage = usage,
      .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
   };
   *out = (struct test_image){0};
   CHECK_SUCCESS(vkCreateImage(t->device, &info, NULL, &out->image));
   if (t->failed)
      return false;
   VkMemoryRequirements requirements;
   vkGetImageMemoryRequirements(t->device, out->image, &requirements);
   out->memory = rt_allocate(t, requirements.size, requirements.memoryTypeBits,
                             VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT, NULL);
   if (out->memory == VK_NULL_HANDLE)
      return false;
   CHECK_SUCCESS(vkBindImageMemory(t->device, out->image, out->memory, 0));
   return !t->failed;
}

static void
image_destroy(struct vkt *t, struct test_image *image)
{
   vkDestroyImage(t->device, image->image, NULL);
   vkFreeMemory(t->device, image->memory, NULL);
}

/* "To support initializing a new image in preparation for a host copy, it
 * is now possible to transition a new image to VK_IMAGE_LAYOUT_GENERAL". */
static void
to_general(struct vkt *t, const struct host_copy *hc, VkImage image, VkImageAspectFlags aspects)
{
   const VkHostImageLayoutTransitionInfo transition = {
      .sType = VK_STRUCTURE_TYPE_HOST_IMAGE_LAYOUT_TRANSITION_INFO,
      .image = image,
      .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
      .newLayout = VK_IMAGE_LAYOUT_GENERAL,
      .subresourceRange = {aspects, 0, VK_REMAINING_MIP_LEVELS, 0, VK_REMAINING_ARRAY_LAYERS},
   };
   CHECK_SUCCESS(hc->transition(t->device, 1, &transition));
}

static void
pattern(uint8_t *bytes, size_t size, uint32_t seed)
{
   uint32_t x = seed * 2654435761u + 1;
   for (size_t i = 0; i < size; i++) {
      x = x * 1103515245u + 12345u;
      bytes[i] = (uint8_t)(x >> 16);
   }
}

static VkResult
copy_to_image(const struct host_copy *hc, struct vkt *t, VkImage image, VkHostImageCopyFlags flags,
              const VkMemoryToImageCopy *region)
{
   const VkCopyMemoryToImageInfo info = {
      .sType = VK_STRUCTURE_TYPE_COPY_MEMORY_TO_IMAGE_INFO,
      .flags = flags,
      .dstImage = image,
      .dstImageLayout = VK_IMAGE_LAYOUT_GENERAL,
      .regionCount = 1,
      .pRegions = region,
   };
   return hc->to_image(t->device, &info);
}

static VkResult
copy_to_memory(const struct host_copy *hc, struct vkt *t, VkImage image, VkHostImageCopyFlags flags,
               const VkImageToMemoryCopy *region)
{
   const VkCopyImageToMemoryInfo info = {
      .sType = VK_STRUCTURE_TYPE_COPY_IMAGE_TO_MEMORY_INFO,
      .flags = flags,
      .srcImage = image,
      .srcImageLayout = VK_IMAGE_LAYOUT_GENERAL,
      .regionCount = 1,
      .pRegions = region,
   };
   return hc->to_memory(t->device, &info);
}

/* Writes a region of `texel_size`-byte texels from host memory with
 * memoryRowLength/ImageHeight padding, reads the whole subresource back
 * tightly packed, and checks every texel: inside the region it is the
 * source's, outside it is what the image held before (zero). */
static void
check_padded_round_trip(struct vkt *t, const struct host_copy *hc, VkImage image, VkImageAspectFlagBits aspect,
                        uint32_t texel_size, VkExtent3D level_extent, uint32_t mip, VkOffset3D offset,
                        VkExtent3D extent, uint32_t row_length, uint32_t image_height)
{
   /* "If either of these values is zero, that aspect of the buffer memory
    * is considered to be tightly packed according to the imageExtent". */
   const uint32_t row_texels = row_length != 0 ? row_length : extent.width;
   const uint32_t rows = image_height != 0 ? image_height : extent.height;
   const size_t source_size = (size_t)row_texels * rows * texel_size;
   uint8_t *source = malloc(source_size);
   const size_t whole_size = (size_t)level_extent.width * level_extent.height * texel_size;
   uint8_t *before = calloc(1, whole_size);
   uint8_t *after = malloc(whole_size);
   pattern(source, source_size, aspect + mip);

   const VkImageToMemoryCopy whole = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_TO_MEMORY_COPY,
      .imageSubresource = {aspect, mip, 0, 1},
      .imageExtent = level_extent,
   };
   const VkImageToMemoryCopy whole_after = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_TO_MEMORY_COPY,
      .pHostPointer = after,
      .imageSubresource = {aspect, mip, 0, 1},
      .imageExtent = level_extent,
   };
   VkImageToMemoryCopy read_before = whole;
   read_before.pHostPointer = before;
   CHECK_SUCCESS(copy_to_memory(hc, t, image, 0, &read_before));

   const VkMemoryToImageCopy write = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_TO_IMAGE_COPY,
      .pHostPointer = source,
      .memoryRowLength = row_length,
      .memoryImageHeight = image_height,
      .imageSubresource = {aspect, mip, 0, 1},
      .imageOffset = offset,
      .imageExtent = extent,
   };
   CHECK_SUCCESS(copy_to_image(hc, t, image, 0, &write));
   CHECK_SUCCESS(copy_to_memory(hc, t, image, 0, &whole_after));

   for (uint32_t y = 0; y < level_extent.height && !t->failed; y++) {
      for (uint32_t x = 0; x < level_extent.width && !t->failed; x++) {
         const uint8_t *got = after + ((size_t)y * level_extent.width + x) * texel_size;
         const bool inside = x >= (uint32_t)offset.x && x < offset.x + extent.width && y >= (uint32_t)offset.y &&
                             y < offset.y + extent.height;
         const uint8_t *want = inside ? source + ((size_t)(y - offset.y) * row_texels + (x - offset.x)) * texel_size
                                      : before + ((size_t)y * level_extent.width + x) * texel_size;
         CHECK(memcmp(got, want, texel_size) == 0, "(aspect 0x%x, mip %u, texel %u,%u)", aspect, mip, x, y);
      }
   }
   free(source);
   free(before);
   free(after);
}

/* --- features and properties ----------------------------------------------- */

static void
test_feature_is_reported_in_both_structures(struct vkt *t)
{
   VkPhysicalDeviceHostImageCopyFeatures individual = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_IMAGE_COPY_FEATURES};
   VkPhysicalDeviceVulkan14Features v14 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_FEATURES,
                                           .pNext = &individual};
   VkPhysicalDeviceFeatures2 features = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, .pNext = &v14};
   vkGetPhysicalDeviceFeatures2(t->physical_device, &features);
   CHECK(v14.hostImageCopy == VK_TRUE);
   CHECK(individual.hostImageCopy == VK_TRUE);
}

static bool
has_layout(const VkImageLayout *layouts, uint32_t count, VkImageLayout layout)
{
   for (uint32_t i = 0; i < count; i++) {
      if (layouts[i] == layout)
         return true;
   }
   return false;
}

/* The count/array pattern: NULL asks for the count; an array gets at most
 * its count, and the count becomes the number written. */
static void
test_properties_list_copy_layouts(struct vkt *t)
{
   VkPhysicalDeviceHostImageCopyProperties host = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_IMAGE_COPY_PROPERTIES};
   VkPhysicalDeviceVulkan14Properties v14 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_PROPERTIES,
                                             .pNext = &host};
   VkPhysicalDeviceProperties2 props = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, .pNext = &v14};
   vkGetPhysicalDeviceProperties2(t->physical_device, &props);
   CHECK(host.copySrcLayoutCount > 0 && host.copyDstLayoutCount > 0);
   CHECK(host.copySrcLayoutCount == v14.copySrcLayoutCount && host.copyDstLayoutCount == v14.copyDstLayoutCount);
   CHECK(host.pCopySrcLayouts == NULL && v14.pCopyDstLayouts == NULL, "(NULL arrays stay NULL)");
   CHECK(host.identicalMemoryTypeRequirements == VK_TRUE && v14.identicalMemoryTypeRequirements == VK_TRUE);
   uint8_t zero[VK_UUID_SIZE] = {0};
   CHECK(memcmp(host.optimalTilingLayoutUUID, zero, VK_UUID_SIZE) != 0);
   CHECK(memcmp(host.optimalTilingLayoutUUID, v14.optimalTilingLayoutUUID, VK_UUID_SIZE) == 0);

   const uint32_t count = host.copySrcLayoutCount;
   VkImageLayout src[64], dst[64], v14_src[64], v14_dst[64];
   CHECK(count <= 64 && host.copyDstLayoutCount <= 64);
   if (t->failed)
      return;
   host.pCopySrcLayouts = src;
   host.pCopyDstLayouts = dst;
   v14.copySrcLayoutCount = count;
   v14.copyDstLayoutCount = host.copyDstLayoutCount;
   v14.pCopySrcLayouts = v14_src;
   v14.pCopyDstLayouts = v14_dst;
   vkGetPhysicalDeviceProperties2(t->physical_device, &props);
   CHECK(host.pCopySrcLayouts == src && v14.pCopyDstLayouts == v14_dst, "(the application's arrays are kept)");
   CHECK(host.copySrcLayoutCount == count && v14.copySrcLayoutCount == count);
   CHECK(memcmp(src, v14_src, count * sizeof(VkImageLayout)) == 0);
   CHECK(memcmp(dst, v14_dst, host.copyDstLayoutCount * sizeof(VkImageLayout)) == 0);
   /* GENERAL is the layout vkTransitionImageLayout prepares a new image in;
    * the initial layouts are only left. */
   CHECK(has_layout(src, count, VK_IMAGE_LAYOUT_GENERAL) &&
         has_layout(dst, host.copyDstLayoutCount, VK_IMAGE_LAYOUT_GENERAL));
   CHECK(has_layout(dst, host.copyDstLayoutCount, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL));
   CHECK(!has_layout(src, count, VK_IMAGE_LAYOUT_UNDEFINED) &&
         !has_layout(dst, host.copyDstLayoutCount, VK_IMAGE_LAYOUT_UNDEFINED));

   /* A short array: only as many as it holds. */
   VkImageLayout two[3] = {VK_IMAGE_LAYOUT_MAX_ENUM, VK_IMAGE_LAYOUT_MAX_ENUM, VK_IMAGE_LAYOUT_MAX_ENUM};
   VkPhysicalDeviceHostImageCopyProperties short_query = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_IMAGE_COPY_PROPERTIES,
      .copySrcLayoutCount = 2,
      .pCopySrcLayouts = two,
   };
   props.pNext = &short_query;
   vkGetPhysicalDeviceProperties2(t->physical_device, &props);
   CHECK(short_query.copySrcLayoutCount == 2 && two[0] == src[0] && two[1] == src[1] &&
         two[2] == VK_IMAGE_LAYOUT_MAX_ENUM);
   CHECK(short_query.copyDstLayoutCount == host.copyDstLayoutCount);
}

/* With hostImageCopy, formats that support SAMPLED_IMAGE must support
 * HOST_IMAGE_TRANSFER; memvk reports it for every format in both tilings. */
static void
test_formats_support_host_image_transfer(struct vkt *t)
{
   const VkFormat formats[] = {
      VK_FORMAT_R8G8B8A8_UNORM, VK_FORMAT_BC1_RGB_UNORM_BLOCK, VK_FORMAT_D24_UNORM_S8_UINT,
      VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, VK_FORMAT_ASTC_8x5_UNORM_BLOCK, VK_FORMAT_R64G64B64A64_SFLOAT,
   };
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(formats); i++) {
      VkFormatProperties3 props3 = {.sType = VK_STRUCTURE_TYPE_FORMAT_PROPERTIES_3};
      VkFormatProperties2 props = {.sType = VK_STRUCTURE_TYPE_FORMAT_PROPERTIES_2, .pNext = &props3};
      vkGetPhysicalDeviceFormatProperties2(t->physical_device, formats[i], &props);
      CHECK(props3.optimalTilingFeatures & VK_FORMAT_FEATURE_2_HOST_IMAGE_TRANSFER_BIT, "(format %d)", formats[i]);
      CHECK(props3.linearTilingFeatures & VK_FORMAT_FEATURE_2_HOST_IMAGE_TRANSFER_BIT, "(format %d)", formats[i]);
      CHECK(!(props3.bufferFeatures & VK_FORMAT_FEATURE_2_HOST_IMAGE_TRANSFER_BIT));
   }
}

static void
test_image_format_query_accepts_host_transfer(struct vkt *t)
{
   VkHostImageCopyDevicePerformanceQuery performance = {
      .sType = VK_STRUCTURE_TYPE_HOST_IMAGE_COPY_DEVICE_PERFORMANCE_QUERY};
   VkImageFormatProperties2 props = {.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2, .pNext = &performance};
   const VkPhysicalDeviceImageFormatInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .type = VK_IMAGE_TYPE_2D,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
      .usage = VK_IMAGE_USAGE_HOST_TRANSFER_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
   };
   CHECK_SUCCESS(vkGetPhysicalDeviceImageFormatProperties2(t->physical_device, &info, &props));
   CHECK(props.imageFormatProperties.maxMipLevels > 1);
   CHECK(performance.optimalDeviceAccess == VK_TRUE && performance.identicalMemoryLayout == VK_TRUE);

   VkImageFormatProperties props10;
   CHECK_SUCCESS(vkGetPhysicalDeviceImageFormatProperties(t->physical_device, VK_FORMAT_D24_UNORM_S8_UINT,
                                                          VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                                                          VK_IMAGE_USAGE_HOST_TRANSFER_BIT, 0, &props10));
}

/* "identicalMemoryTypeRequirements": HOST_TRANSFER changes nothing of an
 * image's requirements. */
static void
test_host_transfer_usage_changes_no_requirement(struct vkt *t)
{
   struct test_image plain, host;
   if (!image_create(t, VK_FORMAT_R8G8B8A8_UNORM, (VkExtent3D){32, 16, 1}, 3, 2, VK_IMAGE_TILING_OPTIMAL,
                     VK_IMAGE_USAGE_TRANSFER_DST_BIT, &plain))
      return;
   if (!image_create(t, VK_FORMAT_R8G8B8A8_UNORM, (VkExtent3D){32, 16, 1}, 3, 2, VK_IMAGE_TILING_OPTIMAL,
                     VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_HOST_TRANSFER_BIT, &host))
      return;
   VkMemoryRequirements a, b;
   vkGetImageMemoryRequirements(t->device, plain.image, &a);
   vkGetImageMemoryRequirements(t->device, host.image, &b);
   CHECK(rt_same_requirements(&a, &b));
   image_destroy(t, &plain);
   image_destroy(t, &host);
}

/* --- copies ------------------------------------------------------------------ */

static void
test_transition_image_layout_returns_success(struct vkt *t)
{
   struct host_copy hc;
   struct test_image image;
   if (!get_commands(t, &hc) ||
       !image_create(t, VK_FORMAT_D32_SFLOAT_S8_UINT, (VkExtent3D){8, 8, 1}, 2, 2, VK_IMAGE_TILING_OPTIMAL,
                     HOST_COPY_USAGE, &image))
      return;
   const VkHostImageLayoutTransitionInfo transitions[] = {
      {.sType = VK_STRUCTURE_TYPE_HOST_IMAGE_LAYOUT_TRANSITION_INFO,
       .image = image.image,
       .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
       .newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
       .subresourceRange = {VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT, 0, 2, 0, 2}},
      {.sType = VK_STRUCTURE_TYPE_HOST_IMAGE_LAYOUT_TRANSITION_INFO,
       .image = image.image,
       .oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
       .newLayout = VK_IMAGE_LAYOUT_GENERAL,
       .subresourceRange = {VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT, 0, 1, 0, 1}},
   };
   CHECK_SUCCESS(hc.transition(t->device, 2, transitions));
   image_destroy(t, &image);
}

/* A linear image, whose subresource layout the application may read
 * through a map: the host copy puts each texel where
 * vkGetImageSubresourceLayout says, with memoryRowLength and
 * memoryImageHeight spacing the source's rows and layers. */
static void
test_memory_to_image_follows_row_length_and_image_height(struct vkt *t)
{
   struct host_copy hc;
   struct test_image image;
   const VkExtent3D extent = {16, 8, 1};
   if (!get_commands(t, &hc) ||
       !image_create(t, VK_FORMAT_R8G8B8A8_UNORM, extent, 1, 3, VK_IMAGE_TILING_LINEAR, HOST_COPY_USAGE, &image))
      return;
   to_general(t, &hc, image.image, VK_IMAGE_ASPECT_COLOR_BIT);
   const uint32_t row_length = 9, image_height = 6;
   const VkOffset3D offset = {3, 2, 0};
   const VkExtent3D region = {5, 4, 1};
   const size_t layer_bytes = (size_t)row_length * image_height * 4;
   uint8_t source[2 * 9 * 6 * 4];
   pattern(source, sizeof(source), 7);
   const VkMemoryToImageCopy write = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_TO_IMAGE_COPY,
      .pHostPointer = source,
      .memoryRowLength = row_length,
      .memoryImageHeight = image_height,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 2},
      .imageOffset = offset,
      .imageExtent = region,
   };
   CHECK_SUCCESS(copy_to_image(&hc, t, image.image, 0, &write));

   uint8_t *map = NULL;
   CHECK_SUCCESS(vkMapMemory(t->device, image.memory, 0, VK_WHOLE_SIZE, 0, (void **)&map));
   if (t->failed)
      return;
   for (uint32_t layer = 1; layer <= 2; layer++) {
      VkSubresourceLayout layout;
      const VkImageSubresource subresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer};
      vkGetImageSubresourceLayout(t->device, image.image, &subresource, &layout);
      for (uint32_t y = 0; y < region.height; y++) {
         const uint8_t *in_image = map + layout.offset + (offset.y + y) * layout.rowPitch + offset.x * 4;
         const uint8_t *in_source = source + (layer - 1) * layer_bytes + (size_t)y * row_length * 4;
         CHECK(memcmp(in_image, in_source, region.width * 4) == 0, "(layer %u, row %u)", layer, y);
      }
   }
   /* Layer 0 was not in the region: untouched. */
   VkSubresourceLayout layer0;
   vkGetImageSubresourceLayout(t->device, image.image, &(VkImageSubresource){VK_IMAGE_ASPECT_COLOR_BIT, 0, 0},
                               &layer0);
   for (VkDeviceSize b = 0; b < layer0.size; b++)
      CHECK(map[layer0.offset + b] == 0, "(layer 0 byte %" PRIu64 ")", b);
   vkUnmapMemory(t->device, image.memory);
   image_destroy(t, &image);
}

static void
test_memory_image_memory_round_trip_across_mips(struct vkt *t)
{
   struct host_copy hc;
   struct test_image image;
   const VkExtent3D extent = {20, 12, 1};
   if (!get_commands(t, &hc) ||
       !image_create(t, VK_FORMAT_R16G16B16A16_UNORM, extent, 3, 1, VK_IMAGE_TILING_OPTIMAL, HOST_COPY_USAGE,
                     &image))
      return;
   to_general(t, &hc, image.image, VK_IMAGE_ASPECT_COLOR_BIT);
   check_padded_round_trip(t, &hc, image.image, VK_IMAGE_ASPECT_COLOR_BIT, 8, extent, 0, (VkOffset3D){4, 3, 0},
                           (VkExtent3D){11, 7, 1}, 13, 9);
   check_padded_round_trip(t, &hc, image.image, VK_IMAGE_ASPECT_COLOR_BIT, 8, (VkExtent3D){10, 6, 1}, 1,
                           (VkOffset3D){1, 1, 0}, (VkExtent3D){9, 5, 1}, 0, 0);
   image_destroy(t, &image);
}

/* BC1: 8-byte blocks of 4x4 texels; memoryRowLength counts texels and is
 * rounded to whole blocks ("Buffer and Image Addressing"). */
static void
test_compressed_round_trip_in_blocks(struct vkt *t)
{
   struct host_copy hc;
   struct test_image image;
   if (!get_commands(t, &hc) ||
       !image_create(t, VK_FORMAT_BC1_RGB_UNORM_BLOCK, (VkExtent3D){16, 16, 1}, 1, 1, VK_IMAGE_TILING_OPTIMAL,
                     HOST_COPY_USAGE, &image))
      return;
   to_general(t, &hc, image.image, VK_IMAGE_ASPECT_COLOR_BIT);
   /* The 16x16 image as a 4x4 grid of blocks: the same round trip as an
    * uncompressed 4x4 image of 8-byte texels, region (1,1)+(2,2) blocks from
    * rows of 3 blocks. */
   uint8_t source[3 * 2 * 8];
   pattern(source, sizeof(source), 3);
   const VkMemoryToImageCopy write = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_TO_IMAGE_COPY,
      .pHostPointer = source,
      .memoryRowLength = 12,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
      .imageOffset = {4, 4, 0},
      .imageExtent = {8, 8, 1},
   };
   CHECK_SUCCESS(copy_to_image(&hc, t, image.image, 0, &write));
   uint8_t whole[4 * 4 * 8];
   memset(whole, 0xee, sizeof(whole));
   const VkImageToMemoryCopy read = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_TO_MEMORY_COPY,
      .pHostPointer = whole,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
      .imageExtent = {16, 16, 1},
   };
   CHECK_SUCCESS(copy_to_memory(&hc, t, image.image, 0, &read));
   for (uint32_t by = 0; by < 4; by++) {
      for (uint32_t bx = 0; bx < 4; bx++) {
         const uint8_t *got = whole + (by * 4 + bx) * 8;
         if (bx >= 1 && bx < 3 && by >= 1 && by < 3) {
            CHECK(memcmp(got, source + ((by - 1) * 3 + (bx - 1)) * 8, 8) == 0, "(block %u,%u)", bx, by);
         } else {
            static const uint8_t zero[8];
            CHECK(memcmp(got, zero, 8) == 0, "(block %u,%u outside the region)", bx, by);
         }
      }
   }
   image_destroy(t, &image);
}

/* Depth and stencil are copied apart, each at its copy size (D24 in 4
 * bytes, S8 in 1); a multi-planar plane is its own image (plane 1 of
 * G8_B8R8_2PLANE_420 is an R8G8 image of half the extent). */
static void
test_depth_stencil_and_plane_aspects_round_trip(struct vkt *t)
{
   struct host_copy hc;
   struct test_image depth_stencil, planar;
   if (!get_commands(t, &hc) ||
       !image_create(t, VK_FORMAT_D24_UNORM_S8_UINT, (VkExtent3D){8, 6, 1}, 1, 1, VK_IMAGE_TILING_OPTIMAL,
                     HOST_COPY_USAGE, &depth_stencil) ||
       !image_create(t, VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, (VkExtent3D){16, 8, 1}, 1, 1, VK_IMAGE_TILING_OPTIMAL,
                     HOST_COPY_USAGE, &planar))
      return;
   to_general(t, &hc, depth_stencil.image, VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT);
   to_general(t, &hc, planar.image, VK_IMAGE_ASPECT_COLOR_BIT);
   check_padded_round_trip(t, &hc, depth_stencil.image, VK_IMAGE_ASPECT_DEPTH_BIT, 4, (VkExtent3D){8, 6, 1}, 0,
                           (VkOffset3D){1, 2, 0}, (VkExtent3D){6, 3, 1}, 7, 4);
   check_padded_round_trip(t, &hc, depth_stencil.image, VK_IMAGE_ASPECT_STENCIL_BIT, 1, (VkExtent3D){8, 6, 1}, 0,
                           (VkOffset3D){2, 0, 0}, (VkExtent3D){5, 6, 1}, 0, 0);
   check_padded_round_trip(t, &hc, planar.image, VK_IMAGE_ASPECT_PLANE_1_BIT, 2, (VkExtent3D){8, 4, 1}, 0,
                           (VkOffset3D){2, 1, 0}, (VkExtent3D){5, 3, 1}, 6, 0);
   check_padded_round_trip(t, &hc, planar.image, VK_IMAGE_ASPECT_PLANE_0_BIT, 1, (VkExtent3D){16, 8, 1}, 0,
                           (VkOffset3D){0, 0, 0}, (VkExtent3D){16, 8, 1}, 0, 0);
   image_destroy(t, &depth_stencil);
   image_destroy(t, &planar);
}

/* VK_HOST_IMAGE_COPY_MEMCPY: the host memory holds the subresource's bytes
 * as memvk stores them, VkSubresourceHostMemcpySize::size per layer; on
 * memvk that is the tightly packed copy. */
static void
test_memcpy_round_trip_uses_host_memcpy_size(struct vkt *t)
{
   struct host_copy hc;
   struct test_image image;
   if (!get_commands(t, &hc) ||
       !image_create(t, VK_FORMAT_R8G8B8A8_UNORM, (VkExtent3D){24, 10, 1}, 2, 2, VK_IMAGE_TILING_OPTIMAL,
                     HOST_COPY_USAGE, &image))
      return;
   to_general(t, &hc, image.image, VK_IMAGE_ASPECT_COLOR_BIT);
   VkSubresourceHostMemcpySize memcpy_size = {.sType = VK_STRUCTURE_TYPE_SUBRESOURCE_HOST_MEMCPY_SIZE};
   VkSubresourceLayout2 layout = {.sType = VK_STRUCTURE_TYPE_SUBRESOURCE_LAYOUT_2, .pNext = &memcpy_size};
   const VkImageSubresource2 subresource = {.sType = VK_STRUCTURE_TYPE_IMAGE_SUBRESOURCE_2,
                                            .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 1, 0}};
   hc.subresource_layout2(t->device, image.image, &subresource, &layout);
   CHECK(memcpy_size.size == 12u * 5u * 4u, "(mip 1 of 24x10 RGBA8: %" PRIu64 ")", memcpy_size.size);
   if (t->failed)
      return;

   const size_t size = (size_t)memcpy_size.size;
   uint8_t *source = malloc(2 * size), *copied = malloc(2 * size), *tight = malloc(2 * size);
   pattern(source, 2 * size, 11);
   const VkMemoryToImageCopy write = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_TO_IMAGE_COPY,
      .pHostPointer = source,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 1, 0, 2},
      .imageExtent = {12, 5, 1},
   };
   CHECK_SUCCESS(copy_to_image(&hc, t, image.image, VK_HOST_IMAGE_COPY_MEMCPY, &write));
   const VkImageToMemoryCopy read = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_TO_MEMORY_COPY,
      .pHostPointer = copied,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 1, 0, 2},
      .imageExtent = {12, 5, 1},
   };
   CHECK_SUCCESS(copy_to_memory(&hc, t, image.image, VK_HOST_IMAGE_COPY_MEMCPY, &read));
   CHECK(memcmp(source, copied, 2 * size) == 0);
   VkImageToMemoryCopy read_tight = read;
   read_tight.pHostPointer = tight;
   CHECK_SUCCESS(copy_to_memory(&hc, t, image.image, 0, &read_tight));
   CHECK(memcmp(source, tight, 2 * size) == 0, "(memvk's MEMCPY layout is the tightly packed one)");
   free(source);
   free(copied);
   free(tight);
   image_destroy(t, &image);
}

static void
test_image_to_image_copies_a_region_and_a_whole_subresource(struct vkt *t)
{
   struct host_copy hc;
   struct test_image src, dst;
   const VkExtent3D extent = {12, 12, 1};
   if (!get_commands(t, &hc) ||
       !image_create(t, VK_FORMAT_R32_UINT, extent, 1, 2, VK_IMAGE_TILING_OPTIMAL, HOST_COPY_USAGE, &src) ||
       !image_create(t, VK_FORMAT_R32_UINT, extent, 1, 2, VK_IMAGE_TILING_OPTIMAL, HOST_COPY_USAGE, &dst))
      return;
   to_general(t, &hc, src.image, VK_IMAGE_ASPECT_COLOR_BIT);
   to_general(t, &hc, dst.image, VK_IMAGE_ASPECT_COLOR_BIT);
   uint32_t texels[2][12 * 12];
   pattern((uint8_t *)texels, sizeof(texels), 5);
   const VkMemoryToImageCopy fill = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_TO_IMAGE_COPY,
      .pHostPointer = texels,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 2},
      .imageExtent = extent,
   };
   CHECK_SUCCESS(copy_to_image(&hc, t, src.image, 0, &fill));

   /* src layer 1, (2,3)+(5,4) -> dst layer 0 at (6,7). */
   const VkImageCopy2 region = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_COPY_2,
      .srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 1},
      .srcOffset = {2, 3, 0},
      .dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
      .dstOffset = {6, 7, 0},
      .extent = {5, 4, 1},
   };
   VkCopyImageToImageInfo info = {
      .sType = VK_STRUCTURE_TYPE_COPY_IMAGE_TO_IMAGE_INFO,
      .srcImage = src.image,
      .srcImageLayout = VK_IMAGE_LAYOUT_GENERAL,
      .dstImage = dst.image,
      .dstImageLayout = VK_IMAGE_LAYOUT_GENERAL,
      .regionCount = 1,
      .pRegions = &region,
   };
   CHECK_SUCCESS(hc.image_to_image(t->device, &info));
   uint32_t got[12 * 12];
   const VkImageToMemoryCopy read = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_TO_MEMORY_COPY,
      .pHostPointer = got,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
      .imageExtent = extent,
   };
   CHECK_SUCCESS(copy_to_memory(&hc, t, dst.image, 0, &read));
   for (uint32_t y = 0; y < 12; y++) {
      for (uint32_t x = 0; x < 12; x++) {
         const bool inside = x >= 6 && x < 11 && y >= 7 && y < 11;
         const uint32_t want = inside ? texels[1][(y - 7 + 3) * 12 + (x - 6 + 2)] : 0;
         CHECK(got[y * 12 + x] == want, "(texel %u,%u)", x, y);
      }
   }

   /* MEMCPY between identically created images: whole subresources. */
   const VkImageCopy2 whole = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_COPY_2,
      .srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 2},
      .dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 2},
      .extent = extent,
   };
   info.flags = VK_HOST_IMAGE_COPY_MEMCPY;
   info.pRegions = &whole;
   CHECK_SUCCESS(hc.image_to_image(t->device, &info));
   uint32_t both[2][12 * 12];
   VkImageToMemoryCopy read_both = read;
   read_both.pHostPointer = both;
   read_both.imageSubresource.layerCount = 2;
   CHECK_SUCCESS(copy_to_memory(&hc, t, dst.image, 0, &read_both));
   CHECK(memcmp(both, texels, sizeof(texels)) == 0);
   image_destroy(t, &src);
   image_destroy(t, &dst);
}

/* A host copy writes the image's memory at once: a queue copy recorded and
 * submitted afterwards reads the same bytes. */
static void
test_queue_copy_sees_host_copied_bytes(struct vkt *t)
{
   struct host_copy hc;
   struct test_image image;
   const VkExtent3D extent = {8, 8, 1};
   if (!get_commands(t, &hc) ||
       !image_create(t, VK_FORMAT_R8G8B8A8_UNORM, extent, 1, 1, VK_IMAGE_TILING_OPTIMAL, HOST_COPY_USAGE, &image))
      return;
   to_general(t, &hc, image.image, VK_IMAGE_ASPECT_COLOR_BIT);
   uint8_t texels[8 * 8 * 4];
   pattern(texels, sizeof(texels), 9);
   const VkMemoryToImageCopy write = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_TO_IMAGE_COPY,
      .pHostPointer = texels,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
      .imageExtent = extent,
   };
   CHECK_SUCCESS(copy_to_image(&hc, t, image.image, 0, &write));

   const VkBufferCreateInfo buffer_info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = sizeof(texels),
      .usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT,
   };
   VkBuffer buffer = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateBuffer(t->device, &buffer_info, NULL, &buffer));
   VkMemoryRequirements requirements;
   vkGetBufferMemoryRequirements(t->device, buffer, &requirements);
   VkDeviceMemory memory = rt_allocate(t, requirements.size, requirements.memoryTypeBits,
                                       VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                       NULL);
   if (t->failed)
      return;
   CHECK_SUCCESS(vkBindBufferMemory(t->device, buffer, memory, 0));

   const VkCommandPoolCreateInfo pool_info = {.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
                                              .queueFamilyIndex = t->queue_family};
   VkCommandPool pool = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateCommandPool(t->device, &pool_info, NULL, &pool));
   const VkCommandBufferAllocateInfo cb_info = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
                                                .commandPool = pool,
                                                .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
                                                .commandBufferCount = 1};
   VkCommandBuffer cb = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkAllocateCommandBuffers(t->device, &cb_info, &cb));
   const VkCommandBufferBeginInfo begin = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
   CHECK_SUCCESS(vkBeginCommandBuffer(cb, &begin));
   const VkBufferImageCopy region = {
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
      .imageExtent = extent,
   };
   vkCmdCopyImageToBuffer(cb, image.image, VK_IMAGE_LAYOUT_GENERAL, buffer, 1, &region);
   CHECK_SUCCESS(vkEndCommandBuffer(cb));
   const VkSubmitInfo submit = {.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO, .commandBufferCount = 1,
                                .pCommandBuffers = &cb};
   CHECK_SUCCESS(vkQueueSubmit(t->queue, 1, &submit, VK_NULL_HANDLE));
   CHECK_SUCCESS(vkQueueWaitIdle(t->queue));

   void *map = NULL;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, &map));
   if (map != NULL)
      CHECK(memcmp(map, texels, sizeof(texels)) == 0);
   vkDestroyCommandPool(t->device, pool, NULL);
   vkDestroyBuffer(t->device, buffer, NULL);
   vkFreeMemory(t->device, memory, NULL);
   image_destroy(t, &image);
}

/* --- invalid usage ------------------------------------------------------------
 * A copy that would write outside the image aborts naming its VUID; the
 * case runs in a child process. */

static void
expect_abort(struct vkt *t, void (*body)(struct vkt *t), const char *vuid)
{
   int fds[2];
   CHECK(pipe(fds) == 0);
   if (t->failed)
      return;
   fflush(stdout);
   fflush(stderr);
   const pid_t pid = fork();
   if (pid == 0) {
      const struct rlimit no_core = {0, 0};
      setrlimit(RLIMIT_CORE, &no_core);
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      body(t);
      _exit(0); /* reached only if memvk did not abort */
   }
   close(fds[1]);
   char output[2048];
   size_t length = 0;
   ssize_t n;
   while (length + 1 < sizeof(output) && (n = read(fds[0], output + length, sizeof(output) - 1 - length)) > 0)
      length += (size_t)n;
   output[length] = '\0';
   close(fds[0]);
   int status = 0;
   waitpid(pid, &status, 0);
   CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "the child did not abort (status 0x%x)", status);
   CHECK(strstr(output, vuid) != NULL, "the message does not name %s: %s", vuid, output);
}

static void
copy_into_image_without_host_transfer(struct vkt *t)
{
   struct host_copy hc;
   struct test_image image;
   if (!get_commands(t, &hc) || !image_create(t, VK_FORMAT_R8G8B8A8_UNORM, (VkExtent3D){4, 4, 1}, 1, 1,
                                              VK_IMAGE_TILING_OPTIMAL, VK_IMAGE_USAGE_TRANSFER_DST_BIT, &image))
      return;
   uint8_t texels[4 * 4 * 4] = {0};
   const VkMemoryToImageCopy write = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_TO_IMAGE_COPY,
      .pHostPointer = texels,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
      .imageExtent = {4, 4, 1},
   };
   copy_to_image(&hc, t, image.image, 0, &write);
}

static void
copy_past_the_image_edge(struct vkt *t)
{
   struct host_copy hc;
   struct test_image image;
   if (!get_commands(t, &hc) || !image_create(t, VK_FORMAT_R8G8B8A8_UNORM, (VkExtent3D){4, 4, 1}, 1, 1,
                                              VK_IMAGE_TILING_OPTIMAL, HOST_COPY_USAGE, &image))
      return;
   uint8_t texels[8 * 8 * 4] = {0};
   const VkImageToMemoryCopy read = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_TO_MEMORY_COPY,
      .pHostPointer = texels,
      .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
      .imageOffset = {2, 0, 0},
      .imageExtent = {4, 4, 1},
   };
   copy_to_memory(&hc, t, image.image, 0, &read);
}

static void
test_copy_without_host_transfer_usage_aborts(struct vkt *t)
{
   expect_abort(t, copy_into_image_without_host_transfer, "VUID-VkCopyMemoryToImageInfo-dstImage-09113");
}

static void
test_copy_outside_the_image_aborts(struct vkt *t)
{
   expect_abort(t, copy_past_the_image_edge, "VUID-VkCopyImageToMemoryInfo-imageSubresource-07970");
}

static const struct vkt_test tests[] = {
   {"feature_is_reported_in_both_structures", test_feature_is_reported_in_both_structures, {.no_device = true}},
   {"properties_list_copy_layouts", test_properties_list_copy_layouts, {.no_device = true}},
   {"formats_support_host_image_transfer", test_formats_support_host_image_transfer, {.no_device = true}},
   {"image_format_query_accepts_host_transfer", test_image_format_query_accepts_host_transfer, {.no_device = true}},
   {"host_transfer_usage_changes_no_requirement", test_host_transfer_usage_changes_no_requirement, WITH_FEATURE},
   {"transition_image_layout_returns_success", test_transition_image_layout_returns_success, WITH_VULKAN14_FEATURE},
   {"memory_to_image_follows_row_length_and_image_height", test_memory_to_image_follows_row_length_and_image_height,
    WITH_FEATURE},
   {"memory_image_memory_round_trip_across_mips", test_memory_image_memory_round_trip_across_mips,
    WITH_VULKAN14_FEATURE},
   {"compressed_round_trip_in_blocks", test_compressed_round_trip_in_blocks, WITH_FEATURE},
   {"depth_stencil_and_plane_aspects_round_trip", test_depth_stencil_and_plane_aspects_round_trip, WITH_FEATURE},
   {"memcpy_round_trip_uses_host_memcpy_size", test_memcpy_round_trip_uses_host_memcpy_size, WITH_FEATURE},
   {"image_to_image_copies_a_region_and_a_whole_subresource",
    test_image_to_image_copies_a_region_and_a_whole_subresource, WITH_FEATURE},
   {"queue_copy_sees_host_copied_bytes", test_queue_copy_sees_host_copied_bytes, WITH_FEATURE},
   {"copy_without_host_transfer_usage_aborts", test_copy_without_host_transfer_usage_aborts, WITH_FEATURE},
   {"copy_outside_the_image_aborts", test_copy_outside_the_image_aborts, WITH_FEATURE},
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
