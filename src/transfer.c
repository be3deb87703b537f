/* The transfer operations, executed by a queue worker on the bytes of the
 * memory objects that buffers and images are bound to (transfer.h).
 *
 * Buffer <-> image addressing follows the spec's "Copying Data Between
 * Buffers and Images": in the buffer, texel blocks are tightly packed rows
 * of bufferRowLength texels (imageExtent.width if zero), slices of
 * bufferImageHeight rows (imageExtent.height if zero), then array layers;
 * for block-compressed formats both are rounded up to whole blocks.  In the
 * image, memvk_image_subresource_layout() says where each subresource is. */
#include "transfer.h"

#include <inttypes.h>
#include <string.h>

#include "queue_rules.h"

/* --- memory access ------------------------------------------------------------ */

/* Both ranges of a copy, accessed together.  When they lie in one memory
 * object, it is accessed once over their union, so that a copy within one
 * allocation asks memory.c for one access, not two nested ones.  Distinct
 * objects are accessed in address order, one order for every thread. */
struct access_pair {
   struct memvk_device_memory *first, *second;
   uint8_t *a, *b;
};

static struct access_pair
begin_access_pair(struct memvk_device_memory *a_memory, VkDeviceSize a_offset, VkDeviceSize a_size,
                  struct memvk_device_memory *b_memory, VkDeviceSize b_offset, VkDeviceSize b_size)
{
   struct access_pair pair = { 0 };
   if (a_memory == b_memory) {
      const VkDeviceSize low = MEMVK_MIN(a_offset, b_offset);
      const VkDeviceSize high = MEMVK_MAX(a_offset + a_size, b_offset + b_size);
      uint8_t *base = memvk_device_memory_begin_access(a_memory, low, high - low);
      pair.first = a_memory;
      pair.a = base + (a_offset - low);
      pair.b = base + (b_offset - low);
      return pair;
   }
   if ((uintptr_t)a_memory < (uintptr_t)b_memory) {
      pair.a = memvk_device_memory_begin_access(a_memory, a_offset, a_size);
      pair.b = memvk_device_memory_begin_access(b_memory, b_offset, b_size);
   } else {
      pair.b = memvk_device_memory_begin_access(b_memory, b_offset, b_size);
      pair.a = memvk_device_memory_begin_access(a_memory, a_offset, a_size);
   }
   pair.first = a_memory;
   pair.second = b_memory;
   return pair;
}

static void
end_access_pair(const struct access_pair *pair)
{
   memvk_device_memory_end_access(pair->first);
   if (pair->second != NULL)
      memvk_device_memory_end_access(pair->second);
}

static struct memvk_device_memory *
bound_buffer_memory(const struct memvk_buffer *buffer)
{
   if (buffer->memory == NULL)
      memvk_abort_invalid_usage("VUID-vkCmdCopyBuffer-srcBuffer-00119",
                                "a buffer used by a transfer command is not bound to memory");
   return buffer->memory;
}

/* --- buffers ------------------------------------------------------------------ */

void
memvk_check_buffer_copy(const struct memvk_buffer *src, const struct memvk_buffer *dst, const VkBufferCopy *region,
                        const char *command)
{
   if (region->size == 0)
      memvk_abort_invalid_usage("VUID-VkBufferCopy-size-01988", "%s: a region's size must be greater than 0",
                                command);
   if (region->srcOffset >= src->size || region->size > src->size - region->srcOffset)
      memvk_abort_invalid_usage("VUID-vkCmdCopyBuffer-size-00115",
                                "%s: source range [%" PRIu64 ", +%" PRIu64 ") reaches beyond the buffer's %" PRIu64
                                " bytes",
                                command, region->srcOffset, region->size, src->size);
   if (region->dstOffset >= dst->size || region->size > dst->size - region->dstOffset)
      memvk_abort_invalid_usage("VUID-vkCmdCopyBuffer-size-00116",
                                "%s: destination range [%" PRIu64 ", +%" PRIu64
                                ") reaches beyond the buffer's %" PRIu64 " bytes",
                                command, region->dstOffset, region->size, dst->size);
}

