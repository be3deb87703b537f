/* VkRenderPass and VkFramebuffer.
 *
 * Render passes are recorded only into command buffers of queues with
 * graphics support, which memvk has none of (vkCmdBeginRenderPass aborts:
 * queue_rules.c).  The objects are still real: they keep what describes
 * them (attachments and subpass count; framebuffers their size and views),
 * so that framebuffers can be checked against their render pass, and they
 * are allocated through the application's callbacks. */
#include <stdalign.h>

#include "alloc.h"
#include "device.h"
#include "queue_rules.h"

struct render_pass_attachment {
   VkFormat format;
   VkSampleCountFlagBits samples;
};

struct memvk_render_pass {
   struct memvk_object base;
   VkRenderPassCreateFlags flags;
   uint32_t subpass_count;
   uint32_t dependency_count;
   uint32_t attachment_count;
   struct render_pass_attachment attachments[];
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_render_pass, VkRenderPass, VK_OBJECT_TYPE_RENDER_PASS)

static struct memvk_render_pass *
render_pass_alloc(struct memvk_device *device, const VkAllocationCallbacks *allocator,
                  VkRenderPassCreateFlags flags, uint32_t attachment_count, uint32_t subpass_count,
                  uint32_t dependency_count)
{
   if (subpass_count == 0)
      memvk_abort_invalid_usage("VUID-VkRenderPassCreateInfo2-subpassCount-arraylength",
                                "subpassCount must be greater than 0");
   struct memvk_render_pass *pass =
      memvk_zalloc2(&device->alloc, allocator,
                    sizeof(*pass) + attachment_count * sizeof(struct render_pass_attachment),
                    alignof(struct memvk_render_pass), VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (pass == NULL)
      return NULL;
   memvk_object_init(&pass->base, VK_OBJECT_TYPE_RENDER_PASS);
   pass->flags = flags;
   pass->attachment_count = attachment_count;
   pass->subpass_count = subpass_count;
   pass->dependency_count = dependency_count;
   return pass;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateRenderPass(VkDevice _device, const VkRenderPassCreateInfo *pCreateInfo,
                       const VkAllocationCallbacks *pAllocator, VkRenderPass *pRenderPass)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_render_pass *pass =
      render_pass_alloc(device, pAllocator, pCreateInfo->flags, pCreateInfo->attachmentCount,
                        pCreateInfo->subpassCount, pCreateInfo->dependencyCount);
   if (pass == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   for (uint32_t i = 0; i < pCreateInfo->attachmentCount; i++) {
      pass->attachments[i].format = pCreateInfo->pAttachments[i].format;
      pass->attachments[i].samples = pCreateInfo->pAttachments[i].samples;
   }
   *pRenderPass = memvk_render_pass_to_handle(pass);
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateRenderPass2(VkDevice _device, const VkRenderPassCreateInfo2 *pCreateInfo,
                        const VkAllocationCallbacks *pAllocator, VkRenderPass *pRenderPass)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_render_pass *pass =
      render_pass_alloc(device, pAllocator, pCreateInfo->flags, pCreateInfo->attachmentCount,
                        pCreateInfo->subpassCount, pCreateInfo->dependencyCount);
   if (pass == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   for (uint32_t i = 0; i < pCreateInfo->attachmentCount; i++) {
      pass->attachments[i].format = pCreateInfo->pAttachments[i].format;
      pass->attachments[i].samples = pCreateInfo->pAttachments[i].samples;
   }
   *pRenderPass = memvk_render_pass_to_handle(pass);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyRenderPass(VkDevice _device, VkRenderPass renderPass, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_render_pass *pass = memvk_render_pass_from_handle(renderPass);
   if (pass == NULL)
      return;
   memvk_object_finish(&pass->base);
   memvk_free2(&device->alloc, pAllocator, pass);
}

/* memvk has no tiles: any render area is as efficient as any other. */
VKAPI_ATTR void VKAPI_CALL
memvk_GetRenderAreaGranularity(VkDevice device, VkRenderPass renderPass, VkExtent2D *pGranularity)
{
   (void)device;
   (void)renderPass;
   *pGranularity = (VkExtent2D){ 1, 1 };
}

/* --- framebuffers ---------------------------------------------------------------- */

struct memvk_framebuffer {
   struct memvk_object base;
   VkFramebufferCreateFlags flags;
   uint32_t width, height, layers;
   uint32_t attachment_count;
   /* The views, or VK_NULL_HANDLE for an imageless framebuffer, whose views
    * come with each render pass instance. */
   VkImageView attachments[];
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_framebuffer, VkFramebuffer, VK_OBJECT_TYPE_FRAMEBUFFER)

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateFramebuffer(VkDevice _device, const VkFramebufferCreateInfo *pCreateInfo,
                        const VkAllocationCallbacks *pAllocator, VkFramebuffer *pFramebuffer)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   const struct memvk_render_pass *pass = memvk_render_pass_from_handle(pCreateInfo->renderPass);
   if (pCreateInfo->attachmentCount != pass->attachment_count)
      memvk_abort_invalid_usage("VUID-VkFramebufferCreateInfo-attachmentCount-00876",
                                "attachmentCount %u differs from the render pass's %u attachments",
                                pCreateInfo->attachmentCount, pass->attachment_count);
   if (pCreateInfo->width == 0)
      memvk_abort_invalid_usage("VUID-VkFramebufferCreateInfo-width-00885", "width must be greater than 0");
   if (pCreateInfo->height == 0)
      memvk_abort_invalid_usage("VUID-VkFramebufferCreateInfo-height-00887", "height must be greater than 0");
   if (pCreateInfo->layers == 0)
      memvk_abort_invalid_usage("VUID-VkFramebufferCreateInfo-layers-00889", "layers must be greater than 0");
   const bool imageless = (pCreateInfo->flags & VK_FRAMEBUFFER_CREATE_IMAGELESS_BIT) != 0;
   if (imageless && memvk_find_struct(pCreateInfo->pNext, VK_STRUCTURE_TYPE_FRAMEBUFFER_ATTACHMENTS_CREATE_INFO) == NULL)
      memvk_abort_invalid_usage("VUID-VkFramebufferCreateInfo-flags-03190",
                                "an imageless framebuffer needs a VkFramebufferAttachmentsCreateInfo");

   const uint32_t count = pCreateInfo->attachmentCount;
   struct memvk_framebuffer *framebuffer =
      memvk_zalloc2(&device->alloc, pAllocator, sizeof(*framebuffer) + count * sizeof(VkImageView),
                    alignof(struct memvk_framebuffer), VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (framebuffer == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&framebuffer->base, VK_OBJECT_TYPE_FRAMEBUFFER);
   framebuffer->flags = pCreateInfo->flags;
   framebuffer->width = pCreateInfo->width;
   framebuffer->height = pCreateInfo->height;
   framebuffer->layers = pCreateInfo->layers;
   framebuffer->attachment_count = count;
   /* "If flags includes VK_FRAMEBUFFER_CREATE_IMAGELESS_BIT, this parameter
    * [pAttachments] is ignored." */
   for (uint32_t i = 0; i < count && !imageless; i++)
      framebuffer->attachments[i] = pCreateInfo->pAttachments[i];

   *pFramebuffer = memvk_framebuffer_to_handle(framebuffer);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyFramebuffer(VkDevice _device, VkFramebuffer _framebuffer, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_framebuffer *framebuffer = memvk_framebuffer_from_handle(_framebuffer);
   if (framebuffer == NULL)
      return;
   memvk_object_finish(&framebuffer->base);
   memvk_free2(&device->alloc, pAllocator, framebuffer);
}
