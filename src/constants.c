/* The limits of the memvk device: VkPhysicalDeviceLimits and the limit
 * members of the Vulkan 1.1-1.4 property structures, in one place.
 *
 * Two kinds of figure live here (docs/device.md says which is which):
 *
 *   - What memvk really does: memory, images, buffers, copies and queues.
 *     These come from constants.h, where the code that allocates and copies
 *     reads them too.
 *   - Limits of shaders, descriptors, rasterisation and the like.  No memvk
 *     queue can execute a draw or a dispatch, so these can never be reached;
 *     they sit at the minimum (or, for a "max" limit, the maximum) that the
 *     Vulkan 1.4 column of the spec's "Required Limits" table demands, so
 *     that an application sizing itself by them asks for no more than any
 *     Vulkan 1.4 device offers.
 *
 * A limit whose feature memvk does not report (tessellation, geometry
 * shaders, multiViewport, ...) takes the table's "Unsupported Limit". */
#include "constants.h"

/* The descriptor limits, shared by the 1.0 limits and their update-after-bind
 * twins: memvk's descriptor pools treat both kinds alike, and the layer's
 * VUID-VkPipelineLayoutCreateInfo-descriptorType-03024 family bounds every
 * pipeline layout by the update-after-bind figures too, so those can be no
 * smaller. */
#define DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_SAMPLERS 16
#define DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_UNIFORM_BUFFERS 15
#define DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_STORAGE_BUFFERS 4
#define DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_SAMPLED_IMAGES 16
#define DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_STORAGE_IMAGES 4
#define DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_INPUT_ATTACHMENTS 4
#define DESCRIPTOR_LIMIT_DESCRIPTOR_SET_SAMPLERS 96
#define DESCRIPTOR_LIMIT_DESCRIPTOR_SET_UNIFORM_BUFFERS 90
#define DESCRIPTOR_LIMIT_DESCRIPTOR_SET_UNIFORM_BUFFERS_DYNAMIC 8
#define DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_BUFFERS 96
#define DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_BUFFERS_DYNAMIC 4
#define DESCRIPTOR_LIMIT_DESCRIPTOR_SET_SAMPLED_IMAGES 96
#define DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_IMAGES 144
#define DESCRIPTOR_LIMIT_DESCRIPTOR_SET_INPUT_ATTACHMENTS 4

