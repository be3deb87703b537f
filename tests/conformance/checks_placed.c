/* Checks of VK_EXT_map_memory_placed: maps placed at addresses the test
 * chose itself, and unmaps that leave the range reserved. */
#include "conformance.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define GUARD_BYTE 0xCC
#define OLD_BYTE 0xEE

/* An address range of the test's own: `size` bytes at `base`, aligned to
 * `align`, with `align` bytes of readable guard on each side filled with
 * GUARD_BYTE, and the range itself an ordinary mapping filled with OLD_BYTE
 * (a placed map replaces "any existing mapping at that address"). */
struct region {
   uint8_t *raw;
   size_t raw_size;
   uint8_t *base;
   size_t size, align;
};

static bool
region_reserve(struct region *r, size_t size, size_t align)
{
   r->size = size;
   r->align = align;
   r->raw_size = size + 4 * align;
   void *raw = mmap(NULL, r->raw_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
   if (raw == MAP_FAILED)
      return false;
   r->raw = raw;
   r->base = (uint8_t *)(((uintptr_t)raw + 2 * align - 1) & ~(uintptr_t)(align - 1));
   memset(r->base - align, GUARD_BYTE, align);
   memset(r->base, OLD_BYTE, size);
   memset(r->base + size, GUARD_BYTE, align);
   return true;
}

/* Whether both guards are still mapped and hold GUARD_BYTE. */
static bool
region_guards_intact(const struct region *r)
{
   if (!address_range_is_mapped(r->base - r->align, r->align) ||
       !address_range_is_mapped(r->base + r->size, r->align))
      return false;
   for (size_t i = 0; i < r->align; i++) {
      if (r->base[-(ptrdiff_t)r->align + (ptrdiff_t)i] != GUARD_BYTE || r->base[r->size + i] != GUARD_BYTE)
         return false;
   }
   return true;
}

/* After a placed map at base is unmapped (without the reserve flag) the
 * range is no longer the test's: another mapping may land there.  Takes it
 * back if it is still free; returns whether the test owns it again. */
static bool
region_retake(struct region *r)
{
   void *p = mmap(r->base, r->size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
                  -1, 0);
   if (p == r->base)
      return true;
   if (p != MAP_FAILED)
      munmap(p, r->size); /* a kernel without MAP_FIXED_NOREPLACE */
   return false;
}

/* Unmaps what the test owns: the guards, and the range itself when owned. */
static void
region_release(struct region *r, bool own_range)
{
   if (r->raw == NULL)
      return;
   munmap(r->raw, (size_t)(r->base - r->raw));
   munmap(r->base + r->size, r->raw_size - (size_t)(r->base - r->raw) - r->size);
   if (own_range)
      munmap(r->base, r->size);
   r->raw = NULL;
}

/* Opens a device with VK_EXT_map_memory_placed and its features; SKIPs
 * unless the feature the check needs is there. */
static bool
open_placed(struct ctx *c, const char *feature, bool supported_feature_of(const struct ctx *))
{
   const struct ctx_options options = {
      .extensions = { VK_KHR_MAP_MEMORY_2_EXTENSION_NAME, VK_EXT_MAP_MEMORY_PLACED_EXTENSION_NAME },
      .placed_features = true,
   };
   if (!ctx_open(c, &options))
      return false;
   if (!ctx_enabled(c, VK_EXT_MAP_MEMORY_PLACED_EXTENSION_NAME)) {
      ctx_skip(c, "VK_EXT_map_memory_placed is not supported");
      return false;
   }
   if (!supported_feature_of(c)) {
      ctx_skip(c, "the %s feature is not supported", feature);
      return false;
   }
   if (!c->map_memory2 || !c->unmap_memory2) {
      ctx_fail(c, __LINE__, "no vkMapMemory2/vkMapMemory2KHR although VK_EXT_map_memory_placed is enabled");
      return false;
   }
   const uint64_t align = c->placed_properties.minPlacedMemoryMapAlignment;
   if (!is_power_of_two(align)) {
      ctx_fail(c, __LINE__, "minPlacedMemoryMapAlignment %" PRIu64 " is not a power of two", align);
      return false;
   }
   return true;
}

static bool has_map_placed(const struct ctx *c) { return c->placed_features.memoryMapPlaced; }
static bool has_range_placed(const struct ctx *c) { return c->placed_features.memoryMapRangePlaced; }
static bool has_unmap_reserve(const struct ctx *c) { return c->placed_features.memoryUnmapReserve; }

/* Allocates `size` bytes of coherent memory filled with the pattern `seed`. */
static VkResult
alloc_with_pattern(struct ctx *c, VkDeviceSize size, uint32_t seed, VkDeviceMemory *memory)
{
   uint32_t type = ctx_memory_type(c, ~0u, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
   if (type == UINT32_MAX)
      return VK_ERROR_FEATURE_NOT_PRESENT;
   VkResult result = alloc_memory(c, size, type, memory);
   if (result != VK_SUCCESS)
      return result;
   void *data;
   result = vkMapMemory(c->device, *memory, 0, VK_WHOLE_SIZE, 0, &data);
   if (result != VK_SUCCESS)
      return result;
   fill_pattern(data, (size_t)size, seed, 0);
   vkUnmapMemory(c->device, *memory);
   return VK_SUCCESS;
}

static VkResult
map_placed(struct ctx *c, VkDeviceMemory memory, VkDeviceSize offset, VkDeviceSize size, void *address,
           void **data)
{
   const VkMemoryMapPlacedInfoEXT placed = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_PLACED_INFO_EXT,
      .pPlacedAddress = address,
   };
   const VkMemoryMapInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO,
      .pNext = &placed,
      .flags = VK_MEMORY_MAP_PLACED_BIT_EXT,
      .memory = memory,
      .offset = offset,
      .size = size,
   };
   return c->map_memory2(c->device, &info, data);
}