void
memvk_copy_buffer(const struct memvk_buffer *src, const struct memvk_buffer *dst, uint32_t region_count,
                  const VkBufferCopy *regions)
{
   struct memvk_device_memory *src_memory = bound_buffer_memory(src);
   struct memvk_device_memory *dst_memory = bound_buffer_memory(dst);
   for (uint32_t i = 0; i < region_count; i++) {
      const VkBufferCopy *region = &regions[i];
      const struct access_pair pair =
         begin_access_pair(src_memory, src->memory_offset + region->srcOffset, region->size, dst_memory,
                           dst->memory_offset + region->dstOffset, region->size);
      /* Regions may not overlap (VUID-vkCmdCopyBuffer-pRegions-00117), but
       * two buffers may alias one memory range: memmove is exact either way
       * and as fast as memcpy when they do not overlap. */
      if (src_memory == dst_memory)
         memmove(pair.b, pair.a, (size_t)region->size);
      else
         memcpy(pair.b, pair.a, (size_t)region->size);
      end_access_pair(&pair);
   }
}

void
memvk_fill_buffer(const struct memvk_buffer *dst, VkDeviceSize offset, VkDeviceSize size, uint32_t data)
{
   if (size == 0)
      return;
   struct memvk_device_memory *memory = bound_buffer_memory(dst);
   uint8_t *bytes = memvk_device_memory_begin_access(memory, dst->memory_offset + offset, size);
   if ((data & 0xff) * 0x01010101u == data) {
      memset(bytes, (int)(data & 0xff), (size_t)size);
   } else {
      /* dstOffset is a multiple of 4 (VUID-vkCmdFillBuffer-dstOffset-00025)
       * and memory and bindings are at least 4-aligned: word stores. */
      uint32_t *words = (uint32_t *)(void *)bytes;
      for (size_t i = 0; i < size / 4; i++)
         words[i] = data;
   }
   memvk_device_memory_end_access(memory);
}

void
memvk_update_buffer(const struct memvk_buffer *dst, VkDeviceSize offset, VkDeviceSize size, const void *data)
{
   struct memvk_device_memory *memory = bound_buffer_memory(dst);
   uint8_t *bytes = memvk_device_memory_begin_access(memory, dst->memory_offset + offset, size);
   memcpy(bytes, data, (size_t)size);
   memvk_device_memory_end_access(memory);
}

/* --- images ------------------------------------------------------------------- */

/* How one aspect of an image is stored (image.h: each aspect is one plane)
 * and how it is copied to a buffer. */
struct aspect_info {
   VkImageAspectFlagBits aspect;
   uint32_t plane;               /* index into planes[] and memory[] */
   uint32_t image_block_size;    /* bytes of a block in the image */
   uint32_t buffer_block_size;   /* bytes of a block in a buffer */
   uint32_t block_width, block_height, block_depth;
   VkExtent3D extent;            /* mip level 0, in the plane's texels */
};

static struct aspect_info
image_aspect_info(const struct memvk_image *image, VkImageAspectFlagBits aspect, const char *command)
{
   const struct memvk_format_info *format = image->format_info;
   const uint32_t plane_index = memvk_image_aspect_plane(image, aspect);
   const struct memvk_image_plane *plane = &image->planes[plane_index];
   struct aspect_info info = {
      .aspect = aspect,
      .plane = plane_index,
      .image_block_size = plane->block_size,
      .block_width = plane->block_width,
      .block_height = plane->block_height,
      .block_depth = plane->block_depth,
      .extent = plane->extent,
   };
   /* "Depth/stencil formats": a depth or stencil aspect is copied to and
    * from buffers with the size of the corresponding format in the table of
    * the copy commands (D24 in 4 bytes, S8 in 1). */
   switch (aspect) {
   case VK_IMAGE_ASPECT_DEPTH_BIT:
      info.buffer_block_size = format->depth_copy_size;
      break;
   case VK_IMAGE_ASPECT_STENCIL_BIT:
      info.buffer_block_size = format->stencil_copy_size;
      break;
   default:
      info.buffer_block_size = plane->block_size / (uint32_t)image->samples;
      break;
   }
   if (image->memory[plane_index] == NULL)
      memvk_abort_invalid_usage("VUID-vkCmdCopyImage-srcImage-07966",
                                "%s: an image used by a transfer command is not bound to memory", command);
   return info;
}

