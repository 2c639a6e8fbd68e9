#!/usr/bin/env bash
# Builds the real components Navigator's tests run against -- etcd, kubectl and
# helm (later also kube-apiserver, kube-controller-manager, kube-scheduler) -- from
# the Go module proxy, with the wrapper modules in hack/tools/. Binaries go to a
# cache outside the repository, keyed by version, and are not rebuilt when the
# cache already holds them.
#
# Prints the directory holding the binaries as its last line.
#
# Environment:
#   NAVIGATOR_CACHE_DIR  cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/navigator)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${NAVIGATOR_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/navigator}

etcd_version=$(awk '$1 == "require" && $2 == "go.etcd.io/etcd/server/v3" {print $3}' "$root/hack/tools/etcd/go.mod")
kube_version=$(awk '$1 == "require" && $2 == "k8s.io/kubernetes" {print $3}' "$root/hack/tools/kubernetes/go.mod")
helm_version=$(awk '$1 == "require" && $2 == "helm.sh/helm/v3" {print $3}' "$root/hack/tools/helm/go.mod")
out="$cache/bin/etcd-$etcd_version-kubernetes-$kube_version-helm-$helm_version"
mkdir -p "$out"

export PATH="/usr/local/go/bin:$PATH"
export CGO_ENABLED=0 GOFLAGS=-mod=mod

log() { echo "build-test-binaries: $*" >&2; }

if [ ! -x "$out/etcd" ]; then
  log "building etcd $etcd_version (cold build takes a few minutes)"
  start=$(date +%s)
  (cd "$root/hack/tools/etcd" &&
    go build -trimpath -o "$out/etcd.tmp" \
      -ldflags "-X go.etcd.io/etcd/api/v3/version.GitSHA=navigator-build" \
      go.etcd.io/etcd/server/v3)
  mv "$out/etcd.tmp" "$out/etcd"
  log "etcd built in $(( $(date +%s) - start ))s"
fi

kube_ldflags() {
  local v=${kube_version#v}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  local flags=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit=0000000000000000000000000000000000000000"
    flags+=" -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "-s -w$flags"
}

for bin in kubectl; do
  if [ ! -x "$out/$bin" ]; then
    log "building $bin $kube_version (cold build takes several minutes)"
    start=$(date +%s)
    (cd "$root/hack/tools/kubernetes" &&
      go build -trimpath -o "$out/$bin.tmp" -ldflags "$(kube_ldflags)" "k8s.io/kubernetes/cmd/$bin")
    mv "$out/$bin.tmp" "$out/$bin"
    log "$bin built in $(( $(date +%s) - start ))s"
  fi
done

# helm renders and lints the chart in deploy/helm/navigator. Its version and the
# Kubernetes version it assumes for .Capabilities (that of the client-go it is
# built with, as helm's own Makefile stamps them) come from its wrapper module.
helm_kube_minor=$(awk '$1 == "k8s.io/client-go" {split($2, v, "."); print v[2]}' "$root/hack/tools/helm/go.mod")
if [ ! -x "$out/helm" ]; then
  log "building helm $helm_version (cold build takes a few minutes)"
  start=$(date +%s)
  helm_ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$helm_version"
  helm_ldflags+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    helm_ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$helm_kube_minor"
  done
  (cd "$root/hack/tools/helm" &&
    go build -trimpath -o "$out/helm.tmp" -ldflags "$helm_ldflags" helm.sh/helm/v3/cmd/helm)
  mv "$out/helm.tmp" "$out/helm"
  log "helm built in $(( $(date +%s) - start ))s"
fi

echo "$out"
