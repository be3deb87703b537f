/* VkQueryPool, timestamps and VK_KHR_calibrated_timestamps. */
#include "query.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "constants.h"
#include "memvk_entrypoints.h"
#include "queue_rules.h"
#include "sync.h"

uint64_t
memvk_device_timestamp(void)
{
   struct timespec now;
   clock_gettime(CLOCK_MONOTONIC, &now);
   return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

void
memvk_query_pool_write_timestamp(struct memvk_query_pool *pool, uint32_t query)
{
   pool->values[query] = memvk_device_timestamp();
   atomic_store_explicit(&pool->available[query], 1, memory_order_release);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateQueryPool(VkDevice device_handle, const VkQueryPoolCreateInfo *pCreateInfo,
                      const VkAllocationCallbacks *pAllocator, VkQueryPool *pQueryPool)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   uint32_t values_per_query;
   switch (pCreateInfo->queryType) {
   case VK_QUERY_TYPE_TIMESTAMP:
   case VK_QUERY_TYPE_OCCLUSION:
      values_per_query = 1;
      break;
   case VK_QUERY_TYPE_PIPELINE_STATISTICS:
      values_per_query = (uint32_t)__builtin_popcount(pCreateInfo->pipelineStatistics);
      break;
   default:
      /* The other query types come with extensions memvk does not offer. */
      memvk_abort_invalid_usage("VUID-VkQueryPoolCreateInfo-queryType-parameter",
                                "query type %d needs an extension memvk does not implement",
                                pCreateInfo->queryType);
   }

   const uint32_t count = pCreateInfo->queryCount;
   const size_t values_bytes = sizeof(uint64_t) * (size_t)count * MEMVK_MAX(values_per_query, 1);
   const size_t size = sizeof(struct memvk_query_pool) + values_bytes + sizeof(_Atomic uint32_t) * count;
   struct memvk_query_pool *pool =
      memvk_zalloc2(&device->alloc, pAllocator, size, 8, VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (pool == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&pool->base, VK_OBJECT_TYPE_QUERY_POOL);
   pool->type = pCreateInfo->queryType;
   pool->query_count = count;
   pool->values_per_query = values_per_query;
   pool->values = (uint64_t *)(pool + 1);
   /* Zeroed: every query starts unavailable. */
   pool->available = (_Atomic uint32_t *)((uint8_t *)pool->values + values_bytes);
   *pQueryPool = memvk_query_pool_to_handle(pool);
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyQueryPool(VkDevice device_handle, VkQueryPool pool_handle, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_query_pool *pool = memvk_query_pool_from_handle(pool_handle);
   if (pool == NULL)
      return;
   memvk_object_finish(&pool->base);
   memvk_free2(&device->alloc, pAllocator, pool);
}

static void
check_query_range(const struct memvk_query_pool *pool, uint32_t first, uint32_t count, const char *vuid_first,
                  const char *vuid_sum)
{
   if (first >= pool->query_count && count > 0)
      memvk_abort_invalid_usage(vuid_first, "firstQuery %u, but the pool has %u queries", first,
                                pool->query_count);
   if ((uint64_t)first + count > pool->query_count)
      memvk_abort_invalid_usage(vuid_sum, "firstQuery %u + queryCount %u exceeds the pool's %u queries",
                                first, count, pool->query_count);
}

/* "vkResetQueryPool ... sets the status of query indices [firstQuery,
 * firstQuery + queryCount - 1] to unavailable." */
VKAPI_ATTR void VKAPI_CALL
memvk_ResetQueryPool(VkDevice device_handle, VkQueryPool pool_handle, uint32_t firstQuery, uint32_t queryCount)
{
   (void)device_handle;
   struct memvk_query_pool *pool = memvk_query_pool_from_handle(pool_handle);
   check_query_range(pool, firstQuery, queryCount, "VUID-vkResetQueryPool-firstQuery-09436",
                     "VUID-vkResetQueryPool-firstQuery-09437");
   for (uint32_t i = firstQuery; i < firstQuery + queryCount; i++)
      atomic_store_explicit(&pool->available[i], 0, memory_order_relaxed);
}

static void
write_result(uint8_t *destination, uint32_t index, uint64_t value, bool is_64_bit)
{
   if (is_64_bit) {
      memcpy(destination + index * sizeof(uint64_t), &value, sizeof(value));
   } else {
      /* "If VK_QUERY_RESULT_64_BIT is not set and the result overflows a
       * 32-bit value, the value may either wrap or saturate": memvk wraps. */
      const uint32_t value32 = (uint32_t)value;
      memcpy(destination + index * sizeof(uint32_t), &value32, sizeof(value32));
   }
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetQueryPoolResults(VkDevice device_handle, VkQueryPool pool_handle, uint32_t firstQuery,
                          uint32_t queryCount, size_t dataSize, void *pData, VkDeviceSize stride,
                          VkQueryResultFlags flags)
{
   (void)device_handle;
   struct memvk_query_pool *pool = memvk_query_pool_from_handle(pool_handle);
   check_query_range(pool, firstQuery, queryCount, "VUID-vkGetQueryPoolResults-firstQuery-09436",
                     "VUID-vkGetQueryPoolResults-firstQuery-09437");
   const bool is_64_bit = (flags & VK_QUERY_RESULT_64_BIT) != 0;
   const size_t value_size = is_64_bit ? 8 : 4;
   const uint32_t slots = pool->values_per_query + ((flags & VK_QUERY_RESULT_WITH_AVAILABILITY_BIT) ? 1 : 0);
   if (queryCount > 0 && (uint64_t)(queryCount - 1) * stride + slots * value_size > dataSize)
      memvk_abort_invalid_usage("VUID-vkGetQueryPoolResults-dataSize-00817",
                                "dataSize %zu is too small for %u queries of stride %" PRIu64, dataSize,
                                queryCount, stride);

   VkResult result = VK_SUCCESS;
   for (uint32_t i = 0; i < queryCount; i++) {
      const uint32_t query = firstQuery + i;
      uint8_t *destination = (uint8_t *)pData + i * stride;
      bool available = atomic_load_explicit(&pool->available[query], memory_order_acquire) != 0;
      /* "VK_QUERY_RESULT_WAIT_BIT specifies that Vulkan will wait for each
       * query's status to become available before retrieving its results."
       * Queue workers wake the sync condition at the end of each submission. */
      if (!available && (flags & VK_QUERY_RESULT_WAIT_BIT)) {
         static const struct memvk_deadline never = { .infinite = true };
         memvk_sync_lock();
         while (atomic_load_explicit(&pool->available[query], memory_order_acquire) == 0)
            memvk_sync_wait_locked(&never);
         memvk_sync_unlock();
         available = true;
      }
      const uint64_t *values = &pool->values[(size_t)query * pool->values_per_query];
      if (available) {
         for (uint32_t v = 0; v < pool->values_per_query; v++)
            write_result(destination, v, values[v], is_64_bit);
      } else {
         /* "If VK_QUERY_RESULT_WAIT_BIT and VK_QUERY_RESULT_PARTIAL_BIT are
          * both not set then no result values are written to pData for
          * queries that are in the unavailable state ... and
          * vkGetQueryPoolResults returns VK_NOT_READY."  With PARTIAL, "an
          * intermediate result value between zero and the final result value
          * is written": memvk has none but zero. */
         if (flags & VK_QUERY_RESULT_PARTIAL_BIT) {
            for (uint32_t v = 0; v < pool->values_per_query; v++)
               write_result(destination, v, 0, is_64_bit);
         }
         result = VK_NOT_READY;
      }
      /* "...an extra availability or status value written directly after
       * the results of each query", even for unavailable queries. */
      if (flags & VK_QUERY_RESULT_WITH_AVAILABILITY_BIT)
         write_result(destination, pool->values_per_query, available ? 1 : 0, is_64_bit);
   }
   return result;
}

/* --- VK_KHR_calibrated_timestamps ------------------------------------------
 * The device timestamp is CLOCK_MONOTONIC, so the device domain and the
 * CLOCK_MONOTONIC domain read one clock; CLOCK_MONOTONIC_RAW is offered too,
 * as the spec defines it for Linux. */

static const VkTimeDomainKHR calibrateable_time_domains[] = {
   VK_TIME_DOMAIN_DEVICE_KHR,
   VK_TIME_DOMAIN_CLOCK_MONOTONIC_KHR,
   VK_TIME_DOMAIN_CLOCK_MONOTONIC_RAW_KHR,
};

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetPhysicalDeviceCalibrateableTimeDomainsKHR(VkPhysicalDevice physicalDevice, uint32_t *pTimeDomainCount,
                                                   VkTimeDomainKHR *pTimeDomains)
{
   (void)physicalDevice;
   const uint32_t available = MEMVK_ARRAY_LENGTH(calibrateable_time_domains);
   if (pTimeDomains == NULL) {
      *pTimeDomainCount = available;
      return VK_SUCCESS;
   }
   const uint32_t count = MEMVK_MIN(*pTimeDomainCount, available);
   memcpy(pTimeDomains, calibrateable_time_domains, sizeof(pTimeDomains[0]) * count);
   *pTimeDomainCount = count;
   return count < available ? VK_INCOMPLETE : VK_SUCCESS;
}

static uint64_t
read_clock(clockid_t clock)
{
   struct timespec now;
   clock_gettime(clock, &now);
   return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_GetCalibratedTimestampsKHR(VkDevice device_handle, uint32_t timestampCount,
                                 const VkCalibratedTimestampInfoKHR *pTimestampInfos, uint64_t *pTimestamps,
                                 uint64_t *pMaxDeviation)
{
   (void)device_handle;
   /* "pMaxDeviation ... the maximum deviation, in nanoseconds, of the
    * calibrated timestamp values": the span of time the reads took. */
   const uint64_t begin = read_clock(CLOCK_MONOTONIC_RAW);
   for (uint32_t i = 0; i < timestampCount; i++) {
      switch (pTimestampInfos[i].timeDomain) {
      case VK_TIME_DOMAIN_DEVICE_KHR:
         pTimestamps[i] = memvk_device_timestamp();
         break;
      case VK_TIME_DOMAIN_CLOCK_MONOTONIC_KHR:
         pTimestamps[i] = read_clock(CLOCK_MONOTONIC);
         break;
      case VK_TIME_DOMAIN_CLOCK_MONOTONIC_RAW_KHR:
         pTimestamps[i] = read_clock(CLOCK_MONOTONIC_RAW);
         break;
      default:
         memvk_abort_invalid_usage("VUID-VkCalibratedTimestampInfoKHR-timeDomain-02354",
                                   "time domain %d is not one vkGetPhysicalDeviceCalibrateableTimeDomainsKHR "
                                   "returned", pTimestampInfos[i].timeDomain);
      }
   }
   const uint64_t end = read_clock(CLOCK_MONOTONIC_RAW);
   /* At least one tick: the clocks are read one after another. */
   *pMaxDeviation = MEMVK_MAX(end - begin, (uint64_t)1);
   return VK_SUCCESS;
}