const VkPhysicalDeviceLimits memvk_limits = {
   .maxImageDimension1D = MEMVK_MAX_IMAGE_DIMENSION_1D,
   .maxImageDimension2D = MEMVK_MAX_IMAGE_DIMENSION_2D,
   .maxImageDimension3D = MEMVK_MAX_IMAGE_DIMENSION_3D,
   .maxImageDimensionCube = MEMVK_MAX_IMAGE_DIMENSION_CUBE,
   .maxImageArrayLayers = MEMVK_MAX_IMAGE_ARRAY_LAYERS,
   .maxTexelBufferElements = 65536,
   .maxUniformBufferRange = 65536,
   .maxStorageBufferRange = 1u << 27,
   .maxPushConstantsSize = 256,
   .maxMemoryAllocationCount = MEMVK_MAX_MEMORY_ALLOCATION_COUNT,
   .maxSamplerAllocationCount = MEMVK_MAX_SAMPLER_ALLOCATION_COUNT,
   .bufferImageGranularity = MEMVK_BUFFER_IMAGE_GRANULARITY,
   /* No sparseBinding: "sparseAddressSpaceSize ... Unsupported Limit 0". */
   .sparseAddressSpaceSize = 0,
   .maxBoundDescriptorSets = 7,
   .maxPerStageDescriptorSamplers = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_SAMPLERS,
   .maxPerStageDescriptorUniformBuffers = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_UNIFORM_BUFFERS,
   .maxPerStageDescriptorStorageBuffers = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_STORAGE_BUFFERS,
   .maxPerStageDescriptorSampledImages = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_SAMPLED_IMAGES,
   .maxPerStageDescriptorStorageImages = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_STORAGE_IMAGES,
   .maxPerStageDescriptorInputAttachments = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_INPUT_ATTACHMENTS,
   .maxPerStageResources = 200,
   .maxDescriptorSetSamplers = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_SAMPLERS,
   .maxDescriptorSetUniformBuffers = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_UNIFORM_BUFFERS,
   .maxDescriptorSetUniformBuffersDynamic = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_UNIFORM_BUFFERS_DYNAMIC,
   .maxDescriptorSetStorageBuffers = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_BUFFERS,
   .maxDescriptorSetStorageBuffersDynamic = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_BUFFERS_DYNAMIC,
   .maxDescriptorSetSampledImages = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_SAMPLED_IMAGES,
   .maxDescriptorSetStorageImages = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_IMAGES,
   .maxDescriptorSetInputAttachments = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_INPUT_ATTACHMENTS,
   .maxVertexInputAttributes = 16,
   .maxVertexInputBindings = 16,
   .maxVertexInputAttributeOffset = 2047,
   .maxVertexInputBindingStride = 2048,
   .maxVertexOutputComponents = 64,
   /* tessellationShader and geometryShader are not reported. */
   .maxTessellationGenerationLevel = 0,
   .maxTessellationPatchSize = 0,
   .maxTessellationControlPerVertexInputComponents = 0,
   .maxTessellationControlPerVertexOutputComponents = 0,
   .maxTessellationControlPerPatchOutputComponents = 0,
   .maxTessellationControlTotalOutputComponents = 0,
   .maxTessellationEvaluationInputComponents = 0,
   .maxTessellationEvaluationOutputComponents = 0,
   .maxGeometryShaderInvocations = 0,
   .maxGeometryInputComponents = 0,
   .maxGeometryOutputComponents = 0,
   .maxGeometryOutputVertices = 0,
   .maxGeometryTotalOutputComponents = 0,
   .maxFragmentInputComponents = 64,
   .maxFragmentOutputAttachments = 4,
   /* dualSrcBlend is not reported. */
   .maxFragmentDualSrcAttachments = 0,
   .maxFragmentCombinedOutputResources = 16,
   .maxComputeSharedMemorySize = 16384,
   .maxComputeWorkGroupCount = {65535, 65535, 65535},
   .maxComputeWorkGroupInvocations = 256,
   .maxComputeWorkGroupSize = {256, 256, 64},
   .subPixelPrecisionBits = 4,
   .subTexelPrecisionBits = 8,
   .mipmapPrecisionBits = 6,
   /* fullDrawIndexUint32 is required by Vulkan 1.4. */
   .maxDrawIndexedIndexValue = UINT32_MAX,
   /* multiDrawIndirect is not reported. */
   .maxDrawIndirectCount = 1,
   .maxSamplerLodBias = 14.0f,
   .maxSamplerAnisotropy = 16.0f,
   /* multiViewport is not reported. */
   .maxViewports = 1,
   .maxViewportDimensions = {7680, 7680},
   /* "The width and height of the viewport must be ... viewportBoundsRange
    * [must be at least] [-2 x maxViewportDimensions, 2 x maxViewportDimensions - 1]". */
   .viewportBoundsRange = {-15360.0f, 15359.0f},
   .viewportSubPixelBits = 0,
   .minMemoryMapAlignment = MEMVK_MIN_MEMORY_MAP_ALIGNMENT,
   .minTexelBufferOffsetAlignment = 256,
   .minUniformBufferOffsetAlignment = 256,
   .minStorageBufferOffsetAlignment = 256,
   .minTexelOffset = -8,
   .maxTexelOffset = 7,
   .minTexelGatherOffset = -8,
   .maxTexelGatherOffset = 7,
   /* sampleRateShading is required by Vulkan 1.4: "[-0.5, 0.4375]" for 4
    * sub-pixel bits (footnote 5). */
   .minInterpolationOffset = -0.5f,
   .maxInterpolationOffset = 0.4375f,
   .subPixelInterpolationOffsetBits = 4,
   .maxFramebufferWidth = 7680,
   .maxFramebufferHeight = 7680,
   .maxFramebufferLayers = 256,
   .framebufferColorSampleCounts = MEMVK_SAMPLE_COUNTS,
   .framebufferDepthSampleCounts = MEMVK_SAMPLE_COUNTS,
   .framebufferStencilSampleCounts = MEMVK_SAMPLE_COUNTS,
   .framebufferNoAttachmentsSampleCounts = MEMVK_SAMPLE_COUNTS,
   .maxColorAttachments = 8,
   .sampledImageColorSampleCounts = MEMVK_SAMPLE_COUNTS,
   .sampledImageIntegerSampleCounts = VK_SAMPLE_COUNT_1_BIT,
   .sampledImageDepthSampleCounts = MEMVK_SAMPLE_COUNTS,
   .sampledImageStencilSampleCounts = MEMVK_SAMPLE_COUNTS,
   /* shaderStorageImageMultisample is not reported. */
   .storageImageSampleCounts = VK_SAMPLE_COUNT_1_BIT,
   .maxSampleMaskWords = 1,
   /* "all queues that advertise the VK_QUEUE_GRAPHICS_BIT or
    * VK_QUEUE_COMPUTE_BIT ... support timestampValidBits of at least 36":
    * vacuously true, memvk has no such queue; Vulkan 1.4 requires TRUE. */
   .timestampComputeAndGraphics = VK_TRUE,
   .timestampPeriod = MEMVK_TIMESTAMP_PERIOD,
   /* shaderClipDistance and shaderCullDistance are not reported. */
   .maxClipDistances = 0,
   .maxCullDistances = 0,
   .maxCombinedClipAndCullDistances = 0,
   .discreteQueuePriorities = 2,
   /* largePoints is required by Vulkan 1.4: "(1.0, 256.0 -
    * pointSizeGranularity)" with a granularity of at most 0.125. */
   .pointSizeRange = {1.0f, 255.875f},
   /* wideLines is not reported: "(1.0, 1.0)" and granularity 0. */
   .lineWidthRange = {1.0f, 1.0f},
   .pointSizeGranularity = 0.125f,
   .lineWidthGranularity = 0.0f,
   .strictLines = VK_FALSE,
   .standardSampleLocations = VK_TRUE,
   .optimalBufferCopyOffsetAlignment = MEMVK_OPTIMAL_BUFFER_COPY_OFFSET_ALIGNMENT,
   .optimalBufferCopyRowPitchAlignment = MEMVK_OPTIMAL_BUFFER_COPY_ROW_PITCH_ALIGNMENT,
   .nonCoherentAtomSize = MEMVK_NON_COHERENT_ATOM_SIZE,
};

