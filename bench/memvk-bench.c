/* memvk-bench: how close a Vulkan driver's start-up and memory paths come to
 * what the machine itself allows.
 *
 * Every figure of the targets in docs/performance.md is measured together
 * with the raw operations that bound it (mmap/munmap, malloc/free, memcpy,
 * first-touch writes with and without MADV_HUGEPAGE, an indirect call, ...),
 * in the same run and paired round by round: each round runs the driver's
 * operation and each bound once, in rotating order, and the ratio is taken
 * within the round.  The figure reported is the median over rounds, so that
 * a machine whose speed drifts (other processes, a virtual machine's
 * neighbours) moves numerator and denominator together.
 *
 * The driver is whatever the Vulkan loader loads: point VK_DRIVER_FILES at
 * its manifest.  Nothing here asserts; a figure the driver cannot produce is
 * skipped with the reason printed.  Output: one human-readable line per
 * figure on stdout, and with --json FILE one JSON object per line for
 * scripts/bench-report.py.
 *
 *     VK_DRIVER_FILES=build/icd/memvk_icd.build.json \
 *        build/bench/memvk-bench --label memvk --json memvk.jsonl
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <vulkan/vulkan.h>

#define ARRAY_LENGTH(a) (sizeof(a) / sizeof((a)[0]))
#define KiB (UINT64_C(1) << 10)
#define MiB (UINT64_C(1) << 20)
#define GiB (UINT64_C(1) << 30)

/* Where the start-up baseline points the loader: no driver at all. */
#define NO_DRIVER_MANIFEST "/nonexistent/memvk-bench-no-driver.json"

static struct {
   bool quick;
   const char *label;
   const char *json_path;
   const char *only; /* comma-separated section names, NULL for all */
   FILE *json;
   char exe[4096];
} options;

/* --- clock, memory figures of this process -------------------------------- */

static uint64_t now_ns(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_MONOTONIC, &ts);
   return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CPU time of this process: unlike wall time, it does not grow while other
 * processes hold the cores. */
static uint64_t cpu_ns(void)
{
   struct timespec ts;
   clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
   return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A field of /proc/self/status in KiB ("VmRSS", "VmHWM", ...). */
static uint64_t status_kib(const char *field)
{
   FILE *f = fopen("/proc/self/status", "r");
   if (!f)
      return 0;
   char line[256];
   size_t len = strlen(field);
   uint64_t value = 0;
   while (fgets(line, sizeof(line), f)) {
      if (strncmp(line, field, len) == 0 && line[len] == ':') {
         value = strtoull(line + len + 1, NULL, 10);
         break;
      }
   }
   fclose(f);
   return value;
}

static uint64_t rss_kib(void) { return status_kib("VmRSS"); }

/* The first line of a file, without its newline; "" if unreadable. */
static void read_file_line(const char *path, char *out, size_t size)
{
   out[0] = '\0';
   FILE *f = fopen(path, "r");
   if (!f)
      return;
   if (fgets(out, (int)size, f))
      out[strcspn(out, "\n")] = '\0';
   fclose(f);
}


/* Writes to every byte, as an application filling a buffer would. */
static void touch(void *p, size_t size) { memset(p, 0x5a, size); }

/* Keeps the compiler from proving a loop's work useless. */
static void clobber(void *p) { __asm__ volatile("" : : "g"(p) : "memory"); }

/* --- statistics ------------------------------------------------------------- */

static int compare_double(const void *a, const void *b)
{
   double x = *(const double *)a, y = *(const double *)b;
   return x < y ? -1 : x > y;
}

/* The q-quantile (0.5: median) of n values, by linear interpolation. */
static double quantile(const double *values, int n, double q)
{
   if (n <= 0)
      return NAN;
   double *sorted = malloc(sizeof(double) * (size_t)n);
   memcpy(sorted, values, sizeof(double) * (size_t)n);
   qsort(sorted, (size_t)n, sizeof(double), compare_double);
   double pos = q * (n - 1);
   int lo = (int)pos;
   int hi = lo + 1 < n ? lo + 1 : lo;
   double v = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
   free(sorted);
   return v;
}

static double median(const double *values, int n) { return quantile(values, n, 0.5); }

/* --- output ---------------------------------------------------------------- */

static void json_string(FILE *f, const char *s)
{
   fputc('"', f);
   for (; *s; s++) {
      if (*s == '"' || *s == '\\')
         fprintf(f, "\\%c", *s);
      else if ((unsigned char)*s < 0x20)
         fprintf(f, "\\u%04x", *s);
      else
         fputc(*s, f);
   }
   fputc('"', f);
}

static void json_number(FILE *f, double v)
{
   if (isfinite(v))
      fprintf(f, "%.6g", v);
   else
      fputs("null", f);
}

/* What one figure compares the driver against. */
struct bound_result {
   const char *name;
   double value;    /* median of the bound, in the figure's unit */
   double ratio;    /* median over rounds of driver / bound (unit's sense) */
   double ratio_lo; /* quartiles of the per-round ratio: the noise */
   double ratio_hi;
};

struct extra {
   const char *key;
   double value;
};

struct result {
   const char *figure;
   char param[96];
   const char *unit; /* "ns", "GB/s", "KiB", "B", "x" */
   double value;     /* median of the driver's figure */
   int rounds;
   struct bound_result bounds[4];
   int bound_count;
   struct extra extras[24];
   int extra_count;
};

static void add_extra(struct result *r, const char *key, double value)
{
   if (r->extra_count < (int)ARRAY_LENGTH(r->extras))
      r->extras[r->extra_count++] = (struct extra){key, value};
}

static void format_value(char *out, size_t size, double v, const char *unit)
{
   if (!isfinite(v))
      snprintf(out, size, "n/a");
   else if (strcmp(unit, "ns") == 0 && v >= 1e6)
      snprintf(out, size, "%.3g ms", v / 1e6);
   else if (strcmp(unit, "ns") == 0 && v >= 1e3)
      snprintf(out, size, "%.3g us", v / 1e3);
   else
      snprintf(out, size, "%.3g %s", v, unit);
}

static void emit(const struct result *r)
{
   char value[32];
   format_value(value, sizeof(value), r->value, r->unit);
   printf("%-14s %-28s %-12s", r->figure, r->param, value);
   for (int i = 0; i < r->bound_count; i++) {
      char bound[32];
      format_value(bound, sizeof(bound), r->bounds[i].value, r->unit);
      printf(" | %s %s", r->bounds[i].name, bound);
      if (isfinite(r->bounds[i].ratio))
         printf(" ratio %.3g", r->bounds[i].ratio);
   }
   for (int i = 0; i < r->extra_count; i++)
      printf(" %s=%.4g", r->extras[i].key, r->extras[i].value);
   printf("\n");
   fflush(stdout);

   FILE *f = options.json;
   if (!f)
      return;
   fputs("{\"type\":\"result\",\"figure\":", f);
   json_string(f, r->figure);
   fputs(",\"param\":", f);
   json_string(f, r->param);
   fputs(",\"unit\":", f);
   json_string(f, r->unit);
   fputs(",\"value\":", f);
   json_number(f, r->value);
   fprintf(f, ",\"rounds\":%d,\"bounds\":[", r->rounds);
   for (int i = 0; i < r->bound_count; i++) {
      fputs(i ? ",{\"name\":" : "{\"name\":", f);
      json_string(f, r->bounds[i].name);
      fputs(",\"value\":", f);
      json_number(f, r->bounds[i].value);
      fputs(",\"ratio\":", f);
      json_number(f, r->bounds[i].ratio);
      fputs(",\"ratio_p25\":", f);
      json_number(f, r->bounds[i].ratio_lo);
      fputs(",\"ratio_p75\":", f);
      json_number(f, r->bounds[i].ratio_hi);
      fputs("}", f);
   }
   fputs("],\"extra\":{", f);
   for (int i = 0; i < r->extra_count; i++) {
      if (i)
         fputc(',', f);
      json_string(f, r->extras[i].key);
      fputc(':', f);
      json_number(f, r->extras[i].value);
   }
   fputs("}}\n", f);
   fflush(f);
}

static void skip(const char *figure, const char *param, const char *format, ...)
   __attribute__((format(printf, 3, 4)));
static void skip(const char *figure, const char *param, const char *format, ...)
{
   char why[512];
   va_list ap;
   va_start(ap, format);
   vsnprintf(why, sizeof(why), format, ap);
   va_end(ap);
   printf("%-14s %-28s SKIPPED: %s\n", figure, param, why);
   fflush(stdout);
   if (options.json) {
      fputs("{\"type\":\"skip\",\"figure\":", options.json);
      json_string(options.json, figure);
      fputs(",\"param\":", options.json);
      json_string(options.json, param);
      fputs(",\"reason\":", options.json);
      json_string(options.json, why);
      fputs("}\n", options.json);
      fflush(options.json);
   }
}

static bool section_enabled(const char *name)
{
   if (!options.only)
      return true;
   size_t len = strlen(name);
   for (const char *p = options.only; *p;) {
      const char *end = strchr(p, ',');
      size_t n = end ? (size_t)(end - p) : strlen(p);
      if (n == len && strncmp(p, name, len) == 0)
         return true;
      p += n + (end ? 1 : 0);
   }
   return false;
}

static void size_name(char *out, size_t size, uint64_t bytes)
{
   if (bytes >= GiB && bytes % GiB == 0)
      snprintf(out, size, "%" PRIu64 " GiB", bytes / GiB);
   else if (bytes >= MiB && bytes % MiB == 0)
      snprintf(out, size, "%" PRIu64 " MiB", bytes / MiB);
   else if (bytes >= KiB && bytes % KiB == 0)
      snprintf(out, size, "%" PRIu64 " KiB", bytes / KiB);
   else
      snprintf(out, size, "%" PRIu64 " B", bytes);
}

/* --- paired rounds ---------------------------------------------------------
 * A contender is one operation (the driver's or a bound's) that runs `iters`
 * times and returns the nanoseconds one took, or NAN if it failed. */

typedef double (*op_fn)(void *ctx, uint64_t iters);

#define MAX_ROUNDS 256

struct contender {
   const char *name;
   op_fn fn;
   void *ctx;
   uint64_t iters;       /* 0: calibrate so that one batch lasts min_batch */
   double samples[MAX_ROUNDS];
};

/* Runs every contender once per round, in an order that rotates with the
 * round.  Returns false if any contender failed. */
static bool run_rounds(struct contender *c, int n, int rounds, double min_batch_ns)
{
   for (int i = 0; i < n; i++) {
      if (c[i].iters)
         continue;
      /* Calibration doubles as warm-up (caches, the driver's pools). */
      uint64_t iters = 1;
      for (;;) {
         double per_op = c[i].fn(c[i].ctx, iters);
         if (!isfinite(per_op))
            return false;
         if (per_op * (double)iters >= min_batch_ns || iters >= (UINT64_C(1) << 24))
            break;
         double want = min_batch_ns / (per_op > 0.1 ? per_op : 0.1);
         iters = want > 2.0 * (double)iters ? (uint64_t)want : iters * 2;
      }
      c[i].iters = iters;
   }
   for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < n; k++) {
         struct contender *x = &c[(k + r) % n];
         x->samples[r] = x->fn(x->ctx, x->iters);
         if (!isfinite(x->samples[r]))
            return false;
      }
   }
   return true;
}