static VkResult
unmap2(struct ctx *c, VkDeviceMemory memory, VkMemoryUnmapFlags flags)
{
   const VkMemoryUnmapInfo info = { .sType = VK_STRUCTURE_TYPE_MEMORY_UNMAP_INFO, .flags = flags, .memory = memory };
   return c->unmap_memory2(c->device, &info);
}

/* VK_MEMORY_MAP_PLACED_BIT_EXT "requests that the implementation place the
 * memory map at the virtual address specified by the application via
 * VkMemoryMapPlacedInfoEXT::pPlacedAddress, replacing any existing mapping
 * at that address." */
static void
placed_map_lands_at_the_requested_address(struct ctx *c)
{
   if (!open_placed(c, "memoryMapPlaced", has_map_placed))
      return;
   const size_t align = (size_t)c->placed_properties.minPlacedMemoryMapAlignment;
   /* VUID-VkMemoryMapInfo-flags-09573: without memoryMapRangePlaced the whole
    * object is mapped, and its size must be a multiple of the alignment. */
   const size_t size = 4 * align;
   VkDeviceMemory memory;
   EXPECT_VK(c, alloc_with_pattern(c, size, 20, &memory));
   struct region r;
   EXPECT(c, region_reserve(&r, size, align), "could not reserve address space for the test");
   void *data = NULL;
   EXPECT_VK(c, map_placed(c, memory, 0, VK_WHOLE_SIZE, r.base, &data));
   EXPECT(c, data == r.base, "placed at %p, the map is at %p", (void *)r.base, data);
   size_t bad = find_pattern_mismatch(r.base, size, 20, 0);
   EXPECT(c, bad == SIZE_MAX, "byte %zu of the placed map is not the memory's content (0x%02x)", bad,
          bad == SIZE_MAX ? 0 : r.base[bad]);
   EXPECT(c, region_guards_intact(&r), "the map changed the pages around the requested range");
   fill_pattern(r.base, size, 21, 0);
   EXPECT_VK(c, unmap2(c, memory, 0));
   const bool owned = region_retake(&r);
   EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
   bad = find_pattern_mismatch(data, size, 21, 0);
   EXPECT(c, bad == SIZE_MAX, "byte %zu written through the placed map is not in the memory", bad);
   vkUnmapMemory(c->device, memory);

   /* Placed again at the same address (taken back by the test, so it is
    * still the application's to place into), after an ordinary map. */
   if (owned) {
      EXPECT_VK(c, map_placed(c, memory, 0, size, r.base, &data));
      EXPECT(c, data == r.base, "placed at %p the second time, the map is at %p", (void *)r.base, data);
      EXPECT(c, find_pattern_mismatch(r.base, size, 21, 0) == SIZE_MAX, "second placed map shows other contents");
   }
   vkFreeMemory(c->device, memory, NULL); /* implicitly unmaps */
   EXPECT(c, region_guards_intact(&r), "freeing the memory changed the pages around the placed range");
   region_release(&r, owned && region_retake(&r));
}

