#!/usr/bin/env bash
# The whole test suite, from a fresh Debian/Ubuntu machine: installs what is
# missing (scripts/setup-deps.sh, including lavapipe as a second driver for
# the conformance suite's cross-check), builds memvk, runs every test through
# the real Vulkan loader, and ends with one line "N passed, N failed".
#
#   scripts/test.sh [meson test arguments...]
#
# MEMVK_BUILD_DIR chooses the build directory (default: build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MEMVK_BUILD_DIR:-$root/build}

"$root/scripts/setup-deps.sh" --lavapipe
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root"
fi
ninja -C "$build"

status=0
meson test -C "$build" --print-errorlogs --num-processes 2 "$@" || status=$?

# meson's own summary is not read by CI: count its results into one line.
python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    result = json.loads(line)["result"]
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
PY
exit $status
