/* The driver's side of the loader interface, tested without the loader in
 * between: the loader answers many proc-address queries itself, and the
 * validation layer answers vkGetDeviceProcAddr itself, so the spec's NULL
 * rules for memvk's own answers are checked by calling memvk's exported
 * vk_icd* functions directly, as the loader does.
 *
 *   icd_interface LIBRARY
 *
 * Also here: the host-allocation failure sweep, which must count memvk's
 * allocations alone (the loader allocates through the same callbacks). */
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vulkan/vulkan.h>
#include <vulkan/vk_icd.h>

static unsigned passed, failed;
static const char *current_test;
static bool current_failed;

#define CHECK(cond)                                                              \
   do {                                                                          \
      if (!(cond)) {                                                             \
         if (!current_failed)                                                    \
            printf("FAIL %s: %s:%d: check failed: %s\n", current_test, __FILE__, \
                   __LINE__, #cond);                                             \
         current_failed = true;                                                  \
      }                                                                          \
   } while (0)

static void
begin(const char *name)
{
   current_test = name;
   current_failed = false;
}

static void
end(void)
{
   if (current_failed) {
      failed++;
   } else {
      printf("PASS %s\n", current_test);
      passed++;
   }
   fflush(stdout);
}

static PFN_vkGetInstanceProcAddr icd_gipa;
static PFN_GetPhysicalDeviceProcAddr icd_gpdpa;
static PFN_vkNegotiateLoaderICDInterfaceVersion icd_negotiate;

#define GLOBAL(name) ((PFN_##name)icd_gipa(VK_NULL_HANDLE, #name))
#define INSTANCE(instance, name) ((PFN_##name)icd_gipa(instance, #name))

/* memvk's dispatchable objects start with the loader's slot; in the real
 * loader it is overwritten with the loader's dispatch pointer.  Here it must
 * hold ICD_LOADER_MAGIC (LoaderDriverInterface.md, "Driver Dispatchable
 * Object Creation"). */
static bool
has_loader_magic(const void *handle)
{
   return handle != NULL && ((const VK_LOADER_DATA *)handle)->loaderMagic == ICD_LOADER_MAGIC;
}

struct driver {
   VkInstance instance;
   VkPhysicalDevice physical_device;
   VkDevice device;
   PFN_vkGetDeviceProcAddr gdpa;
};

static VkResult
create_driver(struct driver *d, uint32_t api_version, const char *const *instance_extensions,
              uint32_t instance_extension_count, const char *const *device_extensions,
              uint32_t device_extension_count, const void *device_pnext,
              const VkAllocationCallbacks *allocator)
{
   memset(d, 0, sizeof(*d));
   const VkApplicationInfo app = {
      .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
      .apiVersion = api_version,
   };
   const VkInstanceCreateInfo instance_info = {
      .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
      .pApplicationInfo = api_version ? &app : NULL,
      .enabledExtensionCount = instance_extension_count,
      .ppEnabledExtensionNames = instance_extensions,
   };
   VkResult result = GLOBAL(vkCreateInstance)(&instance_info, allocator, &d->instance);
   if (result != VK_SUCCESS) {
      d->instance = VK_NULL_HANDLE;
      return result;
   }
   uint32_t count = 1;
   result = INSTANCE(d->instance, vkEnumeratePhysicalDevices)(d->instance, &count, &d->physical_device);
   if (result != VK_SUCCESS)
      return result;
   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = 0,
      .queueCount = 2,
      .pQueuePriorities = (const float[]){ priority, priority },
   };
   const VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .pNext = device_pnext,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
      .enabledExtensionCount = device_extension_count,
      .ppEnabledExtensionNames = device_extensions,
   };
   result = INSTANCE(d->instance, vkCreateDevice)(d->physical_device, &device_info, allocator, &d->device);
   if (result != VK_SUCCESS) {
      d->device = VK_NULL_HANDLE;
      return result;
   }
   d->gdpa = INSTANCE(d->instance, vkGetDeviceProcAddr);
   return VK_SUCCESS;
}

