#!/bin/sh
# The loader-driver interface: memvk's library exports exactly the three
# vk_icd* functions and no other dynamic symbol (LoaderDriverInterface.md:
# "Driver Vulkan Entry Point Discovery"), and its dynamic dependencies are
# only the C library's (jemalloc is private and static).
#   exports.sh LIBRARY
set -eu
lib=$1
expected='vk_icdGetInstanceProcAddr
vk_icdGetPhysicalDeviceProcAddr
vk_icdNegotiateLoaderICDInterfaceVersion'
actual=$(nm -D --defined-only "$lib" | awk '{ print $3 }' | sed 's/@.*//' | LC_ALL=C sort)
status=0
if [ "$actual" = "$expected" ]; then
  echo "PASS exports_exactly_the_three_icd_functions"
else
  echo "FAIL exports_exactly_the_three_icd_functions: the library exports:"
  echo "$actual" | sed 's/^/    /'
  status=1
fi
if nm -D "$lib" | grep -qi 'je_\|jemalloc'; then
  echo "FAIL jemalloc_is_private: jemalloc symbols are visible:"
  nm -D "$lib" | grep -i 'je_\|jemalloc' | head -n 5 | sed 's/^/    /'
  status=1
else
  echo "PASS jemalloc_is_private"
fi
if readelf -d "$lib" | grep NEEDED | grep -qi jemalloc; then
  echo "FAIL no_shared_jemalloc_dependency"
  status=1
else
  echo "PASS no_shared_jemalloc_dependency"
fi
exit $status