const VkPhysicalDeviceVulkan11Properties memvk_vulkan11_limits = {
   /* Subgroups exist only in shaders: one invocation in the compute stage
    * with the basic operations, plus what 1.4 demands: "If Vulkan 1.4 is
    * supported, VK_SUBGROUP_FEATURE_ROTATE_BIT and
    * VK_SUBGROUP_FEATURE_ROTATE_CLUSTERED_BIT must be returned". */
   .subgroupSize = 1,
   .subgroupSupportedStages = VK_SHADER_STAGE_COMPUTE_BIT,
   .subgroupSupportedOperations = VK_SUBGROUP_FEATURE_BASIC_BIT | VK_SUBGROUP_FEATURE_ROTATE_BIT |
                                  VK_SUBGROUP_FEATURE_ROTATE_CLUSTERED_BIT,
   .subgroupQuadOperationsInAllStages = VK_FALSE,
   .pointClippingBehavior = VK_POINT_CLIPPING_BEHAVIOR_ALL_CLIP_PLANES,
   /* multiview is required by Vulkan 1.1. */
   .maxMultiviewViewCount = 6,
   .maxMultiviewInstanceIndex = (1u << 27) - 1,
   /* protectedMemory is not reported. */
   .protectedNoFault = VK_FALSE,
   .maxPerSetDescriptors = 1024,
   .maxMemoryAllocationSize = MEMVK_MAX_MEMORY_ALLOCATION_SIZE,
};