static void
destroy_driver(struct driver *d, const VkAllocationCallbacks *allocator)
{
   if (d->device != VK_NULL_HANDLE)
      ((PFN_vkDestroyDevice)d->gdpa(d->device, "vkDestroyDevice"))(d->device, allocator);
   if (d->instance != VK_NULL_HANDLE)
      INSTANCE(d->instance, vkDestroyInstance)(d->instance, allocator);
}

/* --- negotiation ----------------------------------------------------------- */

static void
test_negotiates_interface_version_7(void)
{
   begin("negotiates_interface_version_7");
   uint32_t version = 7;
   CHECK(icd_negotiate(&version) == VK_SUCCESS && version == 7);
   version = 99;
   CHECK(icd_negotiate(&version) == VK_SUCCESS && version == 7);
   version = 5;
   CHECK(icd_negotiate(&version) == VK_SUCCESS && version == 5);
   /* Before version 5 the loader did not pass the application's apiVersion
    * through; memvk refuses to run under such a loader. */
   version = 1;
   CHECK(icd_negotiate(&version) == VK_ERROR_INCOMPATIBLE_DRIVER);
   end();
}

static void
test_icd_functions_queryable_through_gipa(void)
{
   /* vk_icd.h, interface version 7: "If an ICD supports any of the following
    * functions, they must be queryable with vk_icdGetInstanceProcAddr". */
   begin("icd_functions_queryable_through_gipa");
   CHECK(icd_gipa(VK_NULL_HANDLE, "vk_icdNegotiateLoaderICDInterfaceVersion") == (PFN_vkVoidFunction)icd_negotiate);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vk_icdGetPhysicalDeviceProcAddr") == (PFN_vkVoidFunction)icd_gpdpa);
   end();
}

/* --- vkGetInstanceProcAddr ------------------------------------------------- */

static void
test_gipa_null_instance_returns_only_global_commands(void)
{
   /* "Command Function Pointers": with instance NULL, the global commands
    * (vkEnumerateInstanceVersion, vkEnumerateInstanceExtensionProperties,
    * vkEnumerateInstanceLayerProperties, vkCreateInstance) and
    * vkGetInstanceProcAddr itself; "any other case: NULL". */
   begin("gipa_null_instance_returns_only_global_commands");
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkCreateInstance") != NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkEnumerateInstanceVersion") != NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkEnumerateInstanceExtensionProperties") != NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkEnumerateInstanceLayerProperties") != NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkGetInstanceProcAddr") != NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkDestroyInstance") == NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkEnumeratePhysicalDevices") == NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkCreateDevice") == NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkMapMemory") == NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "vkNotACommand") == NULL);
   CHECK(icd_gipa(VK_NULL_HANDLE, "") == NULL);
   end();
}

static void
test_instance_version_is_1_4(void)
{
   /* The loader answers vkEnumerateInstanceVersion with its own version, so
    * memvk's answer is asked directly: memvk implements Vulkan 1.4. */
   begin("instance_version_is_1_4");
   uint32_t version = 0;
   CHECK(GLOBAL(vkEnumerateInstanceVersion)(&version) == VK_SUCCESS);
   CHECK(VK_API_VERSION_MAJOR(version) == 1 && VK_API_VERSION_MINOR(version) == 4);
   end();
}

