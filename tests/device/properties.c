/* What the physical device reports about itself: properties and their
 * pNext chains, limits against the spec's "Required Limits", queue family,
 * memory heaps and types, extensions, and the external-handle and tool
 * queries.  Every check goes through the loader. */
#include "vk_test.h"

#include <unistd.h>

#define NO_DEVICE {.no_device = true}

static bool
is_power_of_two(uint64_t value)
{
   return value != 0 && (value & (value - 1)) == 0;
}

static bool
is_zero(const void *memory, size_t size)
{
   const uint8_t *bytes = memory;
   for (size_t i = 0; i < size; i++) {
      if (bytes[i] != 0)
         return false;
   }
   return true;
}

/* A structure no registry defines, to sit in the middle of a chain. */
struct unknown_struct {
   VkStructureType sType;
   void *pNext;
   uint32_t payload[4];
};
#define UNKNOWN_STYPE ((VkStructureType)0x7ffffff0)
#define UNKNOWN_PAYLOAD 0xdeadbeefu

/* "vkGetPhysicalDeviceProperties2 ... Each structure in the pNext chain ...
 * is filled"; an unrecognised structure is skipped and the chain followed
 * past it. */
static void
test_properties2_fills_every_structure_around_an_unknown_one(struct vkt *t)
{
   VkPhysicalDeviceMapMemoryPlacedPropertiesEXT placed = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_PROPERTIES_EXT};
   VkPhysicalDeviceVulkan14Properties v14 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_PROPERTIES,
                                             .pNext = &placed};
   VkPhysicalDeviceVulkan13Properties v13 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_PROPERTIES,
                                             .pNext = &v14};
   struct unknown_struct unknown = {.sType = UNKNOWN_STYPE, .pNext = &v13,
                                    .payload = {UNKNOWN_PAYLOAD, UNKNOWN_PAYLOAD, UNKNOWN_PAYLOAD, UNKNOWN_PAYLOAD}};
   VkPhysicalDeviceVulkan12Properties v12 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_PROPERTIES,
                                             .pNext = &unknown};
   VkPhysicalDeviceVulkan11Properties v11 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_PROPERTIES,
                                             .pNext = &v12};
   VkPhysicalDeviceProperties2 props = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, .pNext = &v11};
   vkGetPhysicalDeviceProperties2(t->physical_device, &props);

   CHECK(props.properties.apiVersion >= VK_API_VERSION_1_4);
   CHECK(v11.maxMemoryAllocationSize >= (UINT64_C(1) << 30), "(maxMemoryAllocationSize filled)");
   CHECK(v12.driverName[0] != '\0', "(Vulkan12Properties filled before the unknown structure)");
   for (int i = 0; i < 4; i++)
      CHECK(unknown.payload[i] == UNKNOWN_PAYLOAD, "(the unknown structure must be left alone)");
   CHECK(unknown.pNext == &v13 && unknown.sType == UNKNOWN_STYPE);
   CHECK(v13.maxBufferSize >= (UINT64_C(1) << 30), "(Vulkan13Properties filled after the unknown structure)");
   CHECK(v14.maxPushDescriptors >= 32, "(Vulkan14Properties filled)");
   CHECK(placed.minPlacedMemoryMapAlignment == (VkDeviceSize)sysconf(_SC_PAGESIZE),
         "(minPlacedMemoryMapAlignment is the page size)");
   CHECK(v11.pNext == &v12 && v12.pNext == &unknown && v13.pNext == &v14 && v14.pNext == &placed,
         "(the chain's pNext pointers are untouched)");
}

/* The individual core structures report the same values as the Vulkan
 * 1.1-1.4 structures that aggregate them. */
