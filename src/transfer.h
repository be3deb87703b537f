/* The transfer operations a queue worker executes (transfer.c): copies,
 * fills and updates, performed on the bytes of the memory objects that
 * buffers and images are bound to, through memvk_device_memory_begin_access()
 * so that they stay correct while the application maps, places or unmaps the
 * same memory.
 *
 * The memvk_check_* functions run at record time: a region that reaches
 * outside its resource is invalid usage that would otherwise corrupt memory,
 * so they abort naming the rule. */
#pragma once

#include "buffer.h"
#include "image.h"

void memvk_check_buffer_copy(const struct memvk_buffer *src, const struct memvk_buffer *dst,
                             const VkBufferCopy *region, const char *command);
void memvk_check_buffer_image_copy(const struct memvk_buffer *buffer, const struct memvk_image *image,
                                   bool to_image, const VkBufferImageCopy *region, const char *command);
void memvk_check_image_copy(const struct memvk_image *src, const struct memvk_image *dst,
                            const VkImageCopy *region, const char *command);

void memvk_copy_buffer(const struct memvk_buffer *src, const struct memvk_buffer *dst, uint32_t region_count,
                       const VkBufferCopy *regions);
/* size is already resolved (no VK_WHOLE_SIZE) and a multiple of 4. */
void memvk_fill_buffer(const struct memvk_buffer *dst, VkDeviceSize offset, VkDeviceSize size, uint32_t data);
void memvk_update_buffer(const struct memvk_buffer *dst, VkDeviceSize offset, VkDeviceSize size,
                         const void *data);
void memvk_copy_buffer_image(const struct memvk_buffer *buffer, const struct memvk_image *image, bool to_image,
                             uint32_t region_count, const VkBufferImageCopy *regions);
void memvk_copy_image(const struct memvk_image *src, const struct memvk_image *dst, uint32_t region_count,
                      const VkImageCopy *regions);
