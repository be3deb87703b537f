/* Host image copies (Vulkan 1.4 core, from VK_EXT_host_image_copy; the
 * feature hostImageCopy): the application's own thread copies between its
 * host memory and an image, or between two images, with no queue and no
 * command buffer.
 *
 * They are the transfer queue's copies (transfer.c).  A VkMemoryToImageCopy
 * or VkImageToMemoryCopy is a VkBufferImageCopy whose linear side is host
 * memory ("Buffer and Image Addressing" applies with memoryRowLength and
 * memoryImageHeight in place of bufferRowLength and bufferImageHeight), and
 * a VkImageCopy2 is a VkImageCopy: memvk_copy_linear_image() and
 * memvk_copy_image() reach the image's bytes through
 * memvk_device_memory_begin_access() for both, and the region checks are the
 * queue's, under the host commands' VUIDs.
 *
 * VK_HOST_IMAGE_COPY_MEMCPY asks for a subresource's bytes exactly as the
 * implementation stores them.  memvk stores each layer of a mip level packed
 * tight (rows of whole texel blocks, slices of whole rows) with each block at
 * the size it is copied with (image.h; host copies to and from memory are
 * single-sampled, VUID-VkCopyMemoryToImageInfo-dstImage-07973).  That is the
 * very layout of a tightly packed copy of the whole subresource
 * (memoryRowLength and memoryImageHeight 0), so a MEMCPY copy is that copy,
 * and its size per layer is VkSubresourceHostMemcpySize::size (image.c).
 *
 * memvk stores an image the same way in every layout, so
 * vkTransitionImageLayout has nothing to change. */
#include "constants.h"
#include "image.h"
#include "queue_rules.h"
#include "transfer.h"

/* The rules one host copy command checks, with its VUIDs. */
struct host_copy_rules {
   const char *command;
   struct memvk_region_vuids region;
   const char *bound;           /* bound to memory */
   const char *usage;           /* HOST_TRANSFER for non-stencil aspects */
   const char *stencil_usage;   /* HOST_TRANSFER for the stencil aspect */
   const char *layout;          /* a layout of the list memvk reports */
   const char *samples;         /* single-sampled */
   const char *memcpy_offset;   /* MEMCPY: offset 0 */
   const char *memcpy_extent;   /* MEMCPY: the whole subresource */
   const char *memcpy_row_length;
};

static const struct host_copy_rules to_image_rules = {
   .command = "vkCopyMemoryToImage",
   .region = {
      .aspect_mask = "VUID-VkMemoryToImageCopy-aspectMask-09103",
      .mip_level = "VUID-VkCopyMemoryToImageInfo-imageSubresource-07967",
      .layers = "VUID-VkCopyMemoryToImageInfo-imageSubresource-07968",
      .inside = "VUID-VkCopyMemoryToImageInfo-imageSubresource-07970",
      .block_offset = "VUID-VkCopyMemoryToImageInfo-dstImage-07274",
      .row_length = "VUID-VkMemoryToImageCopy-memoryRowLength-09101",
   },
   .bound = "VUID-VkCopyMemoryToImageInfo-dstImage-07966",
   .usage = "VUID-VkCopyMemoryToImageInfo-dstImage-09113",
   .stencil_usage = "VUID-VkCopyMemoryToImageInfo-dstImage-09111",
   .layout = "VUID-VkCopyMemoryToImageInfo-dstImageLayout-09060",
   .samples = "VUID-VkCopyMemoryToImageInfo-dstImage-07973",
   .memcpy_offset = "VUID-VkCopyMemoryToImageInfo-imageOffset-09114",
   .memcpy_extent = "VUID-VkCopyMemoryToImageInfo-dstImage-09115",
   .memcpy_row_length = "VUID-VkCopyMemoryToImageInfo-flags-09393",
};

