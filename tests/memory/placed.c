/* VK_EXT_map_memory_placed: placed maps, range-placed maps, reserve-unmap,
 * through the loader. */
#include <stdio.h>

#include "memory_test.h"

static VkPhysicalDeviceMapMemoryPlacedFeaturesEXT placed_features = {
   .sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAP_MEMORY_PLACED_FEATURES_EXT,
   .memoryMapPlaced = VK_TRUE,
   .memoryMapRangePlaced = VK_TRUE,
   .memoryUnmapReserve = VK_TRUE,
};
static const char *const placed_extensions[] = { "VK_KHR_map_memory2", "VK_EXT_map_memory_placed" };
#define PLACED_OPTIONS                                                            \
   { .device_extensions = placed_extensions, .device_extension_count = 2,        \
     .device_create_pnext = &placed_features }

static size_t
page_size(void)
{
   return (size_t)sysconf(_SC_PAGESIZE);
}

static VkResult
map_placed(struct vkt *t, VkDeviceMemory memory, VkDeviceSize offset, VkDeviceSize size,
           void *address, void **data)
{
   const VkMemoryMapPlacedInfoEXT placed = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_PLACED_INFO_EXT, .pPlacedAddress = address,
   };
   const VkMemoryMapInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO, .pNext = &placed,
      .flags = VK_MEMORY_MAP_PLACED_BIT_EXT, .memory = memory, .offset = offset, .size = size,
   };
   return VKT_DEVICE_PROC(t, vkMapMemory2KHR)(t->device, &info, data);
}

static VkResult
unmap2(struct vkt *t, VkDeviceMemory memory, VkMemoryUnmapFlags flags)
{
   const VkMemoryUnmapInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_UNMAP_INFO, .flags = flags, .memory = memory,
   };
   return VKT_DEVICE_PROC(t, vkUnmapMemory2KHR)(t->device, &info);
}

/* The permissions /proc/self/maps shows for the page at address ("rw-p",
 * "---p"...), or "" if nothing is mapped there. */
static void
page_permissions(const void *address, char out[5])
{
   out[0] = '\0';
   FILE *maps = fopen("/proc/self/maps", "r");
   if (maps == NULL)
      return;
   char line[512];
   while (fgets(line, sizeof(line), maps) != NULL) {
      unsigned long start, end;
      char perms[5];
      if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) == 3 && (uintptr_t)address >= start &&
          (uintptr_t)address < end) {
         memcpy(out, perms, 5);
         break;
      }
   }
   fclose(maps);
}

static void
fill(VkDeviceMemory memory, struct vkt *t, VkDeviceSize size)
{
   uint8_t *p;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
   for (VkDeviceSize i = 0; i < size; i++)
      p[i] = (uint8_t)(i / 4096 + i);
   vkUnmapMemory(t->device, memory);
}

/* "If successful, ppData will be set to the same value as
 * VkMemoryMapPlacedInfoEXT::pPlacedAddress": the memory's bytes are there,
 * replacing what the application had mapped; small (heap-backed) and large
 * allocations alike. */
static void
test_placed_map_lands_at_the_address_with_the_contents(struct vkt *t)
{
   static const size_t pages[] = { 1, 3, 300 };
   for (size_t k = 0; k < VKT_ARRAY_LENGTH(pages) && !t->failed; k++) {
      const size_t size = pages[k] * page_size();
      VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
      fill(memory, t, size);
      uint8_t *target = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      memset(target, 0xee, size);
      uint8_t *p = NULL;
      CHECK_SUCCESS(map_placed(t, memory, 0, VK_WHOLE_SIZE, target, (void **)&p));
      CHECK(p == target, "placed at %p, asked %p", (void *)p, (void *)target);
      if (p != target) {
         /* Nothing to read or write through: leave the memory as it is. */
         vkFreeMemory(t->device, memory, NULL);
         munmap(target, size);
         return;
      }
      for (size_t i = 0; i < size && !t->failed; i++)
         CHECK(p[i] == (uint8_t)(i / 4096 + i), "byte %zu", i);
      p[7] = 0x77;
      CHECK_SUCCESS(unmap2(t, memory, 0));
      /* Writes through the placed map belong to the memory. */
      CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
      CHECK(p[7] == 0x77 && p[size - 1] == (uint8_t)((size - 1) / 4096 + size - 1));
      vkUnmapMemory(t->device, memory);
      vkFreeMemory(t->device, memory, NULL);
      munmap(target, size);
   }
}

/* memoryMapRangePlaced: only the requested pages of the memory appear, at
 * the address; the application's pages around them stay as they were. */
