/* Buffer <-> image and image <-> image copies through the loader.  Each test
 * keeps a host model of the image ("Copying Data Between Buffers and
 * Images": buffer texel (x,y,z) of a region is at bufferOffset +
 * (((z * imageHeight) + y) * rowLength + x) * blockSize, layers after
 * slices), applies the same copy to the model, and reads the image back
 * tightly packed to compare. */
#include "helpers.h"

/* A host model of one mip level of an image's aspect: layers x depth x
 * rows x row_blocks blocks of block_size bytes, tightly packed. */
struct model {
   uint32_t row_blocks, rows, depth, layers, block_size;
   uint8_t *bytes;
};

static size_t
model_size(const struct model *m)
{
   return (size_t)m->row_blocks * m->rows * m->depth * m->layers * m->block_size;
}

static uint8_t *
model_block(const struct model *m, uint32_t x, uint32_t y, uint32_t z, uint32_t layer)
{
   return m->bytes + ((((size_t)layer * m->depth + z) * m->rows + y) * m->row_blocks + x) * m->block_size;
}

/* Applies a buffer -> image region (in blocks) to the model. */
static void
model_upload(struct model *m, const uint8_t *buffer, VkDeviceSize offset, uint32_t row_length_blocks,
             uint32_t image_height_blocks, uint32_t x0, uint32_t y0, uint32_t z0, uint32_t base_layer,
             uint32_t width, uint32_t height, uint32_t depth, uint32_t layers)
{
   for (uint32_t l = 0; l < layers; l++)
      for (uint32_t z = 0; z < depth; z++)
         for (uint32_t y = 0; y < height; y++)
            for (uint32_t x = 0; x < width; x++) {
               const size_t at = offset + ((((size_t)l * depth + z) * image_height_blocks + y) * row_length_blocks + x) *
                                             m->block_size;
               memcpy(model_block(m, x0 + x, y0 + y, z0 + z, base_layer + l), buffer + at, m->block_size);
            }
}

/* Reads a whole mip level of one aspect back, tightly packed, into `out`. */
static bool
read_back(struct vkt *t, VkImage image, VkImageAspectFlagBits aspect, uint32_t mip, VkExtent3D extent,
          uint32_t layers, struct tb_buffer *out)
{
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return false;
   const VkBufferImageCopy region = {
      .imageSubresource = { aspect, mip, 0, layers },
      .imageExtent = extent,
   };
   vkCmdCopyImageToBuffer(commands.cb, image, VK_IMAGE_LAYOUT_GENERAL, out->buffer, 1, &region);
   const bool ok = tb_commands_submit_and_wait(t, &commands);
   tb_commands_destroy(t, &commands);
   return ok;
}

