/* VkImage and VkImageView.
 *
 * memvk stores every image linearly, whatever its tiling (image.h,
 * docs/resources.md): plane by plane, mip level by mip level, array layer by
 * array layer, slice by slice, row by row.  image_layout() decides that
 * layout once, from the create info alone, so that the device-level queries
 * (vkGetDeviceImageMemoryRequirements, vkGetDeviceImageSubresourceLayout)
 * and a real image always agree. */
#include "image.h"

#include <inttypes.h>
#include <stdalign.h>

#include "alloc.h"
#include "constants.h"
#include "queue_rules.h"

/* --- the layout ----------------------------------------------------------- */

static uint32_t
mip_extent(uint32_t extent, uint32_t mip_level)
{
   return MEMVK_MAX(extent >> mip_level, 1u);
}

static uint32_t
div_round_up(uint32_t value, uint32_t divisor)
{
   return value / divisor + (value % divisor != 0);
}

/* The shape of one array layer of one mip level of one plane. */
struct level_shape {
   VkDeviceSize row_pitch;
   VkDeviceSize depth_pitch;   /* one slice */
   VkDeviceSize layer_size;    /* every slice of the level */
};

/* false if the figures do not fit in 64 bits: such an image exceeds any
 * maxResourceSize, and vkCreateImage reports VK_ERROR_OUT_OF_DEVICE_MEMORY. */
static bool
level_shape(const struct memvk_image_plane *plane, uint32_t mip_level, struct level_shape *shape)
{
   const uint64_t blocks_x = div_round_up(mip_extent(plane->extent.width, mip_level), plane->block_width);
   const uint64_t blocks_y = div_round_up(mip_extent(plane->extent.height, mip_level), plane->block_height);
   const uint64_t blocks_z = div_round_up(mip_extent(plane->extent.depth, mip_level), plane->block_depth);
   /* A row of at most 2^32 blocks of at most 2^32 bytes fits in 64 bits. */
   shape->row_pitch = blocks_x * plane->block_size;
   return !__builtin_mul_overflow(shape->row_pitch, blocks_y, &shape->depth_pitch) &&
          !__builtin_mul_overflow(shape->depth_pitch, blocks_z, &shape->layer_size);
}

/* Bytes of a whole mip level (all its layers), padded so that the next level
 * starts aligned. */
static bool
level_size(const struct memvk_image *image, const struct memvk_image_plane *plane,
           uint32_t mip_level, VkDeviceSize *size)
{
   struct level_shape shape;
   VkDeviceSize bytes;
   if (!level_shape(plane, mip_level, &shape) ||
       __builtin_mul_overflow(shape.layer_size, (uint64_t)image->array_layers, &bytes) ||
       bytes > UINT64_MAX - MEMVK_RESOURCE_ALIGNMENT)
      return false;
   *size = memvk_align_up(bytes, MEMVK_RESOURCE_ALIGNMENT);
   return true;
}

static void
init_plane(struct memvk_image_plane *plane, VkImageAspectFlagBits aspect, uint32_t block_size,
           const struct memvk_format_info *info, VkExtent3D extent, VkSampleCountFlagBits samples)
{
   plane->aspect = aspect;
   plane->block_size = block_size * (uint32_t)samples;
   plane->block_width = info->block_width;
   plane->block_height = info->block_height;
   plane->block_depth = info->block_depth;
   plane->extent = extent;
}

