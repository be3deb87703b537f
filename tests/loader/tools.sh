#!/bin/sh
# The distro's tools and the loader's own checks accept memvk as they accept
# any driver.
#   tools.sh BUILD_MANIFEST THROUGH_LOADER_PROGRAM BUILD_ROOT
# Prints PASS/FAIL lines and a closing count; exits non-zero on a failure.
set -u
manifest=$1 program=$2 build_root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

export NODEVICE_SELECT=1
unset VK_ICD_FILENAMES
export VK_DRIVER_FILES="$manifest"

# vulkaninfo --summary names the memvk CPU device at apiVersion 1.4.
if (cd "$work" && vulkaninfo --summary > summary.txt 2> summary.err); then
  if grep -q 'memvk CPU device' "$work/summary.txt" && grep -Eq 'apiVersion *= *1\.4' "$work/summary.txt" \
     && grep -q 'PHYSICAL_DEVICE_TYPE_CPU' "$work/summary.txt"; then
    pass vulkaninfo_summary_shows_memvk_cpu_device_1_4
  else
    fail vulkaninfo_summary_shows_memvk_cpu_device_1_4 "$(head -c 2000 "$work/summary.txt")"
  fi
else
  fail vulkaninfo_summary_shows_memvk_cpu_device_1_4 "exit status $?: $(tail -n 5 "$work/summary.err")"
fi

# The full text report, every query vulkaninfo knows, completes.
if (cd "$work" && vulkaninfo > full.txt 2> full.err); then
  pass vulkaninfo_text_completes
else
  fail vulkaninfo_text_completes "exit status $?: $(tail -n 5 "$work/full.err") $(tail -n 5 "$work/full.txt")"
fi

# --json writes a Vulkan Profiles file for the first device.
if (cd "$work" && vulkaninfo --json > json.out 2> json.err) && \
   python3 -c 'import glob, json, sys; f = glob.glob(sys.argv[1] + "/VP_VULKANINFO_*.json"); json.load(open(f[0]))' "$work"; then
  pass vulkaninfo_json_completes_with_valid_json
else
  fail vulkaninfo_json_completes_with_valid_json "$(tail -n 5 "$work/json.err")"
fi

# The same program under the Khronos validation layer reports no error.
if VK_INSTANCE_LAYERS=VK_LAYER_KHRONOS_validation vulkaninfo > "$work/validated.txt" 2>&1 \
   && ! grep -q -e 'Validation Error' -e 'VUID-' "$work/validated.txt"; then
  pass vulkaninfo_under_validation_layer_reports_no_error
else
  fail vulkaninfo_under_validation_layer_reports_no_error "$(grep -m 5 -e 'Validation Error' -e 'VUID-' -e 'ERROR' "$work/validated.txt")"
fi

# The older variable, VK_ICD_FILENAMES, selects memvk as well.
if env -u VK_DRIVER_FILES VK_ICD_FILENAMES="$manifest" "$program" > "$work/icd_filenames.txt" 2>&1; then
  pass vk_icd_filenames_selects_memvk
else
  fail vk_icd_filenames_selects_memvk "$(grep -v '^PASS' "$work/icd_filenames.txt" | head -n 5)"
fi

# With VK_LOADER_DEBUG=error,warn the loader has nothing to say about memvk
# while a program creates an instance and a device and queries everything.
(cd "$work" && VK_LOADER_DEBUG=error,warn vulkaninfo > "$work/debug.out" 2> "$work/debug.err")
# (vulkaninfo's own complaints about a missing display are not the loader's.)
if grep -E -q '^(ERROR|WARNING)|terminator_|memvk' "$work/debug.err"; then
  fail loader_debug_is_silent_about_memvk "$(grep -E '^(ERROR|WARNING)|terminator_|memvk' "$work/debug.err" | head -n 5)"
else
  pass loader_debug_is_silent_about_memvk
fi

# An installed copy: `meson install --destdir` puts the library and the
# manifest (file_format_version 1.0.1, library_arch, api_version) where the
# loader looks, and the loader loads it from there.
destdir="$work/destdir"
if meson install -C "$build_root" --destdir "$destdir" --no-rebuild > "$work/install.log" 2>&1; then
  installed=$(find "$destdir" -path '*vulkan/icd.d/memvk_icd.*.json' | head -n 1)
  if [ -n "$installed" ] && python3 - "$installed" "$destdir" "$work/relocated.json" <<'PY'
import json, os, sys
manifest = json.load(open(sys.argv[1]))
assert manifest["file_format_version"] == "1.0.1", manifest
icd = manifest["ICD"]
assert icd["library_arch"] in ("32", "64"), icd
assert icd["api_version"].startswith("1.4."), icd
assert os.path.isabs(icd["library_path"]), icd
library = sys.argv[2] + icd["library_path"]
assert os.path.exists(library), library
# The installed manifest names the final path; point a copy at the staged one.
icd["library_path"] = library
json.dump(manifest, open(sys.argv[3], "w"))
PY
  then
    if VK_DRIVER_FILES="$work/relocated.json" "$program" > "$work/installed.txt" 2>&1; then
      pass installed_copy_loads
    else
      fail installed_copy_loads "$(grep -v '^PASS' "$work/installed.txt" | head -n 5)"
    fi
  else
    fail installed_copy_loads "installed manifest missing or malformed: $installed"
  fi
else
  fail installed_copy_loads "meson install failed: $(tail -n 5 "$work/install.log")"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