const VkPhysicalDeviceVulkan12Properties memvk_vulkan12_limits = {
   .denormBehaviorIndependence = VK_SHADER_FLOAT_CONTROLS_INDEPENDENCE_NONE,
   .roundingModeIndependence = VK_SHADER_FLOAT_CONTROLS_INDEPENDENCE_NONE,
   /* Required TRUE for Vulkan 1.4 ("Required Limits"). */
   .shaderSignedZeroInfNanPreserveFloat16 = VK_TRUE,
   .shaderSignedZeroInfNanPreserveFloat32 = VK_TRUE,
   /* descriptorIndexing is not reported, so the per-type update-after-bind
    * limits could be zero (footnotes 9, 13 and 14); they equal the 1.0
    * limits instead, because the pipeline-layout rules bound every layout by
    * them (see DESCRIPTOR_LIMIT_*).  These two have no such footnote and take
    * the table's figure. */
   .maxUpdateAfterBindDescriptorsInAllPools = 500000,
   .maxPerStageUpdateAfterBindResources = 500000,
   .maxPerStageDescriptorUpdateAfterBindSamplers = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_SAMPLERS,
   .maxPerStageDescriptorUpdateAfterBindUniformBuffers = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_UNIFORM_BUFFERS,
   .maxPerStageDescriptorUpdateAfterBindStorageBuffers = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_STORAGE_BUFFERS,
   .maxPerStageDescriptorUpdateAfterBindSampledImages = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_SAMPLED_IMAGES,
   .maxPerStageDescriptorUpdateAfterBindStorageImages = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_STORAGE_IMAGES,
   .maxPerStageDescriptorUpdateAfterBindInputAttachments = DESCRIPTOR_LIMIT_PER_STAGE_DESCRIPTOR_INPUT_ATTACHMENTS,
   .maxDescriptorSetUpdateAfterBindSamplers = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_SAMPLERS,
   .maxDescriptorSetUpdateAfterBindUniformBuffers = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_UNIFORM_BUFFERS,
   .maxDescriptorSetUpdateAfterBindUniformBuffersDynamic = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_UNIFORM_BUFFERS_DYNAMIC,
   .maxDescriptorSetUpdateAfterBindStorageBuffers = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_BUFFERS,
   .maxDescriptorSetUpdateAfterBindStorageBuffersDynamic = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_BUFFERS_DYNAMIC,
   .maxDescriptorSetUpdateAfterBindSampledImages = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_SAMPLED_IMAGES,
   .maxDescriptorSetUpdateAfterBindStorageImages = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_STORAGE_IMAGES,
   .maxDescriptorSetUpdateAfterBindInputAttachments = DESCRIPTOR_LIMIT_DESCRIPTOR_SET_INPUT_ATTACHMENTS,
   /* Resolves need a graphics queue, yet "VK_RESOLVE_MODE_SAMPLE_ZERO_BIT
    * must be included" in both. */
   .supportedDepthResolveModes = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT,
   .supportedStencilResolveModes = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT,
   .independentResolveNone = VK_FALSE,
   .independentResolve = VK_FALSE,
   .filterMinmaxSingleComponentFormats = VK_FALSE,
   .filterMinmaxImageComponentMapping = VK_FALSE,
   .maxTimelineSemaphoreValueDifference = (UINT64_C(1) << 31) - 1,
   .framebufferIntegerColorSampleCounts = VK_SAMPLE_COUNT_1_BIT,
};

const VkPhysicalDeviceVulkan13Properties memvk_vulkan13_limits = {
   /* subgroupSizeControl is required by Vulkan 1.3; the only size memvk
    * names is the one of subgroupSize. */
   .minSubgroupSize = 1,
   .maxSubgroupSize = 1,
   .maxComputeWorkgroupSubgroups = 256,
   .requiredSubgroupSizeStages = VK_SHADER_STAGE_COMPUTE_BIT,
   /* inlineUniformBlock is required by Vulkan 1.3; its update-after-bind
    * figures equal the plain ones, as for the other descriptor types. */
   .maxInlineUniformBlockSize = 256,
   .maxPerStageDescriptorInlineUniformBlocks = 4,
   .maxPerStageDescriptorUpdateAfterBindInlineUniformBlocks = 4,
   .maxDescriptorSetInlineUniformBlocks = 4,
   .maxDescriptorSetUpdateAfterBindInlineUniformBlocks = 4,
   .maxInlineUniformTotalSize = 256,
   /* The integer dot product properties say whether an operation is fast;
    * with no shader compiler, none is. */
   .storageTexelBufferOffsetAlignmentBytes = 256,
   .storageTexelBufferOffsetSingleTexelAlignment = VK_FALSE,
   .uniformTexelBufferOffsetAlignmentBytes = 256,
   .uniformTexelBufferOffsetSingleTexelAlignment = VK_FALSE,
   .maxBufferSize = MEMVK_MAX_BUFFER_SIZE,
};

