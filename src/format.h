/* Everything memvk knows about a VkFormat, from one table (format.c). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <vulkan/vulkan.h>

struct memvk_format_plane {
   VkFormat format;          /* the plane's own single-plane format */
   uint8_t width_divisor;    /* chroma subsampling of this plane */
   uint8_t height_divisor;
};

struct memvk_format_info {
   /* Bytes of one texel block (for depth/stencil formats: of the format as a
    * whole), block extent in texels; 0 block_size means "not a format". */
   uint32_t block_size;
   uint8_t block_width, block_height, block_depth;
   VkImageAspectFlags aspects;
   /* Bytes per texel of each aspect as it is copied to or from a buffer
    * ("Depth/stencil formats" in the copy commands' rules); 0 if absent. */
   uint8_t depth_copy_size;
   uint8_t stencil_copy_size;
   bool compressed;
   /* Multi-planar formats: 2 or 3 planes; 1 otherwise (planes[] is then
    * unused). */
   uint8_t plane_count;
   struct memvk_format_plane planes[3];
   /* An integer (UINT/SINT) color format, or stencil only: its sample-count
    * limits are the integer ones. */
   bool integer;
   /* One of the formats that "require a sampler Y'CBCR conversion" (the
    * multi-planar, 4:2:2 and 10x6/12x4 4-pack formats). */
   bool ycbcr;
};

/* NULL for VK_FORMAT_UNDEFINED and any value memvk does not know. */
const struct memvk_format_info *memvk_format_info(VkFormat format);

/* The format features memvk supports for a format and tiling
 * (VkFormatProperties3 flags). */
VkFormatFeatureFlags2 memvk_format_features(VkFormat format, VkImageTiling tiling);
VkFormatFeatureFlags2 memvk_format_buffer_features(VkFormat format);

/* The answer of vkGetPhysicalDeviceImageFormatProperties2 without its pNext
 * structures: VK_ERROR_FORMAT_NOT_SUPPORTED for any combination memvk does
 * not accept, else the limits of such an image. */
VkResult memvk_image_format_properties(const VkPhysicalDeviceImageFormatInfo2 *image_info,
                                       VkImageFormatProperties *properties);
