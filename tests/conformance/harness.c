/* The runner of memvk-conformance: options, one child process per check,
 * instance and device creation for the checks, reporting. */
#include "conformance.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

/* A check that takes longer than this is reported as hung. */
#define CHECK_TIMEOUT_SECONDS 120

static const struct {
   const struct check *checks;
   const size_t *count;
} all_tables[] = {
   { memory_checks, &memory_check_count },
   { proc_addr_checks, &proc_addr_check_count },
   { placed_checks, &placed_check_count },
   { resource_checks, &resource_check_count },
   { transfer_checks, &transfer_check_count },
};

/* --- reporting ------------------------------------------------------------ */

void
ctx_fail_at(struct ctx *c, const char *file, int line, const char *format, ...)
{
   if (c->outcome == OUTCOME_FAIL)
      return; /* keep the first reason */
   c->outcome = OUTCOME_FAIL;
   const char *slash = strrchr(file, '/');
   int n = snprintf(c->why, sizeof(c->why), "%s:%d: ", slash ? slash + 1 : file, line);
   va_list args;
   va_start(args, format);
   vsnprintf(c->why + n, sizeof(c->why) - (size_t)n, format, args);
   va_end(args);
}

void
ctx_skip(struct ctx *c, const char *format, ...)
{
   if (c->outcome == OUTCOME_FAIL)
      return;
   c->outcome = OUTCOME_SKIP;
   va_list args;
   va_start(args, format);
   vsnprintf(c->why, sizeof(c->why), format, args);
   va_end(args);
}

const char *
vk_result_name(VkResult result)
{
   switch (result) {
#define NAME(r) case r: return #r;
   NAME(VK_SUCCESS) NAME(VK_NOT_READY) NAME(VK_TIMEOUT) NAME(VK_EVENT_SET) NAME(VK_EVENT_RESET)
   NAME(VK_INCOMPLETE) NAME(VK_ERROR_OUT_OF_HOST_MEMORY) NAME(VK_ERROR_OUT_OF_DEVICE_MEMORY)
   NAME(VK_ERROR_INITIALIZATION_FAILED) NAME(VK_ERROR_DEVICE_LOST) NAME(VK_ERROR_MEMORY_MAP_FAILED)
   NAME(VK_ERROR_LAYER_NOT_PRESENT) NAME(VK_ERROR_EXTENSION_NOT_PRESENT)
   NAME(VK_ERROR_FEATURE_NOT_PRESENT) NAME(VK_ERROR_INCOMPATIBLE_DRIVER)
   NAME(VK_ERROR_TOO_MANY_OBJECTS) NAME(VK_ERROR_FORMAT_NOT_SUPPORTED)
   NAME(VK_ERROR_FRAGMENTED_POOL) NAME(VK_ERROR_UNKNOWN) NAME(VK_ERROR_OUT_OF_POOL_MEMORY)
   NAME(VK_ERROR_INVALID_EXTERNAL_HANDLE) NAME(VK_ERROR_FRAGMENTATION)
   NAME(VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS)
#undef NAME
   default: return "(another VkResult)";
   }
}

static void note_driver(const struct ctx *c);

/* --- instance and device -------------------------------------------------- */

bool
ctx_device_supports(const struct ctx *c, const char *extension)
{
   uint32_t count = 0;
   if (vkEnumerateDeviceExtensionProperties(c->physical_device, NULL, &count, NULL) != VK_SUCCESS)
      return false;
   VkExtensionProperties *props = calloc(count ? count : 1, sizeof(*props));
   bool found = false;
   if (props && vkEnumerateDeviceExtensionProperties(c->physical_device, NULL, &count, props) >= 0) {
      for (uint32_t i = 0; i < count && !found; i++)
         found = strcmp(props[i].extensionName, extension) == 0;
   }
   free(props);
   return found;
}

bool
ctx_enabled(const struct ctx *c, const char *extension)
{
   for (uint32_t i = 0; i < c->enabled_count; i++) {
      if (strcmp(c->enabled[i], extension) == 0)
         return true;
   }
   return false;
}

/* The core version the application may use on the device: the lower of
 * the requested apiVersion and the device's own. */
uint32_t
ctx_device_api_version(const struct ctx *c)
{
   uint32_t device = VK_MAKE_API_VERSION(0, VK_API_VERSION_MAJOR(c->properties.apiVersion),
                                         VK_API_VERSION_MINOR(c->properties.apiVersion), 0);
   uint32_t requested = VK_MAKE_API_VERSION(0, VK_API_VERSION_MAJOR(c->api_version),
                                            VK_API_VERSION_MINOR(c->api_version), 0);
   return device < requested ? device : requested;
}