/* memoryMapRangePlaced "indicates that the implementation supports placing
 * memory maps of a subrange of a memory object at application-specified
 * virtual addresses" (offset and size aligned to minPlacedMemoryMapAlignment,
 * VUID-VkMemoryMapInfo-flags-09574/09575). */
static void
placed_range_map_maps_only_the_requested_pages(struct ctx *c)
{
   if (!open_placed(c, "memoryMapRangePlaced", has_range_placed))
      return;
   const size_t align = (size_t)c->placed_properties.minPlacedMemoryMapAlignment;
   const size_t size = 4 * align, offset = align, length = 2 * align;
   VkDeviceMemory memory;
   EXPECT_VK(c, alloc_with_pattern(c, size, 30, &memory));
   struct region r;
   EXPECT(c, region_reserve(&r, length, align), "could not reserve address space for the test");
   void *data = NULL;
   EXPECT_VK(c, map_placed(c, memory, offset, length, r.base, &data));
   EXPECT(c, data == r.base, "placed at %p, the map is at %p", (void *)r.base, data);
   size_t bad = find_pattern_mismatch(r.base, length, 30, offset);
   EXPECT(c, bad == SIZE_MAX, "byte %zu of the placed range is not the memory's byte %zu", bad, offset + bad);
   EXPECT(c, region_guards_intact(&r), "the range map changed the pages around the requested range");
   fill_pattern(r.base, length, 31, offset);
   EXPECT_VK(c, unmap2(c, memory, 0));
   EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &data));
   const uint8_t *bytes = data;
   bad = find_pattern_mismatch(bytes, offset, 30, 0);
   EXPECT(c, bad == SIZE_MAX, "byte %zu before the placed range changed", bad);
   bad = find_pattern_mismatch(bytes + offset, length, 31, offset);
   EXPECT(c, bad == SIZE_MAX, "byte %zu written through the placed range is not in the memory", offset + bad);
   bad = find_pattern_mismatch(bytes + offset + length, size - offset - length, 30, offset + length);
   EXPECT(c, bad == SIZE_MAX, "byte %zu after the placed range changed", offset + length + bad);
   vkUnmapMemory(c->device, memory);
   vkFreeMemory(c->device, memory, NULL);
   EXPECT(c, region_guards_intact(&r), "the pages around the placed range changed");
   region_release(&r, region_retake(&r));
}

/* VK_MEMORY_UNMAP_RESERVE_BIT_EXT "requests that virtual address range
 * currently occupied by the memory map remain reserved after the
 * vkUnmapMemory2 call completes. Future system memory map operations or calls
 * to vkMapMemory or vkMapMemory2 will not return addresses in that range
 * unless the range has since been unreserved by the client or the mapping is
 * explicitly placed in that range [...] When VK_MEMORY_UNMAP_RESERVE_BIT_EXT
 * is set, the memory unmap operation may fail, in which case the memory object
 * will remain host mapped and vkUnmapMemory2 will return
 * VK_ERROR_MEMORY_MAP_FAILED." */