static void
test_individual_properties_agree_with_aggregates(struct vkt *t)
{
   VkPhysicalDeviceIDProperties id = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
   VkPhysicalDeviceMaintenance3Properties m3 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES,
                                                .pNext = &id};
   VkPhysicalDeviceSubgroupProperties subgroup = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES,
                                                  .pNext = &m3};
   VkPhysicalDeviceDriverProperties driver = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES,
                                              .pNext = &subgroup};
   VkPhysicalDeviceFloatControlsProperties floats = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FLOAT_CONTROLS_PROPERTIES, .pNext = &driver};
   VkPhysicalDeviceTimelineSemaphoreProperties timeline = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_PROPERTIES, .pNext = &floats};
   VkPhysicalDeviceMaintenance4Properties m4 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_4_PROPERTIES,
                                                .pNext = &timeline};
   VkPhysicalDeviceInlineUniformBlockProperties inline_block = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_INLINE_UNIFORM_BLOCK_PROPERTIES, .pNext = &m4};
   VkPhysicalDevicePushDescriptorProperties push = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PUSH_DESCRIPTOR_PROPERTIES, .pNext = &inline_block};
   VkPhysicalDeviceMaintenance5Properties m5 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_5_PROPERTIES,
                                                .pNext = &push};
   VkPhysicalDeviceMaintenance6Properties m6 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_6_PROPERTIES,
                                                .pNext = &m5};
   VkPhysicalDeviceVertexAttributeDivisorProperties divisor = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VERTEX_ATTRIBUTE_DIVISOR_PROPERTIES, .pNext = &m6};
   VkPhysicalDeviceProperties2 individual = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
                                             .pNext = &divisor};
   vkGetPhysicalDeviceProperties2(t->physical_device, &individual);

   VkPhysicalDeviceVulkan14Properties v14 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_PROPERTIES};
   VkPhysicalDeviceVulkan13Properties v13 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_PROPERTIES,
                                             .pNext = &v14};
   VkPhysicalDeviceVulkan12Properties v12 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_PROPERTIES,
                                             .pNext = &v13};
   VkPhysicalDeviceVulkan11Properties v11 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_PROPERTIES,
                                             .pNext = &v12};
   VkPhysicalDeviceProperties2 aggregate = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, .pNext = &v11};
   vkGetPhysicalDeviceProperties2(t->physical_device, &aggregate);

   CHECK(memcmp(id.deviceUUID, v11.deviceUUID, VK_UUID_SIZE) == 0);
   CHECK(memcmp(id.driverUUID, v11.driverUUID, VK_UUID_SIZE) == 0);
   CHECK(id.deviceLUIDValid == v11.deviceLUIDValid);
   CHECK(m3.maxMemoryAllocationSize == v11.maxMemoryAllocationSize);
   CHECK(m3.maxPerSetDescriptors == v11.maxPerSetDescriptors);
   CHECK(subgroup.subgroupSize == v11.subgroupSize);
   CHECK(subgroup.supportedOperations == v11.subgroupSupportedOperations);
   CHECK(driver.driverID == v12.driverID);
   CHECK(strcmp(driver.driverName, v12.driverName) == 0);
   CHECK(strcmp(driver.driverInfo, v12.driverInfo) == 0);
   CHECK(floats.shaderSignedZeroInfNanPreserveFloat32 == v12.shaderSignedZeroInfNanPreserveFloat32);
   CHECK(floats.shaderRoundingModeRTZFloat64 == v12.shaderRoundingModeRTZFloat64);
   CHECK(timeline.maxTimelineSemaphoreValueDifference == v12.maxTimelineSemaphoreValueDifference);
   CHECK(m4.maxBufferSize == v13.maxBufferSize);
   CHECK(inline_block.maxInlineUniformBlockSize == v13.maxInlineUniformBlockSize);
   CHECK(inline_block.maxDescriptorSetInlineUniformBlocks == v13.maxDescriptorSetInlineUniformBlocks);
   CHECK(push.maxPushDescriptors == v14.maxPushDescriptors);
   CHECK(m5.depthStencilSwizzleOneSupport == v14.depthStencilSwizzleOneSupport);
   CHECK(m6.maxCombinedImageSamplerDescriptorCount == v14.maxCombinedImageSamplerDescriptorCount);
   CHECK(divisor.maxVertexAttribDivisor == v14.maxVertexAttribDivisor);
}

/* Every properties structure memvk advertises is written: each is queried
 * alone, pre-filled with a pattern no true answer has in every byte. */
