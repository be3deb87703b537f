/* VkCommandPool and VkCommandBuffer (command_buffer.c).
 *
 * Recording appends fixed-layout commands to blocks of host memory from the
 * pool's allocator; a queue worker (queue.c) executes them in order with
 * memvk_command_buffer_execute().  Recorded commands hold pointers to the
 * objects they name: the spec makes a command buffer invalid when one of
 * them is destroyed, and an invalid command buffer cannot be submitted. */
#pragma once

#include <stdatomic.h>

#include "device.h"

struct memvk_command_block;
struct memvk_command_buffer;

struct memvk_command_pool {
   struct memvk_object base;
   struct memvk_device *device;
   /* The callbacks given at creation, else the device's: command buffers
    * and their recorded commands are allocated from them. */
   VkAllocationCallbacks alloc;
   VkCommandPoolCreateFlags flags;
   uint32_t queue_family_index;
   /* Every command buffer allocated from the pool and not yet freed. */
   struct memvk_command_buffer *command_buffers;
   /* Blocks given back by resets, reused by later recording until
    * vkTrimCommandPool or a RELEASE_RESOURCES reset frees them. */
   struct memvk_command_block *free_blocks;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_command_pool, VkCommandPool, VK_OBJECT_TYPE_COMMAND_POOL)

/* "Command Buffer Lifecycle". */
enum memvk_command_buffer_state {
   MEMVK_COMMAND_BUFFER_INITIAL,
   MEMVK_COMMAND_BUFFER_RECORDING,
   MEMVK_COMMAND_BUFFER_EXECUTABLE,
   MEMVK_COMMAND_BUFFER_INVALID,
};

struct memvk_command_buffer {
   /* Dispatchable: the loader's slot comes first. */
   struct memvk_object base;
   struct memvk_device *device;
   struct memvk_command_pool *pool;
   struct memvk_command_buffer *pool_prev, *pool_next;
   VkCommandBufferLevel level;
   VkCommandBufferUsageFlags usage;
   /* Changed by the application's thread, and by a queue worker when a
    * ONE_TIME_SUBMIT buffer completes ("...moves to the invalid state"). */
   _Atomic int state;
   /* Submissions of this buffer not yet complete: the pending state. */
   _Atomic uint32_t pending;
   /* The first host-allocation failure while recording, which
    * vkEndCommandBuffer returns. */
   VkResult record_result;
   struct memvk_command_block *first_block, *last_block;
};

MEMVK_DEFINE_HANDLE_CASTS(memvk_command_buffer, VkCommandBuffer, VK_OBJECT_TYPE_COMMAND_BUFFER)

/* For vkQueueSubmit(2): aborts unless the buffer is a primary command buffer
 * that may be submitted now, then marks it pending. */
void memvk_command_buffer_submit(struct memvk_command_buffer *command_buffer, const char *command);
/* For the queue worker, with the sync lock held, once the buffer's batch
 * has executed: ends its pending state for that submission. */
void memvk_command_buffer_complete_locked(struct memvk_command_buffer *command_buffer);

/* Executes the recorded commands on the calling thread (a queue worker). */
void memvk_command_buffer_execute(const struct memvk_command_buffer *command_buffer);

/* Whether the buffer records no command at all (an empty batch needs no
 * worker). */
bool memvk_command_buffer_is_empty(const struct memvk_command_buffer *command_buffer);
