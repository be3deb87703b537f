/* vkMapMemory, vkMapMemory2(KHR), flush/invalidate, through the loader. */
#include "memory_test.h"

/* "When mapping a memory allocation with vkMapMemory, subtracting offset
 * bytes from the returned pointer will always produce an integer multiple of
 * this limit [minMemoryMapAlignment]." */
static void
test_map_pointer_minus_offset_is_aligned(struct vkt *t)
{
   VkPhysicalDeviceProperties props;
   vkGetPhysicalDeviceProperties(t->physical_device, &props);
   const uint64_t alignment = props.limits.minMemoryMapAlignment;
   CHECK(alignment >= 64 && (alignment & (alignment - 1)) == 0, "minMemoryMapAlignment %zu",
         (size_t)alignment);
   static const VkDeviceSize sizes[] = { 1, 3, 64, 100, 255, 256, 4095, 4096, 4097, 65535,
                                         65536, 100000, (1 << 20) - 1, 1 << 20, (3 << 20) + 5 };
   static const VkDeviceSize offsets[] = { 0, 1, 7, 63, 64, 65, 4095, 4096 };
   /* Keep several alive at once so the allocator cannot hand back one block. */
   VkDeviceMemory memories[VKT_ARRAY_LENGTH(sizes)];
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(sizes); i++)
      memories[i] = mt_allocate(t, sizes[i], mt_host_type(t));
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(sizes) && !t->failed; i++) {
      for (size_t j = 0; j < VKT_ARRAY_LENGTH(offsets); j++) {
         if (offsets[j] >= sizes[i])
            continue;
         void *p = NULL;
         CHECK_SUCCESS(vkMapMemory(t->device, memories[i], offsets[j], VK_WHOLE_SIZE, 0, &p));
         CHECK(p != NULL);
         CHECK(((uintptr_t)p - offsets[j]) % alignment == 0, "size %zu offset %zu pointer %p",
               (size_t)sizes[i], (size_t)offsets[j], p);
         vkUnmapMemory(t->device, memories[i]);
      }
   }
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(sizes); i++)
      vkFreeMemory(t->device, memories[i], NULL);
}

/* Memory contents are the allocation's, not the mapping's: what is written
 * through one map is read through the next, at any offset. */
static void
test_contents_persist_across_unmap_and_remap(struct vkt *t)
{
   static const VkDeviceSize sizes[] = { 200, 70000, 5 << 20 };
   for (size_t s = 0; s < VKT_ARRAY_LENGTH(sizes); s++) {
      const VkDeviceSize size = sizes[s];
      VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
      uint8_t *p;
      CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
      for (VkDeviceSize i = 0; i < size; i++)
         p[i] = (uint8_t)(i * 7 + s);
      vkUnmapMemory(t->device, memory);
      for (int round = 0; round < 3; round++) {
         const VkDeviceSize offset = size / 3 * (VkDeviceSize)round;
         CHECK_SUCCESS(vkMapMemory(t->device, memory, offset, size - offset, 0, (void **)&p));
         for (VkDeviceSize i = offset; i < size && !t->failed; i++)
            CHECK(p[i - offset] == (uint8_t)(i * 7 + s), "byte %zu of %zu", (size_t)i, (size_t)size);
         vkUnmapMemory(t->device, memory);
      }
      vkFreeMemory(t->device, memory, NULL);
   }
}

/* "If size is VK_WHOLE_SIZE, ... mapped from offset to the end of the
 * allocation": the last byte is reachable through the pointer. */
static void
test_whole_size_maps_to_the_end_of_the_memory(struct vkt *t)
{
   const VkDeviceSize size = 12345, offset = 1000;
   VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
   uint8_t *p;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, offset, VK_WHOLE_SIZE, 0, (void **)&p));
   p[size - offset - 1] = 0x5a;
   p[0] = 0xa5;
   vkUnmapMemory(t->device, memory);
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, size, 0, (void **)&p));
   CHECK(p[size - 1] == 0x5a);
   CHECK(p[offset] == 0xa5);
   vkUnmapMemory(t->device, memory);
   vkFreeMemory(t->device, memory, NULL);
}

/* vkMapMemory2 "behaves identically to vkMapMemory" with the same offset
 * and size; vkUnmapMemory2 with no flags to vkUnmapMemory. */
