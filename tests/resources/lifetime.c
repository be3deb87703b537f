/* The objects only graphics and compute queues can use live real lives on
 * memvk: each is created and destroyed through the application's
 * VkAllocationCallbacks, and every allocation is freed.  Pools and caches
 * behave as the spec describes (pool exhaustion, pipeline cache data). */
#include "resources_test.h"

/* --- a counting allocator ------------------------------------------------- */

struct counter {
   int64_t live;          /* allocations not yet freed */
   uint64_t total;        /* allocations ever made */
   bool bad_scope;        /* an allocation with a scope other than OBJECT */
   /* Allocations fail while fail_from <= total < fail_until (0, 0: never). */
   uint64_t fail_from, fail_until;
};

/* Each block carries its size in front, so that reallocation can copy. */
struct header {
   size_t size;
   size_t offset; /* from the start of the malloc'ed block to the user's bytes */
};

static void *
allocate(void *user, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   struct counter *c = user;
   if (scope != VK_SYSTEM_ALLOCATION_SCOPE_OBJECT)
      c->bad_scope = true;
   if (c->total >= c->fail_from && c->total < c->fail_until) {
      c->total++;
      return NULL;
   }
   if (alignment < sizeof(struct header))
      alignment = sizeof(struct header);
   const size_t offset = rt_align(sizeof(struct header), alignment);
   uint8_t *block = NULL;
   if (posix_memalign((void **)&block, alignment, offset + size) != 0)
      return NULL;
   struct header *h = (struct header *)(block + offset) - 1;
   h->size = size;
   h->offset = offset;
   c->live++;
   c->total++;
   return block + offset;
}

static void
release(void *user, void *memory)
{
   if (memory == NULL)
      return;
   struct counter *c = user;
   const struct header *h = (const struct header *)memory - 1;
   c->live--;
   free((uint8_t *)memory - h->offset);
}

static void *
reallocate(void *user, void *original, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   if (original == NULL)
      return allocate(user, size, alignment, scope);
   if (size == 0) {
      release(user, original);
      return NULL;
   }
   void *copy = allocate(user, size, alignment, scope);
   if (copy == NULL)
      return NULL;
   const struct header *h = (const struct header *)original - 1;
   memcpy(copy, original, h->size < size ? h->size : size);
   release(user, original);
   return copy;
}

static VkAllocationCallbacks
callbacks(struct counter *c)
{
   return (VkAllocationCallbacks){
      .pUserData = c,
      .pfnAllocation = allocate,
      .pfnReallocation = reallocate,
      .pfnFree = release,
   };
}

/* Every allocation made through `c` has been freed, and some were made. */
#define CHECK_ALL_FREED(c)                                                          \
   do {                                                                             \
      CHECK((c).total > 0, "the callbacks were never used");                        \
      CHECK((c).live == 0, "%" PRId64 " allocations leaked", (c).live);             \
      CHECK(!(c).bad_scope, "object allocations must have scope OBJECT");           \
   } while (0)

/* --- SPIR-V ------------------------------------------------------------------ */

/* OpCapability Shader; OpMemoryModel Logical GLSL450;
 * OpEntryPoint <model> %3 "main"; [OpExecutionMode %3 LocalSize 1 1 1]
 * %1 = OpTypeVoid; %2 = OpTypeFunction %1; %3 = OpFunction %1 None %2;
 * %4 = OpLabel; OpReturn; OpFunctionEnd */
static const uint32_t compute_spirv[] = {
   0x07230203, 0x00010000, 0, 5, 0,
   0x00020011, 1,
   0x0003000e, 0, 1,
   0x0005000f, 5, 3, 0x6e69616d, 0,
   0x00060010, 3, 17, 1, 1, 1,
   0x00020013, 1,
   0x00030021, 2, 1,
   0x00050036, 1, 3, 0, 2,
   0x000200f8, 4,
   0x000100fd,
   0x00010038,
};
static const uint32_t vertex_spirv[] = {
   0x07230203, 0x00010000, 0, 5, 0,
   0x00020011, 1,
   0x0003000e, 0, 1,
   0x0005000f, 0, 3, 0x6e69616d, 0,
   0x00020013, 1,
   0x00030021, 2, 1,
   0x00050036, 1, 3, 0, 2,
   0x000200f8, 4,
   0x000100fd,
   0x00010038,
};

static VkShaderModule
make_module(struct vkt *t, const uint32_t *code, size_t size, const VkAllocationCallbacks *alloc)
{
   const VkShaderModuleCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
      .codeSize = size,
      .pCode = code,
   };
   VkShaderModule module = VK_NULL_HANDLE;
   CHECK_SUCCESS(vkCreateShaderModule(t->device, &info, alloc, &module));
   return module;
}

/* --- tests ------------------------------------------------------------------- */

