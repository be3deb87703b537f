/* Unit tests of format.c's table, linked directly (no loader): the layout
 * facts image.c, buffer.c and the copies read from memvk_format_info(),
 * checked against the registry's description of a few formats of each
 * kind, and the table's own invariants. */
#include <stdio.h>

#include "format.h"
#include "object.h"

static int failures;

#define EXPECT(cond)                                                         \
   do {                                                                      \
      if (!(cond)) {                                                         \
         fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
         failures++;                                                         \
      }                                                                      \
   } while (0)

static void
test_color_formats(void)
{
   const struct memvk_format_info *rgba8 = memvk_format_info(VK_FORMAT_R8G8B8A8_UNORM);
   EXPECT(rgba8 != NULL);
   if (rgba8 == NULL)
      return;
   EXPECT(rgba8->block_size == 4);
   EXPECT(rgba8->block_width == 1 && rgba8->block_height == 1 && rgba8->block_depth == 1);
   EXPECT(rgba8->aspects == VK_IMAGE_ASPECT_COLOR_BIT);
   EXPECT(rgba8->plane_count == 1 && !rgba8->compressed && !rgba8->integer && !rgba8->ycbcr);

   EXPECT(memvk_format_info(VK_FORMAT_R64G64B64A64_SFLOAT)->block_size == 32);
   EXPECT(memvk_format_info(VK_FORMAT_R8G8B8_SRGB)->block_size == 3);
   EXPECT(memvk_format_info(VK_FORMAT_R16G16_UINT)->integer);
   EXPECT(memvk_format_info(VK_FORMAT_A8_UNORM)->block_size == 1);
   EXPECT(memvk_format_info(VK_FORMAT_A1B5G5R5_UNORM_PACK16)->block_size == 2);
   EXPECT(memvk_format_info(VK_FORMAT_A4B4G4R4_UNORM_PACK16)->block_size == 2);
}

/* "Depth/stencil formats" of the buffer-image copies: D16 in 2 bytes, D24
 * and D32 in 4, S8 in 1. */
static void
test_depth_stencil_formats(void)
{
   const struct {
      VkFormat format;
      uint8_t depth, stencil;
   } cases[] = {
      {VK_FORMAT_D16_UNORM, 2, 0},         {VK_FORMAT_X8_D24_UNORM_PACK32, 4, 0},
      {VK_FORMAT_D32_SFLOAT, 4, 0},        {VK_FORMAT_S8_UINT, 0, 1},
      {VK_FORMAT_D16_UNORM_S8_UINT, 2, 1}, {VK_FORMAT_D24_UNORM_S8_UINT, 4, 1},
      {VK_FORMAT_D32_SFLOAT_S8_UINT, 4, 1},
   };
   for (size_t i = 0; i < MEMVK_ARRAY_LENGTH(cases); i++) {
      const struct memvk_format_info *info = memvk_format_info(cases[i].format);
      EXPECT(info != NULL);
      if (info == NULL)
         continue;
      EXPECT(info->depth_copy_size == cases[i].depth);
      EXPECT(info->stencil_copy_size == cases[i].stencil);
      EXPECT(!!(info->aspects & VK_IMAGE_ASPECT_DEPTH_BIT) == (cases[i].depth != 0));
      EXPECT(!!(info->aspects & VK_IMAGE_ASPECT_STENCIL_BIT) == (cases[i].stencil != 0));
      EXPECT(!(info->aspects & VK_IMAGE_ASPECT_COLOR_BIT));
   }
}

static void
test_compressed_formats(void)
{
   const struct {
      VkFormat format;
      uint32_t size;
      uint8_t width, height;
   } cases[] = {
      {VK_FORMAT_BC1_RGB_UNORM_BLOCK, 8, 4, 4},      {VK_FORMAT_BC7_SRGB_BLOCK, 16, 4, 4},
      {VK_FORMAT_ETC2_R8G8B8_UNORM_BLOCK, 8, 4, 4},  {VK_FORMAT_EAC_R11G11_SNORM_BLOCK, 16, 4, 4},
      {VK_FORMAT_ASTC_4x4_UNORM_BLOCK, 16, 4, 4},    {VK_FORMAT_ASTC_12x10_SRGB_BLOCK, 16, 12, 10},
      {VK_FORMAT_ASTC_10x5_SFLOAT_BLOCK, 16, 10, 5},
   };
   for (size_t i = 0; i < MEMVK_ARRAY_LENGTH(cases); i++) {
      const struct memvk_format_info *info = memvk_format_info(cases[i].format);
      EXPECT(info != NULL);
      if (info == NULL)
         continue;
      EXPECT(info->compressed);
      EXPECT(info->block_size == cases[i].size);
      EXPECT(info->block_width == cases[i].width && info->block_height == cases[i].height &&
             info->block_depth == 1);
   }
}

