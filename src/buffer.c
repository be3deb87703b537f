/* VkBuffer and VkBufferView: a buffer is a range of a VkDeviceMemory.
 *
 * A buffer owns no bytes; it records where vkBindBufferMemory(2) put it.
 * Every buffer lives in the host-visible memory type: the lazily allocated
 * type is not host visible, so the host could not reach a buffer there, and
 * it exists for transient attachment images (image.c).
 * docs/resources.md states the rules. */
#include "buffer.h"

#include <inttypes.h>
#include <stdalign.h>

#include "alloc.h"
#include "constants.h"
#include "format.h"
#include "queue_rules.h"

/* maintenance5: a VkBufferUsageFlags2CreateInfo in the chain of a buffer
 * creation structure gives the usage, and the structure's own usage member
 * is then ignored. */
static VkBufferUsageFlags2KHR
buffer_usage(const void *chain, VkBufferUsageFlags usage)
{
   const VkBufferUsageFlags2CreateInfo *usage2 =
      memvk_find_struct(chain, VK_STRUCTURE_TYPE_BUFFER_USAGE_FLAGS_2_CREATE_INFO);
   return usage2 != NULL ? usage2->usage : usage;
}

/* The one rule for every buffer, with or without an object: the buffer's
 * size rounded up to the resource alignment, in the host-visible type. */
static void
buffer_memory_requirements(VkDeviceSize size, VkMemoryRequirements2 *requirements)
{
   requirements->memoryRequirements = (VkMemoryRequirements){
      .size = memvk_align_up(size, MEMVK_RESOURCE_ALIGNMENT),
      .alignment = MEMVK_RESOURCE_ALIGNMENT,
      .memoryTypeBits = 1u << MEMVK_MEMORY_TYPE_HOST,
   };
   memvk_foreach_struct_out(s, requirements->pNext) {
      if (s->sType == VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS) {
         /* Any offset of any allocation serves a buffer equally well. */
         VkMemoryDedicatedRequirements *dedicated = (VkMemoryDedicatedRequirements *)s;
         dedicated->prefersDedicatedAllocation = VK_FALSE;
         dedicated->requiresDedicatedAllocation = VK_FALSE;
      }
   }
}

static void
check_buffer_create_info(const VkBufferCreateInfo *info)
{
   if (info->size == 0)
      memvk_abort_invalid_usage("VUID-VkBufferCreateInfo-size-00912", "size must be greater than 0");
   /* memvk enables no sparse feature, so no sparse flag can be valid. */
   if (info->flags & (VK_BUFFER_CREATE_SPARSE_BINDING_BIT | VK_BUFFER_CREATE_SPARSE_RESIDENCY_BIT |
                      VK_BUFFER_CREATE_SPARSE_ALIASED_BIT))
      memvk_abort_invalid_usage("VUID-VkBufferCreateInfo-flags-00915",
                                "sparse buffer flags need the sparseBinding feature, which memvk "
                                "does not offer");
   if (info->size > MEMVK_MAX_BUFFER_SIZE)
      memvk_abort_invalid_usage("VUID-VkBufferCreateInfo-size-06409",
                                "size %" PRIu64 " exceeds maxBufferSize %" PRIu64, info->size,
                                (uint64_t)MEMVK_MAX_BUFFER_SIZE);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateBuffer(VkDevice _device, const VkBufferCreateInfo *pCreateInfo,
                   const VkAllocationCallbacks *pAllocator, VkBuffer *pBuffer)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   check_buffer_create_info(pCreateInfo);

   struct memvk_buffer *buffer = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*buffer),
                                               alignof(struct memvk_buffer),
                                               VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (buffer == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&buffer->base, VK_OBJECT_TYPE_BUFFER);
   buffer->size = pCreateInfo->size;
   buffer->flags = pCreateInfo->flags;
   buffer->usage = buffer_usage(pCreateInfo->pNext, pCreateInfo->usage);

   /* memvk's buffer addresses are the memory's address plus the bind offset,
    * so replaying the memory's capture address replays the buffer's; a
    * buffer needs no address of its own, and only echoes back what it was
    * given ("If the buffer was created with a non-zero value of
    * VkBufferOpaqueCaptureAddressCreateInfo::opaqueCaptureAddress the return
    * value must be the same address"). */
   const VkBufferOpaqueCaptureAddressCreateInfo *capture =
      memvk_find_struct(pCreateInfo->pNext, VK_STRUCTURE_TYPE_BUFFER_OPAQUE_CAPTURE_ADDRESS_CREATE_INFO);
   if (capture != NULL)
      buffer->opaque_capture_address = capture->opaqueCaptureAddress;

   *pBuffer = memvk_buffer_to_handle(buffer);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyBuffer(VkDevice _device, VkBuffer _buffer, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_buffer *buffer = memvk_buffer_from_handle(_buffer);
   if (buffer == NULL)
      return;
   memvk_object_finish(&buffer->base);
   memvk_free2(&device->alloc, pAllocator, buffer);
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetBufferMemoryRequirements2(VkDevice device, const VkBufferMemoryRequirementsInfo2 *pInfo,
                                   VkMemoryRequirements2 *pMemoryRequirements)
{
   (void)device;
   const struct memvk_buffer *buffer = memvk_buffer_from_handle(pInfo->buffer);
   buffer_memory_requirements(buffer->size, pMemoryRequirements);
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetBufferMemoryRequirements(VkDevice device, VkBuffer buffer,
                                  VkMemoryRequirements *pMemoryRequirements)
{
   const VkBufferMemoryRequirementsInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2,
      .buffer = buffer,
   };
   VkMemoryRequirements2 requirements = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2 };
   memvk_GetBufferMemoryRequirements2(device, &info, &requirements);
   *pMemoryRequirements = requirements.memoryRequirements;
}