static void
test_every_advertised_properties_structure_is_filled(struct vkt *t)
{
#define STRUCT(name, stype) {#name, VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_##stype, sizeof(VkPhysicalDevice##name)}
   const struct {
      const char *name;
      VkStructureType type;
      size_t size;
   } structs[] = {
      STRUCT(Vulkan11Properties, VULKAN_1_1_PROPERTIES),
      STRUCT(Vulkan12Properties, VULKAN_1_2_PROPERTIES),
      STRUCT(Vulkan13Properties, VULKAN_1_3_PROPERTIES),
      STRUCT(Vulkan14Properties, VULKAN_1_4_PROPERTIES),
      STRUCT(IDProperties, ID_PROPERTIES),
      STRUCT(SubgroupProperties, SUBGROUP_PROPERTIES),
      STRUCT(PointClippingProperties, POINT_CLIPPING_PROPERTIES),
      STRUCT(MultiviewProperties, MULTIVIEW_PROPERTIES),
      STRUCT(ProtectedMemoryProperties, PROTECTED_MEMORY_PROPERTIES),
      STRUCT(Maintenance3Properties, MAINTENANCE_3_PROPERTIES),
      STRUCT(DriverProperties, DRIVER_PROPERTIES),
      STRUCT(FloatControlsProperties, FLOAT_CONTROLS_PROPERTIES),
      STRUCT(DescriptorIndexingProperties, DESCRIPTOR_INDEXING_PROPERTIES),
      STRUCT(DepthStencilResolveProperties, DEPTH_STENCIL_RESOLVE_PROPERTIES),
      STRUCT(SamplerFilterMinmaxProperties, SAMPLER_FILTER_MINMAX_PROPERTIES),
      STRUCT(TimelineSemaphoreProperties, TIMELINE_SEMAPHORE_PROPERTIES),
      STRUCT(SubgroupSizeControlProperties, SUBGROUP_SIZE_CONTROL_PROPERTIES),
      STRUCT(InlineUniformBlockProperties, INLINE_UNIFORM_BLOCK_PROPERTIES),
      STRUCT(ShaderIntegerDotProductProperties, SHADER_INTEGER_DOT_PRODUCT_PROPERTIES),
      STRUCT(TexelBufferAlignmentProperties, TEXEL_BUFFER_ALIGNMENT_PROPERTIES),
      STRUCT(Maintenance4Properties, MAINTENANCE_4_PROPERTIES),
      STRUCT(LineRasterizationProperties, LINE_RASTERIZATION_PROPERTIES),
      STRUCT(VertexAttributeDivisorProperties, VERTEX_ATTRIBUTE_DIVISOR_PROPERTIES),
      STRUCT(PushDescriptorProperties, PUSH_DESCRIPTOR_PROPERTIES),
      STRUCT(Maintenance5Properties, MAINTENANCE_5_PROPERTIES),
      STRUCT(Maintenance6Properties, MAINTENANCE_6_PROPERTIES),
      STRUCT(PipelineRobustnessProperties, PIPELINE_ROBUSTNESS_PROPERTIES),
      STRUCT(HostImageCopyProperties, HOST_IMAGE_COPY_PROPERTIES),
      STRUCT(MapMemoryPlacedPropertiesEXT, MAP_MEMORY_PLACED_PROPERTIES_EXT),
   };
#undef STRUCT
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(structs); i++) {
      _Alignas(16) uint8_t storage[1024];
      CHECK(structs[i].size <= sizeof(storage));
      memset(storage, 0xab, sizeof(storage));
      VkBaseOutStructure *header = (VkBaseOutStructure *)storage;
      header->sType = structs[i].type;
      header->pNext = NULL;
      /* The host-copy layout arrays are the application's: NULL asks for
       * the counts. */
      if (structs[i].type == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_PROPERTIES) {
         VkPhysicalDeviceVulkan14Properties *v14 = (void *)storage;
         v14->pCopySrcLayouts = NULL;
         v14->pCopyDstLayouts = NULL;
      } else if (structs[i].type == VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_IMAGE_COPY_PROPERTIES) {
         VkPhysicalDeviceHostImageCopyProperties *host_copy = (void *)storage;
         host_copy->pCopySrcLayouts = NULL;
         host_copy->pCopyDstLayouts = NULL;
      }
      VkPhysicalDeviceProperties2 props = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, .pNext = header};
      vkGetPhysicalDeviceProperties2(t->physical_device, &props);
      size_t untouched = 0;
      for (size_t b = sizeof(*header); b < structs[i].size; b++)
         untouched += storage[b] == 0xab;
      CHECK(untouched < structs[i].size - sizeof(*header), "(%s was not filled)", structs[i].name);
      CHECK(header->sType == structs[i].type && header->pNext == NULL, "(%s's header changed)", structs[i].name);
   }
}

static void
test_device_is_a_cpu_at_vulkan_1_4(struct vkt *t)
{
   VkPhysicalDeviceIDProperties id = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
   VkPhysicalDeviceDriverProperties driver = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES,
                                              .pNext = &id};
   VkPhysicalDeviceProperties2 props = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, .pNext = &driver};
   vkGetPhysicalDeviceProperties2(t->physical_device, &props);

   CHECK(props.properties.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU);
   CHECK(VK_API_VERSION_MAJOR(props.properties.apiVersion) == 1 &&
         VK_API_VERSION_MINOR(props.properties.apiVersion) == 4);
   CHECK(strstr(props.properties.deviceName, "memvk") != NULL);
   /* memvk has no registered VkDriverId and has not passed the CTS. */
   CHECK(driver.driverID == 0);
   CHECK(driver.conformanceVersion.major == 0 && driver.conformanceVersion.minor == 0 &&
         driver.conformanceVersion.subminor == 0 && driver.conformanceVersion.patch == 0);
   CHECK(!is_zero(id.deviceUUID, VK_UUID_SIZE) && !is_zero(id.driverUUID, VK_UUID_SIZE));
   CHECK(memcmp(id.deviceUUID, id.driverUUID, VK_UUID_SIZE) != 0);
   CHECK(!is_zero(props.properties.pipelineCacheUUID, VK_UUID_SIZE));
   /* No sparse residency is offered, so none of its properties is. */
   CHECK(is_zero(&props.properties.limits.sparseAddressSpaceSize, sizeof(VkDeviceSize)));
   CHECK(is_zero(&props.properties.sparseProperties, sizeof(props.properties.sparseProperties)));
}