static void
test_samplers_live_and_die(struct vkt *t)
{
   struct counter c = { 0 };
   const VkAllocationCallbacks alloc = callbacks(&c);
   const VkSamplerYcbcrConversionCreateInfo conversion_info = {
      .sType = VK_STRUCTURE_TYPE_SAMPLER_YCBCR_CONVERSION_CREATE_INFO,
      .format = VK_FORMAT_G8_B8R8_2PLANE_420_UNORM,
      .ycbcrModel = VK_SAMPLER_YCBCR_MODEL_CONVERSION_YCBCR_709,
      .ycbcrRange = VK_SAMPLER_YCBCR_RANGE_ITU_NARROW,
      .xChromaOffset = VK_CHROMA_LOCATION_MIDPOINT,
      .yChromaOffset = VK_CHROMA_LOCATION_MIDPOINT,
      .chromaFilter = VK_FILTER_NEAREST,
   };
   VkSamplerYcbcrConversion conversion;
   CHECK_SUCCESS(vkCreateSamplerYcbcrConversion(t->device, &conversion_info, &alloc, &conversion));
   const VkSamplerYcbcrConversionInfo conversion_use = {
      .sType = VK_STRUCTURE_TYPE_SAMPLER_YCBCR_CONVERSION_INFO,
      .conversion = conversion,
   };
   VkSamplerCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
      .magFilter = VK_FILTER_LINEAR,
      .minFilter = VK_FILTER_LINEAR,
      .addressModeU = VK_SAMPLER_ADDRESS_MODE_REPEAT,
      .addressModeV = VK_SAMPLER_ADDRESS_MODE_REPEAT,
      .addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT,
      .maxLod = VK_LOD_CLAMP_NONE,
   };
   VkSampler plain, converting;
   CHECK_SUCCESS(vkCreateSampler(t->device, &info, &alloc, &plain));
   info = (VkSamplerCreateInfo){
      .sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
      .pNext = &conversion_use,
      .magFilter = VK_FILTER_NEAREST,
      .minFilter = VK_FILTER_NEAREST,
      .addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
      .addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
      .addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
   };
   CHECK_SUCCESS(vkCreateSampler(t->device, &info, &alloc, &converting));
   CHECK(c.live == 3, "%" PRId64 " live allocations for three objects", c.live);
   vkDestroySampler(t->device, plain, &alloc);
   vkDestroySampler(t->device, converting, &alloc);
   vkDestroySampler(t->device, VK_NULL_HANDLE, &alloc);
   vkDestroySamplerYcbcrConversion(t->device, conversion, &alloc);
   CHECK_ALL_FREED(c);
}

/* "Pipeline cache header ... VkPipelineCacheHeaderVersionOne": the data
 * starts with a header naming this device, survives a round trip, and a
 * buffer too small for the header gets nothing. */
static void
test_pipeline_cache_data_round_trips(struct vkt *t)
{
   struct counter c = { 0 };
   const VkAllocationCallbacks alloc = callbacks(&c);
   VkPhysicalDeviceProperties props;
   vkGetPhysicalDeviceProperties(t->physical_device, &props);

   VkPipelineCacheCreateInfo info = { .sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO };
   VkPipelineCache first, second;
   CHECK_SUCCESS(vkCreatePipelineCache(t->device, &info, &alloc, &first));
   size_t size = 0;
   CHECK_SUCCESS(vkGetPipelineCacheData(t->device, first, &size, NULL));
   CHECK(size >= sizeof(VkPipelineCacheHeaderVersionOne), "size %zu", size);
   uint8_t data[256], again[256];
   if (size > sizeof(data))
      size = sizeof(data);
   CHECK_SUCCESS(vkGetPipelineCacheData(t->device, first, &size, data));
   VkPipelineCacheHeaderVersionOne header;
   memcpy(&header, data, sizeof(header)); /* x86: little-endian, as the header is */
   CHECK(header.headerSize == 32, "headerSize %u", header.headerSize);
   CHECK(header.headerVersion == VK_PIPELINE_CACHE_HEADER_VERSION_ONE);
   CHECK(header.vendorID == props.vendorID && header.deviceID == props.deviceID);
   CHECK(memcmp(header.pipelineCacheUUID, props.pipelineCacheUUID, VK_UUID_SIZE) == 0,
         "the header must carry the device's pipelineCacheUUID");

   info.initialDataSize = size;
   info.pInitialData = data;
   CHECK_SUCCESS(vkCreatePipelineCache(t->device, &info, &alloc, &second));
   size_t size_again = sizeof(again);
   CHECK_SUCCESS(vkGetPipelineCacheData(t->device, second, &size_again, again));
   CHECK(size_again == size && memcmp(data, again, size) == 0, "the data changed in a round trip");

   /* "If pDataSize is less than what is necessary to store this header,
    * nothing will be written to pData and zero will be written to
    * pDataSize." */
   size_t small = 16;
   memset(again, 0xab, sizeof(again));
   CHECK_RESULT(vkGetPipelineCacheData(t->device, second, &small, again), VK_INCOMPLETE);
   CHECK(small == 0, "pDataSize %zu", small);
   CHECK(again[0] == 0xab, "nothing may be written");

   CHECK_SUCCESS(vkMergePipelineCaches(t->device, first, 1, &second));
   vkDestroyPipelineCache(t->device, first, &alloc);
   vkDestroyPipelineCache(t->device, second, &alloc);
   CHECK_ALL_FREED(c);
}

/* Shader modules, layouts and pipelines of both kinds: memvk cannot run
 * them, but they are created and destroyed as on any driver. */
