#!/usr/bin/env bash
# Builds the real components Navigator's tests run against -- etcd, kubectl and
# helm, and with --control-plane also kube-apiserver, kube-controller-manager and
# kube-scheduler -- from the Go module proxy, with the wrapper modules in
# hack/tools/. Binaries go to a cache outside the repository, keyed by version,
# and are not rebuilt when the cache already holds them. The Kubernetes binaries
# are version-stamped; one whose stamp differs from what this script would stamp
# (e.g. an older unstamped build) is rebuilt.
#
# Usage: build-test-binaries.sh [--control-plane]
#
# The control-plane binaries are opt-in for callers that need only etcd,
# kubectl and helm (a cold build of them adds about eight minutes);
# hack/local-up.sh and hack/test.sh ask for them.
#
# Prints the directory holding the binaries as its last line.
#
# Environment:
#   NAVIGATOR_CACHE_DIR            cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/navigator)
#   NAVIGATOR_BUILD_CONTROL_PLANE  1 does what --control-plane does
set -euo pipefail

control_plane=${NAVIGATOR_BUILD_CONTROL_PLANE:-0}
for arg in "$@"; do
  case $arg in
    --control-plane) control_plane=1 ;;
    *) echo "usage: $0 [--control-plane]" >&2; exit 2 ;;
  esac
done
case $control_plane in
  0 | 1) ;;
  *) echo "build-test-binaries: NAVIGATOR_BUILD_CONTROL_PLANE must be 0 or 1, not '$control_plane'" >&2; exit 2 ;;
esac

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

# The Kubernetes version stamp: the module's version, its commit when the
# version is a pseudo-version (a release tag names none), and the module's
# publication time as the build date, so that rebuilds are reproducible.
kube_commit=unknown
if [[ $kube_version =~ -[0-9]{14}-([0-9a-f]{12})$ ]]; then kube_commit=${BASH_REMATCH[1]}; fi
kube_build_date=$(cd "$root/hack/tools/kubernetes" &&
  go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes)

kube_ldflags() {
  local v=${kube_version#v}
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  local flags=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit=$kube_commit"
    flags+=" -X $pkg.buildDate=$kube_build_date"
  done
  echo "-s -w$flags"
}

# Succeeds when $out/$1 exists and reports exactly the stamp above.
kube_binary_current() {
  [ -x "$out/$1" ] || return 1
  local info
  if [ "$1" = kubectl ]; then
    info=$("$out/$1" version --client --output=json 2>/dev/null) || return 1
  else
    info=$("$out/$1" --version=raw 2>/dev/null) || return 1
  fi
  # `kubectl version -o json` says "gitVersion": "v1.36.3", and `--version=raw`
  # says GitVersion:"v1.36.3"; compare them without case, quotes or blanks.
  info=$(tr -d '" \t\n' <<<"${info,,}")
  local field
  for field in "gitversion:$kube_version" "gitcommit:$kube_commit" "builddate:${kube_build_date,,}"; do
    [[ $info == *"$field"[,}]* ]] || return 1
  done
}

kube_bins=kubectl
if [ "$control_plane" = 1 ]; then
  kube_bins+=" kube-apiserver kube-controller-manager kube-scheduler"
fi
for bin in $kube_bins; do
  kube_binary_current "$bin" && continue
  # Concurrent callers (tests, scripts) wait for one build instead of racing.
  exec {lock}>"$out/.$bin.lock"
  flock "$lock"
  if ! kube_binary_current "$bin"; then
    log "building $bin $kube_version (cold build takes several minutes)"
    start=$(date +%s)
    (cd "$root/hack/tools/kubernetes" &&
      go build -trimpath -o "$out/$bin.tmp" -ldflags "$(kube_ldflags)" "k8s.io/kubernetes/cmd/$bin")
    mv "$out/$bin.tmp" "$out/$bin"
    log "$bin built in $(( $(date +%s) - start ))s"
  fi
  exec {lock}>&-
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
