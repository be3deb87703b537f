/* A small test harness shared by memvk's tests.
 *
 * Tests go through the real Vulkan loader (libvulkan.so.1) with whatever
 * driver VK_DRIVER_FILES names (meson's test setup points it at the
 * build-tree manifest).  Each test program runs named checks:
 *
 *     static void test_map_returns_aligned_pointer(struct vkt *t) { CHECK(...); }
 *     int main(void) { return vkt_run(tests, MEMVK_ARRAY_LENGTH(tests)); }
 *
 * prints one line per test ("PASS name", "FAIL name: why", "SKIP name:
 * why") and exits non-zero if any failed. */
#pragma once

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vulkan/vulkan.h>

#define VKT_ARRAY_LENGTH(a) (sizeof(a) / sizeof((a)[0]))

struct vkt {
   VkInstance instance;
   VkPhysicalDevice physical_device;
   VkDevice device;
   VkQueue queue;
   uint32_t queue_family;
   uint32_t api_version;
   /* The callbacks vkt_create used, which vkt_destroy passes on. */
   const VkAllocationCallbacks *allocator;
   /* Set by CHECK when a check fails; the test is then reported FAIL. */
   bool failed;
   bool skipped;
   char why[512];
};

/* Options for vkt_create(); zero means "the default". */
struct vkt_options {
   uint32_t api_version;                 /* default VK_API_VERSION_1_4 */
   const char *const *device_extensions;
   uint32_t device_extension_count;
   const char *const *instance_extensions;
   uint32_t instance_extension_count;
   const void *device_create_pnext;      /* e.g. feature structures */
   const VkAllocationCallbacks *allocator;
   bool no_device;
};

struct vkt_test {
   const char *name;
   void (*run)(struct vkt *t);
   struct vkt_options options;
};

/* Creates instance, physical device, device and queue 0 of family 0.
 * Returns the first failing VkResult. */
VkResult vkt_create(struct vkt *t, const struct vkt_options *options);
void vkt_destroy(struct vkt *t);

/* Runs every test with a fresh instance and device of its own options. */
int vkt_run(const struct vkt_test *tests, size_t count);

/* The first memory type index whose property flags include all of `flags`
 * and whose bit is set in `type_bits`; UINT32_MAX if none. */
uint32_t vkt_find_memory_type(struct vkt *t, uint32_t type_bits, VkMemoryPropertyFlags flags);

/* Allocates `size` bytes of memory type `type` with `pnext` chained; on
 * failure marks the test failed and returns VK_NULL_HANDLE. */
VkDeviceMemory vkt_allocate_memory(struct vkt *t, VkDeviceSize size, uint32_t type, const void *pnext);

/* Whether the driver offers a device extension. */
bool vkt_has_device_extension(struct vkt *t, const char *name);

void vkt_fail(struct vkt *t, const char *file, int line, const char *format, ...)
   __attribute__((format(printf, 4, 5)));
void vkt_fail_check(struct vkt *t, const char *file, int line, const char *condition,
                    const char *format, ...) __attribute__((format(printf, 5, 6)));
void vkt_skip(struct vkt *t, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* CHECK(cond) or CHECK(cond, "printf format", args...): the condition's text
 * is passed as an argument, so a '%' in it is never read as a format. */
#define CHECK(cond, ...)                                                   \
   do {                                                                    \
      if (!(cond))                                                         \
         vkt_fail_check(t, __FILE__, __LINE__, #cond, " " __VA_ARGS__);    \
   } while (0)

/* Checks a VkResult against the expected one. */
#define CHECK_RESULT(expr, expected)                                       \
   do {                                                                    \
      VkResult vkt_result_ = (expr);                                       \
      if (vkt_result_ != (expected))                                       \
         vkt_fail(t, __FILE__, __LINE__, "%s returned %d, expected %d (%s)", #expr, \
                  vkt_result_, (expected), #expected);                     \
   } while (0)

#define CHECK_SUCCESS(expr) CHECK_RESULT(expr, VK_SUCCESS)

/* Fetches a device command through vkGetDeviceProcAddr, as applications must
 * for anything newer than the loader they link. */
#define VKT_DEVICE_PROC(t, name) ((PFN_##name)vkGetDeviceProcAddr((t)->device, #name))
#define VKT_INSTANCE_PROC(t, name) ((PFN_##name)vkGetInstanceProcAddr((t)->instance, #name))
