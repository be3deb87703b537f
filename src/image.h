/* VkImage and VkImageView (image.c).  A contract for other files; image.c may
 * add fields.
 *
 * memvk lays every image out linearly, whatever its tiling: plane by plane
 * (depth and stencil of a combined format are separate planes), then mip
 * level by mip level, then array layer, then slice, row, texel block.
 * memvk_image_subresource_layout() is the one place that says where a
 * subresource lives; copies and vkGetImageSubresourceLayout both use it. */
#pragma once

#include "format.h"
#include "memory.h"

struct memvk_image {
   struct memvk_object base;
   VkImageCreateFlags flags;
   VkImageType type;
   VkFormat format;
   VkExtent3D extent;
   uint32_t mip_levels;
   uint32_t array_layers;
   VkSampleCountFlagBits samples;
   VkImageTiling tiling;
   VkImageUsageFlags usage;
   const struct memvk_format_info *format_info;
   VkDeviceSize size;        /* bytes of memory the image needs */
   /* Set by vkBindImageMemory(2); NULL until then.  For disjoint images, per
    * plane. */
   struct memvk_device_memory *memory[3];
   VkDeviceSize memory_offset[3];
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_image, VkImage, VK_OBJECT_TYPE_IMAGE)

/* Where one subresource lives, relative to the start of its plane's binding:
 * aspect is a single aspect bit (COLOR, DEPTH, STENCIL or PLANE_i). */
VkSubresourceLayout memvk_image_subresource_layout(const struct memvk_image *image,
                                                   VkImageAspectFlagBits aspect,
                                                   uint32_t mip_level, uint32_t array_layer);
/* Bytes of one texel block of the given aspect as stored in the image. */
uint32_t memvk_image_aspect_block_size(const struct memvk_image *image, VkImageAspectFlagBits aspect);

struct memvk_image_view {
   struct memvk_object base;
   struct memvk_image *image;
   VkImageViewType view_type;
   VkFormat format;
   VkComponentMapping components;
   VkImageSubresourceRange subresource_range;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_image_view, VkImageView, VK_OBJECT_TYPE_IMAGE_VIEW)
