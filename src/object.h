/* The object model shared by every memvk object.
 *
 * Every Vulkan object memvk creates is a C struct whose first member is a
 * struct memvk_object.  Its first field is the loader's slot: the Vulkan
 * loader writes its own dispatch-table pointer there for dispatchable
 * objects (VkInstance, VkPhysicalDevice, VkDevice, VkQueue, VkCommandBuffer),
 * and checks that the driver first wrote ICD_LOADER_MAGIC there
 * (LoaderDriverInterface.md, "Driver Dispatchable Object Creation").
 * Non-dispatchable handles carry the same header so that every handle can be
 * checked for its type in one way.
 *
 * A handle is the address of its struct: MEMVK_DEFINE_HANDLE_CASTS gives each
 * family a typed pair memvk_<family>_from_handle() / _to_handle(). */
#pragma once

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vulkan/vulkan.h>
#include <vulkan/vk_icd.h>

struct memvk_device;

struct memvk_object {
   VK_LOADER_DATA loader_data;
   VkObjectType type;
};

static inline void
memvk_object_init(struct memvk_object *object, VkObjectType type)
{
   set_loader_magic_value(&object->loader_data);
   object->type = type;
}

/* Marks an object as destroyed; a handle used after destruction then names
 * the wrong type, which the debug checks of memvk_object_check() catch. */
static inline void
memvk_object_finish(struct memvk_object *object)
{
   object->type = VK_OBJECT_TYPE_UNKNOWN;
}

#define MEMVK_DEFINE_HANDLE_CASTS(family, handle_type, object_type)               \
   static_assert(offsetof(struct family, base) == 0,                              \
                 "struct " #family " must start with its struct memvk_object");   \
   static inline struct family *family##_from_handle(handle_type handle)          \
   {                                                                              \
      return (struct family *)(uintptr_t)handle;                                  \
   }                                                                              \
   static inline handle_type family##_to_handle(struct family *object)            \
   {                                                                              \
      return (handle_type)(uintptr_t)object;                                      \
   }                                                                              \
   static inline bool family##_is(const struct memvk_object *object)              \
   {                                                                              \
      return object != NULL && object->type == (object_type);                     \
   }

#define MEMVK_ARRAY_LENGTH(a) (sizeof(a) / sizeof((a)[0]))
#define MEMVK_MIN(a, b) ((a) < (b) ? (a) : (b))
#define MEMVK_MAX(a, b) ((a) > (b) ? (a) : (b))

static inline uint64_t
memvk_align_up(uint64_t value, uint64_t alignment)
{
   return (value + alignment - 1) & ~(alignment - 1);
}

/* Walks a pNext chain for the structure with the given sType; NULL if absent.
 * Unknown structures are skipped, as the spec requires of every chain. */
static inline const void *
memvk_find_struct(const void *chain, VkStructureType type)
{
   for (const VkBaseInStructure *s = chain; s != NULL; s = s->pNext) {
      if (s->sType == type)
         return s;
   }
   return NULL;
}

static inline void *
memvk_find_struct_out(void *chain, VkStructureType type)
{
   for (VkBaseOutStructure *s = chain; s != NULL; s = s->pNext) {
      if (s->sType == type)
         return s;
   }
   return NULL;
}

#define memvk_foreach_struct(s, chain) \
   for (const VkBaseInStructure *s = (const VkBaseInStructure *)(chain); s != NULL; s = s->pNext)

#define memvk_foreach_struct_out(s, chain) \
   for (VkBaseOutStructure *s = (VkBaseOutStructure *)(chain); s != NULL; s = s->pNext)