static void
test_pipelines_live_and_die(struct vkt *t)
{
   struct counter c = { 0 };
   const VkAllocationCallbacks alloc = callbacks(&c);
   VkShaderModule compute = make_module(t, compute_spirv, sizeof(compute_spirv), &alloc);
   VkShaderModule vertex = make_module(t, vertex_spirv, sizeof(vertex_spirv), &alloc);

   const VkDescriptorSetLayoutBinding binding = {
      .binding = 0,
      .descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
      .descriptorCount = 1,
      .stageFlags = VK_SHADER_STAGE_COMPUTE_BIT,
   };
   const VkDescriptorSetLayoutCreateInfo set_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
      .bindingCount = 1,
      .pBindings = &binding,
   };
   VkDescriptorSetLayout set_layout;
   CHECK_SUCCESS(vkCreateDescriptorSetLayout(t->device, &set_info, &alloc, &set_layout));
   const VkPushConstantRange push = { VK_SHADER_STAGE_COMPUTE_BIT, 0, 16 };
   const VkPipelineLayoutCreateInfo layout_info = {
      .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
      .setLayoutCount = 1,
      .pSetLayouts = &set_layout,
      .pushConstantRangeCount = 1,
      .pPushConstantRanges = &push,
   };
   VkPipelineLayout layout;
   CHECK_SUCCESS(vkCreatePipelineLayout(t->device, &layout_info, &alloc, &layout));

   VkComputePipelineCreateInfo compute_info[2];
   for (int i = 0; i < 2; i++) {
      compute_info[i] = (VkComputePipelineCreateInfo){
         .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
         .stage = {
            .sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
            .stage = VK_SHADER_STAGE_COMPUTE_BIT,
            .module = compute,
            .pName = "main",
         },
         .layout = layout,
         .basePipelineIndex = -1,
      };
   }
   VkPipeline compute_pipelines[2];
   CHECK_SUCCESS(vkCreateComputePipelines(t->device, VK_NULL_HANDLE, 2, compute_info, &alloc, compute_pipelines));
   CHECK(compute_pipelines[0] != VK_NULL_HANDLE && compute_pipelines[0] != compute_pipelines[1]);

   /* A graphics pipeline that discards every primitive needs no fragment
    * stage and no attachment state. */
   const VkSubpassDescription subpass = { .pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS };
   const VkRenderPassCreateInfo pass_info = {
      .sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO,
      .subpassCount = 1,
      .pSubpasses = &subpass,
   };
   VkRenderPass pass;
   CHECK_SUCCESS(vkCreateRenderPass(t->device, &pass_info, &alloc, &pass));
   const VkPipelineShaderStageCreateInfo stage = {
      .sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
      .stage = VK_SHADER_STAGE_VERTEX_BIT,
      .module = vertex,
      .pName = "main",
   };
   const VkPipelineVertexInputStateCreateInfo vertex_input = {
      .sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO,
   };
   const VkPipelineInputAssemblyStateCreateInfo assembly = {
      .sType = VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO,
      .topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST,
   };
   const VkPipelineRasterizationStateCreateInfo raster = {
      .sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO,
      .rasterizerDiscardEnable = VK_TRUE,
      .polygonMode = VK_POLYGON_MODE_FILL,
      .lineWidth = 1.0f,
   };
   const VkPipelineLayoutCreateInfo empty_layout_info = { .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO };
   VkPipelineLayout empty_layout;
   CHECK_SUCCESS(vkCreatePipelineLayout(t->device, &empty_layout_info, &alloc, &empty_layout));
   const VkGraphicsPipelineCreateInfo graphics_info = {
      .sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO,
      .stageCount = 1,
      .pStages = &stage,
      .pVertexInputState = &vertex_input,
      .pInputAssemblyState = &assembly,
      .pRasterizationState = &raster,
      .layout = empty_layout,
      .renderPass = pass,
      .subpass = 0,
      .basePipelineIndex = -1,
   };
   VkPipeline graphics;
   CHECK_SUCCESS(vkCreateGraphicsPipelines(t->device, VK_NULL_HANDLE, 1, &graphics_info, &alloc, &graphics));

   VkExtent2D granularity = { 0, 0 };
   vkGetRenderAreaGranularity(t->device, pass, &granularity);
   CHECK(granularity.width >= 1 && granularity.height >= 1);

   /* Layouts may go before the pipelines made with them. */
   vkDestroyPipelineLayout(t->device, layout, &alloc);
   vkDestroyPipelineLayout(t->device, empty_layout, &alloc);
   vkDestroyDescriptorSetLayout(t->device, set_layout, &alloc);
   vkDestroyShaderModule(t->device, compute, &alloc);
   vkDestroyShaderModule(t->device, vertex, &alloc);
   vkDestroyPipeline(t->device, compute_pipelines[0], &alloc);
   vkDestroyPipeline(t->device, compute_pipelines[1], &alloc);
   vkDestroyPipeline(t->device, graphics, &alloc);
   vkDestroyPipeline(t->device, VK_NULL_HANDLE, &alloc);
   vkDestroyRenderPass(t->device, pass, &alloc);
   CHECK_ALL_FREED(c);
}