/* "deviceUUID ... must be immutable for a given device across instances,
 * processes, driver APIs, driver versions, and system reboots". */
static void
test_uuids_are_stable_across_instances(struct vkt *t)
{
   VkPhysicalDeviceIDProperties first = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
   VkPhysicalDeviceProperties2 props = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, .pNext = &first};
   vkGetPhysicalDeviceProperties2(t->physical_device, &props);

   struct vkt other = {0};
   const struct vkt_options options = NO_DEVICE;
   CHECK_SUCCESS(vkt_create(&other, &options));
   VkPhysicalDeviceIDProperties second = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
   props.pNext = &second;
   vkGetPhysicalDeviceProperties2(other.physical_device, &props);
   vkt_destroy(&other);
   CHECK(memcmp(first.deviceUUID, second.deviceUUID, VK_UUID_SIZE) == 0);
   CHECK(memcmp(first.driverUUID, second.driverUUID, VK_UUID_SIZE) == 0);
}

/* "Required Limits", the Vulkan 1.4 column: "min" limits at least, "max"
 * limits at most the figure. */
static void
test_limits_meet_the_required_limits(struct vkt *t)
{
   VkPhysicalDeviceVulkan14Properties v14 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_4_PROPERTIES};
   VkPhysicalDeviceVulkan13Properties v13 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_PROPERTIES,
                                             .pNext = &v14};
   VkPhysicalDeviceVulkan12Properties v12 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_PROPERTIES,
                                             .pNext = &v13};
   VkPhysicalDeviceVulkan11Properties v11 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_PROPERTIES,
                                             .pNext = &v12};
   VkPhysicalDeviceProperties2 props = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2, .pNext = &v11};
   vkGetPhysicalDeviceProperties2(t->physical_device, &props);
   const VkPhysicalDeviceLimits *l = &props.properties.limits;

   const struct {
      const char *name;
      uint64_t value, minimum;
   } minimums[] = {
      {"maxImageDimension1D", l->maxImageDimension1D, 8192},
      {"maxImageDimension2D", l->maxImageDimension2D, 8192},
      {"maxImageDimension3D", l->maxImageDimension3D, 512},
      {"maxImageDimensionCube", l->maxImageDimensionCube, 8192},
      {"maxImageArrayLayers", l->maxImageArrayLayers, 2048},
      {"maxTexelBufferElements", l->maxTexelBufferElements, 65536},
      {"maxUniformBufferRange", l->maxUniformBufferRange, 65536},
      {"maxStorageBufferRange", l->maxStorageBufferRange, UINT64_C(1) << 27},
      {"maxPushConstantsSize", l->maxPushConstantsSize, 256},
      {"maxMemoryAllocationCount", l->maxMemoryAllocationCount, 4096},
      {"maxSamplerAllocationCount", l->maxSamplerAllocationCount, 4000},
      {"maxBoundDescriptorSets", l->maxBoundDescriptorSets, 7},
      {"maxPerStageDescriptorUniformBuffers", l->maxPerStageDescriptorUniformBuffers, 15},
      {"maxPerStageResources", l->maxPerStageResources, 200},
      {"maxDescriptorSetUniformBuffers", l->maxDescriptorSetUniformBuffers, 90},
      {"maxDescriptorSetStorageBuffers", l->maxDescriptorSetStorageBuffers, 96},
      {"maxDescriptorSetStorageImages", l->maxDescriptorSetStorageImages, 144},
      {"maxVertexInputAttributes", l->maxVertexInputAttributes, 16},
      {"maxVertexInputBindingStride", l->maxVertexInputBindingStride, 2048},
      {"maxFragmentCombinedOutputResources", l->maxFragmentCombinedOutputResources, 16},
      {"maxComputeSharedMemorySize", l->maxComputeSharedMemorySize, 16384},
      {"maxComputeWorkGroupInvocations", l->maxComputeWorkGroupInvocations, 256},
      {"maxComputeWorkGroupSize[0]", l->maxComputeWorkGroupSize[0], 256},
      {"subTexelPrecisionBits", l->subTexelPrecisionBits, 8},
      {"mipmapPrecisionBits", l->mipmapPrecisionBits, 6},
      {"maxDrawIndexedIndexValue", l->maxDrawIndexedIndexValue, UINT32_MAX},
      {"maxViewportDimensions[0]", l->maxViewportDimensions[0], 7680},
      {"maxFramebufferWidth", l->maxFramebufferWidth, 7680},
      {"maxFramebufferLayers", l->maxFramebufferLayers, 256},
      {"maxColorAttachments", l->maxColorAttachments, 8},
      {"maxSampleMaskWords", l->maxSampleMaskWords, 1},
      {"discreteQueuePriorities", l->discreteQueuePriorities, 2},
      {"minMemoryMapAlignment", l->minMemoryMapAlignment, 64},
      {"maxMultiviewViewCount", v11.maxMultiviewViewCount, 6},
      {"maxPerSetDescriptors", v11.maxPerSetDescriptors, 1024},
      {"maxMemoryAllocationSize", v11.maxMemoryAllocationSize, UINT64_C(1) << 30},
      {"maxTimelineSemaphoreValueDifference", v12.maxTimelineSemaphoreValueDifference, (UINT64_C(1) << 31) - 1},
      {"maxInlineUniformBlockSize", v13.maxInlineUniformBlockSize, 256},
      {"maxInlineUniformTotalSize", v13.maxInlineUniformTotalSize, 256},
      {"maxBufferSize", v13.maxBufferSize, UINT64_C(1) << 30},
      {"maxPushDescriptors", v14.maxPushDescriptors, 32},
      {"maxVertexAttribDivisor", v14.maxVertexAttribDivisor, 65535},
      {"lineSubPixelPrecisionBits", v14.lineSubPixelPrecisionBits, 4},
   };
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(minimums); i++)
      CHECK(minimums[i].value >= minimums[i].minimum, "%s = %" PRIu64 ", below the required %" PRIu64,
            minimums[i].name, minimums[i].value, minimums[i].minimum);

   const struct {
      const char *name;
      uint64_t value, maximum;
   } maximums[] = {
      {"bufferImageGranularity", l->bufferImageGranularity, 4096},
      {"minTexelBufferOffsetAlignment", l->minTexelBufferOffsetAlignment, 256},
      {"minUniformBufferOffsetAlignment", l->minUniformBufferOffsetAlignment, 256},
      {"minStorageBufferOffsetAlignment", l->minStorageBufferOffsetAlignment, 256},
      {"nonCoherentAtomSize", l->nonCoherentAtomSize, 256},
   };
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(maximums); i++) {
      CHECK(maximums[i].value <= maximums[i].maximum, "%s = %" PRIu64 ", above the allowed %" PRIu64,
            maximums[i].name, maximums[i].value, maximums[i].maximum);
      /* Each of these "must be a power of two". */
      CHECK(is_power_of_two(maximums[i].value), "%s = %" PRIu64 " is not a power of two", maximums[i].name,
            maximums[i].value);
   }
   CHECK(is_power_of_two(l->minMemoryMapAlignment), "(minMemoryMapAlignment must be a power of two)");
   CHECK(l->optimalBufferCopyOffsetAlignment >= 1 && is_power_of_two(l->optimalBufferCopyOffsetAlignment));
   CHECK(l->optimalBufferCopyRowPitchAlignment >= 1 && is_power_of_two(l->optimalBufferCopyRowPitchAlignment));
   /* viewportBoundsRange "[-2 x maxViewportDimensions, 2 x
    * maxViewportDimensions - 1]" at least. */
   CHECK(l->viewportBoundsRange[0] <= -2.0f * (float)l->maxViewportDimensions[0]);
   CHECK(l->viewportBoundsRange[1] >= 2.0f * (float)l->maxViewportDimensions[0] - 1.0f);
   CHECK(l->timestampPeriod > 0.0f);
   CHECK(l->timestampComputeAndGraphics == VK_TRUE, "(Vulkan 1.4 requires it)");
   CHECK(l->standardSampleLocations == VK_TRUE, "(Vulkan 1.4 requires it)");
   const VkSampleCountFlags one_and_four = VK_SAMPLE_COUNT_1_BIT | VK_SAMPLE_COUNT_4_BIT;
   CHECK((l->framebufferColorSampleCounts & one_and_four) == one_and_four);
   CHECK((l->framebufferDepthSampleCounts & one_and_four) == one_and_four);
   CHECK((l->sampledImageColorSampleCounts & one_and_four) == one_and_four);
   CHECK(l->sampledImageIntegerSampleCounts & VK_SAMPLE_COUNT_1_BIT);
   CHECK(l->pointSizeGranularity <= 0.125f && l->pointSizeRange[1] >= 256.0f - l->pointSizeGranularity,
         "(largePoints is required by Vulkan 1.4)");
   CHECK(v12.shaderSignedZeroInfNanPreserveFloat32 == VK_TRUE, "(required by Vulkan 1.4)");
   /* "If Vulkan 1.4 is supported, VK_SUBGROUP_FEATURE_ROTATE_BIT and
    * VK_SUBGROUP_FEATURE_ROTATE_CLUSTERED_BIT must be returned". */
   const VkSubgroupFeatureFlags rotate = VK_SUBGROUP_FEATURE_ROTATE_BIT | VK_SUBGROUP_FEATURE_ROTATE_CLUSTERED_BIT;
   CHECK((v11.subgroupSupportedOperations & rotate) == rotate);
   CHECK(is_power_of_two(v11.subgroupSize));
   CHECK(v12.supportedDepthResolveModes & VK_RESOLVE_MODE_SAMPLE_ZERO_BIT);
   /* Unlike the per-type update-after-bind limits, these two have no
    * footnote letting them be zero without descriptorIndexing. */
   CHECK(v12.maxUpdateAfterBindDescriptorsInAllPools >= 500000);
   CHECK(v12.maxPerStageUpdateAfterBindResources >= 500000);
}