static const struct host_copy_rules to_memory_rules = {
   .command = "vkCopyImageToMemory",
   .region = {
      .aspect_mask = "VUID-VkImageToMemoryCopy-aspectMask-09103",
      .mip_level = "VUID-VkCopyImageToMemoryInfo-imageSubresource-07967",
      .layers = "VUID-VkCopyImageToMemoryInfo-imageSubresource-07968",
      .inside = "VUID-VkCopyImageToMemoryInfo-imageSubresource-07970",
      .block_offset = "VUID-VkCopyImageToMemoryInfo-srcImage-07274",
      .row_length = "VUID-VkImageToMemoryCopy-memoryRowLength-09101",
   },
   .bound = "VUID-VkCopyImageToMemoryInfo-srcImage-07966",
   .usage = "VUID-VkCopyImageToMemoryInfo-srcImage-09113",
   .stencil_usage = "VUID-VkCopyImageToMemoryInfo-srcImage-09111",
   .layout = "VUID-VkCopyImageToMemoryInfo-srcImageLayout-09065",
   .samples = "VUID-VkCopyImageToMemoryInfo-srcImage-07973",
   .memcpy_offset = "VUID-VkCopyImageToMemoryInfo-imageOffset-09114",
   .memcpy_extent = "VUID-VkCopyImageToMemoryInfo-srcImage-09115",
   .memcpy_row_length = "VUID-VkCopyImageToMemoryInfo-flags-09394",
};

static const struct host_copy_rules image_src_rules = {
   .command = "vkCopyImageToImage",
   .region = {
      .mip_level = "VUID-VkCopyImageToImageInfo-srcSubresource-07967",
      .layers = "VUID-VkCopyImageToImageInfo-srcSubresource-07968",
      .inside = "VUID-VkCopyImageToImageInfo-srcSubresource-07970",
      .block_offset = "VUID-VkCopyImageToImageInfo-srcImage-07274",
   },
   .bound = "VUID-VkCopyImageToImageInfo-srcImage-07966",
   .usage = "VUID-VkCopyImageToImageInfo-srcImage-09113",
   .stencil_usage = "VUID-VkCopyImageToImageInfo-srcImage-09111",
   .layout = "VUID-VkCopyImageToImageInfo-srcImageLayout-09072",
   .memcpy_offset = "VUID-VkCopyImageToImageInfo-srcOffset-09114",
   .memcpy_extent = "VUID-VkCopyImageToImageInfo-srcImage-09115",
};

static const struct host_copy_rules image_dst_rules = {
   .command = "vkCopyImageToImage",
   .region = {
      .mip_level = "VUID-VkCopyImageToImageInfo-dstSubresource-07967",
      .layers = "VUID-VkCopyImageToImageInfo-dstSubresource-07968",
      .inside = "VUID-VkCopyImageToImageInfo-dstSubresource-07970",
      .block_offset = "VUID-VkCopyImageToImageInfo-dstImage-07274",
   },
   .bound = "VUID-VkCopyImageToImageInfo-dstImage-07966",
   .usage = "VUID-VkCopyImageToImageInfo-dstImage-09113",
   .stencil_usage = "VUID-VkCopyImageToImageInfo-dstImage-09111",
   .layout = "VUID-VkCopyImageToImageInfo-dstImageLayout-09073",
   .memcpy_offset = "VUID-VkCopyImageToImageInfo-dstOffset-09114",
   .memcpy_extent = "VUID-VkCopyImageToImageInfo-dstImage-09115",
};

static bool
is_host_copy_layout(VkImageLayout layout)
{
   for (uint32_t i = 0; i < memvk_host_copy_layout_count; i++) {
      if (memvk_host_copy_layouts[i] == layout)
         return true;
   }
   return false;
}

static void
check_layout(VkImageLayout layout, const char *vuid, const char *command)
{
   if (!is_host_copy_layout(layout))
      memvk_abort_invalid_usage(vuid,
                                "%s: layout %d is not one of VkPhysicalDeviceHostImageCopyProperties's copy "
                                "layouts",
                                command, layout);
}

/* "If non-stencil aspects ... are accessed, [the image] must have been
 * created with VK_IMAGE_USAGE_HOST_TRANSFER_BIT set in
 * VkImageCreateInfo::usage"; the stencil aspect needs it in the stencil
 * usage (VkImageStencilUsageCreateInfo's, if any: then the rule is -09112). */