static void
test_gipa_instance_returns_core_and_supported_commands(void)
{
   begin("gipa_instance_returns_core_and_supported_commands");
   struct driver d;
   CHECK(create_driver(&d, VK_API_VERSION_1_1, NULL, 0, NULL, 0, NULL, NULL) == VK_SUCCESS);
   if (d.instance != VK_NULL_HANDLE) {
      /* "core dispatchable command": of every level, any core version. */
      CHECK(icd_gipa(d.instance, "vkEnumeratePhysicalDevices") != NULL);
      CHECK(icd_gipa(d.instance, "vkGetPhysicalDeviceProperties2") != NULL);
      CHECK(icd_gipa(d.instance, "vkMapMemory") != NULL);
      CHECK(icd_gipa(d.instance, "vkMapMemory2") != NULL);
      /* "available device extension dispatchable command for instance". */
      CHECK(icd_gipa(d.instance, "vkMapMemory2KHR") != NULL);
      /* An instance extension's command only when that extension is enabled. */
      CHECK(icd_gipa(d.instance, "vkGetPhysicalDeviceProperties2KHR") == NULL);
      /* A command of an extension memvk does not implement. */
      CHECK(icd_gipa(d.instance, "vkCreateSwapchainKHR") == NULL);
      CHECK(icd_gipa(d.instance, "vkNotACommand") == NULL);
      CHECK(icd_gipa(d.instance, "") == NULL);
   }
   destroy_driver(&d, NULL);

   const char *ext = "VK_KHR_get_physical_device_properties2";
   CHECK(create_driver(&d, VK_API_VERSION_1_0, &ext, 1, NULL, 0, NULL, NULL) == VK_SUCCESS);
   if (d.instance != VK_NULL_HANDLE)
      CHECK(icd_gipa(d.instance, "vkGetPhysicalDeviceProperties2KHR") != NULL);
   destroy_driver(&d, NULL);
   end();
}

static void
test_gpdpa_returns_only_physical_device_commands(void)
{
   /* LoaderDriverInterface.md: vk_icdGetPhysicalDeviceProcAddr "should
    * return NULL if the function is not a physical device function". */
   begin("gpdpa_returns_only_physical_device_commands");
   struct driver d;
   CHECK(create_driver(&d, VK_API_VERSION_1_4, NULL, 0, NULL, 0, NULL, NULL) == VK_SUCCESS);
   if (d.instance != VK_NULL_HANDLE) {
      CHECK(icd_gpdpa(d.instance, "vkGetPhysicalDeviceProperties2") != NULL);
      CHECK(icd_gpdpa(d.instance, "vkGetPhysicalDeviceMemoryProperties") != NULL);
      CHECK(icd_gpdpa(d.instance, "vkCreateInstance") == NULL);
      CHECK(icd_gpdpa(d.instance, "vkEnumeratePhysicalDevices") == NULL);
      CHECK(icd_gpdpa(d.instance, "vkCreateBuffer") == NULL);
      CHECK(icd_gpdpa(d.instance, "vkNotACommand") == NULL);
      CHECK(icd_gpdpa(d.instance, "") == NULL);
   }
   destroy_driver(&d, NULL);
   end();
}

static void
test_dispatchable_objects_carry_loader_magic(void)
{
   begin("dispatchable_objects_carry_loader_magic");
   struct driver d;
   CHECK(create_driver(&d, VK_API_VERSION_1_4, NULL, 0, NULL, 0, NULL, NULL) == VK_SUCCESS);
   CHECK(has_loader_magic(d.instance));
   CHECK(has_loader_magic(d.physical_device));
   CHECK(has_loader_magic(d.device));
   if (d.device != VK_NULL_HANDLE) {
      VkQueue queue = VK_NULL_HANDLE;
      ((PFN_vkGetDeviceQueue)d.gdpa(d.device, "vkGetDeviceQueue"))(d.device, 0, 1, &queue);
      CHECK(has_loader_magic(queue));
   }
   destroy_driver(&d, NULL);
   end();
}

/* --- vkGetDeviceProcAddr --------------------------------------------------- */

