/* The format table and the format queries: vkGetPhysicalDeviceFormatProperties(2),
 * vkGetPhysicalDeviceImageFormatProperties(2) and the sparse variants.
 *
 * Every core Vulkan 1.0-1.4 format is here, with what memvk knows of its
 * layout (from the registry's <formats> description of each format) and the
 * features it reports.  Features are of two kinds (docs/device.md):
 *
 *   - TRANSFER_SRC, TRANSFER_DST and HOST_IMAGE_TRANSFER, for every format
 *     and both tilings: the transfer queue and the host image copies
 *     (host_image_copy.c) copy any format's texel blocks byte for byte, and
 *     multi-planar images plane by plane, so this is what memvk really does.
 *   - The features the spec's "Required Format Support" tables demand of
 *     every implementation (sampling, blitting, attachments, storage, vertex
 *     and texel buffers).  They are vacuously true: no memvk queue can run a
 *     draw, a dispatch or a blit, so no use of them can ever be recorded.
 *     memvk reports exactly the required set, in optimal tiling only, and
 *     nothing beyond it.  The tables are read as the specification of
 *     memvk's headers (1.4.309) prints them; where a table leaves a choice
 *     ("at least one of" the BC, ETC2 and ASTC families, of the
 *     X8_D24/D32 and D24S8/D32S8 depth formats) memvk takes BC, D32_SFLOAT
 *     and D32_SFLOAT_S8_UINT. */
#include <string.h>

#include "constants.h"
#include "format.h"
#include "instance.h"

/* Short names for the table; the 2-suffixed flags equal the 1.0 ones for
 * every bit below 32. */
#define SAMPLED                  VK_FORMAT_FEATURE_2_SAMPLED_IMAGE_BIT
#define BLIT_SRC                 VK_FORMAT_FEATURE_2_BLIT_SRC_BIT
#define BLIT_DST                 VK_FORMAT_FEATURE_2_BLIT_DST_BIT
#define FILTER_LINEAR            VK_FORMAT_FEATURE_2_SAMPLED_IMAGE_FILTER_LINEAR_BIT
#define STORAGE                  VK_FORMAT_FEATURE_2_STORAGE_IMAGE_BIT
#define STORAGE_ATOMIC           VK_FORMAT_FEATURE_2_STORAGE_IMAGE_ATOMIC_BIT
#define COLOR_ATTACHMENT         VK_FORMAT_FEATURE_2_COLOR_ATTACHMENT_BIT
#define BLEND                    VK_FORMAT_FEATURE_2_COLOR_ATTACHMENT_BLEND_BIT
#define DEPTH_STENCIL_ATTACHMENT VK_FORMAT_FEATURE_2_DEPTH_STENCIL_ATTACHMENT_BIT
#define COSITED_CHROMA           VK_FORMAT_FEATURE_2_COSITED_CHROMA_SAMPLES_BIT
#define VERTEX                   VK_FORMAT_FEATURE_2_VERTEX_BUFFER_BIT
#define UNIFORM_TEXEL            VK_FORMAT_FEATURE_2_UNIFORM_TEXEL_BUFFER_BIT
#define STORAGE_TEXEL            VK_FORMAT_FEATURE_2_STORAGE_TEXEL_BUFFER_BIT
#define STORAGE_TEXEL_ATOMIC     VK_FORMAT_FEATURE_2_STORAGE_TEXEL_BUFFER_ATOMIC_BIT

/* HOST_IMAGE_TRANSFER on every format also covers the format requirement
 * that comes with hostImageCopy (its format-feature rule asks for it on
 * formats that support SAMPLED_IMAGE). */
#define MEMVK_TRANSFER                                                                           \
   (VK_FORMAT_FEATURE_2_TRANSFER_SRC_BIT | VK_FORMAT_FEATURE_2_TRANSFER_DST_BIT |                 \
    VK_FORMAT_FEATURE_2_HOST_IMAGE_TRANSFER_BIT)
/* The bits VkFormatProperties (1.0) can carry: VkFormatFeatureFlags2 equals
 * VkFormatFeatureFlags below bit 31; HOST_IMAGE_TRANSFER (bit 46) has no
 * 1.0 flag and only VkFormatProperties3 reports it. */
#define MEMVK_FORMAT_FEATURES_1_0_MASK 0x7fffffffull

struct memvk_format_entry {
   VkFormat format;
   struct memvk_format_info info;
   /* The required features of the tables, beyond the transfer bits. */
   VkFormatFeatureFlags2 required_optimal;
   VkFormatFeatureFlags2 required_buffer;
};

#define COLOR(size)                                                                              \
   { .block_size = (size), .block_width = 1, .block_height = 1, .block_depth = 1,                 \
     .aspects = VK_IMAGE_ASPECT_COLOR_BIT, .plane_count = 1 }
#define INTEGER(size)                                                                            \
   { .block_size = (size), .block_width = 1, .block_height = 1, .block_depth = 1,                 \
     .aspects = VK_IMAGE_ASPECT_COLOR_BIT, .plane_count = 1, .integer = true }
/* Single-plane 4:2:2 formats: one block holds two texels of a row. */
/* Single-plane formats that still need a sampler YCbCr conversion. */
#define YCBCR_COLOR(size)                                                                        \
   { .block_size = (size), .block_width = 1, .block_height = 1, .block_depth = 1,                 \
     .aspects = VK_IMAGE_ASPECT_COLOR_BIT, .plane_count = 1, .ycbcr = true }
#define SUBSAMPLED(size, width, height)                                                          \
   { .block_size = (size), .block_width = (width), .block_height = (height), .block_depth = 1,     \
     .aspects = VK_IMAGE_ASPECT_COLOR_BIT, .plane_count = 1, .ycbcr = true }
#define COMPRESSED(size, width, height, depth)                                                   \
   { .block_size = (size), .block_width = (width), .block_height = (height),                      \
     .block_depth = (depth), .aspects = VK_IMAGE_ASPECT_COLOR_BIT, .compressed = true,            \
     .plane_count = 1 }
/* "VK_FORMAT_D24_UNORM_S8_UINT ... copied as ... 32 bits with the D24 value
 * in the LSBs" and stencil as one byte: the copy sizes of the
 * "Depth/stencil formats" rules of the buffer-image copies. */
#define DEPTH_STENCIL(size, depth_bytes, stencil_bytes)                                          \
   { .block_size = (size), .block_width = 1, .block_height = 1, .block_depth = 1,                 \
     .aspects = ((depth_bytes) ? VK_IMAGE_ASPECT_DEPTH_BIT : 0) |                                \
                ((stencil_bytes) ? VK_IMAGE_ASPECT_STENCIL_BIT : 0),                             \
     .depth_copy_size = (depth_bytes), .stencil_copy_size = (stencil_bytes),                      \
     .integer = !(depth_bytes), .plane_count = 1 }
