#!/usr/bin/env bash
# Runs the whole test suite from a fresh machine: installs the Debian
# packages, builds the real etcd, kubectl, helm and Kubernetes control plane
# (kube-apiserver, kube-controller-manager, kube-scheduler) the tests use
# (cached outside the repository; a cold build of the control plane adds about
# 8 minutes, see docs/development.md), builds Navigator twice -- plain debug,
# and with AddressSanitizer and UndefinedBehaviorSanitizer -- and runs every
# test under CTest in both.
# CTest's closing line reports the counts.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

./hack/install-deps.sh
NAVIGATOR_TEST_BIN_DIR=$(./hack/build-test-binaries.sh --control-plane | tail -n 1)
export NAVIGATOR_TEST_BIN_DIR

jobs=$(nproc)
for preset in asan debug; do
  echo "== $preset: configure, build, test"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