static void
test_buffer_to_image_with_row_length_height_and_offsets(struct vkt *t)
{
   const VkFormat format = VK_FORMAT_R8G8B8A8_UINT;
   const VkExtent3D extent = { 16, 16, 1 };
   struct tb_image image;
   struct tb_buffer source, readback;
   if (!tb_image_create(t, VK_IMAGE_TYPE_2D, format, extent, 1, 2, &image) || !tb_buffer_create(t, 8192, &source) ||
       !tb_buffer_create(t, 16 * 16 * 4 * 2, &readback))
      return;
   struct model m = { 16, 16, 1, 2, 4, calloc(16 * 16 * 2, 4) };
   tb_pattern(source.map, 8192, 10);

   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   /* First the whole image from zeroes, then a padded sub-region. */
   vkCmdFillBuffer(commands.cb, readback.buffer, 0, VK_WHOLE_SIZE, 0);
   const VkMemoryBarrier barrier = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER,
      .srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT,
      .dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
   };
   const VkImageMemoryBarrier to_dst = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
      .dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT,
      .oldLayout = VK_IMAGE_LAYOUT_UNDEFINED,
      .newLayout = VK_IMAGE_LAYOUT_GENERAL,
      .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
      .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
      .image = image.image,
      .subresourceRange = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 2 },
   };
   vkCmdPipelineBarrier(commands.cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &barrier,
                        0, NULL, 1, &to_dst);
   const VkBufferImageCopy clear = {
      .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 2 },
      .imageExtent = extent,
   };
   vkCmdCopyBufferToImage(commands.cb, readback.buffer, image.image, VK_IMAGE_LAYOUT_GENERAL, 1, &clear);
   vkCmdPipelineBarrier(commands.cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &barrier,
                        0, NULL, 0, NULL);
   const VkBufferImageCopy region = {
      .bufferOffset = 12,
      .bufferRowLength = 20,
      .bufferImageHeight = 18,
      .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 2 },
      .imageOffset = { 3, 2, 0 },
      .imageExtent = { 8, 9, 1 },
   };
   vkCmdCopyBufferToImage(commands.cb, source.buffer, image.image, VK_IMAGE_LAYOUT_GENERAL, 1, &region);
   if (tb_commands_submit_and_wait(t, &commands)) {
      model_upload(&m, source.map, 12, 20, 18, 3, 2, 0, 0, 8, 9, 1, 2);
      if (read_back(t, image.image, VK_IMAGE_ASPECT_COLOR_BIT, 0, extent, 2, &readback))
         CHECK(memcmp(readback.map, m.bytes, model_size(&m)) == 0,
               "the image differs from the model of the padded region copy");
   }
   free(m.bytes);
   tb_commands_destroy(t, &commands);
   tb_image_destroy(t, &image);
   tb_buffer_destroy(t, &source);
   tb_buffer_destroy(t, &readback);
}

static void
test_image_to_buffer_leaves_row_padding_untouched(struct vkt *t)
{
   const VkExtent3D extent = { 8, 8, 1 };
   struct tb_image image;
   struct tb_buffer source, destination;
   if (!tb_image_create(t, VK_IMAGE_TYPE_2D, VK_FORMAT_R16_UINT, extent, 1, 1, &image) ||
       !tb_buffer_create(t, 8 * 8 * 2, &source) || !tb_buffer_create(t, 1024, &destination))
      return;
   tb_pattern(source.map, 128, 11);
   memset(destination.map, 0x77, 1024);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   tb_image_to_general(commands.cb, image.image, VK_IMAGE_ASPECT_COLOR_BIT);
   const VkBufferImageCopy whole = { .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 }, .imageExtent = extent };
   vkCmdCopyBufferToImage(commands.cb, source.buffer, image.image, VK_IMAGE_LAYOUT_GENERAL, 1, &whole);
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_READ_BIT);
   /* Rows of 5 texels out of 11, slices of 4 rows out of 6, from (2,3). */
   const VkBufferImageCopy region = {
      .bufferOffset = 8,
      .bufferRowLength = 11,
      .bufferImageHeight = 6,
      .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .imageOffset = { 2, 3, 0 },
      .imageExtent = { 5, 4, 1 },
   };
   vkCmdCopyImageToBuffer(commands.cb, image.image, VK_IMAGE_LAYOUT_GENERAL, destination.buffer, 1, &region);
   if (tb_commands_submit_and_wait(t, &commands)) {
      uint8_t expected[1024];
      memset(expected, 0x77, sizeof(expected));
      for (uint32_t y = 0; y < 4; y++)
         memcpy(expected + 8 + (y * 11) * 2, source.map + ((3 + y) * 8 + 2) * 2, 5 * 2);
      CHECK(memcmp(destination.map, expected, sizeof(expected)) == 0,
            "the texels or the padding between rows are wrong");
   }
   tb_commands_destroy(t, &commands);
   tb_image_destroy(t, &image);
   tb_buffer_destroy(t, &source);
   tb_buffer_destroy(t, &destination);
}