uint32_t
ctx_memory_type(const struct ctx *c, uint32_t type_bits, VkMemoryPropertyFlags flags)
{
   for (uint32_t i = 0; i < c->memory.memoryTypeCount; i++) {
      if ((type_bits & (1u << i)) && (c->memory.memoryTypes[i].propertyFlags & flags) == flags)
         return i;
   }
   return UINT32_MAX;
}

bool
ctx_open(struct ctx *c, const struct ctx_options *options)
{
   static const struct ctx_options defaults = { 0 };
   if (options == NULL)
      options = &defaults;

   c->loader_version = VK_API_VERSION_1_0;
   vkEnumerateInstanceVersion(&c->loader_version);
   /* Since 1.1 an application may request any apiVersion; what it may use
    * on a device is the lower of that and the device's version. */
   c->api_version = options->api_version ? options->api_version : VK_API_VERSION_1_4;
   c->allocator = options->allocator;

   const VkApplicationInfo app = {
      .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
      .pApplicationName = "memvk-conformance",
      .apiVersion = c->api_version,
   };
   const VkInstanceCreateInfo instance_info = {
      .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
      .pApplicationInfo = &app,
   };
   VkResult result = vkCreateInstance(&instance_info, c->allocator, &c->instance);
   if (result != VK_SUCCESS) {
      c->instance = VK_NULL_HANDLE;
      ctx_fail(c, __LINE__, "vkCreateInstance returned %s", vk_result_name(result));
      return false;
   }
   uint32_t count = 1;
   result = vkEnumeratePhysicalDevices(c->instance, &count, &c->physical_device);
   if (result < 0 || count == 0) {
      ctx_fail(c, __LINE__, "no physical device (vkEnumeratePhysicalDevices returned %s, count %u)",
               vk_result_name(result), count);
      return false;
   }
   vkGetPhysicalDeviceProperties(c->physical_device, &c->properties);
   vkGetPhysicalDeviceMemoryProperties(c->physical_device, &c->memory);
   note_driver(c); /* the device's name now; its driver's below */
   if (c->properties.apiVersion < VK_API_VERSION_1_1) {
      ctx_skip(c, "the device supports only Vulkan 1.0; the suite needs 1.1");
      return false;
   }

   /* Properties of 1.2 and of the placed-map extension, when there. */
   bool has_placed = ctx_device_supports(c, VK_EXT_MAP_MEMORY_PLACED_EXTENSION_NAME);
   c->driver = (VkPhysicalDeviceDriverProperties){ .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES };
   c->placed_properties = (VkPhysicalDeviceMapMemoryPlacedPropertiesEXT){
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_PROPERTIES_EXT };
   VkPhysicalDeviceProperties2 properties2 = { .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2 };
   void **tail = &properties2.pNext;
   if (c->properties.apiVersion >= VK_API_VERSION_1_2) {
      *tail = &c->driver;
      tail = &c->driver.pNext;
   }
   if (has_placed) {
      *tail = &c->placed_properties;
      tail = &c->placed_properties.pNext;
   }
   vkGetPhysicalDeviceProperties2(c->physical_device, &properties2);
   c->driver.pNext = NULL;
   note_driver(c);
   c->placed_properties.pNext = NULL;

   /* A queue family that supports transfer operations ("All commands that
    * are allowed on a queue that supports transfer operations are also
    * allowed on a queue that supports either graphics or compute"). */
   uint32_t family_count = 0;
   vkGetPhysicalDeviceQueueFamilyProperties(c->physical_device, &family_count, NULL);
   VkQueueFamilyProperties families[32];
   if (family_count > ARRAY_LENGTH(families))
      family_count = ARRAY_LENGTH(families);
   vkGetPhysicalDeviceQueueFamilyProperties(c->physical_device, &family_count, families);
   c->queue_family = UINT32_MAX;
   for (uint32_t i = 0; i < family_count && c->queue_family == UINT32_MAX; i++) {
      if (families[i].queueCount > 0 &&
          (families[i].queueFlags & (VK_QUEUE_TRANSFER_BIT | VK_QUEUE_GRAPHICS_BIT | VK_QUEUE_COMPUTE_BIT)))
         c->queue_family = i;
   }
   if (c->queue_family == UINT32_MAX) {
      ctx_skip(c, "the device has no queue family that supports transfer operations");
      return false;
   }

   for (uint32_t i = 0; i < ARRAY_LENGTH(options->extensions) && options->extensions[i]; i++) {
      if (ctx_device_supports(c, options->extensions[i]))
         c->enabled[c->enabled_count++] = options->extensions[i];
   }

   VkPhysicalDeviceFeatures2 features2 = { .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2 };
   VkPhysicalDeviceMapMemoryPlacedFeaturesEXT placed = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_FEATURES_EXT };
   VkPhysicalDeviceTimelineSemaphoreFeatures timeline = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_TIMELINE_SEMAPHORE_FEATURES };
   VkPhysicalDeviceHostQueryResetFeatures host_query_reset = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_HOST_QUERY_RESET_FEATURES };
   VkPhysicalDeviceSynchronization2Features synchronization2 = {
      .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SYNCHRONIZATION_2_FEATURES };
   tail = &features2.pNext;
   if (options->placed_features && ctx_enabled(c, VK_EXT_MAP_MEMORY_PLACED_EXTENSION_NAME)) {
      *tail = &placed;
      tail = &placed.pNext;
   }
   if (options->timeline_semaphore) {
      if (c->properties.apiVersion < VK_API_VERSION_1_2) {
         ctx_skip(c, "timeline semaphores need Vulkan 1.2");
         return false;
      }
      *tail = &timeline;
      tail = &timeline.pNext;
   }
   if (options->host_query_reset) {
      if (c->properties.apiVersion < VK_API_VERSION_1_2) {
         ctx_skip(c, "vkResetQueryPool needs Vulkan 1.2");
         return false;
      }
      *tail = &host_query_reset;
      tail = &host_query_reset.pNext;
   }
   if (options->synchronization2) {
      if (ctx_device_api_version(c) < VK_API_VERSION_1_3) {
         ctx_skip(c, "synchronization2 needs Vulkan 1.3");
         return false;
      }
      *tail = &synchronization2;
      tail = &synchronization2.pNext;
   }
   /* Ask what is supported, then enable exactly that. */
   vkGetPhysicalDeviceFeatures2(c->physical_device, &features2);
   if (options->timeline_semaphore && !timeline.timelineSemaphore) {
      ctx_skip(c, "the timelineSemaphore feature is not supported");
      return false;
   }
   if (options->synchronization2 && !synchronization2.synchronization2) {
      ctx_skip(c, "the synchronization2 feature is not supported");
      return false;
   }
   if (options->host_query_reset && !host_query_reset.hostQueryReset) {
      ctx_skip(c, "the hostQueryReset feature is not supported");
      return false;
   }
   c->placed_features = placed;
   c->placed_features.pNext = NULL;
   /* Only the structures asked for, with no core features. */
   features2.features = (VkPhysicalDeviceFeatures){ 0 };

   const float priority = 1.0f;
   const VkDeviceQueueCreateInfo queue_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
      .queueFamilyIndex = c->queue_family,
      .queueCount = 1,
      .pQueuePriorities = &priority,
   };
   const VkDeviceCreateInfo device_info = {
      .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
      .pNext = features2.pNext ? &features2 : NULL, /* only when a feature is asked for */
      .queueCreateInfoCount = 1,
      .pQueueCreateInfos = &queue_info,
      .enabledExtensionCount = c->enabled_count,
      .ppEnabledExtensionNames = c->enabled,
   };
   result = vkCreateDevice(c->physical_device, &device_info, c->allocator, &c->device);
   if (result != VK_SUCCESS) {
      c->device = VK_NULL_HANDLE;
      ctx_fail(c, __LINE__, "vkCreateDevice returned %s", vk_result_name(result));
      return false;
   }
   vkGetDeviceQueue(c->device, c->queue_family, 0, &c->queue);

   if (ctx_device_api_version(c) >= VK_API_VERSION_1_4) {
      c->map_memory2 = DEVICE_PROC(c, vkMapMemory2);
      c->unmap_memory2 = DEVICE_PROC(c, vkUnmapMemory2);
   } else if (ctx_enabled(c, VK_KHR_MAP_MEMORY_2_EXTENSION_NAME)) {
      c->map_memory2 = (PFN_vkMapMemory2)vkGetDeviceProcAddr(c->device, "vkMapMemory2KHR");
      c->unmap_memory2 = (PFN_vkUnmapMemory2)vkGetDeviceProcAddr(c->device, "vkUnmapMemory2KHR");
   }
   return true;
}

