/* VkPhysicalDevice: memvk's one CPU device, its properties, features,
 * limits, queue family and memory properties (docs/device.md).
 *
 * Features come from one table, memvk_true_features: the members memvk
 * reports VK_TRUE, each named with the structure it lives in.  Every query
 * fills a features structure from it, and vkCreateDevice checks a request
 * against the same table, so the two can never disagree.  Limits come from
 * constants.c. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "constants.h"
#include "device.h"
#include "instance.h"
#include "memory.h"

/* --- identity ------------------------------------------------------------ */

/* 64-bit FNV-1a: a UUID only has to be stable for one build of memvk and
 * differ between the things it names. */
static uint64_t
memvk_fnv1a(const char *text, uint64_t hash)
{
   for (const unsigned char *c = (const unsigned char *)text; *c != '\0'; c++) {
      hash ^= *c;
      hash *= UINT64_C(0x100000001b3);
   }
   return hash;
}

static void
memvk_make_uuid(uint8_t uuid[VK_UUID_SIZE], const char *what)
{
   uint64_t low = memvk_fnv1a(what, memvk_fnv1a(MEMVK_UUID_SEED, UINT64_C(0xcbf29ce484222325)));
   uint64_t high = memvk_fnv1a("#", low);
   for (unsigned i = 0; i < 8; i++) {
      uuid[i] = (uint8_t)(low >> (8 * i));
      uuid[8 + i] = (uint8_t)(high >> (8 * i));
   }
}

void
memvk_physical_device_init(struct memvk_physical_device *pdev, struct memvk_instance *instance)
{
   memvk_object_init(&pdev->base, VK_OBJECT_TYPE_PHYSICAL_DEVICE);
   pdev->instance = instance;
   pdev->page_size = (uint64_t)sysconf(_SC_PAGESIZE);
   pdev->heap_size = (uint64_t)sysconf(_SC_PHYS_PAGES) * pdev->page_size;
   /* "pipelineCacheUUID ... universally unique identifier for the device"
    * and its cache format; deviceUUID "must be immutable for a given device
    * across instances, processes, driver APIs, driver versions, and system
    * reboots"; driverUUID names the driver build.  memvk has one device per
    * machine, so the seed alone decides all three. */
   memvk_make_uuid(pdev->pipeline_cache_uuid, "pipeline cache");
   memvk_make_uuid(pdev->device_uuid, "device");
   memvk_make_uuid(pdev->driver_uuid, "driver");
}

/* --- features -------------------------------------------------------------
 * Every features structure memvk knows.  A structure not listed here is
 * skipped in a query and ignored by vkCreateDevice ("any structure that is
 * not recognised is ignored"); listed ones are zeroed, then the true
 * members set. */

struct memvk_features_struct {
   VkStructureType type;
   /* Where the structure's last VkBool32 ends: sizeof() would also count
    * the tail padding of a structure with an odd number of members, whose
    * content the application never set. */
   size_t end;
};