static uint32_t
blocks(uint32_t texels, uint32_t block_dimension)
{
   return (texels + block_dimension - 1) / block_dimension;
}

static uint32_t
layer_count(const struct memvk_image *image, const VkImageSubresourceLayers *subresource)
{
   /* VK_KHR_maintenance5: "layerCount ... VK_REMAINING_ARRAY_LAYERS". */
   return subresource->layerCount == VK_REMAINING_ARRAY_LAYERS ? image->array_layers - subresource->baseArrayLayer
                                                                : subresource->layerCount;
}

/* The queue's rules for the image side of a region (vkCmdCopyBufferToImage's
 * names serve its kin vkCmdCopyImageToBuffer and vkCmdCopyImage too). */
static const struct memvk_region_vuids queue_region_vuids = {
   .aspect_mask = "VUID-VkBufferImageCopy-aspectMask-09103",
   .mip_level = "VUID-vkCmdCopyBufferToImage-imageSubresource-07967",
   .layers = "VUID-vkCmdCopyBufferToImage-imageSubresource-07968",
   .inside = "VUID-vkCmdCopyBufferToImage-pRegions-06218",
   .block_offset = "VUID-vkCmdCopyBufferToImage-pRegions-07274",
   .row_length = "VUID-VkBufferImageCopy-bufferRowLength-09101",
};

static void
check_subresource_region(const struct memvk_image *image, const struct aspect_info *aspect,
                         const VkImageSubresourceLayers *subresource, VkOffset3D offset, VkExtent3D extent,
                         const struct memvk_region_vuids *vuids, const char *command)
{
   if (subresource->mipLevel >= image->mip_levels)
      memvk_abort_invalid_usage(vuids->mip_level, "%s: mip level %u, but the image has %u", command,
                                subresource->mipLevel, image->mip_levels);
   const uint32_t layers = layer_count(image, subresource);
   if (layers == 0 || subresource->baseArrayLayer >= image->array_layers ||
       layers > image->array_layers - subresource->baseArrayLayer)
      memvk_abort_invalid_usage(vuids->layers, "%s: layers [%u, +%u) are not in the image's %u layers", command,
                                subresource->baseArrayLayer, layers, image->array_layers);
   const uint32_t level = subresource->mipLevel;
   const uint32_t width = MEMVK_MAX(aspect->extent.width >> level, 1u);
   const uint32_t height = MEMVK_MAX(aspect->extent.height >> level, 1u);
   const uint32_t depth = MEMVK_MAX(aspect->extent.depth >> level, 1u);
   if (offset.x < 0 || offset.y < 0 || offset.z < 0 || extent.width == 0 || extent.height == 0 ||
       extent.depth == 0 || (uint64_t)offset.x + extent.width > width ||
       (uint64_t)offset.y + extent.height > height || (uint64_t)offset.z + extent.depth > depth)
      memvk_abort_invalid_usage(vuids->inside,
                                "%s: region (%d,%d,%d)+(%u,%u,%u) is not inside mip level %u (%ux%ux%u)", command,
                                offset.x, offset.y, offset.z, extent.width, extent.height, extent.depth, level,
                                width, height, depth);
   if (offset.x % aspect->block_width || offset.y % aspect->block_height || offset.z % aspect->block_depth)
      memvk_abort_invalid_usage(vuids->block_offset,
                                "%s: the region's offset is not a multiple of the texel block extent", command);
}

/* The buffer side of one region, in bytes. */
struct buffer_layout {
   VkDeviceSize row_pitch, slice_pitch, layer_pitch;
   VkDeviceSize layer_bytes;   /* from a layer's first block to past its last */
};

