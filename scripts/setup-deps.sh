#!/usr/bin/env bash
# Installs and fetches everything memvk needs to build and test on a fresh
# Debian/Ubuntu machine.  Safe to run again: every step checks first.
#
#   scripts/setup-deps.sh [--lavapipe]
#
# 1. Debian packages: compiler, meson, ninja, the Vulkan loader, vulkaninfo and
#    the validation layer (apt-get, as root or through sudo).
# 2. Vulkan-Headers at 1.4 level.  The system's are used when they are new
#    enough; otherwise the newer release's libvulkan-dev package is downloaded
#    by name with a private apt configuration (the system's apt configuration
#    is never touched) and unpacked into deps/vulkan-headers/.
# 3. The jemalloc 5.3.0 release tarball, for the private jemalloc built as a
#    meson subproject.  Debian's source package carries it byte for byte; it is
#    put into subprojects/packagecache/ where meson looks first.
# 4. With --lavapipe: Mesa's lavapipe from the backports suite, a second
#    driver to run the conformance suite against.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/deps"
want_lavapipe=0
for arg in "$@"; do
  case "$arg" in
    --lavapipe) want_lavapipe=1 ;;
    *) echo "usage: $0 [--lavapipe]" >&2; exit 2 ;;
  esac
done

say() { printf 'setup-deps: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else say "need root for: $*"; exit 1
  fi
}

# --- 1. packages --------------------------------------------------------------
packages=(gcc make pkg-config meson ninja-build python3 bzip2 ca-certificates
          libvulkan1 libvulkan-dev vulkan-tools vulkan-validationlayers binutils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
apt_updated=0
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get update -q >/dev/null
  apt_updated=1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

# --- the system's own mirror, read from its apt sources -----------------------
. /etc/os-release
distro="${ID:-debian}"
codename="${VERSION_CODENAME:-}"
mirror_uri() {
  # First URI of a source whose suites include the release codename itself
  # (not -security), from deb822 .sources files or the one-line format.
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    uri=$(awk -v c="$codename" '
      /^[[:space:]]*$/ { if (u != "" && s) { print u; exit } u=""; s=0; next }
      /^URIs:/   { u=$2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == c) s=1 }
      END        { if (u != "" && s) print u }' "$f" | head -n 1)
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    uri=$(awk -v c="$codename" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($(i+1) == c) { print $i; exit } } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  return 1
}

# A private apt: its own sources list, package lists and cache under deps/apt.
private_apt() {
  local name="$1" line="$2"
  local dir="$deps/apt/$name"
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
  printf '%s\n' "$line" > "$dir/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
              -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache" -q)
  # Downloads land in temporary directories of ours, which apt's
  # unprivileged download user could not write to.
  [ "$(id -u)" = 0 ] && opts+=(-o APT::Sandbox::User=root)
  if [ ! -e "$dir/updated" ]; then
    apt-get "${opts[@]}" update >/dev/null || return 1
    touch "$dir/updated"
  fi
  APT_OPTS=("${opts[@]}")
}

# --- 2. Vulkan-Headers at 1.4 level ------------------------------------------
header_version() {  # prints e.g. 1.4.309 for an include dir
  awk '/^#define VK_HEADER_VERSION_COMPLETE/ { gsub(/[^0-9,]/, "", $0); split($0, v, ","); printf "%d.%d", v[2], v[3] }
       /^#define VK_HEADER_VERSION / { patch=$3 } END { printf ".%s\n", patch }' "$1/vulkan/vulkan_core.h"
}
is_14() { case "$1" in 1.[4-9].*|[2-9].*) return 0 ;; *) return 1 ;; esac; }

if [ -f /usr/include/vulkan/vulkan_core.h ] && is_14 "$(header_version /usr/include)" \
   && [ -f /usr/share/vulkan/registry/vk.xml ]; then
  say "system Vulkan headers $(header_version /usr/include) are new enough"
elif [ -f "$deps/vulkan-headers/usr/include/vulkan/vulkan_core.h" ]; then
  say "Vulkan headers $(header_version "$deps/vulkan-headers/usr/include") already in deps/"
