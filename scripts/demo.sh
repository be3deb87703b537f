#!/usr/bin/env bash
# The main job, from a fresh Debian/Ubuntu machine: installs what is missing,
# builds memvk, then runs real Vulkan programs through the system's loader on
# memvk: the distro's `vulkaninfo --summary` and memvk's own example,
# memvk-demo (allocate, map, write, copy on the transfer queue, check).
#
# MEMVK_BUILD_DIR chooses the build directory (default: build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MEMVK_BUILD_DIR:-$root/build}

"$root/scripts/setup-deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root"
fi
ninja -C "$build"

export VK_DRIVER_FILES="$build/icd/memvk_icd.build.json"
# Mesa's device-select layer, when Mesa is installed, is not memvk's business.
export NODEVICE_SELECT=1
echo "== vulkaninfo --summary (VK_DRIVER_FILES=$VK_DRIVER_FILES)"
vulkaninfo --summary
echo
echo "== memvk-demo"
"$build/examples/memvk-demo"