static struct buffer_layout
buffer_layout(const VkBufferImageCopy *region, const struct aspect_info *aspect)
{
   const uint32_t row_length = region->bufferRowLength ? region->bufferRowLength : region->imageExtent.width;
   const uint32_t image_height = region->bufferImageHeight ? region->bufferImageHeight : region->imageExtent.height;
   const uint32_t width_blocks = blocks(region->imageExtent.width, aspect->block_width);
   const uint32_t height_blocks = blocks(region->imageExtent.height, aspect->block_height);
   const uint32_t depth_blocks = blocks(region->imageExtent.depth, aspect->block_depth);
   struct buffer_layout layout;
   layout.row_pitch = (VkDeviceSize)blocks(row_length, aspect->block_width) * aspect->buffer_block_size;
   layout.slice_pitch = (VkDeviceSize)blocks(image_height, aspect->block_height) * layout.row_pitch;
   layout.layer_pitch = layout.slice_pitch * depth_blocks;
   layout.layer_bytes = (depth_blocks - 1) * layout.slice_pitch + (height_blocks - 1) * layout.row_pitch +
                        (VkDeviceSize)width_blocks * aspect->buffer_block_size;
   return layout;
}

void
memvk_check_image_region(const struct memvk_image *image, const VkBufferImageCopy *region,
                         const struct memvk_region_vuids *vuids, const char *command)
{
   const VkImageAspectFlags mask = region->imageSubresource.aspectMask;
   if (mask == 0 || (mask & (mask - 1)) != 0)
      memvk_abort_invalid_usage(vuids->aspect_mask,
                                "%s: imageSubresource.aspectMask 0x%x must have exactly one bit set", command, mask);
   const struct aspect_info aspect = image_aspect_info(image, (VkImageAspectFlagBits)mask, command);
   check_subresource_region(image, &aspect, &region->imageSubresource, region->imageOffset, region->imageExtent,
                            vuids, command);
   if ((region->bufferRowLength != 0 && region->bufferRowLength < region->imageExtent.width) ||
       (region->bufferImageHeight != 0 && region->bufferImageHeight < region->imageExtent.height))
      memvk_abort_invalid_usage(vuids->row_length,
                                "%s: bufferRowLength/bufferImageHeight (memoryRowLength/memoryImageHeight) must "
                                "be 0 or at least the extent",
                                command);
}

VkDeviceSize
memvk_linear_region_size(const struct memvk_image *image, const VkBufferImageCopy *region)
{
   const struct aspect_info aspect =
      image_aspect_info(image, (VkImageAspectFlagBits)region->imageSubresource.aspectMask, "a copy");
   const struct buffer_layout layout = buffer_layout(region, &aspect);
   const uint32_t layers = layer_count(image, &region->imageSubresource);
   return (VkDeviceSize)(layers - 1) * layout.layer_pitch + layout.layer_bytes;
}

void
memvk_check_buffer_image_copy(const struct memvk_buffer *buffer, const struct memvk_image *image, bool to_image,
                              const VkBufferImageCopy *region, const char *command)
{
   const VkImageAspectFlags mask = region->imageSubresource.aspectMask;
   if (mask == 0 || (mask & (mask - 1)) != 0)
      memvk_abort_invalid_usage("VUID-VkBufferImageCopy-aspectMask-09103",
                                "%s: imageSubresource.aspectMask 0x%x must have exactly one bit set", command, mask);
   /* memvk's queue family has neither graphics nor compute. */
   if (to_image && (mask & (VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT)))
      memvk_abort_invalid_usage("VUID-vkCmdCopyBufferToImage-commandBuffer-07739",
                                "%s: a queue family without VK_QUEUE_GRAPHICS_BIT cannot write the depth or "
                                "stencil aspect from a buffer",
                                command);
   if (region->bufferOffset % 4 != 0)
      memvk_abort_invalid_usage(to_image ? "VUID-vkCmdCopyBufferToImage-commandBuffer-04052"
                                         : "VUID-vkCmdCopyImageToBuffer-commandBuffer-04052",
                                "%s: bufferOffset %" PRIu64 " must be a multiple of 4 on a queue family "
                                "without graphics or compute",
                                command, region->bufferOffset);
   memvk_check_image_region(image, region, &queue_region_vuids, command);
   const VkDeviceSize end = region->bufferOffset + memvk_linear_region_size(image, region);
   if (region->bufferOffset > buffer->size || end > buffer->size)
      memvk_abort_invalid_usage("VUID-vkCmdCopyBufferToImage-pRegions-00171",
                                "%s: the region reaches byte %" PRIu64 " of a %" PRIu64 "-byte buffer", command, end,
                                buffer->size);
}

/* Copies a run of blocks between a buffer and an image whose block sizes may
 * differ (a depth aspect may be stored wider than it is copied): each block
 * keeps its low-order bytes, which hold the value on a little-endian host. */