static void
test_image_to_image_copy_between_mips_and_layers(struct vkt *t)
{
   const VkExtent3D extent = { 32, 32, 1 };
   struct tb_image src, dst;
   struct tb_buffer source, readback;
   if (!tb_image_create(t, VK_IMAGE_TYPE_2D, VK_FORMAT_R32_SFLOAT, extent, 2, 3, &src) ||
       !tb_image_create(t, VK_IMAGE_TYPE_2D, VK_FORMAT_R32_SFLOAT, extent, 3, 2, &dst) ||
       !tb_buffer_create(t, 32 * 32 * 4 * 3, &source) || !tb_buffer_create(t, 32 * 32 * 4 * 3, &readback))
      return;
   tb_pattern(source.map, 32 * 32 * 4 * 3, 12);
   memset(readback.map, 0, 32 * 32 * 4 * 3);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   tb_image_to_general(commands.cb, src.image, VK_IMAGE_ASPECT_COLOR_BIT);
   tb_image_to_general(commands.cb, dst.image, VK_IMAGE_ASPECT_COLOR_BIT);
   /* src mip 1 (16x16), 3 layers, from the buffer; dst mip 2 (8x8), 2 layers, zeroed. */
   const VkBufferImageCopy upload = { .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 1, 0, 3 },
                                      .imageExtent = { 16, 16, 1 } };
   vkCmdCopyBufferToImage(commands.cb, source.buffer, src.image, VK_IMAGE_LAYOUT_GENERAL, 1, &upload);
   const VkBufferImageCopy zero = { .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 2, 0, 2 },
                                    .imageExtent = { 8, 8, 1 } };
   vkCmdCopyBufferToImage(commands.cb, readback.buffer, dst.image, VK_IMAGE_LAYOUT_GENERAL, 1, &zero);
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT);
   /* Layers 1..2 of src mip 1, texels (5,6)+(3x2), to layers 0..1 of dst
    * mip 2 at (4,1). */
   const VkImageCopy region = {
      .srcSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 1, 1, 2 },
      .srcOffset = { 5, 6, 0 },
      .dstSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 2, 0, 2 },
      .dstOffset = { 4, 1, 0 },
      .extent = { 3, 2, 1 },
   };
   vkCmdCopyImage(commands.cb, src.image, VK_IMAGE_LAYOUT_GENERAL, dst.image, VK_IMAGE_LAYOUT_GENERAL, 1, &region);
   if (tb_commands_submit_and_wait(t, &commands)) {
      struct model source_model = { 16, 16, 1, 3, 4, source.map };
      struct model m = { 8, 8, 1, 2, 4, calloc(8 * 8 * 2, 4) };
      for (uint32_t l = 0; l < 2; l++)
         for (uint32_t y = 0; y < 2; y++)
            for (uint32_t x = 0; x < 3; x++)
               memcpy(model_block(&m, 4 + x, 1 + y, 0, l), model_block(&source_model, 5 + x, 6 + y, 0, 1 + l), 4);
      if (read_back(t, dst.image, VK_IMAGE_ASPECT_COLOR_BIT, 2, (VkExtent3D){ 8, 8, 1 }, 2, &readback))
         CHECK(memcmp(readback.map, m.bytes, model_size(&m)) == 0, "dst mip 2 differs from the model");
      free(m.bytes);
   }
   tb_commands_destroy(t, &commands);
   tb_image_destroy(t, &src);
   tb_image_destroy(t, &dst);
   tb_buffer_destroy(t, &source);
   tb_buffer_destroy(t, &readback);
}

/* "Depth/stencil formats": the depth aspect of D32_SFLOAT_S8_UINT is copied
 * to a buffer as 4 bytes per texel and its stencil aspect as 1.  A queue
 * without graphics may not write these aspects from a buffer
 * (VUID-vkCmdCopyBufferToImage-commandBuffer-07739), so the image's memory
 * is filled through a mapping before binding: memvk keeps an image's bytes
 * in the memory it is bound to. */