/* Fills r from contenders c[0] (the driver) and c[1..n-1] (the bounds).
 * With bytes > 0 the figure is a bandwidth in GB/s (bytes per op / time);
 * the ratio is then driver bandwidth / bound bandwidth, else driver time /
 * bound time. */
static void summarize(struct result *r, const struct contender *c, int n, int rounds,
                      double bytes)
{
   double v[MAX_ROUNDS];
   for (int k = 0; k < rounds; k++)
      v[k] = bytes > 0 ? bytes / c[0].samples[k] : c[0].samples[k];
   r->value = median(v, rounds);
   r->rounds = rounds;
   r->unit = bytes > 0 ? "GB/s" : "ns";
   for (int i = 1; i < n; i++) {
      double ratios[MAX_ROUNDS];
      for (int k = 0; k < rounds; k++) {
         v[k] = bytes > 0 ? bytes / c[i].samples[k] : c[i].samples[k];
         ratios[k] = bytes > 0 ? c[i].samples[k] / c[0].samples[k]
                               : c[0].samples[k] / c[i].samples[k];
      }
      r->bounds[r->bound_count++] = (struct bound_result){
         .name = c[i].name,
         .value = median(v, rounds),
         .ratio = median(ratios, rounds),
         .ratio_lo = quantile(ratios, rounds, 0.25),
         .ratio_hi = quantile(ratios, rounds, 0.75),
      };
   }
}

static int rounds_for(int full, int quick) { return options.quick ? quick : full; }
static double batch_ns(void) { return options.quick ? 100e3 : 300e3; }

/* --- the driver, through the loader ---------------------------------------- */

struct vk {
   VkInstance instance;
   VkPhysicalDevice physical_device;
   VkDevice device;
   VkQueue queue;
   uint32_t queue_family;
   uint32_t host_type; /* a HOST_VISIBLE | HOST_COHERENT memory type */
   VkPhysicalDeviceProperties properties;
   VkPhysicalDeviceMemoryProperties memory_properties;
   char driver_name[VK_MAX_DRIVER_NAME_SIZE];
   char driver_info[VK_MAX_DRIVER_INFO_SIZE];
   bool map2;            /* vkMapMemory2 or vkMapMemory2KHR available */
   const char *map2_name;
   bool placed;          /* VK_EXT_map_memory_placed with placed maps and reserve */
   VkDeviceSize placed_alignment;

   PFN_vkAllocateMemory AllocateMemory;
   PFN_vkFreeMemory FreeMemory;
   PFN_vkMapMemory MapMemory;
   PFN_vkUnmapMemory UnmapMemory;
   PFN_vkMapMemory2KHR MapMemory2;
   PFN_vkUnmapMemory2KHR UnmapMemory2;
   PFN_vkFlushMappedMemoryRanges FlushMappedMemoryRanges;
   PFN_vkInvalidateMappedMemoryRanges InvalidateMappedMemoryRanges;
   PFN_vkCreateBuffer CreateBuffer;
   PFN_vkDestroyBuffer DestroyBuffer;
   PFN_vkGetBufferMemoryRequirements GetBufferMemoryRequirements;
   PFN_vkBindBufferMemory BindBufferMemory;
   PFN_vkCreateCommandPool CreateCommandPool;
   PFN_vkDestroyCommandPool DestroyCommandPool;
   PFN_vkAllocateCommandBuffers AllocateCommandBuffers;
   PFN_vkBeginCommandBuffer BeginCommandBuffer;
   PFN_vkEndCommandBuffer EndCommandBuffer;
   PFN_vkCmdCopyBuffer CmdCopyBuffer;
   PFN_vkQueueSubmit QueueSubmit;
   PFN_vkCreateFence CreateFence;
   PFN_vkDestroyFence DestroyFence;
   PFN_vkWaitForFences WaitForFences;
   PFN_vkResetFences ResetFences;
   PFN_vkGetDeviceQueue GetDeviceQueue;
   PFN_vkDeviceWaitIdle DeviceWaitIdle;
   PFN_vkDestroyDevice DestroyDevice;
};

static bool has_extension(const VkExtensionProperties *list, uint32_t count, const char *name)
{
   for (uint32_t i = 0; i < count; i++)
      if (strcmp(list[i].extensionName, name) == 0)
         return true;
   return false;
}

/* Instance, the first physical device, a device with one queue of the first
 * family that can transfer, and every device command through
 * vkGetDeviceProcAddr (the system loader may predate Vulkan 1.4).  The
 * placed-map features are enabled only when asked for: a driver may pay for
 * them elsewhere (memvk gives up its heap for small allocations when
 * memoryUnmapReserve is on), and an application that does not place maps
 * does not enable them. */
static VkResult vk_open(struct vk *vk, bool enable_placed, char *why, size_t why_size)
{
   memset(vk, 0, sizeof(*vk));
   VkApplicationInfo app = {
      .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
      .pApplicationName = "memvk-bench",
      .apiVersion = VK_API_VERSION_1_4,
   };
   VkInstanceCreateInfo instance_info = {
      .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
      .pApplicationInfo = &app,
   };
   VkResult result = vkCreateInstance(&instance_info, NULL, &vk->instance);
   if (result != VK_SUCCESS) {
      snprintf(why, why_size, "vkCreateInstance: %d", result);
      return result;
   }
   uint32_t count = 1;
   result = vkEnumeratePhysicalDevices(vk->instance, &count, &vk->physical_device);
   if ((result != VK_SUCCESS && result != VK_INCOMPLETE) || count == 0) {
      snprintf(why, why_size, "no physical device (%d)", result);
      return result ? result : VK_ERROR_INITIALIZATION_FAILED;
   }
   vkGetPhysicalDeviceProperties(vk->physical_device, &vk->properties);
   vkGetPhysicalDeviceMemoryProperties(vk->physical_device, &vk->memory_properties);

   uint32_t extension_count = 0;
   vkEnumerateDeviceExtensionProperties(vk->physical_device, NULL, &extension_count, NULL);
   VkExtensionProperties *extensions = calloc(extension_count + 1, sizeof(*extensions));
   vkEnumerateDeviceExtensionProperties(vk->physical_device, NULL, &extension_count, extensions);
   bool has_map2_ext = has_extension(extensions, extension_count, VK_KHR_MAP_MEMORY_2_EXTENSION_NAME);
   bool has_placed_ext = has_extension(extensions, extension_count, VK_EXT_MAP_MEMORY_PLACED_EXTENSION_NAME);
   free(extensions);
   bool core_14 = vk->properties.apiVersion >= VK_API_VERSION_1_4;

   VkPhysicalDeviceMapMemoryPlacedPropertiesEXT placed_properties = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_PROPERTIES_EXT,
   };
   VkPhysicalDeviceDriverProperties driver_properties = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES,
      .pNext = has_placed_ext ? &placed_properties : NULL,
   };
   VkPhysicalDeviceProperties2 properties2 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2,
      .pNext = vk->properties.apiVersion >= VK_API_VERSION_1_2 ? (void *)&driver_properties
                                                              : driver_properties.pNext,
   };
   vkGetPhysicalDeviceProperties2(vk->physical_device, &properties2);
   snprintf(vk->driver_name, sizeof(vk->driver_name), "%s", driver_properties.driverName);
   snprintf(vk->driver_info, sizeof(vk->driver_info), "%s", driver_properties.driverInfo);
   vk->placed_alignment = placed_properties.minPlacedMemoryMapAlignment;

   VkPhysicalDeviceMapMemoryPlacedFeaturesEXT placed_features = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_FEATURES_EXT,
   };
   if (has_placed_ext) {
      VkPhysicalDeviceFeatures2 features2 = {
         .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2,
         .pNext = &placed_features,
      };
      vkGetPhysicalDeviceFeatures2(vk->physical_device, &features2);
   }
   bool want_placed = enable_placed && has_placed_ext && (has_map2_ext || core_14) &&
                      placed_features.memoryMapPlaced && placed_features.memoryUnmapReserve;

   uint32_t family_count = 0;
   vkGetPhysicalDeviceQueueFamilyProperties(vk->physical_device, &family_count, NULL);
   VkQueueFamilyProperties *families = calloc(family_count + 1, sizeof(*families));
   vkGetPhysicalDeviceQueueFamilyProperties(vk->physical_device, &family_count, families);
   vk->queue_family = UINT32_MAX;
   for (uint32_t i = 0; i < family_count && vk->queue_family == UINT32_MAX; i++) {
      if (families[i].queueFlags &
          (VK_QUEUE_TRANSFER_BIT | VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT))
         vk->queue_family = i;
   }
   free(families);
   if (vk->queue_family == UINT32_MAX) {
      snprintf(why, why_size, "no queue family can transfer");
      return VK_ERROR_FEATURE_NOT_PRESENT;
   }

   const char *enabled[2];
   uint32_t enabled_count = 0;
   if (has_map2_ext)
      enabled[enabled_count++] = VK_KHR_MAP_MEMORY_2_EXTENSION_NAME;
   if (want_placed) {
      enabled[enabled_count++] = VK_EXT_MAP_MEMORY_PLACED_EXTENSION_NAME;
      placed_features.memoryMapRangePlaced = VK_FALSE;
   }
   float priority = 1.0f;
   VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = vk->queue_family,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .pNext = want_placed ? &placed_features : NULL,
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
      .enabledExtensionCount = enabled_count,
      .ppEnabledExtensionNames = enabled,
   };
   result = vkCreateDevice(vk->physical_device, &device_info, NULL, &vk->device);
   if (result != VK_SUCCESS) {
      snprintf(why, why_size, "vkCreateDevice: %d", result);
      return result;
   }

#define GET(name) vk->name = (PFN_vk##name)vkGetDeviceProcAddr(vk->device, "vk" #name)
   GET(AllocateMemory);
   GET(FreeMemory);
   GET(MapMemory);
   GET(UnmapMemory);
   GET(FlushMappedMemoryRanges);
   GET(InvalidateMappedMemoryRanges);
   GET(CreateBuffer);
   GET(DestroyBuffer);
   GET(GetBufferMemoryRequirements);
   GET(BindBufferMemory);
   GET(CreateCommandPool);
   GET(DestroyCommandPool);
   GET(AllocateCommandBuffers);
   GET(BeginCommandBuffer);
   GET(EndCommandBuffer);
   GET(CmdCopyBuffer);
   GET(QueueSubmit);
   GET(CreateFence);
   GET(DestroyFence);
   GET(WaitForFences);
   GET(ResetFences);
   GET(GetDeviceQueue);
   GET(DeviceWaitIdle);
   GET(DestroyDevice);
