/* Descriptor set layouts, descriptor pools, descriptor sets and descriptor
 * update templates.
 *
 * Only shaders read descriptors, and memvk runs none (docs/resources.md),
 * so no memvk queue ever reads a set.  Everything the API promises about
 * these objects still holds: pools count what they hand out and say
 * VK_ERROR_OUT_OF_POOL_MEMORY when exhausted, sets really store what
 * vkUpdateDescriptorSets and templates write and copy, and every object is
 * allocated through the application's callbacks.
 *
 * A set copies its layout's binding table at allocation: "VkDescriptorSetLayout
 * objects may be accessed by commands that operate on descriptor sets
 * allocated using that layout", yet the layout may be destroyed before the
 * set is freed, and freeing must still give the pool back its counts. */
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "device.h"
#include "queue_rules.h"

/* The descriptor types memvk knows: the core 1.0 ones (0-10) and inline
 * uniform blocks (core 1.3).  Pools count each type separately. */
#define TYPE_INDEX_INLINE_UNIFORM_BLOCK 11u
#define TYPE_COUNT 12u

static uint32_t
type_index(VkDescriptorType type)
{
   if ((uint32_t)type <= (uint32_t)VK_DESCRIPTOR_TYPE_INPUT_ATTACHMENT)
      return (uint32_t)type;
   if (type == VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK)
      return TYPE_INDEX_INLINE_UNIFORM_BLOCK;
   memvk_abort_invalid_usage("VUID-VkDescriptorSetLayoutBinding-descriptorType-parameter",
                             "descriptor type %d belongs to an extension memvk does not offer", type);
}

static bool
type_has_sampler(VkDescriptorType type)
{
   return type == VK_DESCRIPTOR_TYPE_SAMPLER || type == VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
}

struct binding {
   uint32_t binding;
   VkDescriptorType type;
   /* Descriptors, or bytes for an inline uniform block ("descriptorCount
    * ... is the number of bytes"). */
   uint32_t count;
   VkShaderStageFlags stages;
   VkDescriptorBindingFlags flags;
   /* Index of the first descriptor in the set, or byte offset in the set's
    * inline data. */
   uint32_t first;
   /* In a layout: index of the first immutable sampler, UINT32_MAX if none.
    * In a set: whether writes keep the sampler already there. */
   uint32_t immutable_samplers;
};

static int
compare_bindings(const void *a, const void *b)
{
   const struct binding *x = a, *y = b;
   return (x->binding > y->binding) - (x->binding < y->binding);
}

/* --- descriptor set layouts ------------------------------------------------- */

struct memvk_descriptor_set_layout {
   struct memvk_object base;
   VkDescriptorSetLayoutCreateFlags flags;
   uint32_t binding_count;
   uint32_t immutable_sampler_count;
   VkSampler *immutable_samplers; /* inside this allocation */
   struct binding bindings[];     /* sorted by binding number */
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_descriptor_set_layout, VkDescriptorSetLayout,
                          VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT)

static uint32_t
immutable_sampler_count(const VkDescriptorSetLayoutCreateInfo *info)
{
   uint32_t count = 0;
   for (uint32_t i = 0; i < info->bindingCount; i++) {
      const VkDescriptorSetLayoutBinding *b = &info->pBindings[i];
      if (type_has_sampler(b->descriptorType) && b->pImmutableSamplers != NULL)
         count += b->descriptorCount;
   }
   return count;
}

/* Fills and sorts the binding table; immutable samplers are copied to
 * `samplers` (immutable_sampler_count() entries). */
