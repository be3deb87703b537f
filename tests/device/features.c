/* Features: what vkGetPhysicalDeviceFeatures2 reports (the features Vulkan
 * 1.4 requires, those memvk implements, nothing else) and what
 * vkCreateDevice accepts ("If any of the features requested ... are not
 * available, vkCreateDevice must return VK_ERROR_FEATURE_NOT_PRESENT"). */
#include "vk_test.h"

#include <stddef.h>

#define NO_DEVICE {.no_device = true}

struct unknown_struct {
   VkStructureType sType;
   void *pNext;
   uint32_t payload[4];
};
#define UNKNOWN_STYPE ((VkStructureType)0x7ffffff0)
#define UNKNOWN_PAYLOAD 0xdeadbeefu

/* Every features structure memvk advertises, chained: the aggregates and the
 * structures of memvk's device extensions. */
struct all_features {
   VkPhysicalDeviceFeatures2 features2;
   VkPhysicalDeviceVulkan11Features v11;
   VkPhysicalDeviceVulkan12Features v12;
   VkPhysicalDeviceVulkan13Features v13;
   VkPhysicalDeviceVulkan14Features v14;
   VkPhysicalDeviceMapMemoryPlacedFeaturesEXT placed;
   VkPhysicalDeviceMemoryPriorityFeaturesEXT priority;
   VkPhysicalDevicePageableDeviceLocalMemoryFeaturesEXT pageable;
};

static void
chain_all_features(struct all_features *f)
{
   memset(f, 0, sizeof(*f));
   f->pageable.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PAGEABLE_DEVICE_LOCAL_MEMORY_FEATURES_EXT;
   f->priority.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PRIORITY_FEATURES_EXT;
   f->priority.pNext = &f->pageable;
   f->placed.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_FEATURES_EXT;
   f->placed.pNext = &f->priority;
   f->v14.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_FEATURES;
   f->v14.pNext = &f->placed;
   f->v13.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES;
   f->v13.pNext = &f->v14;
   f->v12.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES;
   f->v12.pNext = &f->v13;
   f->v11.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES;
   f->v11.pNext = &f->v12;
   f->features2.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2;
   f->features2.pNext = &f->v11;
}

static void
test_features2_fills_every_structure_around_an_unknown_one(struct vkt *t)
{
   VkPhysicalDeviceVulkan14Features v14 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_FEATURES};
   struct unknown_struct unknown = {.sType = UNKNOWN_STYPE, .pNext = &v14,
                                    .payload = {UNKNOWN_PAYLOAD, UNKNOWN_PAYLOAD, UNKNOWN_PAYLOAD, UNKNOWN_PAYLOAD}};
   VkPhysicalDeviceVulkan12Features v12 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
                                           .pNext = &unknown};
   VkPhysicalDeviceFeatures2 features = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, .pNext = &v12};
   vkGetPhysicalDeviceFeatures2(t->physical_device, &features);
   CHECK(features.features.robustBufferAccess == VK_TRUE);
   CHECK(v12.timelineSemaphore == VK_TRUE, "(before the unknown structure)");
   for (int i = 0; i < 4; i++)
      CHECK(unknown.payload[i] == UNKNOWN_PAYLOAD, "(the unknown structure must be left alone)");
   CHECK(v14.maintenance5 == VK_TRUE, "(after the unknown structure)");

   VkPhysicalDeviceFeatures features1;
   vkGetPhysicalDeviceFeatures(t->physical_device, &features1);
   CHECK(memcmp(&features1, &features.features, sizeof(features1)) == 0);
}

/* vk.xml, <feature name="VK_VERSION_1_x"> ... <require><feature/>: what
 * each version up to 1.4 requires unconditionally. */
