#!/bin/sh
# configure + make for the private jemalloc; called by meson.build beside it.
#   build-jemalloc.sh SRCDIR WORKDIR OUT_LIB OUT_HEADER CC
set -eu
src=$1 work=$2 out_lib=$3 out_header=$4 cc=$5
case "$out_lib" in /*) ;; *) out_lib="$PWD/$out_lib" ;; esac
case "$out_header" in /*) ;; *) out_header="$PWD/$out_header" ;; esac
mkdir -p "$work"
cd "$work"
if [ ! -f Makefile ]; then
  CC="$cc" CFLAGS="-O2 -fPIC -fvisibility=hidden" "$src/configure" \
    --with-jemalloc-prefix=memvk_je_ \
    --with-private-namespace=memvk_je_internal_ \
    --disable-initial-exec-tls --disable-cxx --disable-shared --enable-static \
    --without-export --disable-stats --disable-prof --disable-libdl \
    --disable-doc > configure.log 2>&1 || { cat configure.log; exit 1; }
fi
make -j"$(nproc 2>/dev/null || echo 2)" build_lib_static > make.log 2>&1 || { tail -n 50 make.log; exit 1; }
cp lib/libjemalloc_pic.a "$out_lib"
cp include/jemalloc/jemalloc.h "$out_header"