/* The planes memvk stores for the image's format (image.h). */
static void
image_planes(struct memvk_image *image)
{
   const struct memvk_format_info *info = image->format_info;
   if (info->plane_count > 1) {
      /* Each plane is stored as an image of its own single-plane format,
       * at the plane's subsampled extent (the format table's per-plane
       * format and divisors, from the spec's "Multi-planar formats"). */
      for (uint32_t p = 0; p < info->plane_count; p++) {
         const struct memvk_format_plane *fp = &info->planes[p];
         const struct memvk_format_info *plane_info = memvk_format_info(fp->format);
         const VkExtent3D extent = {
            div_round_up(image->extent.width, fp->width_divisor),
            div_round_up(image->extent.height, fp->height_divisor),
            image->extent.depth,
         };
         init_plane(&image->planes[p], (VkImageAspectFlagBits)(VK_IMAGE_ASPECT_PLANE_0_BIT << p),
                    plane_info->block_size, plane_info, extent, image->samples);
      }
      image->plane_count = info->plane_count;
   } else if (info->aspects & (VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT)) {
      /* Depth and stencil are stored apart, each as it is copied to a buffer
       * ("Depth/stencil formats" under "Copying Data Between Buffers and
       * Images"), so that a copy of either aspect is a plain copy of bytes. */
      image->plane_count = 0;
      if (info->aspects & VK_IMAGE_ASPECT_DEPTH_BIT)
         init_plane(&image->planes[image->plane_count++], VK_IMAGE_ASPECT_DEPTH_BIT,
                    info->depth_copy_size, info, image->extent, image->samples);
      if (info->aspects & VK_IMAGE_ASPECT_STENCIL_BIT)
         init_plane(&image->planes[image->plane_count++], VK_IMAGE_ASPECT_STENCIL_BIT,
                    info->stencil_copy_size, info, image->extent, image->samples);
   } else {
      init_plane(&image->planes[0], VK_IMAGE_ASPECT_COLOR_BIT, info->block_size, info,
                 image->extent, image->samples);
      image->plane_count = 1;
   }
}

/* Sizes and offsets of every plane and the whole image; false if the image
 * is too large to describe in 64 bits. */
static bool
image_layout(struct memvk_image *image)
{
   image_planes(image);
   VkDeviceSize offset = 0;
   for (uint32_t p = 0; p < image->plane_count; p++) {
      struct memvk_image_plane *plane = &image->planes[p];
      VkDeviceSize plane_size = 0;
      for (uint32_t level = 0; level < image->mip_levels; level++) {
         VkDeviceSize size;
         if (!level_size(image, plane, level, &size) ||
             __builtin_add_overflow(plane_size, size, &plane_size))
            return false;
      }
      plane->size = plane_size;
      /* Every level size is aligned, so every plane offset is too. */
      plane->offset = image->disjoint ? 0 : offset;
      if (__builtin_add_overflow(offset, plane_size, &offset))
         return false;
   }
   image->size = offset;
   return true;
}

static void
check_image_create_info(const VkImageCreateInfo *info)
{
   if (info->tiling == VK_IMAGE_TILING_DRM_FORMAT_MODIFIER_EXT)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-tiling-02261",
                                "DRM format modifier tiling needs "
                                "VK_EXT_image_drm_format_modifier, which memvk does not offer");
   if (memvk_format_info(info->format) == NULL)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-imageCreateMaxMipLevels-02251",
                                "memvk supports no image of format %d "
                                "(vkGetPhysicalDeviceImageFormatProperties says so)", info->format);
   if (info->flags & (VK_IMAGE_CREATE_SPARSE_BINDING_BIT | VK_IMAGE_CREATE_SPARSE_RESIDENCY_BIT |
                      VK_IMAGE_CREATE_SPARSE_ALIASED_BIT))
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-flags-00969",
                                "sparse image flags need the sparseBinding feature, which memvk "
                                "does not offer");
   if (info->extent.width == 0)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-extent-00944", "extent.width must be greater than 0");
   if (info->extent.height == 0)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-extent-00945", "extent.height must be greater than 0");
   if (info->extent.depth == 0)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-extent-00946", "extent.depth must be greater than 0");
   if (info->mipLevels == 0)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-mipLevels-00947", "mipLevels must be greater than 0");
   if (info->arrayLayers == 0)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-arrayLayers-00948", "arrayLayers must be greater than 0");
   if (info->imageType == VK_IMAGE_TYPE_1D && (info->extent.height != 1 || info->extent.depth != 1))
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-imageType-00956",
                                "a 1D image must have extent.height and extent.depth 1");
   if (info->imageType == VK_IMAGE_TYPE_2D && info->extent.depth != 1)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-imageType-00957", "a 2D image must have extent.depth 1");
   if (info->imageType == VK_IMAGE_TYPE_3D && info->arrayLayers != 1)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-imageType-00961", "a 3D image must have arrayLayers 1");

   const uint32_t largest = MEMVK_MAX(info->extent.width, MEMVK_MAX(info->extent.height, info->extent.depth));
   const uint32_t full_chain = 32u - (uint32_t)__builtin_clz(largest);
   if (info->mipLevels > full_chain)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-mipLevels-00958",
                                "mipLevels %u exceeds the %u levels of a complete mipmap chain",
                                info->mipLevels, full_chain);
}

