/* The loader boundary: the three symbols memvk exports, and every
 * proc-address lookup.
 *
 * The Vulkan loader (LoaderDriverInterface.md) dlopen()s memvk, calls
 * vk_icdNegotiateLoaderICDInterfaceVersion to agree on interface version 7,
 * then asks vk_icdGetInstanceProcAddr for everything else.  Nothing but these
 * three functions is exported (meson.build's version script; tests/exports.sh
 * checks the built library).
 *
 * All lookups search one table, memvk_commands, generated from vk.xml and
 * src/extensions.txt; this file only applies the spec's rules for which names
 * each lookup may return ("Command Function Pointers"). */
#include <stdlib.h>
#include <string.h>

#include "device.h"
#include "instance.h"

#define MEMVK_EXPORT __attribute__((visibility("default")))

/* "The loader and driver negotiate the interface version... the driver
 * returns the highest version it supports that is not greater than the
 * loader's."  From version 5 on the loader passes the application's
 * apiVersion through and the driver must accept any of them; version 7 asks
 * vk_icdGetInstanceProcAddr to answer for the vk_icd* functions.  memvk
 * supports 5 to 7. */
#define MEMVK_LOADER_INTERFACE_VERSION 7u
#define MEMVK_MIN_LOADER_INTERFACE_VERSION 5u

static int
compare_command_name(const void *key, const void *element)
{
   return strcmp(key, ((const struct memvk_command *)element)->name);
}

static const struct memvk_command *
find_command(const char *name)
{
   if (name == NULL || strncmp(name, "vk", 2) != 0)
      return NULL;
   const struct memvk_command *command =
      bsearch(name, memvk_commands, MEMVK_COMMAND_COUNT, sizeof(memvk_commands[0]),
              compare_command_name);
   /* A NULL function is a command memvk has not written yet (see
    * gen_entrypoints.py): it is as unknown as any other name. */
   return command != NULL && command->function != NULL ? command : NULL;
}

static bool
provided(const struct memvk_command *command, uint32_t api_version, memvk_extension_set extensions)
{
   return (command->core_version != 0 && command->core_version <= api_version) ||
          (command->extensions & extensions) != 0;
}

/* vkGetInstanceProcAddr's table (spec, "Command Function Pointers"):
 *   instance NULL: the global commands, and vkGetInstanceProcAddr itself;
 *   instance given: "core dispatchable command", "enabled instance extension
 *     dispatchable command for instance", "available device extension
 *     dispatchable command for instance";
 *   anything else: NULL. */
VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL
memvk_GetInstanceProcAddr(VkInstance instance_handle, const char *name)
{
   const struct memvk_command *command = find_command(name);
   if (command == NULL)
      return NULL;
   if (command->scope == MEMVK_SCOPE_GLOBAL)
      return command->function;
   if (instance_handle == VK_NULL_HANDLE)
      return NULL;

   struct memvk_instance *instance = memvk_instance_from_handle(instance_handle);
   if (command->core_version != 0)
      return command->function;
   const memvk_extension_set all_device_extensions =
      ((MEMVK_EXTENSION_BIT(MEMVK_DEVICE_EXTENSION_COUNT) - 1) << MEMVK_FIRST_DEVICE_EXTENSION);
   if (command->extensions & (instance->enabled_extensions | all_device_extensions))
      return command->function;
   return NULL;
}

/* vkGetDeviceProcAddr's table: "requested core version device-level
 * dispatchable command" and "enabled extension device-level dispatchable
 * command"; NULL otherwise, including for instance- and physical-device-level
 * names.  The "requested core version" is the instance's apiVersion capped at
 * memvk's, so with or without VK_KHR_maintenance5 ("vkGetDeviceProcAddr must
 * return NULL for core commands of a version higher than requested") a newer
 * core command is never returned.  An alias with its own name (vkMapMemory2KHR
 * for vkMapMemory2) is gated by its own providers: the extension name needs
 * the extension enabled, the core name the core version. */
VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL
memvk_GetDeviceProcAddr(VkDevice device_handle, const char *name)
{
   const struct memvk_command *command = find_command(name);
   if (command == NULL || command->scope != MEMVK_SCOPE_DEVICE)
      return NULL;
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   if (!provided(command, device->api_version, device->enabled_extensions))
      return NULL;
   return command->function;
}

/* --- the exported interface ------------------------------------------------ */

MEMVK_EXPORT VKAPI_ATTR VkResult VKAPI_CALL
vk_icdNegotiateLoaderICDInterfaceVersion(uint32_t *pSupportedVersion)
{
   if (*pSupportedVersion < MEMVK_MIN_LOADER_INTERFACE_VERSION)
      return VK_ERROR_INCOMPATIBLE_DRIVER;
   if (*pSupportedVersion > MEMVK_LOADER_INTERFACE_VERSION)
      *pSupportedVersion = MEMVK_LOADER_INTERFACE_VERSION;
   return VK_SUCCESS;
}

MEMVK_EXPORT VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL
vk_icdGetPhysicalDeviceProcAddr(VkInstance instance, const char *pName);

/* Interface version 7: "If an ICD supports any of the following functions,
 * they must be queryable with vk_icdGetInstanceProcAddr:
 * vk_icdNegotiateLoaderICDInterfaceVersion, vk_icdGetPhysicalDeviceProcAddr"
 * (vk_icd.h). */
MEMVK_EXPORT VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL
vk_icdGetInstanceProcAddr(VkInstance instance, const char *pName)
{
   if (pName != NULL && strcmp(pName, "vk_icdNegotiateLoaderICDInterfaceVersion") == 0)
      return (PFN_vkVoidFunction)vk_icdNegotiateLoaderICDInterfaceVersion;
   if (pName != NULL && strcmp(pName, "vk_icdGetPhysicalDeviceProcAddr") == 0)
      return (PFN_vkVoidFunction)vk_icdGetPhysicalDeviceProcAddr;
   return memvk_GetInstanceProcAddr(instance, pName);
}

/* "vk_icdGetPhysicalDeviceProcAddr ... should return NULL if the function is
 * not a physical device function or is not supported by the driver"
 * (LoaderDriverInterface.md): the loader uses it for physical-device commands
 * it has no trampoline for. */
MEMVK_EXPORT VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL
vk_icdGetPhysicalDeviceProcAddr(VkInstance instance, const char *pName)
{
   (void)instance;
   const struct memvk_command *command = find_command(pName);
   if (command == NULL || command->scope != MEMVK_SCOPE_PHYSICAL_DEVICE)
      return NULL;
   return command->function;
}
