/* VkInstance and VkPhysicalDevice. */
#pragma once

#include "memvk_entrypoints.h"
#include "constants.h"
#include "object.h"

struct memvk_instance;

/* memvk's one physical device, which lives inside its instance. */
struct memvk_physical_device {
   struct memvk_object base;
   struct memvk_instance *instance;
   /* Facts about the machine, read once when the instance is created. */
   uint64_t heap_size;   /* physical RAM, bytes */
   uint64_t page_size;   /* minPlacedMemoryMapAlignment */
   uint8_t pipeline_cache_uuid[VK_UUID_SIZE];
   uint8_t device_uuid[VK_UUID_SIZE];
   uint8_t driver_uuid[VK_UUID_SIZE];
};

struct memvk_instance {
   struct memvk_object base;
   VkAllocationCallbacks alloc;
   /* VkApplicationInfo::apiVersion, or 1.0 when the application gave none
    * ("If pApplicationInfo is NULL, or if apiVersion is 0, the
    * implementation must ignore it" and behave as for 1.0). */
   uint32_t api_version;
   memvk_extension_set enabled_extensions;
   struct memvk_physical_device physical_device;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_instance, VkInstance, VK_OBJECT_TYPE_INSTANCE)
MEMVK_DEFINE_HANDLE_CASTS(memvk_physical_device, VkPhysicalDevice, VK_OBJECT_TYPE_PHYSICAL_DEVICE)

/* physical_device.c: fills the machine facts of a new instance's device. */
void memvk_physical_device_init(struct memvk_physical_device *pdev, struct memvk_instance *instance);

struct memvk_enabled_features;

/* physical_device.c, for vkCreateDevice: VK_ERROR_FEATURE_NOT_PRESENT if
 * pEnabledFeatures or any features structure in info->pNext asks for a
 * feature memvk does not report; otherwise VK_SUCCESS, with `enabled` set
 * from what was asked. */
VkResult memvk_physical_device_check_features(const struct memvk_physical_device *pdev,
                                              const VkDeviceCreateInfo *info,
                                              struct memvk_enabled_features *enabled);

/* instance.c: shared by the instance and device extension queries. */
VkResult memvk_enumerate_extensions(uint32_t first, uint32_t count, uint32_t *pPropertyCount,
                                    VkExtensionProperties *pProperties);
int memvk_find_extension(const char *name, uint32_t first, uint32_t count);
