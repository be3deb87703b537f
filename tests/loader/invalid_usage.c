/* Invalid usage that memvk refuses loudly: the process aborts with a message
 * that names the rule broken, instead of crashing somewhere else later.
 * Each case runs in a child process; the parent checks how it ended and what
 * it printed. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vk_test.h"

/* Runs `body` in a child whose stderr goes to a pipe; returns true if the
 * child was killed by SIGABRT after printing `expected` on stderr. */
static bool
aborts_naming(struct vkt *t, void (*body)(struct vkt *t), const char *expected, char *output, size_t size)
{
   int fds[2];
   if (pipe(fds) != 0)
      return false;
   fflush(stdout);
   pid_t pid = fork();
   if (pid == 0) {
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      body(t);
      _exit(0); /* reached only if memvk did not abort */
   }
   close(fds[1]);
   size_t length = 0;
   ssize_t n;
   while (length + 1 < size && (n = read(fds[0], output + length, size - 1 - length)) > 0)
      length += (size_t)n;
   output[length] = '\0';
   close(fds[0]);
   int status = 0;
   waitpid(pid, &status, 0);
   return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && strstr(output, expected) != NULL;
}

static VkCommandBuffer
begin_command_buffer(struct vkt *t)
{
   VkCommandPool pool;
   const VkCommandPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
      .queueFamilyIndex = t->queue_family,
   };
   vkCreateCommandPool(t->device, &pool_info, NULL, &pool);
   VkCommandBuffer cmd;
   const VkCommandBufferAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
      .commandPool = pool,
      .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
      .commandBufferCount = 1,
   };
   vkAllocateCommandBuffers(t->device, &info, &cmd);
   const VkCommandBufferBeginInfo begin = { .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO };
   vkBeginCommandBuffer(cmd, &begin);
   return cmd;
}

static void
record_draw(struct vkt *t)
{
   vkCmdDraw(begin_command_buffer(t), 3, 1, 0, 0);
}

static void
record_dispatch(struct vkt *t)
{
   vkCmdDispatch(begin_command_buffer(t), 1, 1, 1);
}

static void
map_twice(struct vkt *t)
{
   const VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = 4096,
      .memoryTypeIndex = vkt_find_memory_type(t, ~0u, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT),
   };
   VkDeviceMemory memory;
   vkAllocateMemory(t->device, &info, NULL, &memory);
   void *p;
   vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, &p);
   vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, &p);
}

static void
test_draw_aborts_naming_the_queue_rule(struct vkt *t)
{
   /* VUID-vkCmdDraw-commandBuffer-cmdpool: "The VkCommandPool that
    * commandBuffer was allocated from must support graphics operations". */
   char output[1024];
   CHECK(aborts_naming(t, record_draw, "VUID-vkCmdDraw-commandBuffer-cmdpool", output, sizeof(output)),
         "(stderr: %s)", output);
   CHECK(strstr(output, "graphics") != NULL);
}

static void
test_dispatch_aborts_naming_the_queue_rule(struct vkt *t)
{
   char output[1024];
   CHECK(aborts_naming(t, record_dispatch, "VUID-vkCmdDispatch-commandBuffer-cmdpool", output, sizeof(output)),
         "(stderr: %s)", output);
}

static void
test_mapping_a_mapped_memory_aborts_naming_the_rule(struct vkt *t)
{
   /* VUID-vkMapMemory-memory-00678: "memory must not be currently host
    * mapped". */
   char output[1024];
   CHECK(aborts_naming(t, map_twice, "VUID-vkMapMemory-memory-00678", output, sizeof(output)),
         "(stderr: %s)", output);
}

static const struct vkt_test tests[] = {
   { "draw_aborts_naming_the_queue_rule", test_draw_aborts_naming_the_queue_rule, { 0 } },
   { "dispatch_aborts_naming_the_queue_rule", test_dispatch_aborts_naming_the_queue_rule, { 0 } },
   { "mapping_a_mapped_memory_aborts_naming_the_rule", test_mapping_a_mapped_memory_aborts_naming_the_rule, { 0 } },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
