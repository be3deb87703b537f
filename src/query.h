/* VkQueryPool and the device clock (query.c).
 *
 * memvk's queue family is transfer-only, and of the query commands the
 * registry lets a transfer queue record only vkCmdWriteTimestamp(2)
 * (vkCmdBeginQuery, vkCmdResetQueryPool and vkCmdCopyQueryPoolResults need
 * graphics or compute).  Pools of the other core query types can still be
 * created, reset on the host and read: their queries simply never become
 * available. */
#pragma once

#include <stdatomic.h>

#include "device.h"

struct memvk_query_pool {
   struct memvk_object base;
   VkQueryType type;
   uint32_t query_count;
   /* Result values each query has (pipeline statistics: one per counter). */
   uint32_t values_per_query;
   /* query_count × values_per_query results, then query_count flags.  The
    * writer stores the values, then sets the flag with release order;
    * vkGetQueryPoolResults loads the flag with acquire order. */
   uint64_t *values;
   _Atomic uint32_t *available;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_query_pool, VkQueryPool, VK_OBJECT_TYPE_QUERY_POOL)

/* The device's timestamp: CLOCK_MONOTONIC in nanoseconds (constants.h:
 * MEMVK_TIMESTAMP_VALID_BITS, MEMVK_TIMESTAMP_PERIOD). */
uint64_t memvk_device_timestamp(void);

/* A queue worker executing vkCmdWriteTimestamp(2): the query becomes
 * available with the current device timestamp.  Waiters are woken by the
 * end of the submission (queue.c). */
void memvk_query_pool_write_timestamp(struct memvk_query_pool *pool, uint32_t query);