static void
test_depth_and_stencil_aspects_copy_with_their_sizes(struct vkt *t)
{
   const VkFormat format = VK_FORMAT_D32_SFLOAT_S8_UINT;
   if (!tb_format_transferable(t, format)) {
      vkt_skip(t, "D32_SFLOAT_S8_UINT does not support transfers");
      return;
   }
   const VkExtent3D extent = { 8, 4, 1 };
   const VkImageCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = VK_IMAGE_TYPE_2D,
      .format = format,
      .extent = extent,
      .mipLevels = 1,
      .arrayLayers = 1,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
      .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
   };
   VkImage image = VK_NULL_HANDLE;
   VkDeviceMemory memory = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateImage(t->device, &info, NULL, &image));
   if (t->failed)
      return;
   VkMemoryRequirements requirements;
   vkGetImageMemoryRequirements(t->device, image, &requirements);
   const uint32_t type = vkt_find_memory_type(t, requirements.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT);
   if (type == UINT32_MAX) {
      vkt_skip(t, "depth images cannot use host-visible memory here");
      vkDestroyImage(t->device, image, NULL);
      return;
   }
   const VkMemoryAllocateInfo allocate = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = requirements.size,
      .memoryTypeIndex = type,
   };
   CHECK_SUCCESS(vkAllocateMemory(t->device, &allocate, NULL, &memory));
   void *map = NULL;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, &map));
   if (t->failed)
      return;
   memset(map, 0x3c, (size_t)requirements.size);
   vkUnmapMemory(t->device, memory);
   CHECK_SUCCESS(vkBindImageMemory(t->device, image, memory, 0));

   struct tb_buffer readback;
   if (!t->failed && tb_buffer_create(t, 256, &readback)) {
      const VkImageAspectFlagBits aspects[] = { VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_ASPECT_STENCIL_BIT };
      const size_t texel_bytes[] = { 4, 1 };
      for (int a = 0; a < 2 && !t->failed; a++) {
         memset(readback.map, 0, 256);
         struct tb_commands commands;
         if (!tb_commands_begin(t, &commands))
            break;
         if (a == 0)
            tb_image_to_general(commands.cb, image, VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT);
         const VkBufferImageCopy region = { .imageSubresource = { aspects[a], 0, 0, 1 }, .imageExtent = extent };
         vkCmdCopyImageToBuffer(commands.cb, image, VK_IMAGE_LAYOUT_GENERAL, readback.buffer, 1, &region);
         if (tb_commands_submit_and_wait(t, &commands)) {
            const size_t written = 8 * 4 * texel_bytes[a];
            bool ok = true;
            for (size_t i = 0; i < 256; i++)
               ok = ok && readback.map[i] == (i < written ? 0x3c : 0);
            CHECK(ok, "aspect 0x%x: expected exactly %zu bytes of 0x3c", aspects[a], written);
         }
         tb_commands_destroy(t, &commands);
      }
      tb_buffer_destroy(t, &readback);
   }
   vkDestroyImage(t->device, image, NULL);
   vkFreeMemory(t->device, memory, NULL);
}

/* Block-compressed formats: rows and heights are given in texels and the
 * buffer holds whole 4x4 blocks of 8 bytes (BC1). */