static void
test_gdpa_gates_core_commands_by_requested_version(void)
{
   /* "requested core version device-level dispatchable command": core 1.4's
    * vkMapMemory2 only for an application that asked for 1.4. */
   begin("gdpa_gates_core_commands_by_requested_version");
   struct driver d;
   CHECK(create_driver(&d, VK_API_VERSION_1_3, NULL, 0, NULL, 0, NULL, NULL) == VK_SUCCESS);
   if (d.device != VK_NULL_HANDLE) {
      CHECK(d.gdpa(d.device, "vkMapMemory") != NULL);
      CHECK(d.gdpa(d.device, "vkCmdPipelineBarrier2") != NULL);  /* 1.3 */
      CHECK(d.gdpa(d.device, "vkMapMemory2") == NULL);           /* 1.4 */
      CHECK(d.gdpa(d.device, "vkMapMemory2KHR") == NULL);        /* extension not enabled */
   }
   destroy_driver(&d, NULL);

   CHECK(create_driver(&d, VK_API_VERSION_1_4, NULL, 0, NULL, 0, NULL, NULL) == VK_SUCCESS);
   if (d.device != VK_NULL_HANDLE) {
      CHECK(d.gdpa(d.device, "vkMapMemory2") != NULL);
      CHECK(d.gdpa(d.device, "vkUnmapMemory2") != NULL);
      /* The extension's own name stays gated by the extension. */
      CHECK(d.gdpa(d.device, "vkMapMemory2KHR") == NULL);
   }
   destroy_driver(&d, NULL);

   /* No application info: the requested version is 1.0. */
   CHECK(create_driver(&d, 0, NULL, 0, NULL, 0, NULL, NULL) == VK_SUCCESS);
   if (d.device != VK_NULL_HANDLE) {
      CHECK(d.gdpa(d.device, "vkMapMemory") != NULL);
      CHECK(d.gdpa(d.device, "vkBindBufferMemory2") == NULL);    /* 1.1 */
   }
   destroy_driver(&d, NULL);
   end();
}

static void
test_gdpa_gates_extension_commands_by_enabled_extensions(void)
{
   /* "enabled extension device-level dispatchable command". */
   begin("gdpa_gates_extension_commands_by_enabled_extensions");
   struct driver d;
   const char *ext = "VK_KHR_map_memory2";
   CHECK(create_driver(&d, VK_API_VERSION_1_3, NULL, 0, &ext, 1, NULL, NULL) == VK_SUCCESS);
   if (d.device != VK_NULL_HANDLE) {
      CHECK(d.gdpa(d.device, "vkMapMemory2KHR") != NULL);
      CHECK(d.gdpa(d.device, "vkUnmapMemory2KHR") != NULL);
      /* Same implementation, but the core name needs 1.4. */
      CHECK(d.gdpa(d.device, "vkMapMemory2") == NULL);
      /* An extension memvk offers but that was not enabled. */
      CHECK(d.gdpa(d.device, "vkSetDeviceMemoryPriorityEXT") == NULL);
   }
   destroy_driver(&d, NULL);
   end();
}

static void
test_gdpa_returns_null_for_non_device_names(void)
{
   /* "device-level" excludes instance- and physical-device-level commands;
    * unknown names and "" are "any other case". */
   begin("gdpa_returns_null_for_non_device_names");
   struct driver d;
   CHECK(create_driver(&d, VK_API_VERSION_1_4, NULL, 0, NULL, 0, NULL, NULL) == VK_SUCCESS);
   if (d.device != VK_NULL_HANDLE) {
      CHECK(d.gdpa(d.device, "vkCreateInstance") == NULL);
      CHECK(d.gdpa(d.device, "vkEnumeratePhysicalDevices") == NULL);
      CHECK(d.gdpa(d.device, "vkGetPhysicalDeviceProperties") == NULL);
      CHECK(d.gdpa(d.device, "vkCreateDevice") == NULL);
      CHECK(d.gdpa(d.device, "vkDestroyInstance") == NULL);
      CHECK(d.gdpa(d.device, "vkNotACommand") == NULL);
      CHECK(d.gdpa(d.device, "") == NULL);
      CHECK(d.gdpa(d.device, "vkGetDeviceProcAddr") != NULL);
      CHECK(d.gdpa(d.device, "vkDestroyDevice") != NULL);
   }
   destroy_driver(&d, NULL);
   end();
}