void
ctx_close(struct ctx *c)
{
   if (c->device)
      vkDestroyDevice(c->device, c->allocator);
   if (c->instance)
      vkDestroyInstance(c->instance, c->allocator);
   c->device = VK_NULL_HANDLE;
   c->instance = VK_NULL_HANDLE;
}

/* --- running the checks --------------------------------------------------- */

struct report {
   int outcome;
   char why[1024];
};

/* Which driver the current check met, written by ctx_open() into memory
 * shared with the runner, so that the runner knows it even when the check's
 * process (or a child of it) crashed. */
struct driver_identity {
   VkDriverId id;
   char name[VK_MAX_DRIVER_NAME_SIZE];
   char info[VK_MAX_DRIVER_INFO_SIZE];
   char device[VK_MAX_PHYSICAL_DEVICE_NAME_SIZE];
   uint32_t api_version;
};
static struct driver_identity *identity;

static void
note_driver(const struct ctx *c)
{
   if (identity == NULL)
      return;
   identity->id = c->driver.driverID;
   snprintf(identity->name, sizeof(identity->name), "%s", c->driver.driverName);
   snprintf(identity->info, sizeof(identity->info), "%s", c->driver.driverInfo);
   snprintf(identity->device, sizeof(identity->device), "%s", c->properties.deviceName);
   identity->api_version = c->properties.apiVersion;
}

