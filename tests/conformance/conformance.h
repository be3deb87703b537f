/* memvk-conformance: a smoke suite for the memory chapter (and the transfer
 * commands) of the Vulkan specification, run through the system's loader
 * against whatever driver VK_DRIVER_FILES names.
 *
 * The suite is self-contained on purpose: it needs only the Vulkan headers
 * and the loader, so it can be pointed at any driver.  It never exercises
 * invalid usage; every call it makes is valid API usage, so a failure means
 * the driver (or the loader in front of it) broke the rule the check quotes.
 *
 * Each check runs in a child process of its own (fork), with its own
 * instance and device: a crash or a hang in one check is reported as that
 * check's failure and cannot disturb the others. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vulkan/vulkan.h>

#define ARRAY_LENGTH(a) (sizeof(a) / sizeof((a)[0]))

enum outcome {
   OUTCOME_PASS,
   OUTCOME_FAIL,
   OUTCOME_SKIP,
   OUTCOME_KNOWN_BUG,
};

/* Options for ctx_open(): which instance and device a check needs.
 * Extensions are enabled only when the driver offers them; a check asks
 * ctx_enabled() afterwards. */
struct ctx_options {
   /* VkApplicationInfo::apiVersion; 0 means the highest version ≤ 1.4 that
    * both the loader and the physical device support. */
   uint32_t api_version;
   const char *extensions[8];
   /* Enable memoryMapPlaced, memoryMapRangePlaced and memoryUnmapReserve
    * (those the driver supports) when VK_EXT_map_memory_placed is enabled. */
   bool placed_features;
   /* Enable the timelineSemaphore feature (core in 1.2). */
   bool timeline_semaphore;
   /* Enable the hostQueryReset feature (core in 1.2). */
   bool host_query_reset;
   /* Enable the synchronization2 feature (core in 1.3). */
   bool synchronization2;
   /* Allocation callbacks for the instance and the device. */
   const VkAllocationCallbacks *allocator;
};

/* Everything a check has: its instance, device and one queue of a family
 * that supports transfer operations. */
struct ctx {
   VkInstance instance;
   VkPhysicalDevice physical_device;
   VkDevice device;
   VkQueue queue;
   uint32_t queue_family;
   uint32_t loader_version;  /* vkEnumerateInstanceVersion */
   uint32_t api_version;     /* what the application requested */
   VkPhysicalDeviceProperties properties;
   VkPhysicalDeviceMemoryProperties memory;
   VkPhysicalDeviceDriverProperties driver;
   VkPhysicalDeviceMapMemoryPlacedFeaturesEXT placed_features;     /* enabled */
   VkPhysicalDeviceMapMemoryPlacedPropertiesEXT placed_properties;
   const VkAllocationCallbacks *allocator;
   const char *enabled[8];
   uint32_t enabled_count;
   /* vkMapMemory2 or, without 1.4, vkMapMemory2KHR; NULL if neither. */
   PFN_vkMapMemory2 map_memory2;
   PFN_vkUnmapMemory2 unmap_memory2;

   enum outcome outcome;
   char why[1024];
};

struct check {
   const char *name;
   /* The spec sentence or VUID the check enforces. */
   const char *rule;
   void (*run)(struct ctx *c);
};

/* Creates the instance and device; on failure the check is marked failed
 * (or skipped, when the loader or driver lacks what the options need) and
 * false is returned. */
bool ctx_open(struct ctx *c, const struct ctx_options *options);
void ctx_close(struct ctx *c);
bool ctx_enabled(const struct ctx *c, const char *extension);
bool ctx_device_supports(const struct ctx *c, const char *extension);
uint32_t ctx_device_api_version(const struct ctx *c);

/* The first memory type allowed by type_bits whose flags include `flags`;
 * UINT32_MAX if none. */
uint32_t ctx_memory_type(const struct ctx *c, uint32_t type_bits, VkMemoryPropertyFlags flags);

/* Records the first failure (later ones keep the first reason). */
void ctx_fail_at(struct ctx *c, const char *file, int line, const char *format, ...)
   __attribute__((format(printf, 4, 5)));