#undef GET
   if (has_map2_ext) {
      vk->map2_name = "vkMapMemory2KHR";
      vk->MapMemory2 = (PFN_vkMapMemory2KHR)vkGetDeviceProcAddr(vk->device, "vkMapMemory2KHR");
      vk->UnmapMemory2 = (PFN_vkUnmapMemory2KHR)vkGetDeviceProcAddr(vk->device, "vkUnmapMemory2KHR");
   } else if (core_14) {
      vk->map2_name = "vkMapMemory2";
      vk->MapMemory2 = (PFN_vkMapMemory2KHR)vkGetDeviceProcAddr(vk->device, "vkMapMemory2");
      vk->UnmapMemory2 = (PFN_vkUnmapMemory2KHR)vkGetDeviceProcAddr(vk->device, "vkUnmapMemory2");
   }
   vk->map2 = vk->MapMemory2 && vk->UnmapMemory2;
   vk->placed = want_placed && vk->map2;
   if (vk->GetDeviceQueue)
      vk->GetDeviceQueue(vk->device, vk->queue_family, 0, &vk->queue);

   /* Prefer a cached coherent type: what an application reading back picks. */
   vk->host_type = UINT32_MAX;
   const VkMemoryPropertyFlags need =
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
   for (int pass = 0; pass < 2 && vk->host_type == UINT32_MAX; pass++) {
      VkMemoryPropertyFlags want = pass == 0 ? need | VK_MEMORY_PROPERTY_HOST_CACHED_BIT : need;
      for (uint32_t i = 0; i < vk->memory_properties.memoryTypeCount; i++) {
         if ((vk->memory_properties.memoryTypes[i].propertyFlags & want) == want) {
            vk->host_type = i;
            break;
         }
      }
   }
   if (vk->host_type == UINT32_MAX || !vk->AllocateMemory || !vk->FreeMemory) {
      snprintf(why, why_size, "no host-visible coherent memory type");
      return VK_ERROR_FEATURE_NOT_PRESENT;
   }
   return VK_SUCCESS;
}

static void vk_close(struct vk *vk)
{
   if (vk->device && vk->DestroyDevice)
      vk->DestroyDevice(vk->device, NULL);
   if (vk->instance)
      vkDestroyInstance(vk->instance, NULL);
   memset(vk, 0, sizeof(*vk));
}

static VkResult vk_allocate(struct vk *vk, VkDeviceSize size, VkDeviceMemory *memory)
{
   VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = size,
      .memoryTypeIndex = vk->host_type,
   };
   return vk->AllocateMemory(vk->device, &info, NULL, memory);
}

/* --- the bounds: what the machine does without a driver -------------------- */

/* The indirect call a driver's entry point costs at best: a call through a
 * pointer the compiler cannot see through, with vkMapMemory's arguments. */
__attribute__((noinline)) static VkResult indirect_target(VkDevice device, VkDeviceMemory memory,
                                                          VkDeviceSize offset, VkDeviceSize size,
                                                          VkMemoryMapFlags flags, void **data)
{
   (void)memory, (void)size, (void)flags;
   *data = (char *)device + offset;
   return VK_SUCCESS;
}
static PFN_vkMapMemory volatile indirect_pointer = indirect_target;

static double op_indirect_call(void *ctx, uint64_t iters)
{
   (void)ctx;
   void *data = NULL;
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      indirect_pointer((VkDevice)&data, VK_NULL_HANDLE, i, 64, 0, &data);
      clobber(data);
   }
   return (double)(now_ns() - t0) / (double)iters;
}

struct size_ctx {
   uint64_t size;
};

static double op_malloc_free(void *ctx, uint64_t iters)
{
   size_t size = ((struct size_ctx *)ctx)->size;
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      void *p = malloc(size);
      clobber(p);
      free(p);
   }
   return (double)(now_ns() - t0) / (double)iters;
}

static double op_mmap_munmap(void *ctx, uint64_t iters)
{
   size_t size = ((struct size_ctx *)ctx)->size;
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED)
         return NAN;
      munmap(p, size);
   }
   return (double)(now_ns() - t0) / (double)iters;
}

/* The same with the huge-page hint a driver gives memory it expects to be
 * written: one system call more. */
static double op_mmap_madvise_munmap(void *ctx, uint64_t iters)
{
   size_t size = ((struct size_ctx *)ctx)->size;
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED)
         return NAN;
      madvise(p, size, MADV_HUGEPAGE);
      munmap(p, size);
   }
   return (double)(now_ns() - t0) / (double)iters;
}

/* --- start-up: fresh processes with and without the driver ----------------- */

/* The child's side: what an application does first, timed from before the
 * loader looks for drivers to after everything is destroyed. */
/* The same without the loader: the driver's library, named by the manifest
 * VK_DRIVER_FILES points at, opened as the loader opens it and driven
 * through its three exported functions.  This is the driver's own share;
 * the difference to the figure above is the loader's work for one driver. */
static int child_startup_direct(void)
{
   char manifest[4096] = "", library[4096] = "";
   const char *path = getenv("VK_DRIVER_FILES");
   FILE *f = path ? fopen(path, "r") : NULL;
   if (f) {
      size_t n = fread(manifest, 1, sizeof(manifest) - 1, f);
      manifest[n] = '\0';
      fclose(f);
   }
   const char *key = strstr(manifest, "\"library_path\"");
   const char *open_quote = key ? strchr(key + strlen("\"library_path\""), '"') : NULL;
   const char *close_quote = open_quote ? strchr(open_quote + 1, '"') : NULL;
   if (!close_quote) {
      printf("error=1\n");
      return 0;
   }
   snprintf(library, sizeof(library), "%.*s", (int)(close_quote - open_quote - 1), open_quote + 1);

   uint64_t rss0 = rss_kib();
   uint64_t c0 = cpu_ns();
   uint64_t t0 = now_ns();
   void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
   uint64_t t_open = now_ns();
   if (!handle) {
      printf("error=2\n");
      return 0;
   }
   typedef VkResult (*negotiate_fn)(uint32_t *);
   negotiate_fn negotiate = (negotiate_fn)dlsym(handle, "vk_icdNegotiateLoaderICDInterfaceVersion");
   PFN_vkGetInstanceProcAddr gipa =
      (PFN_vkGetInstanceProcAddr)dlsym(handle, "vk_icdGetInstanceProcAddr");
   uint32_t version = 7;
   if (!gipa || (negotiate && negotiate(&version) != VK_SUCCESS)) {
      printf("error=3\n");
      return 0;
   }
   PFN_vkCreateInstance create_instance = (PFN_vkCreateInstance)gipa(NULL, "vkCreateInstance");
   VkApplicationInfo app = {
      .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
      .apiVersion = VK_API_VERSION_1_4,
   };
   VkInstanceCreateInfo instance_info = {
      .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
      .pApplicationInfo = &app,
   };
   VkInstance instance;
   /* A driver's dispatchable handles carry the loader's slot: give them one. */
   if (!create_instance || create_instance(&instance_info, NULL, &instance) != VK_SUCCESS) {
      printf("error=4\n");
      return 0;
   }
   PFN_vkEnumeratePhysicalDevices enumerate =
      (PFN_vkEnumeratePhysicalDevices)gipa(instance, "vkEnumeratePhysicalDevices");
   PFN_vkCreateDevice create_device = (PFN_vkCreateDevice)gipa(instance, "vkCreateDevice");
   PFN_vkDestroyDevice destroy_device = (PFN_vkDestroyDevice)gipa(instance, "vkDestroyDevice");
   PFN_vkDestroyInstance destroy_instance =
      (PFN_vkDestroyInstance)gipa(instance, "vkDestroyInstance");
   VkPhysicalDevice physical_device;
   uint32_t count = 1;
   VkResult result = enumerate(instance, &count, &physical_device);
   int devices = 0;
   uint64_t rss1 = 0, rss_read = 0, t_device = 0;
   if ((result == VK_SUCCESS || result == VK_INCOMPLETE) && count > 0) {
      float priority = 1.0f;
      VkDeviceQueueCreateInfo queue_info = {
         .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
         .queueFamilyIndex = 0,
         .queueCount = 1,
         .pQueuePriorities = &priority,
      };
      VkDeviceCreateInfo device_info = {
         .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
         .queueCreateInfoCount = 1,
         .pQueueCreateInfos = &queue_info,
      };
      VkDevice device;
      if (create_device(physical_device, &device_info, NULL, &device) == VK_SUCCESS) {
         devices = 1;
         t_device = now_ns();
         rss1 = rss_kib();
         rss_read = now_ns() - t_device;
         destroy_device(device, NULL);
      }
   }
   destroy_instance(instance, NULL);
   uint64_t t1 = now_ns() - rss_read;
   uint64_t c1 = cpu_ns();
   printf("ns=%" PRIu64 " cpu_ns=%" PRIu64 " dlopen_ns=%" PRIu64 " rss0=%" PRIu64 " rss1=%" PRIu64
          " devices=%d\n",
          t1 - t0, c1 - c0, t_open - t0, rss0, rss1, devices);
   return 0;
}

static int child_startup(void)
{
   uint64_t rss0 = rss_kib();
   uint64_t c0 = cpu_ns();
   uint64_t t0 = now_ns();
   VkApplicationInfo app = {
      .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
      .apiVersion = VK_API_VERSION_1_4,
   };
   VkInstanceCreateInfo instance_info = {
      .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
      .pApplicationInfo = &app,
   };
   VkInstance instance;
   int devices = 0;
   uint64_t rss1;
   /* Where the time goes: after create instance, enumerate, create device,
    * destroy device (destroy instance ends at t1). */
   uint64_t steps[4] = {0, 0, 0, 0};
   if (vkCreateInstance(&instance_info, NULL, &instance) == VK_SUCCESS) {
      steps[0] = now_ns();
      VkPhysicalDevice physical_device;
      uint32_t count = 1;
      VkResult result = vkEnumeratePhysicalDevices(instance, &count, &physical_device);
      steps[1] = now_ns();
      if ((result == VK_SUCCESS || result == VK_INCOMPLETE) && count > 0) {
         float priority = 1.0f;
         VkDeviceQueueCreateInfo queue_info = {
            .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
            .queueFamilyIndex = 0,
            .queueCount = 1,
            .pQueuePriorities = &priority,
         };
         VkDeviceCreateInfo device_info = {
            .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
            .queueCreateInfoCount = 1,
            .pQueueCreateInfos = &queue_info,
         };
         VkDevice device;
         if (vkCreateDevice(physical_device, &device_info, NULL, &device) == VK_SUCCESS) {
            steps[2] = now_ns();
            devices = 1;
            rss1 = rss_kib();
            uint64_t rss_read = now_ns();
            vkDestroyDevice(device, NULL);
            steps[3] = now_ns() - (rss_read - steps[2]);
         } else {
            rss1 = rss_kib();
         }
      } else {
         rss1 = rss_kib();
      }
      vkDestroyInstance(instance, NULL);
   } else {
      rss1 = rss_kib();
   }
   uint64_t t1 = now_ns();
   uint64_t c1 = cpu_ns();
   printf("ns=%" PRIu64 " cpu_ns=%" PRIu64 " rss0=%" PRIu64 " rss1=%" PRIu64 " hwm=%" PRIu64
          " devices=%d",
          t1 - t0, c1 - c0, rss0, rss1, status_kib("VmHWM"), devices);
   if (devices)
      printf(" instance_ns=%" PRIu64 " enumerate_ns=%" PRIu64 " device_ns=%" PRIu64
             " destroy_device_ns=%" PRIu64 " destroy_instance_ns=%" PRIu64,
             steps[0] - t0, steps[1] - steps[0], steps[2] - steps[1], steps[3] - steps[2],
             t1 - steps[3]);
   printf("\n");
   return 0;
}

