/* Command pools and command buffers: allocation, the lifecycle, recording of
 * every command a transfer queue accepts, and their execution by a queue
 * worker (docs/queues.md). */
#include "command_buffer.h"

#include <inttypes.h>
#include <stdalign.h>
#include <string.h>

#include "alloc.h"
#include "buffer.h"
#include "constants.h"
#include "image.h"
#include "memvk_entrypoints.h"
#include "query.h"
#include "queue_rules.h"
#include "transfer.h"

/* --- recorded commands ----------------------------------------------------- */

enum memvk_command_type {
   MEMVK_CMD_COPY_BUFFER,
   MEMVK_CMD_FILL_BUFFER,
   MEMVK_CMD_UPDATE_BUFFER,
   MEMVK_CMD_COPY_BUFFER_TO_IMAGE,
   MEMVK_CMD_COPY_IMAGE_TO_BUFFER,
   MEMVK_CMD_COPY_IMAGE,
   MEMVK_CMD_WRITE_TIMESTAMP,
   MEMVK_CMD_EXECUTE_COMMANDS,
};

/* Every command starts with this; size (a multiple of 8) includes it. */
struct command_header {
   uint32_t type;
   uint32_t size;
};

struct cmd_copy_buffer {
   struct command_header header;
   struct memvk_buffer *src, *dst;
   uint32_t region_count;
   VkBufferCopy regions[];
};

struct cmd_fill_buffer {
   struct command_header header;
   struct memvk_buffer *dst;
   VkDeviceSize offset, size;
   uint32_t data;
};

struct cmd_update_buffer {
   struct command_header header;
   struct memvk_buffer *dst;
   VkDeviceSize offset, size;
   alignas(8) uint8_t data[];
};

/* Both directions of buffer <-> image copies. */
struct cmd_copy_buffer_image {
   struct command_header header;
   struct memvk_buffer *buffer;
   struct memvk_image *image;
   uint32_t region_count;
   VkBufferImageCopy regions[];
};

struct cmd_copy_image {
   struct command_header header;
   struct memvk_image *src, *dst;
   uint32_t region_count;
   VkImageCopy regions[];
};

struct cmd_write_timestamp {
   struct command_header header;
   struct memvk_query_pool *pool;
   uint32_t query;
};

struct cmd_execute_commands {
   struct command_header header;
   uint32_t count;
   struct memvk_command_buffer *secondaries[];
};

/* Recorded commands live in blocks from the pool's allocator. */
struct memvk_command_block {
   struct memvk_command_block *next;
   uint32_t capacity;
   uint32_t used;
   alignas(8) uint8_t data[];
};

/* One page per block holds dozens of typical commands; bigger commands
 * (large updates, many regions) get a block of their own size. */
#define COMMAND_BLOCK_SIZE 4096u

/* --- command pools -------------------------------------------------------- */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_CreateCommandPool(VkDevice device_handle, const VkCommandPoolCreateInfo *pCreateInfo,
                        const VkAllocationCallbacks *pAllocator, VkCommandPool *pCommandPool)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   /* VUID-vkCreateCommandPool-queueFamilyIndex-01937: "must be the index of
    * a queue family available in the logical device". */
   if (pCreateInfo->queueFamilyIndex >= MEMVK_QUEUE_FAMILY_COUNT)
      memvk_abort_invalid_usage("VUID-vkCreateCommandPool-queueFamilyIndex-01937",
                                "queue family %u does not exist", pCreateInfo->queueFamilyIndex);
   struct memvk_command_pool *pool = memvk_zalloc2(&device->alloc, pAllocator, sizeof(*pool), 8,
                                                   VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (pool == NULL)
      return VK_ERROR_OUT_OF_HOST_MEMORY;
   memvk_object_init(&pool->base, VK_OBJECT_TYPE_COMMAND_POOL);
   pool->device = device;
   pool->alloc = *memvk_choose_allocator(&device->alloc, pAllocator);
   pool->flags = pCreateInfo->flags;
   pool->queue_family_index = pCreateInfo->queueFamilyIndex;
   *pCommandPool = memvk_command_pool_to_handle(pool);
   return VK_SUCCESS;
}

static void
free_block_list(struct memvk_command_pool *pool, struct memvk_command_block *block)
{
   while (block != NULL) {
      struct memvk_command_block *next = block->next;
      memvk_free(&pool->alloc, block);
      block = next;
   }
}

