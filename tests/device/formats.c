/* Format and image-format properties: true answers for every core format,
 * the "Required Format Support" features, and VK_ERROR_FORMAT_NOT_SUPPORTED
 * for every combination memvk cannot create. */
#include "vk_test.h"

#define NO_DEVICE {.no_device = true}

static const VkFormatFeatureFlags transfer = VK_FORMAT_FEATURE_TRANSFER_SRC_BIT | VK_FORMAT_FEATURE_TRANSFER_DST_BIT;

/* The core formats of Vulkan 1.0-1.4, as ranges of VkFormat values. */
static const struct {
   VkFormat first, last;
} core_formats[] = {
   {VK_FORMAT_R4G4_UNORM_PACK8, VK_FORMAT_ASTC_12x12_SRGB_BLOCK},
   {VK_FORMAT_G8B8G8R8_422_UNORM, VK_FORMAT_G16_B16_R16_3PLANE_444_UNORM},
   {VK_FORMAT_ASTC_4x4_SFLOAT_BLOCK, VK_FORMAT_ASTC_12x12_SFLOAT_BLOCK},
   {VK_FORMAT_G8_B8R8_2PLANE_444_UNORM, VK_FORMAT_G16_B16R16_2PLANE_444_UNORM},
   {VK_FORMAT_A4R4G4B4_UNORM_PACK16, VK_FORMAT_A4B4G4R4_UNORM_PACK16},
   {VK_FORMAT_A1B5G5R5_UNORM_PACK16, VK_FORMAT_A8_UNORM},
};

/* memvk's transfer queue copies any format's bytes, in either tiling. */
static void
test_every_core_format_supports_transfer(struct vkt *t)
{
   unsigned count = 0;
   for (size_t r = 0; r < VKT_ARRAY_LENGTH(core_formats); r++) {
      for (VkFormat f = core_formats[r].first; f <= core_formats[r].last; f++) {
         VkFormatProperties props;
         vkGetPhysicalDeviceFormatProperties(t->physical_device, f, &props);
         CHECK((props.optimalTilingFeatures & transfer) == transfer, "(format %d, optimal)", f);
         CHECK((props.linearTilingFeatures & transfer) == transfer, "(format %d, linear)", f);
         /* The transfer bits do not apply to buffers. */
         CHECK(!(props.bufferFeatures & transfer), "(format %d, buffer)", f);
         count++;
      }
   }
   CHECK(count == 240, "(%u core formats)", count);
}

static void
test_r8g8b8a8_unorm_has_transfer_and_required_features(struct vkt *t)
{
   VkFormatProperties3 props3 = {.sType = VK_STRUCTURE_TYPE_FORMAT_PROPERTIES_3};
   VkFormatProperties2 props = {.sType = VK_STRUCTURE_TYPE_FORMAT_PROPERTIES_2, .pNext = &props3};
   vkGetPhysicalDeviceFormatProperties2(t->physical_device, VK_FORMAT_R8G8B8A8_UNORM, &props);
   const VkFormatFeatureFlags optimal = props.formatProperties.optimalTilingFeatures;
   /* "Mandatory Format Support: 4 Byte-Sized Components". */
   const VkFormatFeatureFlags required =
      transfer | VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT | VK_FORMAT_FEATURE_BLIT_SRC_BIT |
      VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT | VK_FORMAT_FEATURE_STORAGE_IMAGE_BIT |
      VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT | VK_FORMAT_FEATURE_BLIT_DST_BIT |
      VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BLEND_BIT;
   CHECK((optimal & required) == required, "(optimal features 0x%x)", optimal);
   const VkFormatFeatureFlags buffer = VK_FORMAT_FEATURE_VERTEX_BUFFER_BIT |
                                       VK_FORMAT_FEATURE_UNIFORM_TEXEL_BUFFER_BIT |
                                       VK_FORMAT_FEATURE_STORAGE_TEXEL_BUFFER_BIT;
   CHECK((props.formatProperties.bufferFeatures & buffer) == buffer);
   CHECK(!(optimal & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT));
   /* VkFormatProperties3 adds HOST_IMAGE_TRANSFER (bit 46, no 1.0 flag) to
    * both tilings; below bit 31 the two answers are one. */
   const VkFormatFeatureFlags2 low = 0x7fffffffull;
   CHECK((props3.optimalTilingFeatures & low) == optimal &&
         (props3.linearTilingFeatures & low) == props.formatProperties.linearTilingFeatures &&
         props3.bufferFeatures == props.formatProperties.bufferFeatures);
   CHECK((props3.optimalTilingFeatures & VK_FORMAT_FEATURE_2_HOST_IMAGE_TRANSFER_BIT) &&
         (props3.linearTilingFeatures & VK_FORMAT_FEATURE_2_HOST_IMAGE_TRANSFER_BIT));
}