/* Runs this program again as `--child mode` with VK_DRIVER_FILES set to
 * driver_files (NULL: as inherited); collects its stdout.  Returns false if it
 * could not run or did not exit 0. */
static bool run_child(const char *mode, const char *driver_files, bool quiet, char *out,
                      size_t out_size, uint64_t *wall_ns)
{
   int pipefd[2];
   if (pipe(pipefd) != 0)
      return false;
   fflush(stdout);
   uint64_t t0 = now_ns();
   pid_t pid = fork();
   if (pid < 0)
      return false;
   if (pid == 0) {
      dup2(pipefd[1], STDOUT_FILENO);
      close(pipefd[0]);
      close(pipefd[1]);
      if (quiet) {
         int null = open("/dev/null", O_WRONLY);
         if (null >= 0)
            dup2(null, STDERR_FILENO);
      }
      if (driver_files) {
         setenv("VK_DRIVER_FILES", driver_files, 1);
         unsetenv("VK_ICD_FILENAMES");
      }
      execl(options.exe, options.exe, "--child", mode, (char *)NULL);
      _exit(127);
   }
   close(pipefd[1]);
   size_t used = 0;
   ssize_t n;
   while ((n = read(pipefd[0], out + used, out_size - 1 - used)) > 0)
      used += (size_t)n;
   out[used] = '\0';
   close(pipefd[0]);
   int status;
   waitpid(pid, &status, 0);
   if (wall_ns)
      *wall_ns = now_ns() - t0;
   return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The number after "key=" in a child's output, NAN if absent. */
static double field(const char *out, const char *key)
{
   size_t len = strlen(key);
   for (const char *p = out; (p = strstr(p, key)) != NULL; p += len) {
      if ((p == out || p[-1] == ' ' || p[-1] == '\n') && p[len] == '=')
         return strtod(p + len + 1, NULL);
   }
   return NAN;
}

static void bench_startup(void)
{
   const char *driver_files = getenv("VK_DRIVER_FILES");
   if (!driver_files)
      driver_files = getenv("VK_ICD_FILENAMES");
   int rounds = rounds_for(31, 7);
   double diff[MAX_ROUNDS], with[MAX_ROUNDS], without[MAX_ROUNDS], wall_diff[MAX_ROUNDS];
   double rss_with[MAX_ROUNDS], rss_without[MAX_ROUNDS], rss_diff[MAX_ROUNDS];
   double cpu_with[MAX_ROUNDS], cpu_diff[MAX_ROUNDS];
   static const char *const steps[] = {"instance_ns", "enumerate_ns", "device_ns",
                                       "destroy_device_ns", "destroy_instance_ns"};
   double step_ns[ARRAY_LENGTH(steps)][MAX_ROUNDS];
   char out[1024];
   /* Round -1 warms the page cache for both and is not counted. */
   for (int r = -1; r < rounds; r++) {
      double ns[2], wall[2], rss[2], cpu[2];
      for (int k = 0; k < 2; k++) {
         bool driver = (k + r) % 2 == 0;
         uint64_t wall_ns;
         if (!run_child("startup", driver ? NULL : NO_DRIVER_MANIFEST, !driver, out, sizeof(out),
                        &wall_ns)) {
            skip("startup", "", "the start-up child failed: %s", out);
            return;
         }
         if (driver && field(out, "devices") != 1) {
            skip("startup", "", "no device was created through %s",
                 driver_files ? driver_files : "the default driver search");
            return;
         }
         int i = driver ? 0 : 1;
         if (driver && r >= 0)
            for (size_t k2 = 0; k2 < ARRAY_LENGTH(steps); k2++)
               step_ns[k2][r] = field(out, steps[k2]);
         ns[i] = field(out, "ns");
         cpu[i] = field(out, "cpu_ns");
         wall[i] = (double)wall_ns;
         rss[i] = field(out, "rss1") - field(out, "rss0");
      }
      if (r < 0)
         continue;
      with[r] = ns[0];
      without[r] = ns[1];
      diff[r] = ns[0] - ns[1];
      wall_diff[r] = wall[0] - wall[1];
      rss_with[r] = rss[0];
      rss_without[r] = rss[1];
      rss_diff[r] = rss[0] - rss[1];
      cpu_with[r] = cpu[0];
      cpu_diff[r] = cpu[0] - cpu[1];
   }
   struct result res = {.figure = "startup", .unit = "ns", .rounds = rounds};
   snprintf(res.param, sizeof(res.param), "first time in a process");
   res.value = median(diff, rounds);
   res.bounds[res.bound_count++] = (struct bound_result){
      .name = "loader without driver", .value = median(without, rounds),
      .ratio = NAN, .ratio_lo = NAN, .ratio_hi = NAN};
   add_extra(&res, "with_driver_ns", median(with, rounds));
   add_extra(&res, "diff_p25_ns", quantile(diff, rounds, 0.25));
   add_extra(&res, "diff_p75_ns", quantile(diff, rounds, 0.75));
   add_extra(&res, "process_wall_diff_ns", median(wall_diff, rounds));
   add_extra(&res, "cpu_diff_ns", median(cpu_diff, rounds));
   add_extra(&res, "cpu_with_driver_ns", median(cpu_with, rounds));
   add_extra(&res, "rss_added_kib", median(rss_diff, rounds));
   add_extra(&res, "rss_with_driver_kib", median(rss_with, rounds));
   add_extra(&res, "rss_without_driver_kib", median(rss_without, rounds));
   for (size_t k = 0; k < ARRAY_LENGTH(steps); k++)
      add_extra(&res, steps[k], median(step_ns[k], rounds));

   /* The driver alone, without the loader, in fresh processes too. */
   double direct[MAX_ROUNDS], direct_cpu[MAX_ROUNDS], direct_dlopen[MAX_ROUNDS],
      direct_rss[MAX_ROUNDS];
   int direct_rounds = 0;
   for (int r = 0; r < rounds; r++) {
      if (!run_child("startup-direct", NULL, true, out, sizeof(out), NULL) ||
          isfinite(field(out, "error")) || field(out, "devices") != 1)
         break;
      direct[direct_rounds] = field(out, "ns");
      direct_cpu[direct_rounds] = field(out, "cpu_ns");
      direct_dlopen[direct_rounds] = field(out, "dlopen_ns");
      direct_rss[direct_rounds] = field(out, "rss1") - field(out, "rss0");
      direct_rounds++;
   }
   if (direct_rounds > 0) {
      add_extra(&res, "direct_ns", median(direct, direct_rounds));
      add_extra(&res, "direct_cpu_ns", median(direct_cpu, direct_rounds));
      add_extra(&res, "direct_dlopen_ns", median(direct_dlopen, direct_rounds));
      add_extra(&res, "direct_rss_kib", median(direct_rss, direct_rounds));
   }
   emit(&res);
}

/* --- vkAllocateMemory + vkFreeMemory ---------------------------------------- */

struct alloc_ctx {
   struct vk *vk;
   uint64_t size;
};

static double op_vk_allocate_free(void *ctx, uint64_t iters)
{
   struct alloc_ctx *a = ctx;
   struct vk *vk = a->vk;
   VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = a->size,
      .memoryTypeIndex = vk->host_type,
   };
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      VkDeviceMemory memory;
      if (vk->AllocateMemory(vk->device, &info, NULL, &memory) != VK_SUCCESS)
         return NAN;
      vk->FreeMemory(vk->device, memory, NULL);
   }
   return (double)(now_ns() - t0) / (double)iters;
}

static const uint64_t alloc_sizes[] = {
   64, 256, 1 * KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB,
   1 * MiB, 4 * MiB, 16 * MiB, 64 * MiB, 256 * MiB, 1 * GiB,
};

static void bench_allocate(struct vk *vk)
{
   int rounds = rounds_for(101, 21);
   for (size_t s = 0; s < ARRAY_LENGTH(alloc_sizes); s++) {
      uint64_t size = alloc_sizes[s];
      struct result res = {.figure = "alloc_free"};
      size_name(res.param, sizeof(res.param), size);
      if (size > vk->memory_properties.memoryHeaps[0].size / 2) {
         skip(res.figure, res.param, "larger than half the heap");
         continue;
      }
      struct alloc_ctx a = {vk, size};
      struct size_ctx sc = {size};
      struct contender c[] = {
         {.name = "vkAllocateMemory+vkFreeMemory", .fn = op_vk_allocate_free, .ctx = &a},
         {.name = "malloc+free", .fn = op_malloc_free, .ctx = &sc},
         {.name = "mmap+munmap", .fn = op_mmap_munmap, .ctx = &sc},
         {.name = "mmap+madvise(MADV_HUGEPAGE)+munmap", .fn = op_mmap_madvise_munmap, .ctx = &sc},
      };
      if (!run_rounds(c, ARRAY_LENGTH(c), rounds, batch_ns())) {
         skip(res.figure, res.param, "vkAllocateMemory of %" PRIu64 " bytes failed", size);
         continue;
      }
      summarize(&res, c, ARRAY_LENGTH(c), rounds, 0);
      emit(&res);
   }
}

/* --- the same from two threads ---------------------------------------------- */

/* A second thread that runs one batch when told, started together with the
 * main thread's batch (a spin barrier), so that the batch's wall time covers
 * both threads' work. */
struct helper {
   pthread_t thread;
   pthread_mutex_t mutex;
   pthread_cond_t cond;
   uint64_t generation, done_generation;
   bool quit;
   op_fn fn;
   void *ctx;
   uint64_t iters;
   atomic_int arrived;
   uint64_t start, end;
};

static void barrier_arrive(struct helper *h)
{
   atomic_fetch_add(&h->arrived, 1);
   while (atomic_load(&h->arrived) < 2)
      sched_yield();
}