else
  mirror=$(mirror_uri) || { say "no apt mirror found in /etc/apt"; exit 1; }
  # Newer releases whose libvulkan-dev carries 1.4 headers, tried in order
  # (a release the mirror no longer carries is skipped).
  case "$distro" in
    debian) candidates="trixie forky" ;;
    ubuntu) candidates="questing plucky" ;;
    *) say "unknown distribution $distro: install Vulkan-Headers >= 1.4 by hand, or pass -Dvulkan_headers=PREFIX"; exit 1 ;;
  esac
  components=main
  [ "$distro" = ubuntu ] && components="main universe"
  keyring=/usr/share/keyrings/${distro}-archive-keyring.gpg
  tmp=$(mktemp -d); chmod 755 "$tmp"
  newer=""
  for candidate in $candidates; do
    if private_apt "$candidate" "deb [signed-by=$keyring] $mirror $candidate $components" 2>/dev/null \
       && (cd "$tmp" && apt-get "${APT_OPTS[@]}" download libvulkan-dev >/dev/null 2>&1); then
      newer=$candidate
      break
    fi
  done
  if [ -z "$newer" ]; then
    say "no release among ($candidates) on $mirror offers libvulkan-dev; install Vulkan-Headers >= 1.4 by hand"
    exit 1
  fi
  rm -rf "$deps/vulkan-headers"
  mkdir -p "$deps/vulkan-headers"
  dpkg-deb -x "$tmp"/libvulkan-dev_*.deb "$deps/vulkan-headers"
  rm -rf "$tmp"
  say "unpacked Vulkan headers $(header_version "$deps/vulkan-headers/usr/include") from $newer's libvulkan-dev into deps/vulkan-headers"
fi

# --- 3. the jemalloc release tarball -----------------------------------------
tarball="$root/subprojects/packagecache/jemalloc-5.3.0.tar.bz2"
sha=2db82d1e7119df3e71b7640219b6dfe84789bc0537983c3b7ac4f7189aecfeaa
if ! echo "$sha  $tarball" | sha256sum -c --status 2>/dev/null; then
  mirror=$(mirror_uri) || { say "no apt mirror found in /etc/apt"; exit 1; }
  keyring=/usr/share/keyrings/${distro}-archive-keyring.gpg
  components=main
  [ "$distro" = ubuntu ] && components="universe"
  private_apt "$codename-src" "deb-src [signed-by=$keyring] $mirror $codename $components"
  tmp=$(mktemp -d); chmod 755 "$tmp"
  (cd "$tmp" && apt-get "${APT_OPTS[@]}" source --download-only jemalloc >/dev/null)
  mkdir -p "$(dirname "$tarball")"
  cp "$tmp"/jemalloc_5.3.0.orig.tar.bz2 "$tarball"
  rm -rf "$tmp"
  echo "$sha  $tarball" | sha256sum -c --status || { rm -f "$tarball"; say "jemalloc tarball checksum mismatch"; exit 1; }
  say "jemalloc-5.3.0.tar.bz2 (sha256 verified) placed in subprojects/packagecache/"
fi

# --- 4. lavapipe, optional ---------------------------------------------------
if [ "$want_lavapipe" = 1 ] && [ ! -f /usr/share/vulkan/icd.d/lvp_icd.json ]; then
  mirror=$(mirror_uri) || { say "no apt mirror found in /etc/apt"; exit 1; }
  keyring=/usr/share/keyrings/${distro}-archive-keyring.gpg
  # Backports are installed from the system's own mirror through a private
  # list, so /etc/apt is left as it was.
  private_apt "$codename-backports" "deb [signed-by=$keyring] $mirror $codename-backports main
deb [signed-by=$keyring] $mirror $codename main"
  say "installing lavapipe (mesa-vulkan-drivers from $codename-backports)"
  install_lavapipe() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${APT_OPTS[@]}" install -y -t "$codename-backports" \
      mesa-vulkan-drivers >/dev/null
  }
  if ! install_lavapipe; then
    # The private lists are fetched once; a mirror that has moved on since
    # answers 404 for the old versions: fetch the lists again and retry.
    say "retrying with fresh package lists"
    rm -f "$deps/apt/$codename-backports/updated"
    private_apt "$codename-backports" "deb [signed-by=$keyring] $mirror $codename-backports main
deb [signed-by=$keyring] $mirror $codename main"
    install_lavapipe || say "lavapipe could not be installed; the cross-check will be skipped"
  fi
  if [ -f /usr/share/vulkan/icd.d/lvp_icd.json ]; then
    say "lavapipe $(dpkg-query -W -f='${Version}' mesa-vulkan-drivers) installed: /usr/share/vulkan/icd.d/lvp_icd.json"
  fi
fi
say "ready"