/* A selection of the "Required Format Support" tables. */
static void
test_required_format_support(struct vkt *t)
{
   VkFormatProperties props;
   vkGetPhysicalDeviceFormatProperties(t->physical_device, VK_FORMAT_D16_UNORM, &props);
   CHECK(props.optimalTilingFeatures & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT);
   CHECK(props.optimalTilingFeatures & VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT);
   CHECK(props.bufferFeatures == 0, "(\"bufferFeatures must not support any features for these formats\")");

   /* "must be supported for at least one of VK_FORMAT_D24_UNORM_S8_UINT and
    * VK_FORMAT_D32_SFLOAT_S8_UINT". */
   VkFormatProperties d24s8, d32s8;
   vkGetPhysicalDeviceFormatProperties(t->physical_device, VK_FORMAT_D24_UNORM_S8_UINT, &d24s8);
   vkGetPhysicalDeviceFormatProperties(t->physical_device, VK_FORMAT_D32_SFLOAT_S8_UINT, &d32s8);
   CHECK((d24s8.optimalTilingFeatures | d32s8.optimalTilingFeatures) & VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT);

   /* Sampling must be supported for all formats of one compressed family. */
   vkGetPhysicalDeviceFormatProperties(t->physical_device, VK_FORMAT_BC7_SRGB_BLOCK, &props);
   CHECK(props.optimalTilingFeatures & VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT);

   vkGetPhysicalDeviceFormatProperties(t->physical_device, VK_FORMAT_R32_UINT, &props);
   CHECK(props.optimalTilingFeatures & VK_FORMAT_FEATURE_STORAGE_IMAGE_ATOMIC_BIT);
   CHECK(props.bufferFeatures & VK_FORMAT_FEATURE_STORAGE_TEXEL_BUFFER_ATOMIC_BIT);

   /* samplerYcbcrConversion is reported: "Formats Requiring Sampler YCbCr
    * Conversion" marks these two. */
   vkGetPhysicalDeviceFormatProperties(t->physical_device, VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, &props);
   CHECK(props.optimalTilingFeatures & VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT);
   CHECK(props.optimalTilingFeatures &
         (VK_FORMAT_FEATURE_COSITED_CHROMA_SAMPLES_BIT | VK_FORMAT_FEATURE_MIDPOINT_CHROMA_SAMPLES_BIT));
   CHECK(props.optimalTilingFeatures & VK_FORMAT_FEATURE_DISJOINT_BIT);
   vkGetPhysicalDeviceFormatProperties(t->physical_device, VK_FORMAT_G8_B8_R8_3PLANE_420_UNORM, &props);
   CHECK(props.optimalTilingFeatures & VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT);

   /* Nothing beyond the tables: a format no table names samples nothing. */
   vkGetPhysicalDeviceFormatProperties(t->physical_device, VK_FORMAT_R8G8B8_SSCALED, &props);
   CHECK(props.optimalTilingFeatures == transfer && props.bufferFeatures == 0);
}

static void
test_unknown_format_answers_nothing(struct vkt *t)
{
   const VkFormat unknown[] = {VK_FORMAT_UNDEFINED, (VkFormat)185, (VkFormat)1000999000};
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(unknown); i++) {
      VkFormatProperties props;
      memset(&props, 0xff, sizeof(props));
      vkGetPhysicalDeviceFormatProperties(t->physical_device, unknown[i], &props);
      CHECK(props.linearTilingFeatures == 0 && props.optimalTilingFeatures == 0 && props.bufferFeatures == 0,
            "(format %d)", unknown[i]);
      VkImageFormatProperties image;
      CHECK_RESULT(vkGetPhysicalDeviceImageFormatProperties(t->physical_device, unknown[i], VK_IMAGE_TYPE_2D,
                                                            VK_IMAGE_TILING_OPTIMAL,
                                                            VK_IMAGE_USAGE_TRANSFER_DST_BIT, 0, &image),
                   VK_ERROR_FORMAT_NOT_SUPPORTED);
   }
}