/* memvk's one queue family: transfer only, timestamps, single-texel copy
 * granularity. */
static void
test_queue_family_is_transfer_only(struct vkt *t)
{
   uint32_t count = 0;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &count, NULL);
   CHECK(count == 1);
   VkQueueFamilyProperties family[2];
   count = 2;
   vkGetPhysicalDeviceQueueFamilyProperties(t->physical_device, &count, family);
   CHECK(count == 1);
   CHECK(family[0].queueFlags == VK_QUEUE_TRANSFER_BIT);
   CHECK(family[0].queueCount >= 1);
   /* "timestampValidBits ... Valid values are 0 or in the range [36, 64]". */
   CHECK(family[0].timestampValidBits >= 36 && family[0].timestampValidBits <= 64);
   CHECK(family[0].minImageTransferGranularity.width == 1 && family[0].minImageTransferGranularity.height == 1 &&
         family[0].minImageTransferGranularity.depth == 1);

   VkQueueFamilyGlobalPriorityProperties priorities = {
      .sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_GLOBAL_PRIORITY_PROPERTIES};
   struct unknown_struct unknown = {.sType = UNKNOWN_STYPE, .pNext = &priorities,
                                    .payload = {UNKNOWN_PAYLOAD}};
   VkQueueFamilyProperties2 family2 = {.sType = VK_STRUCTURE_TYPE_QUEUE_FAMILY_PROPERTIES_2, .pNext = &unknown};
   count = 1;
   vkGetPhysicalDeviceQueueFamilyProperties2(t->physical_device, &count, &family2);
   CHECK(count == 1);
   CHECK(memcmp(&family2.queueFamilyProperties, &family[0], sizeof(family[0])) == 0);
   CHECK(unknown.payload[0] == UNKNOWN_PAYLOAD);
   CHECK(priorities.priorityCount >= 1 && priorities.priorityCount <= VK_MAX_GLOBAL_PRIORITY_SIZE);
   bool has_medium = false;
   for (uint32_t i = 0; i < priorities.priorityCount; i++)
      has_medium |= priorities.priorities[i] == VK_QUEUE_GLOBAL_PRIORITY_MEDIUM;
   CHECK(has_medium, "(the default priority is medium)");
}