static void
test_compressed_copies_count_whole_blocks(struct vkt *t)
{
   const VkFormat format = VK_FORMAT_BC1_RGBA_UNORM_BLOCK;
   if (!tb_format_transferable(t, format)) {
      vkt_skip(t, "BC1 does not support transfers");
      return;
   }
   const VkExtent3D extent = { 16, 16, 1 };
   struct tb_image image;
   struct tb_buffer source, readback;
   if (!tb_image_create(t, VK_IMAGE_TYPE_2D, format, extent, 1, 1, &image) || !tb_buffer_create(t, 4096, &source) ||
       !tb_buffer_create(t, 4 * 4 * 8, &readback))
      return;
   tb_pattern(source.map, 4096, 14);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   tb_image_to_general(commands.cb, image.image, VK_IMAGE_ASPECT_COLOR_BIT);
   /* The whole image from the start of the buffer, then the 2x2 blocks at
    * block (1,1) from rows of 5 blocks (20 texels) and 3 block rows (12
    * texels), at byte 64. */
   const VkBufferImageCopy whole = { .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 }, .imageExtent = extent };
   vkCmdCopyBufferToImage(commands.cb, source.buffer, image.image, VK_IMAGE_LAYOUT_GENERAL, 1, &whole);
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_WRITE_BIT);
   const VkBufferImageCopy region = {
      .bufferOffset = 2048,
      .bufferRowLength = 20,
      .bufferImageHeight = 12,
      .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .imageOffset = { 4, 4, 0 },
      .imageExtent = { 8, 8, 1 },
   };
   vkCmdCopyBufferToImage(commands.cb, source.buffer, image.image, VK_IMAGE_LAYOUT_GENERAL, 1, &region);
   if (tb_commands_submit_and_wait(t, &commands)) {
      struct model m = { 4, 4, 1, 1, 8, malloc(4 * 4 * 8) };
      memcpy(m.bytes, source.map, 128);
      model_upload(&m, source.map, 2048, 5, 3, 1, 1, 0, 0, 2, 2, 1, 1);
      if (read_back(t, image.image, VK_IMAGE_ASPECT_COLOR_BIT, 0, extent, 1, &readback))
         CHECK(memcmp(readback.map, m.bytes, 128) == 0, "the blocks differ from the model");
      free(m.bytes);
   }
   tb_commands_destroy(t, &commands);
   tb_image_destroy(t, &image);
   tb_buffer_destroy(t, &source);
   tb_buffer_destroy(t, &readback);
}

/* A 3D image: the region's slices follow bufferImageHeight rows each. */
static void
test_3d_image_slices_follow_buffer_image_height(struct vkt *t)
{
   const VkExtent3D extent = { 4, 4, 4 };
   struct tb_image image;
   struct tb_buffer source, readback;
   if (!tb_image_create(t, VK_IMAGE_TYPE_3D, VK_FORMAT_R8_UINT, extent, 1, 1, &image) ||
       !tb_buffer_create(t, 256, &source) || !tb_buffer_create(t, 64, &readback))
      return;
   tb_pattern(source.map, 256, 15);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   tb_image_to_general(commands.cb, image.image, VK_IMAGE_ASPECT_COLOR_BIT);
   const VkBufferImageCopy whole = { .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 }, .imageExtent = extent };
   vkCmdCopyBufferToImage(commands.cb, source.buffer, image.image, VK_IMAGE_LAYOUT_GENERAL, 1, &whole);
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_WRITE_BIT);
   const VkBufferImageCopy region = {
      .bufferOffset = 100,
      .bufferRowLength = 3,
      .bufferImageHeight = 5,
      .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .imageOffset = { 1, 1, 1 },
      .imageExtent = { 2, 3, 2 },
   };
   vkCmdCopyBufferToImage(commands.cb, source.buffer, image.image, VK_IMAGE_LAYOUT_GENERAL, 1, &region);
   if (tb_commands_submit_and_wait(t, &commands)) {
      struct model m = { 4, 4, 4, 1, 1, malloc(64) };
      memcpy(m.bytes, source.map, 64);
      model_upload(&m, source.map, 100, 3, 5, 1, 1, 1, 0, 2, 3, 2, 1);
      if (read_back(t, image.image, VK_IMAGE_ASPECT_COLOR_BIT, 0, extent, 1, &readback))
         CHECK(memcmp(readback.map, m.bytes, 64) == 0, "the slices differ from the model");
      free(m.bytes);
   }
   tb_commands_destroy(t, &commands);
   tb_image_destroy(t, &image);
   tb_buffer_destroy(t, &source);
   tb_buffer_destroy(t, &readback);
}

/* Slices of a 3D image copy to the layers of a 2D array image and back
 * (VK_KHR_maintenance1, core 1.1): extent.depth counts layers on the 2D
 * side. */
