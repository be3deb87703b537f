/* Host image copies (Vulkan 1.4 core, from VK_EXT_host_image_copy).
 *
 * These four commands are core in 1.4 and so must resolve, but the feature
 * that makes them usable, hostImageCopy, is optional and memvk reports it
 * VK_FALSE, so no image can be created with VK_IMAGE_USAGE_HOST_TRANSFER_BIT
 * ("If usage includes VK_IMAGE_USAGE_HOST_TRANSFER_BIT_EXT, then the
 * hostImageCopy feature must be enabled", VUID-VkImageCreateInfo-usage-10245),
 * and every call names an image that lacks that usage.  Each one is therefore invalid usage,
 * refused with the rule it breaks. */
#include "device.h"
#include "queue_rules.h"

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CopyMemoryToImage(VkDevice device, const VkCopyMemoryToImageInfo *pCopyMemoryToImageInfo)
{
   (void)device;
   (void)pCopyMemoryToImageInfo;
   memvk_abort_invalid_usage("VUID-VkCopyMemoryToImageInfo-dstImage-09113",
                             "dstImage must have been created with VK_IMAGE_USAGE_HOST_TRANSFER_BIT, "
                             "which needs the hostImageCopy feature; memvk does not support it");
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CopyImageToMemory(VkDevice device, const VkCopyImageToMemoryInfo *pCopyImageToMemoryInfo)
{
   (void)device;
   (void)pCopyImageToMemoryInfo;
   memvk_abort_invalid_usage("VUID-VkCopyImageToMemoryInfo-srcImage-09113",
                             "srcImage must have been created with VK_IMAGE_USAGE_HOST_TRANSFER_BIT, "
                             "which needs the hostImageCopy feature; memvk does not support it");
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CopyImageToImage(VkDevice device, const VkCopyImageToImageInfo *pCopyImageToImageInfo)
{
   (void)device;
   (void)pCopyImageToImageInfo;
   memvk_abort_invalid_usage("VUID-VkCopyImageToImageInfo-srcImage-09113",
                             "srcImage must have been created with VK_IMAGE_USAGE_HOST_TRANSFER_BIT, "
                             "which needs the hostImageCopy feature; memvk does not support it");
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_TransitionImageLayout(VkDevice device, uint32_t transitionCount,
                            const VkHostImageLayoutTransitionInfo *pTransitions)
{
   (void)device;
   (void)transitionCount;
   (void)pTransitions;
   memvk_abort_invalid_usage("VUID-VkHostImageLayoutTransitionInfo-image-09055",
                             "image must have been created with VK_IMAGE_USAGE_HOST_TRANSFER_BIT, "
                             "which needs the hostImageCopy feature; memvk does not support it");
}