static void
test_gdpa_with_maintenance5_hides_newer_core_commands(void)
{
   /* VK_KHR_maintenance5: "vkGetDeviceProcAddr must return NULL for
    * supported core functions beyond the version requested by the
    * application"; the extension's own aliases stay available. */
   begin("gdpa_with_maintenance5_hides_newer_core_commands");
   struct driver d;
   const char *exts[] = { "VK_KHR_maintenance5" };
   VkPhysicalDeviceMaintenance5FeaturesKHR m5 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_5_FEATURES_KHR,
      .maintenance5 = VK_TRUE,
   };
   CHECK(create_driver(&d, VK_API_VERSION_1_3, NULL, 0, exts, 1, &m5, NULL) == VK_SUCCESS);
   if (d.device != VK_NULL_HANDLE) {
      CHECK(d.gdpa(d.device, "vkGetImageSubresourceLayout2") == NULL);      /* core 1.4 */
      CHECK(d.gdpa(d.device, "vkGetImageSubresourceLayout2KHR") != NULL);   /* maintenance5 */
      CHECK(d.gdpa(d.device, "vkMapMemory2") == NULL);
      CHECK(d.gdpa(d.device, "vkCmdPipelineBarrier2") != NULL);             /* core 1.3 */
   }
   destroy_driver(&d, NULL);
   end();
}

static void
test_every_core_command_resolves_at_1_4(void)
{
   /* memvk reports Vulkan 1.4, so every core command of 1.0-1.4 must have a
    * function.  The list of device-level core names comes from a few of
    * every version, not from memvk's own table. */
   begin("every_core_command_resolves_at_1_4");
   static const char *const device_commands[] = {
      "vkAllocateMemory", "vkFreeMemory", "vkMapMemory", "vkUnmapMemory",
      "vkFlushMappedMemoryRanges", "vkInvalidateMappedMemoryRanges", "vkGetDeviceMemoryCommitment",
      "vkCreateBuffer", "vkBindBufferMemory", "vkCreateImage", "vkBindImageMemory",
      "vkCreateShaderModule", "vkCreateGraphicsPipelines", "vkCreateComputePipelines",
      "vkCreateDescriptorSetLayout", "vkCreateSampler", "vkCreateRenderPass", "vkCreateFramebuffer",
      "vkCreateCommandPool", "vkAllocateCommandBuffers", "vkCmdCopyBuffer", "vkCmdDraw",
      "vkCmdDispatch", "vkQueueSubmit", "vkCreateFence", "vkCreateSemaphore", "vkCreateEvent",
      "vkCreateQueryPool", "vkBindBufferMemory2", "vkGetDeviceQueue2", "vkCreateSamplerYcbcrConversion",
      "vkCreateDescriptorUpdateTemplate", "vkGetBufferDeviceAddress", "vkWaitSemaphores",
      "vkCreateRenderPass2", "vkResetQueryPool", "vkQueueSubmit2", "vkCmdCopyBuffer2",
      "vkCreatePrivateDataSlot", "vkGetDeviceBufferMemoryRequirements", "vkCmdBeginRendering",
      "vkMapMemory2", "vkUnmapMemory2", "vkCmdPushDescriptorSet", "vkGetImageSubresourceLayout2",
      "vkCmdBindIndexBuffer2", "vkCopyMemoryToImage", "vkTransitionImageLayout",
   };
   struct driver d;
   CHECK(create_driver(&d, VK_API_VERSION_1_4, NULL, 0, NULL, 0, NULL, NULL) == VK_SUCCESS);
   if (d.device != VK_NULL_HANDLE) {
      for (size_t i = 0; i < sizeof(device_commands) / sizeof(device_commands[0]); i++) {
         if (d.gdpa(d.device, device_commands[i]) == NULL) {
            printf("    no function for %s\n", device_commands[i]);
            CHECK(!"every core command has a function");
         }
      }
   }
   destroy_driver(&d, NULL);
   end();
}

/* --- host allocation ------------------------------------------------------- */

struct counting_allocator {
   unsigned allocations;   /* successful calls so far */
   unsigned fail_at;       /* the allocation number that fails; UINT_MAX: none */
   long live;
   bool bad_scope;
};

static void *
counting_alloc(void *user, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   struct counting_allocator *c = user;
   if (scope > VK_SYSTEM_ALLOCATION_SCOPE_INSTANCE)
      c->bad_scope = true;
   if (c->allocations++ == c->fail_at)
      return NULL;
   void *p = NULL;
   if (posix_memalign(&p, alignment < sizeof(void *) ? sizeof(void *) : alignment, size) != 0)
      return NULL;
   c->live++;
   return p;
}

