/* VkDeviceMemory: host memory that memvk's "device" reads and writes
 * (memory.c, docs/memory.md).
 *
 * This header is the contract other files use; memory.c owns the fields
 * marked private and may add to them. */
#pragma once

#include "device.h"
#include "object.h"

/* Where a memory object's bytes live (docs/memory.md, "Layout"). */
enum memvk_memory_backing {
   /* A 64-byte-aligned block of the private jemalloc: small host-visible
    * allocations, so that they cost a malloc, not a system call. */
   MEMVK_MEMORY_BACKING_HEAP,
   /* An anonymous private mapping of its own (large or lazily allocated
    * memory): given back to the system by munmap on free. */
   MEMVK_MEMORY_BACKING_PRIVATE,
   /* An anonymous shared mapping: memory that has been placed at least once,
    * so that a placed map can alias the same pages. */
   MEMVK_MEMORY_BACKING_SHARED,
};

struct memvk_device_memory {
   struct memvk_object base;
   struct memvk_device *device;
   VkDeviceSize size;        /* allocationSize */
   uint32_t type_index;
   /* Taken for reading by memvk_device_memory_begin_access() and for
    * writing by the rare operations that move the bytes (memory.c). */
   _Atomic uint32_t backing_lock;
   /* Where the bytes live.  It can change when the memory is first placed
    * or unmapped with VK_MEMORY_UNMAP_RESERVE_BIT_EXT: other threads read
    * it only through memvk_device_memory_begin_access(). */
   uint8_t *home;
   /* The device address range of this memory (buffer device addresses are
    * device_address + bind offset + offset within the buffer); 0 unless it
    * was allocated with VK_MEMORY_ALLOCATE_DEVICE_ADDRESS_BIT. */
   uint64_t device_address;

   /* --- memory.c's own state ------------------------------------------- */
   /* Bytes of the mapping at home (PRIVATE and SHARED backings). */
   size_t backing_length;
   /* The current host mapping: NULL while unmapped. */
   uint8_t *map_address;
   VkDeviceSize map_offset;
   VkDeviceSize map_size;
   float priority;
   uint8_t backing;          /* enum memvk_memory_backing */
   bool map_placed;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_device_memory, VkDeviceMemory, VK_OBJECT_TYPE_DEVICE_MEMORY)

/* The queue's way to read and write a memory object's bytes while the
 * application may map, place or unmap the same memory on another thread:
 * returns the current host address of [offset, offset + size) and keeps the
 * pages from moving until the matching end_access.  Cheap (two uncontended
 * atomic operations).  Accesses may nest (a copy within one memory object);
 * never hold one across a wait for the application. */
uint8_t *memvk_device_memory_begin_access(struct memvk_device_memory *memory,
                                          VkDeviceSize offset, VkDeviceSize size);
void memvk_device_memory_end_access(struct memvk_device_memory *memory);

/* Bytes of live VkDeviceMemory in this process, all devices (the "usage" of
 * VK_EXT_memory_budget; memory_accounting.c). */
uint64_t memvk_process_memory_usage(void);
/* What the machine can still give, in bytes (for the budget): the kernel's
 * MemAvailable, lowered by any cgroup memory limit this process runs under. */
uint64_t memvk_memory_available(void);
/* The system page size: minPlacedMemoryMapAlignment. */
uint64_t memvk_page_size(void);