static void
fill_bindings(const VkDescriptorSetLayoutCreateInfo *info, struct binding *bindings, VkSampler *samplers)
{
   /* "If bindingCount is zero or if this structure is not included in the
    * pNext chain, the VkDescriptorBindingFlags for each descriptor set
    * layout binding is considered to be zero." */
   const VkDescriptorSetLayoutBindingFlagsCreateInfo *binding_flags =
      memvk_find_struct(info->pNext, VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_BINDING_FLAGS_CREATE_INFO);
   if (binding_flags != NULL && binding_flags->bindingCount == 0)
      binding_flags = NULL;

   uint32_t sampler_count = 0;
   for (uint32_t i = 0; i < info->bindingCount; i++) {
      const VkDescriptorSetLayoutBinding *b = &info->pBindings[i];
      type_index(b->descriptorType); /* rejects unknown types */
      bindings[i] = (struct binding){
         .binding = b->binding,
         .type = b->descriptorType,
         .count = b->descriptorCount,
         .stages = b->stageFlags,
         .flags = binding_flags != NULL ? binding_flags->pBindingFlags[i] : 0,
         .immutable_samplers = UINT32_MAX,
      };
      if (type_has_sampler(b->descriptorType) && b->pImmutableSamplers != NULL) {
         bindings[i].immutable_samplers = sampler_count;
         if (samplers != NULL)
            memcpy(samplers + sampler_count, b->pImmutableSamplers, b->descriptorCount * sizeof(VkSampler));
         sampler_count += b->descriptorCount;
      }
   }
   qsort(bindings, info->bindingCount, sizeof(*bindings), compare_bindings);
   for (uint32_t i = 1; i < info->bindingCount; i++) {
      if (bindings[i].binding == bindings[i - 1].binding)
         memvk_abort_invalid_usage("VUID-VkDescriptorSetLayoutCreateInfo-binding-00279",
                                   "binding number %u appears twice", bindings[i].binding);
   }
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateDescriptorSetLayout(VkDevice _device, const VkDescriptorSetLayoutCreateInfo *pCreateInfo,
                                const VkAllocationCallbacks *pAllocator, VkDescriptorSetLayout *pSetLayout)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   const uint32_t binding_count = pCreateInfo->bindingCount;
   const uint32_t sampler_count = immutable_sampler_count(pCreateInfo);
   const size_t bindings_size = binding_count * sizeof(struct binding);

   struct memvk_descriptor_set_layout *layout =
      memvk_zalloc2(&device->alloc, pAllocator,
                    sizeof(*layout) + bindings_size + sampler_count * sizeof(VkSampler),
                    alignof(struct memvk_descriptor_set_layout), VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (layout == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&layout->base, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT);
   layout->flags = pCreateInfo->flags;
   layout->binding_count = binding_count;
   layout->immutable_sampler_count = sampler_count;
   layout->immutable_samplers = (VkSampler *)((uint8_t *)layout->bindings + bindings_size);
   fill_bindings(pCreateInfo, layout->bindings, layout->immutable_samplers);

   *pSetLayout = memvk_descriptor_set_layout_to_handle(layout);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyDescriptorSetLayout(VkDevice _device, VkDescriptorSetLayout descriptorSetLayout,
                                 const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_descriptor_set_layout *layout = memvk_descriptor_set_layout_from_handle(descriptorSetLayout);
   if (layout == NULL)
      return;
   memvk_object_finish(&layout->base);
   memvk_free2(&device->alloc, pAllocator, layout);
}

/* memvk can create any layout the application describes: a set is host
 * memory. */
VKAPI_ATTR void VKAPI_CALL
memvk_GetDescriptorSetLayoutSupport(VkDevice device, const VkDescriptorSetLayoutCreateInfo *pCreateInfo,
                                    VkDescriptorSetLayoutSupport *pSupport)
{
   (void)device;
   (void)pCreateInfo;
   pSupport->supported = VK_TRUE;
   /* "If the VkDescriptorSetLayoutCreateInfo structure does not include a
    * variable-sized descriptor, or if the
    * VkPhysicalDeviceDescriptorIndexingFeatures::descriptorBindingVariableDescriptorCount
    * feature is not enabled, then maxVariableDescriptorCount is set to
    * zero": memvk does not offer that feature. */
   VkDescriptorSetVariableDescriptorCountLayoutSupport *variable =
      memvk_find_struct_out(pSupport->pNext, VK_STRUCTURE_TYPE_DESCRIPTOR_SET_VARIABLE_DESCRIPTOR_COUNT_LAYOUT_SUPPORT);
   if (variable != NULL)
      variable->maxVariableDescriptorCount = 0;
}

/* --- descriptor pools and sets ---------------------------------------------- */

/* What one descriptor holds, as written by an update. */
struct descriptor {
   union {
      VkDescriptorImageInfo image;   /* samplers, images, input attachments */
      VkDescriptorBufferInfo buffer; /* uniform and storage buffers */
      VkBufferView texel_buffer;
   };
};

struct memvk_descriptor_pool;

struct memvk_descriptor_set {
   struct memvk_object base;
   struct memvk_descriptor_pool *pool;
   struct memvk_descriptor_set *prev, *next; /* the pool's sets */
   /* What the set takes from its pool, given back when it is freed. */
   uint32_t type_counts[TYPE_COUNT];
   uint32_t inline_binding_count;
   uint32_t binding_count;
   struct binding *bindings;
   struct descriptor *descriptors;
   uint8_t *inline_data;
   /* bindings, descriptors and inline data follow, in this allocation. */
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_descriptor_set, VkDescriptorSet, VK_OBJECT_TYPE_DESCRIPTOR_SET)

struct memvk_descriptor_pool {
   struct memvk_object base;
   /* Sets are allocated with the callbacks the pool was created with, the
    * allocator of their parent ("Host Memory": child objects). */
   VkAllocationCallbacks alloc;
   VkDescriptorPoolCreateFlags flags;
   uint32_t max_sets, set_count;
   uint32_t capacity[TYPE_COUNT], used[TYPE_COUNT];
   uint32_t max_inline_bindings, inline_bindings_used;
   struct memvk_descriptor_set *sets;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_descriptor_pool, VkDescriptorPool, VK_OBJECT_TYPE_DESCRIPTOR_POOL)

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateDescriptorPool(VkDevice _device, const VkDescriptorPoolCreateInfo *pCreateInfo,
                           const VkAllocationCallbacks *pAllocator, VkDescriptorPool *pDescriptorPool)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   /* memvk offers no descriptorPoolOverallocation, the one way to a pool
    * without sets. */
   if (pCreateInfo->maxSets == 0)
      memvk_abort_invalid_usage("VUID-VkDescriptorPoolCreateInfo-descriptorPoolOverallocation-09227",
                                "maxSets must be greater than 0");

   struct memvk_descriptor_pool *pool =
      memvk_zalloc2(&device->alloc, pAllocator, sizeof(*pool), alignof(struct memvk_descriptor_pool),
                    VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (pool == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&pool->base, VK_OBJECT_TYPE_DESCRIPTOR_POOL);
   pool->alloc = *memvk_choose_allocator(&device->alloc, pAllocator);
   pool->flags = pCreateInfo->flags;
   pool->max_sets = pCreateInfo->maxSets;
   /* "If multiple VkDescriptorPoolSize structures containing the same
    * descriptor type appear in the pPoolSizes array then the pool will be
    * created with enough storage for the total number of descriptors of
    * each type." */
   for (uint32_t i = 0; i < pCreateInfo->poolSizeCount; i++) {
      const uint32_t type = type_index(pCreateInfo->pPoolSizes[i].type);
      const uint32_t count = pCreateInfo->pPoolSizes[i].descriptorCount;
      pool->capacity[type] = count > UINT32_MAX - pool->capacity[type] ? UINT32_MAX : pool->capacity[type] + count;
   }
   const VkDescriptorPoolInlineUniformBlockCreateInfo *inline_info =
      memvk_find_struct(pCreateInfo->pNext, VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_INLINE_UNIFORM_BLOCK_CREATE_INFO);
   if (inline_info != NULL)
      pool->max_inline_bindings = inline_info->maxInlineUniformBlockBindings;

   *pDescriptorPool = memvk_descriptor_pool_to_handle(pool);
   return VK_SUCCESS;
}

static void
set_free(struct memvk_descriptor_set *set)
{
   struct memvk_descriptor_pool *pool = set->pool;
   for (uint32_t t = 0; t < TYPE_COUNT; t++)
      pool->used[t] -= set->type_counts[t];
   pool->inline_bindings_used -= set->inline_binding_count;
   pool->set_count--;
   if (set->prev != NULL)
      set->prev->next = set->next;
   else
      pool->sets = set->next;
   if (set->next != NULL)
      set->next->prev = set->prev;
   memvk_object_finish(&set->base);
   memvk_free(&pool->alloc, set);
}

static void
pool_free_all_sets(struct memvk_descriptor_pool *pool)
{
   while (pool->sets != NULL)
      set_free(pool->sets);
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyDescriptorPool(VkDevice _device, VkDescriptorPool descriptorPool, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_descriptor_pool *pool = memvk_descriptor_pool_from_handle(descriptorPool);
   if (pool == NULL)
      return;
   /* "When a pool is destroyed, all descriptor sets allocated from the pool
    * are implicitly freed and become invalid." */
   pool_free_all_sets(pool);
   memvk_object_finish(&pool->base);
   memvk_free2(&device->alloc, pAllocator, pool);
}

/* "Resetting a descriptor pool recycles all of the resources from all of
 * the descriptor sets allocated from the descriptor pool back to the
 * descriptor pool, and the descriptor sets are implicitly freed." */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_ResetDescriptorPool(VkDevice device, VkDescriptorPool descriptorPool, VkDescriptorPoolResetFlags flags)
{
   (void)device;
   (void)flags;
   pool_free_all_sets(memvk_descriptor_pool_from_handle(descriptorPool));
   return VK_SUCCESS;
}

/* Makes one set of `layout` (with `variable_count` descriptors in its
 * variable-sized binding, if it has one), taking its counts from the pool.
 * "the allocation may fail due to lack of space if the call to
 * vkAllocateDescriptorSets would cause the number of any given descriptor
 * type to exceed the sum of all the descriptorCount members of each element
 * of VkDescriptorPoolCreateInfo::pPoolSizes with a type equal to that type"
 * (likewise for maxSets and inline uniform block bindings): memvk fails
 * exactly then, with VK_ERROR_OUT_OF_POOL_MEMORY. */
static VkResult
set_create(struct memvk_descriptor_pool *pool, const struct memvk_descriptor_set_layout *layout,
           uint32_t variable_count, struct memvk_descriptor_set **out)
{
   if (layout->flags & VK_DESCRIPTOR_SET_LAYOUT_CREATE_PUSH_DESCRIPTOR_BIT)
      memvk_abort_invalid_usage("VUID-VkDescriptorSetAllocateInfo-pSetLayouts-00308",
                                "a push descriptor set layout cannot be allocated from a pool");

   uint32_t type_counts[TYPE_COUNT] = { 0 };
   uint32_t inline_bindings = 0;
   size_t descriptor_count = 0, inline_bytes = 0;
   for (uint32_t i = 0; i < layout->binding_count; i++) {
      const struct binding *b = &layout->bindings[i];
      const bool variable = (b->flags & VK_DESCRIPTOR_BINDING_VARIABLE_DESCRIPTOR_COUNT_BIT) != 0;
      if (variable && variable_count > b->count)
         memvk_abort_invalid_usage("VUID-VkDescriptorSetAllocateInfo-pSetLayouts-09380",
                                   "variable descriptor count %u exceeds binding %u's %u",
                                   variable_count, b->binding, b->count);
      const uint32_t count = variable ? variable_count : b->count;
      type_counts[type_index(b->type)] += count;
      if (b->type == VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK) {
         inline_bytes += count;
         inline_bindings += count != 0;
      } else {
         descriptor_count += count;
      }
   }

   if (pool->set_count >= pool->max_sets ||
       inline_bindings > pool->max_inline_bindings - pool->inline_bindings_used)
      return VK_ERROR_OUT_OF_POOL_MEMORY;
   for (uint32_t t = 0; t < TYPE_COUNT; t++) {
      if (type_counts[t] > pool->capacity[t] - pool->used[t])
         return VK_ERROR_OUT_OF_POOL_MEMORY;
   }

   const size_t bindings_size = layout->binding_count * sizeof(struct binding);
   const size_t descriptors_offset = memvk_align_up(sizeof(struct memvk_descriptor_set) + bindings_size,
                                                    alignof(struct descriptor));
   const size_t inline_offset = descriptors_offset + descriptor_count * sizeof(struct descriptor);
   struct memvk_descriptor_set *set =
      memvk_zalloc(&pool->alloc, inline_offset + inline_bytes, alignof(struct memvk_descriptor_set),
                   VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (set == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&set->base, VK_OBJECT_TYPE_DESCRIPTOR_SET);
   set->pool = pool;
   memcpy(set->type_counts, type_counts, sizeof(type_counts));
   set->inline_binding_count = inline_bindings;
   set->binding_count = layout->binding_count;
   set->bindings = (struct binding *)(set + 1);
   set->descriptors = (struct descriptor *)((uint8_t *)set + descriptors_offset);
   set->inline_data = (uint8_t *)set + inline_offset;

   uint32_t next_descriptor = 0, next_byte = 0;
   for (uint32_t i = 0; i < layout->binding_count; i++) {
      struct binding *b = &set->bindings[i];
      *b = layout->bindings[i];
      if (b->flags & VK_DESCRIPTOR_BINDING_VARIABLE_DESCRIPTOR_COUNT_BIT)
         b->count = variable_count;
      if (b->type == VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK) {
         b->first = next_byte;
         next_byte += b->count;
         continue;
      }
      b->first = next_descriptor;
      next_descriptor += b->count;
      /* Immutable samplers are in the set from the start, and writes leave
       * them. */
      if (b->immutable_samplers != UINT32_MAX) {
         for (uint32_t e = 0; e < b->count; e++)
            set->descriptors[b->first + e].image.sampler = layout->immutable_samplers[b->immutable_samplers + e];
         b->immutable_samplers = 1;
      } else {
         b->immutable_samplers = 0;
      }
   }

   for (uint32_t t = 0; t < TYPE_COUNT; t++)
      pool->used[t] += type_counts[t];
   pool->inline_bindings_used += inline_bindings;
   pool->set_count++;
   set->next = pool->sets;
   if (pool->sets != NULL)
      pool->sets->prev = set;
   pool->sets = set;
   *out = set;
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_AllocateDescriptorSets(VkDevice device, const VkDescriptorSetAllocateInfo *pAllocateInfo,
                             VkDescriptorSet *pDescriptorSets)
{
   (void)device;
   struct memvk_descriptor_pool *pool = memvk_descriptor_pool_from_handle(pAllocateInfo->descriptorPool);
   /* "If VkDescriptorSetVariableDescriptorCountAllocateInfo::descriptorSetCount
    * is zero or this structure is not included in the pNext chain, then the
    * variable lengths are considered to be zero." */
   const VkDescriptorSetVariableDescriptorCountAllocateInfo *variable =
      memvk_find_struct(pAllocateInfo->pNext, VK_STRUCTURE_TYPE_DESCRIPTOR_SET_VARIABLE_DESCRIPTOR_COUNT_ALLOCATE_INFO);
   if (variable != NULL && variable->descriptorSetCount == 0)
      variable = NULL;

   for (uint32_t i = 0; i < pAllocateInfo->descriptorSetCount; i++) {
      struct memvk_descriptor_set *set;
      VkResult result =
         set_create(pool, memvk_descriptor_set_layout_from_handle(pAllocateInfo->pSetLayouts[i]),
                    variable != NULL ? variable->pDescriptorCounts[i] : 0, &set);
      if (result != VK_SUCCESS) {
         /* "If the creation of any of those descriptor sets fails, then the
          * implementation must destroy all successfully created descriptor
          * set objects from this command, set all entries of the
          * pDescriptorSets array to VK_NULL_HANDLE and return the error." */
         for (uint32_t j = 0; j < i; j++)
            set_free(memvk_descriptor_set_from_handle(pDescriptorSets[j]));
         for (uint32_t j = 0; j < pAllocateInfo->descriptorSetCount; j++)
            pDescriptorSets[j] = VK_NULL_HANDLE;
         return result;
      }
      pDescriptorSets[i] = memvk_descriptor_set_to_handle(set);
   }
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_FreeDescriptorSets(VkDevice device, VkDescriptorPool descriptorPool, uint32_t descriptorSetCount,
                         const VkDescriptorSet *pDescriptorSets)
{
   (void)device;
   struct memvk_descriptor_pool *pool = memvk_descriptor_pool_from_handle(descriptorPool);
   if (!(pool->flags & VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT))
      memvk_abort_invalid_usage("VUID-vkFreeDescriptorSets-descriptorPool-00312",
                                "descriptorPool must have been created with "
                                "VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT");
   /* "Each element of pDescriptorSets ... must either be a valid handle or
    * VK_NULL_HANDLE" */
   for (uint32_t i = 0; i < descriptorSetCount; i++) {
      struct memvk_descriptor_set *set = memvk_descriptor_set_from_handle(pDescriptorSets[i]);
      if (set != NULL)
         set_free(set);
   }
   return VK_SUCCESS;
}

/* --- updates ------------------------------------------------------------------ */

/* One descriptor of a set, walked in the order of "consecutive binding
 * updates": "If the descriptor binding identified by dstSet and dstBinding
 * has fewer than descriptorCount array elements remaining starting from
 * dstArrayElement, then the remainder will be used to update the subsequent
 * binding - dstBinding+1 starting at array element zero. ... If a binding
 * has a descriptorCount of zero, it is skipped." */
struct cursor {
   struct memvk_descriptor_set *set;
   uint32_t binding; /* index into set->bindings */
   uint32_t element;
   const char *vuid; /* the rule an overrun breaks */
};

static struct cursor
cursor_start(struct memvk_descriptor_set *set, uint32_t binding_number, uint32_t element, const char *vuid)
{
   for (uint32_t b = 0; b < set->binding_count; b++) {
      if (set->bindings[b].binding == binding_number)
         return (struct cursor){ set, b, element, vuid };
   }
   memvk_abort_invalid_usage(vuid, "binding %u is not in the descriptor set's layout", binding_number);
}

static const struct binding *
cursor_binding(const struct cursor *c)
{
   return &c->set->bindings[c->binding];
}

static struct descriptor *
cursor_descriptor(struct cursor *c)
{
   while (c->binding < c->set->binding_count && c->element >= c->set->bindings[c->binding].count) {
      c->element -= c->set->bindings[c->binding].count;
      c->binding++;
   }
   if (c->binding >= c->set->binding_count)
      memvk_abort_invalid_usage(c->vuid, "the update runs past the last binding of the set");
   return &c->set->descriptors[cursor_binding(c)->first + c->element];
}

/* Writes one descriptor from the structure the update's type reads:
 * VkDescriptorImageInfo, VkDescriptorBufferInfo or VkBufferView. */
static void
write_descriptor(struct cursor *c, VkDescriptorType type, const void *source)
{
   struct descriptor *d = cursor_descriptor(c);
   const struct binding *b = cursor_binding(c);
   if (b->type != type)
      memvk_abort_invalid_usage("VUID-VkWriteDescriptorSet-descriptorType-00319",
                                "descriptor type %d written to binding %u of type %d", type, b->binding, b->type);
   switch (type) {
   case VK_DESCRIPTOR_TYPE_SAMPLER:
   case VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER:
   case VK_DESCRIPTOR_TYPE_SAMPLED_IMAGE:
   case VK_DESCRIPTOR_TYPE_STORAGE_IMAGE:
   case VK_DESCRIPTOR_TYPE_INPUT_ATTACHMENT: {
      const VkDescriptorImageInfo *info = source;
      const VkSampler kept = d->image.sampler;
      if (type != VK_DESCRIPTOR_TYPE_SAMPLER) {
         d->image.imageView = info->imageView;
         d->image.imageLayout = info->imageLayout;
      }
      /* A binding with immutable samplers keeps them: the write's sampler
       * is ignored. */
      if (type_has_sampler(type))
         d->image.sampler = b->immutable_samplers ? kept : info->sampler;
      break;
   }
   case VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER:
   case VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER:
      d->texel_buffer = *(const VkBufferView *)source;
      break;
   case VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER:
   case VK_DESCRIPTOR_TYPE_STORAGE_BUFFER:
   case VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC:
   case VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC:
      d->buffer = *(const VkDescriptorBufferInfo *)source;
      break;
   default:
      memvk_abort_invalid_usage("VUID-VkWriteDescriptorSet-descriptorType-parameter",
                                "descriptor type %d belongs to an extension memvk does not offer", type);
   }
   c->element++;
}

/* Inline uniform blocks are bytes: "dstArrayElement specifies the starting
 * byte offset within the binding" and descriptorCount the number of
 * bytes, within the one binding ("VUID-VkWriteDescriptorSet-descriptorType-02220"). */
static uint8_t *
inline_bytes(struct memvk_descriptor_set *set, uint32_t binding_number, uint32_t offset, uint32_t size,
             const char *vuid)
{
   struct cursor c = cursor_start(set, binding_number, 0, vuid);
   const struct binding *b = cursor_binding(&c);
   if (b->type != VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK || offset > b->count || size > b->count - offset)
      memvk_abort_invalid_usage(vuid, "bytes [%u, +%u) are not inside inline uniform block binding %u",
                                offset, size, binding_number);
   return set->inline_data + b->first + offset;
}

static size_t
source_stride(VkDescriptorType type)
{
   switch (type) {
   case VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER:
   case VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER:
      return sizeof(VkBufferView);
   case VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER:
   case VK_DESCRIPTOR_TYPE_STORAGE_BUFFER:
   case VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC:
   case VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC:
      return sizeof(VkDescriptorBufferInfo);
   default:
      return sizeof(VkDescriptorImageInfo);
   }
}

static const void *
write_source(const VkWriteDescriptorSet *write)
{
   switch (write->descriptorType) {
   case VK_DESCRIPTOR_TYPE_UNIFORM_TEXEL_BUFFER:
   case VK_DESCRIPTOR_TYPE_STORAGE_TEXEL_BUFFER:
      return write->pTexelBufferView;
   case VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER:
   case VK_DESCRIPTOR_TYPE_STORAGE_BUFFER:
   case VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER_DYNAMIC:
   case VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC:
      return write->pBufferInfo;
   default:
      return write->pImageInfo;
   }
}

static void
apply_write(const VkWriteDescriptorSet *write)
{
   struct memvk_descriptor_set *set = memvk_descriptor_set_from_handle(write->dstSet);
   if (write->descriptorType == VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK) {
      const VkWriteDescriptorSetInlineUniformBlock *block =
         memvk_find_struct(write->pNext, VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET_INLINE_UNIFORM_BLOCK);
      if (block == NULL || block->dataSize != write->descriptorCount)
         memvk_abort_invalid_usage("VUID-VkWriteDescriptorSet-descriptorType-02221",
                                   "an inline uniform block write needs a "
                                   "VkWriteDescriptorSetInlineUniformBlock of descriptorCount bytes");
      memcpy(inline_bytes(set, write->dstBinding, write->dstArrayElement, write->descriptorCount,
                          "VUID-VkWriteDescriptorSet-descriptorType-02220"),
             block->pData, write->descriptorCount);
      return;
   }
   struct cursor c = cursor_start(set, write->dstBinding, write->dstArrayElement,
                                  "VUID-VkWriteDescriptorSet-dstArrayElement-00321");
   const uint8_t *source = write_source(write);
   const size_t stride = source_stride(write->descriptorType);
   for (uint32_t i = 0; i < write->descriptorCount; i++)
      write_descriptor(&c, write->descriptorType, source + i * stride);
}

static void
apply_copy(const VkCopyDescriptorSet *copy)
{
   struct memvk_descriptor_set *src = memvk_descriptor_set_from_handle(copy->srcSet);
   struct memvk_descriptor_set *dst = memvk_descriptor_set_from_handle(copy->dstSet);
   struct cursor from = cursor_start(src, copy->srcBinding, copy->srcArrayElement,
                                     "VUID-VkCopyDescriptorSet-srcArrayElement-00346");
   if (cursor_binding(&from)->type == VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK) {
      /* "If the descriptor binding identified by srcSet and srcBinding has a
       * descriptor type of VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK then
       * srcArrayElement specifies the starting byte offset within the
       * binding to copy from" (and descriptorCount the bytes). */
      const uint8_t *bytes = inline_bytes(src, copy->srcBinding, copy->srcArrayElement, copy->descriptorCount,
                                          "VUID-VkCopyDescriptorSet-srcArrayElement-00346");
      memmove(inline_bytes(dst, copy->dstBinding, copy->dstArrayElement, copy->descriptorCount,
                           "VUID-VkCopyDescriptorSet-dstArrayElement-00348"),
              bytes, copy->descriptorCount);
      return;
   }
   struct cursor to = cursor_start(dst, copy->dstBinding, copy->dstArrayElement,
                                   "VUID-VkCopyDescriptorSet-dstArrayElement-00348");
   /* "If srcSet is equal to dstSet, then the source and destination ranges
    * of descriptors must not overlap" (VUID-VkCopyDescriptorSet-srcSet-00349),
    * so the order of the element copies does not matter. */
   for (uint32_t i = 0; i < copy->descriptorCount; i++) {
      const struct descriptor value = *cursor_descriptor(&from);
      struct descriptor *d = cursor_descriptor(&to);
      if (cursor_binding(&from)->type != cursor_binding(&to)->type)
         memvk_abort_invalid_usage("VUID-VkCopyDescriptorSet-dstBinding-02632",
                                   "a copy between bindings of different descriptor types");
      *d = value;
      from.element++;
      to.element++;
   }
}

/* "The operations described by pDescriptorWrites are performed first,
 * followed by the operations described by pDescriptorCopies." */
VKAPI_ATTR void VKAPI_CALL
memvk_UpdateDescriptorSets(VkDevice device, uint32_t descriptorWriteCount,
                           const VkWriteDescriptorSet *pDescriptorWrites, uint32_t descriptorCopyCount,
                           const VkCopyDescriptorSet *pDescriptorCopies)
{
   (void)device;
   for (uint32_t i = 0; i < descriptorWriteCount; i++)
      apply_write(&pDescriptorWrites[i]);
   for (uint32_t i = 0; i < descriptorCopyCount; i++)
      apply_copy(&pDescriptorCopies[i]);
}

/* --- descriptor update templates ------------------------------------------------ */

struct memvk_descriptor_update_template {
   struct memvk_object base;
   VkDescriptorUpdateTemplateType type;
   VkPipelineBindPoint bind_point;
   uint32_t set;
   uint32_t entry_count;
   VkDescriptorUpdateTemplateEntry entries[];
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_descriptor_update_template, VkDescriptorUpdateTemplate,
                          VK_OBJECT_TYPE_DESCRIPTOR_UPDATE_TEMPLATE)

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateDescriptorUpdateTemplate(VkDevice _device, const VkDescriptorUpdateTemplateCreateInfo *pCreateInfo,
                                     const VkAllocationCallbacks *pAllocator,
                                     VkDescriptorUpdateTemplate *pDescriptorUpdateTemplate)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   const uint32_t count = pCreateInfo->descriptorUpdateEntryCount;
   struct memvk_descriptor_update_template *template =
      memvk_zalloc2(&device->alloc, pAllocator, sizeof(*template) + count * sizeof(VkDescriptorUpdateTemplateEntry),
                    alignof(struct memvk_descriptor_update_template), VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (template == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&template->base, VK_OBJECT_TYPE_DESCRIPTOR_UPDATE_TEMPLATE);
   template->type = pCreateInfo->templateType;
   template->bind_point = pCreateInfo->pipelineBindPoint;
   template->set = pCreateInfo->set;
   template->entry_count = count;
   for (uint32_t i = 0; i < count; i++) {
      type_index(pCreateInfo->pDescriptorUpdateEntries[i].descriptorType);
      template->entries[i] = pCreateInfo->pDescriptorUpdateEntries[i];
   }

   *pDescriptorUpdateTemplate = memvk_descriptor_update_template_to_handle(template);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyDescriptorUpdateTemplate(VkDevice _device, VkDescriptorUpdateTemplate descriptorUpdateTemplate,
                                      const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_descriptor_update_template *template =
      memvk_descriptor_update_template_from_handle(descriptorUpdateTemplate);
   if (template == NULL)
      return;
   memvk_object_finish(&template->base);
   memvk_free2(&device->alloc, pAllocator, template);
}

/* Each entry reads descriptorCount structures at pData + offset + i * stride
 * ("VkDescriptorUpdateTemplateEntry"); an inline uniform block entry reads
 * descriptorCount bytes at pData + offset, and its stride is ignored. */
VKAPI_ATTR void VKAPI_CALL
memvk_UpdateDescriptorSetWithTemplate(VkDevice device, VkDescriptorSet descriptorSet,
                                      VkDescriptorUpdateTemplate descriptorUpdateTemplate, const void *pData)
{
   (void)device;
   struct memvk_descriptor_set *set = memvk_descriptor_set_from_handle(descriptorSet);
   const struct memvk_descriptor_update_template *template =
      memvk_descriptor_update_template_from_handle(descriptorUpdateTemplate);
   const uint8_t *data = pData;
   for (uint32_t i = 0; i < template->entry_count; i++) {
      const VkDescriptorUpdateTemplateEntry *entry = &template->entries[i];
      if (entry->descriptorType == VK_DESCRIPTOR_TYPE_INLINE_UNIFORM_BLOCK) {
         memcpy(inline_bytes(set, entry->dstBinding, entry->dstArrayElement, entry->descriptorCount,
                             "VUID-VkDescriptorUpdateTemplateEntry-dstArrayElement-00355"),
                data + entry->offset, entry->descriptorCount);
         continue;
      }
      struct cursor c = cursor_start(set, entry->dstBinding, entry->dstArrayElement,
                                     "VUID-VkDescriptorUpdateTemplateEntry-dstArrayElement-00355");
      for (uint32_t e = 0; e < entry->descriptorCount; e++)
         write_descriptor(&c, entry->descriptorType, data + entry->offset + e * entry->stride);
   }
}