static void
test_features_vulkan_1_4_requires_are_true(struct vkt *t)
{
   struct all_features f;
   chain_all_features(&f);
   vkGetPhysicalDeviceFeatures2(t->physical_device, &f.features2);
   const VkPhysicalDeviceFeatures *f10 = &f.features2.features;
   const struct {
      const char *name;
      VkBool32 value;
   } required[] = {
#define REQUIRED(s, member) {#member, (s).member}
      REQUIRED(*f10, robustBufferAccess),
      REQUIRED(*f10, fullDrawIndexUint32),
      REQUIRED(*f10, imageCubeArray),
      REQUIRED(*f10, independentBlend),
      REQUIRED(*f10, sampleRateShading),
      REQUIRED(*f10, drawIndirectFirstInstance),
      REQUIRED(*f10, depthClamp),
      REQUIRED(*f10, depthBiasClamp),
      REQUIRED(*f10, samplerAnisotropy),
      REQUIRED(*f10, fragmentStoresAndAtomics),
      REQUIRED(*f10, shaderStorageImageExtendedFormats),
      REQUIRED(*f10, shaderUniformBufferArrayDynamicIndexing),
      REQUIRED(*f10, shaderSampledImageArrayDynamicIndexing),
      REQUIRED(*f10, shaderStorageBufferArrayDynamicIndexing),
      REQUIRED(*f10, shaderStorageImageArrayDynamicIndexing),
      REQUIRED(*f10, shaderImageGatherExtended),
      REQUIRED(*f10, shaderInt16),
      REQUIRED(*f10, largePoints),
      REQUIRED(f.v11, storageBuffer16BitAccess),
      REQUIRED(f.v11, multiview),
      REQUIRED(f.v11, variablePointers),
      REQUIRED(f.v11, variablePointersStorageBuffer),
      REQUIRED(f.v11, samplerYcbcrConversion),
      REQUIRED(f.v12, subgroupBroadcastDynamicId),
      REQUIRED(f.v12, samplerMirrorClampToEdge),
      REQUIRED(f.v12, storageBuffer8BitAccess),
      REQUIRED(f.v12, shaderInt8),
      REQUIRED(f.v12, shaderUniformTexelBufferArrayDynamicIndexing),
      REQUIRED(f.v12, shaderStorageTexelBufferArrayDynamicIndexing),
      REQUIRED(f.v12, scalarBlockLayout),
      REQUIRED(f.v12, imagelessFramebuffer),
      REQUIRED(f.v12, uniformBufferStandardLayout),
      REQUIRED(f.v12, shaderSubgroupExtendedTypes),
      REQUIRED(f.v12, separateDepthStencilLayouts),
      REQUIRED(f.v12, hostQueryReset),
      REQUIRED(f.v12, timelineSemaphore),
      REQUIRED(f.v12, bufferDeviceAddress),
      REQUIRED(f.v12, vulkanMemoryModel),
      REQUIRED(f.v12, vulkanMemoryModelDeviceScope),
      REQUIRED(f.v13, robustImageAccess),
      REQUIRED(f.v13, inlineUniformBlock),
      REQUIRED(f.v13, pipelineCreationCacheControl),
      REQUIRED(f.v13, privateData),
      REQUIRED(f.v13, shaderDemoteToHelperInvocation),
      REQUIRED(f.v13, shaderTerminateInvocation),
      REQUIRED(f.v13, subgroupSizeControl),
      REQUIRED(f.v13, computeFullSubgroups),
      REQUIRED(f.v13, synchronization2),
      REQUIRED(f.v13, shaderZeroInitializeWorkgroupMemory),
      REQUIRED(f.v13, dynamicRendering),
      REQUIRED(f.v13, shaderIntegerDotProduct),
      REQUIRED(f.v13, maintenance4),
      REQUIRED(f.v14, globalPriorityQuery),
      REQUIRED(f.v14, shaderSubgroupRotate),
      REQUIRED(f.v14, shaderSubgroupRotateClustered),
      REQUIRED(f.v14, shaderFloatControls2),
      REQUIRED(f.v14, shaderExpectAssume),
      REQUIRED(f.v14, bresenhamLines),
      REQUIRED(f.v14, vertexAttributeInstanceRateDivisor),
      REQUIRED(f.v14, indexTypeUint8),
      REQUIRED(f.v14, dynamicRenderingLocalRead),
      REQUIRED(f.v14, maintenance5),
      REQUIRED(f.v14, maintenance6),
      REQUIRED(f.v14, pipelineRobustness),
      REQUIRED(f.v14, pushDescriptor),
#undef REQUIRED
   };
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(required); i++)
      CHECK(required[i].value == VK_TRUE, "(%s is required by Vulkan 1.4)", required[i].name);
}