static void
test_3d_slices_copy_to_array_layers_and_back(struct vkt *t)
{
   struct tb_image volume, array, volume2;
   struct tb_buffer source, readback;
   if (!tb_image_create(t, VK_IMAGE_TYPE_3D, VK_FORMAT_R8_UINT, (VkExtent3D){ 4, 4, 3 }, 1, 1, &volume) ||
       !tb_image_create(t, VK_IMAGE_TYPE_2D, VK_FORMAT_R8_UINT, (VkExtent3D){ 4, 4, 1 }, 1, 3, &array) ||
       !tb_image_create(t, VK_IMAGE_TYPE_3D, VK_FORMAT_R8_UINT, (VkExtent3D){ 4, 4, 3 }, 1, 1, &volume2) ||
       !tb_buffer_create(t, 48, &source) || !tb_buffer_create(t, 48, &readback))
      return;
   tb_pattern(source.map, 48, 17);
   memset(readback.map, 0, 48);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   tb_image_to_general(commands.cb, volume.image, VK_IMAGE_ASPECT_COLOR_BIT);
   tb_image_to_general(commands.cb, array.image, VK_IMAGE_ASPECT_COLOR_BIT);
   tb_image_to_general(commands.cb, volume2.image, VK_IMAGE_ASPECT_COLOR_BIT);
   const VkBufferImageCopy whole = { .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
                                     .imageExtent = { 4, 4, 3 } };
   vkCmdCopyBufferToImage(commands.cb, source.buffer, volume.image, VK_IMAGE_LAYOUT_GENERAL, 1, &whole);
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_READ_BIT);
   const VkImageCopy to_array = {
      .srcSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .dstSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 3 },
      .extent = { 4, 4, 3 },
   };
   vkCmdCopyImage(commands.cb, volume.image, VK_IMAGE_LAYOUT_GENERAL, array.image, VK_IMAGE_LAYOUT_GENERAL, 1,
                  &to_array);
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_READ_BIT);
   const VkImageCopy to_volume = {
      .srcSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 3 },
      .dstSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .extent = { 4, 4, 3 },
   };
   vkCmdCopyImage(commands.cb, array.image, VK_IMAGE_LAYOUT_GENERAL, volume2.image, VK_IMAGE_LAYOUT_GENERAL, 1,
                  &to_volume);
   if (tb_commands_submit_and_wait(t, &commands)) {
      if (read_back(t, array.image, VK_IMAGE_ASPECT_COLOR_BIT, 0, (VkExtent3D){ 4, 4, 1 }, 3, &readback))
         CHECK(memcmp(readback.map, source.map, 48) == 0, "the array's layers are not the volume's slices");
      memset(readback.map, 0, 48);
      if (read_back(t, volume2.image, VK_IMAGE_ASPECT_COLOR_BIT, 0, (VkExtent3D){ 4, 4, 3 }, 1, &readback))
         CHECK(memcmp(readback.map, source.map, 48) == 0, "the layers did not come back as slices");
   }
   tb_commands_destroy(t, &commands);
   tb_image_destroy(t, &volume);
   tb_image_destroy(t, &array);
   tb_image_destroy(t, &volume2);
   tb_buffer_destroy(t, &source);
   tb_buffer_destroy(t, &readback);
}

