/* VkPhysicalDevice: memvk's one CPU device, its properties, features,
 * limits, queue family and memory properties. */
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "instance.h"

void
memvk_physical_device_init(struct memvk_physical_device *pdev, struct memvk_instance *instance)
{
   memvk_object_init(&pdev->base, VK_OBJECT_TYPE_PHYSICAL_DEVICE);
   pdev->instance = instance;
   pdev->page_size = (uint64_t)sysconf(_SC_PAGESIZE);
   pdev->heap_size = (uint64_t)sysconf(_SC_PHYS_PAGES) * pdev->page_size;
}