static void *helper_main(void *arg)
{
   struct helper *h = arg;
   uint64_t seen = 0;
   pthread_mutex_lock(&h->mutex);
   for (;;) {
      while (h->generation == seen && !h->quit)
         pthread_cond_wait(&h->cond, &h->mutex);
      if (h->quit)
         break;
      seen = h->generation;
      pthread_mutex_unlock(&h->mutex);
      barrier_arrive(h);
      h->start = now_ns();
      h->fn(h->ctx, h->iters);
      h->end = now_ns();
      pthread_mutex_lock(&h->mutex);
      h->done_generation = seen;
      pthread_cond_broadcast(&h->cond);
   }
   pthread_mutex_unlock(&h->mutex);
   return NULL;
}

struct two_threads_ctx {
   struct helper *helper;
   op_fn fn;
   void *ctx_main, *ctx_helper;
};

/* Nanoseconds per operation of the two threads together (wall / 2 iters). */
static double op_two_threads(void *arg, uint64_t iters)
{
   struct two_threads_ctx *t = arg;
   struct helper *h = t->helper;
   pthread_mutex_lock(&h->mutex);
   h->fn = t->fn;
   h->ctx = t->ctx_helper;
   h->iters = iters;
   atomic_store(&h->arrived, 0);
   h->generation++;
   pthread_cond_broadcast(&h->cond);
   pthread_mutex_unlock(&h->mutex);
   barrier_arrive(h);
   uint64_t start = now_ns();
   double per_op = t->fn(t->ctx_main, iters);
   uint64_t end = now_ns();
   pthread_mutex_lock(&h->mutex);
   while (h->done_generation != h->generation)
      pthread_cond_wait(&h->cond, &h->mutex);
   pthread_mutex_unlock(&h->mutex);
   if (!isfinite(per_op))
      return NAN;
   uint64_t first = start < h->start ? start : h->start;
   uint64_t last = end > h->end ? end : h->end;
   return (double)(last - first) / (2.0 * (double)iters);
}

static void bench_allocate_two_threads(struct vk *vk)
{
   struct helper h = {0};
   pthread_mutex_init(&h.mutex, NULL);
   pthread_cond_init(&h.cond, NULL);
   if (pthread_create(&h.thread, NULL, helper_main, &h) != 0) {
      skip("alloc_free_2t", "", "pthread_create failed");
      return;
   }
   int rounds = rounds_for(51, 11);
   static const uint64_t sizes[] = {256, 4 * KiB, 64 * KiB};
   for (size_t s = 0; s < ARRAY_LENGTH(sizes); s++) {
      struct alloc_ctx a0 = {vk, sizes[s]}, a1 = {vk, sizes[s]};
      struct size_ctx m0 = {sizes[s]}, m1 = {sizes[s]};
      struct two_threads_ctx vk2 = {&h, op_vk_allocate_free, &a0, &a1};
      struct two_threads_ctx malloc2 = {&h, op_malloc_free, &m0, &m1};
      struct contender c[] = {
         {.name = "one thread", .fn = op_vk_allocate_free, .ctx = &a0},
         {.name = "two threads", .fn = op_two_threads, .ctx = &vk2},
         {.name = "malloc one thread", .fn = op_malloc_free, .ctx = &m0},
         {.name = "malloc two threads", .fn = op_two_threads, .ctx = &malloc2},
      };
      struct result res = {.figure = "alloc_free_2t", .unit = "x", .rounds = rounds};
      size_name(res.param, sizeof(res.param), sizes[s]);
      /* Each thread runs as many operations as one thread alone does in a
       * long batch, so that the start skew (a thread wake-up, tens of
       * microseconds here) is small against the batch.  Calibrating the
       * two-thread contenders themselves would measure the wake-up. */
      if (!run_rounds(&c[0], 1, 1, 10 * batch_ns()) || !run_rounds(&c[2], 1, 1, 10 * batch_ns())) {
         skip(res.figure, res.param, "vkAllocateMemory failed");
         continue;
      }
      c[1].iters = c[0].iters;
      c[3].iters = c[2].iters;
      if (!run_rounds(c, ARRAY_LENGTH(c), rounds, 0)) {
         skip(res.figure, res.param, "vkAllocateMemory failed");
         continue;
      }
      double speedup[MAX_ROUNDS], malloc_speedup[MAX_ROUNDS];
      for (int r = 0; r < rounds; r++) {
         speedup[r] = c[0].samples[r] / c[1].samples[r];
         malloc_speedup[r] = c[2].samples[r] / c[3].samples[r];
      }
      res.value = median(speedup, rounds);
      res.bounds[res.bound_count++] = (struct bound_result){
         .name = "malloc+free two threads / one", .value = median(malloc_speedup, rounds),
         .ratio = res.value / median(malloc_speedup, rounds),
         .ratio_lo = NAN, .ratio_hi = NAN};
      add_extra(&res, "one_thread_ns", median(c[0].samples, rounds));
      add_extra(&res, "two_threads_ns_per_op", median(c[1].samples, rounds));
      add_extra(&res, "speedup_p25", quantile(speedup, rounds, 0.25));
      add_extra(&res, "speedup_p75", quantile(speedup, rounds, 0.75));
      emit(&res);
   }
   pthread_mutex_lock(&h.mutex);
   h.quit = true;
   pthread_cond_broadcast(&h.cond);
   pthread_mutex_unlock(&h.mutex);
   pthread_join(h.thread, NULL);
   pthread_mutex_destroy(&h.mutex);
   pthread_cond_destroy(&h.cond);
}

/* --- map/unmap, map2/unmap2, flush/invalidate --------------------------------- */

struct map_ctx {
   struct vk *vk;
   VkDeviceMemory memory;
   VkDeviceSize offset, size;
};

static double op_map_unmap(void *ctx, uint64_t iters)
{
   struct map_ctx *m = ctx;
   struct vk *vk = m->vk;
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      void *data;
      if (vk->MapMemory(vk->device, m->memory, m->offset, m->size, 0, &data) != VK_SUCCESS)
         return NAN;
      clobber(data);
      vk->UnmapMemory(vk->device, m->memory);
   }
   return (double)(now_ns() - t0) / (double)iters;
}

static double op_map2_unmap2(void *ctx, uint64_t iters)
{
   struct map_ctx *m = ctx;
   struct vk *vk = m->vk;
   VkMemoryMapInfoKHR map_info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO_KHR,
      .memory = m->memory,
      .offset = m->offset,
      .size = m->size,
   };
   VkMemoryUnmapInfoKHR unmap_info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_UNMAP_INFO_KHR,
      .memory = m->memory,
   };
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      void *data;
      if (vk->MapMemory2(vk->device, &map_info, &data) != VK_SUCCESS)
         return NAN;
      clobber(data);
      vk->UnmapMemory2(vk->device, &unmap_info);
   }
   return (double)(now_ns() - t0) / (double)iters;
}

static double op_flush(void *ctx, uint64_t iters)
{
   struct map_ctx *m = ctx;
   VkMappedMemoryRange range = {
      .sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE,
      .memory = m->memory,
      .offset = 0,
      .size = VK_WHOLE_SIZE,
   };
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++)
      if (m->vk->FlushMappedMemoryRanges(m->vk->device, 1, &range) != VK_SUCCESS)
         return NAN;
   return (double)(now_ns() - t0) / (double)iters;
}

static double op_invalidate(void *ctx, uint64_t iters)
{
   struct map_ctx *m = ctx;
   VkMappedMemoryRange range = {
      .sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE,
      .memory = m->memory,
      .offset = 0,
      .size = VK_WHOLE_SIZE,
   };
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++)
      if (m->vk->InvalidateMappedMemoryRanges(m->vk->device, 1, &range) != VK_SUCCESS)
         return NAN;
   return (double)(now_ns() - t0) / (double)iters;
}

static void bench_map(struct vk *vk)
{
   static const struct {
      uint64_t memory_size, offset, size;
   } cases[] = {
      {64, 0, VK_WHOLE_SIZE},
      {64 * KiB, 0, VK_WHOLE_SIZE},
      {64 * KiB, 100, 1000},
      {256 * MiB, 0, VK_WHOLE_SIZE},
      {256 * MiB, 128 * MiB + 64, 4 * KiB},
   };
   int rounds = rounds_for(101, 21);
   for (size_t i = 0; i < ARRAY_LENGTH(cases); i++) {
      char memory_name[32], param[96];
      size_name(memory_name, sizeof(memory_name), cases[i].memory_size);
      if (cases[i].size == VK_WHOLE_SIZE)
         snprintf(param, sizeof(param), "%s whole", memory_name);
      else
         snprintf(param, sizeof(param), "%s at %" PRIu64 " +%" PRIu64, memory_name,
                  cases[i].offset, cases[i].size);
      struct map_ctx m = {vk, VK_NULL_HANDLE, cases[i].offset, cases[i].size};
      if (vk_allocate(vk, cases[i].memory_size, &m.memory) != VK_SUCCESS) {
         skip("map_unmap", param, "vkAllocateMemory failed");
         continue;
      }
      for (int variant = 0; variant < 2; variant++) {
         const char *figure = variant ? "map2_unmap2" : "map_unmap";
         if (variant && !vk->map2) {
            skip(figure, param, "neither VK_KHR_map_memory2 nor Vulkan 1.4");
            continue;
         }
         struct contender c[] = {
            {.name = variant ? "map2+unmap2" : "map+unmap",
             .fn = variant ? op_map2_unmap2 : op_map_unmap, .ctx = &m},
            {.name = "indirect call", .fn = op_indirect_call},
         };
         struct result res = {.figure = figure};
         snprintf(res.param, sizeof(res.param), "%s", param);
         if (!run_rounds(c, 2, rounds, batch_ns())) {
            skip(figure, param, "the map failed");
            continue;
         }
         summarize(&res, c, 2, rounds, 0);
         emit(&res);
      }
      vk->FreeMemory(vk->device, m.memory, NULL);
   }
}

static void bench_flush(struct vk *vk)
{
   int rounds = rounds_for(101, 21);
   struct map_ctx m = {vk, VK_NULL_HANDLE, 0, VK_WHOLE_SIZE};
   void *data;
   if (!vk->FlushMappedMemoryRanges || !vk->InvalidateMappedMemoryRanges ||
       vk_allocate(vk, 1 * MiB, &m.memory) != VK_SUCCESS ||
       vk->MapMemory(vk->device, m.memory, 0, VK_WHOLE_SIZE, 0, &data) != VK_SUCCESS) {
      skip("flush", "1 MiB whole", "could not allocate and map 1 MiB");
      return;
   }
   for (int variant = 0; variant < 2; variant++) {
      struct contender c[] = {
         {.name = variant ? "vkInvalidateMappedMemoryRanges" : "vkFlushMappedMemoryRanges",
          .fn = variant ? op_invalidate : op_flush, .ctx = &m},
         {.name = "indirect call", .fn = op_indirect_call},
      };
      struct result res = {.figure = variant ? "invalidate" : "flush"};
      snprintf(res.param, sizeof(res.param), "1 MiB whole, coherent");
      if (!run_rounds(c, 2, rounds, batch_ns())) {
         skip(res.figure, res.param, "the call failed");
         continue;
      }
      summarize(&res, c, 2, rounds, 0);
      emit(&res);
   }
   vk->UnmapMemory(vk->device, m.memory);
   vk->FreeMemory(vk->device, m.memory, NULL);
}

