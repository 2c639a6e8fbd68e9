#!/usr/bin/env bash
# The main job: a local Navigator stack with its real dependencies -- etcd,
# kube-apiserver with the aggregation layer, kube-controller-manager,
# kube-scheduler and navigator-apiserver registered as an APIService -- brought
# up by hack/local-up.sh (which installs and builds what is missing). Then,
# through kube-apiserver: lists our kinds, applies the two quick-start
# clusters, shows `kubectl get`, and keeps the stack up until interrupted
# (Ctrl-C, or SIGTERM to this script), when hack/local-down.sh stops it.
#
# Environment: as hack/local-up.sh (NAVIGATOR_LOCAL_DIR keeps etcd data,
# certificates and kubeconfigs between runs).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

kubeconfig_line=$("$root/hack/local-up.sh" | tail -n 1)
export "${kubeconfig_line?}"  # KUBECONFIG=<admin kubeconfig>
trap 'echo; echo "stopping the local stack"; "$root/hack/local-down.sh"' EXIT
trap 'exit 0' INT TERM
bin_dir=$("$root/hack/build-test-binaries.sh" --control-plane | tail -n 1)
kubectl() { "$bin_dir/kubectl" "$@"; }

echo "== kubectl api-resources --api-group=navigator.jetstack.io   (through kube-apiserver)"
kubectl api-resources --api-group=navigator.jetstack.io
echo "== kubectl apply -f docs/quick-start/"
kubectl apply -f "$root/docs/quick-start/es-cluster-demo.yaml"
kubectl apply -f "$root/docs/quick-start/cassandra-cluster.yaml"
echo "== kubectl get esc,cassandra"
kubectl get esc,cassandra
echo "== kubectl get cassandra demo -o yaml"
kubectl get cassandra demo -o yaml

cat <<MSG

Everything listens on 127.0.0.1; state, logs and certificates are in the
directory of $KUBECONFIG (see docs/local-up.md).
Try it:  export KUBECONFIG=$KUBECONFIG; $bin_dir/kubectl get esc -w
The stack stays up until you press Ctrl-C.
MSG
while true; do sleep 3600 & wait $!; done