/* "If a call to vkAllocateDescriptorSets would cause the total number of
 * descriptor sets allocated from the pool to exceed the value of
 * VkDescriptorPoolCreateInfo::maxSets ... [or] the number of any given
 * descriptor type to exceed the sum of all the descriptorCount members
 * ... then the allocation may fail due to lack of space": memvk fails then
 * with VK_ERROR_OUT_OF_POOL_MEMORY, and resetting or freeing gives the
 * space back.  Sets are allocated through the pool's callbacks. */
static void
test_descriptor_pool_exhaustion(struct vkt *t)
{
   struct counter c = { 0 };
   const VkAllocationCallbacks alloc = callbacks(&c);
   const VkDescriptorSetLayoutBinding bindings[] = {
      { 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 2, VK_SHADER_STAGE_ALL, NULL },
      { 3, VK_DESCRIPTOR_TYPE_SAMPLER, 1, VK_SHADER_STAGE_ALL, NULL },
   };
   const VkDescriptorSetLayoutCreateInfo layout_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
      .bindingCount = 2,
      .pBindings = bindings,
   };
   VkDescriptorSetVariableDescriptorCountLayoutSupport variable = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_VARIABLE_DESCRIPTOR_COUNT_LAYOUT_SUPPORT,
      .maxVariableDescriptorCount = 99,
   };
   VkDescriptorSetLayoutSupport support = { .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_SUPPORT, .pNext = &variable };
   vkGetDescriptorSetLayoutSupport(t->device, &layout_info, &support);
   CHECK(support.supported);
   CHECK(variable.maxVariableDescriptorCount == 0, "\"If the VkDescriptorSetLayoutCreateInfo structure does not "
         "include a variable-sized descriptor ... maxVariableDescriptorCount is set to zero\"");
   VkDescriptorSetLayout layout;
   CHECK_SUCCESS(vkCreateDescriptorSetLayout(t->device, &layout_info, &alloc, &layout));

   /* Room for 3 uniform buffers and 4 samplers in at most 3 sets: one set
    * of this layout fits, a second does not (4 uniform buffers). */
   const VkDescriptorPoolSize sizes[] = {
      { VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 2 },
      { VK_DESCRIPTOR_TYPE_SAMPLER, 4 },
      { VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1 },
   };
   const VkDescriptorPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
      .flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT,
      .maxSets = 3,
      .poolSizeCount = 3,
      .pPoolSizes = sizes,
   };
   VkDescriptorPool pool;
   CHECK_SUCCESS(vkCreateDescriptorPool(t->device, &pool_info, &alloc, &pool));
   const int64_t live_before_sets = c.live;

   const VkDescriptorSetLayout layouts[2] = { layout, layout };
   VkDescriptorSetAllocateInfo allocate_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
      .descriptorPool = pool,
      .descriptorSetCount = 2,
      .pSetLayouts = layouts,
   };
   VkDescriptorSet sets[2] = { (VkDescriptorSet)(uintptr_t)1, (VkDescriptorSet)(uintptr_t)1 };
   CHECK_RESULT(vkAllocateDescriptorSets(t->device, &allocate_info, sets), VK_ERROR_OUT_OF_POOL_MEMORY);
   CHECK(sets[0] == VK_NULL_HANDLE && sets[1] == VK_NULL_HANDLE,
         "\"set all entries of the pDescriptorSets array to VK_NULL_HANDLE\"");
   CHECK(c.live == live_before_sets, "a failed allocation must free what it made");

   allocate_info.descriptorSetCount = 1;
   CHECK_SUCCESS(vkAllocateDescriptorSets(t->device, &allocate_info, &sets[0]));
   CHECK(c.live > live_before_sets, "sets are allocated through the pool's callbacks");
   CHECK_RESULT(vkAllocateDescriptorSets(t->device, &allocate_info, &sets[1]), VK_ERROR_OUT_OF_POOL_MEMORY);

   CHECK_SUCCESS(vkFreeDescriptorSets(t->device, pool, 1, &sets[0]));
   CHECK_SUCCESS(vkAllocateDescriptorSets(t->device, &allocate_info, &sets[1]));
   CHECK_SUCCESS(vkResetDescriptorPool(t->device, pool, 0));
   CHECK(c.live == live_before_sets, "resetting frees every set");
   CHECK_SUCCESS(vkAllocateDescriptorSets(t->device, &allocate_info, &sets[0]));

   /* maxSets: a layout with no descriptors still counts as a set. */
   const VkDescriptorSetLayoutCreateInfo empty_info = { .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO };
   VkDescriptorSetLayout empty;
   CHECK_SUCCESS(vkCreateDescriptorSetLayout(t->device, &empty_info, &alloc, &empty));
   allocate_info.pSetLayouts = &empty;
   VkDescriptorSet empties[3];
   CHECK_SUCCESS(vkAllocateDescriptorSets(t->device, &allocate_info, &empties[0]));
   CHECK_SUCCESS(vkAllocateDescriptorSets(t->device, &allocate_info, &empties[1]));
   CHECK_RESULT(vkAllocateDescriptorSets(t->device, &allocate_info, &empties[2]), VK_ERROR_OUT_OF_POOL_MEMORY);

   /* Destroying the pool frees its sets. */
   vkDestroyDescriptorPool(t->device, pool, &alloc);
   vkDestroyDescriptorSetLayout(t->device, layout, &alloc);
   vkDestroyDescriptorSetLayout(t->device, empty, &alloc);
   CHECK_ALL_FREED(c);
}