static void
unmap_reserve_keeps_the_range_reserved(struct ctx *c)
{
   if (!open_placed(c, "memoryUnmapReserve", has_unmap_reserve))
      return;
   const size_t align = (size_t)c->placed_properties.minPlacedMemoryMapAlignment;
   const size_t size = 4 * align;
   VkDeviceMemory memory;
   EXPECT_VK(c, alloc_with_pattern(c, size, 40, &memory));
   const VkMemoryMapInfo info = {
      .sType = VK_STRUCTURE_TYPE_MEMORY_MAP_INFO, .memory = memory, .size = VK_WHOLE_SIZE };
   void *data = NULL;
   EXPECT_VK(c, c->map_memory2(c->device, &info, &data));
   uint8_t *const first = data;
   VkResult result = unmap2(c, memory, VK_MEMORY_UNMAP_RESERVE_BIT_EXT);
   if (result == VK_ERROR_MEMORY_MAP_FAILED) {
      EXPECT(c, find_pattern_mismatch(first, size, 40, 0) == SIZE_MAX,
             "after a failed reserve-unmap the memory is not still mapped with its contents");
      EXPECT_VK(c, unmap2(c, memory, 0));
      SKIP(c, "the driver declined the reserve-unmap with VK_ERROR_MEMORY_MAP_FAILED (allowed)");
   }
   EXPECT(c, result == VK_SUCCESS, "vkUnmapMemory2 with VK_MEMORY_UNMAP_RESERVE_BIT_EXT returned %s",
          vk_result_name(result));
   EXPECT(c, address_range_is_mapped(first, size),
          "after the reserve-unmap, /proc/self/maps shows no mapping over [%p, +%zu)", (void *)first, size);

   /* A system map with that address as a hint goes elsewhere. */
   void *hinted = mmap(first, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
   EXPECT(c, hinted != MAP_FAILED, "mmap failed");
   bool overlaps = (uint8_t *)hinted < first + size && first < (uint8_t *)hinted + size;
   munmap(hinted, size);
   EXPECT(c, !overlaps, "mmap with the reserved address as hint returned %p, inside the reserved range", hinted);

   /* Nor do vkMapMemory maps of this or another memory object. */
   VkDeviceMemory other;
   EXPECT_VK(c, alloc_with_pattern(c, size, 41, &other));
   void *mapped[2];
   EXPECT_VK(c, vkMapMemory(c->device, memory, 0, VK_WHOLE_SIZE, 0, &mapped[0]));
   EXPECT_VK(c, vkMapMemory(c->device, other, 0, VK_WHOLE_SIZE, 0, &mapped[1]));
   for (unsigned i = 0; i < 2; i++) {
      uint8_t *p = mapped[i];
      EXPECT(c, !(p < first + size && first < p + size),
             "vkMapMemory returned %p, inside the reserved range [%p, +%zu)", (void *)p, (void *)first, size);
   }
   EXPECT(c, find_pattern_mismatch(mapped[0], size, 40, 0) == SIZE_MAX, "contents lost across the reserve-unmap");
   vkUnmapMemory(c->device, memory);
   vkFreeMemory(c->device, other, NULL);

   /* The application may place a map back into its reserved range. */
   if (c->placed_features.memoryMapPlaced && ((uintptr_t)first % align) == 0) {
      EXPECT_VK(c, map_placed(c, memory, 0, VK_WHOLE_SIZE, first, &data));
      EXPECT(c, data == first, "placed into the reserved range at %p, the map is at %p", (void *)first, data);
      EXPECT(c, find_pattern_mismatch(first, size, 40, 0) == SIZE_MAX, "contents lost in the re-placed map");
      EXPECT_VK(c, unmap2(c, memory, VK_MEMORY_UNMAP_RESERVE_BIT_EXT));
      EXPECT(c, address_range_is_mapped(first, size), "the second reserve-unmap left no reservation");
   }
   vkFreeMemory(c->device, memory, NULL);
   /* The reservation is the application's now: it unreserves it. */
   const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
   const uintptr_t start = (uintptr_t)first & ~(page - 1);
   munmap((void *)start, ((uintptr_t)first + size - start + page - 1) & ~(page - 1));
}

const struct check placed_checks[] = {
   { "placed_map_lands_at_the_requested_address",
     "VK_MEMORY_MAP_PLACED_BIT_EXT \"requests that the implementation place the memory map at the virtual "
     "address specified by the application via VkMemoryMapPlacedInfoEXT::pPlacedAddress, replacing any "
     "existing mapping at that address.\"",
     placed_map_lands_at_the_requested_address },
   { "placed_range_map_maps_only_the_requested_pages",
     "memoryMapRangePlaced \"indicates that the implementation supports placing memory maps of a subrange "
     "of a memory object at application-specified virtual addresses.\"",
     placed_range_map_maps_only_the_requested_pages },
   { "unmap_reserve_keeps_the_range_reserved",
     "VK_MEMORY_UNMAP_RESERVE_BIT_EXT: \"Future system memory map operations or calls to vkMapMemory or "
     "vkMapMemory2 will not return addresses in that range unless the range has since been unreserved by the "
     "client or the mapping is explicitly placed in that range\"",
     unmap_reserve_keeps_the_range_reserved },
};
const size_t placed_check_count = ARRAY_LENGTH(placed_checks);