static void
check_host_transfer_usage(const struct memvk_image *image, VkImageAspectFlags aspects,
                          const struct host_copy_rules *rules)
{
   if ((aspects & ~VK_IMAGE_ASPECT_STENCIL_BIT) && !(image->usage & VK_IMAGE_USAGE_HOST_TRANSFER_BIT))
      memvk_abort_invalid_usage(rules->usage, "%s: the image was not created with VK_IMAGE_USAGE_HOST_TRANSFER_BIT",
                                rules->command);
   if ((aspects & VK_IMAGE_ASPECT_STENCIL_BIT) && !(image->stencil_usage & VK_IMAGE_USAGE_HOST_TRANSFER_BIT))
      memvk_abort_invalid_usage(rules->stencil_usage,
                                "%s: the image's stencil usage lacks VK_IMAGE_USAGE_HOST_TRANSFER_BIT",
                                rules->command);
}

/* "If [the image] is non-sparse then the image or the specified disjoint
 * plane must be bound completely and contiguously to a single
 * VkDeviceMemory object".  Checked first, so that the abort names the host
 * command's rule rather than the queue's. */
static void
check_bound(const struct memvk_image *image, VkImageAspectFlags aspects, const struct host_copy_rules *rules)
{
   for (VkImageAspectFlags bits = aspects; bits != 0; bits &= bits - 1) {
      const uint32_t plane = memvk_image_aspect_plane(image, (VkImageAspectFlagBits)(bits & -bits));
      if (image->memory[plane] == NULL)
         memvk_abort_invalid_usage(rules->bound, "%s: the image (or this plane) is not bound to memory",
                                   rules->command);
   }
}

/* VK_HOST_IMAGE_COPY_MEMCPY: "the x, y, and z members of the imageOffset
 * ... must be 0" and "the imageExtent ... must equal the extents of [the
 * image] identified by imageSubresource" (of the aspect's plane). */
static void
check_memcpy_region(const struct memvk_image *image, const VkImageSubresourceLayers *subresource, VkOffset3D offset,
                    VkExtent3D extent, const struct host_copy_rules *rules)
{
   if (offset.x != 0 || offset.y != 0 || offset.z != 0)
      memvk_abort_invalid_usage(rules->memcpy_offset, "%s: with VK_HOST_IMAGE_COPY_MEMCPY the offset must be 0",
                                rules->command);
   /* The single aspect of a checked region (-aspectMask-09103), or the first
    * one of an image copy's depth/stencil pair: both have one extent. */
   const VkImageAspectFlags mask = subresource->aspectMask;
   const struct memvk_image_plane *plane =
      &image->planes[memvk_image_aspect_plane(image, (VkImageAspectFlagBits)(mask & -mask))];
   const uint32_t level = subresource->mipLevel;
   if (extent.width != MEMVK_MAX(plane->extent.width >> level, 1u) ||
       extent.height != MEMVK_MAX(plane->extent.height >> level, 1u) ||
       extent.depth != MEMVK_MAX(plane->extent.depth >> level, 1u))
      memvk_abort_invalid_usage(rules->memcpy_extent,
                                "%s: with VK_HOST_IMAGE_COPY_MEMCPY the extent must be the whole subresource",
                                rules->command);
}

/* A memory <-> image region as the buffer <-> image region transfer.c
 * copies; bufferOffset 0 is pHostPointer. */
static VkBufferImageCopy
linear_region(uint32_t row_length, uint32_t image_height, VkImageSubresourceLayers subresource, VkOffset3D offset,
              VkExtent3D extent)
{
   return (VkBufferImageCopy){
      .bufferOffset = 0,
      .bufferRowLength = row_length,
      .bufferImageHeight = image_height,
      .imageSubresource = subresource,
      .imageOffset = offset,
      .imageExtent = extent,
   };
}

