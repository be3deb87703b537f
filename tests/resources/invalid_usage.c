/* Invalid usage of resources that memvk refuses loudly: the process aborts
 * with the VUID of the rule broken.  Each case runs in a child process; the
 * parent checks that it died of SIGABRT after naming the VUID. */
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "resources_test.h"

static void
expect_abort(struct vkt *t, void (*body)(struct vkt *t), const char *vuid)
{
   int fds[2];
   CHECK(pipe(fds) == 0);
   if (t->failed)
      return;
   fflush(stdout);
   fflush(stderr);
   const pid_t pid = fork();
   if (pid == 0) {
      const struct rlimit no_core = { 0, 0 };
      setrlimit(RLIMIT_CORE, &no_core);
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      body(t);
      _exit(0); /* reached only if memvk did not abort */
   }
   close(fds[1]);
   char output[2048];
   size_t length = 0;
   ssize_t n;
   while (length + 1 < sizeof(output) && (n = read(fds[0], output + length, sizeof(output) - 1 - length)) > 0)
      length += (size_t)n;
   output[length] = '\0';
   close(fds[0]);
   int status = 0;
   waitpid(pid, &status, 0);
   CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "the child did not abort (status 0x%x)", status);
   CHECK(strstr(output, vuid) != NULL, "the message does not name %s: %s", vuid, output);
}

static VkBuffer
make_buffer(struct vkt *t, VkDeviceSize size)
{
   const VkBufferCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
      .size = size,
      .usage = VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
   };
   VkBuffer buffer = VK_NULL_HANDLE;
   vkCreateBuffer(t->device, &info, NULL, &buffer);
   return buffer;
}

static void
bind_buffer_twice(struct vkt *t)
{
   VkBuffer buffer = make_buffer(t, 256);
   VkDeviceMemory memory = rt_allocate(t, 4096, ~0u, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT, NULL);
   vkBindBufferMemory(t->device, buffer, memory, 0);
   vkBindBufferMemory(t->device, buffer, memory, 1024);
}

static void
bind_buffer_misaligned(struct vkt *t)
{
   VkBuffer buffer = make_buffer(t, 256);
   VkDeviceMemory memory = rt_allocate(t, 4096, ~0u, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT, NULL);
   vkBindBufferMemory(t->device, buffer, memory, 3);
}

static void
bind_buffer_past_end(struct vkt *t)
{
   VkBuffer buffer = make_buffer(t, 4096);
   VkDeviceMemory memory = rt_allocate(t, 4096, ~0u, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT, NULL);
   vkBindBufferMemory(t->device, buffer, memory, 64);
}

static void
create_image_of_unknown_format(struct vkt *t)
{
   const VkImageCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = VK_IMAGE_TYPE_2D,
      .format = (VkFormat)0x7fff0000,
      .extent = { 16, 16, 1 },
      .mipLevels = 1,
      .arrayLayers = 1,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
   };
   VkImage image;
   vkCreateImage(t->device, &info, NULL, &image);
}

static void
create_image_with_too_many_mips(struct vkt *t)
{
   const VkImageCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
      .imageType = VK_IMAGE_TYPE_2D,
      .format = VK_FORMAT_R8G8B8A8_UNORM,
      .extent = { 16, 8, 1 },
      .mipLevels = 6,
      .arrayLayers = 1,
      .samples = VK_SAMPLE_COUNT_1_BIT,
      .usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT,
   };
   VkImage image;
   vkCreateImage(t->device, &info, NULL, &image);
}

static void
create_shader_module_without_spirv_magic(struct vkt *t)
{
   static const uint32_t code[5] = { 0x03022307, 0x00010000, 0, 1, 0 };
   const VkShaderModuleCreateInfo info = {
      .sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
      .codeSize = sizeof(code),
      .pCode = code,
   };
   VkShaderModule module;
   vkCreateShaderModule(t->device, &info, NULL, &module);
}

