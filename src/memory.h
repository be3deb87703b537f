/* VkDeviceMemory: mmap-backed host memory (memory.c, docs/memory.md).
 *
 * This header is the contract other files use; memory.c owns the struct's
 * private fields and may add to them. */
#pragma once

#include "device.h"
#include "object.h"

struct memvk_device_memory {
   struct memvk_object base;
   struct memvk_device *device;
   VkDeviceSize size;        /* allocationSize */
   uint32_t type_index;
   /* Where the bytes live while not placed elsewhere; see
    * memvk_device_memory_begin_access() for access from other threads. */
   uint8_t *home;
   /* The device address range of this memory (buffer device addresses are
    * device_address + bind offset + offset within the buffer). */
   uint64_t device_address;
   /* memory.c's own state follows. */
   struct memvk_memory_private *priv;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_device_memory, VkDeviceMemory, VK_OBJECT_TYPE_DEVICE_MEMORY)

/* The queue's way to read and write a memory object's bytes while the
 * application may map, place or unmap the same memory on another thread:
 * returns the current host address of [offset, offset + size) and keeps the
 * pages from moving until the matching end_access. */
uint8_t *memvk_device_memory_begin_access(struct memvk_device_memory *memory,
                                          VkDeviceSize offset, VkDeviceSize size);
void memvk_device_memory_end_access(struct memvk_device_memory *memory);

/* Bytes of live VkDeviceMemory in this process, all devices (the "usage" of
 * VK_EXT_memory_budget). */
uint64_t memvk_process_memory_usage(void);
/* What the machine can still give, in bytes (for the budget). */
uint64_t memvk_memory_available(void);
