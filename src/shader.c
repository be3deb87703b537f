/* VkShaderModule, VkPipelineCache, VkPipelineLayout and VkPipeline.
 *
 * memvk runs no shaders: its one queue family supports transfer operations
 * only, so no memvk queue can ever bind a pipeline (vkCmdBindPipeline is
 * one of the commands that abort: queue_rules.c).  Vulkan 1.4 still
 * requires these commands, and applications create these objects before
 * they look at queues; so they are real objects with true lifetimes, which
 * keep what the application gave them, allocated through its callbacks. */
#include <stdalign.h>
#include <string.h>

#include "alloc.h"
#include "device.h"
#include "queue_rules.h"

/* --- shader modules ----------------------------------------------------------- */

#define SPIRV_MAGIC 0x07230203u

struct memvk_shader_module {
   struct memvk_object base;
   size_t code_size;
   uint32_t code[]; /* a copy of the SPIR-V */
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_shader_module, VkShaderModule, VK_OBJECT_TYPE_SHADER_MODULE)

/* The checks memvk can afford on SPIR-V it will never run. */
static void
check_spirv(const VkShaderModuleCreateInfo *info)
{
   if (info->codeSize == 0)
      memvk_abort_invalid_usage("VUID-VkShaderModuleCreateInfo-codeSize-01085",
                                "codeSize must be greater than 0");
   if (info->codeSize % 4 != 0)
      memvk_abort_invalid_usage("VUID-VkShaderModuleCreateInfo-codeSize-08735",
                                "codeSize %zu must be a multiple of 4", info->codeSize);
   /* SPIR-V specification, "Physical Layout of a SPIR-V Module and
    * Instruction": the first word is the magic number 0x07230203. */
   if (info->pCode[0] != SPIRV_MAGIC)
      memvk_abort_invalid_usage("VUID-VkShaderModuleCreateInfo-pCode-08736",
                                "pCode does not start with the SPIR-V magic number 0x07230203 "
                                "(found 0x%08x)", info->pCode[0]);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateShaderModule(VkDevice _device, const VkShaderModuleCreateInfo *pCreateInfo,
                         const VkAllocationCallbacks *pAllocator, VkShaderModule *pShaderModule)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   check_spirv(pCreateInfo);

   struct memvk_shader_module *module =
      memvk_zalloc2(&device->alloc, pAllocator, sizeof(*module) + pCreateInfo->codeSize,
                    alignof(struct memvk_shader_module), VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (module == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&module->base, VK_OBJECT_TYPE_SHADER_MODULE);
   module->code_size = pCreateInfo->codeSize;
   memcpy(module->code, pCreateInfo->pCode, pCreateInfo->codeSize);

   *pShaderModule = memvk_shader_module_to_handle(module);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyShaderModule(VkDevice _device, VkShaderModule shaderModule, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_shader_module *module = memvk_shader_module_from_handle(shaderModule);
   if (module == NULL)
      return;
   memvk_object_finish(&module->base);
   memvk_free2(&device->alloc, pAllocator, module);
}

/* --- pipeline caches ------------------------------------------------------------ */

/* memvk compiles nothing, so a cache holds nothing but the header that tells
 * an application whether the data fits this device:
 * VkPipelineCacheHeaderVersionOne, 32 bytes. */
#define PIPELINE_CACHE_HEADER_SIZE 32u
static_assert(sizeof(VkPipelineCacheHeaderVersionOne) == PIPELINE_CACHE_HEADER_SIZE,
              "the header's size is fixed by the specification");

struct memvk_pipeline_cache {
   struct memvk_object base;
   struct memvk_device *device;
   VkPipelineCacheCreateFlags flags;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_pipeline_cache, VkPipelineCache, VK_OBJECT_TYPE_PIPELINE_CACHE)

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreatePipelineCache(VkDevice _device, const VkPipelineCacheCreateInfo *pCreateInfo,
                          const VkAllocationCallbacks *pAllocator, VkPipelineCache *pPipelineCache)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   /* Incompatible initial data leaves a cache empty, and data memvk wrote
    * holds nothing but the header: the initial data is never needed. */
   struct memvk_pipeline_cache *cache =
      memvk_zalloc2(&device->alloc, pAllocator, sizeof(*cache), alignof(struct memvk_pipeline_cache),
                    VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (cache == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&cache->base, VK_OBJECT_TYPE_PIPELINE_CACHE);
   cache->device = device;
   cache->flags = pCreateInfo->flags;

   *pPipelineCache = memvk_pipeline_cache_to_handle(cache);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyPipelineCache(VkDevice _device, VkPipelineCache pipelineCache, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_pipeline_cache *cache = memvk_pipeline_cache_from_handle(pipelineCache);
   if (cache == NULL)
      return;
   memvk_object_finish(&cache->base);
   memvk_free2(&device->alloc, pAllocator, cache);
}

static void
write_le32(uint8_t *bytes, uint32_t value)
{
   for (unsigned i = 0; i < 4; i++)
      bytes[i] = (uint8_t)(value >> (8 * i));
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetPipelineCacheData(VkDevice device, VkPipelineCache pipelineCache, size_t *pDataSize, void *pData)
{
   (void)device;
   const struct memvk_pipeline_cache *cache = memvk_pipeline_cache_from_handle(pipelineCache);
   if (pData == NULL) {
      *pDataSize = PIPELINE_CACHE_HEADER_SIZE;
      return VK_SUCCESS;
   }
   /* "If pDataSize is less than what is necessary to store this header,
    * nothing will be written to pData and zero will be written to
    * pDataSize." */
   if (*pDataSize < PIPELINE_CACHE_HEADER_SIZE) {
      *pDataSize = 0;
      return VK_INCOMPLETE;
   }
   /* "Unlike most structures declared by the Vulkan API, all fields of this
    * structure are written with the least significant byte first,
    * regardless of host byte-order." */
   uint8_t *header = pData;
   write_le32(header + 0, PIPELINE_CACHE_HEADER_SIZE);
   write_le32(header + 4, VK_PIPELINE_CACHE_HEADER_VERSION_ONE);
   write_le32(header + 8, MEMVK_VENDOR_ID);
   write_le32(header + 12, MEMVK_DEVICE_ID);
   memcpy(header + 16, cache->device->physical_device->pipeline_cache_uuid, VK_UUID_SIZE);
   *pDataSize = PIPELINE_CACHE_HEADER_SIZE;
   return VK_SUCCESS;
}

/* Every memvk cache is empty, so merging adds nothing. */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_MergePipelineCaches(VkDevice device, VkPipelineCache dstCache, uint32_t srcCacheCount,
                          const VkPipelineCache *pSrcCaches)
{
   (void)device;
   for (uint32_t i = 0; i < srcCacheCount; i++) {
      if (pSrcCaches[i] == dstCache)
         memvk_abort_invalid_usage("VUID-vkMergePipelineCaches-dstCache-00770",
                                   "dstCache must not appear in the list of source caches");
   }
   return VK_SUCCESS;
}

/* --- pipeline layouts ----------------------------------------------------------- */

/* The layout keeps its push constant ranges; it does not point at its set
 * layouts, which the application may destroy while the pipeline layout
 * lives (a VkDescriptorSetLayout passed to create another object is not
 * accessed by it afterwards: "Object Lifetime"). */
struct memvk_pipeline_layout {
   struct memvk_object base;
   VkPipelineLayoutCreateFlags flags;
   uint32_t set_layout_count;
   uint32_t push_constant_range_count;
   VkPushConstantRange push_constant_ranges[];
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_pipeline_layout, VkPipelineLayout, VK_OBJECT_TYPE_PIPELINE_LAYOUT)

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreatePipelineLayout(VkDevice _device, const VkPipelineLayoutCreateInfo *pCreateInfo,
                           const VkAllocationCallbacks *pAllocator, VkPipelineLayout *pPipelineLayout)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   const uint32_t range_count = pCreateInfo->pushConstantRangeCount;
   struct memvk_pipeline_layout *layout =
      memvk_zalloc2(&device->alloc, pAllocator,
                    sizeof(*layout) + range_count * sizeof(VkPushConstantRange),
                    alignof(struct memvk_pipeline_layout), VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (layout == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&layout->base, VK_OBJECT_TYPE_PIPELINE_LAYOUT);
   layout->flags = pCreateInfo->flags;
   layout->set_layout_count = pCreateInfo->setLayoutCount;
   layout->push_constant_range_count = range_count;
   if (range_count != 0)
      memcpy(layout->push_constant_ranges, pCreateInfo->pPushConstantRanges,
             range_count * sizeof(VkPushConstantRange));

   *pPipelineLayout = memvk_pipeline_layout_to_handle(layout);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyPipelineLayout(VkDevice _device, VkPipelineLayout pipelineLayout,
                            const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_pipeline_layout *layout = memvk_pipeline_layout_from_handle(pipelineLayout);
   if (layout == NULL)
      return;
   memvk_object_finish(&layout->base);
   memvk_free2(&device->alloc, pAllocator, layout);
}

/* --- pipelines ------------------------------------------------------------------ */

struct memvk_pipeline {
   struct memvk_object base;
   VkPipelineBindPoint bind_point;
   VkPipelineCreateFlags2KHR flags;
   /* The stages the application gave, for debugging tools. */
   VkShaderStageFlags stages;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_pipeline, VkPipeline, VK_OBJECT_TYPE_PIPELINE)

/* maintenance5: a VkPipelineCreateFlags2CreateInfo in the chain of a
 * pipeline creation structure gives the flags, and the structure's own flags
 * member is then ignored. */
static VkPipelineCreateFlags2KHR
pipeline_flags(const void *chain, VkPipelineCreateFlags flags)
{
   const VkPipelineCreateFlags2CreateInfo *flags2 =
      memvk_find_struct(chain, VK_STRUCTURE_TYPE_PIPELINE_CREATE_FLAGS_2_CREATE_INFO);
   return flags2 != NULL ? flags2->flags : flags;
}

/* The stages' shader stage bits.  A stage's code is its module or, with
 * maintenance5 and module VK_NULL_HANDLE, a VkShaderModuleCreateInfo in its
 * chain, which gets a module's checks. */
static VkShaderStageFlags
stage_flags(uint32_t count, const VkPipelineShaderStageCreateInfo *stages)
{
   VkShaderStageFlags flags = 0;
   for (uint32_t i = 0; i < count; i++) {
      flags |= stages[i].stage;
      if (stages[i].module != VK_NULL_HANDLE)
         continue;
      const VkShaderModuleCreateInfo *code =
         memvk_find_struct(stages[i].pNext, VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO);
      if (code != NULL)
         check_spirv(code);
   }
   return flags;
}

/* Pipeline creation feedback (core 1.3): memvk's pipelines cost one
 * allocation and no compilation, so the feedback it writes is valid, names
 * no cache hit and reports durations of 0 ns. */
static void
write_creation_feedback(const void *chain)
{
   const VkPipelineCreationFeedbackCreateInfo *feedback =
      memvk_find_struct(chain, VK_STRUCTURE_TYPE_PIPELINE_CREATION_FEEDBACK_CREATE_INFO);
   if (feedback == NULL)
      return;
   const VkPipelineCreationFeedback valid = { .flags = VK_PIPELINE_CREATION_FEEDBACK_VALID_BIT };
   *feedback->pPipelineCreationFeedback = valid;
   for (uint32_t i = 0; i < feedback->pipelineStageCreationFeedbackCount; i++)
      feedback->pPipelineStageCreationFeedbacks[i] = valid;
}

/* Creates one pipeline of a vkCreate*Pipelines call.  When some pipelines
 * of a call fail, their entries become VK_NULL_HANDLE, the others are still
 * created, and the call returns the failure ("Multiple Pipeline Creation").
 * Returns false when the caller must stop: a failing pipeline with
 * VK_PIPELINE_CREATE_EARLY_RETURN_ON_FAILURE_BIT ends the call, and every
 * later entry is VK_NULL_HANDLE. */
static bool
pipeline_create(struct memvk_device *device, const VkAllocationCallbacks *allocator,
                VkPipelineBindPoint bind_point, const void *chain, VkPipelineCreateFlags flags,
                VkShaderStageFlags stages, VkPipeline *out, VkResult *result)
{
   const VkPipelineCreateFlags2KHR flags2 = pipeline_flags(chain, flags);
   struct memvk_pipeline *pipeline = memvk_zalloc2(&device->alloc, allocator, sizeof(*pipeline),
                                                   alignof(struct memvk_pipeline),
                                                   VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (pipeline == NULL) {
      *out = VK_NULL_HANDLE;
      *result = VK_ERROR_OUT_OF_HOST_MEMORY;
      return !(flags2 & VK_PIPELINE_CREATE_2_EARLY_RETURN_ON_FAILURE_BIT);
   }
   memvk_object_init(&pipeline->base, VK_OBJECT_TYPE_PIPELINE);
   pipeline->bind_point = bind_point;
   pipeline->flags = flags2;
   pipeline->stages = stages;
   write_creation_feedback(chain);
   *out = memvk_pipeline_to_handle(pipeline);
   return true;
}

static void
clear_pipelines(uint32_t first, uint32_t count, VkPipeline *pipelines)
{
   for (uint32_t i = first; i < count; i++)
      pipelines[i] = VK_NULL_HANDLE;
}

/* The pipeline cache, if any, is not consulted: memvk compiles nothing. */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateGraphicsPipelines(VkDevice _device, VkPipelineCache pipelineCache, uint32_t createInfoCount,
                              const VkGraphicsPipelineCreateInfo *pCreateInfos,
                              const VkAllocationCallbacks *pAllocator, VkPipeline *pPipelines)
{
   (void)pipelineCache;
   struct memvk_device *device = memvk_device_from_handle(_device);
   VkResult result = VK_SUCCESS;
   for (uint32_t i = 0; i < createInfoCount; i++) {
      const VkGraphicsPipelineCreateInfo *info = &pCreateInfos[i];
      if (!pipeline_create(device, pAllocator, VK_PIPELINE_BIND_POINT_GRAPHICS, info->pNext, info->flags,
                           stage_flags(info->stageCount, info->pStages), &pPipelines[i], &result)) {
         clear_pipelines(i + 1, createInfoCount, pPipelines);
         break;
      }
   }
   return result;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateComputePipelines(VkDevice _device, VkPipelineCache pipelineCache, uint32_t createInfoCount,
                             const VkComputePipelineCreateInfo *pCreateInfos,
                             const VkAllocationCallbacks *pAllocator, VkPipeline *pPipelines)
{
   (void)pipelineCache;
   struct memvk_device *device = memvk_device_from_handle(_device);
   VkResult result = VK_SUCCESS;
   for (uint32_t i = 0; i < createInfoCount; i++) {
      const VkComputePipelineCreateInfo *info = &pCreateInfos[i];
      if (!pipeline_create(device, pAllocator, VK_PIPELINE_BIND_POINT_COMPUTE, info->pNext, info->flags,
                           stage_flags(1, &info->stage), &pPipelines[i], &result)) {
         clear_pipelines(i + 1, createInfoCount, pPipelines);
         break;
      }
   }
   return result;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyPipeline(VkDevice _device, VkPipeline _pipeline, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_pipeline *pipeline = memvk_pipeline_from_handle(_pipeline);
   if (pipeline == NULL)
      return;
   memvk_object_finish(&pipeline->base);
   memvk_free2(&device->alloc, pAllocator, pipeline);
}

/* --- render area granularity (dynamic rendering) ----------------------------------- */

/* memvk has no tiles: any render area is as good as any other. */
VKAPI_ATTR void VKAPI_CALL
memvk_GetRenderingAreaGranularity(VkDevice device, const VkRenderingAreaInfo *pRenderingAreaInfo,
                                  VkExtent2D *pGranularity)
{
   (void)device;
   (void)pRenderingAreaInfo;
   *pGranularity = (VkExtent2D){ 1, 1 };
}