/* What memvk's own code makes true, and what it cannot offer. */
static void
test_features_are_true_exactly_where_memvk_implements_them(struct vkt *t)
{
   struct all_features f;
   chain_all_features(&f);
   vkGetPhysicalDeviceFeatures2(t->physical_device, &f.features2);
   CHECK(f.v12.bufferDeviceAddressCaptureReplay);
   CHECK(f.placed.memoryMapPlaced && f.placed.memoryMapRangePlaced && f.placed.memoryUnmapReserve);
   CHECK(f.priority.memoryPriority);
   CHECK(f.pageable.pageableDeviceLocalMemory);

   const VkPhysicalDeviceFeatures *f10 = &f.features2.features;
   CHECK(!f10->geometryShader && !f10->tessellationShader, "(no shader ever runs)");
   CHECK(!f10->sparseBinding && !f10->sparseResidencyBuffer, "(no sparse binding queue)");
   CHECK(!f10->shaderInt64, "(required only with 64-bit atomics, which memvk lacks)");
   CHECK(!f.v11.protectedMemory && !f.v14.pipelineProtectedAccess);
   CHECK(!f.v11.shaderDrawParameters);
   CHECK(!f.v12.descriptorIndexing && !f.v12.bufferDeviceAddressMultiDevice);
   CHECK(!f.v13.textureCompressionASTC_HDR);
   CHECK(f.v14.hostImageCopy, "(host image copies are real: tests/resources/host_image_copy.c)");
}

/* Every features structure memvk advertises is written: each is queried
 * alone, pre-filled with a pattern that is neither VK_TRUE nor VK_FALSE. */