static struct memvk_command_block *
take_block(struct memvk_command_pool *pool, size_t bytes)
{
   for (struct memvk_command_block **link = &pool->free_blocks; *link != NULL; link = &(*link)->next) {
      struct memvk_command_block *block = *link;
      if (block->capacity >= bytes) {
         *link = block->next;
         block->next = NULL;
         block->used = 0;
         return block;
      }
   }
   const size_t capacity = MEMVK_MAX(bytes, COMMAND_BLOCK_SIZE - sizeof(struct memvk_command_block));
   if (capacity > UINT32_MAX)
      return NULL;
   struct memvk_command_block *block = memvk_alloc(&pool->alloc, sizeof(*block) + capacity, 8,
                                                   VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
   if (block == NULL)
      return NULL;
   block->next = NULL;
   block->capacity = (uint32_t)capacity;
   block->used = 0;
   return block;
}

static void
abort_if_pending(const struct memvk_command_buffer *command_buffer, const char *vuid)
{
   if (atomic_load(&command_buffer->pending) != 0)
      memvk_abort_invalid_usage(vuid, "the command buffer is in the pending state (its submission has not "
                                      "completed)");
}

/* Back to the initial state.  The blocks go to the pool for reuse unless the
 * caller asks to release them ("VK_COMMAND_BUFFER_RESET_RELEASE_RESOURCES_BIT
 * specifies that most or all memory resources currently owned by the command
 * buffer should be returned to the parent command pool"; the pool's RELEASE
 * reset frees them). */
static void
reset_command_buffer(struct memvk_command_buffer *command_buffer, bool release)
{
   struct memvk_command_pool *pool = command_buffer->pool;
   if (command_buffer->first_block != NULL) {
      if (release) {
         free_block_list(pool, command_buffer->first_block);
      } else {
         command_buffer->last_block->next = pool->free_blocks;
         pool->free_blocks = command_buffer->first_block;
      }
   }
   command_buffer->first_block = NULL;
   command_buffer->last_block = NULL;
   command_buffer->record_result = VK_SUCCESS;
   command_buffer->usage = 0;
   atomic_store(&command_buffer->state, MEMVK_COMMAND_BUFFER_INITIAL);
}

static void
free_command_buffer(struct memvk_command_buffer *command_buffer)
{
   struct memvk_command_pool *pool = command_buffer->pool;
   free_block_list(pool, command_buffer->first_block);
   if (command_buffer->pool_prev != NULL)
      command_buffer->pool_prev->pool_next = command_buffer->pool_next;
   else
      pool->command_buffers = command_buffer->pool_next;
   if (command_buffer->pool_next != NULL)
      command_buffer->pool_next->pool_prev = command_buffer->pool_prev;
   memvk_object_finish(&command_buffer->base);
   memvk_free(&pool->alloc, command_buffer);
}

VKAPI_ATTR void VKAPI_CALL
memvk_DestroyCommandPool(VkDevice device_handle, VkCommandPool pool_handle, const VkAllocationCallbacks *pAllocator)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_command_pool *pool = memvk_command_pool_from_handle(pool_handle);
   if (pool == NULL)
      return;
   /* "When a pool is destroyed, all command buffers allocated from the pool
    * are freed." */
   while (pool->command_buffers != NULL) {
      abort_if_pending(pool->command_buffers, "VUID-vkDestroyCommandPool-commandPool-00041");
      free_command_buffer(pool->command_buffers);
   }
   free_block_list(pool, pool->free_blocks);
   memvk_object_finish(&pool->base);
   memvk_free2(&device->alloc, pAllocator, pool);
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_ResetCommandPool(VkDevice device_handle, VkCommandPool pool_handle, VkCommandPoolResetFlags flags)
{
   (void)device_handle;
   struct memvk_command_pool *pool = memvk_command_pool_from_handle(pool_handle);
   const bool release = (flags & VK_COMMAND_POOL_RESET_RELEASE_RESOURCES_BIT) != 0;
   /* "Resetting a command pool recycles all of the resources from all of the
    * command buffers allocated from the command pool back to the command
    * pool. All command buffers that have been allocated from the command
    * pool are put in the initial state." */
   for (struct memvk_command_buffer *cb = pool->command_buffers; cb != NULL; cb = cb->pool_next) {
      abort_if_pending(cb, "VUID-vkResetCommandPool-commandPool-00040");
      reset_command_buffer(cb, release);
   }
   /* "VK_COMMAND_POOL_RESET_RELEASE_RESOURCES_BIT specifies that resetting a
    * command pool recycles all of the resources from the command pool back
    * to the system." */
   if (release) {
      free_block_list(pool, pool->free_blocks);
      pool->free_blocks = NULL;
   }
   return VK_SUCCESS;
}

/* "Trimming a command pool recycles unused memory from the command pool
 * back to the system." */
VKAPI_ATTR void VKAPI_CALL
memvk_TrimCommandPool(VkDevice device_handle, VkCommandPool pool_handle, VkCommandPoolTrimFlags flags)
{
   (void)device_handle;
   (void)flags;
   struct memvk_command_pool *pool = memvk_command_pool_from_handle(pool_handle);
   free_block_list(pool, pool->free_blocks);
   pool->free_blocks = NULL;
}

/* --- command buffers -------------------------------------------------------- */

VKAPI_ATTR VkResult VKAPI_CALL
memvk_AllocateCommandBuffers(VkDevice device_handle, const VkCommandBufferAllocateInfo *pAllocateInfo,
                             VkCommandBuffer *pCommandBuffers)
{
   struct memvk_device *device = memvk_device_from_handle(device_handle);
   struct memvk_command_pool *pool = memvk_command_pool_from_handle(pAllocateInfo->commandPool);
   for (uint32_t i = 0; i < pAllocateInfo->commandBufferCount; i++) {
      struct memvk_command_buffer *cb = memvk_zalloc(&pool->alloc, sizeof(*cb), 8,
                                                     VK_SYSTEM_ALLOCATION_SCOPE_OBJECT);
      if (cb == NULL) {
         /* "If the allocation of any of those command buffers fails, the
          * implementation must free all successfully allocated command buffer
          * objects from this command, set all entries of the pCommandBuffers
          * array to NULL and return the error." */
         for (uint32_t j = 0; j < i; j++)
            free_command_buffer(memvk_command_buffer_from_handle(pCommandBuffers[j]));
         for (uint32_t j = 0; j < pAllocateInfo->commandBufferCount; j++)
            pCommandBuffers[j] = VK_NULL_HANDLE;
         return VK_ERROR_OUT_OF_HOST_MEMORY;
      }
      memvk_object_init(&cb->base, VK_OBJECT_TYPE_COMMAND_BUFFER);
      cb->device = device;
      cb->pool = pool;
      cb->level = pAllocateInfo->level;
      atomic_init(&cb->state, MEMVK_COMMAND_BUFFER_INITIAL);
      atomic_init(&cb->pending, 0);
      cb->record_result = VK_SUCCESS;
      cb->pool_next = pool->command_buffers;
      if (pool->command_buffers != NULL)
         pool->command_buffers->pool_prev = cb;
      pool->command_buffers = cb;
      pCommandBuffers[i] = memvk_command_buffer_to_handle(cb);
   }
   return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL
memvk_FreeCommandBuffers(VkDevice device_handle, VkCommandPool pool_handle, uint32_t commandBufferCount,
                         const VkCommandBuffer *pCommandBuffers)
{
   (void)device_handle;
   (void)pool_handle;
   for (uint32_t i = 0; i < commandBufferCount; i++) {
      struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(pCommandBuffers[i]);
      if (cb == NULL)
         continue;
      abort_if_pending(cb, "VUID-vkFreeCommandBuffers-pCommandBuffers-00047");
      free_command_buffer(cb);
   }
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_BeginCommandBuffer(VkCommandBuffer commandBuffer, const VkCommandBufferBeginInfo *pBeginInfo)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   abort_if_pending(cb, "VUID-vkBeginCommandBuffer-commandBuffer-00049");
   if (atomic_load(&cb->state) == MEMVK_COMMAND_BUFFER_RECORDING)
      memvk_abort_invalid_usage("VUID-vkBeginCommandBuffer-commandBuffer-00049",
                                "the command buffer is already in the recording state");
   /* "If the command buffer is in the executable or invalid state ...
    * vkBeginCommandBuffer implicitly resets the command buffer" (allowed when
    * the pool has VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT). */
   if (atomic_load(&cb->state) != MEMVK_COMMAND_BUFFER_INITIAL)
      reset_command_buffer(cb, false);
   cb->usage = pBeginInfo->flags;
   atomic_store(&cb->state, MEMVK_COMMAND_BUFFER_RECORDING);
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_EndCommandBuffer(VkCommandBuffer commandBuffer)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   if (atomic_load(&cb->state) != MEMVK_COMMAND_BUFFER_RECORDING)
      memvk_abort_invalid_usage("VUID-vkEndCommandBuffer-commandBuffer-00059",
                                "the command buffer is not in the recording state");
   /* "If there was an error during recording, the application will be
    * notified by an unsuccessful return code returned by
    * vkEndCommandBuffer, and the command buffer will be moved to the invalid
    * state." */
   if (cb->record_result != VK_SUCCESS) {
      atomic_store(&cb->state, MEMVK_COMMAND_BUFFER_INVALID);
      return cb->record_result;
   }
   atomic_store(&cb->state, MEMVK_COMMAND_BUFFER_EXECUTABLE);
   return VK_SUCCESS;
}

VKAPI_ATTR VkResult VKAPI_CALL
memvk_ResetCommandBuffer(VkCommandBuffer commandBuffer, VkCommandBufferResetFlags flags)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   if (!(cb->pool->flags & VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT))
      memvk_abort_invalid_usage("VUID-vkResetCommandBuffer-commandBuffer-00046",
                                "the command pool was not created with "
                                "VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT");
   abort_if_pending(cb, "VUID-vkResetCommandBuffer-commandBuffer-00045");
   reset_command_buffer(cb, (flags & VK_COMMAND_BUFFER_RESET_RELEASE_RESOURCES_BIT) != 0);
   return VK_SUCCESS;
}

void
memvk_command_buffer_submit(struct memvk_command_buffer *cb, const char *command)
{
   (void)command;
   if (cb->level != VK_COMMAND_BUFFER_LEVEL_PRIMARY)
      memvk_abort_invalid_usage("VUID-VkSubmitInfo-pCommandBuffers-00075",
                                "%s: a secondary command buffer cannot be submitted", command);
   if (atomic_load(&cb->state) != MEMVK_COMMAND_BUFFER_EXECUTABLE)
      memvk_abort_invalid_usage("VUID-vkQueueSubmit-pCommandBuffers-00070",
                                "%s: the command buffer is not in the executable state (not ended, "
                                "reset, or a ONE_TIME_SUBMIT buffer already submitted)",
                                command);
   if (atomic_load(&cb->pending) != 0 && !(cb->usage & VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT))
      memvk_abort_invalid_usage("VUID-vkQueueSubmit-pCommandBuffers-00071",
                                "%s: the command buffer is pending and was not recorded with "
                                "VK_COMMAND_BUFFER_USAGE_SIMULTANEOUS_USE_BIT",
                                command);
   /* "If VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT was set ... the command
    * buffer moves to the invalid state" once its execution completes.  It can
    * be neither submitted again nor reset before that (it is pending), so
    * memvk moves it now and the worker never writes the state. */
   if (cb->usage & VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT)
      atomic_store(&cb->state, MEMVK_COMMAND_BUFFER_INVALID);
   atomic_fetch_add(&cb->pending, 1);
}

void
memvk_command_buffer_complete_locked(struct memvk_command_buffer *cb)
{
   atomic_fetch_sub(&cb->pending, 1);
}

bool
memvk_command_buffer_is_empty(const struct memvk_command_buffer *cb)
{
   return cb->first_block == NULL;
}

/* --- recording ---------------------------------------------------------------- */

/* Space for one command of `bytes` bytes at the end of the buffer; NULL (and
 * the error kept for vkEndCommandBuffer) when host memory runs out. */
static void *
record(struct memvk_command_buffer *cb, enum memvk_command_type type, size_t bytes, const char *vuid_recording)
{
   if (atomic_load(&cb->state) != MEMVK_COMMAND_BUFFER_RECORDING)
      memvk_abort_invalid_usage(vuid_recording, "the command buffer is not in the recording state");
   if (cb->record_result != VK_SUCCESS)
      return NULL;
   bytes = memvk_align_up(bytes, 8);
   if (bytes > UINT32_MAX) {
      cb->record_result = VK_ERROR_OUT_OF_HOST_MEMORY;
      return NULL;
   }
   struct memvk_command_block *block = cb->last_block;
   if (block == NULL || block->capacity - block->used < bytes) {
      block = take_block(cb->pool, bytes);
      if (block == NULL) {
         cb->record_result = VK_ERROR_OUT_OF_HOST_MEMORY;
         return NULL;
      }
      if (cb->last_block != NULL)
         cb->last_block->next = block;
      else
         cb->first_block = block;
      cb->last_block = block;
   }
   struct command_header *header = (struct command_header *)(block->data + block->used);
   block->used += (uint32_t)bytes;
   header->type = type;
   header->size = (uint32_t)bytes;
   return header;
}

/* Commands that record nothing still need the recording state. */
static void
check_recording(const struct memvk_command_buffer *cb, const char *vuid_recording)
{
   if (atomic_load(&cb->state) != MEMVK_COMMAND_BUFFER_RECORDING)
      memvk_abort_invalid_usage(vuid_recording, "the command buffer is not in the recording state");
}

static void
record_copy_buffer(VkCommandBuffer commandBuffer, VkBuffer src_handle, VkBuffer dst_handle, uint32_t count,
                   const VkBufferCopy *regions, const VkBufferCopy2 *regions2, const char *command,
                   const char *vuid_recording)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   struct memvk_buffer *src = memvk_buffer_from_handle(src_handle);
   struct memvk_buffer *dst = memvk_buffer_from_handle(dst_handle);
   struct cmd_copy_buffer *cmd =
      record(cb, MEMVK_CMD_COPY_BUFFER, sizeof(*cmd) + sizeof(VkBufferCopy) * (size_t)count, vuid_recording);
   if (cmd == NULL)
      return;
   cmd->src = src;
   cmd->dst = dst;
   cmd->region_count = count;
   for (uint32_t i = 0; i < count; i++) {
      cmd->regions[i] = regions != NULL ? regions[i]
                                        : (VkBufferCopy){ regions2[i].srcOffset, regions2[i].dstOffset,
                                                          regions2[i].size };
      memvk_check_buffer_copy(src, dst, &cmd->regions[i], command);
   }
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdCopyBuffer(VkCommandBuffer commandBuffer, VkBuffer srcBuffer, VkBuffer dstBuffer, uint32_t regionCount,
                    const VkBufferCopy *pRegions)
{
   record_copy_buffer(commandBuffer, srcBuffer, dstBuffer, regionCount, pRegions, NULL, "vkCmdCopyBuffer",
                      "VUID-vkCmdCopyBuffer-commandBuffer-recording");
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdCopyBuffer2(VkCommandBuffer commandBuffer, const VkCopyBufferInfo2 *pCopyBufferInfo)
{
   record_copy_buffer(commandBuffer, pCopyBufferInfo->srcBuffer, pCopyBufferInfo->dstBuffer,
                      pCopyBufferInfo->regionCount, NULL, pCopyBufferInfo->pRegions, "vkCmdCopyBuffer2",
                      "VUID-vkCmdCopyBuffer2-commandBuffer-recording");
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdFillBuffer(VkCommandBuffer commandBuffer, VkBuffer dstBuffer, VkDeviceSize dstOffset, VkDeviceSize size,
                    uint32_t data)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   struct memvk_buffer *dst = memvk_buffer_from_handle(dstBuffer);
   if (dstOffset >= dst->size)
      memvk_abort_invalid_usage("VUID-vkCmdFillBuffer-dstOffset-00024",
                                "dstOffset %" PRIu64 " is not less than the buffer's size %" PRIu64, dstOffset,
                                dst->size);
   if (dstOffset % 4 != 0)
      memvk_abort_invalid_usage("VUID-vkCmdFillBuffer-dstOffset-00025",
                                "dstOffset %" PRIu64 " is not a multiple of 4", dstOffset);
   /* "If VK_WHOLE_SIZE is used and the remaining size of the buffer is not a
    * multiple of 4, then the nearest smaller multiple is used." */
   if (size == VK_WHOLE_SIZE) {
      size = (dst->size - dstOffset) & ~(VkDeviceSize)3;
   } else {
      if (size == 0 || size % 4 != 0)
         memvk_abort_invalid_usage("VUID-vkCmdFillBuffer-size-00027",
                                   "size %" PRIu64 " is not a non-zero multiple of 4", size);
      if (size > dst->size - dstOffset)
         memvk_abort_invalid_usage("VUID-vkCmdFillBuffer-size-00028",
                                   "size %" PRIu64 " exceeds the buffer's size %" PRIu64 " minus dstOffset %" PRIu64,
                                   size, dst->size, dstOffset);
   }
   struct cmd_fill_buffer *cmd =
      record(cb, MEMVK_CMD_FILL_BUFFER, sizeof(*cmd), "VUID-vkCmdFillBuffer-commandBuffer-recording");
   if (cmd == NULL)
      return;
   cmd->dst = dst;
   cmd->offset = dstOffset;
   cmd->size = size;
   cmd->data = data;
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdUpdateBuffer(VkCommandBuffer commandBuffer, VkBuffer dstBuffer, VkDeviceSize dstOffset,
                      VkDeviceSize dataSize, const void *pData)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   struct memvk_buffer *dst = memvk_buffer_from_handle(dstBuffer);
   if (dstOffset >= dst->size || dataSize > dst->size - dstOffset)
      memvk_abort_invalid_usage("VUID-vkCmdUpdateBuffer-dataSize-00033",
                                "[%" PRIu64 ", +%" PRIu64 ") reaches beyond the buffer's size %" PRIu64,
                                dstOffset, dataSize, dst->size);
   if (dstOffset % 4 != 0)
      memvk_abort_invalid_usage("VUID-vkCmdUpdateBuffer-dstOffset-00036",
                                "dstOffset %" PRIu64 " is not a multiple of 4", dstOffset);
   if (dataSize == 0 || dataSize > 65536 || dataSize % 4 != 0)
      memvk_abort_invalid_usage("VUID-vkCmdUpdateBuffer-dataSize-00037",
                                "dataSize %" PRIu64 " must be a non-zero multiple of 4 of at most 65536", dataSize);
   struct cmd_update_buffer *cmd = record(cb, MEMVK_CMD_UPDATE_BUFFER, sizeof(*cmd) + (size_t)dataSize,
                                          "VUID-vkCmdUpdateBuffer-commandBuffer-recording");
   if (cmd == NULL)
      return;
   cmd->dst = dst;
   cmd->offset = dstOffset;
   cmd->size = dataSize;
   /* "The source data is copied from pData to the command buffer when the
    * command is called." */
   memcpy(cmd->data, pData, (size_t)dataSize);
}

static VkBufferImageCopy
buffer_image_copy_from_2(const VkBufferImageCopy2 *region)
{
   return (VkBufferImageCopy){
      .bufferOffset = region->bufferOffset,
      .bufferRowLength = region->bufferRowLength,
      .bufferImageHeight = region->bufferImageHeight,
      .imageSubresource = region->imageSubresource,
      .imageOffset = region->imageOffset,
      .imageExtent = region->imageExtent,
   };
}

static void
record_copy_buffer_image(VkCommandBuffer commandBuffer, VkBuffer buffer_handle, VkImage image_handle,
                         bool to_image, uint32_t count, const VkBufferImageCopy *regions,
                         const VkBufferImageCopy2 *regions2, const char *command, const char *vuid_recording)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   struct memvk_buffer *buffer = memvk_buffer_from_handle(buffer_handle);
   struct memvk_image *image = memvk_image_from_handle(image_handle);
   struct cmd_copy_buffer_image *cmd =
      record(cb, to_image ? MEMVK_CMD_COPY_BUFFER_TO_IMAGE : MEMVK_CMD_COPY_IMAGE_TO_BUFFER,
             sizeof(*cmd) + sizeof(VkBufferImageCopy) * (size_t)count, vuid_recording);
   if (cmd == NULL)
      return;
   cmd->buffer = buffer;
   cmd->image = image;
   cmd->region_count = count;
   for (uint32_t i = 0; i < count; i++) {
      cmd->regions[i] = regions != NULL ? regions[i] : buffer_image_copy_from_2(&regions2[i]);
      memvk_check_buffer_image_copy(buffer, image, to_image, &cmd->regions[i], command);
   }
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdCopyBufferToImage(VkCommandBuffer commandBuffer, VkBuffer srcBuffer, VkImage dstImage,
                           VkImageLayout dstImageLayout, uint32_t regionCount, const VkBufferImageCopy *pRegions)
{
   /* memvk lays images out the same way in every layout (image.h). */
   (void)dstImageLayout;
   record_copy_buffer_image(commandBuffer, srcBuffer, dstImage, true, regionCount, pRegions, NULL,
                            "vkCmdCopyBufferToImage", "VUID-vkCmdCopyBufferToImage-commandBuffer-recording");
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdCopyBufferToImage2(VkCommandBuffer commandBuffer, const VkCopyBufferToImageInfo2 *pCopyBufferToImageInfo)
{
   const VkCopyBufferToImageInfo2 *info = pCopyBufferToImageInfo;
   record_copy_buffer_image(commandBuffer, info->srcBuffer, info->dstImage, true, info->regionCount, NULL,
                            info->pRegions, "vkCmdCopyBufferToImage2",
                            "VUID-vkCmdCopyBufferToImage2-commandBuffer-recording");
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdCopyImageToBuffer(VkCommandBuffer commandBuffer, VkImage srcImage, VkImageLayout srcImageLayout,
                           VkBuffer dstBuffer, uint32_t regionCount, const VkBufferImageCopy *pRegions)
{
   (void)srcImageLayout;
   record_copy_buffer_image(commandBuffer, dstBuffer, srcImage, false, regionCount, pRegions, NULL,
                            "vkCmdCopyImageToBuffer", "VUID-vkCmdCopyImageToBuffer-commandBuffer-recording");
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdCopyImageToBuffer2(VkCommandBuffer commandBuffer, const VkCopyImageToBufferInfo2 *pCopyImageToBufferInfo)
{
   const VkCopyImageToBufferInfo2 *info = pCopyImageToBufferInfo;
   record_copy_buffer_image(commandBuffer, info->dstBuffer, info->srcImage, false, info->regionCount, NULL,
                            info->pRegions, "vkCmdCopyImageToBuffer2",
                            "VUID-vkCmdCopyImageToBuffer2-commandBuffer-recording");
}

static void
record_copy_image(VkCommandBuffer commandBuffer, VkImage src_handle, VkImage dst_handle, uint32_t count,
                  const VkImageCopy *regions, const VkImageCopy2 *regions2, const char *command,
                  const char *vuid_recording)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   struct memvk_image *src = memvk_image_from_handle(src_handle);
   struct memvk_image *dst = memvk_image_from_handle(dst_handle);
   struct cmd_copy_image *cmd =
      record(cb, MEMVK_CMD_COPY_IMAGE, sizeof(*cmd) + sizeof(VkImageCopy) * (size_t)count, vuid_recording);
   if (cmd == NULL)
      return;
   cmd->src = src;
   cmd->dst = dst;
   cmd->region_count = count;
   for (uint32_t i = 0; i < count; i++) {
      if (regions != NULL) {
         cmd->regions[i] = regions[i];
      } else {
         cmd->regions[i] = (VkImageCopy){
            .srcSubresource = regions2[i].srcSubresource,
            .srcOffset = regions2[i].srcOffset,
            .dstSubresource = regions2[i].dstSubresource,
            .dstOffset = regions2[i].dstOffset,
            .extent = regions2[i].extent,
         };
      }
      memvk_check_image_copy(src, dst, &cmd->regions[i], command);
   }
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdCopyImage(VkCommandBuffer commandBuffer, VkImage srcImage, VkImageLayout srcImageLayout, VkImage dstImage,
                   VkImageLayout dstImageLayout, uint32_t regionCount, const VkImageCopy *pRegions)
{
   (void)srcImageLayout;
   (void)dstImageLayout;
   record_copy_image(commandBuffer, srcImage, dstImage, regionCount, pRegions, NULL, "vkCmdCopyImage",
                     "VUID-vkCmdCopyImage-commandBuffer-recording");
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdCopyImage2(VkCommandBuffer commandBuffer, const VkCopyImageInfo2 *pCopyImageInfo)
{
   record_copy_image(commandBuffer, pCopyImageInfo->srcImage, pCopyImageInfo->dstImage,
                     pCopyImageInfo->regionCount, NULL, pCopyImageInfo->pRegions, "vkCmdCopyImage2",
                     "VUID-vkCmdCopyImage2-commandBuffer-recording");
}

/* A queue executes its commands one after another, each to completion, on
 * coherent host memory, and memvk keeps one linear layout in every image
 * layout: every dependency a barrier can express already holds when the
 * next command starts, and layout transitions and queue family ownership
 * transfers have nothing to change.  A barrier is an ordering point that
 * in-order execution already provides. */
VKAPI_ATTR void VKAPI_CALL
memvk_CmdPipelineBarrier(VkCommandBuffer commandBuffer, VkPipelineStageFlags srcStageMask,
                         VkPipelineStageFlags dstStageMask, VkDependencyFlags dependencyFlags,
                         uint32_t memoryBarrierCount, const VkMemoryBarrier *pMemoryBarriers,
                         uint32_t bufferMemoryBarrierCount, const VkBufferMemoryBarrier *pBufferMemoryBarriers,
                         uint32_t imageMemoryBarrierCount, const VkImageMemoryBarrier *pImageMemoryBarriers)
{
   (void)srcStageMask;
   (void)dstStageMask;
   (void)dependencyFlags;
   (void)memoryBarrierCount;
   (void)pMemoryBarriers;
   (void)bufferMemoryBarrierCount;
   (void)pBufferMemoryBarriers;
   (void)imageMemoryBarrierCount;
   (void)pImageMemoryBarriers;
   check_recording(memvk_command_buffer_from_handle(commandBuffer),
                   "VUID-vkCmdPipelineBarrier-commandBuffer-recording");
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdPipelineBarrier2(VkCommandBuffer commandBuffer, const VkDependencyInfo *pDependencyInfo)
{
   (void)pDependencyInfo;
   check_recording(memvk_command_buffer_from_handle(commandBuffer),
                   "VUID-vkCmdPipelineBarrier2-commandBuffer-recording");
}

static void
record_write_timestamp(VkCommandBuffer commandBuffer, VkQueryPool pool_handle, uint32_t query,
                       const char *vuid_recording, const char *vuid_query, const char *vuid_pool_type)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   struct memvk_query_pool *pool = memvk_query_pool_from_handle(pool_handle);
   if (pool->type != VK_QUERY_TYPE_TIMESTAMP)
      memvk_abort_invalid_usage(vuid_pool_type, "the query pool was not created with VK_QUERY_TYPE_TIMESTAMP");
   if (query >= pool->query_count)
      memvk_abort_invalid_usage(vuid_query, "query %u, but the pool has %u queries", query, pool->query_count);
   struct cmd_write_timestamp *cmd = record(cb, MEMVK_CMD_WRITE_TIMESTAMP, sizeof(*cmd), vuid_recording);
   if (cmd == NULL)
      return;
   cmd->pool = pool;
   cmd->query = query;
}

/* The stage does not matter: every earlier command has completed when the
 * timestamp is taken, and no later one has begun. */
VKAPI_ATTR void VKAPI_CALL
memvk_CmdWriteTimestamp(VkCommandBuffer commandBuffer, VkPipelineStageFlagBits pipelineStage,
                        VkQueryPool queryPool, uint32_t query)
{
   (void)pipelineStage;
   record_write_timestamp(commandBuffer, queryPool, query, "VUID-vkCmdWriteTimestamp-commandBuffer-recording",
                          "VUID-vkCmdWriteTimestamp-query-04904", "VUID-vkCmdWriteTimestamp-queryPool-01416");
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdWriteTimestamp2(VkCommandBuffer commandBuffer, VkPipelineStageFlags2 stage, VkQueryPool queryPool,
                         uint32_t query)
{
   (void)stage;
   record_write_timestamp(commandBuffer, queryPool, query, "VUID-vkCmdWriteTimestamp2-commandBuffer-recording",
                          "VUID-vkCmdWriteTimestamp2-query-04903", "VUID-vkCmdWriteTimestamp2-queryPool-03861");
}

/* memvk has one physical device per device group, so the only valid mask
 * is 1 (VUID-vkCmdSetDeviceMask-deviceMask-00108/-00109), which changes
 * nothing. */
VKAPI_ATTR void VKAPI_CALL
memvk_CmdSetDeviceMask(VkCommandBuffer commandBuffer, uint32_t deviceMask)
{
   check_recording(memvk_command_buffer_from_handle(commandBuffer),
                   "VUID-vkCmdSetDeviceMask-commandBuffer-recording");
   if (deviceMask != 1)
      memvk_abort_invalid_usage("VUID-vkCmdSetDeviceMask-deviceMask-00108",
                                "deviceMask 0x%x, but the device group has one physical device", deviceMask);
}

VKAPI_ATTR void VKAPI_CALL
memvk_CmdExecuteCommands(VkCommandBuffer commandBuffer, uint32_t commandBufferCount,
                         const VkCommandBuffer *pCommandBuffers)
{
   struct memvk_command_buffer *cb = memvk_command_buffer_from_handle(commandBuffer);
   if (cb->level != VK_COMMAND_BUFFER_LEVEL_PRIMARY)
      memvk_abort_invalid_usage("VUID-vkCmdExecuteCommands-bufferlevel",
                                "commandBuffer must be a primary command buffer");
   struct cmd_execute_commands *cmd =
      record(cb, MEMVK_CMD_EXECUTE_COMMANDS, sizeof(*cmd) + sizeof(cmd->secondaries[0]) * (size_t)commandBufferCount,
             "VUID-vkCmdExecuteCommands-commandBuffer-recording");
   if (cmd == NULL)
      return;
   cmd->count = commandBufferCount;
   for (uint32_t i = 0; i < commandBufferCount; i++) {
      struct memvk_command_buffer *secondary = memvk_command_buffer_from_handle(pCommandBuffers[i]);
      if (secondary->level != VK_COMMAND_BUFFER_LEVEL_SECONDARY)
         memvk_abort_invalid_usage("VUID-vkCmdExecuteCommands-pCommandBuffers-00088",
                                   "pCommandBuffers[%u] is not a secondary command buffer", i);
      /* A ONE_TIME_SUBMIT secondary already recorded into another primary is
       * left executable here: "recorded into" is not "submitted". */
      if (atomic_load(&secondary->state) != MEMVK_COMMAND_BUFFER_EXECUTABLE)
         memvk_abort_invalid_usage("VUID-vkCmdExecuteCommands-pCommandBuffers-00089",
                                   "pCommandBuffers[%u] is not in the executable state", i);
      cmd->secondaries[i] = secondary;
   }
}

/* --- execution (on a queue worker) ---------------------------------------------- */

void
memvk_command_buffer_execute(const struct memvk_command_buffer *cb)
{
   for (const struct memvk_command_block *block = cb->first_block; block != NULL; block = block->next) {
      for (uint32_t at = 0; at < block->used;) {
         const struct command_header *header = (const struct command_header *)(block->data + at);
         at += header->size;
         switch ((enum memvk_command_type)header->type) {
         case MEMVK_CMD_COPY_BUFFER: {
            const struct cmd_copy_buffer *cmd = (const void *)header;
            memvk_copy_buffer(cmd->src, cmd->dst, cmd->region_count, cmd->regions);
            break;
         }
         case MEMVK_CMD_FILL_BUFFER: {
            const struct cmd_fill_buffer *cmd = (const void *)header;
            memvk_fill_buffer(cmd->dst, cmd->offset, cmd->size, cmd->data);
            break;
         }
         case MEMVK_CMD_UPDATE_BUFFER: {
            const struct cmd_update_buffer *cmd = (const void *)header;
            memvk_update_buffer(cmd->dst, cmd->offset, cmd->size, cmd->data);
            break;
         }
         case MEMVK_CMD_COPY_BUFFER_TO_IMAGE:
         case MEMVK_CMD_COPY_IMAGE_TO_BUFFER: {
            const struct cmd_copy_buffer_image *cmd = (const void *)header;
            memvk_copy_buffer_image(cmd->buffer, cmd->image, header->type == MEMVK_CMD_COPY_BUFFER_TO_IMAGE,
                                    cmd->region_count, cmd->regions);
            break;
         }
         case MEMVK_CMD_COPY_IMAGE: {
            const struct cmd_copy_image *cmd = (const void *)header;
            memvk_copy_image(cmd->src, cmd->dst, cmd->region_count, cmd->regions);
            break;
         }
         case MEMVK_CMD_WRITE_TIMESTAMP: {
            const struct cmd_write_timestamp *cmd = (const void *)header;
            memvk_query_pool_write_timestamp(cmd->pool, cmd->query);
            break;
         }
         case MEMVK_CMD_EXECUTE_COMMANDS: {
            const struct cmd_execute_commands *cmd = (const void *)header;
            for (uint32_t i = 0; i < cmd->count; i++)
               memvk_command_buffer_execute(cmd->secondaries[i]);
            break;
         }
         }
      }
   }
}