static void
copy_blocks(uint8_t *dst, uint32_t dst_block_size, const uint8_t *src, uint32_t src_block_size, uint32_t count)
{
   if (dst_block_size == src_block_size) {
      memcpy(dst, src, (size_t)count * dst_block_size);
      return;
   }
   const uint32_t kept = MEMVK_MIN(dst_block_size, src_block_size);
   for (uint32_t i = 0; i < count; i++) {
      memcpy(dst + (size_t)i * dst_block_size, src + (size_t)i * src_block_size, kept);
      memset(dst + (size_t)i * dst_block_size + kept, 0, dst_block_size - kept);
   }
}

void
memvk_copy_linear_image(const struct memvk_linear_bytes *linear, const struct memvk_image *image, bool to_image,
                        const VkBufferImageCopy *region)
{
   const VkImageSubresourceLayers *subresource = &region->imageSubresource;
   const struct aspect_info aspect =
      image_aspect_info(image, (VkImageAspectFlagBits)subresource->aspectMask, "a buffer-image copy");
   const struct buffer_layout linear_side = buffer_layout(region, &aspect);
   const uint32_t width_blocks = blocks(region->imageExtent.width, aspect.block_width);
   const uint32_t height_blocks = blocks(region->imageExtent.height, aspect.block_height);
   const uint32_t depth_blocks = blocks(region->imageExtent.depth, aspect.block_depth);
   const uint32_t x = (uint32_t)region->imageOffset.x / aspect.block_width;
   const uint32_t y = (uint32_t)region->imageOffset.y / aspect.block_height;
   const uint32_t z = (uint32_t)region->imageOffset.z / aspect.block_depth;
   const uint32_t layers = layer_count(image, subresource);
   struct memvk_device_memory *image_memory = image->memory[aspect.plane];

   for (uint32_t layer = 0; layer < layers; layer++) {
      const VkSubresourceLayout image_side = memvk_image_subresource_layout(
         image, aspect.aspect, subresource->mipLevel, subresource->baseArrayLayer + layer);
      const VkDeviceSize image_offset = image->memory_offset[aspect.plane] + image_side.offset;
      const VkDeviceSize linear_offset = region->bufferOffset + layer * linear_side.layer_pitch;
      struct access_pair pair;
      if (linear->memory != NULL) {
         pair = begin_access_pair(linear->memory, linear->offset + linear_offset, linear_side.layer_bytes,
                                  image_memory, image_offset, image_side.size);
      } else {
         /* The application's host memory does not move: only the image's
          * bytes need an access. */
         pair = (struct access_pair){
            .first = image_memory,
            .a = linear->host + linear_offset,
            .b = memvk_device_memory_begin_access(image_memory, image_offset, image_side.size),
         };
      }
      for (uint32_t slice = 0; slice < depth_blocks; slice++) {
         for (uint32_t row = 0; row < height_blocks; row++) {
            uint8_t *in_linear = pair.a + slice * linear_side.slice_pitch + row * linear_side.row_pitch;
            uint8_t *in_image = pair.b + (z + slice) * image_side.depthPitch + (y + row) * image_side.rowPitch +
                                (VkDeviceSize)x * aspect.image_block_size;
            if (to_image)
               copy_blocks(in_image, aspect.image_block_size, in_linear, aspect.buffer_block_size, width_blocks);
            else
               copy_blocks(in_linear, aspect.buffer_block_size, in_image, aspect.image_block_size, width_blocks);
         }
      }
      end_access_pair(&pair);
   }
}

void
memvk_copy_buffer_image(const struct memvk_buffer *buffer, const struct memvk_image *image, bool to_image,
                        uint32_t region_count, const VkBufferImageCopy *regions)
{
   const struct memvk_linear_bytes linear = {
      .memory = bound_buffer_memory(buffer),
      .offset = buffer->memory_offset,
   };
   for (uint32_t r = 0; r < region_count; r++)
      memvk_copy_linear_image(&linear, image, to_image, &regions[r]);
}

/* The aspects a region of vkCmdCopyImage pairs: one source aspect with one
 * destination aspect (a plane with a color aspect or another plane), or
 * depth with depth and stencil with stencil. */