/* --- first touch: a fresh 256 MiB, written ----------------------------------- */

static double op_vk_first_touch(void *ctx, uint64_t iters)
{
   struct alloc_ctx *a = ctx;
   struct vk *vk = a->vk;
   double total = 0;
   for (uint64_t i = 0; i < iters; i++) {
      uint64_t t0 = now_ns();
      VkDeviceMemory memory;
      void *data;
      if (vk_allocate(vk, a->size, &memory) != VK_SUCCESS)
         return NAN;
      if (vk->MapMemory(vk->device, memory, 0, VK_WHOLE_SIZE, 0, &data) != VK_SUCCESS) {
         vk->FreeMemory(vk->device, memory, NULL);
         return NAN;
      }
      touch(data, a->size);
      total += (double)(now_ns() - t0);
      vk->UnmapMemory(vk->device, memory);
      vk->FreeMemory(vk->device, memory, NULL);
   }
   return total / (double)iters;
}

struct mmap_touch_ctx {
   uint64_t size;
   bool huge;
};

static double op_mmap_first_touch(void *ctx, uint64_t iters)
{
   struct mmap_touch_ctx *m = ctx;
   double total = 0;
   for (uint64_t i = 0; i < iters; i++) {
      uint64_t t0 = now_ns();
      void *p = mmap(NULL, m->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED)
         return NAN;
      if (m->huge)
         madvise(p, m->size, MADV_HUGEPAGE);
      touch(p, m->size);
      total += (double)(now_ns() - t0);
      munmap(p, m->size);
   }
   return total / (double)iters;
}

static void bench_first_touch(struct vk *vk)
{
   const uint64_t size = 256 * MiB;
   struct alloc_ctx a = {vk, size};
   struct mmap_touch_ctx huge = {size, true}, small = {size, false};
   int rounds = rounds_for(9, 3);
   struct contender c[] = {
      {.name = "allocate+map+write", .fn = op_vk_first_touch, .ctx = &a, .iters = 1},
      {.name = "mmap+MADV_HUGEPAGE", .fn = op_mmap_first_touch, .ctx = &huge, .iters = 1},
   };
   struct result res = {.figure = "first_touch"};
   snprintf(res.param, sizeof(res.param), "256 MiB");
   if (!run_rounds(c, 2, rounds, 0)) {
      skip(res.figure, res.param, "allocating or mapping 256 MiB failed");
      return;
   }
   summarize(&res, c, 2, rounds, (double)size);
   /* Plain 4 KiB pages: only a few rounds, each takes most of a second. */
   struct contender plain[] = {
      {.name = "mmap (4 KiB pages)", .fn = op_mmap_first_touch, .ctx = &small, .iters = 1},
   };
   int plain_rounds = rounds_for(3, 1);
   run_rounds(plain, 1, plain_rounds, 0);
   double bw[MAX_ROUNDS];
   for (int r = 0; r < plain_rounds; r++)
      bw[r] = (double)size / plain[0].samples[r];
   double plain_bw = median(bw, plain_rounds);
   res.bounds[res.bound_count++] = (struct bound_result){
      .name = plain[0].name, .value = plain_bw, .ratio = res.value / plain_bw,
      .ratio_lo = NAN, .ratio_hi = NAN};
   emit(&res);
}

/* --- steady-state memcpy into and out of mapped memory -------------------- */

struct copy_ctx {
   void *dst;
   const void *src;
   size_t size;
};

static double op_memcpy(void *ctx, uint64_t iters)
{
   struct copy_ctx *c = ctx;
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      memcpy(c->dst, c->src, c->size);
      clobber(c->dst);
   }
   return (double)(now_ns() - t0) / (double)iters;
}

static void bench_memcpy(struct vk *vk)
{
   const size_t size = 64 * MiB;
   int rounds = rounds_for(101, 15);
   VkDeviceMemory memory;
   void *mapped;
   char *a = malloc(size), *b = malloc(size);
   if (!a || !b || vk_allocate(vk, size, &memory) != VK_SUCCESS) {
      skip("memcpy", "64 MiB", "allocation failed");
      free(a), free(b);
      return;
   }
   if (vk->MapMemory(vk->device, memory, 0, VK_WHOLE_SIZE, 0, &mapped) != VK_SUCCESS) {
      skip("memcpy", "64 MiB", "vkMapMemory failed");
      vk->FreeMemory(vk->device, memory, NULL);
      free(a), free(b);
      return;
   }
   touch(a, size), touch(b, size), touch(mapped, size);
   struct copy_ctx into = {mapped, a, size}, out = {b, mapped, size}, plain = {b, a, size};
   for (int variant = 0; variant < 2; variant++) {
      struct contender c[] = {
         {.name = variant ? "out of mapped" : "into mapped", .fn = op_memcpy,
          .ctx = variant ? &out : &into, .iters = 1},
         {.name = "memcpy malloc to malloc", .fn = op_memcpy, .ctx = &plain, .iters = 1},
      };
      struct result res = {.figure = variant ? "memcpy_out" : "memcpy_into"};
      snprintf(res.param, sizeof(res.param), "64 MiB");
      run_rounds(c, 2, rounds, 0);
      summarize(&res, c, 2, rounds, (double)size);
      emit(&res);
   }
   vk->UnmapMemory(vk->device, memory);
   vk->FreeMemory(vk->device, memory, NULL);
   free(a), free(b);
}

/* --- memory given back; 200,000 live small allocations (fresh processes) -- */

static int child_memory_returned(void)
{
   struct vk vk;
   char why[256];
   if (vk_open(&vk, false, why, sizeof(why)) != VK_SUCCESS) {
      printf("error=1 why=%s\n", why);
      return 0;
   }
   const uint64_t size = 256 * MiB;
   uint64_t before = rss_kib();
   VkDeviceMemory memory;
   void *data;
   if (vk_allocate(&vk, size, &memory) != VK_SUCCESS ||
       vk.MapMemory(vk.device, memory, 0, VK_WHOLE_SIZE, 0, &data) != VK_SUCCESS) {
      printf("error=2\n");
      return 0;
   }
   touch(data, size);
   uint64_t peak = rss_kib();
   vk.UnmapMemory(vk.device, memory);
   vk.FreeMemory(vk.device, memory, NULL);
   uint64_t after = rss_kib();
   /* The bound: the same with the kernel's own anonymous memory. */
   void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   uint64_t before_mmap = rss_kib();
   touch(p, size);
   munmap(p, size);
   uint64_t after_mmap = rss_kib();
   printf("held=%" PRIu64 " peak=%" PRIu64 " mmap_held=%" PRId64 "\n", after - before,
          peak - before, (int64_t)after_mmap - (int64_t)before_mmap);
   vk_close(&vk);
   return 0;
}

static void bench_memory_returned(void)
{
   char out[1024];
   int runs = rounds_for(3, 1);
   double held[8], peak[8], mmap_held[8];
   for (int r = 0; r < runs; r++) {
      if (!run_child("memory-returned", NULL, false, out, sizeof(out), NULL) ||
          isfinite(field(out, "error"))) {
         skip("memory_returned", "256 MiB", "the child failed: %s", out);
         return;
      }
      held[r] = field(out, "held");
      peak[r] = field(out, "peak");
      mmap_held[r] = field(out, "mmap_held");
   }
   struct result res = {.figure = "memory_returned", .unit = "KiB", .rounds = runs};
   snprintf(res.param, sizeof(res.param), "256 MiB touched then freed");
   res.value = median(held, runs);
   res.bounds[res.bound_count++] = (struct bound_result){
      .name = "mmap+touch+munmap", .value = median(mmap_held, runs), .ratio = NAN,
      .ratio_lo = NAN, .ratio_hi = NAN};
   add_extra(&res, "peak_kib", median(peak, runs));
   emit(&res);
}

static int child_live_small(void)
{
   struct vk vk;
   char why[256];
   if (vk_open(&vk, false, why, sizeof(why)) != VK_SUCCESS) {
      printf("error=1\n");
      return 0;
   }
   const uint32_t count = 200000;
   const VkDeviceSize size = 256;
   if (vk.properties.limits.maxMemoryAllocationCount < count) {
      printf("limit=%u\n", vk.properties.limits.maxMemoryAllocationCount);
      return 0;
   }
   VkDeviceMemory *memory = malloc(sizeof(*memory) * count);
   touch(memory, sizeof(*memory) * count);
   uint64_t before = rss_kib();
   uint64_t t0 = now_ns();
   uint32_t made = 0;
   VkResult result = VK_SUCCESS;
   for (; made < count; made++) {
      result = vk_allocate(&vk, size, &memory[made]);
      if (result != VK_SUCCESS)
         break;
   }
   uint64_t t1 = now_ns();
   uint64_t live = rss_kib();
   for (uint32_t i = 0; i < made; i++)
      vk.FreeMemory(vk.device, memory[i], NULL);
   uint64_t t2 = now_ns();
   uint64_t after = rss_kib();
   /* The bound: malloc of the same count and size, untouched. */
   void **blocks = (void **)memory;
   uint64_t before_malloc = rss_kib();
   for (uint32_t i = 0; i < count; i++)
      blocks[i] = malloc(size);
   uint64_t live_malloc = rss_kib();
   for (uint32_t i = 0; i < count; i++)
      free(blocks[i]);
   printf("made=%u result=%d bytes_each=%.2f alloc_ns=%.1f free_ns=%.1f after_free_kib=%" PRId64
          " malloc_bytes_each=%.2f\n",
          made, result, (double)(live - before) * 1024.0 / made,
          (double)(t1 - t0) / made, (double)(t2 - t1) / (made ? made : 1),
          (int64_t)after - (int64_t)before,
          (double)(live_malloc - before_malloc) * 1024.0 / count);
   vk_close(&vk);
   return 0;
}

