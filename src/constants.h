/* Every constant that describes the memvk device, in one place: identity,
 * queue family, memory heap and types, alignments and limits.  Code that
 * answers a query reads these; code that allocates obeys them.
 * docs/memory.md explains the memory figures. */
#pragma once

#include <stdint.h>
#include <vulkan/vulkan.h>

/* --- identity ------------------------------------------------------------ */
#define MEMVK_API_VERSION      VK_MAKE_API_VERSION(0, 1, 4, VK_HEADER_VERSION)
#define MEMVK_DRIVER_VERSION   VK_MAKE_VERSION(0, 1, 0)
/* memvk has no PCI vendor and no Khronos-registered vendor ID or VkDriverId:
 * it reports 0 for each rather than borrow another driver's. */
#define MEMVK_VENDOR_ID        0u
#define MEMVK_DEVICE_ID        0u
#define MEMVK_DEVICE_NAME      "memvk CPU device"
#define MEMVK_DRIVER_NAME      "memvk"
/* Hashed into the UUIDs; change it when the pipeline cache format changes. */
#define MEMVK_UUID_SEED        "memvk-0.1"

/* --- the one queue family -------------------------------------------------
 * Transfer only: memvk runs no shaders (docs/architecture.md). */
#define MEMVK_QUEUE_FAMILY_COUNT   1u
#define MEMVK_QUEUE_FLAGS          VK_QUEUE_TRANSFER_BIT
#define MEMVK_QUEUE_COUNT          4u
/* Timestamps are CLOCK_MONOTONIC nanoseconds: 64 valid bits, 1 ns a tick. */
#define MEMVK_TIMESTAMP_VALID_BITS 64u
#define MEMVK_TIMESTAMP_PERIOD     1.0f

/* --- memory ----------------------------------------------------------------
 * One heap, the machine's RAM.  Type 0 is what every buffer and image can use:
 * CPU memory is device-local, host-visible, coherent and cached at once.
 * Type 1 is lazily allocated (pages are committed on first touch, which
 * vkGetDeviceMemoryCommitment reports); the spec forbids it to be host
 * visible, and only transient-attachment images may use it. */
#define MEMVK_MEMORY_HEAP_COUNT      1u
#define MEMVK_MEMORY_TYPE_COUNT      2u
#define MEMVK_MEMORY_TYPE_HOST       0u
#define MEMVK_MEMORY_TYPE_LAZY       1u
#define MEMVK_MEMORY_TYPE_HOST_FLAGS                                              \
   (VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |   \
    VK_MEMORY_PROPERTY_HOST_COHERENT_BIT | VK_MEMORY_PROPERTY_HOST_CACHED_BIT)
#define MEMVK_MEMORY_TYPE_LAZY_FLAGS \
   (VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT | VK_MEMORY_PROPERTY_LAZILY_ALLOCATED_BIT)

/* "minMemoryMapAlignment is the minimum required alignment, in bytes, of host
 * visible memory allocations within the host address space. When mapping a
 * memory allocation with vkMapMemory, subtracting offset bytes from the
 * returned pointer will always produce an integer multiple of this limit."
 * Every allocation starts at least this aligned (memory.c). */
#define MEMVK_MIN_MEMORY_MAP_ALIGNMENT 64u
/* All memory is coherent, so flush/invalidate need no atom; this is the
 * smallest value the spec allows ("must be a power of two", max 256). */
#define MEMVK_NON_COHERENT_ATOM_SIZE   64u
/* Resources' required alignment for binding: the cache line. */
#define MEMVK_RESOURCE_ALIGNMENT       64u
/* A limit enforced in vkAllocateMemory: VK_ERROR_TOO_MANY_OBJECTS past it. */
#define MEMVK_MAX_MEMORY_ALLOCATION_COUNT 4000000u
/* No single allocation may exceed this (checked before any syscall). */
#define MEMVK_MAX_MEMORY_ALLOCATION_SIZE  (UINT64_C(1) << 40)
/* minPlacedMemoryMapAlignment is the page size, read at run time. */

/* --- limits -----------------------------------------------------------------
 * The whole of VkPhysicalDeviceLimits and the limits of the Vulkan 1.1-1.4
 * property structures live in constants.c; the figures other files obey are
 * named here.  Graphics and shader limits sit at the spec's required minimum
 * for Vulkan 1.4 ("Required Limits"): no memvk queue can draw or dispatch, so
 * no larger figure could ever be exercised.  Image and buffer limits are
 * what memvk's transfer queue and memory really handle. */
#define MEMVK_MAX_IMAGE_DIMENSION_1D   16384u
#define MEMVK_MAX_IMAGE_DIMENSION_2D   16384u
#define MEMVK_MAX_IMAGE_DIMENSION_3D   2048u
#define MEMVK_MAX_IMAGE_DIMENSION_CUBE 16384u
#define MEMVK_MAX_IMAGE_ARRAY_LAYERS   2048u
/* VkImageFormatProperties::maxResourceSize: an image may be as large as one
 * allocation ("must be at least 2^31"). */
#define MEMVK_MAX_RESOURCE_SIZE        MEMVK_MAX_MEMORY_ALLOCATION_SIZE
/* maxBufferSize (VkPhysicalDeviceMaintenance4Properties): likewise. */
#define MEMVK_MAX_BUFFER_SIZE          MEMVK_MAX_MEMORY_ALLOCATION_SIZE
/* Copies run on the CPU with memcpy: any offset and pitch is as fast as any
 * other, so the smallest meaningful figures are the optimal ones. */
#define MEMVK_OPTIMAL_BUFFER_COPY_OFFSET_ALIGNMENT    1u
#define MEMVK_OPTIMAL_BUFFER_COPY_ROW_PITCH_ALIGNMENT 1u
/* The granularity exists for GPUs whose page tables or caches treat linear
 * and optimal resources differently; host memory treats every byte alike. */
#define MEMVK_BUFFER_IMAGE_GRANULARITY 1u
#define MEMVK_MAX_SAMPLER_ALLOCATION_COUNT 4000u

extern const VkPhysicalDeviceLimits memvk_limits;
/* The limit members of the aggregate property structures; sType, pNext and
 * the identity members (UUIDs, driver name) are filled by physical_device.c. */
extern const VkPhysicalDeviceVulkan11Properties memvk_vulkan11_limits;
extern const VkPhysicalDeviceVulkan12Properties memvk_vulkan12_limits;
extern const VkPhysicalDeviceVulkan13Properties memvk_vulkan13_limits;
extern const VkPhysicalDeviceVulkan14Properties memvk_vulkan14_limits;

/* The image layouts host image copies may read from and write to
 * (VkPhysicalDeviceHostImageCopyProperties::pCopySrcLayouts and
 * pCopyDstLayouts: one list, as memvk stores every layout alike). */
extern const VkImageLayout memvk_host_copy_layouts[];
extern const uint32_t memvk_host_copy_layout_count;
/* The sample counts the "Required Limits" table asks of every Vulkan 1.4
 * device.  Multisampling exists to render, which memvk cannot do, but a
 * multisampled image is real memory: image.c stores every sample, and copies
 * between such images move them all. */
#define MEMVK_SAMPLE_COUNTS (VK_SAMPLE_COUNT_1_BIT | VK_SAMPLE_COUNT_4_BIT)