static uint32_t
image_copy_aspect_pairs(const VkImageCopy *region, VkImageAspectFlagBits src[2], VkImageAspectFlagBits dst[2])
{
   const VkImageAspectFlags src_mask = region->srcSubresource.aspectMask;
   const VkImageAspectFlags dst_mask = region->dstSubresource.aspectMask;
   if (src_mask != 0 && (src_mask & (src_mask - 1)) == 0) {
      src[0] = (VkImageAspectFlagBits)src_mask;
      dst[0] = (VkImageAspectFlagBits)dst_mask;
      return 1;
   }
   uint32_t count = 0;
   for (VkImageAspectFlags bits = src_mask; bits != 0; bits &= bits - 1) {
      const VkImageAspectFlagBits bit = (VkImageAspectFlagBits)(bits & -bits);
      if (count == 2)
         break;
      src[count] = bit;
      dst[count] = bit;
      count++;
   }
   return count;
}

/* An image copy region as slices: array layers of a 2D image, or depth
 * slices of a 3D one (maintenance1 lets the two be copied to each other). */
static uint32_t
image_copy_slices(const struct memvk_image *src, const VkImageCopy *region, const struct aspect_info *aspect)
{
   return src->type == VK_IMAGE_TYPE_3D ? blocks(region->extent.depth, aspect->block_depth)
                                        : layer_count(src, &region->srcSubresource);
}

void
memvk_check_image_copy_rules(const struct memvk_image *src, const struct memvk_image *dst, const VkImageCopy *region,
                             const struct memvk_region_vuids *src_vuids, const struct memvk_region_vuids *dst_vuids,
                             const char *command)
{
   VkImageAspectFlagBits src_aspects[2], dst_aspects[2];
   const uint32_t pairs = image_copy_aspect_pairs(region, src_aspects, dst_aspects);
   if (pairs == 0)
      memvk_abort_invalid_usage("VUID-VkImageSubresourceLayers-aspectMask-requiredbitmask",
                                "%s: srcSubresource.aspectMask is 0", command);
   for (uint32_t i = 0; i < pairs; i++) {
      const struct aspect_info src_aspect = image_aspect_info(src, src_aspects[i], command);
      const struct aspect_info dst_aspect = image_aspect_info(dst, dst_aspects[i], command);
      if (src_aspect.image_block_size != dst_aspect.image_block_size)
         memvk_abort_invalid_usage("VUID-vkCmdCopyImage-srcImage-01548",
                                   "%s: formats %d and %d are not size-compatible", command, src->format,
                                   dst->format);
      /* Copying between a 2D array and a 3D image, extent.depth counts the
       * array layers on the 2D side, which has one slice. */
      VkExtent3D src_extent = region->extent;
      if (src->type != VK_IMAGE_TYPE_3D)
         src_extent.depth = 1;
      check_subresource_region(src, &src_aspect, &region->srcSubresource, region->srcOffset, src_extent, src_vuids,
                               command);
      /* The destination extent is the source's in destination texels: the
       * same number of blocks ("Copying Data Between Images"). */
      const VkExtent3D dst_extent = {
         blocks(region->extent.width, src_aspect.block_width) * dst_aspect.block_width,
         blocks(region->extent.height, src_aspect.block_height) * dst_aspect.block_height,
         dst->type == VK_IMAGE_TYPE_3D ? image_copy_slices(src, region, &src_aspect) * dst_aspect.block_depth : 1,
      };
      VkExtent3D clamped = dst_extent;
      /* A copy that ends at the edge of a mip level may cover a partial
       * block; compare in whole texels that exist. */
      const uint32_t level = region->dstSubresource.mipLevel;
      clamped.width = MEMVK_MIN(clamped.width,
                                MEMVK_MAX(dst_aspect.extent.width >> level, 1u) -
                                   (uint32_t)MEMVK_MAX(region->dstOffset.x, 0));
      clamped.height = MEMVK_MIN(clamped.height,
                                 MEMVK_MAX(dst_aspect.extent.height >> level, 1u) -
                                    (uint32_t)MEMVK_MAX(region->dstOffset.y, 0));
      check_subresource_region(dst, &dst_aspect, &region->dstSubresource, region->dstOffset, clamped, dst_vuids,
                               command);
      const uint32_t dst_slices = dst->type == VK_IMAGE_TYPE_3D ? dst_extent.depth / dst_aspect.block_depth
                                                               : layer_count(dst, &region->dstSubresource);
      if (dst_slices != image_copy_slices(src, region, &src_aspect))
         memvk_abort_invalid_usage("VUID-vkCmdCopyImage-srcImage-08793",
                                   "%s: the source and destination cover different numbers of layers/slices",
                                   command);
   }
}