static void bench_live_small(void)
{
   char out[1024];
   struct result res = {.figure = "live_small", .unit = "B", .rounds = 1};
   snprintf(res.param, sizeof(res.param), "200000 x 256 B");
   if (!run_child("live-small", NULL, false, out, sizeof(out), NULL) ||
       isfinite(field(out, "error"))) {
      skip(res.figure, res.param, "the child failed: %s", out);
      return;
   }
   if (isfinite(field(out, "limit"))) {
      skip(res.figure, res.param, "maxMemoryAllocationCount is %.0f", field(out, "limit"));
      return;
   }
   res.value = field(out, "bytes_each");
   res.bounds[res.bound_count++] = (struct bound_result){
      .name = "malloc 256 B", .value = field(out, "malloc_bytes_each"), .ratio = NAN,
      .ratio_lo = NAN, .ratio_hi = NAN};
   add_extra(&res, "made", field(out, "made"));
   add_extra(&res, "result", field(out, "result"));
   add_extra(&res, "alloc_ns", field(out, "alloc_ns"));
   add_extra(&res, "free_ns", field(out, "free_ns"));
   add_extra(&res, "after_free_kib", field(out, "after_free_kib"));
   /* A driver that maps each allocation on its own runs into this. */
   char max_map_count[32];
   read_file_line("/proc/sys/vm/max_map_count", max_map_count, sizeof(max_map_count));
   add_extra(&res, "vm_max_map_count", strtod(max_map_count, NULL));
   emit(&res);
}

/* --- placed map + reserve-unmap ---------------------------------------------- */

struct placed_ctx {
   struct vk *vk;
   VkDeviceMemory memory;
   void *address;
   size_t size;
   int fd;
};

static double op_placed_map_reserve(void *ctx, uint64_t iters)
{
   struct placed_ctx *p = ctx;
   struct vk *vk = p->vk;
   VkMemoryMapPlacedInfoEXT placed = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_PLACED_INFO_EXT,
      .pPlacedAddress = p->address,
   };
   VkMemoryMapInfoKHR map_info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO_KHR,
      .pNext = &placed,
      .flags = VK_MEMORY_MAP_PLACED_BIT_EXT,
      .memory = p->memory,
      .offset = 0,
      .size = VK_WHOLE_SIZE,
   };
   VkMemoryUnmapInfoKHR unmap_info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_UNMAP_INFO_KHR,
      .flags = VK_MEMORY_UNMAP_RESERVE_BIT_EXT,
      .memory = p->memory,
   };
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      void *data;
      if (vk->MapMemory2(vk->device, &map_info, &data) != VK_SUCCESS || data != p->address)
         return NAN;
      if (vk->UnmapMemory2(vk->device, &unmap_info) != VK_SUCCESS)
         return NAN;
   }
   return (double)(now_ns() - t0) / (double)iters;
}

/* What a placed map costs the kernel at least: a shared mapping of the
 * object's pages at a fixed address, then a reservation put back. */
static double op_mmap_fixed_pair(void *ctx, uint64_t iters)
{
   struct placed_ctx *p = ctx;
   uint64_t t0 = now_ns();
   for (uint64_t i = 0; i < iters; i++) {
      if (mmap(p->address, p->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, p->fd, 0) ==
          MAP_FAILED)
         return NAN;
      if (mmap(p->address, p->size, PROT_NONE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED)
         return NAN;
   }
   return (double)(now_ns() - t0) / (double)iters;
}

static void *reserve(size_t size, size_t alignment)
{
   size_t span = size + alignment;
   char *p = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
   if (p == MAP_FAILED)
      return NULL;
   char *aligned = (char *)(((uintptr_t)p + alignment - 1) & ~(uintptr_t)(alignment - 1));
   if (aligned > p)
      munmap(p, (size_t)(aligned - p));
   munmap(aligned + size, (size_t)(p + span - (aligned + size)));
   return aligned;
}

static void bench_placed(void)
{
   const size_t size = 1 * MiB;
   const char *param = "1 MiB";
   struct vk placed_vk;
   struct vk *vk = &placed_vk;
   char why[256];
   if (vk_open(vk, true, why, sizeof(why)) != VK_SUCCESS) {
      skip("placed_map", param, "%s", why);
      vk_close(vk);
      return;
   }
   if (!vk->placed) {
      skip("placed_map", param,
           "VK_EXT_map_memory_placed with memoryMapPlaced and memoryUnmapReserve not offered");
      vk_close(vk);
      return;
   }
   size_t alignment = vk->placed_alignment > 4096 ? (size_t)vk->placed_alignment : 4096;
   struct placed_ctx driver = {vk, VK_NULL_HANDLE, reserve(size, alignment), size, -1};
   struct placed_ctx raw = {vk, VK_NULL_HANDLE, reserve(size, alignment), size,
                            memfd_create("memvk-bench", MFD_CLOEXEC)};
   if (!driver.address || !raw.address || raw.fd < 0 || ftruncate(raw.fd, (off_t)size) != 0 ||
       vk_allocate(vk, size, &driver.memory) != VK_SUCCESS) {
      skip("placed_map", param, "could not reserve or allocate");
      vk_close(vk);
      return;
   }
   int rounds = rounds_for(101, 21);
   struct contender c[] = {
      {.name = "placed map2 + reserve unmap2", .fn = op_placed_map_reserve, .ctx = &driver},
      {.name = "mmap(MAP_FIXED)+mmap(PROT_NONE)", .fn = op_mmap_fixed_pair, .ctx = &raw},
   };
   struct result res = {.figure = "placed_map"};
   snprintf(res.param, sizeof(res.param), "%s", param);
   if (run_rounds(c, 2, rounds, batch_ns())) {
      summarize(&res, c, 2, rounds, 0);
      emit(&res);
   } else {
      skip(res.figure, param, "the placed map or reserve unmap failed");
   }
   vk->FreeMemory(vk->device, driver.memory, NULL);
   munmap(driver.address, size);
   munmap(raw.address, size);
   close(raw.fd);
   vk_close(vk);
}

/* --- the transfer queue: vkCmdCopyBuffer, empty submissions ----------------- */

struct queue_ctx {
   struct vk *vk;
   VkCommandBuffer command_buffer; /* NULL: an empty submission */
   VkFence fence;
};

static double op_submit_wait(void *ctx, uint64_t iters)
{
   struct queue_ctx *q = ctx;
   struct vk *vk = q->vk;
   VkSubmitInfo submit = {
      .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
      .commandBufferCount = 1,
      .pCommandBuffers = &q->command_buffer,
   };
   double total = 0;
   for (uint64_t i = 0; i < iters; i++) {
      uint64_t t0 = now_ns();
      if (vk->QueueSubmit(vk->queue, q->command_buffer ? 1 : 0, &submit, q->fence) != VK_SUCCESS)
         return NAN;
      if (vk->WaitForFences(vk->device, 1, &q->fence, VK_TRUE, UINT64_MAX) != VK_SUCCESS)
         return NAN;
      total += (double)(now_ns() - t0);
      vk->ResetFences(vk->device, 1, &q->fence);
   }
   return total / (double)iters;
}

/* The bound for an empty submission: waking another thread and being woken
 * back, which a queue with a worker thread cannot avoid. */
struct ping_pong {
   pthread_mutex_t mutex;
   pthread_cond_t cond;
   uint64_t sent, answered;
   bool quit;
};

static void *pong_main(void *arg)
{
   struct ping_pong *p = arg;
   pthread_mutex_lock(&p->mutex);
   for (;;) {
      while (p->answered == p->sent && !p->quit)
         pthread_cond_wait(&p->cond, &p->mutex);
      if (p->quit)
         break;
      p->answered = p->sent;
      pthread_cond_broadcast(&p->cond);
   }
   pthread_mutex_unlock(&p->mutex);
   return NULL;
}

static double op_ping_pong(void *ctx, uint64_t iters)
{
   struct ping_pong *p = ctx;
   uint64_t t0 = now_ns();
   pthread_mutex_lock(&p->mutex);
   for (uint64_t i = 0; i < iters; i++) {
      p->sent++;
      pthread_cond_broadcast(&p->cond);
      while (p->answered != p->sent)
         pthread_cond_wait(&p->cond, &p->mutex);
   }
   pthread_mutex_unlock(&p->mutex);
   return (double)(now_ns() - t0) / (double)iters;
}

struct buffer_memory {
   VkBuffer buffer;
   VkDeviceMemory memory;
   void *mapped;
};

static bool make_buffer(struct vk *vk, VkDeviceSize size, struct buffer_memory *b)
{
   VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = size,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT,
      .sharingMode = VK_SHARING_MODE_EXCLUSIVE,
   };
   if (vk->CreateBuffer(vk->device, &info, NULL, &b->buffer) != VK_SUCCESS)
      return false;
   VkMemoryRequirements requirements;
   vk->GetBufferMemoryRequirements(vk->device, b->buffer, &requirements);
   if (!(requirements.memoryTypeBits & (1u << vk->host_type)) ||
       vk_allocate(vk, requirements.size, &b->memory) != VK_SUCCESS)
      return false;
   if (vk->BindBufferMemory(vk->device, b->buffer, b->memory, 0) != VK_SUCCESS ||
       vk->MapMemory(vk->device, b->memory, 0, VK_WHOLE_SIZE, 0, &b->mapped) != VK_SUCCESS)
      return false;
   touch(b->mapped, size);
   return true;
}