static VkResult
image_format(struct vkt *t, VkFormat format, VkImageType type, VkImageTiling tiling, VkImageUsageFlags usage,
             VkImageCreateFlags flags, VkImageFormatProperties *props)
{
   return vkGetPhysicalDeviceImageFormatProperties(t->physical_device, format, type, tiling, usage, flags, props);
}

/* "If the combination of parameters ... is not supported by the
 * implementation for use in vkCreateImage, then all members of
 * VkImageFormatProperties will be filled with zero" and the result is
 * VK_ERROR_FORMAT_NOT_SUPPORTED. */
static void
test_image_format_rejects_what_memvk_cannot_create(struct vkt *t)
{
   const VkImageUsageFlags copy = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
   const struct {
      const char *what;
      VkFormat format;
      VkImageType type;
      VkImageTiling tiling;
      VkImageUsageFlags usage;
      VkImageCreateFlags flags;
   } rejected[] = {
      {"storage usage of a depth format", VK_FORMAT_D16_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
       VK_IMAGE_USAGE_STORAGE_BIT, 0},
      {"color attachment of a compressed format", VK_FORMAT_BC1_RGB_UNORM_BLOCK, VK_IMAGE_TYPE_2D,
       VK_IMAGE_TILING_OPTIMAL, VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT, 0},
      {"sampling a linear image", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_LINEAR,
       VK_IMAGE_USAGE_SAMPLED_BIT, 0},
      {"sparse binding", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL, copy,
       VK_IMAGE_CREATE_SPARSE_BINDING_BIT},
      {"a protected image", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL, copy,
       VK_IMAGE_CREATE_PROTECTED_BIT},
      {"a 3D depth image", VK_FORMAT_D32_SFLOAT, VK_IMAGE_TYPE_3D, VK_IMAGE_TILING_OPTIMAL, copy, 0},
      {"a cube-compatible 1D image", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_1D, VK_IMAGE_TILING_OPTIMAL, copy,
       VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT},
      {"a 2D-array-compatible 2D image", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL, copy,
       VK_IMAGE_CREATE_2D_ARRAY_COMPATIBLE_BIT},
      {"a 1D compressed image", VK_FORMAT_BC1_RGB_UNORM_BLOCK, VK_IMAGE_TYPE_1D, VK_IMAGE_TILING_OPTIMAL, copy, 0},
      {"a 3D multi-planar image", VK_FORMAT_G8_B8R8_2PLANE_420_UNORM, VK_IMAGE_TYPE_3D, VK_IMAGE_TILING_OPTIMAL,
       copy, 0},
      {"disjoint planes of a single-plane format", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D,
       VK_IMAGE_TILING_OPTIMAL, copy, VK_IMAGE_CREATE_DISJOINT_BIT},
      {"block-texel views of an uncompressed format", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D,
       VK_IMAGE_TILING_OPTIMAL, copy, VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT |
       VK_IMAGE_CREATE_BLOCK_TEXEL_VIEW_COMPATIBLE_BIT},
      {"an unknown usage bit", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
       (VkImageUsageFlags)0x40000000u, 0},
      {"DRM format modifier tiling", VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D,
       VK_IMAGE_TILING_DRM_FORMAT_MODIFIER_EXT, copy, 0},
   };
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(rejected); i++) {
      VkImageFormatProperties props;
      memset(&props, 0xff, sizeof(props));
      CHECK_RESULT(image_format(t, rejected[i].format, rejected[i].type, rejected[i].tiling, rejected[i].usage,
                                rejected[i].flags, &props),
                   VK_ERROR_FORMAT_NOT_SUPPORTED);
      const VkImageFormatProperties zero = {0};
      CHECK(memcmp(&props, &zero, sizeof(props)) == 0, "(%s: properties not zeroed)", rejected[i].what);
   }

   /* An external handle type memvk cannot import or export. */
   const VkPhysicalDeviceExternalImageFormatInfo external = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO,
      .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT,
   };
   const VkPhysicalDeviceImageFormatInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2,
      .pNext = &external,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .type = VK_IMAGE_TYPE_2D,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
      .usage = copy,
   };
   VkImageFormatProperties2 props2 = {.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2};
   CHECK_RESULT(vkGetPhysicalDeviceImageFormatProperties2(t->physical_device, &info, &props2),
                VK_ERROR_FORMAT_NOT_SUPPORTED);
}

