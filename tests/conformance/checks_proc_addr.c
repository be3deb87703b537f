/* Checks of "Command Function Pointers" for the map2 commands: which names
 * vkGetDeviceProcAddr answers, and which it must answer with NULL.  They run
 * without layers (a layer may answer vkGetDeviceProcAddr itself). */
#include "conformance.h"

#include <stdio.h>
#include <string.h>

/* Opens a second instance and device; copies a failure or skip into c. */
static bool
open_other(struct ctx *c, struct ctx *other, const struct ctx_options *options)
{
   memset(other, 0, sizeof(*other));
   if (ctx_open(other, options))
      return true;
   c->outcome = other->outcome;
   snprintf(c->why, sizeof(c->why), "%s", other->why);
   ctx_close(other);
   return false;
}

/* vkGetDeviceProcAddr: "requested core version device-level dispatchable
 * command" gives a function pointer, "any other case, not covered above"
 * NULL; VK_KHR_maintenance5: "vkGetDeviceProcAddr will now return NULL for
 * function pointers of core functions for versions higher than the version
 * requested by the application." */
static void
proc_addr_map2_core_needs_api_version_1_4(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   bool checked_non_null = false, checked_null = false;
   if (ctx_device_api_version(c) >= VK_API_VERSION_1_4) {
      EXPECT(c, DEVICE_PROC(c, vkMapMemory2) != NULL, "vkMapMemory2 is NULL with apiVersion 1.4");
      EXPECT(c, DEVICE_PROC(c, vkUnmapMemory2) != NULL, "vkUnmapMemory2 is NULL with apiVersion 1.4");
      checked_non_null = true;
   }
   ctx_close(c);

   struct ctx older;
   const struct ctx_options options = {
      .api_version = VK_API_VERSION_1_3,
      .extensions = { VK_KHR_MAINTENANCE_5_EXTENSION_NAME },
   };
   if (!open_other(c, &older, &options))
      return;
   if (ctx_enabled(&older, VK_KHR_MAINTENANCE_5_EXTENSION_NAME)) {
      bool map_null = DEVICE_PROC(&older, vkMapMemory2) == NULL;
      bool unmap_null = DEVICE_PROC(&older, vkUnmapMemory2) == NULL;
      ctx_close(&older);
      EXPECT(c, map_null, "vkMapMemory2 is not NULL with apiVersion 1.3 and VK_KHR_maintenance5 enabled");
      EXPECT(c, unmap_null, "vkUnmapMemory2 is not NULL with apiVersion 1.3 and VK_KHR_maintenance5 enabled");
      checked_null = true;
   } else {
      ctx_close(&older);
   }
   if (!checked_non_null && !checked_null)
      SKIP(c, "the device supports neither Vulkan 1.4 nor VK_KHR_maintenance5");
   if (!checked_non_null)
      snprintf(c->why, sizeof(c->why), "only the NULL half: the device is not Vulkan 1.4");
   else if (!checked_null)
      snprintf(c->why, sizeof(c->why), "only the non-NULL half: no VK_KHR_maintenance5");
}

/* "A function pointer for a given alias can only be retrieved if the
 * extension or version that introduced that alias is supported and enabled,
 * irrespective of whether any other alias is available." */
static void
proc_addr_map2_khr_needs_the_extension(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   const bool supported = ctx_device_supports(c, VK_KHR_MAP_MEMORY_2_EXTENSION_NAME);
   EXPECT(c, vkGetDeviceProcAddr(c->device, "vkMapMemory2KHR") == NULL,
          "vkMapMemory2KHR is not NULL without VK_KHR_map_memory2 enabled");
   EXPECT(c, vkGetDeviceProcAddr(c->device, "vkUnmapMemory2KHR") == NULL,
          "vkUnmapMemory2KHR is not NULL without VK_KHR_map_memory2 enabled");
   ctx_close(c);
   if (!supported) {
      snprintf(c->why, sizeof(c->why), "only the NULL half: VK_KHR_map_memory2 is not supported");
      return;
   }
   struct ctx with;
   const struct ctx_options options = { .extensions = { VK_KHR_MAP_MEMORY_2_EXTENSION_NAME } };
   if (!open_other(c, &with, &options))
      return;
   bool map = vkGetDeviceProcAddr(with.device, "vkMapMemory2KHR") != NULL;
   bool unmap = vkGetDeviceProcAddr(with.device, "vkUnmapMemory2KHR") != NULL;
   ctx_close(&with);
   EXPECT(c, map, "vkMapMemory2KHR is NULL with VK_KHR_map_memory2 enabled");
   EXPECT(c, unmap, "vkUnmapMemory2KHR is NULL with VK_KHR_map_memory2 enabled");
}

/* vkGetDeviceProcAddr returns a function pointer only for device-level
 * commands ("In this function, device-level excludes all physical-device-level
 * commands"); for "any other case, not covered above" it returns NULL:
 * instance-level and physical-device-level names, unknown names, "". */
static void
proc_addr_device_returns_null_for_non_device_names(struct ctx *c)
{
   if (!ctx_open(c, NULL))
      return;
   EXPECT(c, vkGetDeviceProcAddr(c->device, "vkMapMemory") != NULL, "vkMapMemory is NULL");
   EXPECT(c, vkGetDeviceProcAddr(c->device, "vkAllocateMemory") != NULL, "vkAllocateMemory is NULL");
   static const char *const names[] = {
      "vkCreateInstance", "vkDestroyInstance", "vkEnumerateInstanceVersion",
      "vkEnumerateInstanceExtensionProperties", "vkEnumeratePhysicalDevices",
      "vkGetPhysicalDeviceProperties", "vkGetPhysicalDeviceMemoryProperties2",
      "vkCreateDevice", "vkEnumerateDeviceExtensionProperties",
      "vkMapMemory3", "vkDoesNotExist", "vkmapmemory", "vkMapMemory2XYZ", "",
   };
   for (size_t i = 0; i < ARRAY_LENGTH(names); i++) {
      EXPECT(c, vkGetDeviceProcAddr(c->device, names[i]) == NULL,
             "vkGetDeviceProcAddr(device, \"%s\") is not NULL", names[i]);
   }
}

const struct check proc_addr_checks[] = {
   { "proc_addr_map2_core_needs_api_version_1_4",
     "vkGetDeviceProcAddr: \"requested core version device-level dispatchable command\" -> fp, \"any other "
     "case\" -> NULL; VK_KHR_maintenance5: NULL \"for core functions for versions higher than the version "
     "requested by the application\"",
     proc_addr_map2_core_needs_api_version_1_4 },
   { "proc_addr_map2_khr_needs_the_extension",
     "\"A function pointer for a given alias can only be retrieved if the extension or version that "
     "introduced that alias is supported and enabled, irrespective of whether any other alias is available.\"",
     proc_addr_map2_khr_needs_the_extension },
   { "proc_addr_device_returns_null_for_non_device_names",
     "vkGetDeviceProcAddr: \"device-level excludes all physical-device-level commands\"; \"any other case, "
     "not covered above\" -> NULL",
     proc_addr_device_returns_null_for_non_device_names },
};
const size_t proc_addr_check_count = ARRAY_LENGTH(proc_addr_checks);
