#!/usr/bin/env bash
# Runs the whole test suite from a fresh machine: installs the Debian
# packages, builds the real etcd, kubectl, helm and Kubernetes control plane
# (kube-apiserver, kube-controller-manager, kube-scheduler) the tests use
# (cached outside the repository; a cold build of the control plane adds about
# 8 minutes, see docs/development.md; it runs beside the first C++ build),
# builds Navigator twice -- with AddressSanitizer and UndefinedBehaviorSanitizer,
# and plain debug -- and runs every test under CTest in both.
# CTest's closing line reports the counts.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

./hack/install-deps.sh

# The Go-built test binaries and the first C++ build are independent, so they
# build side by side (the Go build spends much of its time linking and
# downloading on one core). Its progress goes to stderr; its last stdout line
# names the binaries' directory.
binaries_out=$(mktemp)
./hack/build-test-binaries.sh --control-plane >"$binaries_out" &
binaries_pid=$!
binaries_ready=0
# A failed C++ build must not leave the Go build running (once waited for,
# its pid may belong to another process: leave it alone then).
trap '[ "$binaries_ready" = 1 ] || kill "$binaries_pid" 2>/dev/null || true; rm -f "$binaries_out"' EXIT
wait_for_binaries() {
  local status=0
  wait "$binaries_pid" || status=$?
  binaries_ready=1
  if [ "$status" != 0 ]; then
    echo "test: hack/build-test-binaries.sh failed (exit status $status)" >&2
    exit 1
  fi
  NAVIGATOR_TEST_BIN_DIR=$(tail -n 1 "$binaries_out")
  export NAVIGATOR_TEST_BIN_DIR
}

jobs=$(nproc)
for preset in asan debug; do
  echo "== $preset: configure, build, test"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  [ "$binaries_ready" = 1 ] || wait_for_binaries
  ctest --preset "$preset" -j "$jobs"
done