#define PLANE(format, width_divisor, height_divisor) \
   { VK_FORMAT_##format, (width_divisor), (height_divisor) }
/* block_size is the registry's figure for the format as a whole (one texel
 * of every plane); images use each plane's own format. */
#define MULTIPLANE2(size, p0, p1)                                                                \
   { .block_size = (size), .block_width = 1, .block_height = 1, .block_depth = 1,                 \
     .aspects = VK_IMAGE_ASPECT_COLOR_BIT | VK_IMAGE_ASPECT_PLANE_0_BIT | VK_IMAGE_ASPECT_PLANE_1_BIT, \
     .plane_count = 2, .planes = {p0, p1}, .ycbcr = true }
#define MULTIPLANE3(size, p0, p1, p2)                                                            \
   { .block_size = (size), .block_width = 1, .block_height = 1, .block_depth = 1,                 \
     .aspects = VK_IMAGE_ASPECT_COLOR_BIT | VK_IMAGE_ASPECT_PLANE_0_BIT |                        \
                VK_IMAGE_ASPECT_PLANE_1_BIT | VK_IMAGE_ASPECT_PLANE_2_BIT,                       \
     .plane_count = 3, .planes = {p0, p1, p2}, .ycbcr = true }
#define FORMAT(name, info, optimal, buffer) { VK_FORMAT_##name, info, (optimal), (buffer) }

/* Sorted by VkFormat value, for a binary search. */
static const struct memvk_format_entry memvk_formats[] = {
   FORMAT(R4G4_UNORM_PACK8, COLOR(1),
          0, 0),
   FORMAT(R4G4B4A4_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(B4G4R4A4_UNORM_PACK16, COLOR(2),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(R5G6B5_UNORM_PACK16, COLOR(2),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | COLOR_ATTACHMENT | BLIT_DST | BLEND, 0),
   FORMAT(B5G6R5_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(R5G5B5A1_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(B5G5R5A1_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(A1R5G5B5_UNORM_PACK16, COLOR(2),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | COLOR_ATTACHMENT | BLIT_DST | BLEND, 0),
   FORMAT(R8_UNORM, COLOR(1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL),
   FORMAT(R8_SNORM, COLOR(1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE, VERTEX | UNIFORM_TEXEL),
   FORMAT(R8_USCALED, COLOR(1),
          0, 0),
   FORMAT(R8_SSCALED, COLOR(1),
          0, 0),
   FORMAT(R8_UINT, INTEGER(1),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL),
   FORMAT(R8_SINT, INTEGER(1),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL),
   FORMAT(R8_SRGB, COLOR(1),
          0, 0),
   FORMAT(R8G8_UNORM, COLOR(2),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL),
   FORMAT(R8G8_SNORM, COLOR(2),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE, VERTEX | UNIFORM_TEXEL),
   FORMAT(R8G8_USCALED, COLOR(2),
          0, 0),
   FORMAT(R8G8_SSCALED, COLOR(2),
          0, 0),
   FORMAT(R8G8_UINT, INTEGER(2),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL),
   FORMAT(R8G8_SINT, INTEGER(2),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL),
   FORMAT(R8G8_SRGB, COLOR(2),
          0, 0),
   FORMAT(R8G8B8_UNORM, COLOR(3),
          0, 0),
   FORMAT(R8G8B8_SNORM, COLOR(3),
          0, 0),
   FORMAT(R8G8B8_USCALED, COLOR(3),
          0, 0),
   FORMAT(R8G8B8_SSCALED, COLOR(3),
          0, 0),
   FORMAT(R8G8B8_UINT, INTEGER(3),
          0, 0),
   FORMAT(R8G8B8_SINT, INTEGER(3),
          0, 0),
   FORMAT(R8G8B8_SRGB, COLOR(3),
          0, 0),
   FORMAT(B8G8R8_UNORM, COLOR(3),
          0, 0),
   FORMAT(B8G8R8_SNORM, COLOR(3),
          0, 0),
   FORMAT(B8G8R8_USCALED, COLOR(3),
          0, 0),
   FORMAT(B8G8R8_SSCALED, COLOR(3),
          0, 0),
   FORMAT(B8G8R8_UINT, INTEGER(3),
          0, 0),
   FORMAT(B8G8R8_SINT, INTEGER(3),
          0, 0),
   FORMAT(B8G8R8_SRGB, COLOR(3),
          0, 0),
   FORMAT(R8G8B8A8_UNORM, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R8G8B8A8_SNORM, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R8G8B8A8_USCALED, COLOR(4),
          0, 0),
   FORMAT(R8G8B8A8_SSCALED, COLOR(4),
          0, 0),
   FORMAT(R8G8B8A8_UINT, INTEGER(4),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R8G8B8A8_SINT, INTEGER(4),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R8G8B8A8_SRGB, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | COLOR_ATTACHMENT | BLIT_DST | BLEND, 0),
   FORMAT(B8G8R8A8_UNORM, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL),
   FORMAT(B8G8R8A8_SNORM, COLOR(4),
          0, 0),
   FORMAT(B8G8R8A8_USCALED, COLOR(4),
          0, 0),
   FORMAT(B8G8R8A8_SSCALED, COLOR(4),
          0, 0),
   FORMAT(B8G8R8A8_UINT, INTEGER(4),
          0, 0),
   FORMAT(B8G8R8A8_SINT, INTEGER(4),
          0, 0),
   FORMAT(B8G8R8A8_SRGB, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | COLOR_ATTACHMENT | BLIT_DST | BLEND, 0),
   FORMAT(A8B8G8R8_UNORM_PACK32, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(A8B8G8R8_SNORM_PACK32, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(A8B8G8R8_USCALED_PACK32, COLOR(4),
          0, 0),
   FORMAT(A8B8G8R8_SSCALED_PACK32, COLOR(4),
          0, 0),
   FORMAT(A8B8G8R8_UINT_PACK32, INTEGER(4),
          SAMPLED | BLIT_SRC | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(A8B8G8R8_SINT_PACK32, INTEGER(4),
          SAMPLED | BLIT_SRC | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(A8B8G8R8_SRGB_PACK32, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | COLOR_ATTACHMENT | BLIT_DST | BLEND, 0),
   FORMAT(A2R10G10B10_UNORM_PACK32, COLOR(4),
          0, 0),
   FORMAT(A2R10G10B10_SNORM_PACK32, COLOR(4),
          0, 0),
   FORMAT(A2R10G10B10_USCALED_PACK32, COLOR(4),
          0, 0),
   FORMAT(A2R10G10B10_SSCALED_PACK32, COLOR(4),
          0, 0),
   FORMAT(A2R10G10B10_UINT_PACK32, INTEGER(4),
          0, 0),
   FORMAT(A2R10G10B10_SINT_PACK32, INTEGER(4),
          0, 0),
   FORMAT(A2B10G10R10_UNORM_PACK32, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL),
   FORMAT(A2B10G10R10_SNORM_PACK32, COLOR(4),
          0, 0),
   FORMAT(A2B10G10R10_USCALED_PACK32, COLOR(4),
          0, 0),
   FORMAT(A2B10G10R10_SSCALED_PACK32, COLOR(4),
          0, 0),
   FORMAT(A2B10G10R10_UINT_PACK32, INTEGER(4),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, UNIFORM_TEXEL),
   FORMAT(A2B10G10R10_SINT_PACK32, INTEGER(4),
          0, 0),
   FORMAT(R16_UNORM, COLOR(2),
          STORAGE, VERTEX),
   FORMAT(R16_SNORM, COLOR(2),
          STORAGE, VERTEX),
   FORMAT(R16_USCALED, COLOR(2),
          0, 0),
   FORMAT(R16_SSCALED, COLOR(2),
          0, 0),
   FORMAT(R16_UINT, INTEGER(2),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL),
   FORMAT(R16_SINT, INTEGER(2),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL),
   FORMAT(R16_SFLOAT, COLOR(2),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL),
   FORMAT(R16G16_UNORM, COLOR(4),
          STORAGE, VERTEX),
   FORMAT(R16G16_SNORM, COLOR(4),
          STORAGE, VERTEX),
   FORMAT(R16G16_USCALED, COLOR(4),
          0, 0),
   FORMAT(R16G16_SSCALED, COLOR(4),
          0, 0),
   FORMAT(R16G16_UINT, INTEGER(4),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL),
   FORMAT(R16G16_SINT, INTEGER(4),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL),
   FORMAT(R16G16_SFLOAT, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL),
   FORMAT(R16G16B16_UNORM, COLOR(6),
          0, 0),
   FORMAT(R16G16B16_SNORM, COLOR(6),
          0, 0),
   FORMAT(R16G16B16_USCALED, COLOR(6),
          0, 0),
   FORMAT(R16G16B16_SSCALED, COLOR(6),
          0, 0),
   FORMAT(R16G16B16_UINT, INTEGER(6),
          0, 0),
   FORMAT(R16G16B16_SINT, INTEGER(6),
          0, 0),
   FORMAT(R16G16B16_SFLOAT, COLOR(6),
          0, 0),
   FORMAT(R16G16B16A16_UNORM, COLOR(8),
          STORAGE, VERTEX),
   FORMAT(R16G16B16A16_SNORM, COLOR(8),
          STORAGE, VERTEX),
   FORMAT(R16G16B16A16_USCALED, COLOR(8),
          0, 0),
   FORMAT(R16G16B16A16_SSCALED, COLOR(8),
          0, 0),
   FORMAT(R16G16B16A16_UINT, INTEGER(8),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R16G16B16A16_SINT, INTEGER(8),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R16G16B16A16_SFLOAT, COLOR(8),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE | COLOR_ATTACHMENT | BLIT_DST | BLEND, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R32_UINT, INTEGER(4),
          SAMPLED | BLIT_SRC | STORAGE | STORAGE_ATOMIC | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL | STORAGE_TEXEL_ATOMIC),
   FORMAT(R32_SINT, INTEGER(4),
          SAMPLED | BLIT_SRC | STORAGE | STORAGE_ATOMIC | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL | STORAGE_TEXEL_ATOMIC),
   FORMAT(R32_SFLOAT, COLOR(4),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R32G32_UINT, INTEGER(8),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R32G32_SINT, INTEGER(8),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R32G32_SFLOAT, COLOR(8),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R32G32B32_UINT, INTEGER(12),
          0, VERTEX),
   FORMAT(R32G32B32_SINT, INTEGER(12),
          0, VERTEX),
   FORMAT(R32G32B32_SFLOAT, COLOR(12),
          0, VERTEX),
   FORMAT(R32G32B32A32_UINT, INTEGER(16),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R32G32B32A32_SINT, INTEGER(16),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R32G32B32A32_SFLOAT, COLOR(16),
          SAMPLED | BLIT_SRC | STORAGE | COLOR_ATTACHMENT | BLIT_DST, VERTEX | UNIFORM_TEXEL | STORAGE_TEXEL),
   FORMAT(R64_UINT, INTEGER(8),
          0, 0),
   FORMAT(R64_SINT, INTEGER(8),
          0, 0),
   FORMAT(R64_SFLOAT, COLOR(8),
          0, 0),
   FORMAT(R64G64_UINT, INTEGER(16),
          0, 0),
   FORMAT(R64G64_SINT, INTEGER(16),
          0, 0),
   FORMAT(R64G64_SFLOAT, COLOR(16),
          0, 0),
   FORMAT(R64G64B64_UINT, INTEGER(24),
          0, 0),
   FORMAT(R64G64B64_SINT, INTEGER(24),
          0, 0),
   FORMAT(R64G64B64_SFLOAT, COLOR(24),
          0, 0),
   FORMAT(R64G64B64A64_UINT, INTEGER(32),
          0, 0),
   FORMAT(R64G64B64A64_SINT, INTEGER(32),
          0, 0),
   FORMAT(R64G64B64A64_SFLOAT, COLOR(32),
          0, 0),
   FORMAT(B10G11R11_UFLOAT_PACK32, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR | STORAGE, UNIFORM_TEXEL),
   FORMAT(E5B9G9R9_UFLOAT_PACK32, COLOR(4),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(D16_UNORM, DEPTH_STENCIL(2, 2, 0),
          SAMPLED | BLIT_SRC | DEPTH_STENCIL_ATTACHMENT, 0),
   FORMAT(X8_D24_UNORM_PACK32, DEPTH_STENCIL(4, 4, 0),
          0, 0),
   FORMAT(D32_SFLOAT, DEPTH_STENCIL(4, 4, 0),
          SAMPLED | BLIT_SRC | DEPTH_STENCIL_ATTACHMENT, 0),
   FORMAT(S8_UINT, DEPTH_STENCIL(1, 0, 1),
          0, 0),
   FORMAT(D16_UNORM_S8_UINT, DEPTH_STENCIL(3, 2, 1),
          0, 0),
   FORMAT(D24_UNORM_S8_UINT, DEPTH_STENCIL(4, 4, 1),
          0, 0),
   FORMAT(D32_SFLOAT_S8_UINT, DEPTH_STENCIL(5, 4, 1),
          DEPTH_STENCIL_ATTACHMENT, 0),
   FORMAT(BC1_RGB_UNORM_BLOCK, COMPRESSED(8, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC1_RGB_SRGB_BLOCK, COMPRESSED(8, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC1_RGBA_UNORM_BLOCK, COMPRESSED(8, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC1_RGBA_SRGB_BLOCK, COMPRESSED(8, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC2_UNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC2_SRGB_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC3_UNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC3_SRGB_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC4_UNORM_BLOCK, COMPRESSED(8, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC4_SNORM_BLOCK, COMPRESSED(8, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC5_UNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC5_SNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC6H_UFLOAT_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC6H_SFLOAT_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC7_UNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(BC7_SRGB_BLOCK, COMPRESSED(16, 4, 4, 1),
          SAMPLED | BLIT_SRC | FILTER_LINEAR, 0),
   FORMAT(ETC2_R8G8B8_UNORM_BLOCK, COMPRESSED(8, 4, 4, 1),
          0, 0),
   FORMAT(ETC2_R8G8B8_SRGB_BLOCK, COMPRESSED(8, 4, 4, 1),
          0, 0),
   FORMAT(ETC2_R8G8B8A1_UNORM_BLOCK, COMPRESSED(8, 4, 4, 1),
          0, 0),
   FORMAT(ETC2_R8G8B8A1_SRGB_BLOCK, COMPRESSED(8, 4, 4, 1),
          0, 0),
   FORMAT(ETC2_R8G8B8A8_UNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          0, 0),
   FORMAT(ETC2_R8G8B8A8_SRGB_BLOCK, COMPRESSED(16, 4, 4, 1),
          0, 0),
   FORMAT(EAC_R11_UNORM_BLOCK, COMPRESSED(8, 4, 4, 1),
          0, 0),
   FORMAT(EAC_R11_SNORM_BLOCK, COMPRESSED(8, 4, 4, 1),
          0, 0),
   FORMAT(EAC_R11G11_UNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          0, 0),
   FORMAT(EAC_R11G11_SNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          0, 0),
   FORMAT(ASTC_4x4_UNORM_BLOCK, COMPRESSED(16, 4, 4, 1),
          0, 0),
   FORMAT(ASTC_4x4_SRGB_BLOCK, COMPRESSED(16, 4, 4, 1),
          0, 0),
   FORMAT(ASTC_5x4_UNORM_BLOCK, COMPRESSED(16, 5, 4, 1),
          0, 0),
   FORMAT(ASTC_5x4_SRGB_BLOCK, COMPRESSED(16, 5, 4, 1),
          0, 0),
   FORMAT(ASTC_5x5_UNORM_BLOCK, COMPRESSED(16, 5, 5, 1),
          0, 0),
   FORMAT(ASTC_5x5_SRGB_BLOCK, COMPRESSED(16, 5, 5, 1),
          0, 0),
   FORMAT(ASTC_6x5_UNORM_BLOCK, COMPRESSED(16, 6, 5, 1),
          0, 0),
   FORMAT(ASTC_6x5_SRGB_BLOCK, COMPRESSED(16, 6, 5, 1),
          0, 0),
   FORMAT(ASTC_6x6_UNORM_BLOCK, COMPRESSED(16, 6, 6, 1),
          0, 0),
   FORMAT(ASTC_6x6_SRGB_BLOCK, COMPRESSED(16, 6, 6, 1),
          0, 0),
   FORMAT(ASTC_8x5_UNORM_BLOCK, COMPRESSED(16, 8, 5, 1),
          0, 0),
   FORMAT(ASTC_8x5_SRGB_BLOCK, COMPRESSED(16, 8, 5, 1),
          0, 0),
   FORMAT(ASTC_8x6_UNORM_BLOCK, COMPRESSED(16, 8, 6, 1),
          0, 0),
   FORMAT(ASTC_8x6_SRGB_BLOCK, COMPRESSED(16, 8, 6, 1),
          0, 0),
   FORMAT(ASTC_8x8_UNORM_BLOCK, COMPRESSED(16, 8, 8, 1),
          0, 0),
   FORMAT(ASTC_8x8_SRGB_BLOCK, COMPRESSED(16, 8, 8, 1),
          0, 0),
   FORMAT(ASTC_10x5_UNORM_BLOCK, COMPRESSED(16, 10, 5, 1),
          0, 0),
   FORMAT(ASTC_10x5_SRGB_BLOCK, COMPRESSED(16, 10, 5, 1),
          0, 0),
   FORMAT(ASTC_10x6_UNORM_BLOCK, COMPRESSED(16, 10, 6, 1),
          0, 0),
   FORMAT(ASTC_10x6_SRGB_BLOCK, COMPRESSED(16, 10, 6, 1),
          0, 0),
   FORMAT(ASTC_10x8_UNORM_BLOCK, COMPRESSED(16, 10, 8, 1),
          0, 0),
   FORMAT(ASTC_10x8_SRGB_BLOCK, COMPRESSED(16, 10, 8, 1),
          0, 0),
   FORMAT(ASTC_10x10_UNORM_BLOCK, COMPRESSED(16, 10, 10, 1),
          0, 0),
   FORMAT(ASTC_10x10_SRGB_BLOCK, COMPRESSED(16, 10, 10, 1),
          0, 0),
   FORMAT(ASTC_12x10_UNORM_BLOCK, COMPRESSED(16, 12, 10, 1),
          0, 0),
   FORMAT(ASTC_12x10_SRGB_BLOCK, COMPRESSED(16, 12, 10, 1),
          0, 0),
   FORMAT(ASTC_12x12_UNORM_BLOCK, COMPRESSED(16, 12, 12, 1),
          0, 0),
   FORMAT(ASTC_12x12_SRGB_BLOCK, COMPRESSED(16, 12, 12, 1),
          0, 0),
   FORMAT(ASTC_4x4_SFLOAT_BLOCK, COMPRESSED(16, 4, 4, 1),
          0, 0),
   FORMAT(ASTC_5x4_SFLOAT_BLOCK, COMPRESSED(16, 5, 4, 1),
          0, 0),
   FORMAT(ASTC_5x5_SFLOAT_BLOCK, COMPRESSED(16, 5, 5, 1),
          0, 0),
   FORMAT(ASTC_6x5_SFLOAT_BLOCK, COMPRESSED(16, 6, 5, 1),
          0, 0),
   FORMAT(ASTC_6x6_SFLOAT_BLOCK, COMPRESSED(16, 6, 6, 1),
          0, 0),
   FORMAT(ASTC_8x5_SFLOAT_BLOCK, COMPRESSED(16, 8, 5, 1),
          0, 0),
   FORMAT(ASTC_8x6_SFLOAT_BLOCK, COMPRESSED(16, 8, 6, 1),
          0, 0),
   FORMAT(ASTC_8x8_SFLOAT_BLOCK, COMPRESSED(16, 8, 8, 1),
          0, 0),
   FORMAT(ASTC_10x5_SFLOAT_BLOCK, COMPRESSED(16, 10, 5, 1),
          0, 0),
   FORMAT(ASTC_10x6_SFLOAT_BLOCK, COMPRESSED(16, 10, 6, 1),
          0, 0),
   FORMAT(ASTC_10x8_SFLOAT_BLOCK, COMPRESSED(16, 10, 8, 1),
          0, 0),
   FORMAT(ASTC_10x10_SFLOAT_BLOCK, COMPRESSED(16, 10, 10, 1),
          0, 0),
   FORMAT(ASTC_12x10_SFLOAT_BLOCK, COMPRESSED(16, 12, 10, 1),
          0, 0),
   FORMAT(ASTC_12x12_SFLOAT_BLOCK, COMPRESSED(16, 12, 12, 1),
          0, 0),
   FORMAT(G8B8G8R8_422_UNORM, SUBSAMPLED(4, 2, 1),
          0, 0),
   FORMAT(B8G8R8G8_422_UNORM, SUBSAMPLED(4, 2, 1),
          0, 0),
   FORMAT(G8_B8_R8_3PLANE_420_UNORM, MULTIPLANE3(3, PLANE(R8_UNORM, 1, 1), PLANE(R8_UNORM, 2, 2), PLANE(R8_UNORM, 2, 2)),
          SAMPLED | COSITED_CHROMA, 0),
   FORMAT(G8_B8R8_2PLANE_420_UNORM, MULTIPLANE2(3, PLANE(R8_UNORM, 1, 1), PLANE(R8G8_UNORM, 2, 2)),
          SAMPLED | COSITED_CHROMA, 0),
   FORMAT(G8_B8_R8_3PLANE_422_UNORM, MULTIPLANE3(3, PLANE(R8_UNORM, 1, 1), PLANE(R8_UNORM, 2, 1), PLANE(R8_UNORM, 2, 1)),
          0, 0),
   FORMAT(G8_B8R8_2PLANE_422_UNORM, MULTIPLANE2(3, PLANE(R8_UNORM, 1, 1), PLANE(R8G8_UNORM, 2, 1)),
          0, 0),
   FORMAT(G8_B8_R8_3PLANE_444_UNORM, MULTIPLANE3(3, PLANE(R8_UNORM, 1, 1), PLANE(R8_UNORM, 1, 1), PLANE(R8_UNORM, 1, 1)),
          0, 0),
   FORMAT(R10X6_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(R10X6G10X6_UNORM_2PACK16, COLOR(4),
          0, 0),
   FORMAT(R10X6G10X6B10X6A10X6_UNORM_4PACK16, YCBCR_COLOR(8),
          0, 0),
   FORMAT(G10X6B10X6G10X6R10X6_422_UNORM_4PACK16, SUBSAMPLED(8, 2, 1),
          0, 0),
   FORMAT(B10X6G10X6R10X6G10X6_422_UNORM_4PACK16, SUBSAMPLED(8, 2, 1),
          0, 0),
   FORMAT(G10X6_B10X6_R10X6_3PLANE_420_UNORM_3PACK16, MULTIPLANE3(6, PLANE(R10X6_UNORM_PACK16, 1, 1), PLANE(R10X6_UNORM_PACK16, 2, 2), PLANE(R10X6_UNORM_PACK16, 2, 2)),
          0, 0),
   FORMAT(G10X6_B10X6R10X6_2PLANE_420_UNORM_3PACK16, MULTIPLANE2(6, PLANE(R10X6_UNORM_PACK16, 1, 1), PLANE(R10X6G10X6_UNORM_2PACK16, 2, 2)),
          0, 0),
   FORMAT(G10X6_B10X6_R10X6_3PLANE_422_UNORM_3PACK16, MULTIPLANE3(6, PLANE(R10X6_UNORM_PACK16, 1, 1), PLANE(R10X6_UNORM_PACK16, 2, 1), PLANE(R10X6_UNORM_PACK16, 2, 1)),
          0, 0),
   FORMAT(G10X6_B10X6R10X6_2PLANE_422_UNORM_3PACK16, MULTIPLANE2(6, PLANE(R10X6_UNORM_PACK16, 1, 1), PLANE(R10X6G10X6_UNORM_2PACK16, 2, 1)),
          0, 0),
   FORMAT(G10X6_B10X6_R10X6_3PLANE_444_UNORM_3PACK16, MULTIPLANE3(6, PLANE(R10X6_UNORM_PACK16, 1, 1), PLANE(R10X6_UNORM_PACK16, 1, 1), PLANE(R10X6_UNORM_PACK16, 1, 1)),
          0, 0),
   FORMAT(R12X4_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(R12X4G12X4_UNORM_2PACK16, COLOR(4),
          0, 0),
   FORMAT(R12X4G12X4B12X4A12X4_UNORM_4PACK16, YCBCR_COLOR(8),
          0, 0),
   FORMAT(G12X4B12X4G12X4R12X4_422_UNORM_4PACK16, SUBSAMPLED(8, 2, 1),
          0, 0),
   FORMAT(B12X4G12X4R12X4G12X4_422_UNORM_4PACK16, SUBSAMPLED(8, 2, 1),
          0, 0),
   FORMAT(G12X4_B12X4_R12X4_3PLANE_420_UNORM_3PACK16, MULTIPLANE3(6, PLANE(R12X4_UNORM_PACK16, 1, 1), PLANE(R12X4_UNORM_PACK16, 2, 2), PLANE(R12X4_UNORM_PACK16, 2, 2)),
          0, 0),
   FORMAT(G12X4_B12X4R12X4_2PLANE_420_UNORM_3PACK16, MULTIPLANE2(6, PLANE(R12X4_UNORM_PACK16, 1, 1), PLANE(R12X4G12X4_UNORM_2PACK16, 2, 2)),
          0, 0),
   FORMAT(G12X4_B12X4_R12X4_3PLANE_422_UNORM_3PACK16, MULTIPLANE3(6, PLANE(R12X4_UNORM_PACK16, 1, 1), PLANE(R12X4_UNORM_PACK16, 2, 1), PLANE(R12X4_UNORM_PACK16, 2, 1)),
          0, 0),
   FORMAT(G12X4_B12X4R12X4_2PLANE_422_UNORM_3PACK16, MULTIPLANE2(6, PLANE(R12X4_UNORM_PACK16, 1, 1), PLANE(R12X4G12X4_UNORM_2PACK16, 2, 1)),
          0, 0),
   FORMAT(G12X4_B12X4_R12X4_3PLANE_444_UNORM_3PACK16, MULTIPLANE3(6, PLANE(R12X4_UNORM_PACK16, 1, 1), PLANE(R12X4_UNORM_PACK16, 1, 1), PLANE(R12X4_UNORM_PACK16, 1, 1)),
          0, 0),
   FORMAT(G16B16G16R16_422_UNORM, SUBSAMPLED(8, 2, 1),
          0, 0),
   FORMAT(B16G16R16G16_422_UNORM, SUBSAMPLED(8, 2, 1),
          0, 0),
   FORMAT(G16_B16_R16_3PLANE_420_UNORM, MULTIPLANE3(6, PLANE(R16_UNORM, 1, 1), PLANE(R16_UNORM, 2, 2), PLANE(R16_UNORM, 2, 2)),
          0, 0),
   FORMAT(G16_B16R16_2PLANE_420_UNORM, MULTIPLANE2(6, PLANE(R16_UNORM, 1, 1), PLANE(R16G16_UNORM, 2, 2)),
          0, 0),
   FORMAT(G16_B16_R16_3PLANE_422_UNORM, MULTIPLANE3(6, PLANE(R16_UNORM, 1, 1), PLANE(R16_UNORM, 2, 1), PLANE(R16_UNORM, 2, 1)),
          0, 0),
   FORMAT(G16_B16R16_2PLANE_422_UNORM, MULTIPLANE2(6, PLANE(R16_UNORM, 1, 1), PLANE(R16G16_UNORM, 2, 1)),
          0, 0),
   FORMAT(G16_B16_R16_3PLANE_444_UNORM, MULTIPLANE3(6, PLANE(R16_UNORM, 1, 1), PLANE(R16_UNORM, 1, 1), PLANE(R16_UNORM, 1, 1)),
          0, 0),
   FORMAT(G8_B8R8_2PLANE_444_UNORM, MULTIPLANE2(3, PLANE(R8_UNORM, 1, 1), PLANE(R8G8_UNORM, 1, 1)),
          0, 0),
   FORMAT(G10X6_B10X6R10X6_2PLANE_444_UNORM_3PACK16, MULTIPLANE2(6, PLANE(R10X6_UNORM_PACK16, 1, 1), PLANE(R10X6G10X6_UNORM_2PACK16, 1, 1)),
          0, 0),
   FORMAT(G12X4_B12X4R12X4_2PLANE_444_UNORM_3PACK16, MULTIPLANE2(6, PLANE(R12X4_UNORM_PACK16, 1, 1), PLANE(R12X4G12X4_UNORM_2PACK16, 1, 1)),
          0, 0),
   FORMAT(G16_B16R16_2PLANE_444_UNORM, MULTIPLANE2(6, PLANE(R16_UNORM, 1, 1), PLANE(R16G16_UNORM, 1, 1)),
          0, 0),
   FORMAT(A4R4G4B4_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(A4B4G4R4_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(A1B5G5R5_UNORM_PACK16, COLOR(2),
          0, 0),
   FORMAT(A8_UNORM, COLOR(1),
          0, 0),
};

const struct memvk_format_info *
memvk_format_info(VkFormat format)
{
   size_t low = 0, high = MEMVK_ARRAY_LENGTH(memvk_formats);
   while (low < high) {
      const size_t middle = low + (high - low) / 2;
      if (memvk_formats[middle].format == format)
         return &memvk_formats[middle].info;
      if (memvk_formats[middle].format < format)
         low = middle + 1;
      else
         high = middle;
   }
   return NULL;
}

static const struct memvk_format_entry *
memvk_format_entry(VkFormat format)
{
   const struct memvk_format_info *info = memvk_format_info(format);
   return info != NULL ? (const struct memvk_format_entry *)((const char *)info -
                                                             offsetof(struct memvk_format_entry, info))
                       : NULL;
}

VkFormatFeatureFlags2
memvk_format_features(VkFormat format, VkImageTiling tiling)
{
   const struct memvk_format_entry *entry = memvk_format_entry(format);
   if (entry == NULL)
      return 0;
   VkFormatFeatureFlags2 features = MEMVK_TRANSFER;
   /* Each plane of a multi-planar image is its own range of memory
    * (image.c), so binding them separately is real. */
   if (entry->info.plane_count > 1)
      features |= VK_FORMAT_FEATURE_2_DISJOINT_BIT;
   switch (tiling) {
   case VK_IMAGE_TILING_OPTIMAL:
      return features | entry->required_optimal;
   case VK_IMAGE_TILING_LINEAR:
      return features;
   default:
      /* VK_IMAGE_TILING_DRM_FORMAT_MODIFIER_EXT: no such extension. */
      return 0;
   }
}

VkFormatFeatureFlags2
memvk_format_buffer_features(VkFormat format)
{
   const struct memvk_format_entry *entry = memvk_format_entry(format);
   return entry != NULL ? entry->required_buffer : 0;
}

/* --- vkGetPhysicalDeviceFormatProperties ------------------------------------ */

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceFormatProperties2(VkPhysicalDevice physicalDevice, VkFormat format,
                                         VkFormatProperties2 *pFormatProperties)
{
   (void)physicalDevice;
   const VkFormatFeatureFlags2 linear = memvk_format_features(format, VK_IMAGE_TILING_LINEAR);
   const VkFormatFeatureFlags2 optimal = memvk_format_features(format, VK_IMAGE_TILING_OPTIMAL);
   const VkFormatFeatureFlags2 buffer = memvk_format_buffer_features(format);
   pFormatProperties->formatProperties = (VkFormatProperties){
      .linearTilingFeatures = (VkFormatFeatureFlags)(linear & MEMVK_FORMAT_FEATURES_1_0_MASK),
      .optimalTilingFeatures = (VkFormatFeatureFlags)(optimal & MEMVK_FORMAT_FEATURES_1_0_MASK),
      .bufferFeatures = (VkFormatFeatureFlags)(buffer & MEMVK_FORMAT_FEATURES_1_0_MASK),
   };
   memvk_foreach_struct_out(s, pFormatProperties->pNext) {
      if (s->sType == VK_STRUCTURE_TYPE_FORMAT_PROPERTIES_3) {
         VkFormatProperties3 *p = (void *)s;
         p->linearTilingFeatures = linear;
         p->optimalTilingFeatures = optimal;
         p->bufferFeatures = buffer;
      }
   }
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceFormatProperties(VkPhysicalDevice physicalDevice, VkFormat format,
                                        VkFormatProperties *pFormatProperties)
{
   VkFormatProperties2 properties = {.sType = VK_STRUCTURE_TYPE_FORMAT_PROPERTIES_2};
   memvk_GetPhysicalDeviceFormatProperties2(physicalDevice, format, &properties);
   *pFormatProperties = properties.formatProperties;
}

/* --- vkGetPhysicalDeviceImageFormatProperties --------------------------------- */

/* The format features an image usage needs ("Valid Usage" of
 * VkImageCreateInfo: "If usage includes X, the format features must
 * contain Y"). */
static VkFormatFeatureFlags2
memvk_usage_features(VkImageUsageFlags usage, VkImageUsageFlags *unsupported)
{
   static const struct {
      VkImageUsageFlags usage;
      VkFormatFeatureFlags2 features;
   } needs[] = {
      {VK_IMAGE_USAGE_TRANSFER_SRC_BIT, VK_FORMAT_FEATURE_2_TRANSFER_SRC_BIT},
      {VK_IMAGE_USAGE_TRANSFER_DST_BIT, VK_FORMAT_FEATURE_2_TRANSFER_DST_BIT},
      /* VUID-VkImageCreateInfo-imageCreateFormatFeatures-09048. */
      {VK_IMAGE_USAGE_HOST_TRANSFER_BIT, VK_FORMAT_FEATURE_2_HOST_IMAGE_TRANSFER_BIT},
      {VK_IMAGE_USAGE_SAMPLED_BIT, SAMPLED},
      {VK_IMAGE_USAGE_STORAGE_BIT, STORAGE},
      {VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT, COLOR_ATTACHMENT},
      {VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, DEPTH_STENCIL_ATTACHMENT},
   };
   VkFormatFeatureFlags2 features = 0;
   VkImageUsageFlags known = VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT | VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT;
   for (size_t i = 0; i < MEMVK_ARRAY_LENGTH(needs); i++) {
      known |= needs[i].usage;
      if (usage & needs[i].usage)
         features |= needs[i].features;
   }
   /* Video, shading-rate and feedback-loop usages belong to features and
    * extensions memvk does not offer. */
   *unsupported = usage & ~known;
   return features;
}

/* The features of every format an image may view itself as: with
 * EXTENDED_USAGE, "usage flags that are not supported for the format the
 * image is created with but are supported for at least one format a
 * VkImageView created from the image can have".  Views of a MUTABLE image
 * use size-compatible formats, and memvk treats every uncompressed color
 * format with the same block size as one; the planes of a multi-planar
 * format and the uncompressed views of a block-texel-view-compatible
 * compressed image count too. */
static VkFormatFeatureFlags2
memvk_view_formats_features(const struct memvk_format_info *info, VkImageTiling tiling,
                            VkImageCreateFlags flags)
{
   VkFormatFeatureFlags2 features = 0;
   for (size_t i = 0; i < MEMVK_ARRAY_LENGTH(memvk_formats); i++) {
      const struct memvk_format_entry *other = &memvk_formats[i];
      bool viewable = false;
      if (info->plane_count > 1) {
         for (uint32_t p = 0; p < info->plane_count; p++)
            viewable |= info->planes[p].format == other->format;
      } else if (info->aspects == VK_IMAGE_ASPECT_COLOR_BIT && !info->ycbcr &&
                 other->info.aspects == VK_IMAGE_ASPECT_COLOR_BIT && !other->info.ycbcr &&
                 other->info.block_size == info->block_size) {
         const bool same_kind = other->info.compressed == info->compressed &&
                                other->info.block_width == info->block_width &&
                                other->info.block_height == info->block_height &&
                                other->info.block_depth == info->block_depth;
         const bool texel_view = info->compressed && !other->info.compressed &&
                                 (flags & VK_IMAGE_CREATE_BLOCK_TEXEL_VIEW_COMPATIBLE_BIT);
         viewable = same_kind || texel_view;
      }
      if (viewable)
         features |= memvk_format_features(other->format, tiling);
   }
   return features;
}

static uint32_t
memvk_mip_levels_for(uint32_t largest_dimension)
{
   return 32u - (uint32_t)__builtin_clz(largest_dimension);
}

/* The sample counts of an image ("Supported Sample Counts"): one sample
 * whenever the spec says so, otherwise the intersection of the limits of
 * every usage the image has. */
static VkSampleCountFlags
memvk_image_sample_counts(const struct memvk_format_info *info, VkFormatFeatureFlags2 features,
                          const VkPhysicalDeviceImageFormatInfo2 *image_info, VkImageUsageFlags usage)
{
   /* "sampleCounts will be set to VK_SAMPLE_COUNT_1_BIT if ... tiling is
    * VK_IMAGE_TILING_LINEAR, type is not VK_IMAGE_TYPE_2D, flags contains
    * VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT, neither the
    * VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT or the
    * VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT flag in
    * VkFormatProperties::optimalTilingFeatures returned by
    * vkGetPhysicalDeviceFormatProperties is set, ... format is one of the
    * formats that require a sampler Y'CBCR conversion". */
   if (image_info->tiling != VK_IMAGE_TILING_OPTIMAL || image_info->type != VK_IMAGE_TYPE_2D ||
       (image_info->flags & VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT) || info->ycbcr ||
       !(features & (COLOR_ATTACHMENT | DEPTH_STENCIL_ATTACHMENT)))
      return VK_SAMPLE_COUNT_1_BIT;

   const VkPhysicalDeviceLimits *limits = &memvk_limits;
   VkSampleCountFlags counts = MEMVK_SAMPLE_COUNTS;
   const bool depth = info->aspects & VK_IMAGE_ASPECT_DEPTH_BIT;
   const bool stencil = info->aspects & VK_IMAGE_ASPECT_STENCIL_BIT;
   const bool color = info->aspects & VK_IMAGE_ASPECT_COLOR_BIT;
   if (usage & VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT)
      counts &= info->integer ? memvk_vulkan12_limits.framebufferIntegerColorSampleCounts
                              : limits->framebufferColorSampleCounts;
   if (usage & VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT) {
      if (depth)
         counts &= limits->framebufferDepthSampleCounts;
      if (stencil)
         counts &= limits->framebufferStencilSampleCounts;
   }
   if (usage & VK_IMAGE_USAGE_SAMPLED_BIT) {
      if (color)
         counts &= info->integer ? limits->sampledImageIntegerSampleCounts
                                 : limits->sampledImageColorSampleCounts;
      if (depth)
         counts &= limits->sampledImageDepthSampleCounts;
      if (stencil)
         counts &= limits->sampledImageStencilSampleCounts;
   }
   if (usage & VK_IMAGE_USAGE_STORAGE_BIT)
      counts &= limits->storageImageSampleCounts;
   return counts;
}

/* The image creation flags memvk accepts.  Sparse residency needs
 * sparseBinding, protected images protectedMemory, split-instance binds a
 * device group of more than one device: none of which memvk has. */
#define MEMVK_SUPPORTED_IMAGE_CREATE_FLAGS                                                       \
   (VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT | VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT |                    \
    VK_IMAGE_CREATE_ALIAS_BIT | VK_IMAGE_CREATE_2D_ARRAY_COMPATIBLE_BIT |                         \
    VK_IMAGE_CREATE_BLOCK_TEXEL_VIEW_COMPATIBLE_BIT | VK_IMAGE_CREATE_EXTENDED_USAGE_BIT |        \
    VK_IMAGE_CREATE_DISJOINT_BIT)

VkResult
memvk_image_format_properties(const VkPhysicalDeviceImageFormatInfo2 *image_info,
                              VkImageFormatProperties *properties)
{
   *properties = (VkImageFormatProperties){0};

   const struct memvk_format_info *info = memvk_format_info(image_info->format);
   if (info == NULL)
      return VK_ERROR_FORMAT_NOT_SUPPORTED;
   const VkImageCreateFlags flags = image_info->flags;
   if (flags & ~MEMVK_SUPPORTED_IMAGE_CREATE_FLAGS)
      return VK_ERROR_FORMAT_NOT_SUPPORTED;
   const VkFormatFeatureFlags2 features = memvk_format_features(image_info->format, image_info->tiling);
   if (features == 0)
      return VK_ERROR_FORMAT_NOT_SUPPORTED;

   /* "VkImageStencilUsageCreateInfo ... stencilUsage" replaces usage for the
    * stencil aspect of a depth/stencil format. */
   VkImageUsageFlags usage = image_info->usage;
   const VkImageStencilUsageCreateInfo *stencil_usage =
      memvk_find_struct(image_info->pNext, VK_STRUCTURE_TYPE_IMAGE_STENCIL_USAGE_CREATE_INFO);
   if (stencil_usage != NULL)
      usage |= stencil_usage->stencilUsage;

   VkImageUsageFlags unsupported_usage;
   const VkFormatFeatureFlags2 needed = memvk_usage_features(usage, &unsupported_usage);
   if (unsupported_usage != 0)
      return VK_ERROR_FORMAT_NOT_SUPPORTED;
   const VkFormatFeatureFlags2 usable = (flags & VK_IMAGE_CREATE_EXTENDED_USAGE_BIT)
                                           ? features | memvk_view_formats_features(info, image_info->tiling, flags)
                                           : features;
   if ((needed & usable) != needed)
      return VK_ERROR_FORMAT_NOT_SUPPORTED;
   /* Transient and input attachments are attachments first. */
   if ((usage & (VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT | VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT)) &&
       !(usable & (COLOR_ATTACHMENT | DEPTH_STENCIL_ATTACHMENT)))
      return VK_ERROR_FORMAT_NOT_SUPPORTED;

   if ((flags & VK_IMAGE_CREATE_DISJOINT_BIT) && !(features & VK_FORMAT_FEATURE_2_DISJOINT_BIT))
      return VK_ERROR_FORMAT_NOT_SUPPORTED;
   /* "VUID-VkImageCreateInfo-flags-01572: If flags contains
    * VK_IMAGE_CREATE_BLOCK_TEXEL_VIEW_COMPATIBLE_BIT, then format must be a
    * compressed image format". */
   if ((flags & VK_IMAGE_CREATE_BLOCK_TEXEL_VIEW_COMPATIBLE_BIT) && !info->compressed)
      return VK_ERROR_FORMAT_NOT_SUPPORTED;

   /* Which image types each kind of format has: a 1D image is one row, too
    * short for a block taller than one texel; the registry's depth/stencil,
    * ETC2/EAC and ASTC tables are 2D only, BC is 2D and 3D; formats that
    * need a YCbCr conversion are 2D only ("VUID-VkImageCreateInfo-format-06412"). */
   const bool depth_stencil = info->aspects & (VK_IMAGE_ASPECT_DEPTH_BIT | VK_IMAGE_ASPECT_STENCIL_BIT);
   const bool block_compressed_bc = image_info->format >= VK_FORMAT_BC1_RGB_UNORM_BLOCK &&
                                    image_info->format <= VK_FORMAT_BC7_SRGB_BLOCK;
   VkExtent3D max_extent;
   uint32_t max_array_layers = MEMVK_MAX_IMAGE_ARRAY_LAYERS;
   switch (image_info->type) {
   case VK_IMAGE_TYPE_1D:
      if (info->block_height > 1 || info->compressed || info->ycbcr)
         return VK_ERROR_FORMAT_NOT_SUPPORTED;
      max_extent = (VkExtent3D){MEMVK_MAX_IMAGE_DIMENSION_1D, 1, 1};
      break;
   case VK_IMAGE_TYPE_2D:
      max_extent = (flags & VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT)
                      ? (VkExtent3D){MEMVK_MAX_IMAGE_DIMENSION_CUBE, MEMVK_MAX_IMAGE_DIMENSION_CUBE, 1}
                      : (VkExtent3D){MEMVK_MAX_IMAGE_DIMENSION_2D, MEMVK_MAX_IMAGE_DIMENSION_2D, 1};
      break;
   case VK_IMAGE_TYPE_3D:
      if (depth_stencil || info->ycbcr || (info->compressed && !block_compressed_bc))
         return VK_ERROR_FORMAT_NOT_SUPPORTED;
      max_extent = (VkExtent3D){MEMVK_MAX_IMAGE_DIMENSION_3D, MEMVK_MAX_IMAGE_DIMENSION_3D,
                                MEMVK_MAX_IMAGE_DIMENSION_3D};
      /* "VUID-VkImageCreateInfo-imageType-00961: If imageType is
       * VK_IMAGE_TYPE_3D, arrayLayers must be 1". */
      max_array_layers = 1;
      break;
   default:
      return VK_ERROR_FORMAT_NOT_SUPPORTED;
   }
   /* "VUID-VkImageCreateInfo-flags-00949: If flags contains
    * VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT, imageType must be
    * VK_IMAGE_TYPE_2D"; "-flags-00950: ... 2D_ARRAY_COMPATIBLE_BIT,
    * imageType must be VK_IMAGE_TYPE_3D". */
   if ((flags & VK_IMAGE_CREATE_CUBE_COMPATIBLE_BIT) && image_info->type != VK_IMAGE_TYPE_2D)
      return VK_ERROR_FORMAT_NOT_SUPPORTED;
   if ((flags & VK_IMAGE_CREATE_2D_ARRAY_COMPATIBLE_BIT) && image_info->type != VK_IMAGE_TYPE_3D)
      return VK_ERROR_FORMAT_NOT_SUPPORTED;

   const uint32_t largest = MEMVK_MAX(max_extent.width, MEMVK_MAX(max_extent.height, max_extent.depth));
   uint32_t max_mip_levels = memvk_mip_levels_for(largest);
   /* Formats that require a sampler YCbCr conversion: "mipLevels must be 1"
    * (VUID-VkImageCreateInfo-format-06410) and, without the
    * ycbcrImageArrays feature of VK_EXT_ycbcr_image_arrays, "arrayLayers
    * must be 1" (-06413). */
   if (info->ycbcr) {
      max_mip_levels = 1;
      max_array_layers = 1;
   }

   properties->maxExtent = max_extent;
   properties->maxMipLevels = max_mip_levels;
   properties->maxArrayLayers = max_array_layers;
   properties->sampleCounts = memvk_image_sample_counts(info, features, image_info, usage);
   properties->maxResourceSize = MEMVK_MAX_RESOURCE_SIZE;
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetPhysicalDeviceImageFormatProperties2(VkPhysicalDevice physicalDevice,
                                              const VkPhysicalDeviceImageFormatInfo2 *pImageFormatInfo,
                                              VkImageFormatProperties2 *pImageFormatProperties)
{
   (void)physicalDevice;
   /* memvk exports and imports nothing: "If handleType is not compatible
    * with the format, type, tiling, usage, and flags ... then
    * vkGetPhysicalDeviceImageFormatProperties2 returns
    * VK_ERROR_FORMAT_NOT_SUPPORTED". */
   const VkPhysicalDeviceExternalImageFormatInfo *external =
      memvk_find_struct(pImageFormatInfo->pNext, VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO);
   VkResult result = external != NULL && external->handleType != 0
                        ? VK_ERROR_FORMAT_NOT_SUPPORTED
                        : memvk_image_format_properties(pImageFormatInfo,
                                                        &pImageFormatProperties->imageFormatProperties);
   if (result != VK_SUCCESS)
      pImageFormatProperties->imageFormatProperties = (VkImageFormatProperties){0};

   const struct memvk_format_info *info = memvk_format_info(pImageFormatInfo->format);
   memvk_foreach_struct_out(s, pImageFormatProperties->pNext) {
      switch (s->sType) {
      case VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES: {
         VkExternalImageFormatProperties *p = (void *)s;
         p->externalMemoryProperties = (VkExternalMemoryProperties){0};
         break;
      }
      case VK_STRUCTURE_TYPE_SAMPLER_YCBCR_CONVERSION_IMAGE_FORMAT_PROPERTIES: {
         /* "combinedImageSamplerDescriptorCount is a number between 1 and
          * the number of planes in the format": one descriptor reaches all
          * of memvk's planes. */
         VkSamplerYcbcrConversionImageFormatProperties *p = (void *)s;
         p->combinedImageSamplerDescriptorCount = result == VK_SUCCESS && info->ycbcr ? 1 : 0;
         break;
      }
      case VK_STRUCTURE_TYPE_HOST_IMAGE_COPY_DEVICE_PERFORMANCE_QUERY: {
         /* Every image has one layout, whatever its tiling and usage
          * (image.c): host access is as fast as any other, and
          * HOST_TRANSFER changes no byte of the layout. */
         VkHostImageCopyDevicePerformanceQuery *p = (void *)s;
         p->optimalDeviceAccess = VK_TRUE;
         p->identicalMemoryLayout = VK_TRUE;
         break;
      }
      default:
         break;
      }
   }
   return result;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetPhysicalDeviceImageFormatProperties(VkPhysicalDevice physicalDevice, VkFormat format, VkImageType type,
                                             VkImageTiling tiling, VkImageUsageFlags usage,
                                             VkImageCreateFlags flags,
                                             VkImageFormatProperties *pImageFormatProperties)
{
   (void)physicalDevice;
   const VkPhysicalDeviceImageFormatInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_IMAGE_FORMAT_INFO_2,
      .format = format,
      .type = type,
      .tiling = tiling,
      .usage = usage,
      .flags = flags,
   };
   return memvk_image_format_properties(&info, pImageFormatProperties);
}

/* --- sparse images ----------------------------------------------------------
 * "If VK_IMAGE_CREATE_SPARSE_RESIDENCY_BIT is not supported for the given
 * arguments, pPropertyCount will be set to zero upon return": memvk has no
 * sparse residency at all. */

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceSparseImageFormatProperties(VkPhysicalDevice physicalDevice, VkFormat format,
                                                   VkImageType type, VkSampleCountFlagBits samples,
                                                   VkImageUsageFlags usage, VkImageTiling tiling,
                                                   uint32_t *pPropertyCount,
                                                   VkSparseImageFormatProperties *pProperties)
{
   (void)physicalDevice, (void)format, (void)type, (void)samples, (void)usage, (void)tiling;
   (void)pProperties;
   *pPropertyCount = 0;
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceSparseImageFormatProperties2(VkPhysicalDevice physicalDevice,
                                                    const VkPhysicalDeviceSparseImageFormatInfo2 *pFormatInfo,
                                                    uint32_t *pPropertyCount,
                                                    VkSparseImageFormatProperties2 *pProperties)
{
   (void)physicalDevice, (void)pFormatInfo, (void)pProperties;
   *pPropertyCount = 0;
}