/* Prints which driver the loader picked, for the log, from a child process
 * (the runner itself never loads a driver, so forking checks stays safe). */
static void
print_driver(void)
{
   memset(identity, 0, sizeof(*identity));
   fflush(stdout);
   pid_t pid = fork();
   if (pid == 0) {
      struct ctx c;
      memset(&c, 0, sizeof(c));
      if (ctx_open(&c, NULL))
         ctx_close(&c);
      _exit(0);
   }
   int status;
   while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
   if (identity->device[0] == '\0') {
      printf("# driver: none found (is VK_DRIVER_FILES set?)\n");
      return;
   }
   printf("# driver: %s (%s), device: %s, Vulkan %u.%u.%u\n", identity->name[0] ? identity->name : "unnamed",
          identity->info, identity->device, VK_API_VERSION_MAJOR(identity->api_version),
          VK_API_VERSION_MINOR(identity->api_version), VK_API_VERSION_PATCH(identity->api_version));
}

static void
run_in_this_process(const struct check *check, struct report *report)
{
   struct ctx c;
   memset(&c, 0, sizeof(c));
   c.outcome = OUTCOME_PASS;
   check->run(&c);
   report->outcome = c.outcome;
   snprintf(report->why, sizeof(report->why), "%s", c.why);
   /* A check that passed destroyed its objects; one that failed or skipped
    * half-way may not have, and destroying a device with live children is
    * invalid usage (VUID-vkDestroyDevice-device-00378): its process just
    * exits (or, with --no-fork, leaks). */
   if (c.outcome == OUTCOME_PASS)
      ctx_close(&c);
}

/* A failure (or crash) of a check listed as a known bug of the driver it
 * met becomes KNOWN-BUG; a pass of a listed check says so. */
static void
apply_known_bugs(const struct check *check, struct report *report)
{
   const char *bug = identity->id ? known_bug(identity->id, check->name) : NULL;
   if (bug == NULL)
      return;
   char observed[sizeof(report->why)];
   snprintf(observed, sizeof(observed), "%s", report->why);
   if (report->outcome == OUTCOME_FAIL) {
      report->outcome = OUTCOME_KNOWN_BUG;
      snprintf(report->why, sizeof(report->why), "%s: %s [observed: %.600s]", identity->name, bug, observed);
   } else if (report->outcome == OUTCOME_PASS) {
      snprintf(report->why, sizeof(report->why), "listed as a known bug of %s but did not reproduce%s%.600s",
               identity->name, observed[0] ? "; " : "", observed);
   }
}

static void
run_in_child(const struct check *check, struct report *report)
{
   int fds[2];
   if (pipe(fds) != 0) {
      report->outcome = OUTCOME_FAIL;
      snprintf(report->why, sizeof(report->why), "pipe: %s", strerror(errno));
      return;
   }
   fflush(stdout);
   fflush(stderr);
   pid_t pid = fork();
   if (pid < 0) {
      report->outcome = OUTCOME_FAIL;
      snprintf(report->why, sizeof(report->why), "fork: %s", strerror(errno));
      return;
   }
   if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the runner */
      close(fds[0]);
      alarm(CHECK_TIMEOUT_SECONDS);
      struct report mine;
      memset(&mine, 0, sizeof(mine));
      run_in_this_process(check, &mine);
      ssize_t written = write(fds[1], &mine, sizeof(mine));
      fflush(stdout);
      /* No exit handlers: the driver's may not expect a forked child. */
      _exit(written == (ssize_t)sizeof(mine) ? 0 : 1);
   }
   close(fds[1]);
   size_t got = 0;
   while (got < sizeof(*report)) {
      ssize_t n = read(fds[0], (char *)report + got, sizeof(*report) - got);
      if (n < 0 && errno == EINTR)
         continue;
      if (n <= 0)
         break;
      got += (size_t)n;
   }
   close(fds[0]);
   int status = 0;
   while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
   if (got == sizeof(*report))
      return;
   report->outcome = OUTCOME_FAIL;
   if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
      snprintf(report->why, sizeof(report->why), "did not finish within %d s", CHECK_TIMEOUT_SECONDS);
   else if (WIFSIGNALED(status))
      snprintf(report->why, sizeof(report->why), "the check's process died of signal %d (%s)",
               WTERMSIG(status), strsignal(WTERMSIG(status)));
   else
      snprintf(report->why, sizeof(report->why), "the check's process exited with status %d without a report",
               WEXITSTATUS(status));
}