static void
test_ycbcr_formats(void)
{
   /* 4:2:2 single-plane: a block of two texels of one row. */
   const struct memvk_format_info *g8b8g8r8 = memvk_format_info(VK_FORMAT_G8B8G8R8_422_UNORM);
   EXPECT(g8b8g8r8->block_size == 4 && g8b8g8r8->block_width == 2 && g8b8g8r8->block_height == 1);
   EXPECT(g8b8g8r8->ycbcr && g8b8g8r8->plane_count == 1);

   /* NV12: luma at full size, interleaved chroma at half width and height. */
   const struct memvk_format_info *nv12 = memvk_format_info(VK_FORMAT_G8_B8R8_2PLANE_420_UNORM);
   EXPECT(nv12->plane_count == 2 && nv12->ycbcr);
   EXPECT(nv12->planes[0].format == VK_FORMAT_R8_UNORM);
   EXPECT(nv12->planes[0].width_divisor == 1 && nv12->planes[0].height_divisor == 1);
   EXPECT(nv12->planes[1].format == VK_FORMAT_R8G8_UNORM);
   EXPECT(nv12->planes[1].width_divisor == 2 && nv12->planes[1].height_divisor == 2);
   EXPECT(nv12->aspects & VK_IMAGE_ASPECT_PLANE_1_BIT);
   EXPECT(!(nv12->aspects & VK_IMAGE_ASPECT_PLANE_2_BIT));

   const struct memvk_format_info *g16_3plane_422 = memvk_format_info(VK_FORMAT_G16_B16_R16_3PLANE_422_UNORM);
   EXPECT(g16_3plane_422->plane_count == 3);
   EXPECT(g16_3plane_422->planes[2].format == VK_FORMAT_R16_UNORM);
   EXPECT(g16_3plane_422->planes[2].width_divisor == 2 && g16_3plane_422->planes[2].height_divisor == 1);

   const struct memvk_format_info *g10x6_2plane_444 = memvk_format_info(VK_FORMAT_G10X6_B10X6R10X6_2PLANE_444_UNORM_3PACK16);
   EXPECT(g10x6_2plane_444->plane_count == 2 && g10x6_2plane_444->planes[1].format == VK_FORMAT_R10X6G10X6_UNORM_2PACK16);
   EXPECT(g10x6_2plane_444->planes[1].width_divisor == 1 && g10x6_2plane_444->planes[1].height_divisor == 1);

   /* In the spec's list of formats that require a YCbCr conversion,
    * though it is one plane of 1x1 blocks. */
   EXPECT(memvk_format_info(VK_FORMAT_R10X6G10X6B10X6A10X6_UNORM_4PACK16)->ycbcr);
   EXPECT(!memvk_format_info(VK_FORMAT_R10X6G10X6_UNORM_2PACK16)->ycbcr);

   /* Every plane's format is itself a single-plane format of the table. */
   const VkFormat multi[] = {VK_FORMAT_G8_B8_R8_3PLANE_420_UNORM, VK_FORMAT_G12X4_B12X4R12X4_2PLANE_420_UNORM_3PACK16,
                             VK_FORMAT_G16_B16R16_2PLANE_444_UNORM};
   for (size_t i = 0; i < MEMVK_ARRAY_LENGTH(multi); i++) {
      const struct memvk_format_info *info = memvk_format_info(multi[i]);
      for (uint32_t p = 0; p < info->plane_count; p++) {
         const struct memvk_format_info *plane = memvk_format_info(info->planes[p].format);
         EXPECT(plane != NULL && plane->plane_count == 1);
      }
   }
}

static void
test_unknown_formats(void)
{
   EXPECT(memvk_format_info(VK_FORMAT_UNDEFINED) == NULL);
   EXPECT(memvk_format_info((VkFormat)185) == NULL);
   EXPECT(memvk_format_info((VkFormat)1000156034) == NULL);
   EXPECT(memvk_format_info(VK_FORMAT_MAX_ENUM) == NULL);
   EXPECT(memvk_format_features(VK_FORMAT_UNDEFINED, VK_IMAGE_TILING_OPTIMAL) == 0);
   EXPECT(memvk_format_buffer_features(VK_FORMAT_UNDEFINED) == 0);
   /* A tiling memvk has no extension for. */
   EXPECT(memvk_format_features(VK_FORMAT_R8_UNORM, VK_IMAGE_TILING_DRM_FORMAT_MODIFIER_EXT) == 0);
}

int
main(void)
{
   test_color_formats();
   test_depth_stencil_formats();
   test_compressed_formats();
   test_ycbcr_formats();
   test_unknown_formats();
   if (failures == 0)
      printf("PASS format table\n");
   return failures == 0 ? 0 : 1;
}