/* Fills everything of an image that follows from its create info; false if
 * it is too large (see level_shape()). */
static bool
image_init(struct memvk_image *image, const VkImageCreateInfo *info)
{
   check_image_create_info(info);
   image->flags = info->flags;
   image->type = info->imageType;
   image->format = info->format;
   image->extent = info->extent;
   image->mip_levels = info->mipLevels;
   image->array_layers = info->arrayLayers;
   image->samples = info->samples;
   image->tiling = info->tiling;
   image->usage = info->usage;
   const VkImageStencilUsageCreateInfo *stencil_usage =
      memvk_find_struct(info->pNext, VK_STRUCTURE_TYPE_IMAGE_STENCIL_USAGE_CREATE_INFO);
   image->stencil_usage = stencil_usage != NULL ? stencil_usage->stencilUsage : info->usage;
   image->format_info = memvk_format_info(info->format);
   /* "VK_IMAGE_CREATE_DISJOINT_BIT specifies that an image with a
    * multi-planar format must have each plane separately bound to memory";
    * it means nothing for other formats. */
   image->disjoint = (info->flags & VK_IMAGE_CREATE_DISJOINT_BIT) && image->format_info->plane_count > 1;
   return image_layout(image);
}

static uint32_t
find_plane(const struct memvk_image *image, VkImageAspectFlagBits aspect)
{
   for (uint32_t p = 0; p < image->plane_count; p++) {
      if (image->planes[p].aspect == aspect)
         return p;
   }
   return UINT32_MAX;
}

uint32_t
memvk_image_aspect_plane(const struct memvk_image *image, VkImageAspectFlagBits aspect)
{
   const uint32_t plane = find_plane(image, aspect);
   if (plane == UINT32_MAX)
      memvk_abort_invalid_usage("VUID-vkCmdCopyImage-aspectMask-00142",
                                "(and its kin in other commands) aspectMask must specify "
                                "aspects present in the image: 0x%x is not an aspect of "
                                "format %d (COLOR for single-plane colour formats, PLANE_i "
                                "for multi-planar ones, "
                                "DEPTH or STENCIL for depth/stencil ones)",
                                (unsigned)aspect, image->format);
   return plane;
}

uint32_t
memvk_image_aspect_block_size(const struct memvk_image *image, VkImageAspectFlagBits aspect)
{
   return image->planes[memvk_image_aspect_plane(image, aspect)].block_size;
}

VkSubresourceLayout
memvk_image_subresource_layout(const struct memvk_image *image, VkImageAspectFlagBits aspect,
                               uint32_t mip_level, uint32_t array_layer)
{
   const struct memvk_image_plane *plane = &image->planes[memvk_image_aspect_plane(image, aspect)];
   /* image_layout() already proved that none of these overflow. */
   VkDeviceSize offset = plane->offset;
   for (uint32_t level = 0; level < mip_level; level++) {
      VkDeviceSize size = 0;
      level_size(image, plane, level, &size);
      offset += size;
   }
   struct level_shape shape = { 0 };
   level_shape(plane, mip_level, &shape);
   return (VkSubresourceLayout){
      .offset = offset + array_layer * shape.layer_size,
      .size = shape.layer_size,
      .rowPitch = shape.row_pitch,
      .arrayPitch = shape.layer_size,
      .depthPitch = shape.depth_pitch,
   };
}