/* Vulkan 1.3 / maintenance4: the requirements a buffer made from
 * pCreateInfo would report, without making it. */
VKAPI_ATTR void VKAPI_CALL
memvk_GetDeviceBufferMemoryRequirements(VkDevice device, const VkDeviceBufferMemoryRequirements *pInfo,
                                        VkMemoryRequirements2 *pMemoryRequirements)
{
   (void)device;
   check_buffer_create_info(pInfo->pCreateInfo);
   buffer_memory_requirements(pInfo->pCreateInfo->size, pMemoryRequirements);
}

static void
bind_buffer_memory(const VkBindBufferMemoryInfo *info)
{
   struct memvk_buffer *buffer = memvk_buffer_from_handle(info->buffer);
   struct memvk_device_memory *memory = memvk_device_memory_from_handle(info->memory);

   if (buffer->memory != NULL)
      memvk_abort_invalid_usage("VUID-VkBindBufferMemoryInfo-buffer-07459",
                                "the buffer is already bound to memory");
   if (!(1u << memory->type_index & 1u << MEMVK_MEMORY_TYPE_HOST))
      memvk_abort_invalid_usage("VUID-VkBindBufferMemoryInfo-memory-01035",
                                "memory type %u is not in the buffer's memoryTypeBits",
                                memory->type_index);
   if (info->memoryOffset % MEMVK_RESOURCE_ALIGNMENT != 0)
      memvk_abort_invalid_usage("VUID-VkBindBufferMemoryInfo-memoryOffset-01036",
                                "memoryOffset %" PRIu64 " is not a multiple of the required "
                                "alignment %u", info->memoryOffset, MEMVK_RESOURCE_ALIGNMENT);
   /* memory.c gives an address range only to memory allocated with
    * VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT. */
   if ((buffer->usage & VK_BUFFER_USAGE_2_SHADER_DEVICE_ADDRESS_BIT) && memory->device_address == 0)
      memvk_abort_invalid_usage("VUID-VkBindBufferMemoryInfo-bufferDeviceAddress-03339",
                                "a buffer with VK_BUFFER_USAGE_SHADER_DEVICE_ADDRESS_BIT needs memory "
                                "allocated with VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT");
   const VkDeviceSize required = memvk_align_up(buffer->size, MEMVK_RESOURCE_ALIGNMENT);
   if (info->memoryOffset >= memory->size || required > memory->size - info->memoryOffset)
      memvk_abort_invalid_usage("VUID-VkBindBufferMemoryInfo-size-01037",
                                "the buffer's required size %" PRIu64 " does not fit in the "
                                "memory's %" PRIu64 " bytes after memoryOffset %" PRIu64,
                                required, memory->size, info->memoryOffset);

   buffer->memory = memory;
   buffer->memory_offset = info->memoryOffset;
}

/* Binding cannot fail in memvk: it records where the buffer lives.  Every
 * VkBindMemoryStatus (maintenance6) still gets its result: "pResult is a
 * pointer to a VkResult value" that the implementation writes for that
 * bind. */
