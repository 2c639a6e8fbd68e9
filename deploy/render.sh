#!/usr/bin/env bash
# Renders the Navigator chart (deploy/helm/navigator) with its default values,
# release "navigator" in namespace "navigator", into
# deploy/manifests/navigator.yaml (or the file given with -o), preceded by the
# Namespace itself.
#
# The chart generates a fresh CA and serving certificate on every render, so the
# committed file carries placeholders instead of key material (a committed
# private key would be shared by everyone who applies it); that also makes the
# output reproducible, which tests/deploy/chart_test.sh checks. With
# --keep-certificates the generated certificate and key are kept: the output
# then installs as it is with `kubectl apply -f` (keep it out of the repository).
#
# Usage: deploy/render.sh [-o FILE] [--keep-certificates]
#
# helm comes from $NAVIGATOR_TEST_BIN_DIR when that holds one, else from
# hack/build-test-binaries.sh (which builds it into ~/.cache/navigator once).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/deploy/manifests/navigator.yaml"
keep=false
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=${2:?-o needs a file name}; shift 2 ;;
    --keep-certificates) keep=true; shift ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "render.sh: unknown argument '$1' (usage: deploy/render.sh [-o FILE] [--keep-certificates])" >&2; exit 2 ;;
  esac
done

bin_dir=${NAVIGATOR_TEST_BIN_DIR:-}
if [ -z "$bin_dir" ] || [ ! -x "$bin_dir/helm" ]; then
  bin_dir=$("$root/hack/build-test-binaries.sh" | tail -n 1)
fi
helm=$bin_dir/helm

# helm keeps no state for a local chart, but would create its config and cache
# directories under $HOME: keep them in a scratch directory.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HELM_CACHE_HOME=$scratch/cache HELM_CONFIG_HOME=$scratch/config HELM_DATA_HOME=$scratch/data

"$helm" template navigator "$root/deploy/helm/navigator" --namespace navigator > "$scratch/chart.yaml"

redact() {
  if $keep; then
    cat
  else
    # The Secret's ca.crt/tls.crt/tls.key, the APIService's caBundle and the
    # Deployment's checksum of them. The placeholder is valid base64
    # ("REDACTED") so that the file still passes schema validation.
    sed -E \
      -e 's/^( +)(ca\.crt|tls\.crt|tls\.key|caBundle): .*/\1\2: UkVEQUNURUQ= # redacted by deploy\/render.sh/' \
      -e 's/^( +navigator\.jetstack\.io\/tls-checksum): .*/\1: redacted/'
  fi
}

{
  cat <<'EOF'
# Navigator: deploy/helm/navigator rendered with its default values (release
# "navigator", namespace "navigator") by deploy/render.sh. Do not edit: change
# the chart and run deploy/render.sh.
#
# The serving certificate, its key and the CA (Secret navigator-apiserver-tls
# and the APIService's caBundle) are redacted here. Install with helm, which
# generates them (docs/deploy.md), or render a complete file with
# `deploy/render.sh -o FILE --keep-certificates`.
---
apiVersion: v1
kind: Namespace
metadata:
  name: navigator
  labels:
    app.kubernetes.io/part-of: navigator
    # Every pod of the chart meets the "restricted" Pod Security Standard.
    pod-security.kubernetes.io/enforce: restricted
EOF
  redact < "$scratch/chart.yaml"
} > "$scratch/out.yaml"

mkdir -p "$(dirname "$out")"
mv "$scratch/out.yaml" "$out"
echo "render.sh: wrote $out" >&2