const VkPhysicalDeviceVulkan14Properties memvk_vulkan14_limits = {
   /* bresenhamLines is required by Vulkan 1.4. */
   .lineSubPixelPrecisionBits = 4,
   /* vertexAttributeInstanceRateDivisor is required by Vulkan 1.4. */
   .maxVertexAttribDivisor = 65535,
   .supportsNonZeroFirstInstance = VK_FALSE,
   /* pushDescriptor is required by Vulkan 1.4. */
   .maxPushDescriptors = 32,
   .dynamicRenderingLocalReadDepthStencilAttachments = VK_FALSE,
   .dynamicRenderingLocalReadMultisampledAttachments = VK_FALSE,
   .earlyFragmentMultisampleCoverageAfterSampleCounting = VK_FALSE,
   .earlyFragmentSampleMaskTestBeforeSampleCounting = VK_FALSE,
   .depthStencilSwizzleOneSupport = VK_FALSE,
   .polygonModePointSize = VK_FALSE,
   .nonStrictSinglePixelWideLinesUseParallelogram = VK_FALSE,
   .nonStrictWideLinesUseParallelogram = VK_FALSE,
   .blockTexelViewCompatibleMultipleLayers = VK_FALSE,
   /* A combined image sampler is one descriptor: no YCbCr format needs
    * more than one. */
   .maxCombinedImageSamplerDescriptorCount = 1,
   .fragmentShadingRateClampCombinerInputs = VK_FALSE,
   /* pipelineRobustness is required by Vulkan 1.4: what a pipeline that
    * asks for nothing gets; no pipeline ever runs. */
   .defaultRobustnessStorageBuffers = VK_PIPELINE_ROBUSTNESS_BUFFER_BEHAVIOR_DISABLED,
   .defaultRobustnessUniformBuffers = VK_PIPELINE_ROBUSTNESS_BUFFER_BEHAVIOR_DISABLED,
   .defaultRobustnessVertexInputs = VK_PIPELINE_ROBUSTNESS_BUFFER_BEHAVIOR_DISABLED,
   .defaultRobustnessImages = VK_PIPELINE_ROBUSTNESS_IMAGE_BEHAVIOR_DISABLED,
   /* The layout lists are the application's arrays, filled per query from
    * memvk_host_copy_layouts (physical_device.c). */
   .copySrcLayoutCount = 0,
   .pCopySrcLayouts = NULL,
   .copyDstLayoutCount = 0,
   .pCopyDstLayouts = NULL,
   /* "identicalMemoryTypeRequirements indicates that specifying the
    * VK_IMAGE_USAGE_HOST_TRANSFER_BIT flag in VkImageCreateInfo::usage does
    * not affect the memory type requirements of the image": memvk's
    * memoryTypeBits depend on TRANSIENT_ATTACHMENT only (image.c). */
   .identicalMemoryTypeRequirements = VK_TRUE,
};

/* Every core layout an image can be in after creation, except the two
 * initial ones (UNDEFINED, PREINITIALIZED: vkTransitionImageLayout leaves
 * them, VUID-VkHostImageLayoutTransitionInfo-oldLayout-09230) and
 * PRESENT_SRC_KHR (memvk has no swapchain).  memvk stores an image the same
 * way in every layout (image.c), so a host copy works alike in each. */
const VkImageLayout memvk_host_copy_layouts[] = {
   VK_IMAGE_LAYOUT_GENERAL,
   VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
   VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL,
   VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL,
   VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
   VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
   VK_IMAGE_LAYOUT_DEPTH_READ_ONLY_STENCIL_ATTACHMENT_OPTIMAL,
   VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_STENCIL_READ_ONLY_OPTIMAL,
   VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
   VK_IMAGE_LAYOUT_DEPTH_READ_ONLY_OPTIMAL,
   VK_IMAGE_LAYOUT_STENCIL_ATTACHMENT_OPTIMAL,
   VK_IMAGE_LAYOUT_STENCIL_READ_ONLY_OPTIMAL,
   VK_IMAGE_LAYOUT_READ_ONLY_OPTIMAL,
   VK_IMAGE_LAYOUT_ATTACHMENT_OPTIMAL,
   VK_IMAGE_LAYOUT_RENDERING_LOCAL_READ,
};
const uint32_t memvk_host_copy_layout_count = sizeof(memvk_host_copy_layouts) / sizeof(memvk_host_copy_layouts[0]);
