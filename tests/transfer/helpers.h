/* Helpers shared by the transfer tests: host-visible buffers, images bound
 * to memory, and one-shot command buffers.  Each helper reports a failure
 * through CHECK and returns false, so tests stop at the first broken step. */
#pragma once

#include "vk_test.h"

struct tb_buffer {
   VkBuffer buffer;
   VkDeviceMemory memory;
   uint8_t *map;
   VkDeviceSize size;
};

/* A TRANSFER_SRC|DST buffer in host-visible, coherent memory, mapped. */
bool tb_buffer_create(struct vkt *t, VkDeviceSize size, struct tb_buffer *out);
void tb_buffer_destroy(struct vkt *t, struct tb_buffer *buffer);

struct tb_image {
   VkImage image;
   VkDeviceMemory memory;
};

/* An optimal-tiling TRANSFER_SRC|DST image of the given shape. */
bool tb_image_create(struct vkt *t, VkImageType type, VkFormat format, VkExtent3D extent, uint32_t mip_levels,
                     uint32_t array_layers, struct tb_image *out);
void tb_image_destroy(struct vkt *t, struct tb_image *image);
/* Records a barrier that moves every subresource of the image from
 * UNDEFINED to GENERAL, the layout the image tests copy in. */
void tb_image_to_general(VkCommandBuffer cb, VkImage image, VkImageAspectFlags aspects);

/* A memory barrier from transfer writes to later transfer accesses of the
 * kinds in dst_access ("vkCmdPipelineBarrier ... the second synchronization
 * scope"): what a dependent copy after a copy needs. */
void tb_transfer_barrier(VkCommandBuffer cb, VkAccessFlags dst_access);
/* Whether the format supports transfers both ways with optimal tiling. */
bool tb_format_transferable(struct vkt *t, VkFormat format);

struct tb_commands {
   VkCommandPool pool;
   VkCommandBuffer cb;
};

/* A pool (with RESET_COMMAND_BUFFER) and one primary buffer, begun. */
bool tb_commands_begin(struct vkt *t, struct tb_commands *out);
/* Ends the buffer, submits it with a fence and waits for the fence. */
bool tb_commands_submit_and_wait(struct vkt *t, struct tb_commands *commands);
void tb_commands_destroy(struct vkt *t, struct tb_commands *commands);

/* Submits one command buffer (may be VK_NULL_HANDLE for none) with a fence. */
VkResult tb_submit(struct vkt *t, VkCommandBuffer cb, VkFence fence);

VkFence tb_fence(struct vkt *t, bool signaled);
VkSemaphore tb_timeline(struct vkt *t, uint64_t initial_value);

/* Fills bytes with a pattern that differs for every seed and position. */
void tb_pattern(uint8_t *bytes, size_t size, uint32_t seed);