/* The *2 forms run the same copies. */
static void
test_copy_commands2_round_trip(struct vkt *t)
{
   PFN_vkCmdCopyBufferToImage2 to_image = VKT_DEVICE_PROC(t, vkCmdCopyBufferToImage2);
   PFN_vkCmdCopyImageToBuffer2 to_buffer = VKT_DEVICE_PROC(t, vkCmdCopyImageToBuffer2);
   PFN_vkCmdCopyImage2 copy_image = VKT_DEVICE_PROC(t, vkCmdCopyImage2);
   CHECK(to_image != NULL && to_buffer != NULL && copy_image != NULL, "the copy *2 commands are core 1.3");
   const VkExtent3D extent = { 8, 8, 1 };
   struct tb_image a, b;
   struct tb_buffer source, readback;
   if (t->failed || !tb_image_create(t, VK_IMAGE_TYPE_2D, VK_FORMAT_R8G8_UNORM, extent, 1, 1, &a) ||
       !tb_image_create(t, VK_IMAGE_TYPE_2D, VK_FORMAT_R8G8_UNORM, extent, 1, 1, &b) ||
       !tb_buffer_create(t, 128, &source) || !tb_buffer_create(t, 128, &readback))
      return;
   tb_pattern(source.map, 128, 16);
   memset(readback.map, 0, 128);
   struct tb_commands commands;
   if (!tb_commands_begin(t, &commands))
      return;
   tb_image_to_general(commands.cb, a.image, VK_IMAGE_ASPECT_COLOR_BIT);
   tb_image_to_general(commands.cb, b.image, VK_IMAGE_ASPECT_COLOR_BIT);
   const VkBufferImageCopy2 whole = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_IMAGE_COPY_2,
      .imageSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .imageExtent = extent,
   };
   const VkCopyBufferToImageInfo2 upload = {
      .sType = VK_STRUCTURE_TYPE_COPY_BUFFER_TO_IMAGE_INFO_2,
      .srcBuffer = source.buffer,
      .dstImage = a.image,
      .dstImageLayout = VK_IMAGE_LAYOUT_GENERAL,
      .regionCount = 1,
      .pRegions = &whole,
   };
   to_image(commands.cb, &upload);
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_READ_BIT);
   const VkImageCopy2 image_region = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_COPY_2,
      .srcSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .dstSubresource = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1 },
      .extent = extent,
   };
   const VkCopyImageInfo2 copy = {
      .sType = VK_STRUCTURE_TYPE_COPY_IMAGE_INFO_2,
      .srcImage = a.image,
      .srcImageLayout = VK_IMAGE_LAYOUT_GENERAL,
      .dstImage = b.image,
      .dstImageLayout = VK_IMAGE_LAYOUT_GENERAL,
      .regionCount = 1,
      .pRegions = &image_region,
   };
   copy_image(commands.cb, &copy);
   tb_transfer_barrier(commands.cb, VK_ACCESS_TRANSFER_READ_BIT);
   const VkCopyImageToBufferInfo2 download = {
      .sType = VK_STRUCTURE_TYPE_COPY_IMAGE_TO_BUFFER_INFO_2,
      .srcImage = b.image,
      .srcImageLayout = VK_IMAGE_LAYOUT_GENERAL,
      .dstBuffer = readback.buffer,
      .regionCount = 1,
      .pRegions = &whole,
   };
   to_buffer(commands.cb, &download);
   if (tb_commands_submit_and_wait(t, &commands))
      CHECK(memcmp(readback.map, source.map, 128) == 0, "buffer -> image -> image -> buffer is not exact");
   tb_commands_destroy(t, &commands);
   tb_image_destroy(t, &a);
   tb_image_destroy(t, &b);
   tb_buffer_destroy(t, &source);
   tb_buffer_destroy(t, &readback);
}

static const struct vkt_test tests[] = {
   { "buffer_to_image_with_row_length_height_and_offsets", test_buffer_to_image_with_row_length_height_and_offsets,
     { 0 } },
   { "image_to_buffer_leaves_row_padding_untouched", test_image_to_buffer_leaves_row_padding_untouched, { 0 } },
   { "image_to_image_copy_between_mips_and_layers", test_image_to_image_copy_between_mips_and_layers, { 0 } },
   { "depth_and_stencil_aspects_copy_with_their_sizes", test_depth_and_stencil_aspects_copy_with_their_sizes, { 0 } },
   { "compressed_copies_count_whole_blocks", test_compressed_copies_count_whole_blocks, { 0 } },
   { "3d_image_slices_follow_buffer_image_height", test_3d_image_slices_follow_buffer_image_height, { 0 } },
   { "3d_slices_copy_to_array_layers_and_back", test_3d_slices_copy_to_array_layers_and_back, { 0 } },
   { "copy_commands2_round_trip", test_copy_commands2_round_trip, { 0 } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
