/* VkDevice: creation and destruction, its queues' handles, and private data. */
#include <pthread.h>
#include <string.h>

#include "alloc.h"
#include "device.h"
#include "queue.h"
#include "queue_rules.h"

static VkResult
check_queue_create_infos(const VkDeviceCreateInfo *info, uint32_t *out_queue_count)
{
   uint32_t total = 0;
   for (uint32_t i = 0; i < info->queueCreateInfoCount; i++) {
      const VkDeviceQueueCreateInfo *queue_info = &info->pQueueCreateInfos[i];
      /* VUID-VkDeviceQueueCreateInfo-queueFamilyIndex-00381: "queueFamilyIndex
       * must be less than pQueueFamilyPropertyCount returned by
       * vkGetPhysicalDeviceQueueFamilyProperties"; -queueCount-00382:
       * "queueCount must be less than or equal to the queueCount member of
       * the VkQueueFamilyProperties". */
      if (queue_info->queueFamilyIndex >= MEMVK_QUEUE_FAMILY_COUNT)
         memvk_abort_invalid_usage("VUID-VkDeviceQueueCreateInfo-queueFamilyIndex-00381",
                                   "queueFamilyIndex %u, but memvk has %u queue family",
                                   queue_info->queueFamilyIndex, MEMVK_QUEUE_FAMILY_COUNT);
      if (queue_info->queueCount == 0 || queue_info->queueCount > MEMVK_QUEUE_COUNT)
         memvk_abort_invalid_usage("VUID-VkDeviceQueueCreateInfo-queueCount-00382",
                                   "queueCount %u, but memvk's queue family has %u queues",
                                   queue_info->queueCount, MEMVK_QUEUE_COUNT);
      total += queue_info->queueCount;
   }
   *out_queue_count = total;
   return VK_SUCCESS;
}