#define MEMVK_FEATURES_STRUCT(name, stype, last_member)                                        \
   { VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_##stype,                                                \
     offsetof(VkPhysicalDevice##name, last_member) + sizeof(VkBool32) }

static const struct memvk_features_struct memvk_features_structs[] = {
   MEMVK_FEATURES_STRUCT(Features2, FEATURES_2, features.inheritedQueries),
   MEMVK_FEATURES_STRUCT(Vulkan11Features, VULKAN_1_1_FEATURES, shaderDrawParameters),
   MEMVK_FEATURES_STRUCT(Vulkan12Features, VULKAN_1_2_FEATURES, subgroupBroadcastDynamicId),
   MEMVK_FEATURES_STRUCT(Vulkan13Features, VULKAN_1_3_FEATURES, maintenance4),
   MEMVK_FEATURES_STRUCT(Vulkan14Features, VULKAN_1_4_FEATURES, pushDescriptor),
   /* Vulkan 1.1 */
   MEMVK_FEATURES_STRUCT(16BitStorageFeatures, 16BIT_STORAGE_FEATURES, storageInputOutput16),
   MEMVK_FEATURES_STRUCT(MultiviewFeatures, MULTIVIEW_FEATURES, multiviewTessellationShader),
   MEMVK_FEATURES_STRUCT(VariablePointersFeatures, VARIABLE_POINTERS_FEATURES, variablePointers),
   MEMVK_FEATURES_STRUCT(ProtectedMemoryFeatures, PROTECTED_MEMORY_FEATURES, protectedMemory),
   MEMVK_FEATURES_STRUCT(SamplerYcbcrConversionFeatures, SAMPLER_YCBCR_CONVERSION_FEATURES, samplerYcbcrConversion),
   MEMVK_FEATURES_STRUCT(ShaderDrawParametersFeatures, SHADER_DRAW_PARAMETERS_FEATURES, shaderDrawParameters),
   /* Vulkan 1.2 */
   MEMVK_FEATURES_STRUCT(8BitStorageFeatures, 8BIT_STORAGE_FEATURES, storagePushConstant8),
   MEMVK_FEATURES_STRUCT(ShaderAtomicInt64Features, SHADER_ATOMIC_INT64_FEATURES, shaderSharedInt64Atomics),
   MEMVK_FEATURES_STRUCT(ShaderFloat16Int8Features, SHADER_FLOAT16_INT8_FEATURES, shaderInt8),
   MEMVK_FEATURES_STRUCT(DescriptorIndexingFeatures, DESCRIPTOR_INDEXING_FEATURES, runtimeDescriptorArray),
   MEMVK_FEATURES_STRUCT(ScalarBlockLayoutFeatures, SCALAR_BLOCK_LAYOUT_FEATURES, scalarBlockLayout),
   MEMVK_FEATURES_STRUCT(ImagelessFramebufferFeatures, IMAGELESS_FRAMEBUFFER_FEATURES, imagelessFramebuffer),
   MEMVK_FEATURES_STRUCT(UniformBufferStandardLayoutFeatures, UNIFORM_BUFFER_STANDARD_LAYOUT_FEATURES, uniformBufferStandardLayout),
   MEMVK_FEATURES_STRUCT(ShaderSubgroupExtendedTypesFeatures, SHADER_SUBGROUP_EXTENDED_TYPES_FEATURES, shaderSubgroupExtendedTypes),
   MEMVK_FEATURES_STRUCT(SeparateDepthStencilLayoutsFeatures, SEPARATE_DEPTH_STENCIL_LAYOUTS_FEATURES, separateDepthStencilLayouts),
   MEMVK_FEATURES_STRUCT(HostQueryResetFeatures, HOST_QUERY_RESET_FEATURES, hostQueryReset),
   MEMVK_FEATURES_STRUCT(TimelineSemaphoreFeatures, TIMELINE_SEMAPHORE_FEATURES, timelineSemaphore),
   MEMVK_FEATURES_STRUCT(BufferDeviceAddressFeatures, BUFFER_DEVICE_ADDRESS_FEATURES, bufferDeviceAddressMultiDevice),
   MEMVK_FEATURES_STRUCT(VulkanMemoryModelFeatures, VULKAN_MEMORY_MODEL_FEATURES, vulkanMemoryModelAvailabilityVisibilityChains),
   /* Vulkan 1.3 */
   MEMVK_FEATURES_STRUCT(ImageRobustnessFeatures, IMAGE_ROBUSTNESS_FEATURES, robustImageAccess),
   MEMVK_FEATURES_STRUCT(InlineUniformBlockFeatures, INLINE_UNIFORM_BLOCK_FEATURES, descriptorBindingInlineUniformBlockUpdateAfterBind),
   MEMVK_FEATURES_STRUCT(PipelineCreationCacheControlFeatures, PIPELINE_CREATION_CACHE_CONTROL_FEATURES, pipelineCreationCacheControl),
   MEMVK_FEATURES_STRUCT(PrivateDataFeatures, PRIVATE_DATA_FEATURES, privateData),
   MEMVK_FEATURES_STRUCT(ShaderDemoteToHelperInvocationFeatures, SHADER_DEMOTE_TO_HELPER_INVOCATION_FEATURES, shaderDemoteToHelperInvocation),
   MEMVK_FEATURES_STRUCT(ShaderTerminateInvocationFeatures, SHADER_TERMINATE_INVOCATION_FEATURES, shaderTerminateInvocation),
   MEMVK_FEATURES_STRUCT(SubgroupSizeControlFeatures, SUBGROUP_SIZE_CONTROL_FEATURES, computeFullSubgroups),
   MEMVK_FEATURES_STRUCT(Synchronization2Features, SYNCHRONIZATION_2_FEATURES, synchronization2),
   MEMVK_FEATURES_STRUCT(TextureCompressionASTCHDRFeatures, TEXTURE_COMPRESSION_ASTC_HDR_FEATURES, textureCompressionASTC_HDR),
   MEMVK_FEATURES_STRUCT(ZeroInitializeWorkgroupMemoryFeatures, ZERO_INITIALIZE_WORKGROUP_MEMORY_FEATURES, shaderZeroInitializeWorkgroupMemory),
   MEMVK_FEATURES_STRUCT(DynamicRenderingFeatures, DYNAMIC_RENDERING_FEATURES, dynamicRendering),
   MEMVK_FEATURES_STRUCT(ShaderIntegerDotProductFeatures, SHADER_INTEGER_DOT_PRODUCT_FEATURES, shaderIntegerDotProduct),
   MEMVK_FEATURES_STRUCT(Maintenance4Features, MAINTENANCE_4_FEATURES, maintenance4),
   /* Vulkan 1.4 */
   MEMVK_FEATURES_STRUCT(GlobalPriorityQueryFeatures, GLOBAL_PRIORITY_QUERY_FEATURES, globalPriorityQuery),
   MEMVK_FEATURES_STRUCT(ShaderSubgroupRotateFeatures, SHADER_SUBGROUP_ROTATE_FEATURES, shaderSubgroupRotateClustered),
   MEMVK_FEATURES_STRUCT(ShaderFloatControls2Features, SHADER_FLOAT_CONTROLS_2_FEATURES, shaderFloatControls2),
   MEMVK_FEATURES_STRUCT(ShaderExpectAssumeFeatures, SHADER_EXPECT_ASSUME_FEATURES, shaderExpectAssume),
   MEMVK_FEATURES_STRUCT(LineRasterizationFeatures, LINE_RASTERIZATION_FEATURES, stippledSmoothLines),
   MEMVK_FEATURES_STRUCT(VertexAttributeDivisorFeatures, VERTEX_ATTRIBUTE_DIVISOR_FEATURES, vertexAttributeInstanceRateZeroDivisor),
   MEMVK_FEATURES_STRUCT(IndexTypeUint8Features, INDEX_TYPE_UINT8_FEATURES, indexTypeUint8),
   MEMVK_FEATURES_STRUCT(DynamicRenderingLocalReadFeatures, DYNAMIC_RENDERING_LOCAL_READ_FEATURES, dynamicRenderingLocalRead),
   MEMVK_FEATURES_STRUCT(Maintenance5Features, MAINTENANCE_5_FEATURES, maintenance5),
   MEMVK_FEATURES_STRUCT(Maintenance6Features, MAINTENANCE_6_FEATURES, maintenance6),
   MEMVK_FEATURES_STRUCT(PipelineProtectedAccessFeatures, PIPELINE_PROTECTED_ACCESS_FEATURES, pipelineProtectedAccess),
   MEMVK_FEATURES_STRUCT(PipelineRobustnessFeatures, PIPELINE_ROBUSTNESS_FEATURES, pipelineRobustness),
   MEMVK_FEATURES_STRUCT(HostImageCopyFeatures, HOST_IMAGE_COPY_FEATURES, hostImageCopy),
   /* the extensions of src/extensions.txt */
   MEMVK_FEATURES_STRUCT(MapMemoryPlacedFeaturesEXT, MAP_MEMORY_PLACED_FEATURES_EXT, memoryUnmapReserve),
   MEMVK_FEATURES_STRUCT(MemoryPriorityFeaturesEXT, MEMORY_PRIORITY_FEATURES_EXT, memoryPriority),
   MEMVK_FEATURES_STRUCT(PageableDeviceLocalMemoryFeaturesEXT, PAGEABLE_DEVICE_LOCAL_MEMORY_FEATURES_EXT, pageableDeviceLocalMemory),
};

/* One VK_TRUE member: the structure it lives in, where, and (if memvk's own
 * code consults it) the struct memvk_enabled_features field that records
 * whether vkCreateDevice enabled it. */
struct memvk_true_feature {
   VkStructureType type;
   uint16_t offset;
   int16_t enabled_offset;   /* -1: only validated */
};

#define MEMVK_NOT_TRACKED (-1)
#define MEMVK_TRUE_FEATURE_TRACKED(name, stype, member, tracked)                          \
   { VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_##stype, offsetof(VkPhysicalDevice##name, member), \
     (tracked) }
#define MEMVK_TRUE_FEATURE(name, stype, member) \
   MEMVK_TRUE_FEATURE_TRACKED(name, stype, member, MEMVK_NOT_TRACKED)
#define MEMVK_TRACKED(field) ((int16_t)offsetof(struct memvk_enabled_features, field))
/* The Vulkan 1.0 features live inside VkPhysicalDeviceFeatures2. */
#define MEMVK_TRUE_FEATURE_1_0(member) MEMVK_TRUE_FEATURE(Features2, FEATURES_2, features.member)

static const struct memvk_true_feature memvk_true_features[] = {
   /* --- Required by the Vulkan version (vk.xml, <feature name="VK_VERSION_1_x">
    * ... <require><feature .../>).  The shader, draw, sampler and descriptor
    * features among them are vacuously true: no memvk queue can execute a
    * draw or a dispatch, so nothing they promise can ever be exercised.
    * Features a version requires only under a condition memvk does not meet
    * (descriptorIndexing, shaderInt64, pipelineProtectedAccess,
    * shaderDrawParameters...) are not reported. */
   MEMVK_TRUE_FEATURE_1_0(robustBufferAccess),
   MEMVK_TRUE_FEATURE_1_0(fullDrawIndexUint32),
   MEMVK_TRUE_FEATURE_1_0(imageCubeArray),
   MEMVK_TRUE_FEATURE_1_0(independentBlend),
   MEMVK_TRUE_FEATURE_1_0(sampleRateShading),
   MEMVK_TRUE_FEATURE_1_0(drawIndirectFirstInstance),
   MEMVK_TRUE_FEATURE_1_0(depthClamp),
   MEMVK_TRUE_FEATURE_1_0(depthBiasClamp),
   MEMVK_TRUE_FEATURE_1_0(samplerAnisotropy),
   MEMVK_TRUE_FEATURE_1_0(fragmentStoresAndAtomics),
   MEMVK_TRUE_FEATURE_1_0(shaderStorageImageExtendedFormats),
   MEMVK_TRUE_FEATURE_1_0(shaderUniformBufferArrayDynamicIndexing),
   MEMVK_TRUE_FEATURE_1_0(shaderSampledImageArrayDynamicIndexing),
   MEMVK_TRUE_FEATURE_1_0(shaderStorageBufferArrayDynamicIndexing),
   MEMVK_TRUE_FEATURE_1_0(shaderStorageImageArrayDynamicIndexing),
   MEMVK_TRUE_FEATURE_1_0(shaderImageGatherExtended),
   MEMVK_TRUE_FEATURE_1_0(shaderInt16),
   MEMVK_TRUE_FEATURE_1_0(largePoints),
   /* The "Required Format Support" tables make one compressed family
    * sampleable; format.c gives the BC formats exactly what this feature
    * promises (SAMPLED_IMAGE, BLIT_SRC, SAMPLED_IMAGE_FILTER_LINEAR), so the
    * feature says so too. */
   MEMVK_TRUE_FEATURE_1_0(textureCompressionBC),

   MEMVK_TRUE_FEATURE(Vulkan11Features, VULKAN_1_1_FEATURES, storageBuffer16BitAccess),
   MEMVK_TRUE_FEATURE(16BitStorageFeatures, 16BIT_STORAGE_FEATURES, storageBuffer16BitAccess),
   MEMVK_TRUE_FEATURE(Vulkan11Features, VULKAN_1_1_FEATURES, multiview),
   MEMVK_TRUE_FEATURE(MultiviewFeatures, MULTIVIEW_FEATURES, multiview),
   MEMVK_TRUE_FEATURE(Vulkan11Features, VULKAN_1_1_FEATURES, variablePointersStorageBuffer),
   MEMVK_TRUE_FEATURE(VariablePointersFeatures, VARIABLE_POINTERS_FEATURES, variablePointersStorageBuffer),
   MEMVK_TRUE_FEATURE(Vulkan11Features, VULKAN_1_1_FEATURES, variablePointers),
   MEMVK_TRUE_FEATURE(VariablePointersFeatures, VARIABLE_POINTERS_FEATURES, variablePointers),
   /* Conversion objects are real (sampler.c); the formats' YCbCr features
    * are in format.c. */
   MEMVK_TRUE_FEATURE(Vulkan11Features, VULKAN_1_1_FEATURES, samplerYcbcrConversion),
   MEMVK_TRUE_FEATURE(SamplerYcbcrConversionFeatures, SAMPLER_YCBCR_CONVERSION_FEATURES, samplerYcbcrConversion),

   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, samplerMirrorClampToEdge),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, storageBuffer8BitAccess),
   MEMVK_TRUE_FEATURE(8BitStorageFeatures, 8BIT_STORAGE_FEATURES, storageBuffer8BitAccess),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, shaderInt8),
   MEMVK_TRUE_FEATURE(ShaderFloat16Int8Features, SHADER_FLOAT16_INT8_FEATURES, shaderInt8),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, shaderUniformTexelBufferArrayDynamicIndexing),
   MEMVK_TRUE_FEATURE(DescriptorIndexingFeatures, DESCRIPTOR_INDEXING_FEATURES, shaderUniformTexelBufferArrayDynamicIndexing),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, shaderStorageTexelBufferArrayDynamicIndexing),
   MEMVK_TRUE_FEATURE(DescriptorIndexingFeatures, DESCRIPTOR_INDEXING_FEATURES, shaderStorageTexelBufferArrayDynamicIndexing),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, scalarBlockLayout),
   MEMVK_TRUE_FEATURE(ScalarBlockLayoutFeatures, SCALAR_BLOCK_LAYOUT_FEATURES, scalarBlockLayout),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, imagelessFramebuffer),
   MEMVK_TRUE_FEATURE(ImagelessFramebufferFeatures, IMAGELESS_FRAMEBUFFER_FEATURES, imagelessFramebuffer),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, uniformBufferStandardLayout),
   MEMVK_TRUE_FEATURE(UniformBufferStandardLayoutFeatures, UNIFORM_BUFFER_STANDARD_LAYOUT_FEATURES, uniformBufferStandardLayout),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, shaderSubgroupExtendedTypes),
   MEMVK_TRUE_FEATURE(ShaderSubgroupExtendedTypesFeatures, SHADER_SUBGROUP_EXTENDED_TYPES_FEATURES, shaderSubgroupExtendedTypes),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, separateDepthStencilLayouts),
   MEMVK_TRUE_FEATURE(SeparateDepthStencilLayoutsFeatures, SEPARATE_DEPTH_STENCIL_LAYOUTS_FEATURES, separateDepthStencilLayouts),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, vulkanMemoryModel),
   MEMVK_TRUE_FEATURE(VulkanMemoryModelFeatures, VULKAN_MEMORY_MODEL_FEATURES, vulkanMemoryModel),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, vulkanMemoryModelDeviceScope),
   MEMVK_TRUE_FEATURE(VulkanMemoryModelFeatures, VULKAN_MEMORY_MODEL_FEATURES, vulkanMemoryModelDeviceScope),
   MEMVK_TRUE_FEATURE(Vulkan12Features, VULKAN_1_2_FEATURES, subgroupBroadcastDynamicId),

   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, robustImageAccess),
   MEMVK_TRUE_FEATURE(ImageRobustnessFeatures, IMAGE_ROBUSTNESS_FEATURES, robustImageAccess),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, inlineUniformBlock),
   MEMVK_TRUE_FEATURE(InlineUniformBlockFeatures, INLINE_UNIFORM_BLOCK_FEATURES, inlineUniformBlock),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, pipelineCreationCacheControl),
   MEMVK_TRUE_FEATURE(PipelineCreationCacheControlFeatures, PIPELINE_CREATION_CACHE_CONTROL_FEATURES, pipelineCreationCacheControl),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, shaderDemoteToHelperInvocation),
   MEMVK_TRUE_FEATURE(ShaderDemoteToHelperInvocationFeatures, SHADER_DEMOTE_TO_HELPER_INVOCATION_FEATURES, shaderDemoteToHelperInvocation),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, shaderTerminateInvocation),
   MEMVK_TRUE_FEATURE(ShaderTerminateInvocationFeatures, SHADER_TERMINATE_INVOCATION_FEATURES, shaderTerminateInvocation),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, subgroupSizeControl),
   MEMVK_TRUE_FEATURE(SubgroupSizeControlFeatures, SUBGROUP_SIZE_CONTROL_FEATURES, subgroupSizeControl),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, computeFullSubgroups),
   MEMVK_TRUE_FEATURE(SubgroupSizeControlFeatures, SUBGROUP_SIZE_CONTROL_FEATURES, computeFullSubgroups),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, shaderZeroInitializeWorkgroupMemory),
   MEMVK_TRUE_FEATURE(ZeroInitializeWorkgroupMemoryFeatures, ZERO_INITIALIZE_WORKGROUP_MEMORY_FEATURES, shaderZeroInitializeWorkgroupMemory),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, dynamicRendering),
   MEMVK_TRUE_FEATURE(DynamicRenderingFeatures, DYNAMIC_RENDERING_FEATURES, dynamicRendering),
   MEMVK_TRUE_FEATURE(Vulkan13Features, VULKAN_1_3_FEATURES, shaderIntegerDotProduct),
   MEMVK_TRUE_FEATURE(ShaderIntegerDotProductFeatures, SHADER_INTEGER_DOT_PRODUCT_FEATURES, shaderIntegerDotProduct),

   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, globalPriorityQuery),
   MEMVK_TRUE_FEATURE(GlobalPriorityQueryFeatures, GLOBAL_PRIORITY_QUERY_FEATURES, globalPriorityQuery),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, shaderSubgroupRotate),
   MEMVK_TRUE_FEATURE(ShaderSubgroupRotateFeatures, SHADER_SUBGROUP_ROTATE_FEATURES, shaderSubgroupRotate),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, shaderSubgroupRotateClustered),
   MEMVK_TRUE_FEATURE(ShaderSubgroupRotateFeatures, SHADER_SUBGROUP_ROTATE_FEATURES, shaderSubgroupRotateClustered),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, shaderFloatControls2),
   MEMVK_TRUE_FEATURE(ShaderFloatControls2Features, SHADER_FLOAT_CONTROLS_2_FEATURES, shaderFloatControls2),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, shaderExpectAssume),
   MEMVK_TRUE_FEATURE(ShaderExpectAssumeFeatures, SHADER_EXPECT_ASSUME_FEATURES, shaderExpectAssume),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, bresenhamLines),
   MEMVK_TRUE_FEATURE(LineRasterizationFeatures, LINE_RASTERIZATION_FEATURES, bresenhamLines),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, vertexAttributeInstanceRateDivisor),
   MEMVK_TRUE_FEATURE(VertexAttributeDivisorFeatures, VERTEX_ATTRIBUTE_DIVISOR_FEATURES, vertexAttributeInstanceRateDivisor),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, indexTypeUint8),
   MEMVK_TRUE_FEATURE(IndexTypeUint8Features, INDEX_TYPE_UINT8_FEATURES, indexTypeUint8),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, dynamicRenderingLocalRead),
   MEMVK_TRUE_FEATURE(DynamicRenderingLocalReadFeatures, DYNAMIC_RENDERING_LOCAL_READ_FEATURES, dynamicRenderingLocalRead),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, pipelineRobustness),
   MEMVK_TRUE_FEATURE(PipelineRobustnessFeatures, PIPELINE_ROBUSTNESS_FEATURES, pipelineRobustness),
   MEMVK_TRUE_FEATURE(Vulkan14Features, VULKAN_1_4_FEATURES, pushDescriptor),

   /* --- What memvk's own code makes true (some of it also required). */
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan12Features, VULKAN_1_2_FEATURES, hostQueryReset, MEMVK_TRACKED(host_query_reset)),
   MEMVK_TRUE_FEATURE_TRACKED(HostQueryResetFeatures, HOST_QUERY_RESET_FEATURES, hostQueryReset, MEMVK_TRACKED(host_query_reset)),
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan12Features, VULKAN_1_2_FEATURES, timelineSemaphore, MEMVK_TRACKED(timeline_semaphore)),
   MEMVK_TRUE_FEATURE_TRACKED(TimelineSemaphoreFeatures, TIMELINE_SEMAPHORE_FEATURES, timelineSemaphore, MEMVK_TRACKED(timeline_semaphore)),
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan12Features, VULKAN_1_2_FEATURES, bufferDeviceAddress, MEMVK_TRACKED(buffer_device_address)),
   MEMVK_TRUE_FEATURE_TRACKED(BufferDeviceAddressFeatures, BUFFER_DEVICE_ADDRESS_FEATURES, bufferDeviceAddress, MEMVK_TRACKED(buffer_device_address)),
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan12Features, VULKAN_1_2_FEATURES, bufferDeviceAddressCaptureReplay, MEMVK_TRACKED(buffer_device_address_capture_replay)),
   MEMVK_TRUE_FEATURE_TRACKED(BufferDeviceAddressFeatures, BUFFER_DEVICE_ADDRESS_FEATURES, bufferDeviceAddressCaptureReplay, MEMVK_TRACKED(buffer_device_address_capture_replay)),
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan13Features, VULKAN_1_3_FEATURES, privateData, MEMVK_TRACKED(private_data)),
   MEMVK_TRUE_FEATURE_TRACKED(PrivateDataFeatures, PRIVATE_DATA_FEATURES, privateData, MEMVK_TRACKED(private_data)),
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan13Features, VULKAN_1_3_FEATURES, synchronization2, MEMVK_TRACKED(synchronization2)),
   MEMVK_TRUE_FEATURE_TRACKED(Synchronization2Features, SYNCHRONIZATION_2_FEATURES, synchronization2, MEMVK_TRACKED(synchronization2)),
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan13Features, VULKAN_1_3_FEATURES, maintenance4, MEMVK_TRACKED(maintenance4)),
   MEMVK_TRUE_FEATURE_TRACKED(Maintenance4Features, MAINTENANCE_4_FEATURES, maintenance4, MEMVK_TRACKED(maintenance4)),
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan14Features, VULKAN_1_4_FEATURES, maintenance5, MEMVK_TRACKED(maintenance5)),
   MEMVK_TRUE_FEATURE_TRACKED(Maintenance5Features, MAINTENANCE_5_FEATURES, maintenance5, MEMVK_TRACKED(maintenance5)),
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan14Features, VULKAN_1_4_FEATURES, maintenance6, MEMVK_TRACKED(maintenance6)),
   MEMVK_TRUE_FEATURE_TRACKED(Maintenance6Features, MAINTENANCE_6_FEATURES, maintenance6, MEMVK_TRACKED(maintenance6)),
   /* Host image copies are real (host_image_copy.c); image.c consults it
    * for VUID-VkImageCreateInfo-usage-10245. */
   MEMVK_TRUE_FEATURE_TRACKED(Vulkan14Features, VULKAN_1_4_FEATURES, hostImageCopy, MEMVK_TRACKED(host_image_copy)),
   MEMVK_TRUE_FEATURE_TRACKED(HostImageCopyFeatures, HOST_IMAGE_COPY_FEATURES, hostImageCopy, MEMVK_TRACKED(host_image_copy)),
   MEMVK_TRUE_FEATURE_TRACKED(MemoryPriorityFeaturesEXT, MEMORY_PRIORITY_FEATURES_EXT, memoryPriority, MEMVK_TRACKED(memory_priority)),
   MEMVK_TRUE_FEATURE_TRACKED(PageableDeviceLocalMemoryFeaturesEXT, PAGEABLE_DEVICE_LOCAL_MEMORY_FEATURES_EXT, pageableDeviceLocalMemory, MEMVK_TRACKED(pageable_device_local_memory)),
   MEMVK_TRUE_FEATURE_TRACKED(MapMemoryPlacedFeaturesEXT, MAP_MEMORY_PLACED_FEATURES_EXT, memoryMapPlaced, MEMVK_TRACKED(memory_map_placed)),
   MEMVK_TRUE_FEATURE_TRACKED(MapMemoryPlacedFeaturesEXT, MAP_MEMORY_PLACED_FEATURES_EXT, memoryMapRangePlaced, MEMVK_TRACKED(memory_map_range_placed)),
   MEMVK_TRUE_FEATURE_TRACKED(MapMemoryPlacedFeaturesEXT, MAP_MEMORY_PLACED_FEATURES_EXT, memoryUnmapReserve, MEMVK_TRACKED(memory_unmap_reserve)),
};