VKAPI_ATTR VkResult VKAPI_CALL
memvk_BindBufferMemory2(VkDevice device, uint32_t bindInfoCount, const VkBindBufferMemoryInfo *pBindInfos)
{
   (void)device;
   for (uint32_t i = 0; i < bindInfoCount; i++) {
      bind_buffer_memory(&pBindInfos[i]);
      const VkBindMemoryStatus *status =
         memvk_find_struct(pBindInfos[i].pNext, VK_STRUCTURE_TYPE_BIND_MEMORY_STATUS);
      if (status != NULL)
         *status->pResult = VK_SUCCESS;
   }
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_BindBufferMemory(VkDevice device, VkBuffer buffer, VkDeviceMemory memory, VkDeviceSize memoryOffset)
{
   const VkBindBufferMemoryInfo info = {
      .sType = VK_STRUCTURE_TYPE_BIND_BUFFER_MEMORY_INFO,
      .buffer = buffer,
      .memory = memory,
      .memoryOffset = memoryOffset,
   };
   return memvk_BindBufferMemory2(device, 1, &info);
}

VKAPI_ATTR VkDeviceAddress VKAPI_CALL
memvk_GetBufferDeviceAddress(VkDevice device, const VkBufferDeviceAddressInfo *pInfo)
{
   (void)device;
   const struct memvk_buffer *buffer = memvk_buffer_from_handle(pInfo->buffer);
   if (buffer->memory == NULL && (buffer->flags & VK_BUFFER_CREATE_DEVICE_ADDRESS_CAPTURE_REPLAY_BIT))
      return buffer->opaque_capture_address;
   if (buffer->memory == NULL)
      memvk_abort_invalid_usage("VUID-VkBufferDeviceAddressInfo-buffer-02600",
                                "the buffer must be bound completely and contiguously to a single "
                                "VkDeviceMemory object before its address is queried");
   return buffer->memory->device_address + buffer->memory_offset;
}

VKAPI_ATTR uint64_t VKAPI_CALL
memvk_GetBufferOpaqueCaptureAddress(VkDevice device, const VkBufferDeviceAddressInfo *pInfo)
{
   (void)device;
   return memvk_buffer_from_handle(pInfo->buffer)->opaque_capture_address;
}

/* --- buffer views ------------------------------------------------------- */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateBufferView(VkDevice _device, const VkBufferViewCreateInfo *pCreateInfo,
                       const VkAllocationCallbacks *pAllocator, VkBufferView *pView)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_buffer *buffer = memvk_buffer_from_handle(pCreateInfo->buffer);
   const struct memvk_format_info *format = memvk_format_info(pCreateInfo->format);

   if (format == NULL || memvk_format_buffer_features(pCreateInfo->format) == 0)
      memvk_abort_invalid_usage("VUID-VkBufferViewCreateInfo-format-08778",
                                "format %d has no texel buffer features on memvk",
                                pCreateInfo->format);
   if (pCreateInfo->offset >= buffer->size)
      memvk_abort_invalid_usage("VUID-VkBufferViewCreateInfo-offset-00925",
                                "offset %" PRIu64 " must be less than the buffer's size %" PRIu64,
                                pCreateInfo->offset, buffer->size);

   /* "If range is equal to VK_WHOLE_SIZE, the range from offset to the end
    * of the buffer is used. If VK_WHOLE_SIZE is used and the remaining size
    * of the buffer is not a multiple of the texel block size of format, the
    * nearest smaller multiple is used." */
   VkDeviceSize range = pCreateInfo->range;
   if (range == VK_WHOLE_SIZE) {
      range = buffer->size - pCreateInfo->offset;
      range -= range % format->block_size;
   } else if (range > buffer->size - pCreateInfo->offset) {
      memvk_abort_invalid_usage("VUID-VkBufferViewCreateInfo-offset-00931",
                                "offset + range must not exceed the buffer's size");
   }

   struct memvk_buffer_view *view = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*view),
                                                  alignof(struct memvk_buffer_view),
                                                  VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (view == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&view->base, VK_OBJECT_TYPE_BUFFER_VIEW);
   view->buffer = buffer;
   view->format = pCreateInfo->format;
   view->offset = pCreateInfo->offset;
   view->range = range;
   /* A view's VkBufferUsageFlags2CreateInfo narrows the buffer's usage
    * (VUID-VkBufferViewCreateInfo-pNext-08781: a subset of it); without one,
    * the view has the buffer's usage. */
   const VkBufferUsageFlags2CreateInfo *usage2 =
      memvk_find_struct(pCreateInfo->pNext, VK_STRUCTURE_TYPE_BUFFER_USAGE_FLAGS_2_CREATE_INFO);
   view->usage = usage2 != NULL ? usage2->usage : buffer->usage;

   *pView = memvk_buffer_view_to_handle(view);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyBufferView(VkDevice _device, VkBufferView bufferView, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(_device);
   struct memvk_buffer_view *view = memvk_buffer_view_from_handle(bufferView);
   if (view == NULL)
      return;
   memvk_object_finish(&view->base);
   memvk_free2(&device->alloc, pAllocator, view);
}