static void
check_memory_image_region(const struct memvk_image *image, const VkBufferImageCopy *region, VkHostImageCopyFlags flags,
                          const struct host_copy_rules *rules)
{
   check_bound(image, region->imageSubresource.aspectMask, rules);
   memvk_check_image_region(image, region, &rules->region, rules->command);
   check_host_transfer_usage(image, region->imageSubresource.aspectMask, rules);
   if (flags & VK_HOST_IMAGE_COPY_MEMCPY) {
      if (region->bufferRowLength != 0 || region->bufferImageHeight != 0)
         memvk_abort_invalid_usage(rules->memcpy_row_length,
                                   "%s: with VK_HOST_IMAGE_COPY_MEMCPY memoryRowLength and memoryImageHeight must "
                                   "be 0",
                                   rules->command);
      check_memcpy_region(image, &region->imageSubresource, region->imageOffset, region->imageExtent, rules);
   }
}

static void
check_memory_image_copy(const struct memvk_image *image, VkImageLayout layout, const struct host_copy_rules *rules)
{
   check_layout(layout, rules->layout, rules->command);
   if (image->samples != VK_SAMPLE_COUNT_1_BIT)
      memvk_abort_invalid_usage(rules->samples, "%s: the image must have a sample count of 1", rules->command);
}