/* The limits of a supported image are true: the device limits for its type,
 * a complete mip chain, 1 and 4 samples where the spec asks for them. */
static void
test_image_format_properties_are_true(struct vkt *t)
{
   VkPhysicalDeviceProperties device;
   vkGetPhysicalDeviceProperties(t->physical_device, &device);
   const VkPhysicalDeviceLimits *l = &device.limits;
   const VkImageUsageFlags copy = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;

   VkImageFormatProperties props;
   CHECK_SUCCESS(image_format(t, VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                              copy | VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT, 0, &props));
   CHECK(props.maxExtent.width >= l->maxImageDimension2D && props.maxExtent.height >= l->maxImageDimension2D &&
         props.maxExtent.depth == 1);
   CHECK(props.maxMipLevels == 32u - (uint32_t)__builtin_clz(props.maxExtent.width), "(a complete mip chain)");
   CHECK(props.maxArrayLayers >= l->maxImageArrayLayers);
   CHECK(props.maxResourceSize >= (UINT64_C(1) << 31));
   /* "the bits set in sampleCounts will be a superset of"
    * framebufferColorSampleCounts for a color attachment. */
   CHECK((props.sampleCounts & l->framebufferColorSampleCounts) == l->framebufferColorSampleCounts);

   /* "sampleCounts will be set to VK_SAMPLE_COUNT_1_BIT if ... tiling is
    * VK_IMAGE_TILING_LINEAR ... type is not VK_IMAGE_TYPE_2D". */
   CHECK_SUCCESS(image_format(t, VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_LINEAR, copy, 0,
                              &props));
   CHECK(props.sampleCounts == VK_SAMPLE_COUNT_1_BIT);
   CHECK_SUCCESS(image_format(t, VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_3D, VK_IMAGE_TILING_OPTIMAL, copy, 0,
                              &props));
   CHECK(props.sampleCounts == VK_SAMPLE_COUNT_1_BIT);
   CHECK(props.maxArrayLayers == 1, "(a 3D image has one layer)");
   CHECK(props.maxExtent.depth >= l->maxImageDimension3D);

   /* An integer color format's sampled multisampling is
    * sampledImageIntegerSampleCounts. */
   CHECK_SUCCESS(image_format(t, VK_FORMAT_R8G8B8A8_UINT, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                              VK_IMAGE_USAGE_SAMPLED_BIT, 0, &props));
   CHECK((props.sampleCounts & ~l->sampledImageIntegerSampleCounts) == 0);

   /* A format that requires a YCbCr conversion: one level, one layer. */
   VkSamplerYcbcrConversionImageFormatProperties ycbcr = {
      .sType = VK_STRUCTURE_TYPE_SAMPLER_YCBCR_CONVERSION_IMAGE_FORMAT_PROPERTIES};
   VkExternalImageFormatProperties external = {.sType = VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES,
                                               .pNext = &ycbcr};
   memset(&external.externalMemoryProperties, 0xff, sizeof(external.externalMemoryProperties));
   VkImageFormatProperties2 props2 = {.sType = VK_STRUCTURE_TYPE_IMAGE_FORMAT_PROPERTIES_2, .pNext = &external};
   const VkPhysicalDeviceImageFormatInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2,
      .format = VK_FORMAT_G8_B8R8_2PLANE_420_UNORM,
      .type = VK_IMAGE_TYPE_2D,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
      .usage = copy | VK_IMAGE_USAGE_SAMPLED_BIT,
      .flags = VK_IMAGE_CREATE_DISJOINT_BIT,
   };
   CHECK_SUCCESS(vkGetPhysicalDeviceImageFormatProperties2(t->physical_device, &info, &props2));
   CHECK(props2.imageFormatProperties.maxMipLevels == 1 && props2.imageFormatProperties.maxArrayLayers == 1);
   CHECK(props2.imageFormatProperties.sampleCounts == VK_SAMPLE_COUNT_1_BIT);
   CHECK(ycbcr.combinedImageSamplerDescriptorCount >= 1 && ycbcr.combinedImageSamplerDescriptorCount <= 2);
   CHECK(external.externalMemoryProperties.externalMemoryFeatures == 0 &&
         external.externalMemoryProperties.compatibleHandleTypes == 0);
}

