#!/usr/bin/env bash
# Runs the informer benchmark: navigator's client::Informer side by side with
# client-go's shared informer (JSON, and protobuf as kube-controller-manager
# talks), in one run against one real kube-apiserver (docs/performance.md).
#
# Usage: bench/informer/run.sh [--smoke | --full]
#   --smoke  200 ConfigMaps, 200 updates (the default; about a minute)
#   --full   10,000 ConfigMaps, 10,000 updates: the numbers in docs/performance.md
#
# It builds what it needs and caches it outside the repository:
#   - etcd and kube-apiserver: hack/build-test-binaries.sh --control-plane;
#   - the client-go baseline (bench/informer/baseline, a Go module pinned to
#     client-go v0.36.x, from the Go module proxy) into
#     ~/.cache/navigator/bin/informer-baseline-client-go-<version>-<hash>/;
#   - navigator_informer_bench in an optimised (RelWithDebInfo) build tree.
# Then prints the machine, and the benchmark's Markdown table on stdout. It
# writes no result file: paste the table into docs/performance.md.
#
# Environment:
#   NAVIGATOR_CACHE_DIR        cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/navigator)
#   NAVIGATOR_BENCH_BUILD_DIR  build tree (default: <repo>/build/release, the release preset's)
#   NAVIGATOR_BENCH_JOBS       build parallelism (default: nproc)
set -euo pipefail

mode=--smoke
for arg in "$@"; do
  case $arg in
    --smoke | --full) mode=$arg ;;
    *) echo "usage: $0 [--smoke | --full]" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${NAVIGATOR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/navigator}
build=${NAVIGATOR_BENCH_BUILD_DIR:-$root/build/release}
jobs=${NAVIGATOR_BENCH_JOBS:-$(nproc)}
log() { echo "informer-bench: $*" >&2; }

# etcd and kube-apiserver for tests/support/kube_apiserver.h.
NAVIGATOR_TEST_BIN_DIR=$("$root/hack/build-test-binaries.sh" --control-plane | tail -n 1)
export NAVIGATOR_TEST_BIN_DIR

# The client-go baseline, keyed by client-go's version and the module's content.
baseline_src=$root/bench/informer/baseline
client_go_version=$(awk '$1 == "k8s.io/client-go" {print $2; exit}' "$baseline_src/go.mod")
source_hash=$(cat "$baseline_src/go.mod" "$baseline_src/go.sum" "$baseline_src/main.go" |
  sha256sum | cut -c1-12)
baseline_dir=$cache/bin/informer-baseline-client-go-$client_go_version-$source_hash
baseline=$baseline_dir/informer-baseline
if [ ! -x "$baseline" ]; then
  mkdir -p "$baseline_dir"
  exec {lock}>"$baseline_dir/.lock"
  flock "$lock"
  if [ ! -x "$baseline" ]; then
    log "building the client-go $client_go_version baseline"
    (cd "$baseline_src" && PATH="/usr/local/go/bin:$PATH" CGO_ENABLED=0 GOFLAGS=-mod=mod \
      go build -trimpath -ldflags "-s -w" -o "$baseline.tmp" .)
    mv "$baseline.tmp" "$baseline"
  fi
  exec {lock}>&-
fi

# navigator_informer_bench, optimised.
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=g++-12 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNAVIGATOR_BUILD_TESTS=ON >&2
fi
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$build/CMakeCache.txt")
case $build_type in
  Release | RelWithDebInfo) ;;
  *) log "warning: $build is a '$build_type' build; numbers of an unoptimised build mislead" ;;
esac
cmake --build "$build" --target navigator_informer_bench -j "$jobs" >&2

cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
echo "machine: $(nproc) CPUs ($cpu), $mem RAM, $(uname -sr)"
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "navigator: $build_type build, $(g++-12 --version | head -n 1)"
echo "baseline: k8s.io/client-go $client_go_version, $(PATH="/usr/local/go/bin:$PATH" go version | cut -d' ' -f3)"
echo "server: $("$NAVIGATOR_TEST_BIN_DIR/kube-apiserver" --version), etcd $("$NAVIGATOR_TEST_BIN_DIR/etcd" --version | awk '/etcd Version/ {print $3}')"
echo "command: bench/informer/run.sh $mode"
echo
"$build/bench/navigator_informer_bench" "$mode" --client-go="$baseline" --client-go-protobuf