static bool
selected(const char *name, char **only, int only_count)
{
   if (only_count == 0)
      return true;
   for (int i = 0; i < only_count; i++) {
      if (strcmp(only[i], name) == 0)
         return true;
   }
   return false;
}

static void
usage(FILE *out, const char *program)
{
   fprintf(out,
           "usage: %s [--list] [--only NAME]... [--no-fork]\n"
           "Checks the memory chapter of the Vulkan spec (and transfer commands) on the driver\n"
           "the loader finds (set VK_DRIVER_FILES to choose one).\n"
           "  --list       print every check's name and the rule it checks, run nothing\n"
           "  --only NAME  run only the named check (may be repeated)\n"
           "  --no-fork    run checks in this process (for a debugger; a crash ends the run)\n",
           program);
}

int
main(int argc, char **argv)
{
   bool list = false, fork_checks = true;
   char **only = calloc((size_t)argc, sizeof(char *));
   int only_count = 0;
   for (int i = 1; i < argc; i++) {
      if (strcmp(argv[i], "--list") == 0) {
         list = true;
      } else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
         only[only_count++] = argv[++i];
      } else if (strncmp(argv[i], "--only=", 7) == 0) {
         only[only_count++] = argv[i] + 7;
      } else if (strcmp(argv[i], "--no-fork") == 0) {
         fork_checks = false;
      } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
         usage(stdout, argv[0]);
         return 0;
      } else {
         usage(stderr, argv[0]);
         return 2;
      }
   }

   /* Every --only name must exist: a typo must not pass silently. */
   for (int i = 0; i < only_count; i++) {
      bool found = false;
      for (size_t t = 0; t < ARRAY_LENGTH(all_tables) && !found; t++) {
         for (size_t k = 0; k < *all_tables[t].count && !found; k++)
            found = strcmp(all_tables[t].checks[k].name, only[i]) == 0;
      }
      if (!found) {
         fprintf(stderr, "%s: no check named '%s' (see --list)\n", argv[0], only[i]);
         return 2;
      }
   }

   identity = mmap(NULL, sizeof(*identity), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
   if (identity == MAP_FAILED) {
      perror("mmap");
      return 2;
   }
   if (!list)
      print_driver();
   unsigned passed = 0, failed = 0, skipped = 0, known = 0;
   for (size_t t = 0; t < ARRAY_LENGTH(all_tables); t++) {
      for (size_t k = 0; k < *all_tables[t].count; k++) {
         const struct check *check = &all_tables[t].checks[k];
         if (!selected(check->name, only, only_count))
            continue;
         if (list) {
            printf("%-56s %s\n", check->name, check->rule);
            continue;
         }
         struct report report;
         memset(&report, 0, sizeof(report));
         memset(identity, 0, sizeof(*identity));
         if (fork_checks)
            run_in_child(check, &report);
         else
            run_in_this_process(check, &report);
         apply_known_bugs(check, &report);
         static const char *const words[] = { "PASS", "FAIL", "SKIP", "KNOWN-BUG" };
         printf("%-9s %s%s%s  [spec: %s]\n", words[report.outcome], check->name,
                report.why[0] ? ": " : "", report.why, check->rule);
         fflush(stdout);
         switch (report.outcome) {
         case OUTCOME_PASS: passed++; break;
         case OUTCOME_FAIL: failed++; break;
         case OUTCOME_SKIP: skipped++; break;
         default: known++; skipped++; break;
         }
      }
   }
   free(only);
   if (list)
      return 0;
   if (known)
      printf("(%u of the skipped checks hit a known bug of the driver)\n", known);
   printf("%u passed, %u failed, %u skipped\n", passed, failed, skipped);
   return failed ? 1 : 0;
}
