#!/usr/bin/env bash
# The main job: a local Navigator stack with its real dependencies -- etcd,
# kube-apiserver with the aggregation layer, kube-controller-manager,
# kube-scheduler and navigator-apiserver registered as an APIService -- brought
# up by hack/local-up.sh (which installs and builds what is missing), and
# navigator-controller, which takes its Lease and watches our kinds through the
# aggregator. Then, through kube-apiserver: lists our kinds, applies the two
# quick-start clusters, shows `kubectl get` and the controller reconciling
# them, and keeps everything up until interrupted (Ctrl-C, or SIGTERM to this
# script), when the controller is stopped and hack/local-down.sh stops the rest.
#
# Environment: as hack/local-up.sh (NAVIGATOR_LOCAL_DIR keeps etcd data,
# certificates and kubeconfigs between runs).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

kubeconfig_line=$("$root/hack/local-up.sh" | tail -n 1)
export "${kubeconfig_line?}"  # KUBECONFIG=<admin kubeconfig>
controller_pid=""
stop_all() {
  echo
  if [ -n "$controller_pid" ] && kill -0 "$controller_pid" 2>/dev/null; then
    echo "stopping navigator-controller (it releases its Lease)"
    kill -TERM "$controller_pid" && wait "$controller_pid" || true
  fi
  echo "stopping the local stack"
  "$root/hack/local-down.sh"
}
trap stop_all EXIT
trap 'exit 0' INT TERM
bin_dir=$("$root/hack/build-test-binaries.sh" --control-plane | tail -n 1)
kubectl() { "$bin_dir/kubectl" "$@"; }

# navigator-controller from the same release build local-up uses.
build_dir=${NAVIGATOR_LOCAL_BUILD_DIR:-$root/build/release}
[ -f "$build_dir/build.ninja" ] || (cd "$root" && cmake --preset release -B "$build_dir" >&2)
cmake --build "$build_dir" --target navigator-controller >&2
state_dir=$(dirname "$KUBECONFIG")
controller_log="$state_dir/logs/navigator-controller.log"
mkdir -p "$state_dir/logs"
echo "== navigator-controller (log: $controller_log)"
"$build_dir/cmd/navigator-controller/navigator-controller" --kubeconfig "$KUBECONFIG" \
  --cert-dir "$state_dir/navigator-controller/certificates" --health-bind-address 127.0.0.1:0 \
  --metrics-bind-address 127.0.0.1:0 >>"$controller_log" 2>&1 &
controller_pid=$!

echo "== kubectl api-resources --api-group=navigator.jetstack.io   (through kube-apiserver)"
kubectl api-resources --api-group=navigator.jetstack.io
echo "== kubectl apply -f docs/quick-start/"
kubectl apply -f "$root/docs/quick-start/es-cluster-demo.yaml"
kubectl apply -f "$root/docs/quick-start/cassandra-cluster.yaml"
echo "== kubectl get esc,cassandra"
kubectl get esc,cassandra
echo "== kubectl get cassandra demo -o yaml"
kubectl get cassandra demo -o yaml
echo "== navigator-controller reconciles them (its log)"
for _ in $(seq 1 60); do
  [ "$(grep -c 'reconcile ' "$controller_log" || true)" -ge 2 ] && break
  sleep 0.5
done
grep -E 'successfully acquired lease|reconcile ' "$controller_log" | tail -n 4 || true

cat <<MSG

Everything listens on 127.0.0.1; state, logs and certificates are in the
directory of $KUBECONFIG (see docs/local-up.md).
Try it:  export KUBECONFIG=$KUBECONFIG; $bin_dir/kubectl get esc -w
The stack stays up until you press Ctrl-C.
MSG
while true; do sleep 3600 & wait $!; done