/* A 4-sample image the query allows is created, and holds every sample. */
static void
test_multisampled_image_holds_every_sample(struct vkt *t)
{
   VkImageFormatProperties props;
   CHECK_SUCCESS(image_format(t, VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                              VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT, 0, &props));
   CHECK(props.sampleCounts & VK_SAMPLE_COUNT_4_BIT);

   VkImageCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = VK_IMAGE_TYPE_2D,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .extent = {64, 64, 1},
      .mipLevels = 1,
      .arrayLayers = 1,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
      .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT,
   };
   VkImage single, multi;
   CHECK_SUCCESS(vkCreateImage(t->device, &info, NULL, &single));
   info.samples = VK_SAMPLE_COUNT_4_BIT;
   CHECK_SUCCESS(vkCreateImage(t->device, &info, NULL, &multi));
   VkMemoryRequirements single_req, multi_req;
   vkGetImageMemoryRequirements(t->device, single, &single_req);
   vkGetImageMemoryRequirements(t->device, multi, &multi_req);
   CHECK(single_req.size >= 64 * 64 * 4);
   CHECK(multi_req.size >= 4 * 64 * 64 * 4, "(4 samples need %u bytes, the image has %" PRIu64 ")",
         4 * 64 * 64 * 4, (uint64_t)multi_req.size);
   vkDestroyImage(t->device, multi, NULL);
   vkDestroyImage(t->device, single, NULL);
}

/* With EXTENDED_USAGE, a usage only a view format supports is allowed:
 * R32_UINT images may be storage-atomic through a view, R8G8B8A8_SRGB may
 * not be storage itself. */
static void
test_extended_usage_counts_view_formats(struct vkt *t)
{
   VkImageFormatProperties props;
   CHECK_RESULT(image_format(t, VK_FORMAT_R8G8B8A8_SRGB, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                             VK_IMAGE_USAGE_STORAGE_BIT, VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT, &props),
                VK_ERROR_FORMAT_NOT_SUPPORTED);
   CHECK_SUCCESS(image_format(t, VK_FORMAT_R8G8B8A8_SRGB, VK_IMAGE_TYPE_2D, VK_IMAGE_TILING_OPTIMAL,
                              VK_IMAGE_USAGE_STORAGE_BIT,
                              VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT | VK_IMAGE_CREATE_EXTENDED_USAGE_BIT, &props));
}

static void
test_sparse_image_formats_are_none(struct vkt *t)
{
   uint32_t count = 9;
   vkGetPhysicalDeviceSparseImageFormatProperties(t->physical_device, VK_FORMAT_R8G8B8A8_UNORM, VK_IMAGE_TYPE_2D,
                                                  VK_SAMPLE_COUNT_1_BIT, VK_IMAGE_USAGE_SAMPLED_BIT,
                                                  VK_IMAGE_TILING_OPTIMAL, &count, NULL);
   CHECK(count == 0);
   const VkPhysicalDeviceSparseImageFormatInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SPARSE_IMAGE_FORMAT_INFO_2,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .type = VK_IMAGE_TYPE_2D,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .usage = VK_IMAGE_USAGE_SAMPLED_BIT,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
   };
   count = 9;
   vkGetPhysicalDeviceSparseImageFormatProperties2(t->physical_device, &info, &count, NULL);
   CHECK(count == 0);
}

static const struct vkt_test tests[] = {
   {"every_core_format_supports_transfer", test_every_core_format_supports_transfer, NO_DEVICE},
   {"r8g8b8a8_unorm_has_transfer_and_required_features", test_r8g8b8a8_unorm_has_transfer_and_required_features,
    NO_DEVICE},
   {"required_format_support", test_required_format_support, NO_DEVICE},
   {"unknown_format_answers_nothing", test_unknown_format_answers_nothing, NO_DEVICE},
   {"image_format_rejects_what_memvk_cannot_create", test_image_format_rejects_what_memvk_cannot_create, NO_DEVICE},
   {"image_format_properties_are_true", test_image_format_properties_are_true, NO_DEVICE},
   {"multisampled_image_holds_every_sample", test_multisampled_image_holds_every_sample, {0}},
   {"extended_usage_counts_view_formats", test_extended_usage_counts_view_formats, NO_DEVICE},
   {"sparse_image_formats_are_none", test_sparse_image_formats_are_none, NO_DEVICE},
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
