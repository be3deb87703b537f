/* VkImage and VkImageView (image.c).  A contract for other files; image.c may
 * add fields.
 *
 * memvk lays every image out linearly, whatever its tiling: plane by plane
 * (depth and stencil of a combined format are separate planes), then mip
 * level by mip level, then array layer, then slice, row, texel block.  Each
 * plane and each mip level starts on a MEMVK_RESOURCE_ALIGNMENT boundary;
 * rows, slices and layers are packed tight (docs/resources.md).
 * memvk_image_subresource_layout() is the one place that says where a
 * subresource lives; copies and vkGetImageSubresourceLayout both use it. */
#pragma once

#include "format.h"
#include "memory.h"

/* One stored plane: the whole format for a single-plane colour format, the
 * depth or the stencil aspect of a depth/stencil format, or one plane of a
 * multi-planar format. */
struct memvk_image_plane {
   VkImageAspectFlagBits aspect;
   /* Bytes stored per texel block: the aspect's block size (for depth and
    * stencil, the size they are copied with), times the sample count:
    * samples of one block are stored next to each other. */
   uint32_t block_size;
   uint8_t block_width, block_height, block_depth;
   VkExtent3D extent;        /* of mip level 0, in texels of this plane */
   /* Relative to the image's binding; 0 for the planes of a disjoint image,
    * which each have their own binding. */
   VkDeviceSize offset;
   VkDeviceSize size;
};

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
   /* The stencil aspect's usage: VkImageStencilUsageCreateInfo's, or usage
    * (host image copies check HOST_TRANSFER per aspect). */
   VkImageUsageFlags stencil_usage;
   const struct memvk_format_info *format_info;
   VkDeviceSize size;        /* bytes of memory the image needs */
   /* Set by vkBindImageMemory(2); NULL until then, indexed by plane.  A
    * non-disjoint image has one binding, copied into every plane's slot, so
    * that a plane's bytes always start at
    * memory[p] + memory_offset[p] + planes[p].offset. */
   struct memvk_device_memory *memory[3];
   VkDeviceSize memory_offset[3];
   bool disjoint;
   uint32_t plane_count;
   struct memvk_image_plane planes[3];
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_image, VkImage, VK_OBJECT_TYPE_IMAGE)

/* Where one subresource lives, relative to the start of its plane's binding:
 * aspect is a single aspect bit (COLOR, DEPTH, STENCIL or PLANE_i). */
VkSubresourceLayout memvk_image_subresource_layout(const struct memvk_image *image,
                                                   VkImageAspectFlagBits aspect,
                                                   uint32_t mip_level, uint32_t array_layer);
/* Bytes of one texel block of the given aspect as stored in the image. */
uint32_t memvk_image_aspect_block_size(const struct memvk_image *image, VkImageAspectFlagBits aspect);
/* The index into planes[] (and memory[]) that stores the given single
 * aspect. */
uint32_t memvk_image_aspect_plane(const struct memvk_image *image, VkImageAspectFlagBits aspect);

struct memvk_image_view {
   struct memvk_object base;
   struct memvk_image *image;
   VkImageViewType view_type;
   VkFormat format;
   VkComponentMapping components;
   /* VK_REMAINING_MIP_LEVELS and VK_REMAINING_ARRAY_LAYERS resolved. */
   VkImageSubresourceRange subresource_range;
   VkImageUsageFlags usage;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_image_view, VkImageView, VK_OBJECT_TYPE_IMAGE_VIEW)
