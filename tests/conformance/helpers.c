/* Small helpers shared by the checks. */
#include "conformance.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

VkResult
alloc_memory(struct ctx *c, VkDeviceSize size, uint32_t type, VkDeviceMemory *memory)
{
   const VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .allocationSize = size,
      .memoryTypeIndex = type,
   };
   return vkAllocateMemory(c->device, &info, NULL, memory);
}

bool
buffer_requires_dedicated(struct ctx *c, VkBuffer buffer)
{
   VkMemoryDedicatedRequirements dedicated = { .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS };
   VkMemoryRequirements2 r = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, .pNext = &dedicated };
   const VkBufferMemoryRequirementsInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_REQUIREMENTS_INFO_2, .buffer = buffer };
   vkGetBufferMemoryRequirements2(c->device, &info, &r);
   return dedicated.requiresDedicatedAllocation;
}

bool
image_requires_dedicated(struct ctx *c, VkImage image)
{
   VkMemoryDedicatedRequirements dedicated = { .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_REQUIREMENTS };
   VkMemoryRequirements2 r = { .sType = VK_STRUCTURE_TYPE_MEMORY_REQUIREMENTS_2, .pNext = &dedicated };
   const VkImageMemoryRequirementsInfo2 info = {
      .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_REQUIREMENTS_INFO_2, .image = image };
   vkGetImageMemoryRequirements2(c->device, &info, &r);
   return dedicated.requiresDedicatedAllocation;
}

VkResult
alloc_dedicated(struct ctx *c, VkDeviceSize size, uint32_t type, VkBuffer buffer, VkImage image,
                VkDeviceMemory *memory)
{
   const VkMemoryDedicatedAllocateInfo dedicated = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO,
      .image = image,
      .buffer = buffer,
   };
   const VkMemoryAllocateInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
      .pNext = &dedicated,
      .allocationSize = size,
      .memoryTypeIndex = type,
   };
   return vkAllocateMemory(c->device, &info, NULL, memory);
}

bool
is_power_of_two(uint64_t v)
{
   return v != 0 && (v & (v - 1)) == 0;
}

bool
address_range_is_mapped(const void *start, size_t size)
{
   FILE *maps = fopen("/proc/self/maps", "r");
   if (maps == NULL)
      return false;
   uintptr_t want = (uintptr_t)start, want_end = want + size;
   char line[512];
   /* Adjacent entries may together cover the range. */
   while (fgets(line, sizeof(line), maps)) {
      uintptr_t lo, hi;
      if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR, &lo, &hi) != 2)
         continue;
      if (lo <= want && want < hi)
         want = hi;
      if (want >= want_end)
         break;
   }
   fclose(maps);
   return want >= want_end;
}

void
fill_pattern(void *data, size_t size, uint32_t seed, uint64_t first_index)
{
   uint8_t *bytes = data;
   for (size_t i = 0; i < size; i++)
      bytes[i] = pattern_byte(seed, first_index + i);
}

size_t
find_pattern_mismatch(const void *data, size_t size, uint32_t seed, uint64_t first_index)
{
   const uint8_t *bytes = data;
   for (size_t i = 0; i < size; i++) {
      if (bytes[i] != pattern_byte(seed, first_index + i))
         return i;
   }
   return SIZE_MAX;
}

size_t
address_space_in_use(void)
{
   FILE *statm = fopen("/proc/self/statm", "r");
   unsigned long pages = 0;
   if (statm) {
      if (fscanf(statm, "%lu", &pages) != 1)
         pages = 0;
      fclose(statm);
   }
   return pages * (size_t)sysconf(_SC_PAGESIZE);
}