/* Writes, copies and templates reach every kind of descriptor; the
 * objects they name live elsewhere, and the sets outlive their layout. */
static void
test_descriptor_updates_and_templates(struct vkt *t)
{
   struct counter c = { 0 };
   const VkAllocationCallbacks alloc = callbacks(&c);

   const VkBufferCreateInfo buffer_info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = 4096,
      .usage = VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT | VK_BUFFER_USAGE_UNIFORM_TEXEL_BUFFER_BIT,
   };
   VkBuffer buffer;
   CHECK_SUCCESS(vkCreateBuffer(t->device, &buffer_info, &alloc, &buffer));
   VkMemoryRequirements req;
   vkGetBufferMemoryRequirements(t->device, buffer, &req);
   VkDeviceMemory memory = rt_allocate(t, req.size, req.memoryTypeBits, 0, NULL);
   CHECK_SUCCESS(vkBindBufferMemory(t->device, buffer, memory, 0));
   const VkBufferViewCreateInfo view_info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_VIEW_CREATE_INFO,
      .buffer = buffer,
      .format = VK_FORMAT_R32_SFLOAT,
      .range = VK_WHOLE_SIZE,
   };
   VkBufferView view;
   CHECK_SUCCESS(vkCreateBufferView(t->device, &view_info, &alloc, &view));
   const VkSamplerCreateInfo sampler_info = { .sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO };
   VkSampler sampler;
   CHECK_SUCCESS(vkCreateSampler(t->device, &sampler_info, &alloc, &sampler));
   const VkSampler immutable[2] = { sampler, sampler };

   const VkDescriptorSetLayoutBinding bindings[] = {
      { 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 2, VK_SHADER_STAGE_ALL, NULL },
      { 1, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 3, VK_SHADER_STAGE_ALL, NULL },
      { 2, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 1, VK_SHADER_STAGE_ALL, NULL },
      { 3, VK_DESCRIPTOR_TYPE_SAMPLER, 2, VK_SHADER_STAGE_ALL, immutable },
      { 4, VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK, 32, VK_SHADER_STAGE_ALL, NULL },
      { 5, VK_DESCRIPTOR_TYPE_SAMPLER, 1, VK_SHADER_STAGE_ALL, NULL },
   };
   const VkDescriptorSetLayoutCreateInfo layout_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
      .bindingCount = VKT_ARRAY_LENGTH(bindings),
      .pBindings = bindings,
   };
   VkDescriptorSetLayout layout;
   CHECK_SUCCESS(vkCreateDescriptorSetLayout(t->device, &layout_info, &alloc, &layout));

   const VkDescriptorPoolSize sizes[] = {
      { VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 10 },
      { VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, 2 },
      { VK_DESCRIPTOR_TYPE_SAMPLER, 6 },
      { VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK, 64 },
   };
   const VkDescriptorPoolInlineUniformBlockCreateInfo inline_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_INLINE_UNIFORM_BLOCK_CREATE_INFO,
      .maxInlineUniformBlockBindings = 2,
   };
   const VkDescriptorPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
      .pNext = &inline_info,
      .maxSets = 2,
      .poolSizeCount = VKT_ARRAY_LENGTH(sizes),
      .pPoolSizes = sizes,
   };
   VkDescriptorPool pool;
   CHECK_SUCCESS(vkCreateDescriptorPool(t->device, &pool_info, &alloc, &pool));
   const VkDescriptorSetLayout layouts[2] = { layout, layout };
   const VkDescriptorSetAllocateInfo allocate_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
      .descriptorPool = pool,
      .descriptorSetCount = 2,
      .pSetLayouts = layouts,
   };
   VkDescriptorSet sets[2];
   CHECK_SUCCESS(vkAllocateDescriptorSets(t->device, &allocate_info, sets));

   /* Five uniform buffers from binding 0 element 0: the write rolls over
    * into binding 1 ("consecutive binding updates"). */
   VkDescriptorBufferInfo buffers[5];
   for (int i = 0; i < 5; i++)
      buffers[i] = (VkDescriptorBufferInfo){ buffer, (VkDeviceSize)i * 256, 256 };
   const uint8_t bytes[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
   const VkWriteDescriptorSetInlineUniformBlock block = {
      .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET_INLINE_UNIFORM_BLOCK,
      .dataSize = 16,
      .pData = bytes,
   };
   const VkDescriptorImageInfo sampler_write = { .sampler = sampler };
   const VkWriteDescriptorSet writes[] = {
      { .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET, .dstSet = sets[0], .dstBinding = 0,
        .descriptorCount = 5, .descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, .pBufferInfo = buffers },
      { .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET, .dstSet = sets[0], .dstBinding = 2,
        .descriptorCount = 1, .descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, .pTexelBufferView = &view },
      { .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET, .dstSet = sets[0], .dstBinding = 5,
        .descriptorCount = 1, .descriptorType = VK_DESCRIPTOR_TYPE_SAMPLER, .pImageInfo = &sampler_write },
      { .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET, .pNext = &block, .dstSet = sets[0], .dstBinding = 4,
        .dstArrayElement = 16, .descriptorCount = 16, .descriptorType = VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK },
   };
   const VkCopyDescriptorSet copies[] = {
      { .sType = VK_STRUCTURE_TYPE_COPY_DESCRIPTOR_SET, .srcSet = sets[0], .srcBinding = 0, .srcArrayElement = 1,
        .dstSet = sets[1], .dstBinding = 0, .dstArrayElement = 0, .descriptorCount = 4 },
      { .sType = VK_STRUCTURE_TYPE_COPY_DESCRIPTOR_SET, .srcSet = sets[0], .srcBinding = 4, .srcArrayElement = 16,
        .dstSet = sets[1], .dstBinding = 4, .dstArrayElement = 0, .descriptorCount = 16 },
   };
   vkUpdateDescriptorSets(t->device, VKT_ARRAY_LENGTH(writes), writes, VKT_ARRAY_LENGTH(copies), copies);

   /* A template over interleaved application data. */
   struct entry_data {
      VkDescriptorBufferInfo buffer;
      VkBufferView view;
      uint8_t inline_bytes[8];
   } data[3];
   for (int i = 0; i < 3; i++) {
      data[i].buffer = buffers[i];
      data[i].view = view;
      memset(data[i].inline_bytes, i, sizeof(data[i].inline_bytes));
   }
   const VkDescriptorUpdateTemplateEntry entries[] = {
      { 1, 0, 3, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, offsetof(struct entry_data, buffer), sizeof(struct entry_data) },
      { 2, 0, 1, VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER, offsetof(struct entry_data, view), 0 },
      { 4, 8, 8, VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK, offsetof(struct entry_data, inline_bytes), 0 },
   };
   const VkDescriptorUpdateTemplateCreateInfo template_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_UPDATE_TEMPLATE_CREATE_INFO,
      .descriptorUpdateEntryCount = VKT_ARRAY_LENGTH(entries),
      .pDescriptorUpdateEntries = entries,
      .templateType = VK_DESCRIPTOR_UPDATE_TEMPLATE_TYPE_DESCRIPTOR_SET,
      .descriptorSetLayout = layout,
   };
   VkDescriptorUpdateTemplate template;
   CHECK_SUCCESS(vkCreateDescriptorUpdateTemplate(t->device, &template_info, &alloc, &template));
   vkUpdateDescriptorSetWithTemplate(t->device, sets[1], template, data);

   /* The layout and the template may go before the sets. */
   vkDestroyDescriptorUpdateTemplate(t->device, template, &alloc);
   vkDestroyDescriptorSetLayout(t->device, layout, &alloc);
   vkDestroyDescriptorPool(t->device, pool, &alloc);
   vkDestroySampler(t->device, sampler, &alloc);
   vkDestroyBufferView(t->device, view, &alloc);
   vkDestroyBuffer(t->device, buffer, &alloc);
   vkFreeMemory(t->device, memory, NULL);
   CHECK_ALL_FREED(c);
}

