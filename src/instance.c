/* VkInstance: creation, destruction, and the global queries. */
#include <string.h>

#include "alloc.h"
#include "instance.h"

VKAPI_ATTR VkResult VKAPI_CALL
memvk_EnumerateInstanceVersion(uint32_t *pApiVersion)
{
   *pApiVersion = MEMVK_API_VERSION;
   return VK_SUCCESS;
}

/* The shared shape of every vkEnumerate*Properties: "If pProperties is NULL,
 * then the number of ... available is returned in pPropertyCount.
 * Otherwise, pPropertyCount must point to a variable set by the application
 * to the number of elements in the pProperties array, and on return the
 * variable is overwritten with the number of structures actually written
 * ... If pPropertyCount is less than the number ... available, at most
 * pPropertyCount structures will be written, and VK_INCOMPLETE will be
 * returned instead of VK_SUCCESS". */
VkResult
memvk_enumerate_extensions(uint32_t first, uint32_t count, uint32_t *pPropertyCount,
                           VkExtensionProperties *pProperties)
{
   if (pProperties == NULL) {
      *pPropertyCount = count;
      return VK_SUCCESS;
   }
   const uint32_t written = MEMVK_MIN(*pPropertyCount, count);
   memcpy(pProperties, &memvk_extension_properties[first], written * sizeof(*pProperties));
   *pPropertyCount = written;
   return written < count ? VK_INCOMPLETE : VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_EnumerateInstanceExtensionProperties(const char *pLayerName, uint32_t *pPropertyCount,
                                           VkExtensionProperties *pProperties)
{
   /* memvk is a driver and has no layers: "If pLayerName is the name of a
    * layer that is not available, VK_ERROR_LAYER_NOT_PRESENT". */
   if (pLayerName != NULL)
      return VK_ERROR_LAYER_NOT_PRESENT;
   return memvk_enumerate_extensions(MEMVK_FIRST_INSTANCE_EXTENSION, MEMVK_INSTANCE_EXTENSION_COUNT,
                                     pPropertyCount, pProperties);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_EnumerateInstanceLayerProperties(uint32_t *pPropertyCount, VkLayerProperties *pProperties)
{
   (void)pProperties;
   *pPropertyCount = 0;
   return VK_SUCCESS;
}

/* Finds an extension by name within [first, first + count); -1 if absent. */
int
memvk_find_extension(const char *name, uint32_t first, uint32_t count)
{
   for (uint32_t i = first; i < first + count; i++) {
      if (strcmp(name, memvk_extension_properties[i].extensionName) == 0)
         return (int)i;
   }
   return -1;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateInstance(const VkInstanceCreateInfo *pCreateInfo, const VkAllocationCallbacks *pAllocator,
                     VkInstance *pInstance)
{
   memvk_extension_set enabled = 0;
   /* "If any of the extensions ... are not supported,
    * VK_ERROR_EXTENSION_NOT_PRESENT".  memvk has no layers; the loader
    * strips layer names before the driver sees the create info. */
   for (uint32_t i = 0; i < pCreateInfo->enabledExtensionCount; i++) {
      int ext = memvk_find_extension(pCreateInfo->ppEnabledExtensionNames[i],
                                     MEMVK_FIRST_INSTANCE_EXTENSION, MEMVK_INSTANCE_EXTENSION_COUNT);
      if (ext < 0)
         return VK_ERROR_EXTENSION_NOT_PRESENT;
      enabled |= MEMVK_EXTENSION_BIT(ext);
   }

   const VkAllocationCallbacks *alloc = pAllocator != NULL ? pAllocator : &memvk_default_allocator;
   struct memvk_instance *instance = memvk_zalloc(alloc, sizeof(*instance), 8,
                                                  VK_SYSTEM_ALLOCATION_SCOPE_INSTANCE);
   if (instance == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;

   memvk_object_init(&instance->base, VK_OBJECT_TYPE_INSTANCE);
   instance->alloc = *alloc;
   instance->enabled_extensions = enabled;
   const VkApplicationInfo *app = pCreateInfo->pApplicationInfo;
   instance->api_version = (app != NULL && app->apiVersion != 0) ? app->apiVersion : VK_API_VERSION_1_0;
   memvk_physical_device_init(&instance->physical_device, instance);

   *pInstance = memvk_instance_to_handle(instance);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyInstance(VkInstance instance_handle, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_instance *instance = memvk_instance_from_handle(instance_handle);
   if (instance == NULL)
      return;
   memvk_object_finish(&instance->physical_device.base);
   memvk_object_finish(&instance->base);
   memvk_free2(&instance->alloc, pAllocator, instance);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_EnumeratePhysicalDevices(VkInstance instance_handle, uint32_t *pPhysicalDeviceCount,
                               VkPhysicalDevice *pPhysicalDevices)
{
   struct memvk_instance *instance = memvk_instance_from_handle(instance_handle);
   if (pPhysicalDevices == NULL) {
      *pPhysicalDeviceCount = 1;
      return VK_SUCCESS;
   }
   if (*pPhysicalDeviceCount == 0)
      return VK_INCOMPLETE;
   pPhysicalDevices[0] = memvk_physical_device_to_handle(&instance->physical_device);
   *pPhysicalDeviceCount = 1;
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_EnumeratePhysicalDeviceGroups(VkInstance instance_handle, uint32_t *pPhysicalDeviceGroupCount,
                                    VkPhysicalDeviceGroupProperties *pPhysicalDeviceGroupProperties)
{
   struct memvk_instance *instance = memvk_instance_from_handle(instance_handle);
   if (pPhysicalDeviceGroupProperties == NULL) {
      *pPhysicalDeviceGroupCount = 1;
      return VK_SUCCESS;
   }
   if (*pPhysicalDeviceGroupCount == 0)
      return VK_INCOMPLETE;
   VkPhysicalDeviceGroupProperties *group = &pPhysicalDeviceGroupProperties[0];
   group->physicalDeviceCount = 1;
   memset(group->physicalDevices, 0, sizeof(group->physicalDevices));
   group->physicalDevices[0] = memvk_physical_device_to_handle(&instance->physical_device);
   /* "If physicalDeviceCount is 1, subsetAllocation must be VK_FALSE". */
   group->subsetAllocation = VK_FALSE;
   *pPhysicalDeviceGroupCount = 1;
   return VK_SUCCESS;
}