static void
destroy_queues(struct memvk_device *device)
{
   for (uint32_t i = 0; i < device->queue_count; i++) {
      if (device->queues[i] != NULL)
         memvk_queue_destroy(device->queues[i]);
   }
   memvk_free(&device->alloc, device->queues);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateDevice(VkPhysicalDevice physicalDevice, const VkDeviceCreateInfo *pCreateInfo,
                   const VkAllocationCallbacks *pAllocator, VkDevice *pDevice)
{
   struct memvk_physical_device *pdev = memvk_physical_device_from_handle(physicalDevice);
   struct memvk_instance *instance = pdev->instance;

   /* "If any of the extensions ... are not supported,
    * VK_ERROR_EXTENSION_NOT_PRESENT." */
   memvk_extension_set enabled = 0;
   for (uint32_t i = 0; i < pCreateInfo->enabledExtensionCount; i++) {
      int ext = memvk_find_extension(pCreateInfo->ppEnabledExtensionNames[i],
                                     MEMVK_FIRST_DEVICE_EXTENSION, MEMVK_DEVICE_EXTENSION_COUNT);
      if (ext < 0)
         return VK_ERROR_EXTENSION_NOT_PRESENT;
      enabled |= MEMVK_EXTENSION_BIT(ext);
   }

   /* "If any of the features requested ... are not supported,
    * VK_ERROR_FEATURE_NOT_PRESENT." */
   struct memvk_enabled_features features = { 0 };
   VkResult result = memvk_physical_device_check_features(pdev, pCreateInfo, &features);
   if (result != VK_SUCCESS)
      return result;

   uint32_t queue_count;
   result = check_queue_create_infos(pCreateInfo, &queue_count);
   if (result != VK_SUCCESS)
      return result;

   const VkAllocationCallbacks *alloc = memvk_choose_allocator(&instance->alloc, pAllocator);
   struct memvk_device *device = memvk_zalloc(alloc, sizeof(*device), 8,
                                              VK_SYSTEM_ALLOCATION_SCOPE_DEVICE);
   if (device == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&device->base, VK_OBJECT_TYPE_DEVICE);
   device->alloc = *alloc;
   device->physical_device = pdev;
   device->instance = instance;
   device->api_version = MEMVK_MIN(instance->api_version, MEMVK_API_VERSION);
   device->enabled_extensions = enabled;
   device->features = features;
   memvk_memory_accounting_init(&device->memory_accounting, &device->alloc, MEMVK_MAX_MEMORY_ALLOCATION_COUNT);

   device->queues = memvk_zalloc(&device->alloc, sizeof(device->queues[0]) * MEMVK_MAX(queue_count, 1),
                                 8, VK_SYSTEM_ALLOCATION_SCOPE_DEVICE);
   if (device->queues == NULL) {
      memvk_memory_accounting_finish(&device->memory_accounting);
      memvk_free(&device->alloc, device);
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   }
   for (uint32_t i = 0; i < pCreateInfo->queueCreateInfoCount; i++) {
      const VkDeviceQueueCreateInfo *queue_info = &pCreateInfo->pQueueCreateInfos[i];
      for (uint32_t q = 0; q < queue_info->queueCount; q++) {
         result = memvk_queue_create(device, queue_info, q, &device->queues[device->queue_count]);
         if (result != VK_SUCCESS) {
            destroy_queues(device);
            memvk_memory_accounting_finish(&device->memory_accounting);
            memvk_free(&device->alloc, device);
            return result;
         }
         device->queue_count++;
      }
   }

   *pDevice = memvk_device_to_handle(device);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyDevice(VkDevice device_handle, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   if (device == NULL)
      return;
   /* "All child objects created using device must have been destroyed prior
    * to destroying device" (VUID-vkDestroyDevice-device-05137) and "all
    * queue submissions ... must have completed": the queues are idle here. */
   destroy_queues(device);
   memvk_memory_accounting_finish(&device->memory_accounting);
   memvk_object_finish(&device->base);
   memvk_free2(&device->instance->alloc, pAllocator, device);
}

/* The n-th queue of a family created with the given flags; NULL if none. */
static struct memvk_queue *
find_queue(struct memvk_device *device, uint32_t family, uint32_t index, VkDeviceQueueCreateFlags flags)
{
   for (uint32_t i = 0; i < device->queue_count; i++) {
      struct memvk_queue *queue = device->queues[i];
      if (queue->family_index == family && queue->index_in_family == index && queue->flags == flags)
         return queue;
   }
   return NULL;
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetDeviceQueue(VkDevice device_handle, uint32_t queueFamilyIndex, uint32_t queueIndex, VkQueue *pQueue)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   /* "vkGetDeviceQueue must only be used to get queues that were created
    * with the flags parameter of VkDeviceQueueCreateInfo set to zero"
    * (VUID-vkGetDeviceQueue-flags-01841). */
   struct memvk_queue *queue = find_queue(device, queueFamilyIndex, queueIndex, 0);
   if (queue == NULL)
      memvk_abort_invalid_usage("VUID-vkGetDeviceQueue-queueIndex-00385",
                                "no queue %u of family %u was created with flags 0",
                                queueIndex, queueFamilyIndex);
   *pQueue = memvk_queue_to_handle(queue);
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetDeviceQueue2(VkDevice device_handle, const VkDeviceQueueInfo2 *pQueueInfo, VkQueue *pQueue)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   /* "If no matching flags were specified at device creation time, then the
    * handle returned in pQueue must be NULL" (VkDeviceQueueInfo2). */
   struct memvk_queue *queue =
      find_queue(device, pQueueInfo->queueFamilyIndex, pQueueInfo->queueIndex, pQueueInfo->flags);
   *pQueue = queue != NULL ? memvk_queue_to_handle(queue) : VK_NULL_HANDLE;
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetDeviceGroupPeerMemoryFeatures(VkDevice device, uint32_t heapIndex, uint32_t localDeviceIndex,
                                       uint32_t remoteDeviceIndex, VkPeerMemoryFeatureFlags *pPeerMemoryFeatures)
{
   (void)device;
   (void)heapIndex;
   /* A device group of one: "localDeviceIndex must not equal
    * remoteDeviceIndex" (VUID-vkGetDeviceGroupPeerMemoryFeatures-localDeviceIndex-00692)
    * cannot be met with both indices below 1, so every call is invalid. */
   memvk_abort_invalid_usage("VUID-vkGetDeviceGroupPeerMemoryFeatures-localDeviceIndex-00692",
                             "localDeviceIndex %u and remoteDeviceIndex %u: memvk's device group has "
                             "one device, so there is no peer", localDeviceIndex, remoteDeviceIndex);
   (void)pPeerMemoryFeatures;
}

/* --- private data (Vulkan 1.3, "Private Data") --------------------------------
 * A slot maps object handles to 64-bit values: an open-addressing hash table
 * with linear probing, grown at half load, guarded by the slot's mutex
 * ("vkSetPrivateData ... Host access to privateDataSlot need not be
 * externally synchronized" is not stated, but objects of a device may be
 * used from any thread, so the slot protects itself). */

struct memvk_private_data_entry {
   uint64_t object;   /* 0: empty (no valid handle is 0) */
   uint64_t data;
};

struct memvk_private_data_slot {
   struct memvk_object base;
   struct memvk_device *device;
   pthread_mutex_t mutex;
   uint32_t capacity;   /* a power of two, or 0 */
   uint32_t used;
   struct memvk_private_data_entry *entries;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_private_data_slot, VkPrivateDataSlot, VK_OBJECT_TYPE_PRIVATE_DATA_SLOT)

static uint32_t
hash_handle(uint64_t handle)
{
   handle ^= handle >> 33;
   handle *= UINT64_C(0xff51afd7ed558ccd);
   handle ^= handle >> 33;
   return (uint32_t)handle;
}

static struct memvk_private_data_entry *
find_entry(struct memvk_private_data_entry *entries, uint32_t capacity, uint64_t object)
{
   for (uint32_t i = hash_handle(object) & (capacity - 1);; i = (i + 1) & (capacity - 1)) {
      if (entries[i].object == object || entries[i].object == 0)
         return &entries[i];
   }
}

static VkResult
grow_slot(struct memvk_private_data_slot *slot)
{
   const uint32_t capacity = slot->capacity ? slot->capacity * 2 : 16;
   struct memvk_private_data_entry *entries =
      memvk_zalloc(&slot->device->alloc, sizeof(*entries) * capacity, 8, VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (entries == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   for (uint32_t i = 0; i < slot->capacity; i++) {
      if (slot->entries[i].object != 0)
         *find_entry(entries, capacity, slot->entries[i].object) = slot->entries[i];
   }
   memvk_free(&slot->device->alloc, slot->entries);
   slot->entries = entries;
   slot->capacity = capacity;
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreatePrivateDataSlot(VkDevice device_handle, const VkPrivateDataSlotCreateInfo *pCreateInfo,
                            const VkAllocationCallbacks *pAllocator, VkPrivateDataSlot *pPrivateDataSlot)
{
   (void)pCreateInfo;
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_private_data_slot *slot =
      memvk_zalloc2(&device->alloc, pAllocator, sizeof(*slot), 8, VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (slot == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&slot->base, VK_OBJECT_TYPE_PRIVATE_DATA_SLOT);
   slot->device = device;
   pthread_mutex_init(&slot->mutex, NULL);
   *pPrivateDataSlot = memvk_private_data_slot_to_handle(slot);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyPrivateDataSlot(VkDevice device_handle, VkPrivateDataSlot privateDataSlot,
                             const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_private_data_slot *slot = memvk_private_data_slot_from_handle(privateDataSlot);
   if (slot == NULL)
      return;
   pthread_mutex_destroy(&slot->mutex);
   memvk_free(&device->alloc, slot->entries);
   memvk_object_finish(&slot->base);
   memvk_free2(&device->alloc, pAllocator, slot);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_SetPrivateData(VkDevice device, VkObjectType objectType, uint64_t objectHandle,
                     VkPrivateDataSlot privateDataSlot, uint64_t data)
{
   (void)device;
   (void)objectType;
   struct memvk_private_data_slot *slot = memvk_private_data_slot_from_handle(privateDataSlot);
   VkResult result = VK_SUCCESS;
   pthread_mutex_lock(&slot->mutex);
   if ((slot->used + 1) * 2 > slot->capacity)
      result = grow_slot(slot);
   if (result == VK_SUCCESS) {
      struct memvk_private_data_entry *entry = find_entry(slot->entries, slot->capacity, objectHandle);
      if (entry->object == 0) {
         entry->object = objectHandle;
         slot->used++;
      }
      entry->data = data;
   }
   pthread_mutex_unlock(&slot->mutex);
   return result;
}

VKAPI_ATTR void VKAPI_CALL
memvk_GetPrivateData(VkDevice device, VkObjectType objectType, uint64_t objectHandle,
                     VkPrivateDataSlot privateDataSlot, uint64_t *pData)
{
   (void)device;
   (void)objectType;
   struct memvk_private_data_slot *slot = memvk_private_data_slot_from_handle(privateDataSlot);
   /* "If no data was previously set ... pData will be set to zero." */
   *pData = 0;
   pthread_mutex_lock(&slot->mutex);
   if (slot->capacity != 0) {
      const struct memvk_private_data_entry *entry = find_entry(slot->entries, slot->capacity, objectHandle);
      if (entry->object == objectHandle)
         *pData = entry->data;
   }
   pthread_mutex_unlock(&slot->mutex);
}