static void
test_every_advertised_features_structure_is_filled(struct vkt *t)
{
#define STRUCT(name, stype, last) \
   {#name, VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_##stype, offsetof(VkPhysicalDevice##name, last) + sizeof(VkBool32)}
   const struct {
      const char *name;
      VkStructureType type;
      size_t end;
   } structs[] = {
      STRUCT(Vulkan11Features, VULKAN_1_1_FEATURES, shaderDrawParameters),
      STRUCT(Vulkan12Features, VULKAN_1_2_FEATURES, subgroupBroadcastDynamicId),
      STRUCT(Vulkan13Features, VULKAN_1_3_FEATURES, maintenance4),
      STRUCT(Vulkan14Features, VULKAN_1_4_FEATURES, pushDescriptor),
      STRUCT(16BitStorageFeatures, 16BIT_STORAGE_FEATURES, storageInputOutput16),
      STRUCT(MultiviewFeatures, MULTIVIEW_FEATURES, multiviewTessellationShader),
      STRUCT(VariablePointersFeatures, VARIABLE_POINTERS_FEATURES, variablePointers),
      STRUCT(ProtectedMemoryFeatures, PROTECTED_MEMORY_FEATURES, protectedMemory),
      STRUCT(SamplerYcbcrConversionFeatures, SAMPLER_YCBCR_CONVERSION_FEATURES, samplerYcbcrConversion),
      STRUCT(ShaderDrawParametersFeatures, SHADER_DRAW_PARAMETERS_FEATURES, shaderDrawParameters),
      STRUCT(8BitStorageFeatures, 8BIT_STORAGE_FEATURES, storagePushConstant8),
      STRUCT(ShaderAtomicInt64Features, SHADER_ATOMIC_INT64_FEATURES, shaderSharedInt64Atomics),
      STRUCT(ShaderFloat16Int8Features, SHADER_FLOAT16_INT8_FEATURES, shaderInt8),
      STRUCT(DescriptorIndexingFeatures, DESCRIPTOR_INDEXING_FEATURES, runtimeDescriptorArray),
      STRUCT(ScalarBlockLayoutFeatures, SCALAR_BLOCK_LAYOUT_FEATURES, scalarBlockLayout),
      STRUCT(ImagelessFramebufferFeatures, IMAGELESS_FRAMEBUFFER_FEATURES, imagelessFramebuffer),
      STRUCT(UniformBufferStandardLayoutFeatures, UNIFORM_BUFFER_STANDARD_LAYOUT_FEATURES, uniformBufferStandardLayout),
      STRUCT(ShaderSubgroupExtendedTypesFeatures, SHADER_SUBGROUP_EXTENDED_TYPES_FEATURES, shaderSubgroupExtendedTypes),
      STRUCT(SeparateDepthStencilLayoutsFeatures, SEPARATE_DEPTH_STENCIL_LAYOUTS_FEATURES, separateDepthStencilLayouts),
      STRUCT(HostQueryResetFeatures, HOST_QUERY_RESET_FEATURES, hostQueryReset),
      STRUCT(TimelineSemaphoreFeatures, TIMELINE_SEMAPHORE_FEATURES, timelineSemaphore),
      STRUCT(BufferDeviceAddressFeatures, BUFFER_DEVICE_ADDRESS_FEATURES, bufferDeviceAddressMultiDevice),
      STRUCT(VulkanMemoryModelFeatures, VULKAN_MEMORY_MODEL_FEATURES, vulkanMemoryModelAvailabilityVisibilityChains),
      STRUCT(ImageRobustnessFeatures, IMAGE_ROBUSTNESS_FEATURES, robustImageAccess),
      STRUCT(InlineUniformBlockFeatures, INLINE_UNIFORM_BLOCK_FEATURES, descriptorBindingInlineUniformBlockUpdateAfterBind),
      STRUCT(PipelineCreationCacheControlFeatures, PIPELINE_CREATION_CACHE_CONTROL_FEATURES, pipelineCreationCacheControl),
      STRUCT(PrivateDataFeatures, PRIVATE_DATA_FEATURES, privateData),
      STRUCT(ShaderDemoteToHelperInvocationFeatures, SHADER_DEMOTE_TO_HELPER_INVOCATION_FEATURES, shaderDemoteToHelperInvocation),
      STRUCT(ShaderTerminateInvocationFeatures, SHADER_TERMINATE_INVOCATION_FEATURES, shaderTerminateInvocation),
      STRUCT(SubgroupSizeControlFeatures, SUBGROUP_SIZE_CONTROL_FEATURES, computeFullSubgroups),
      STRUCT(Synchronization2Features, SYNCHRONIZATION_2_FEATURES, synchronization2),
      STRUCT(TextureCompressionASTCHDRFeatures, TEXTURE_COMPRESSION_ASTC_HDR_FEATURES, textureCompressionASTC_HDR),
      STRUCT(ZeroInitializeWorkgroupMemoryFeatures, ZERO_INITIALIZE_WORKGROUP_MEMORY_FEATURES, shaderZeroInitializeWorkgroupMemory),
      STRUCT(DynamicRenderingFeatures, DYNAMIC_RENDERING_FEATURES, dynamicRendering),
      STRUCT(ShaderIntegerDotProductFeatures, SHADER_INTEGER_DOT_PRODUCT_FEATURES, shaderIntegerDotProduct),
      STRUCT(Maintenance4Features, MAINTENANCE_4_FEATURES, maintenance4),
      STRUCT(GlobalPriorityQueryFeatures, GLOBAL_PRIORITY_QUERY_FEATURES, globalPriorityQuery),
      STRUCT(ShaderSubgroupRotateFeatures, SHADER_SUBGROUP_ROTATE_FEATURES, shaderSubgroupRotateClustered),
      STRUCT(ShaderFloatControls2Features, SHADER_FLOAT_CONTROLS_2_FEATURES, shaderFloatControls2),
      STRUCT(ShaderExpectAssumeFeatures, SHADER_EXPECT_ASSUME_FEATURES, shaderExpectAssume),
      STRUCT(LineRasterizationFeatures, LINE_RASTERIZATION_FEATURES, stippledSmoothLines),
      STRUCT(VertexAttributeDivisorFeatures, VERTEX_ATTRIBUTE_DIVISOR_FEATURES, vertexAttributeInstanceRateZeroDivisor),
      STRUCT(IndexTypeUint8Features, INDEX_TYPE_UINT8_FEATURES, indexTypeUint8),
      STRUCT(DynamicRenderingLocalReadFeatures, DYNAMIC_RENDERING_LOCAL_READ_FEATURES, dynamicRenderingLocalRead),
      STRUCT(Maintenance5Features, MAINTENANCE_5_FEATURES, maintenance5),
      STRUCT(Maintenance6Features, MAINTENANCE_6_FEATURES, maintenance6),
      STRUCT(PipelineProtectedAccessFeatures, PIPELINE_PROTECTED_ACCESS_FEATURES, pipelineProtectedAccess),
      STRUCT(PipelineRobustnessFeatures, PIPELINE_ROBUSTNESS_FEATURES, pipelineRobustness),
      STRUCT(HostImageCopyFeatures, HOST_IMAGE_COPY_FEATURES, hostImageCopy),
      STRUCT(MapMemoryPlacedFeaturesEXT, MAP_MEMORY_PLACED_FEATURES_EXT, memoryUnmapReserve),
      STRUCT(MemoryPriorityFeaturesEXT, MEMORY_PRIORITY_FEATURES_EXT, memoryPriority),
      STRUCT(PageableDeviceLocalMemoryFeaturesEXT, PAGEABLE_DEVICE_LOCAL_MEMORY_FEATURES_EXT, pageableDeviceLocalMemory),
   };
#undef STRUCT
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(structs); i++) {
      _Alignas(16) VkBool32 storage[256];
      CHECK(structs[i].end <= sizeof(storage));
      memset(storage, 0xab, sizeof(storage));
      VkBaseOutStructure *header = (VkBaseOutStructure *)storage;
      header->sType = structs[i].type;
      header->pNext = NULL;
      VkPhysicalDeviceFeatures2 features = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, .pNext = header};
      vkGetPhysicalDeviceFeatures2(t->physical_device, &features);
      const size_t first = sizeof(*header) / sizeof(VkBool32), end = structs[i].end / sizeof(VkBool32);
      for (size_t m = first; m < end; m++)
         CHECK(storage[m] == VK_TRUE || storage[m] == VK_FALSE, "(%s member %zu not filled)", structs[i].name,
               m - first);
   }
}