/* One heap; types as constants.h says; the spec's rules for memory
 * types. */
static void
test_memory_properties_follow_the_spec(struct vkt *t)
{
   VkPhysicalDeviceMemoryProperties props;
   vkGetPhysicalDeviceMemoryProperties(t->physical_device, &props);
   CHECK(props.memoryHeapCount == 1);
   CHECK(props.memoryHeaps[0].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT);
   const uint64_t ram = (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGESIZE);
   CHECK(props.memoryHeaps[0].size > 0 && props.memoryHeaps[0].size <= ram, "(the heap is the machine's RAM)");

   bool host_coherent = false, device_local = false;
   for (uint32_t i = 0; i < props.memoryTypeCount; i++) {
      const VkMemoryPropertyFlags flags = props.memoryTypes[i].propertyFlags;
      CHECK(props.memoryTypes[i].heapIndex < props.memoryHeapCount);
      host_coherent |= (flags & (VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT)) ==
                       (VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
      device_local |= (flags & VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT) != 0;
      /* "there must not be any memory type with both LAZILY_ALLOCATED and
       * HOST_VISIBLE". */
      if (flags & VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT)
         CHECK(!(flags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT), "(type %u is lazily allocated and host visible)", i);
      /* "X must be placed at a lower index position than Y if the set of
       * bit flags ... of X is a strict subset of ... Y". */
      for (uint32_t j = 0; j < i; j++) {
         const VkMemoryPropertyFlags earlier = props.memoryTypes[j].propertyFlags;
         CHECK(!((flags & earlier) == flags && flags != earlier),
               "(type %u's flags are a strict subset of earlier type %u's)", i, j);
      }
   }
   CHECK(host_coherent, "(at least one HOST_VISIBLE | HOST_COHERENT type is required)");
   CHECK(device_local, "(at least one DEVICE_LOCAL type is required)");
   CHECK(props.memoryTypeCount == 2);
   CHECK(props.memoryTypes[0].propertyFlags ==
         (VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
          VK_MEMORY_PROPERTY_HOST_COHERENT_BIT | VK_MEMORY_PROPERTY_HOST_CACHED_BIT));
   CHECK(props.memoryTypes[1].propertyFlags ==
         (VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT));

   VkPhysicalDeviceMemoryProperties2 props2 = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2};
   vkGetPhysicalDeviceMemoryProperties2(t->physical_device, &props2);
   CHECK(memcmp(&props2.memoryProperties, &props, sizeof(props)) == 0);
}