#define ctx_fail(c, line, ...) ctx_fail_at((c), __FILE__, (line), __VA_ARGS__)
void ctx_skip(struct ctx *c, const char *format, ...) __attribute__((format(printf, 2, 3)));
const char *vk_result_name(VkResult result);

/* A check returns as soon as one of its expectations fails: the check runs
 * in a process of its own, so whatever it leaves behind dies with it. */
#define EXPECT(c, cond, ...)                                               \
   do {                                                                    \
      if (!(cond)) {                                                       \
         ctx_fail((c), __LINE__, __VA_ARGS__);                             \
         return;                                                           \
      }                                                                    \
   } while (0)

#define EXPECT_VK(c, expr)                                                 \
   do {                                                                    \
      VkResult expect_result_ = (expr);                                    \
      if (expect_result_ != VK_SUCCESS) {                                  \
         ctx_fail((c), __LINE__, "%s returned %s", #expr,                  \
                  vk_result_name(expect_result_));                         \
         return;                                                           \
      }                                                                    \
   } while (0)

#define SKIP(c, ...)                                                       \
   do {                                                                    \
      ctx_skip((c), __VA_ARGS__);                                          \
      return;                                                              \
   } while (0)

/* A device command fetched through vkGetDeviceProcAddr: the system loader
 * may predate the command, so nothing newer than 1.0 is linked directly. */
#define DEVICE_PROC(c, name) ((PFN_##name)vkGetDeviceProcAddr((c)->device, #name))
#define INSTANCE_PROC(c, name) ((PFN_##name)vkGetInstanceProcAddr((c)->instance, #name))

/* Small helpers shared by the checks (helpers.c). */
VkResult alloc_memory(struct ctx *c, VkDeviceSize size, uint32_t type, VkDeviceMemory *memory);
bool is_power_of_two(uint64_t v);
/* Whether the driver requires a dedicated allocation for the object
 * (VkMemoryDedicatedRequirements::requiresDedicatedAllocation): binding it
 * to other memory would be invalid usage (VUID-vkBindBufferMemory-buffer-01444,
 * VUID-vkBindImageMemory-image-01445), so the checks then use one. */
bool buffer_requires_dedicated(struct ctx *c, VkBuffer buffer);
bool image_requires_dedicated(struct ctx *c, VkImage image);
/* Memory dedicated to `buffer` or `image` (the other VK_NULL_HANDLE). */
VkResult alloc_dedicated(struct ctx *c, VkDeviceSize size, uint32_t type, VkBuffer buffer, VkImage image,
                         VkDeviceMemory *memory);
/* Whether /proc/self/maps shows a mapping covering [start, start + size). */
bool address_range_is_mapped(const void *start, size_t size);
/* The process's virtual size (/proc/self/statm), in bytes. */
size_t address_space_in_use(void);
/* A recognisable byte for (seed, index). */
static inline uint8_t pattern_byte(uint32_t seed, uint64_t index)
{
   uint64_t x = (index + 1) * 0x9E3779B97F4A7C15ull ^ (uint64_t)seed * 0xD1B54A32D192ED03ull;
   return (uint8_t)(x >> 56);
}
void fill_pattern(void *data, size_t size, uint32_t seed, uint64_t first_index);
/* Index of the first byte that differs from the pattern, or SIZE_MAX. */
size_t find_pattern_mismatch(const void *data, size_t size, uint32_t seed, uint64_t first_index);

/* The checks, one table per area. */
extern const struct check memory_checks[];
extern const size_t memory_check_count;
extern const struct check proc_addr_checks[];
extern const size_t proc_addr_check_count;
extern const struct check placed_checks[];
extern const size_t placed_check_count;
extern const struct check resource_checks[];
extern const size_t resource_check_count;
extern const struct check transfer_checks[];
extern const size_t transfer_check_count;

/* Known bugs of named drivers (known_bugs.c): a failing check listed here
 * for the driver under test is reported KNOWN-BUG with the reason. */
const char *known_bug(VkDriverId driver, const char *check_name);