static void
test_map2_is_the_same_as_map(struct vkt *t)
{
   PFN_vkMapMemory2 map2 = VKT_DEVICE_PROC(t, vkMapMemory2);
   PFN_vkUnmapMemory2 unmap2 = VKT_DEVICE_PROC(t, vkUnmapMemory2);
   CHECK(map2 != NULL && unmap2 != NULL);
   if (t->failed)
      return;
   VkDeviceMemory memory = mt_allocate(t, 100000, mt_host_type(t));
   uint8_t *p1, *p2;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 4160, 5000, 0, (void **)&p1));
   memset(p1, 0x3c, 5000);
   vkUnmapMemory(t->device, memory);
   const VkMemoryMapInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO, .memory = memory, .offset = 4160, .size = 5000,
   };
   CHECK_SUCCESS(map2(t->device, &info, (void **)&p2));
   CHECK(p2 == p1, "map2 %p, map %p", (void *)p2, (void *)p1);
   CHECK(p2[0] == 0x3c && p2[4999] == 0x3c);
   const VkMemoryUnmapInfo unmap_info = { .sType = VK_STRUCTURE_TYPE_MEMORY_UNMAP_INFO, .memory = memory };
   CHECK_SUCCESS(unmap2(t->device, &unmap_info));
   /* Unmapped again: a plain map must now succeed. */
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p1));
   vkUnmapMemory(t->device, memory);
   vkFreeMemory(t->device, memory, NULL);
}

static const char *const map_memory2_extension[] = { "VK_KHR_map_memory2" };

/* vkMapMemory2KHR is an alias of vkMapMemory2: same behaviour. */
static void
test_map2_khr_alias_maps_and_unmaps(struct vkt *t)
{
   PFN_vkMapMemory2KHR map2 = VKT_DEVICE_PROC(t, vkMapMemory2KHR);
   PFN_vkUnmapMemory2KHR unmap2 = VKT_DEVICE_PROC(t, vkUnmapMemory2KHR);
   CHECK(map2 != NULL && unmap2 != NULL);
   if (t->failed)
      return;
   VkDeviceMemory memory = mt_allocate(t, 4096, mt_host_type(t));
   uint8_t *p;
   const VkMemoryMapInfoKHR info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO_KHR, .memory = memory, .offset = 64, .size = VK_WHOLE_SIZE,
   };
   CHECK_SUCCESS(map2(t->device, &info, (void **)&p));
   p[4095 - 64] = 9;
   const VkMemoryUnmapInfoKHR unmap_info = { .sType = VK_STRUCTURE_TYPE_MEMORY_UNMAP_INFO_KHR, .memory = memory };
   CHECK_SUCCESS(unmap2(t->device, &unmap_info));
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
   CHECK(p[4095] == 9);
   vkUnmapMemory(t->device, memory);
   vkFreeMemory(t->device, memory, NULL);
}

/* Flush and invalidate of mapped ranges (whole, sub-range on atoms, and the
 * tail that ends at the memory's end) succeed and do not disturb contents. */
static void
test_flush_and_invalidate_mapped_ranges(struct vkt *t)
{
   VkPhysicalDeviceProperties props;
   vkGetPhysicalDeviceProperties(t->physical_device, &props);
   const VkDeviceSize atom = props.limits.nonCoherentAtomSize;
   const VkDeviceSize size = atom * 10 + 3;
   VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
   uint8_t *p;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, atom, VK_WHOLE_SIZE, 0, (void **)&p));
   memset(p, 0x11, size - atom);
   const VkMappedMemoryRange ranges[] = {
      { .sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, .memory = memory, .offset = atom, .size = VK_WHOLE_SIZE },
      { .sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, .memory = memory, .offset = atom * 2, .size = atom * 3 },
      { .sType = VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, .memory = memory, .offset = atom * 9, .size = atom + 3 },
   };
   CHECK_SUCCESS(vkFlushMappedMemoryRanges(t->device, 3, ranges));
   CHECK_SUCCESS(vkInvalidateMappedMemoryRanges(t->device, 3, ranges));
   CHECK(p[0] == 0x11 && p[size - atom - 1] == 0x11);
   vkUnmapMemory(t->device, memory);
   vkFreeMemory(t->device, memory, NULL);
}

static const struct vkt_test tests[] = {
   { "map_pointer_minus_offset_is_aligned", test_map_pointer_minus_offset_is_aligned },
   { "contents_persist_across_unmap_and_remap", test_contents_persist_across_unmap_and_remap },
   { "whole_size_maps_to_the_end_of_the_memory", test_whole_size_maps_to_the_end_of_the_memory },
   { "map2_is_the_same_as_map", test_map2_is_the_same_as_map },
   { "map2_khr_alias_maps_and_unmaps", test_map2_khr_alias_maps_and_unmaps,
     { .device_extensions = map_memory2_extension, .device_extension_count = 1 } },
   { "flush_and_invalidate_mapped_ranges", test_flush_and_invalidate_mapped_ranges },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