/* The individual core structures say what the aggregates say. */
static void
test_individual_features_agree_with_aggregates(struct vkt *t)
{
   VkPhysicalDeviceBufferDeviceAddressFeatures bda = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_BUFFER_DEVICE_ADDRESS_FEATURES};
   VkPhysicalDeviceTimelineSemaphoreFeatures timeline = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES, .pNext = &bda};
   VkPhysicalDeviceSynchronization2Features sync2 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SYNCHRONIZATION_2_FEATURES, .pNext = &timeline};
   VkPhysicalDeviceMaintenance6Features m6 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_6_FEATURES,
                                              .pNext = &sync2};
   VkPhysicalDeviceLineRasterizationFeatures lines = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_LINE_RASTERIZATION_FEATURES, .pNext = &m6};
   VkPhysicalDeviceDescriptorIndexingFeatures indexing = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DESCRIPTOR_INDEXING_FEATURES, .pNext = &lines};
   VkPhysicalDeviceProtectedMemoryFeatures protected_memory = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_FEATURES, .pNext = &indexing};
   VkPhysicalDeviceSamplerYcbcrConversionFeatures ycbcr = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SAMPLER_YCBCR_CONVERSION_FEATURES, .pNext = &protected_memory};
   VkPhysicalDeviceFeatures2 individual = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2, .pNext = &ycbcr};
   vkGetPhysicalDeviceFeatures2(t->physical_device, &individual);

   struct all_features f;
   chain_all_features(&f);
   vkGetPhysicalDeviceFeatures2(t->physical_device, &f.features2);

   CHECK(bda.bufferDeviceAddress == f.v12.bufferDeviceAddress);
   CHECK(bda.bufferDeviceAddressCaptureReplay == f.v12.bufferDeviceAddressCaptureReplay);
   CHECK(bda.bufferDeviceAddressMultiDevice == f.v12.bufferDeviceAddressMultiDevice);
   CHECK(timeline.timelineSemaphore == f.v12.timelineSemaphore);
   CHECK(sync2.synchronization2 == f.v13.synchronization2);
   CHECK(m6.maintenance6 == f.v14.maintenance6);
   CHECK(lines.bresenhamLines == f.v14.bresenhamLines && lines.smoothLines == f.v14.smoothLines &&
         lines.rectangularLines == f.v14.rectangularLines);
   CHECK(indexing.shaderUniformTexelBufferArrayDynamicIndexing ==
         f.v12.shaderUniformTexelBufferArrayDynamicIndexing);
   CHECK(indexing.runtimeDescriptorArray == f.v12.runtimeDescriptorArray);
   CHECK(protected_memory.protectedMemory == f.v11.protectedMemory);
   CHECK(ycbcr.samplerYcbcrConversion == f.v11.samplerYcbcrConversion);
}

