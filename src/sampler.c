/* VkSampler and VkSamplerYcbcrConversion.
 *
 * Only shaders sample, and memvk runs none (docs/resources.md): no memvk
 * queue can ever use these objects.  They still are real objects that keep
 * what they were created with, allocated through the application's
 * callbacks and freed when destroyed, because Vulkan 1.4 requires the
 * commands and applications create them whatever queues they then use. */
#include <stdalign.h>

#include "alloc.h"
#include "device.h"
#include "format.h"
#include "queue_rules.h"

struct memvk_sampler {
   struct memvk_object base;
   VkSamplerCreateFlags flags;
   VkFilter mag_filter, min_filter;
   VkSamplerMipmapMode mipmap_mode;
   VkSamplerAddressMode address_mode[3];
   float mip_lod_bias, max_anisotropy, min_lod, max_lod;
   bool anisotropy_enable, compare_enable, unnormalized_coordinates;
   VkCompareOp compare_op;
   VkBorderColor border_color;
   /* VkSamplerReductionModeCreateInfo; WEIGHTED_AVERAGE without one. */
   VkSamplerReductionMode reduction_mode;
   /* VkSamplerYcbcrConversionInfo, VK_NULL_HANDLE without one. */
   VkSamplerYcbcrConversion ycbcr_conversion;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_sampler, VkSampler, VK_OBJECT_TYPE_SAMPLER)

struct memvk_sampler_ycbcr_conversion {
   struct memvk_object base;
   VkFormat format;
   VkSamplerYcbcrModelConversion model;
   VkSamplerYcbcrRange range;
   VkComponentMapping components;
   VkChromaLocation x_chroma_offset, y_chroma_offset;
   VkFilter chroma_filter;
   bool force_explicit_reconstruction;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_sampler_ycbcr_conversion, VkSamplerYcbcrConversion,
                          VK_OBJECT_TYPE_SAMPLER_YCBCR_CONVERSION)

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateSampler(VkDevice _device, const VkSamplerCreateInfo *pCreateInfo,
                    const VkAllocationCallbacks *pAllocator, VkSampler *pSampler)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   if (pCreateInfo->anisotropyEnable && pCreateInfo->maxAnisotropy < 1.0f)
      memvk_abort_invalid_usage("VUID-VkSamplerCreateInfo-anisotropyEnable-01071",
                                "maxAnisotropy %f must be at least 1.0", (double)pCreateInfo->maxAnisotropy);
   if (pCreateInfo->maxLod < pCreateInfo->minLod)
      memvk_abort_invalid_usage("VUID-VkSamplerCreateInfo-maxLod-01973",
                                "maxLod %f must not be less than minLod %f",
                                (double)pCreateInfo->maxLod, (double)pCreateInfo->minLod);

   struct memvk_sampler *sampler = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*sampler),
                                                 alignof(struct memvk_sampler),
                                                 VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (sampler == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&sampler->base, VK_OBJECT_TYPE_SAMPLER);
   sampler->flags = pCreateInfo->flags;
   sampler->mag_filter = pCreateInfo->magFilter;
   sampler->min_filter = pCreateInfo->minFilter;
   sampler->mipmap_mode = pCreateInfo->mipmapMode;
   sampler->address_mode[0] = pCreateInfo->addressModeU;
   sampler->address_mode[1] = pCreateInfo->addressModeV;
   sampler->address_mode[2] = pCreateInfo->addressModeW;
   sampler->mip_lod_bias = pCreateInfo->mipLodBias;
   sampler->anisotropy_enable = pCreateInfo->anisotropyEnable;
   sampler->max_anisotropy = pCreateInfo->maxAnisotropy;
   sampler->compare_enable = pCreateInfo->compareEnable;
   sampler->compare_op = pCreateInfo->compareOp;
   sampler->min_lod = pCreateInfo->minLod;
   sampler->max_lod = pCreateInfo->maxLod;
   sampler->border_color = pCreateInfo->borderColor;
   sampler->unnormalized_coordinates = pCreateInfo->unnormalizedCoordinates;
   sampler->reduction_mode = VK_SAMPLER_REDUCTION_MODE_WEIGHTED_AVERAGE;
   memvk_foreach_struct(s, pCreateInfo->pNext) {
      if (s->sType == VK_STRUCTURE_TYPE_SAMPLER_REDUCTION_MODE_CREATE_INFO)
         sampler->reduction_mode = ((const VkSamplerReductionModeCreateInfo *)s)->reductionMode;
      else if (s->sType == VK_STRUCTURE_TYPE_SAMPLER_YCBCR_CONVERSION_INFO)
         sampler->ycbcr_conversion = ((const VkSamplerYcbcrConversionInfo *)s)->conversion;
   }

   *pSampler = memvk_sampler_to_handle(sampler);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroySampler(VkDevice _device, VkSampler _sampler, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_sampler *sampler = memvk_sampler_from_handle(_sampler);
   if (sampler == NULL)
      return;
   memvk_object_finish(&sampler->base);
   memvk_free2(&device->alloc, pAllocator, sampler);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateSamplerYcbcrConversion(VkDevice _device, const VkSamplerYcbcrConversionCreateInfo *pCreateInfo,
                                   const VkAllocationCallbacks *pAllocator,
                                   VkSamplerYcbcrConversion *pYcbcrConversion)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   if (memvk_format_info(pCreateInfo->format) == NULL)
      memvk_abort_invalid_usage("VUID-VkSamplerYcbcrConversionCreateInfo-format-01650",
                                "format %d has no format features on memvk", pCreateInfo->format);

   struct memvk_sampler_ycbcr_conversion *conversion =
      memvk_zalloc2(&device->alloc, pAllocator, sizeof(*conversion),
                    alignof(struct memvk_sampler_ycbcr_conversion), VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (conversion == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&conversion->base, VK_OBJECT_TYPE_SAMPLER_YCBCR_CONVERSION);
   conversion->format = pCreateInfo->format;
   conversion->model = pCreateInfo->ycbcrModel;
   conversion->range = pCreateInfo->ycbcrRange;
   conversion->components = pCreateInfo->components;
   conversion->x_chroma_offset = pCreateInfo->xChromaOffset;
   conversion->y_chroma_offset = pCreateInfo->yChromaOffset;
   conversion->chroma_filter = pCreateInfo->chromaFilter;
   conversion->force_explicit_reconstruction = pCreateInfo->forceExplicitReconstruction;

   *pYcbcrConversion = memvk_sampler_ycbcr_conversion_to_handle(conversion);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroySamplerYcbcrConversion(VkDevice _device, VkSamplerYcbcrConversion ycbcrConversion,
                                    const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_sampler_ycbcr_conversion *conversion =
      memvk_sampler_ycbcr_conversion_from_handle(ycbcrConversion);
   if (conversion == NULL)
      return;
   memvk_object_finish(&conversion->base);
   memvk_free2(&device->alloc, pAllocator, conversion);
}
