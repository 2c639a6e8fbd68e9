#!/usr/bin/env bash
# The main job: a local Navigator stack with its real dependencies.
# Installs what is missing, builds navigator-apiserver, starts etcd and
# navigator-apiserver on 127.0.0.1, writes a kubeconfig, applies the two
# quick-start manifests with kubectl and shows `kubectl get`, then keeps the
# stack up until interrupted (Ctrl-C, or SIGTERM to this script).
#
# Environment:
#   NAVIGATOR_LOCAL_DIR   state directory (default: $XDG_STATE_HOME/navigator/local,
#                         or ~/.local/state/navigator/local); etcd data is
#                         kept there between runs
#   NAVIGATOR_PORT        navigator-apiserver's port (default 6443)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
state=${NAVIGATOR_LOCAL_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/navigator/local}

"$root/hack/install-deps.sh"
bin_dir=$("$root/hack/build-test-binaries.sh" | tail -n 1)
cmake --preset release -S "$root" >/dev/null
cmake --build --preset release --target navigator-apiserver

# shellcheck source=hack/lib/local-stack.sh
source "$root/hack/lib/local-stack.sh"
trap 'echo; echo "stopping the local stack"; stack_down' EXIT
trap 'exit 0' INT TERM
stack_up "$state" "$bin_dir/etcd" "$root/build/release/cmd/navigator-apiserver/navigator-apiserver" \
  "${NAVIGATOR_PORT:-6443}"

kubectl() { "$bin_dir/kubectl" --kubeconfig "$KUBECONFIG_PATH" "$@"; }
echo "== kubectl api-resources --api-group=navigator.jetstack.io"
kubectl api-resources --api-group=navigator.jetstack.io
echo "== kubectl apply -f docs/quick-start/"
kubectl apply -f "$root/docs/quick-start/es-cluster-demo.yaml"
kubectl apply -f "$root/docs/quick-start/cassandra-cluster.yaml"
echo "== kubectl get esc,cassandra"
kubectl get esc,cassandra
echo "== kubectl get cassandra demo -o yaml"
kubectl get cassandra demo -o yaml

cat <<MSG

navigator-apiserver: $APISERVER_URL   (log: $state/apiserver.log)
etcd:                $ETCD_URL   (data: $state/etcd-data)
Try it:  export KUBECONFIG=$KUBECONFIG_PATH; $bin_dir/kubectl get esc
The stack stays up until you press Ctrl-C.
MSG
while true; do sleep 3600 & wait $!; done