/* Every features structure holds only VkBool32 after sType and pNext. */
#define MEMVK_FEATURES_HEADER_SIZE sizeof(VkBaseOutStructure)

static const struct memvk_features_struct *
memvk_find_features_struct(VkStructureType type)
{
   for (size_t i = 0; i < MEMVK_ARRAY_LENGTH(memvk_features_structs); i++) {
      if (memvk_features_structs[i].type == type)
         return &memvk_features_structs[i];
   }
   return NULL;
}

/* Fills the members of one features structure of a known type; sType and
 * pNext are neither read nor written, so that a caller's local structure is
 * only ever accessed through its own members' types. */
static void
memvk_fill_features_struct(void *s, const struct memvk_features_struct *known)
{
   memset((uint8_t *)s + MEMVK_FEATURES_HEADER_SIZE, 0, known->end - MEMVK_FEATURES_HEADER_SIZE);
   for (size_t i = 0; i < MEMVK_ARRAY_LENGTH(memvk_true_features); i++) {
      if (memvk_true_features[i].type == known->type)
         *(VkBool32 *)((uint8_t *)s + memvk_true_features[i].offset) = VK_TRUE;
   }
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceFeatures2(VkPhysicalDevice physicalDevice, VkPhysicalDeviceFeatures2 *pFeatures)
{
   (void)physicalDevice;
   memvk_foreach_struct_out(s, pFeatures) {
      const struct memvk_features_struct *known = memvk_find_features_struct(s->sType);
      if (known != NULL)
         memvk_fill_features_struct(s, known);
   }
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceFeatures(VkPhysicalDevice physicalDevice, VkPhysicalDeviceFeatures *pFeatures)
{
   (void)physicalDevice;
   VkPhysicalDeviceFeatures2 features2;
   memvk_fill_features_struct(&features2, memvk_find_features_struct(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2));
   *pFeatures = features2.features;
}

/* Checks the VkBool32 members of one requested features structure against
 * what memvk supports, and records the tracked ones that are enabled. */
static VkResult
memvk_check_features_struct(const void *requested, const struct memvk_features_struct *known,
                            struct memvk_enabled_features *enabled)
{
   VkBool32 supported[128];
   static_assert(sizeof(supported) >= sizeof(VkPhysicalDeviceFeatures2) &&
                 sizeof(supported) >= sizeof(VkPhysicalDeviceVulkan12Features),
                 "room for the largest features structure");
   assert(known->end <= sizeof(supported));
   memvk_fill_features_struct(supported, known);

   const VkBool32 *want = (const VkBool32 *)((const uint8_t *)requested + MEMVK_FEATURES_HEADER_SIZE);
   const VkBool32 *have = supported + MEMVK_FEATURES_HEADER_SIZE / sizeof(VkBool32);
   const size_t count = (known->end - MEMVK_FEATURES_HEADER_SIZE) / sizeof(VkBool32);
   for (size_t i = 0; i < count; i++) {
      /* "If any of the features requested ... are not available,
       * vkCreateDevice must return VK_ERROR_FEATURE_NOT_PRESENT". */
      if (want[i] && !have[i])
         return VK_ERROR_FEATURE_NOT_PRESENT;
   }

   for (size_t i = 0; i < MEMVK_ARRAY_LENGTH(memvk_true_features); i++) {
      const struct memvk_true_feature *feature = &memvk_true_features[i];
      if (feature->type != known->type || feature->enabled_offset == MEMVK_NOT_TRACKED)
         continue;
      if (*(const VkBool32 *)((const uint8_t *)requested + feature->offset))
         *(bool *)((uint8_t *)enabled + feature->enabled_offset) = true;
   }
   return VK_SUCCESS;
}

VkResult
memvk_physical_device_check_features(const struct memvk_physical_device *pdev,
                                     const VkDeviceCreateInfo *info,
                                     struct memvk_enabled_features *enabled)
{
   (void)pdev;
   memset(enabled, 0, sizeof(*enabled));

   if (info->pEnabledFeatures != NULL) {
      VkPhysicalDeviceFeatures2 requested = {.features = *info->pEnabledFeatures};
      VkResult result = memvk_check_features_struct(
         &requested, memvk_find_features_struct(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2), enabled);
      if (result != VK_SUCCESS)
         return result;
   }

   memvk_foreach_struct(s, info->pNext) {
      const struct memvk_features_struct *known = memvk_find_features_struct(s->sType);
      if (known == NULL)
         continue;
      VkResult result = memvk_check_features_struct(s, known, enabled);
      if (result != VK_SUCCESS)
         return result;
   }
   return VK_SUCCESS;
}

/* --- properties ------------------------------------------------------------ */

static void
memvk_fill_vulkan11_properties(const struct memvk_physical_device *pdev,
                               VkPhysicalDeviceVulkan11Properties *p)
{
   void *next = p->pNext;
   *p = memvk_vulkan11_limits;
   p->sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_PROPERTIES;
   p->pNext = next;
   memcpy(p->deviceUUID, pdev->device_uuid, VK_UUID_SIZE);
   memcpy(p->driverUUID, pdev->driver_uuid, VK_UUID_SIZE);
   /* memvk is not a Windows display adapter: "deviceLUIDValid is VK_FALSE"
    * and the LUID and node mask are undefined; zero is kind to readers. */
   memset(p->deviceLUID, 0, VK_LUID_SIZE);
   p->deviceNodeMask = 0;
   p->deviceLUIDValid = VK_FALSE;
}

static void
memvk_fill_vulkan12_properties(VkPhysicalDeviceVulkan12Properties *p)
{
   void *next = p->pNext;
   *p = memvk_vulkan12_limits;
   p->sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_PROPERTIES;
   p->pNext = next;
   /* memvk has no Khronos-registered VkDriverId and has not passed the
    * conformance tests: it reports 0 and version 0.0.0.0 rather than borrow
    * another driver's. */
   p->driverID = (VkDriverId)0;
   snprintf(p->driverName, VK_MAX_DRIVER_NAME_SIZE, "%s", MEMVK_DRIVER_NAME);
   snprintf(p->driverInfo, VK_MAX_DRIVER_INFO_SIZE, "%u.%u.%u: CPU memory, transfer queue only",
            VK_VERSION_MAJOR(MEMVK_DRIVER_VERSION), VK_VERSION_MINOR(MEMVK_DRIVER_VERSION),
            VK_VERSION_PATCH(MEMVK_DRIVER_VERSION));
   p->conformanceVersion = (VkConformanceVersion){0, 0, 0, 0};
}

static void
memvk_fill_vulkan13_properties(VkPhysicalDeviceVulkan13Properties *p)
{
   void *next = p->pNext;
   *p = memvk_vulkan13_limits;
   p->sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_PROPERTIES;
   p->pNext = next;
}

/* The count/array pattern of pCopySrcLayouts and pCopyDstLayouts: "If
 * pCopySrcLayouts is NULL, then the number of image layouts that are
 * supported ... is returned in copySrcLayoutCount. Otherwise,
 * copySrcLayoutCount must be set by the application to the number of
 * elements in the pCopySrcLayouts array, and on return the variable is
 * overwritten with the number of values actually written". */
static void
memvk_fill_host_copy_layouts(uint32_t *count, VkImageLayout *layouts)
{
   if (layouts == NULL) {
      *count = memvk_host_copy_layout_count;
      return;
   }
   const uint32_t written = MEMVK_MIN(*count, memvk_host_copy_layout_count);
   memcpy(layouts, memvk_host_copy_layouts, written * sizeof(VkImageLayout));
   *count = written;
}

/* "optimalTilingLayoutUUID ... a universally unique identifier for the
 * implementation's swizzling layout of images created with
 * VK_IMAGE_TILING_OPTIMAL": memvk stores optimal images exactly as linear
 * ones (image.h), so the UUID names that one layout; change its name here
 * when image.c's layout changes. */
static void
memvk_fill_host_image_copy_properties(uint32_t *src_count, VkImageLayout *src_layouts, uint32_t *dst_count,
                                      VkImageLayout *dst_layouts, uint8_t uuid[VK_UUID_SIZE],
                                      VkBool32 *identical_memory_type_requirements)
{
   memvk_fill_host_copy_layouts(src_count, src_layouts);
   memvk_fill_host_copy_layouts(dst_count, dst_layouts);
   memvk_make_uuid(uuid, "image layout: plane, mip level, layer, slice, row; 64-byte planes and levels");
   *identical_memory_type_requirements = memvk_vulkan14_limits.identicalMemoryTypeRequirements;
}

static void
memvk_fill_vulkan14_properties(VkPhysicalDeviceVulkan14Properties *p)
{
   /* pCopySrcLayouts and pCopyDstLayouts are the application's arrays and
    * their counts its input: keep them across the copy of the limits. */
   void *next = p->pNext;
   uint32_t src_count = p->copySrcLayoutCount, dst_count = p->copyDstLayoutCount;
   VkImageLayout *src_layouts = p->pCopySrcLayouts;
   VkImageLayout *dst_layouts = p->pCopyDstLayouts;
   *p = memvk_vulkan14_limits;
   p->sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_PROPERTIES;
   p->pNext = next;
   p->copySrcLayoutCount = src_count;
   p->pCopySrcLayouts = src_layouts;
   p->copyDstLayoutCount = dst_count;
   p->pCopyDstLayouts = dst_layouts;
   memvk_fill_host_image_copy_properties(&p->copySrcLayoutCount, p->pCopySrcLayouts, &p->copyDstLayoutCount,
                                         p->pCopyDstLayouts, p->optimalTilingLayoutUUID,
                                         &p->identicalMemoryTypeRequirements);
}

/* Copies the members first..last of an individual properties structure from
 * the aggregate that declares the same members in the same order. */
#define MEMVK_COPY_MEMBERS(dst, src, first, last)                                                 \
   do {                                                                                           \
      static_assert(offsetof(__typeof__(*(dst)), last) - offsetof(__typeof__(*(dst)), first) ==   \
                       offsetof(__typeof__(*(src)), last) - offsetof(__typeof__(*(src)), first),  \
                    "same layout of " #first ".." #last);                                         \
      memcpy(&(dst)->first, &(src)->first,                                                        \
             offsetof(__typeof__(*(dst)), last) + sizeof((dst)->last) -                           \
                offsetof(__typeof__(*(dst)), first));                                             \
   } while (0)

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceProperties(VkPhysicalDevice physicalDevice, VkPhysicalDeviceProperties *pProperties)
{
   struct memvk_physical_device *pdev = memvk_physical_device_from_handle(physicalDevice);
   *pProperties = (VkPhysicalDeviceProperties){
      .apiVersion = MEMVK_API_VERSION,
      .driverVersion = MEMVK_DRIVER_VERSION,
      .vendorID = MEMVK_VENDOR_ID,
      .deviceID = MEMVK_DEVICE_ID,
      .deviceType = VK_PHYSICAL_DEVICE_TYPE_CPU,
      .limits = memvk_limits,
      /* No sparse residency: every member false. */
      .sparseProperties = {0},
   };
   snprintf(pProperties->deviceName, VK_MAX_PHYSICAL_DEVICE_NAME_SIZE, "%s", MEMVK_DEVICE_NAME);
   memcpy(pProperties->pipelineCacheUUID, pdev->pipeline_cache_uuid, VK_UUID_SIZE);
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceProperties2(VkPhysicalDevice physicalDevice, VkPhysicalDeviceProperties2 *pProperties)
{
   struct memvk_physical_device *pdev = memvk_physical_device_from_handle(physicalDevice);
   memvk_GetPhysicalDeviceProperties(physicalDevice, &pProperties->properties);

   /* The individual structures are read from the aggregates, so the two
    * views of one limit can never differ. */
   VkPhysicalDeviceVulkan11Properties v11 = {.pNext = NULL};
   VkPhysicalDeviceVulkan12Properties v12 = {.pNext = NULL};
   VkPhysicalDeviceVulkan13Properties v13 = {.pNext = NULL};
   VkPhysicalDeviceVulkan14Properties v14 = {.pNext = NULL};
   memvk_fill_vulkan11_properties(pdev, &v11);
   memvk_fill_vulkan12_properties(&v12);
   memvk_fill_vulkan13_properties(&v13);
   memvk_fill_vulkan14_properties(&v14);

   memvk_foreach_struct_out(s, pProperties->pNext) {
      switch (s->sType) {
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_PROPERTIES:
         memvk_fill_vulkan11_properties(pdev, (void *)s);
         break;
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_PROPERTIES:
         memvk_fill_vulkan12_properties((void *)s);
         break;
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_PROPERTIES:
         memvk_fill_vulkan13_properties((void *)s);
         break;
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_PROPERTIES:
         memvk_fill_vulkan14_properties((void *)s);
         break;

      /* Vulkan 1.1 */
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES: {
         VkPhysicalDeviceIDProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v11, deviceUUID, deviceLUIDValid);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES: {
         VkPhysicalDeviceSubgroupProperties *p = (void *)s;
         p->subgroupSize = v11.subgroupSize;
         p->supportedStages = v11.subgroupSupportedStages;
         p->supportedOperations = v11.subgroupSupportedOperations;
         p->quadOperationsInAllStages = v11.subgroupQuadOperationsInAllStages;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_POINT_CLIPPING_PROPERTIES: {
         VkPhysicalDevicePointClippingProperties *p = (void *)s;
         p->pointClippingBehavior = v11.pointClippingBehavior;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MULTIVIEW_PROPERTIES: {
         VkPhysicalDeviceMultiviewProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v11, maxMultiviewViewCount, maxMultiviewInstanceIndex);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_PROPERTIES: {
         VkPhysicalDeviceProtectedMemoryProperties *p = (void *)s;
         p->protectedNoFault = v11.protectedNoFault;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES: {
         VkPhysicalDeviceMaintenance3Properties *p = (void *)s;
         p->maxPerSetDescriptors = v11.maxPerSetDescriptors;
         p->maxMemoryAllocationSize = v11.maxMemoryAllocationSize;
         break;
      }

      /* Vulkan 1.2 */
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES: {
         VkPhysicalDeviceDriverProperties *p = (void *)s;
         p->driverID = v12.driverID;
         memcpy(p->driverName, v12.driverName, VK_MAX_DRIVER_NAME_SIZE);
         memcpy(p->driverInfo, v12.driverInfo, VK_MAX_DRIVER_INFO_SIZE);
         p->conformanceVersion = v12.conformanceVersion;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FLOAT_CONTROLS_PROPERTIES: {
         VkPhysicalDeviceFloatControlsProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v12, denormBehaviorIndependence, shaderRoundingModeRTZFloat64);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DESCRIPTOR_INDEXING_PROPERTIES: {
         VkPhysicalDeviceDescriptorIndexingProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v12, maxUpdateAfterBindDescriptorsInAllPools,
                            maxDescriptorSetUpdateAfterBindInputAttachments);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DEPTH_STENCIL_RESOLVE_PROPERTIES: {
         VkPhysicalDeviceDepthStencilResolveProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v12, supportedDepthResolveModes, independentResolve);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SAMPLER_FILTER_MINMAX_PROPERTIES: {
         VkPhysicalDeviceSamplerFilterMinmaxProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v12, filterMinmaxSingleComponentFormats, filterMinmaxImageComponentMapping);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_PROPERTIES: {
         VkPhysicalDeviceTimelineSemaphoreProperties *p = (void *)s;
         p->maxTimelineSemaphoreValueDifference = v12.maxTimelineSemaphoreValueDifference;
         break;
      }

      /* Vulkan 1.3 */
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES: {
         VkPhysicalDeviceSubgroupSizeControlProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v13, minSubgroupSize, maxComputeWorkgroupSubgroups);
         p->requiredSubgroupSizeStages = v13.requiredSubgroupSizeStages;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_INLINE_UNIFORM_BLOCK_PROPERTIES: {
         VkPhysicalDeviceInlineUniformBlockProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v13, maxInlineUniformBlockSize, maxDescriptorSetUpdateAfterBindInlineUniformBlocks);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_PROPERTIES: {
         VkPhysicalDeviceShaderIntegerDotProductProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v13, integerDotProduct8BitUnsignedAccelerated,
                            integerDotProductAccumulatingSaturating64BitMixedSignednessAccelerated);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TEXEL_BUFFER_ALIGNMENT_PROPERTIES: {
         VkPhysicalDeviceTexelBufferAlignmentProperties *p = (void *)s;
         p->storageTexelBufferOffsetAlignmentBytes = v13.storageTexelBufferOffsetAlignmentBytes;
         p->storageTexelBufferOffsetSingleTexelAlignment = v13.storageTexelBufferOffsetSingleTexelAlignment;
         p->uniformTexelBufferOffsetAlignmentBytes = v13.uniformTexelBufferOffsetAlignmentBytes;
         p->uniformTexelBufferOffsetSingleTexelAlignment = v13.uniformTexelBufferOffsetSingleTexelAlignment;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_4_PROPERTIES: {
         VkPhysicalDeviceMaintenance4Properties *p = (void *)s;
         p->maxBufferSize = v13.maxBufferSize;
         break;
      }

      /* Vulkan 1.4 */
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_LINE_RASTERIZATION_PROPERTIES: {
         VkPhysicalDeviceLineRasterizationProperties *p = (void *)s;
         p->lineSubPixelPrecisionBits = v14.lineSubPixelPrecisionBits;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VERTEX_ATTRIBUTE_DIVISOR_PROPERTIES: {
         VkPhysicalDeviceVertexAttributeDivisorProperties *p = (void *)s;
         p->maxVertexAttribDivisor = v14.maxVertexAttribDivisor;
         p->supportsNonZeroFirstInstance = v14.supportsNonZeroFirstInstance;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PUSH_DESCRIPTOR_PROPERTIES: {
         VkPhysicalDevicePushDescriptorProperties *p = (void *)s;
         p->maxPushDescriptors = v14.maxPushDescriptors;
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_5_PROPERTIES: {
         VkPhysicalDeviceMaintenance5Properties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v14, earlyFragmentMultisampleCoverageAfterSampleCounting,
                            nonStrictWideLinesUseParallelogram);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_6_PROPERTIES: {
         VkPhysicalDeviceMaintenance6Properties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v14, blockTexelViewCompatibleMultipleLayers,
                            fragmentShadingRateClampCombinerInputs);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PIPELINE_ROBUSTNESS_PROPERTIES: {
         VkPhysicalDevicePipelineRobustnessProperties *p = (void *)s;
         MEMVK_COPY_MEMBERS(p, &v14, defaultRobustnessStorageBuffers, defaultRobustnessImages);
         break;
      }
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_IMAGE_COPY_PROPERTIES: {
         /* Its own arrays and counts, not v14's. */
         VkPhysicalDeviceHostImageCopyProperties *p = (void *)s;
         memvk_fill_host_image_copy_properties(&p->copySrcLayoutCount, p->pCopySrcLayouts, &p->copyDstLayoutCount,
                                               p->pCopyDstLayouts, p->optimalTilingLayoutUUID,
                                               &p->identicalMemoryTypeRequirements);
         break;
      }

      /* VK_EXT_map_memory_placed */
      case VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_PROPERTIES_EXT: {
         VkPhysicalDeviceMapMemoryPlacedPropertiesEXT *p = (void *)s;
         /* A placed map replaces whole pages of the address space. */
         p->minPlacedMemoryMapAlignment = pdev->page_size;
         break;
      }
      default:
         /* "Any structure that is not recognised ... is ignored". */
         break;
      }
   }
}

/* --- queue family ------------------------------------------------------------ */

static const VkQueueFamilyProperties memvk_queue_family = {
   .queueFlags = MEMVK_QUEUE_FLAGS,
   .queueCount = MEMVK_QUEUE_COUNT,
   .timestampValidBits = MEMVK_TIMESTAMP_VALID_BITS,
   /* Copies work on single texels: "(1,1,1) ... no limitations". */
   .minImageTransferGranularity = {1, 1, 1},
};

/* Every memvk queue runs at one priority: the one the spec names as the
 * default ("VK_QUEUE_GLOBAL_PRIORITY_MEDIUM ... default"). */
static const VkQueueGlobalPriority memvk_queue_global_priorities[] = {
   VK_QUEUE_GLOBAL_PRIORITY_MEDIUM,
};

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceQueueFamilyProperties2(VkPhysicalDevice physicalDevice, uint32_t *pQueueFamilyPropertyCount,
                                              VkQueueFamilyProperties2 *pQueueFamilyProperties)
{
   (void)physicalDevice;
   if (pQueueFamilyProperties == NULL) {
      *pQueueFamilyPropertyCount = MEMVK_QUEUE_FAMILY_COUNT;
      return;
   }
   if (*pQueueFamilyPropertyCount == 0)
      return;
   *pQueueFamilyPropertyCount = MEMVK_QUEUE_FAMILY_COUNT;
   pQueueFamilyProperties[0].queueFamilyProperties = memvk_queue_family;

   memvk_foreach_struct_out(s, pQueueFamilyProperties[0].pNext) {
      if (s->sType == VK_STRUCTURE_TYPE_QUEUE_FAMILY_GLOBAL_PRIORITY_PROPERTIES) {
         VkQueueFamilyGlobalPriorityProperties *p = (void *)s;
         memset(p->priorities, 0, sizeof(p->priorities));
         p->priorityCount = MEMVK_ARRAY_LENGTH(memvk_queue_global_priorities);
         memcpy(p->priorities, memvk_queue_global_priorities, sizeof(memvk_queue_global_priorities));
      }
   }
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceQueueFamilyProperties(VkPhysicalDevice physicalDevice, uint32_t *pQueueFamilyPropertyCount,
                                             VkQueueFamilyProperties *pQueueFamilyProperties)
{
   (void)physicalDevice;
   if (pQueueFamilyProperties == NULL) {
      *pQueueFamilyPropertyCount = MEMVK_QUEUE_FAMILY_COUNT;
      return;
   }
   if (*pQueueFamilyPropertyCount == 0)
      return;
   *pQueueFamilyPropertyCount = MEMVK_QUEUE_FAMILY_COUNT;
   pQueueFamilyProperties[0] = memvk_queue_family;
}

/* --- memory properties -------------------------------------------------------- */

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceMemoryProperties(VkPhysicalDevice physicalDevice,
                                        VkPhysicalDeviceMemoryProperties *pMemoryProperties)
{
   struct memvk_physical_device *pdev = memvk_physical_device_from_handle(physicalDevice);
   memset(pMemoryProperties, 0, sizeof(*pMemoryProperties));
   pMemoryProperties->memoryHeapCount = MEMVK_MEMORY_HEAP_COUNT;
   pMemoryProperties->memoryHeaps[0] = (VkMemoryHeap){
      .size = pdev->heap_size,
      .flags = VK_MEMORY_HEAP_DEVICE_LOCAL_BIT,
   };
   /* "X must be placed at a lower index position than Y if the set of bit
    * flags ... of X is a strict subset of ... Y": neither of memvk's two
    * sets contains the other, so either order is valid; the type every
    * resource can use comes first, where simple allocators look. */
   pMemoryProperties->memoryTypeCount = MEMVK_MEMORY_TYPE_COUNT;
   pMemoryProperties->memoryTypes[MEMVK_MEMORY_TYPE_HOST] = (VkMemoryType){
      .propertyFlags = MEMVK_MEMORY_TYPE_HOST_FLAGS,
      .heapIndex = 0,
   };
   pMemoryProperties->memoryTypes[MEMVK_MEMORY_TYPE_LAZY] = (VkMemoryType){
      .propertyFlags = MEMVK_MEMORY_TYPE_LAZY_FLAGS,
      .heapIndex = 0,
   };
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceMemoryProperties2(VkPhysicalDevice physicalDevice,
                                         VkPhysicalDeviceMemoryProperties2 *pMemoryProperties)
{
   struct memvk_physical_device *pdev = memvk_physical_device_from_handle(physicalDevice);
   memvk_GetPhysicalDeviceMemoryProperties(physicalDevice, &pMemoryProperties->memoryProperties);

   memvk_foreach_struct_out(s, pMemoryProperties->pNext) {
      if (s->sType == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT) {
         VkPhysicalDeviceMemoryBudgetPropertiesEXT *p = (void *)s;
         memset(p->heapBudget, 0, sizeof(p->heapBudget));
         memset(p->heapUsage, 0, sizeof(p->heapUsage));
         /* "heapUsage ... the memory usage of the current process";
          * "heapBudget ... must be less than or equal to VkMemoryHeap::size"
          * and is what the process can use: its own usage plus what the
          * machine can still give. */
         const uint64_t usage = memvk_process_memory_usage();
         const uint64_t budget = usage + memvk_memory_available();
         p->heapUsage[0] = usage;
         p->heapBudget[0] = MEMVK_MIN(budget, pdev->heap_size);
      }
   }
}

/* --- extensions and layers of the device -------------------------------------- */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_EnumerateDeviceExtensionProperties(VkPhysicalDevice physicalDevice, const char *pLayerName,
                                         uint32_t *pPropertyCount, VkExtensionProperties *pProperties)
{
   (void)physicalDevice;
   /* A driver has no layers: "If pLayerName is ... not available,
    * VK_ERROR_LAYER_NOT_PRESENT". */
   if (pLayerName != NULL)
      return VK_ERROR_LAYER_NOT_PRESENT;
   return memvk_enumerate_extensions(MEMVK_FIRST_DEVICE_EXTENSION, MEMVK_DEVICE_EXTENSION_COUNT,
                                     pPropertyCount, pProperties);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_EnumerateDeviceLayerProperties(VkPhysicalDevice physicalDevice, uint32_t *pPropertyCount,
                                     VkLayerProperties *pProperties)
{
   (void)physicalDevice;
   (void)pProperties;
   *pPropertyCount = 0;
   return VK_SUCCESS;
}

/* --- external handles and tools -------------------------------------------------
 * memvk imports and exports no handle of any type.  An all-zero answer is
 * the spec's way to say so: "If handleType is not supported by the
 * implementation, then VkExternalMemoryProperties::externalMemoryFeatures
 * will be zero" (likewise for fences and semaphores). */

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceExternalBufferProperties(VkPhysicalDevice physicalDevice,
                                                const VkPhysicalDeviceExternalBufferInfo *pExternalBufferInfo,
                                                VkExternalBufferProperties *pExternalBufferProperties)
{
   (void)physicalDevice;
   (void)pExternalBufferInfo;
   pExternalBufferProperties->externalMemoryProperties = (VkExternalMemoryProperties){0};
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceExternalFenceProperties(VkPhysicalDevice physicalDevice,
                                               const VkPhysicalDeviceExternalFenceInfo *pExternalFenceInfo,
                                               VkExternalFenceProperties *pExternalFenceProperties)
{
   (void)physicalDevice;
   (void)pExternalFenceInfo;
   pExternalFenceProperties->exportFromImportedHandleTypes = 0;
   pExternalFenceProperties->compatibleHandleTypes = 0;
   pExternalFenceProperties->externalFenceFeatures = 0;
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPhysicalDeviceExternalSemaphoreProperties(VkPhysicalDevice physicalDevice,
                                                   const VkPhysicalDeviceExternalSemaphoreInfo *pExternalSemaphoreInfo,
                                                   VkExternalSemaphoreProperties *pExternalSemaphoreProperties)
{
   (void)physicalDevice;
   (void)pExternalSemaphoreInfo;
   pExternalSemaphoreProperties->exportFromImportedHandleTypes = 0;
   pExternalSemaphoreProperties->compatibleHandleTypes = 0;
   pExternalSemaphoreProperties->externalSemaphoreFeatures = 0;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetPhysicalDeviceToolProperties(VkPhysicalDevice physicalDevice, uint32_t *pToolCount,
                                      VkPhysicalDeviceToolProperties *pToolProperties)
{
   (void)physicalDevice;
   (void)pToolProperties;
   /* memvk itself is not a tool, and it embeds none. */
   *pToolCount = 0;
   return VK_SUCCESS;
}