static VkResult
create_device(struct vkt *t, const void *pnext, const VkPhysicalDeviceFeatures *enabled,
              const char *const *extensions, uint32_t extension_count, VkDevice *device)
{
   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = 0,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   const VkDeviceCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .pNext = pnext,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue,
      .enabledExtensionCount = extension_count,
      .ppEnabledExtensionNames = extensions,
      .pEnabledFeatures = enabled,
   };
   *device = VK_NULL_HANDLE;
   return vkCreateDevice(t->physical_device, &info, NULL, device);
}

static void
destroy_device(VkDevice device)
{
   if (device != VK_NULL_HANDLE)
      vkDestroyDevice(device, NULL);
}

static void
test_create_device_rejects_an_unsupported_core_feature(struct vkt *t)
{
   VkPhysicalDeviceFeatures supported;
   vkGetPhysicalDeviceFeatures(t->physical_device, &supported);
   CHECK(!supported.geometryShader);
   VkPhysicalDeviceFeatures enabled = {.geometryShader = VK_TRUE};
   VkDevice device;
   CHECK_RESULT(create_device(t, NULL, &enabled, NULL, 0, &device), VK_ERROR_FEATURE_NOT_PRESENT);
   destroy_device(device);

   VkPhysicalDeviceFeatures2 features2 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
                                          .features = {.sparseBinding = VK_TRUE}};
   CHECK_RESULT(create_device(t, &features2, NULL, NULL, 0, &device), VK_ERROR_FEATURE_NOT_PRESENT);
   destroy_device(device);
}

/* An unsupported member anywhere in the chain, behind an unknown structure,
 * in an aggregate or an individual structure. */
static void
test_create_device_rejects_unsupported_features_in_the_chain(struct vkt *t)
{
   VkPhysicalDeviceVulkan12Features v12 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES,
                                           .timelineSemaphore = VK_TRUE,
                                           .descriptorIndexing = VK_TRUE};
   struct unknown_struct unknown = {.sType = UNKNOWN_STYPE, .pNext = &v12};
   VkDevice device;
   CHECK_RESULT(create_device(t, &unknown, NULL, NULL, 0, &device), VK_ERROR_FEATURE_NOT_PRESENT);
   destroy_device(device);

   VkPhysicalDeviceProtectedMemoryFeatures protected_memory = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROTECTED_MEMORY_FEATURES, .protectedMemory = VK_TRUE};
   CHECK_RESULT(create_device(t, &protected_memory, NULL, NULL, 0, &device), VK_ERROR_FEATURE_NOT_PRESENT);
   destroy_device(device);

   VkPhysicalDeviceVulkan14Features v14 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_FEATURES,
                                           .maintenance5 = VK_TRUE,
                                           .pipelineProtectedAccess = VK_TRUE};
   CHECK_RESULT(create_device(t, &v14, NULL, NULL, 0, &device), VK_ERROR_FEATURE_NOT_PRESENT);
   destroy_device(device);
}