static void *
counting_realloc(void *user, void *original, size_t size, size_t alignment, VkSystemAllocationScope scope)
{
   struct counting_allocator *c = user;
   (void)alignment;
   (void)scope;
   if (c->allocations++ == c->fail_at)
      return NULL;
   void *p = realloc(original, size);
   if (original == NULL && p != NULL)
      c->live++;
   return p;
}

static void
counting_free(void *user, void *memory)
{
   struct counting_allocator *c = user;
   if (memory != NULL)
      c->live--;
   free(memory);
}

static void
test_allocation_failure_sweep(void)
{
   /* For every N, the N-th host allocation through the application's
    * callbacks fails: each call returns VK_ERROR_OUT_OF_HOST_MEMORY or
    * succeeds, and after everything is destroyed nothing is left. */
   begin("allocation_failure_sweep_instance_and_device");
   const char *instance_ext = "VK_KHR_get_physical_device_properties2";
   const char *device_exts[] = { "VK_KHR_map_memory2", "VK_EXT_memory_budget" };
   for (unsigned n = 0;; n++) {
      struct counting_allocator c = { .fail_at = n };
      const VkAllocationCallbacks callbacks = {
         .pUserData = &c,
         .pfnAllocation = counting_alloc,
         .pfnReallocation = counting_realloc,
         .pfnFree = counting_free,
      };
      struct driver d;
      VkResult result = create_driver(&d, VK_API_VERSION_1_4, &instance_ext, 1, device_exts, 2, NULL, &callbacks);
      CHECK(result == VK_SUCCESS || result == VK_ERROR_OUT_OF_HOST_MEMORY);
      destroy_driver(&d, &callbacks);
      CHECK(c.live == 0);
      CHECK(!c.bad_scope);
      if (current_failed) {
         printf("    (failing allocation %u of the sequence)\n", n);
         break;
      }
      if (result == VK_SUCCESS && c.allocations <= n) {
         /* The sweep has passed the last allocation: it must have needed at
          * least one (instance, device). */
         CHECK(n >= 2);
         break;
      }
   }
   end();
}

int
main(int argc, char **argv)
{
   if (argc != 2) {
      fprintf(stderr, "usage: %s LIBRARY\n", argv[0]);
      return 2;
   }
   void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
   if (library == NULL) {
      printf("FAIL dlopen: %s\n", dlerror());
      return 1;
   }
   icd_gipa = (PFN_vkGetInstanceProcAddr)dlsym(library, "vk_icdGetInstanceProcAddr");
   icd_gpdpa = (PFN_GetPhysicalDeviceProcAddr)dlsym(library, "vk_icdGetPhysicalDeviceProcAddr");
   icd_negotiate = (PFN_vkNegotiateLoaderICDInterfaceVersion)dlsym(library, "vk_icdNegotiateLoaderICDInterfaceVersion");
   if (icd_gipa == NULL || icd_gpdpa == NULL || icd_negotiate == NULL) {
      printf("FAIL exported_functions_found\n");
      return 1;
   }

   test_negotiates_interface_version_7();
   test_icd_functions_queryable_through_gipa();
   test_gipa_null_instance_returns_only_global_commands();
   test_instance_version_is_1_4();
   test_gipa_instance_returns_core_and_supported_commands();
   test_gpdpa_returns_only_physical_device_commands();
   test_dispatchable_objects_carry_loader_magic();
   test_gdpa_gates_core_commands_by_requested_version();
   test_gdpa_gates_extension_commands_by_enabled_extensions();
   test_gdpa_returns_null_for_non_device_names();
   test_gdpa_with_maintenance5_hides_newer_core_commands();
   test_every_core_command_resolves_at_1_4();
   test_allocation_failure_sweep();

   printf("%u passed, %u failed\n", passed, failed);
   return failed ? 1 : 0;
}