/* VK_EXT_memory_budget: usage is this process's, and "heapBudget ... must
 * be less than or equal to VkMemoryHeap::size"; usage grows with an
 * allocation. */
static void
test_memory_budget_reports_this_process(struct vkt *t)
{
   VkPhysicalDeviceMemoryBudgetPropertiesEXT before = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
   VkPhysicalDeviceMemoryProperties2 props = {.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2,
                                              .pNext = &before};
   vkGetPhysicalDeviceMemoryProperties2(t->physical_device, &props);
   CHECK(before.heapBudget[0] > 0);
   CHECK(before.heapBudget[0] <= props.memoryProperties.memoryHeaps[0].size);
   CHECK(before.heapUsage[0] <= before.heapBudget[0]);
   for (uint32_t i = props.memoryProperties.memoryHeapCount; i < VK_MAX_MEMORY_HEAPS; i++)
      CHECK(before.heapBudget[i] == 0 && before.heapUsage[i] == 0, "(heaps past memoryHeapCount are zero)");

   const VkDeviceSize size = 8u << 20;
   const VkMemoryAllocateInfo info = {.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
                                      .allocationSize = size,
                                      .memoryTypeIndex = 0};
   VkDeviceMemory memory;
   CHECK_SUCCESS(vkAllocateMemory(t->device, &info, NULL, &memory));
   VkPhysicalDeviceMemoryBudgetPropertiesEXT after = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
   props.pNext = &after;
   vkGetPhysicalDeviceMemoryProperties2(t->physical_device, &props);
   vkFreeMemory(t->device, memory, NULL);
   CHECK(after.heapUsage[0] >= before.heapUsage[0] + size, "(usage %" PRIu64 " -> %" PRIu64 ")",
         (uint64_t)before.heapUsage[0], (uint64_t)after.heapUsage[0]);
}

static bool
has_extension(const VkExtensionProperties *props, uint32_t count, const char *name)
{
   for (uint32_t i = 0; i < count; i++) {
      if (strcmp(props[i].extensionName, name) == 0)
         return true;
   }
   return false;
}

/* The device extensions of src/extensions.txt, and the enumeration rules:
 * "VK_INCOMPLETE ... if pPropertyCount was smaller", no layers. */
static void
test_device_extensions_and_layers(struct vkt *t)
{
   uint32_t count = 0;
   CHECK_SUCCESS(vkEnumerateDeviceExtensionProperties(t->physical_device, NULL, &count, NULL));
   VkExtensionProperties props[64];
   CHECK(count >= 2 && count <= 64);
   uint32_t written = count;
   CHECK_SUCCESS(vkEnumerateDeviceExtensionProperties(t->physical_device, NULL, &written, props));
   CHECK(written == count);
   CHECK(has_extension(props, count, VK_KHR_MAP_MEMORY_2_EXTENSION_NAME));
   CHECK(has_extension(props, count, VK_EXT_MAP_MEMORY_PLACED_EXTENSION_NAME));
   CHECK(has_extension(props, count, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME));
   CHECK(!has_extension(props, count, "VK_KHR_swapchain"), "(memvk presents nothing)");

   uint32_t fewer = count - 1;
   CHECK_RESULT(vkEnumerateDeviceExtensionProperties(t->physical_device, NULL, &fewer, props), VK_INCOMPLETE);
   CHECK(fewer == count - 1);

   uint32_t layers = 7;
   CHECK_SUCCESS(vkEnumerateDeviceLayerProperties(t->physical_device, &layers, NULL));
   CHECK(layers == 0);
}