/* Everything vkGetPhysicalDeviceFeatures2 reports can be enabled at once,
 * with an unknown structure in the chain ignored. */
static void
test_create_device_accepts_every_reported_feature(struct vkt *t)
{
   struct all_features f;
   chain_all_features(&f);
   vkGetPhysicalDeviceFeatures2(t->physical_device, &f.features2);
   struct unknown_struct unknown = {.sType = UNKNOWN_STYPE, .pNext = f.v12.pNext};
   f.v12.pNext = &unknown;

   const char *const extensions[] = {
      VK_KHR_MAP_MEMORY_2_EXTENSION_NAME,
      VK_EXT_MAP_MEMORY_PLACED_EXTENSION_NAME,
      VK_EXT_MEMORY_PRIORITY_EXTENSION_NAME,
      VK_EXT_PAGEABLE_DEVICE_LOCAL_MEMORY_EXTENSION_NAME,
   };
   VkDevice device;
   CHECK_SUCCESS(create_device(t, &f.features2, NULL, extensions, VKT_ARRAY_LENGTH(extensions), &device));
   destroy_device(device);
}

/* Only a structure's members are requests: the tail padding after an odd
 * number of VkBool32 is whatever the application's memory held. */
static void
test_create_device_ignores_padding_after_the_last_member(struct vkt *t)
{
   VkPhysicalDeviceHostQueryResetFeatures host_query_reset;
   memset(&host_query_reset, 0xff, sizeof(host_query_reset));
   host_query_reset.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_QUERY_RESET_FEATURES;
   host_query_reset.pNext = NULL;
   host_query_reset.hostQueryReset = VK_TRUE;
   CHECK(sizeof(host_query_reset) > offsetof(VkPhysicalDeviceHostQueryResetFeatures, hostQueryReset) +
                                       sizeof(VkBool32),
         "(this test needs a structure with tail padding)");
   VkDevice device;
   CHECK_SUCCESS(create_device(t, &host_query_reset, NULL, NULL, 0, &device));
   destroy_device(device);
}

static void
test_create_device_accepts_the_1_0_features_reported(struct vkt *t)
{
   VkPhysicalDeviceFeatures supported;
   vkGetPhysicalDeviceFeatures(t->physical_device, &supported);
   VkDevice device;
   CHECK_SUCCESS(create_device(t, NULL, &supported, NULL, 0, &device));
   destroy_device(device);
}

static const struct vkt_test tests[] = {
   {"features2_fills_every_structure_around_an_unknown_one",
    test_features2_fills_every_structure_around_an_unknown_one, NO_DEVICE},
   {"features_vulkan_1_4_requires_are_true", test_features_vulkan_1_4_requires_are_true, NO_DEVICE},
   {"features_are_true_exactly_where_memvk_implements_them",
    test_features_are_true_exactly_where_memvk_implements_them, NO_DEVICE},
   {"every_advertised_features_structure_is_filled", test_every_advertised_features_structure_is_filled,
    NO_DEVICE},
   {"individual_features_agree_with_aggregates", test_individual_features_agree_with_aggregates, NO_DEVICE},
   {"create_device_rejects_an_unsupported_core_feature", test_create_device_rejects_an_unsupported_core_feature,
    NO_DEVICE},
   {"create_device_rejects_unsupported_features_in_the_chain",
    test_create_device_rejects_unsupported_features_in_the_chain, NO_DEVICE},
   {"create_device_accepts_every_reported_feature", test_create_device_accepts_every_reported_feature, NO_DEVICE},
   {"create_device_ignores_padding_after_the_last_member", test_create_device_ignores_padding_after_the_last_member,
    NO_DEVICE},
   {"create_device_accepts_the_1_0_features_reported", test_create_device_accepts_the_1_0_features_reported,
    NO_DEVICE},
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