static void
test_render_pass_and_framebuffer_live_and_die(struct vkt *t)
{
   struct counter c = { 0 };
   const VkAllocationCallbacks alloc = callbacks(&c);

   const VkImageCreateInfo image_info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = VK_IMAGE_TYPE_2D,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .extent = { 64, 64, 1 },
      .mipLevels = 1,
      .arrayLayers = 1,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .tiling = VK_IMAGE_TILING_OPTIMAL,
      .usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT,
   };
   VkImage image;
   CHECK_SUCCESS(vkCreateImage(t->device, &image_info, &alloc, &image));
   VkMemoryRequirements req;
   vkGetImageMemoryRequirements(t->device, image, &req);
   VkDeviceMemory memory = rt_allocate(t, req.size, req.memoryTypeBits, 0, NULL);
   CHECK_SUCCESS(vkBindImageMemory(t->device, image, memory, 0));
   const VkImageViewCreateInfo view_info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
      .image = image,
      .viewType = VK_IMAGE_VIEW_TYPE_2D,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .subresourceRange = { VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1 },
   };
   VkImageView view;
   CHECK_SUCCESS(vkCreateImageView(t->device, &view_info, &alloc, &view));

   const VkAttachmentDescription attachment = {
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR,
      .storeOp = VK_ATTACHMENT_STORE_OP_STORE,
      .stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE,
      .stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE,
      .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
      .finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
   };
   const VkAttachmentReference reference = { 0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL };
   const VkSubpassDescription subpass = {
      .pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS,
      .colorAttachmentCount = 1,
      .pColorAttachments = &reference,
   };
   const VkRenderPassCreateInfo pass_info = {
      .sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO,
      .attachmentCount = 1,
      .pAttachments = &attachment,
      .subpassCount = 1,
      .pSubpasses = &subpass,
   };
   VkRenderPass pass, pass2;
   CHECK_SUCCESS(vkCreateRenderPass(t->device, &pass_info, &alloc, &pass));

   const VkAttachmentDescription2 attachment2 = {
      .sType = VK_STRUCTURE_TYPE_ATTACHMENT_DESCRIPTION_2,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR,
      .storeOp = VK_ATTACHMENT_STORE_OP_STORE,
      .stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE,
      .stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE,
      .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
      .finalLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
   };
   const VkAttachmentReference2 reference2 = {
      .sType = VK_STRUCTURE_TYPE_ATTACHMENT_REFERENCE_2,
      .attachment = 0,
      .layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
      .aspectMask = VK_IMAGE_ASPECT_COLOR_BIT,
   };
   const VkSubpassDescription2 subpass2 = {
      .sType = VK_STRUCTURE_TYPE_SUBPASS_DESCRIPTION_2,
      .pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS,
      .colorAttachmentCount = 1,
      .pColorAttachments = &reference2,
   };
   const VkRenderPassCreateInfo2 pass2_info = {
      .sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO_2,
      .attachmentCount = 1,
      .pAttachments = &attachment2,
      .subpassCount = 1,
      .pSubpasses = &subpass2,
   };
   CHECK_SUCCESS(vkCreateRenderPass2(t->device, &pass2_info, &alloc, &pass2));

   const VkFramebufferCreateInfo framebuffer_info = {
      .sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO,
      .renderPass = pass,
      .attachmentCount = 1,
      .pAttachments = &view,
      .width = 64,
      .height = 64,
      .layers = 1,
   };
   VkFramebuffer framebuffer;
   CHECK_SUCCESS(vkCreateFramebuffer(t->device, &framebuffer_info, &alloc, &framebuffer));
   VkExtent2D granularity = { 0, 0 };
   vkGetRenderAreaGranularity(t->device, pass2, &granularity);
   CHECK(granularity.width == 1 && granularity.height == 1, "memvk has no tiles");

   vkDestroyFramebuffer(t->device, framebuffer, &alloc);
   vkDestroyFramebuffer(t->device, VK_NULL_HANDLE, &alloc);
   vkDestroyRenderPass(t->device, pass, &alloc);
   vkDestroyRenderPass(t->device, pass2, &alloc);
   vkDestroyImageView(t->device, view, &alloc);
   vkDestroyImage(t->device, image, &alloc);
   vkFreeMemory(t->device, memory, NULL);
   CHECK_ALL_FREED(c);
}