void
memvk_check_image_copy(const struct memvk_image *src, const struct memvk_image *dst, const VkImageCopy *region,
                       const char *command)
{
   memvk_check_image_copy_rules(src, dst, region, &queue_region_vuids, &queue_region_vuids, command);
}

void
memvk_copy_image(const struct memvk_image *src, const struct memvk_image *dst, uint32_t region_count,
                 const VkImageCopy *regions)
{
   for (uint32_t r = 0; r < region_count; r++) {
      const VkImageCopy *region = &regions[r];
      VkImageAspectFlagBits src_aspects[2], dst_aspects[2];
      const uint32_t pairs = image_copy_aspect_pairs(region, src_aspects, dst_aspects);
      for (uint32_t p = 0; p < pairs; p++) {
         const struct aspect_info src_aspect = image_aspect_info(src, src_aspects[p], "vkCmdCopyImage");
         const struct aspect_info dst_aspect = image_aspect_info(dst, dst_aspects[p], "vkCmdCopyImage");
         const uint32_t width_blocks = blocks(region->extent.width, src_aspect.block_width);
         const uint32_t height_blocks = blocks(region->extent.height, src_aspect.block_height);
         const uint32_t slices = image_copy_slices(src, region, &src_aspect);
         const size_t row_bytes = (size_t)width_blocks * src_aspect.image_block_size;
         const uint32_t src_x = (uint32_t)region->srcOffset.x / src_aspect.block_width;
         const uint32_t src_y = (uint32_t)region->srcOffset.y / src_aspect.block_height;
         const uint32_t src_z = (uint32_t)region->srcOffset.z / src_aspect.block_depth;
         const uint32_t dst_x = (uint32_t)region->dstOffset.x / dst_aspect.block_width;
         const uint32_t dst_y = (uint32_t)region->dstOffset.y / dst_aspect.block_height;
         const uint32_t dst_z = (uint32_t)region->dstOffset.z / dst_aspect.block_depth;
         const bool src_3d = src->type == VK_IMAGE_TYPE_3D;
         const bool dst_3d = dst->type == VK_IMAGE_TYPE_3D;

         for (uint32_t slice = 0; slice < slices; slice++) {
            const VkSubresourceLayout src_layout = memvk_image_subresource_layout(
               src, src_aspect.aspect, region->srcSubresource.mipLevel,
               region->srcSubresource.baseArrayLayer + (src_3d ? 0 : slice));
            const VkSubresourceLayout dst_layout = memvk_image_subresource_layout(
               dst, dst_aspect.aspect, region->dstSubresource.mipLevel,
               region->dstSubresource.baseArrayLayer + (dst_3d ? 0 : slice));
            const struct access_pair pair = begin_access_pair(
               src->memory[src_aspect.plane], src->memory_offset[src_aspect.plane] + src_layout.offset,
               src_layout.size, dst->memory[dst_aspect.plane],
               dst->memory_offset[dst_aspect.plane] + dst_layout.offset, dst_layout.size);
            const uint8_t *src_slice = pair.a + (src_3d ? (VkDeviceSize)(src_z + slice) * src_layout.depthPitch : 0);
            uint8_t *dst_slice = pair.b + (dst_3d ? (VkDeviceSize)(dst_z + slice) * dst_layout.depthPitch : 0);
            for (uint32_t row = 0; row < height_blocks; row++) {
               memmove(dst_slice + (dst_y + row) * dst_layout.rowPitch + (VkDeviceSize)dst_x * dst_aspect.image_block_size,
                       src_slice + (src_y + row) * src_layout.rowPitch + (VkDeviceSize)src_x * src_aspect.image_block_size,
                       row_bytes);
            }
            end_access_pair(&pair);
         }
      }
   }
}
