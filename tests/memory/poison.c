/* MEMVK_POISON=1 (docs/memory.md, "Catching bugs a GPU forgives"): run with
 * the variable set by tests/memory/meson.build. */
#include "memory_test.h"

/* Fresh memory reads as the 0xa5 pattern, not as zeros that happen to work,
 * for heap-backed and mapping-backed sizes alike. */
static void
test_fresh_memory_is_filled_with_the_poison_pattern(struct vkt *t)
{
   static const VkDeviceSize sizes[] = { 64, 5000, 3u << 20 };
   for (size_t i = 0; i < VKT_ARRAY_LENGTH(sizes); i++) {
      VkDeviceMemory memory = mt_allocate(t, sizes[i], mt_host_type(t));
      uint8_t *p;
      CHECK_SUCCESS(vkMapMemory(t->device, memory, 0, VK_WHOLE_SIZE, 0, (void **)&p));
      CHECK(p[0] == 0xa5 && p[sizes[i] / 2] == 0xa5 && p[sizes[i] - 1] == 0xa5, "size %zu",
            (size_t)sizes[i]);
      memset(p, 0, sizes[i]);
      vkUnmapMemory(t->device, memory);
      vkFreeMemory(t->device, memory, NULL);
   }
}

static const struct vkt_test tests[] = {
   { "fresh_memory_is_filled_with_the_poison_pattern", test_fresh_memory_is_filled_with_the_poison_pattern },
};

int
main(void)
{
   return vkt_run(tests, VKT_ARRAY_LENGTH(tests));
}