/* --- vkCreateImage ---------------------------------------------------------- */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateImage(VkDevice _device, const VkImageCreateInfo *pCreateInfo,
                  const VkAllocationCallbacks *pAllocator, VkImage *pImage)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   if ((pCreateInfo->usage & VK_IMAGE_USAGE_HOST_TRANSFER_BIT) && !device->features.host_image_copy)
      memvk_abort_invalid_usage("VUID-VkImageCreateInfo-usage-10245",
                                "If usage includes VK_IMAGE_USAGE_HOST_TRANSFER_BIT, then the hostImageCopy "
                                "feature must be enabled");
   /* An image larger than maxResourceSize could never be bound: no
    * allocation may be larger ("maxResourceSize is an upper bound on the
    * total image size in bytes, inclusive of all image subresources"). */
   struct memvk_image layout = { 0 };
   if (!image_init(&layout, pCreateInfo) || layout.size > MEMVK_MAX_RESOURCE_SIZE)
      return VK_ERROR_OUT_OF_DEVICE_MEMORY;

   struct memvk_image *image = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*image),
                                             alignof(struct memvk_image),
                                             VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (image == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   *image = layout;
   memvk_object_init(&image->base, VK_OBJECT_TYPE_IMAGE);
   *pImage = memvk_image_to_handle(image);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyImage(VkDevice _device, VkImage _image, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_image *image = memvk_image_from_handle(_image);
   if (image == NULL)
      return;
   memvk_object_finish(&image->base);
   memvk_free2(&device->alloc, pAllocator, image);
}

/* --- memory requirements ---------------------------------------------------- */

/* "If the memory requirements are for a VkImage, the memoryTypeBits member
 * must not refer to a VkMemoryType with a propertyFlags that has the
 * VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT bit set if the image did not have
 * VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT bit set in the usage field passed
 * when creating the image." */
static uint32_t
image_memory_type_bits(const struct memvk_image *image)
{
   uint32_t bits = 1u << MEMVK_MEMORY_TYPE_HOST;
   if (image->usage & VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT)
      bits |= 1u << MEMVK_MEMORY_TYPE_LAZY;
   return bits;
}

/* The size a binding of the image (plane_aspect 0) or of one plane of a
 * disjoint image must have. */
static VkDeviceSize
binding_size(const struct memvk_image *image, VkImageAspectFlags plane_aspect)
{
   if (plane_aspect == 0)
      return image->size;
   return image->planes[memvk_image_aspect_plane(image, (VkImageAspectFlagBits)plane_aspect)].size;
}

static void
image_memory_requirements(const struct memvk_image *image, VkImageAspectFlags plane_aspect,
                          VkMemoryRequirements2 *requirements)
{
   requirements->memoryRequirements = (VkMemoryRequirements){
      .size = binding_size(image, plane_aspect),
      .alignment = MEMVK_RESOURCE_ALIGNMENT,
      .memoryTypeBits = image_memory_type_bits(image),
   };
   memvk_foreach_struct_out(s, requirements->pNext) {
      if (s->sType == VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS) {
         /* memvk images have no hidden metadata and no tiling a dedicated
          * allocation could help with. */
         VkMemoryDedicatedRequirements *dedicated = (VkMemoryDedicatedRequirements *)s;
         dedicated->prefersDedicatedAllocation = VK_FALSE;
         dedicated->requiresDedicatedAllocation = VK_FALSE;
      }
   }
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetImageMemoryRequirements2(VkDevice device, const VkImageMemoryRequirementsInfo2 *pInfo,
                                  VkMemoryRequirements2 *pMemoryRequirements)
{
   (void)device;
   const struct memvk_image *image = memvk_image_from_handle(pInfo->image);
   const VkImagePlaneMemoryRequirementsInfo *plane =
      memvk_find_struct(pInfo->pNext, VK_STRUCTURE_TYPE_IMAGE_PLANE_MEMORY_REQUIREMENTS_INFO);
   if (image->disjoint && plane == NULL)
      memvk_abort_invalid_usage("VUID-VkImageMemoryRequirementsInfo2-image-01589",
                                "a disjoint multi-planar image's requirements are per plane: "
                                "chain a VkImagePlaneMemoryRequirementsInfo");
   if (!image->disjoint && plane != NULL)
      memvk_abort_invalid_usage("VUID-VkImageMemoryRequirementsInfo2-image-01590",
                                "only a disjoint multi-planar image has per-plane requirements");
   image_memory_requirements(image, plane != NULL ? plane->planeAspect : 0, pMemoryRequirements);
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetImageMemoryRequirements(VkDevice device, VkImage image, VkMemoryRequirements *pMemoryRequirements)
{
   const VkImageMemoryRequirementsInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2,
      .image = image,
   };
   VkMemoryRequirements2 requirements = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2 };
   memvk_GetImageMemoryRequirements2(device, &info, &requirements);
   *pMemoryRequirements = requirements.memoryRequirements;
}

/* The image a create info describes, for the device-level queries.  Such an
 * image could not be created (vkCreateImage would fail), so asking about it
 * is asking about an image beyond maxResourceSize. */
static void
image_from_create_info(struct memvk_image *image, const VkImageCreateInfo *info, const char *command)
{
   *image = (struct memvk_image){ 0 };
   if (!image_init(image, info))
      memvk_abort_invalid_usage("VkImageFormatProperties::maxResourceSize",
                                "%s: the image is larger than any memvk can create", command);
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetDeviceImageMemoryRequirements(VkDevice device, const VkDeviceImageMemoryRequirements *pInfo,
                                       VkMemoryRequirements2 *pMemoryRequirements)
{
   (void)device;
   struct memvk_image image;
   image_from_create_info(&image, pInfo->pCreateInfo, "vkGetDeviceImageMemoryRequirements");
   if (image.disjoint && pInfo->planeAspect == VK_IMAGE_ASPECT_NONE)
      memvk_abort_invalid_usage("VUID-VkDeviceImageMemoryRequirements-pCreateInfo-06417",
                                "a disjoint multi-planar image's requirements are per plane: "
                                "planeAspect must name one");
   /* planeAspect only matters for a disjoint image; any other image has one
    * binding. */
   image_memory_requirements(&image, image.disjoint ? pInfo->planeAspect : 0, pMemoryRequirements);
}

/* memvk offers no sparse binding: "If the image was not created with
 * VK_IMAGE_CREATE_SPARSE_RESIDENCY_BIT then pSparseMemoryRequirementCount
 * will be set to zero and pSparseMemoryRequirements will not be written
 * to." */
VKAPI_ATTR void VKAPI_CALL
memvk_GetImageSparseMemoryRequirements(VkDevice device, VkImage image, uint32_t *pSparseMemoryRequirementCount,
                                       VkSparseImageMemoryRequirements *pSparseMemoryRequirements)
{
   (void)device;
   (void)image;
   (void)pSparseMemoryRequirements;
   *pSparseMemoryRequirementCount = 0;
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetImageSparseMemoryRequirements2(VkDevice device, const VkImageSparseMemoryRequirementsInfo2 *pInfo,
                                        uint32_t *pSparseMemoryRequirementCount,
                                        VkSparseImageMemoryRequirements2 *pSparseMemoryRequirements)
{
   (void)device;
   (void)pInfo;
   (void)pSparseMemoryRequirements;
   *pSparseMemoryRequirementCount = 0;
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetDeviceImageSparseMemoryRequirements(VkDevice device, const VkDeviceImageMemoryRequirements *pInfo,
                                             uint32_t *pSparseMemoryRequirementCount,
                                             VkSparseImageMemoryRequirements2 *pSparseMemoryRequirements)
{
   (void)device;
   (void)pInfo;
   (void)pSparseMemoryRequirements;
   *pSparseMemoryRequirementCount = 0;
}

/* --- binding ------------------------------------------------------------------ */

static void
bind_image_memory(const VkBindImageMemoryInfo *info)
{
   struct memvk_image *image = memvk_image_from_handle(info->image);
   struct memvk_device_memory *memory = memvk_device_memory_from_handle(info->memory);
   const VkBindImagePlaneMemoryInfo *plane_info =
      memvk_find_struct(info->pNext, VK_STRUCTURE_TYPE_BIND_IMAGE_PLANE_MEMORY_INFO);

   if (image->disjoint && plane_info == NULL)
      memvk_abort_invalid_usage("VUID-VkBindImageMemoryInfo-image-07736",
                                "a disjoint image is bound plane by plane: chain a "
                                "VkBindImagePlaneMemoryInfo");
   if (!image->disjoint && plane_info != NULL)
      memvk_abort_invalid_usage("VUID-VkBindImageMemoryInfo-pNext-01618",
                                "VkBindImagePlaneMemoryInfo needs an image created with "
                                "VK_IMAGE_CREATE_DISJOINT_BIT");
   const VkImageAspectFlags plane_aspect = plane_info != NULL ? plane_info->planeAspect : 0;
   const uint32_t first = plane_aspect != 0
      ? memvk_image_aspect_plane(image, (VkImageAspectFlagBits)plane_aspect) : 0;
   const uint32_t end = plane_aspect != 0 ? first + 1 : image->plane_count;

   if (image->memory[first] != NULL)
      memvk_abort_invalid_usage("VUID-VkBindImageMemoryInfo-image-07460",
                                "the image (or this plane of it) is already bound to memory");
   if (!(1u << memory->type_index & image_memory_type_bits(image)))
      memvk_abort_invalid_usage(plane_info ? "VUID-VkBindImageMemoryInfo-pNext-01619"
                                           : "VUID-VkBindImageMemoryInfo-pNext-01615",
                                "memory type %u is not in the image's memoryTypeBits 0x%x",
                                memory->type_index, image_memory_type_bits(image));
   if (info->memoryOffset % MEMVK_RESOURCE_ALIGNMENT != 0)
      memvk_abort_invalid_usage(plane_info ? "VUID-VkBindImageMemoryInfo-pNext-01620"
                                           : "VUID-VkBindImageMemoryInfo-pNext-01616",
                                "memoryOffset %" PRIu64 " is not a multiple of the required "
                                "alignment %u", info->memoryOffset, MEMVK_RESOURCE_ALIGNMENT);
   const VkDeviceSize required = binding_size(image, plane_aspect);
   if (info->memoryOffset >= memory->size || required > memory->size - info->memoryOffset)
      memvk_abort_invalid_usage(plane_info ? "VUID-VkBindImageMemoryInfo-pNext-01621"
                                           : "VUID-VkBindImageMemoryInfo-pNext-01617",
                                "the required size %" PRIu64 " does not fit in the memory's "
                                "%" PRIu64 " bytes after memoryOffset %" PRIu64,
                                required, memory->size, info->memoryOffset);

   for (uint32_t p = first; p < end; p++) {
      image->memory[p] = memory;
      image->memory_offset[p] = info->memoryOffset;
   }
}

/* As for buffers: binding records where the image lives and cannot fail;
 * each VkBindMemoryStatus (maintenance6) gets its VK_SUCCESS. */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_BindImageMemory2(VkDevice device, uint32_t bindInfoCount, const VkBindImageMemoryInfo *pBindInfos)
{
   (void)device;
   for (uint32_t i = 0; i < bindInfoCount; i++) {
      bind_image_memory(&pBindInfos[i]);
      const VkBindMemoryStatus *status =
         memvk_find_struct(pBindInfos[i].pNext, VK_STRUCTURE_TYPE_BIND_MEMORY_STATUS);
      if (status != NULL)
         *status->pResult = VK_SUCCESS;
   }
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_BindImageMemory(VkDevice device, VkImage image, VkDeviceMemory memory, VkDeviceSize memoryOffset)
{
   const VkBindImageMemoryInfo info = {
      .sType = VK_STRUCTURE_TYPE_BIND_IMAGE_MEMORY_INFO,
      .image = image,
      .memory = memory,
      .memoryOffset = memoryOffset,
   };
   return memvk_BindImageMemory2(device, 1, &info);
}

/* --- subresource layouts -------------------------------------------------------- */

static VkSubresourceLayout
query_subresource_layout(const struct memvk_image *image, const VkImageSubresource *subresource)
{
   const VkImageAspectFlags aspect = subresource->aspectMask;
   if (aspect == 0 || (aspect & (aspect - 1)) != 0)
      memvk_abort_invalid_usage("VUID-vkGetImageSubresourceLayout-aspectMask-00997",
                                "aspectMask 0x%x must have exactly one bit set", (unsigned)aspect);
   if (find_plane(image, (VkImageAspectFlagBits)aspect) == UINT32_MAX) {
      const char *vuid = image->plane_count > 1 ? "VUID-vkGetImageSubresourceLayout-tiling-08717"
         : image->planes[0].aspect == VK_IMAGE_ASPECT_COLOR_BIT ? "VUID-vkGetImageSubresourceLayout-format-08886"
         : image->planes[0].aspect == VK_IMAGE_ASPECT_DEPTH_BIT ? "VUID-vkGetImageSubresourceLayout-format-04462"
         : "VUID-vkGetImageSubresourceLayout-format-04463";
      memvk_abort_invalid_usage(vuid, "aspectMask 0x%x is not an aspect of format %d",
                                (unsigned)aspect, image->format);
   }
   if (subresource->mipLevel >= image->mip_levels)
      memvk_abort_invalid_usage("VUID-vkGetImageSubresourceLayout-mipLevel-01716",
                                "mipLevel %u is not below the image's %u levels",
                                subresource->mipLevel, image->mip_levels);
   if (subresource->arrayLayer >= image->array_layers)
      memvk_abort_invalid_usage("VUID-vkGetImageSubresourceLayout-arrayLayer-01717",
                                "arrayLayer %u is not below the image's %u layers",
                                subresource->arrayLayer, image->array_layers);
   return memvk_image_subresource_layout(image, (VkImageAspectFlagBits)aspect, subresource->mipLevel,
                                         subresource->arrayLayer);
}

/* memvk answers for every tiling: every image is linear (image.h), and the
 * answer for an optimal image is as true as for a linear one. */
VKAPI_ATTR void VKAPI_CALL
memvk_GetImageSubresourceLayout(VkDevice device, VkImage image, const VkImageSubresource *pSubresource,
                                VkSubresourceLayout *pLayout)
{
   (void)device;
   *pLayout = query_subresource_layout(memvk_image_from_handle(image), pSubresource);
}

static void
write_subresource_layout2(const struct memvk_image *image, const VkImageSubresource2 *subresource,
                          VkSubresourceLayout2 *layout)
{
   layout->subresourceLayout = query_subresource_layout(image, &subresource->imageSubresource);
   /* Host image copy: the bytes a VK_HOST_IMAGE_COPY_MEMCPY copy of the
    * subresource takes, which for memvk's linear storage are the
    * subresource's own bytes. */
   VkSubresourceHostMemcpySize *memcpy_size =
      memvk_find_struct_out(layout->pNext, VK_STRUCTURE_TYPE_SUBRESOURCE_HOST_MEMCPY_SIZE);
   if (memcpy_size != NULL)
      memcpy_size->size = layout->subresourceLayout.size;
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetImageSubresourceLayout2(VkDevice device, VkImage image, const VkImageSubresource2 *pSubresource,
                                 VkSubresourceLayout2 *pLayout)
{
   (void)device;
   write_subresource_layout2(memvk_image_from_handle(image), pSubresource, pLayout);
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetDeviceImageSubresourceLayout(VkDevice device, const VkDeviceImageSubresourceInfo *pInfo,
                                      VkSubresourceLayout2 *pLayout)
{
   (void)device;
   struct memvk_image image;
   image_from_create_info(&image, pInfo->pCreateInfo, "vkGetDeviceImageSubresourceLayout");
   write_subresource_layout2(&image, pInfo->pSubresource, pLayout);
}

/* --- image views ------------------------------------------------------------------ */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateImageView(VkDevice _device, const VkImageViewCreateInfo *pCreateInfo,
                      const VkAllocationCallbacks *pAllocator, VkImageView *pView)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_image *image = memvk_image_from_handle(pCreateInfo->image);
   VkImageSubresourceRange range = pCreateInfo->subresourceRange;

   if (range.baseMipLevel >= image->mip_levels)
      memvk_abort_invalid_usage("VUID-VkImageViewCreateInfo-subresourceRange-01478",
                                "baseMipLevel %u is not below the image's %u levels",
                                range.baseMipLevel, image->mip_levels);
   if (range.levelCount == VK_REMAINING_MIP_LEVELS)
      range.levelCount = image->mip_levels - range.baseMipLevel;
   if (range.levelCount == 0 || range.levelCount > image->mip_levels - range.baseMipLevel)
      memvk_abort_invalid_usage("VUID-VkImageViewCreateInfo-subresourceRange-01718",
                                "the view's mip levels exceed the image's %u", image->mip_levels);
   /* A 2D (array) view of a 3D image created with
    * VK_IMAGE_CREATE_2D_ARRAY_COMPATIBLE_BIT counts depth slices as layers
    * ("VUID-VkImageViewCreateInfo-image-02724"). */
   const uint32_t layers = image->type == VK_IMAGE_TYPE_3D &&
                                 (pCreateInfo->viewType == VK_IMAGE_VIEW_TYPE_2D ||
                                  pCreateInfo->viewType == VK_IMAGE_VIEW_TYPE_2D_ARRAY)
      ? mip_extent(image->extent.depth, range.baseMipLevel)
      : image->array_layers;
   if (range.baseArrayLayer >= layers)
      memvk_abort_invalid_usage("VUID-VkImageViewCreateInfo-image-06724",
                                "baseArrayLayer %u is not below the image's %u layers",
                                range.baseArrayLayer, layers);
   if (range.layerCount == VK_REMAINING_ARRAY_LAYERS)
      range.layerCount = layers - range.baseArrayLayer;
   if (range.layerCount == 0 || range.layerCount > layers - range.baseArrayLayer)
      memvk_abort_invalid_usage("VUID-VkImageViewCreateInfo-subresourceRange-06725",
                                "the view's layers exceed the image's %u", layers);

   struct memvk_image_view *view = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*view),
                                                 alignof(struct memvk_image_view),
                                                 VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (view == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&view->base, VK_OBJECT_TYPE_IMAGE_VIEW);
   view->image = image;
   view->view_type = pCreateInfo->viewType;
   view->format = pCreateInfo->format;
   view->components = pCreateInfo->components;
   view->subresource_range = range;
   /* A VkImageViewUsageCreateInfo restricts the view's usage; without one
    * the view has the image's usage (memvk keeps no separate stencil usage
    * from VkImageStencilUsageCreateInfo: no memvk queue uses views). */
   const VkImageViewUsageCreateInfo *usage =
      memvk_find_struct(pCreateInfo->pNext, VK_STRUCTURE_TYPE_IMAGE_VIEW_USAGE_CREATE_INFO);
   view->usage = usage != NULL ? usage->usage : image->usage;

   *pView = memvk_image_view_to_handle(view);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyImageView(VkDevice _device, VkImageView imageView, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_image_view *view = memvk_image_view_from_handle(imageView);
   if (view == NULL)
      return;
   memvk_object_finish(&view->base);
   memvk_free2(&device->alloc, pAllocator, view);
}