static void
free_set_without_free_bit(struct vkt *t)
{
   const VkDescriptorSetLayoutCreateInfo layout_info = { .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO };
   VkDescriptorSetLayout layout;
   vkCreateDescriptorSetLayout(t->device, &layout_info, NULL, &layout);
   const VkDescriptorPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
      .maxSets = 1,
   };
   VkDescriptorPool pool;
   vkCreateDescriptorPool(t->device, &pool_info, NULL, &pool);
   const VkDescriptorSetAllocateInfo allocate_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
      .descriptorPool = pool,
      .descriptorSetCount = 1,
      .pSetLayouts = &layout,
   };
   VkDescriptorSet set;
   vkAllocateDescriptorSets(t->device, &allocate_info, &set);
   vkFreeDescriptorSets(t->device, pool, 1, &set);
}

static void
write_descriptors_past_the_last_binding(struct vkt *t)
{
   const VkDescriptorSetLayoutBinding binding = { 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 2, VK_SHADER_STAGE_ALL, NULL };
   const VkDescriptorSetLayoutCreateInfo layout_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
      .bindingCount = 1,
      .pBindings = &binding,
   };
   VkDescriptorSetLayout layout;
   vkCreateDescriptorSetLayout(t->device, &layout_info, NULL, &layout);
   const VkDescriptorPoolSize size = { VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 2 };
   const VkDescriptorPoolCreateInfo pool_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
      .maxSets = 1,
      .poolSizeCount = 1,
      .pPoolSizes = &size,
   };
   VkDescriptorPool pool;
   vkCreateDescriptorPool(t->device, &pool_info, NULL, &pool);
   const VkDescriptorSetAllocateInfo allocate_info = {
      .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
      .descriptorPool = pool,
      .descriptorSetCount = 1,
      .pSetLayouts = &layout,
   };
   VkDescriptorSet set;
   vkAllocateDescriptorSets(t->device, &allocate_info, &set);
   const VkDescriptorBufferInfo buffers[3] = { { 0 } };
   const VkWriteDescriptorSet write = {
      .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
      .dstSet = set,
      .dstBinding = 0,
      .dstArrayElement = 1,
      .descriptorCount = 2,
      .descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
      .pBufferInfo = buffers,
   };
   vkUpdateDescriptorSets(t->device, 1, &write, 0, NULL);
}

#define CASE(name, vuid) \
   static void test_##name(struct vkt *t) { expect_abort(t, name, vuid); }

CASE(bind_buffer_twice, "VUID-VkBindBufferMemoryInfo-buffer-07459")
CASE(bind_buffer_misaligned, "VUID-VkBindBufferMemoryInfo-memoryOffset-01036")
CASE(bind_buffer_past_end, "VUID-VkBindBufferMemoryInfo-size-01037")
CASE(create_image_of_unknown_format, "VUID-VkImageCreateInfo-imageCreateMaxMipLevels-02251")
CASE(create_image_with_too_many_mips, "VUID-VkImageCreateInfo-mipLevels-00958")
CASE(create_shader_module_without_spirv_magic, "VUID-VkShaderModuleCreateInfo-pCode-08736")
CASE(free_set_without_free_bit, "VUID-vkFreeDescriptorSets-descriptorPool-00312")
CASE(write_descriptors_past_the_last_binding, "VUID-VkWriteDescriptorSet-dstArrayElement-00321")

static const struct vkt_test tests[] = {
   { "bind_buffer_twice", test_bind_buffer_twice },
   { "bind_buffer_misaligned", test_bind_buffer_misaligned },
   { "bind_buffer_past_end", test_bind_buffer_past_end },
   { "create_image_of_unknown_format", test_create_image_of_unknown_format },
   { "create_image_with_too_many_mips", test_create_image_with_too_many_mips },
   { "create_shader_module_without_spirv_magic", test_create_shader_module_without_spirv_magic },
   { "free_set_without_free_bit", test_free_set_without_free_bit },
   { "write_descriptors_past_the_last_binding", test_write_descriptors_past_the_last_binding },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