/* memvk imports and exports no handle: all-zero answers, "externalMemoryFeatures
 * will be zero" for an unsupported handle type. */
static void
test_external_handle_queries_answer_none(struct vkt *t)
{
   const VkPhysicalDeviceExternalBufferInfo buffer_info = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_BUFFER_INFO,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
      .handleType = VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT,
   };
   VkExternalBufferProperties buffer = {.sType = VK_STRUCTURE_TYPE_EXTERNAL_BUFFER_PROPERTIES};
   memset(&buffer.externalMemoryProperties, 0xff, sizeof(buffer.externalMemoryProperties));
   vkGetPhysicalDeviceExternalBufferProperties(t->physical_device, &buffer_info, &buffer);
   CHECK(is_zero(&buffer.externalMemoryProperties, sizeof(buffer.externalMemoryProperties)));

   const VkPhysicalDeviceExternalFenceInfo fence_info = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_FENCE_INFO,
      .handleType = VK_EXTERNAL_FENCE_HANDLE_TYPE_SYNC_FD_BIT,
   };
   VkExternalFenceProperties fence = {.sType = VK_STRUCTURE_TYPE_EXTERNAL_FENCE_PROPERTIES,
                                      .externalFenceFeatures = ~0u,
                                      .compatibleHandleTypes = ~0u,
                                      .exportFromImportedHandleTypes = ~0u};
   vkGetPhysicalDeviceExternalFenceProperties(t->physical_device, &fence_info, &fence);
   CHECK(fence.externalFenceFeatures == 0 && fence.compatibleHandleTypes == 0 &&
         fence.exportFromImportedHandleTypes == 0);

   const VkPhysicalDeviceExternalSemaphoreInfo semaphore_info = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_SEMAPHORE_INFO,
      .handleType = VK_EXTERNAL_SEMAPHORE_HANDLE_TYPE_OPAQUE_FD_BIT,
   };
   VkExternalSemaphoreProperties semaphore = {.sType = VK_STRUCTURE_TYPE_EXTERNAL_SEMAPHORE_PROPERTIES,
                                              .externalSemaphoreFeatures = ~0u,
                                              .compatibleHandleTypes = ~0u,
                                              .exportFromImportedHandleTypes = ~0u};
   vkGetPhysicalDeviceExternalSemaphoreProperties(t->physical_device, &semaphore_info, &semaphore);
   CHECK(semaphore.externalSemaphoreFeatures == 0 && semaphore.compatibleHandleTypes == 0 &&
         semaphore.exportFromImportedHandleTypes == 0);
}

/* The loader adds its layers' tools; memvk itself reports none.  With no
 * layer enabled the answer is memvk's. */
static void
test_tool_properties_report_none(struct vkt *t)
{
   PFN_vkGetPhysicalDeviceToolProperties get_tools = VKT_INSTANCE_PROC(t, vkGetPhysicalDeviceToolProperties);
   CHECK(get_tools != NULL);
   if (get_tools == NULL)
      return;
   uint32_t count = 5;
   CHECK_SUCCESS(get_tools(t->physical_device, &count, NULL));
   CHECK(count == 0);
}

static const struct vkt_test tests[] = {
   {"properties2_fills_every_structure_around_an_unknown_one",
    test_properties2_fills_every_structure_around_an_unknown_one, NO_DEVICE},
   {"individual_properties_agree_with_aggregates", test_individual_properties_agree_with_aggregates, NO_DEVICE},
   {"every_advertised_properties_structure_is_filled", test_every_advertised_properties_structure_is_filled,
    NO_DEVICE},
   {"device_is_a_cpu_at_vulkan_1_4", test_device_is_a_cpu_at_vulkan_1_4, NO_DEVICE},
   {"uuids_are_stable_across_instances", test_uuids_are_stable_across_instances, NO_DEVICE},
   {"limits_meet_the_required_limits", test_limits_meet_the_required_limits, NO_DEVICE},
   {"queue_family_is_transfer_only", test_queue_family_is_transfer_only, NO_DEVICE},
   {"memory_properties_follow_the_spec", test_memory_properties_follow_the_spec, NO_DEVICE},
   {"memory_budget_reports_this_process", test_memory_budget_reports_this_process,
    {.device_extensions = (const char *const[]){VK_EXT_MEMORY_BUDGET_EXTENSION_NAME},
     .device_extension_count = 1}},
   {"device_extensions_and_layers", test_device_extensions_and_layers, NO_DEVICE},
   {"external_handle_queries_answer_none", test_external_handle_queries_answer_none, NO_DEVICE},
   {"tool_properties_report_none", test_tool_properties_report_none, NO_DEVICE},
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