static void bench_queue(struct vk *vk)
{
   const VkDeviceSize size = 64 * MiB;
   if (!vk->queue || !vk->QueueSubmit || !vk->CreateFence || !vk->CmdCopyBuffer ||
       !vk->CreateCommandPool) {
      skip("empty_submit", "", "no queue or no queue commands");
      skip("copy_buffer", "64 MiB", "no queue or no queue commands");
      return;
   }
   VkFence fence;
   VkFenceCreateInfo fence_info = {.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
   VkCommandPool pool;
   VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .queueFamilyIndex = vk->queue_family,
   };
   VkCommandBuffer command_buffers[3]; /* [0] empty, [1] the 64 MiB copy, [2] a 256 B copy */
   VkCommandBufferAllocateInfo command_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = 3,
   };
   VkCommandBufferBeginInfo begin = {.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
   if (vk->CreateFence(vk->device, &fence_info, NULL, &fence) != VK_SUCCESS) {
      skip("empty_submit", "", "vkCreateFence failed");
      return;
   }
   if (vk->CreateCommandPool(vk->device, &pool_info, NULL, &pool) != VK_SUCCESS) {
      skip("empty_submit", "", "vkCreateCommandPool failed");
      vk->DestroyFence(vk->device, fence, NULL);
      return;
   }
   command_info.commandPool = pool;
   bool recorded = vk->AllocateCommandBuffers(vk->device, &command_info, command_buffers) ==
                      VK_SUCCESS &&
                   vk->BeginCommandBuffer(command_buffers[0], &begin) == VK_SUCCESS &&
                   vk->EndCommandBuffer(command_buffers[0]) == VK_SUCCESS;

   /* Empty submissions against a thread wake-up round trip: with no batch
    * at all (the driver may signal the fence at once when the queue is idle)
    * and with one empty command buffer (it goes through the queue). */
   struct ping_pong pp = {.mutex = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
   pthread_t pong;
   pthread_create(&pong, NULL, pong_main, &pp);
   for (int variant = 0; variant < 2; variant++) {
      struct queue_ctx q = {vk, variant ? command_buffers[0] : NULL, fence};
      struct result res = {.figure = "empty_submit"};
      snprintf(res.param, sizeof(res.param), variant ? "1 empty command buffer" : "no batch, fence only");
      if (variant && !recorded) {
         skip(res.figure, res.param, "could not record an empty command buffer");
         continue;
      }
      struct contender c[] = {
         {.name = "submit+wait", .fn = op_submit_wait, .ctx = &q},
         {.name = "thread wake round trip", .fn = op_ping_pong, .ctx = &pp},
      };
      int rounds = rounds_for(101, 21);
      if (run_rounds(c, 2, rounds, batch_ns())) {
         summarize(&res, c, 2, rounds, 0);
         emit(&res);
      } else {
         skip(res.figure, res.param, "vkQueueSubmit or vkWaitForFences failed");
      }
   }
   pthread_mutex_lock(&pp.mutex);
   pp.quit = true;
   pthread_cond_broadcast(&pp.cond);
   pthread_mutex_unlock(&pp.mutex);
   pthread_join(pong, NULL);

   /* A 64 MiB copy against memcpy between malloc'd buffers. */
   struct buffer_memory src = {0}, dst = {0};
   VkBufferCopy region = {0, 0, size};
   char *a = malloc(size), *b = malloc(size);
   struct result copy = {.figure = "copy_buffer"};
   snprintf(copy.param, sizeof(copy.param), "64 MiB");
   if (!recorded || !a || !b || !make_buffer(vk, size, &src) || !make_buffer(vk, size, &dst)) {
      skip(copy.figure, copy.param, "could not create the buffers or the command buffers");
   } else if (vk->BeginCommandBuffer(command_buffers[1], &begin) != VK_SUCCESS) {
      skip(copy.figure, copy.param, "could not record the command buffer");
   } else {
      vk->CmdCopyBuffer(command_buffers[1], src.buffer, dst.buffer, 1, &region);
      touch(a, size), touch(b, size);
      struct queue_ctx q = {vk, command_buffers[1], fence};
      struct copy_ctx plain = {b, a, size};
      struct contender c[] = {
         {.name = "vkCmdCopyBuffer submit+wait", .fn = op_submit_wait, .ctx = &q, .iters = 1},
         {.name = "memcpy malloc to malloc", .fn = op_memcpy, .ctx = &plain, .iters = 1},
      };
      int rounds = rounds_for(61, 9);
      if (vk->EndCommandBuffer(command_buffers[1]) == VK_SUCCESS && run_rounds(c, 2, rounds, 0)) {
         summarize(&copy, c, 2, rounds, (double)size);
         emit(&copy);
      } else {
         skip(copy.figure, copy.param, "recording or submitting the copy failed");
      }

      /* The smallest submission with work in it: what a queue's round trip
       * costs when it cannot take the idle shortcut. */
      VkBufferCopy small_region = {0, 0, 256};
      struct result small = {.figure = "small_copy_submit"};
      snprintf(small.param, sizeof(small.param), "256 B copy + fence");
      if (vk->BeginCommandBuffer(command_buffers[2], &begin) == VK_SUCCESS) {
         vk->CmdCopyBuffer(command_buffers[2], src.buffer, dst.buffer, 1, &small_region);
         struct queue_ctx q_small = {vk, command_buffers[2], fence};
         struct ping_pong pp2 = {.mutex = PTHREAD_MUTEX_INITIALIZER,
                                 .cond = PTHREAD_COND_INITIALIZER};
         pthread_t pong2;
         pthread_create(&pong2, NULL, pong_main, &pp2);
         struct contender cs[] = {
            {.name = "submit+wait", .fn = op_submit_wait, .ctx = &q_small},
            {.name = "thread wake round trip", .fn = op_ping_pong, .ctx = &pp2},
         };
         int small_rounds = rounds_for(101, 21);
         if (vk->EndCommandBuffer(command_buffers[2]) == VK_SUCCESS &&
             run_rounds(cs, 2, small_rounds, batch_ns())) {
            summarize(&small, cs, 2, small_rounds, 0);
            emit(&small);
         } else {
            skip(small.figure, small.param, "recording or submitting the copy failed");
         }
         pthread_mutex_lock(&pp2.mutex);
         pp2.quit = true;
         pthread_cond_broadcast(&pp2.cond);
         pthread_mutex_unlock(&pp2.mutex);
         pthread_join(pong2, NULL);
      }
   }
   if (vk->DeviceWaitIdle)
      vk->DeviceWaitIdle(vk->device);
   vk->DestroyCommandPool(vk->device, pool, NULL);
   struct buffer_memory *buffers[] = {&src, &dst};
   for (size_t i = 0; i < 2; i++) {
      if (buffers[i]->buffer)
         vk->DestroyBuffer(vk->device, buffers[i]->buffer, NULL);
      if (buffers[i]->memory)
         vk->FreeMemory(vk->device, buffers[i]->memory, NULL);
   }
   vk->DestroyFence(vk->device, fence, NULL);
   free(a), free(b);
}

/* --- the run ----------------------------------------------------------------- */

static void emit_run_record(const char *type, const struct vk *vk, uint64_t elapsed_ns)
{
   char loadavg[128], thp[128];
   read_file_line("/proc/loadavg", loadavg, sizeof(loadavg));
   read_file_line("/sys/kernel/mm/transparent_hugepage/enabled", thp, sizeof(thp));
   printf("# %s: load average %s\n", type, loadavg);
   if (!options.json)
      return;
   FILE *f = options.json;
   fprintf(f, "{\"type\":");
   json_string(f, type);
   fputs(",\"label\":", f);
   json_string(f, options.label);
   fputs(",\"loadavg\":", f);
   json_string(f, loadavg);
   fprintf(f, ",\"quick\":%s,\"elapsed_s\":%.1f", options.quick ? "true" : "false",
           (double)elapsed_ns / 1e9);
   if (vk) {
      struct utsname u;
      uname(&u);
      char api[32];
      snprintf(api, sizeof(api), "%u.%u.%u", VK_API_VERSION_MAJOR(vk->properties.apiVersion),
               VK_API_VERSION_MINOR(vk->properties.apiVersion),
               VK_API_VERSION_PATCH(vk->properties.apiVersion));
      const char *files = getenv("VK_DRIVER_FILES");
      fputs(",\"device\":", f);
      json_string(f, vk->properties.deviceName);
      fputs(",\"driver\":", f);
      json_string(f, vk->driver_name);
      fputs(",\"driver_info\":", f);
      json_string(f, vk->driver_info);
      fputs(",\"api_version\":", f);
      json_string(f, api);
      fputs(",\"driver_files\":", f);
      json_string(f, files ? files : "");
      fputs(",\"kernel\":", f);
      json_string(f, u.release);
      fputs(",\"thp\":", f);
      json_string(f, thp);
      fprintf(f, ",\"cpus\":%ld", sysconf(_SC_NPROCESSORS_ONLN));
   }
   fputs("}\n", f);
   fflush(f);
}

static void usage(FILE *f)
{
   fprintf(f,
           "usage: memvk-bench [--quick] [--label NAME] [--json FILE] [--only SECTIONS]\n"
           "  The driver is the one VK_DRIVER_FILES names.\n"
           "  --quick       fewer rounds: under 20 s\n"
           "  --label NAME  the driver's name in the output (default: its driverName)\n"
           "  --json FILE   also write one JSON object per line (scripts/bench-report.py)\n"
           "  --only LIST   comma-separated sections: startup, alloc, alloc2t, map, flush,\n"
           "                firsttouch, memcpy, returned, live, placed, queue\n");
}

int main(int argc, char **argv)
{
   for (int i = 1; i < argc; i++) {
      if (strcmp(argv[i], "--child") == 0 && i + 1 < argc) {
         const char *mode = argv[++i];
         if (strcmp(mode, "startup") == 0)
            return child_startup();
         if (strcmp(mode, "startup-direct") == 0)
            return child_startup_direct();
         if (strcmp(mode, "memory-returned") == 0)
            return child_memory_returned();
         if (strcmp(mode, "live-small") == 0)
            return child_live_small();
         return 2;
      } else if (strcmp(argv[i], "--quick") == 0) {
         options.quick = true;
      } else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc) {
         options.label = argv[++i];
      } else if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
         options.json_path = argv[++i];
      } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
         options.only = argv[++i];
      } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
         usage(stdout);
         return 0;
      } else {
         usage(stderr);
         return 2;
      }
   }
   ssize_t n = readlink("/proc/self/exe", options.exe, sizeof(options.exe) - 1);
   if (n <= 0) {
      fprintf(stderr, "memvk-bench: cannot find its own executable\n");
      return 1;
   }
   options.exe[n] = '\0';
   /* Mesa's implicit device-select layer is not the driver under test. */
   setenv("NODEVICE_SELECT", "1", 0);

   uint64_t start = now_ns();
   struct vk vk;
   char why[256] = "";
   if (vk_open(&vk, false, why, sizeof(why)) != VK_SUCCESS) {
      fprintf(stderr, "memvk-bench: %s (is VK_DRIVER_FILES set?)\n", why);
      return 1;
   }
   if (!options.label)
      options.label = vk.driver_name[0] ? vk.driver_name : vk.properties.deviceName;
   if (options.json_path) {
      options.json = fopen(options.json_path, "w");
      if (!options.json) {
         fprintf(stderr, "memvk-bench: cannot write %s: %s\n", options.json_path, strerror(errno));
         return 1;
      }
   }
   printf("# memvk-bench%s: %s (%s %s), %s, %ld CPUs\n", options.quick ? " --quick" : "",
          options.label, vk.properties.deviceName, vk.driver_info,
          vk.map2 ? vk.map2_name : "no map2", sysconf(_SC_NPROCESSORS_ONLN));
   emit_run_record("run", &vk, 0);

   /* The sections that fork children come last: after a fork, the parent's
    * next thousands of operations run measurably slower for a while
    * (copy-on-write faults, the children's exits on the other core). */
   if (section_enabled("alloc"))
      bench_allocate(&vk);
   if (section_enabled("alloc2t"))
      bench_allocate_two_threads(&vk);
   if (section_enabled("map"))
      bench_map(&vk);
   if (section_enabled("flush"))
      bench_flush(&vk);
   if (section_enabled("firsttouch"))
      bench_first_touch(&vk);
   if (section_enabled("memcpy"))
      bench_memcpy(&vk);
   if (section_enabled("placed"))
      bench_placed();
   if (section_enabled("queue"))
      bench_queue(&vk);
   if (section_enabled("returned"))
      bench_memory_returned();
   if (section_enabled("live"))
      bench_live_small();
   if (section_enabled("startup"))
      bench_startup();

   uint64_t elapsed = now_ns() - start;
   printf("# done in %.1f s\n", (double)elapsed / 1e9);
   emit_run_record("end", NULL, elapsed);
   vk_close(&vk);
   if (options.json)
      fclose(options.json);
   return 0;
}