static void
test_range_placed_map_maps_exactly_the_requested_pages(struct vkt *t)
{
   const size_t page = page_size();
   VkDeviceMemory memory = mt_allocate(t, 8 * page, mt_host_type(t));
   fill(memory, t, 8 * page);
   uint8_t *region = mmap(NULL, 5 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   memset(region, 0xee, 5 * page);
   uint8_t *p = NULL;
   CHECK_SUCCESS(map_placed(t, memory, 2 * page, 3 * page, region + page, (void **)&p));
   CHECK(p == region + page);
   CHECK(region[page - 1] == 0xee, "the page before was replaced");
   CHECK(region[4 * page] == 0xee, "the page after was replaced");
   for (size_t i = 0; i < 3 * page && !t->failed; i++)
      CHECK(p[i] == (uint8_t)((2 * page + i) / 4096 + 2 * page + i), "byte %zu", i);
   CHECK_SUCCESS(unmap2(t, memory, 0));
   vkFreeMemory(t->device, memory, NULL);
   munmap(region, 5 * page);
}

/* VK_MEMORY_UNMAP_RESERVE_BIT_EXT: "the virtual address range currently
 * occupied by the memory map [remains] reserved ... Future system memory map
 * operations ... will not return addresses in that range unless ... the
 * mapping is explicitly placed in that range". */
static void
test_reserve_unmap_leaves_the_range_reserved(struct vkt *t)
{
   const size_t size = 16 * page_size();
   VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
   fill(memory, t, size);
   uint8_t *target = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   void *p;
   CHECK_SUCCESS(map_placed(t, memory, 0, VK_WHOLE_SIZE, target, &p));
   CHECK_SUCCESS(unmap2(t, memory, VK_MEMORY_UNMAP_RESERVE_BIT_EXT));
   char perms[5];
   page_permissions(target, perms);
   CHECK(strcmp(perms, "---p") == 0, "the range shows \"%s\", not a PROT_NONE reservation", perms);
   page_permissions(target + size - 1, perms);
   CHECK(strcmp(perms, "---p") == 0, "the range's end shows \"%s\"", perms);
   /* A mapping asked for there (as a hint) goes elsewhere. */
   void *hinted = mmap(target, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   CHECK(hinted != (void *)target);
   munmap(hinted, size);
   /* Placing again there works, with the memory's contents. */
   uint8_t *again = NULL;
   CHECK_SUCCESS(map_placed(t, memory, 0, VK_WHOLE_SIZE, target, (void **)&again));
   CHECK(again == target && again[size - 1] == (uint8_t)((size - 1) / 4096 + size - 1));
   CHECK_SUCCESS(unmap2(t, memory, VK_MEMORY_UNMAP_RESERVE_BIT_EXT));
   vkFreeMemory(t->device, memory, NULL);
   page_permissions(target, perms);
   CHECK(strcmp(perms, "---p") == 0, "freeing the memory released the reservation (\"%s\")", perms);
   munmap(target, size);
}

/* A reserve-unmap of a plain (unplaced) map reserves the range the map
 * occupied; the next map of the memory lands elsewhere with the same
 * contents. */
static void
test_reserve_unmap_of_a_plain_map_moves_the_memory_away(struct vkt *t)
{
   const size_t size = 3 * page_size() + 100;
   VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
   fill(memory, t, size);
   uint8_t *p;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
   CHECK_SUCCESS(unmap2(t, memory, VK_MEMORY_UNMAP_RESERVE_BIT_EXT));
   char perms[5];
   page_permissions(p, perms);
   CHECK(strcmp(perms, "---p") == 0, "the old map shows \"%s\"", perms);
   uint8_t *q;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&q));
   CHECK(q + size <= p || q >= p + size, "the new map %p overlaps the reserved range at %p",
         (void *)q, (void *)p);
   CHECK(q[size - 1] == (uint8_t)((size - 1) / 4096 + size - 1));
   vkUnmapMemory(t->device, memory);
   vkFreeMemory(t->device, memory, NULL);
   /* The reserved pages are the application's to release. */
   munmap(p, (size + page_size() - 1) / page_size() * page_size());
}

/* "If it cannot place the map at the requested address for any reason, the
 * memory object is left unmapped and vkMapMemory2 will return
 * VK_ERROR_MEMORY_MAP_FAILED": an address outside the user address space
 * cannot be mapped; the memory then maps normally with its contents. */
static void
test_failed_placed_map_leaves_the_memory_unmapped_and_intact(struct vkt *t)
{
   const size_t size = 4 * page_size();
   VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
   fill(memory, t, size);
   void *kernel_half = (void *)(uintptr_t)0xffff800000000000ull;
   void *p = NULL;
   CHECK_RESULT(map_placed(t, memory, 0, VK_WHOLE_SIZE, kernel_half, &p),
                VK_ERROR_MEMORY_MAP_FAILED);
   uint8_t *q;
   CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&q));
   CHECK(q[size - 1] == (uint8_t)((size - 1) / 4096 + size - 1));
   vkUnmapMemory(t->device, memory);
   vkFreeMemory(t->device, memory, NULL);
}

/* Freeing placed memory unmaps the placed range ("implicitly unmapped"). */
static void
test_freeing_placed_memory_unmaps_the_placed_range(struct vkt *t)
{
   const size_t size = 2 * page_size();
   VkDeviceMemory memory = mt_allocate(t, size, mt_host_type(t));
   uint8_t *target = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   void *p;
   CHECK_SUCCESS(map_placed(t, memory, 0, VK_WHOLE_SIZE, target, &p));
   vkFreeMemory(t->device, memory, NULL);
   char perms[5];
   page_permissions(target, perms);
   CHECK(perms[0] == '\0', "the placed range still shows \"%s\"", perms);
}

static const struct vkt_test tests[] = {
   { "placed_map_lands_at_the_address_with_the_contents",
     test_placed_map_lands_at_the_address_with_the_contents, PLACED_OPTIONS },
   { "range_placed_map_maps_exactly_the_requested_pages",
     test_range_placed_map_maps_exactly_the_requested_pages, PLACED_OPTIONS },
   { "reserve_unmap_leaves_the_range_reserved", test_reserve_unmap_leaves_the_range_reserved,
     PLACED_OPTIONS },
   { "reserve_unmap_of_a_plain_map_moves_the_memory_away",
     test_reserve_unmap_of_a_plain_map_moves_the_memory_away, PLACED_OPTIONS },
   { "failed_placed_map_leaves_the_memory_unmapped_and_intact",
     test_failed_placed_map_leaves_the_memory_unmapped_and_intact, PLACED_OPTIONS },
   { "freeing_placed_memory_unmaps_the_placed_range",
     test_freeing_placed_memory_unmaps_the_placed_range, PLACED_OPTIONS },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