/* "VK_ERROR_OUT_OF_HOST_MEMORY: A host memory allocation has failed": each
 * create command reports it, and leaves nothing allocated behind. */
static void
test_host_allocation_failures_leave_nothing_behind(struct vkt *t)
{
   struct counter c = { .fail_from = 0, .fail_until = UINT64_MAX };
   const VkAllocationCallbacks alloc = callbacks(&c);

   const VkSamplerCreateInfo sampler_info = { .sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO };
   VkSampler sampler;
   CHECK_RESULT(vkCreateSampler(t->device, &sampler_info, &alloc, &sampler), VK_ERROR_OUT_OF_HOST_MEMORY);
   const VkShaderModuleCreateInfo module_info = {
      .sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
      .codeSize = sizeof(compute_spirv),
      .pCode = compute_spirv,
   };
   VkShaderModule module;
   CHECK_RESULT(vkCreateShaderModule(t->device, &module_info, &alloc, &module), VK_ERROR_OUT_OF_HOST_MEMORY);
   const VkPipelineCacheCreateInfo cache_info = { .sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO };
   VkPipelineCache cache;
   CHECK_RESULT(vkCreatePipelineCache(t->device, &cache_info, &alloc, &cache), VK_ERROR_OUT_OF_HOST_MEMORY);
   const VkPipelineLayoutCreateInfo layout_info = { .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO };
   VkPipelineLayout layout;
   CHECK_RESULT(vkCreatePipelineLayout(t->device, &layout_info, &alloc, &layout), VK_ERROR_OUT_OF_HOST_MEMORY);
   const VkDescriptorSetLayoutBinding binding = { 0, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_ALL, NULL };
   const VkDescriptorSetLayoutCreateInfo set_layout_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
      .bindingCount = 1,
      .pBindings = &binding,
   };
   VkDescriptorSetLayout set_layout;
   CHECK_RESULT(vkCreateDescriptorSetLayout(t->device, &set_layout_info, &alloc, &set_layout),
                VK_ERROR_OUT_OF_HOST_MEMORY);
   const VkDescriptorPoolSize size = { VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 4 };
   const VkDescriptorPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
      .maxSets = 4,
      .poolSizeCount = 1,
      .pPoolSizes = &size,
   };
   VkDescriptorPool pool;
   CHECK_RESULT(vkCreateDescriptorPool(t->device, &pool_info, &alloc, &pool), VK_ERROR_OUT_OF_HOST_MEMORY);
   const VkSubpassDescription subpass = { .pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS };
   const VkRenderPassCreateInfo pass_info = {
      .sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO,
      .subpassCount = 1,
      .pSubpasses = &subpass,
   };
   VkRenderPass pass;
   CHECK_RESULT(vkCreateRenderPass(t->device, &pass_info, &alloc, &pass), VK_ERROR_OUT_OF_HOST_MEMORY);
   const VkBufferCreateInfo buffer_info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = 64,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
   };
   VkBuffer buffer;
   CHECK_RESULT(vkCreateBuffer(t->device, &buffer_info, &alloc, &buffer), VK_ERROR_OUT_OF_HOST_MEMORY);
   CHECK(c.live == 0, "%" PRId64 " allocations outlive failed creations", c.live);
   CHECK(c.total > 0, "the callbacks were never used");
   if (t->failed)
      return;

   /* Pipelines: the second of three fails.  Without EARLY_RETURN the others
    * are made; with it on the failing one, everything from it on is
    * VK_NULL_HANDLE. */
   c = (struct counter){ .fail_from = 0, .fail_until = 0 };
   CHECK_SUCCESS(vkCreateShaderModule(t->device, &module_info, &alloc, &module));
   CHECK_SUCCESS(vkCreatePipelineLayout(t->device, &layout_info, &alloc, &layout));
   VkComputePipelineCreateInfo infos[3];
   for (int i = 0; i < 3; i++) {
      infos[i] = (VkComputePipelineCreateInfo){
         .sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO,
         .stage = { .sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO,
                    .stage = VK_SHADER_STAGE_COMPUTE_BIT, .module = module, .pName = "main" },
         .layout = layout,
         .basePipelineIndex = -1,
      };
   }
   VkPipeline pipelines[3];
   c.fail_from = c.total + 1;
   c.fail_until = c.total + 2;
   CHECK_RESULT(vkCreateComputePipelines(t->device, VK_NULL_HANDLE, 3, infos, &alloc, pipelines),
                VK_ERROR_OUT_OF_HOST_MEMORY);
   CHECK(pipelines[0] != VK_NULL_HANDLE && pipelines[1] == VK_NULL_HANDLE && pipelines[2] != VK_NULL_HANDLE,
         "only the failed pipeline may be VK_NULL_HANDLE");
   vkDestroyPipeline(t->device, pipelines[0], &alloc);
   vkDestroyPipeline(t->device, pipelines[2], &alloc);

   infos[1].flags = VK_PIPELINE_CREATE_EARLY_RETURN_ON_FAILURE_BIT;
   c.fail_from = c.total + 1;
   c.fail_until = c.total + 2;
   CHECK_RESULT(vkCreateComputePipelines(t->device, VK_NULL_HANDLE, 3, infos, &alloc, pipelines),
                VK_ERROR_OUT_OF_HOST_MEMORY);
   CHECK(pipelines[0] != VK_NULL_HANDLE && pipelines[1] == VK_NULL_HANDLE && pipelines[2] == VK_NULL_HANDLE,
         "early return: every pipeline from the failing one on is VK_NULL_HANDLE");
   vkDestroyPipeline(t->device, pipelines[0], &alloc);

   /* Descriptor sets: the second set's host allocation fails; the first
    * is freed again and the pool keeps its full capacity. */
   c.fail_until = 0;
   CHECK_SUCCESS(vkCreateDescriptorSetLayout(t->device, &set_layout_info, &alloc, &set_layout));
   CHECK_SUCCESS(vkCreateDescriptorPool(t->device, &pool_info, &alloc, &pool));
   const VkDescriptorSetLayout set_layouts[4] = { set_layout, set_layout, set_layout, set_layout };
   VkDescriptorSetAllocateInfo allocate_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
      .descriptorPool = pool,
      .descriptorSetCount = 2,
      .pSetLayouts = set_layouts,
   };
   VkDescriptorSet sets[4];
   const int64_t live = c.live;
   c.fail_from = c.total + 1;
   c.fail_until = c.total + 2;
   CHECK_RESULT(vkAllocateDescriptorSets(t->device, &allocate_info, sets), VK_ERROR_OUT_OF_HOST_MEMORY);
   CHECK(sets[0] == VK_NULL_HANDLE && sets[1] == VK_NULL_HANDLE);
   CHECK(c.live == live, "the first set must be freed again");
   allocate_info.descriptorSetCount = 4;
   CHECK_SUCCESS(vkAllocateDescriptorSets(t->device, &allocate_info, sets));

   vkDestroyDescriptorPool(t->device, pool, &alloc);
   vkDestroyDescriptorSetLayout(t->device, set_layout, &alloc);
   vkDestroyPipelineLayout(t->device, layout, &alloc);
   vkDestroyShaderModule(t->device, module, &alloc);
   CHECK_ALL_FREED(c);
}

static const VkPhysicalDeviceVulkan11Features ycbcr = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES,
   .samplerYcbcrConversion = VK_TRUE,
};
static const VkPhysicalDeviceVulkan13Features inline_blocks = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES,
   .inlineUniformBlock = VK_TRUE,
};

static const struct vkt_test tests[] = {
   { "samplers_live_and_die", test_samplers_live_and_die, { .device_create_pnext = &ycbcr } },
   { "pipeline_cache_data_round_trips", test_pipeline_cache_data_round_trips },
   { "pipelines_live_and_die", test_pipelines_live_and_die },
   { "descriptor_pool_exhaustion", test_descriptor_pool_exhaustion },
   { "descriptor_updates_and_templates", test_descriptor_updates_and_templates,
     { .device_create_pnext = &inline_blocks } },
   { "render_pass_and_framebuffer_live_and_die", test_render_pass_and_framebuffer_live_and_die },
   { "host_allocation_failures_leave_nothing_behind", test_host_allocation_failures_leave_nothing_behind },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