/* Every region is checked before the first byte moves, so that an aborted
 * call has changed nothing. */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_CopyMemoryToImage(VkDevice device, const VkCopyMemoryToImageInfo *pCopyMemoryToImageInfo)
{
   (void)device;
   const VkCopyMemoryToImageInfo *info = pCopyMemoryToImageInfo;
   const struct memvk_image *image = memvk_image_from_handle(info->dstImage);
   check_memory_image_copy(image, info->dstImageLayout, &to_image_rules);
   for (uint32_t i = 0; i < info->regionCount; i++) {
      const VkMemoryToImageCopy *r = &info->pRegions[i];
      const VkBufferImageCopy region =
         linear_region(r->memoryRowLength, r->memoryImageHeight, r->imageSubresource, r->imageOffset, r->imageExtent);
      check_memory_image_region(image, &region, info->flags, &to_image_rules);
   }
   for (uint32_t i = 0; i < info->regionCount; i++) {
      const VkMemoryToImageCopy *r = &info->pRegions[i];
      const VkBufferImageCopy region =
         linear_region(r->memoryRowLength, r->memoryImageHeight, r->imageSubresource, r->imageOffset, r->imageExtent);
      /* The source is const; the shared routine only reads it when copying
       * to the image. */
      const struct memvk_linear_bytes host = { .host = (uint8_t *)(uintptr_t)r->pHostPointer };
      memvk_copy_linear_image(&host, image, true, &region);
   }
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CopyImageToMemory(VkDevice device, const VkCopyImageToMemoryInfo *pCopyImageToMemoryInfo)
{
   (void)device;
   const VkCopyImageToMemoryInfo *info = pCopyImageToMemoryInfo;
   const struct memvk_image *image = memvk_image_from_handle(info->srcImage);
   check_memory_image_copy(image, info->srcImageLayout, &to_memory_rules);
   for (uint32_t i = 0; i < info->regionCount; i++) {
      const VkImageToMemoryCopy *r = &info->pRegions[i];
      const VkBufferImageCopy region =
         linear_region(r->memoryRowLength, r->memoryImageHeight, r->imageSubresource, r->imageOffset, r->imageExtent);
      check_memory_image_region(image, &region, info->flags, &to_memory_rules);
   }
   for (uint32_t i = 0; i < info->regionCount; i++) {
      const VkImageToMemoryCopy *r = &info->pRegions[i];
      const VkBufferImageCopy region =
         linear_region(r->memoryRowLength, r->memoryImageHeight, r->imageSubresource, r->imageOffset, r->imageExtent);
      const struct memvk_linear_bytes host = { .host = r->pHostPointer };
      memvk_copy_linear_image(&host, image, false, &region);
   }
   return VK_SUCCESS;
}

static VkImageCopy
image_copy_region(const VkImageCopy2 *region)
{
   return (VkImageCopy){
      .srcSubresource = region->srcSubresource,
      .srcOffset = region->srcOffset,
      .dstSubresource = region->dstSubresource,
      .dstOffset = region->dstOffset,
      .extent = region->extent,
   };
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CopyImageToImage(VkDevice device, const VkCopyImageToImageInfo *pCopyImageToImageInfo)
{
   (void)device;
   const VkCopyImageToImageInfo *info = pCopyImageToImageInfo;
   const struct memvk_image *src = memvk_image_from_handle(info->srcImage);
   const struct memvk_image *dst = memvk_image_from_handle(info->dstImage);
   check_layout(info->srcImageLayout, image_src_rules.layout, image_src_rules.command);
   check_layout(info->dstImageLayout, image_dst_rules.layout, image_dst_rules.command);
   const bool memcpy_copy = info->flags & VK_HOST_IMAGE_COPY_MEMCPY;
   /* With MEMCPY "srcImage and dstImage must have been created with
    * identical image creation parameters" (-srcImage-09069): then each
    * subresource is the same bytes in both, and copying them whole is the
    * memcpy. */
   if (memcpy_copy && (src->format != dst->format || src->type != dst->type || src->samples != dst->samples))
      memvk_abort_invalid_usage("VUID-VkCopyImageToImageInfo-srcImage-09069",
                                "vkCopyImageToImage: with VK_HOST_IMAGE_COPY_MEMCPY both images must have "
                                "identical creation parameters");
   for (uint32_t i = 0; i < info->regionCount; i++) {
      const VkImageCopy region = image_copy_region(&info->pRegions[i]);
      check_bound(src, region.srcSubresource.aspectMask, &image_src_rules);
      check_bound(dst, region.dstSubresource.aspectMask, &image_dst_rules);
      memvk_check_image_copy_rules(src, dst, &region, &image_src_rules.region, &image_dst_rules.region,
                                   "vkCopyImageToImage");
      check_host_transfer_usage(src, region.srcSubresource.aspectMask, &image_src_rules);
      check_host_transfer_usage(dst, region.dstSubresource.aspectMask, &image_dst_rules);
      if (memcpy_copy) {
         check_memcpy_region(src, &region.srcSubresource, region.srcOffset, region.extent, &image_src_rules);
         check_memcpy_region(dst, &region.dstSubresource, region.dstOffset, region.extent, &image_dst_rules);
      }
   }
   for (uint32_t i = 0; i < info->regionCount; i++) {
      const VkImageCopy region = image_copy_region(&info->pRegions[i]);
      memvk_copy_image(src, dst, 1, &region);
   }
   return VK_SUCCESS;
}

/* memvk stores an image the same way in every layout (image.h), so a
 * transition changes no byte; it checks what is cheap to check. */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_TransitionImageLayout(VkDevice device, uint32_t transitionCount,
                            const VkHostImageLayoutTransitionInfo *pTransitions)
{
   (void)device;
   for (uint32_t i = 0; i < transitionCount; i++) {
      const VkHostImageLayoutTransitionInfo *transition = &pTransitions[i];
      const struct memvk_image *image = memvk_image_from_handle(transition->image);
      if (!((image->usage | image->stencil_usage) & VK_IMAGE_USAGE_HOST_TRANSFER_BIT))
         memvk_abort_invalid_usage("VUID-VkHostImageLayoutTransitionInfo-image-09055",
                                   "vkTransitionImageLayout: image must have been created with "
                                   "VK_IMAGE_USAGE_HOST_TRANSFER_BIT");
      if (transition->oldLayout != VK_IMAGE_LAYOUT_UNDEFINED &&
          transition->oldLayout != VK_IMAGE_LAYOUT_PREINITIALIZED)
         check_layout(transition->oldLayout, "VUID-VkHostImageLayoutTransitionInfo-oldLayout-09230",
                      "vkTransitionImageLayout");
      check_layout(transition->newLayout, "VUID-VkHostImageLayoutTransitionInfo-newLayout-09057",
                   "vkTransitionImageLayout");
   }
   return VK_SUCCESS;
}
