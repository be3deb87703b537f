/* The transfer operations a queue worker executes (transfer.c): copies,
 * fills and updates, performed on the bytes of the memory objects that
 * buffers and images are bound to, through memvk_device_memory_begin_access()
 * so that they stay correct while the application maps, places or unmaps the
 * same memory.
 *
 * The memvk_check_* functions run at record time: a region that reaches
 * outside its resource is invalid usage that would otherwise corrupt memory,
 * so they abort naming the rule.
 *
 * Copies between an image and linearly laid out bytes have one
 * implementation, memvk_copy_linear_image(), used by the queue's
 * buffer <-> image copies and by the host image copies of
 * host_image_copy.c; memvk_copy_image() likewise serves vkCmdCopyImage and
 * vkCopyImageToImage. */
#pragma once

#include "buffer.h"
#include "image.h"

/* The valid-usage rules a region's image side can break, named for the
 * command that checks them (the queue's and the host copies' rules are the
 * same rules under different VUIDs). */
struct memvk_region_vuids {
   const char *aspect_mask;    /* exactly one aspect bit */
   const char *mip_level;      /* mipLevel below the image's levels */
   const char *layers;         /* layers inside the image's layers */
   const char *inside;         /* offset + extent inside the mip level */
   const char *block_offset;   /* offset a multiple of the texel block extent */
   const char *row_length;     /* row length / image height 0 or >= the extent */
};

/* The linear side of a copy between an image and bytes laid out as the spec's
 * "Buffer and Image Addressing" describes (rows of bufferRowLength texels,
 * slices of bufferImageHeight rows, then layers): either bytes of a memory
 * object, reached through memvk_device_memory_begin_access(), or host memory
 * the application owns. */
struct memvk_linear_bytes {
   struct memvk_device_memory *memory;   /* NULL: the bytes are at host */
   VkDeviceSize offset;                  /* in memory, where bufferOffset counts from */
   uint8_t *host;                        /* host memory: where bufferOffset counts from */
};

void memvk_check_buffer_copy(const struct memvk_buffer *src, const struct memvk_buffer *dst,
                             const VkBufferCopy *region, const char *command);
void memvk_check_buffer_image_copy(const struct memvk_buffer *buffer, const struct memvk_image *image,
                                   bool to_image, const VkBufferImageCopy *region, const char *command);
void memvk_check_image_copy(const struct memvk_image *src, const struct memvk_image *dst,
                            const VkImageCopy *region, const char *command);
void memvk_check_image_copy_rules(const struct memvk_image *src, const struct memvk_image *dst,
                                  const VkImageCopy *region, const struct memvk_region_vuids *src_vuids,
                                  const struct memvk_region_vuids *dst_vuids, const char *command);
/* The image side of a region between an image and linear bytes: aspect,
 * subresource, offset and extent inside the image, row length and height. */
void memvk_check_image_region(const struct memvk_image *image, const VkBufferImageCopy *region,
                              const struct memvk_region_vuids *vuids, const char *command);
/* Bytes of the linear side of a checked region, from bufferOffset to past
 * its last block. */
VkDeviceSize memvk_linear_region_size(const struct memvk_image *image, const VkBufferImageCopy *region);

void memvk_copy_buffer(const struct memvk_buffer *src, const struct memvk_buffer *dst, uint32_t region_count,
                       const VkBufferCopy *regions);
/* size is already resolved (no VK_WHOLE_SIZE) and a multiple of 4. */
void memvk_fill_buffer(const struct memvk_buffer *dst, VkDeviceSize offset, VkDeviceSize size, uint32_t data);
void memvk_update_buffer(const struct memvk_buffer *dst, VkDeviceSize offset, VkDeviceSize size,
                         const void *data);
void memvk_copy_buffer_image(const struct memvk_buffer *buffer, const struct memvk_image *image, bool to_image,
                             uint32_t region_count, const VkBufferImageCopy *regions);
/* One checked region; region->bufferOffset is relative to linear's start. */
void memvk_copy_linear_image(const struct memvk_linear_bytes *linear, const struct memvk_image *image,
                             bool to_image, const VkBufferImageCopy *region);
void memvk_copy_image(const struct memvk_image *src, const struct memvk_image *dst, uint32_t region_count,
                      const VkImageCopy *regions);
