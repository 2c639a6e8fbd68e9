#!/usr/bin/env bash
# End-to-end: hack/local-up.sh brings up a real control plane (etcd,
# kube-apiserver with the aggregation layer, kube-controller-manager,
# kube-scheduler) with navigator-apiserver registered as an APIService; kubectl
# with the admin kubeconfig reaches the Navigator kinds only through
# kube-apiserver; hack/local-down.sh stops every process it started.
#
# Usage: local_up_test.sh <navigator-apiserver binary> <repo root>
# local-up builds (or finds in the cache) etcd, kubectl and the control-plane
# binaries with hack/build-test-binaries.sh --control-plane.
set -euo pipefail

apiserver_bin=$1
root=$2
work=$(mktemp -d)
export NAVIGATOR_LOCAL_DIR="$work/local" NAVIGATOR_APISERVER_BIN="$apiserver_bin"
cleanup() {
  "$root/hack/local-down.sh" --purge >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=tests/e2e/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/checks.sh"
checks_init local_up_e2e ok FAILED
# Pids named by the pid files that are still alive (zombies count as gone).
# A pid counts only while its command line still names the state directory:
# under a parallel test run a pid is soon reused by an unrelated process.
live_pids() {
  local f pid state
  for f in "$NAVIGATOR_LOCAL_DIR"/run/*.pid "$@"; do
    [ -f "$f" ] || continue
    pid=$(<"$f")
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || continue
    [ "$state" = Z ] && continue
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$NAVIGATOR_LOCAL_DIR/" || continue
    echo "$pid ($(basename "$f" .pid), state $state): $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-200)"
  done
}
# no_live_pids <pid files...>: none of them names a live process of ours.
no_live_pids() {
  local live
  live=$(live_pids "$@")
  [ -z "$live" ] || {
    echo "still alive:"
    echo "$live"
    return 1
  }
}

# ---- Up.
up_start=$SECONDS
up_status=0
"$root/hack/local-up.sh" >"$work/up.out" 2>"$work/up.err" || up_status=$?
echo "local-up took $((SECONDS - up_start))s"
[ $up_status -eq 0 ] || checks_abort "hack/local-up.sh exited with $up_status:" "$work/up.err"
expected_line="KUBECONFIG=$NAVIGATOR_LOCAL_DIR/admin.kubeconfig"
check "local-up prints KUBECONFIG=<admin kubeconfig> as its last line" \
  test "$(tail -n 1 "$work/up.out")" = "$expected_line"
kubeconfig=$NAVIGATOR_LOCAL_DIR/admin.kubeconfig
# shellcheck source=/dev/null
source "$NAVIGATOR_LOCAL_DIR/local.env" # BIN_DIR, the ports
kubectl() { "$BIN_DIR/kubectl" --kubeconfig "$kubeconfig" "$@"; }

mkdir -p "$work/pids"
cp "$NAVIGATOR_LOCAL_DIR"/run/*.pid "$work/pids/"
check "five processes started, all alive" test "$(live_pids | wc -l)" -eq 5
for c in etcd kube-apiserver navigator-apiserver kube-controller-manager kube-scheduler; do
  check "pid file for $c" test -s "$NAVIGATOR_LOCAL_DIR/run/$c.pid"
done

again_start=$SECONDS
check "local-up again while up: no-op with the same last line" \
  test "$("$root/hack/local-up.sh" 2>/dev/null | tail -n 1)" = "$expected_line"
check "local-up again took under 10s" test $((SECONDS - again_start)) -lt 10
check "local-up again kept the same processes" \
  diff <(cat "$work"/pids/*.pid) <(cat "$NAVIGATOR_LOCAL_DIR"/run/*.pid)

# ---- The server kubectl talks to is kube-apiserver, with the aggregation layer.
check "the server is kube-apiserver v1.36" contains "Server Version: v1.36" kubectl version
check "admin is in system:masters" contains "yes" kubectl auth can-i '*' '*'
apiservice() { kubectl get apiservice v1alpha1.navigator.jetstack.io -o jsonpath="$1"; }
check "APIService Available=True" \
  test "$(apiservice '{.status.conditions[?(@.type=="Available")].status}')" = True
check "APIService has a caBundle" test -n "$(apiservice '{.spec.caBundle}')"
check "APIService does not skip TLS verification" test -z "$(apiservice '{.spec.insecureSkipTLSVerify}')"
check "APIService names navigator-apiserver's port" \
  test "$(apiservice '{.spec.service.port}')" = "$NAVIGATOR_PORT"
check "Service navigator/navigator-apiserver is ExternalName localhost" test \
  "$(kubectl get service -n navigator navigator-apiserver -o jsonpath='{.spec.type}/{.spec.externalName}')" \
  = ExternalName/localhost
apiservice '{.spec.caBundle}' | base64 -d >"$work/ca-bundle.crt"
check "navigator-apiserver's certificate is valid for navigator-apiserver.navigator.svc (caBundle)" \
  curl -fsS --cacert "$work/ca-bundle.crt" \
  --resolve "navigator-apiserver.navigator.svc:$NAVIGATOR_PORT:127.0.0.1" \
  "https://navigator-apiserver.navigator.svc:$NAVIGATOR_PORT/healthz"
check "the aggregator's front-proxy identity is published for extension servers" contains \
  '"requestheader-allowed-names":"[\"front-proxy-client\"]"' \
  kubectl get configmap -n kube-system extension-apiserver-authentication -o jsonpath='{.data}'

# ---- Discovery and OpenAPI through the aggregator.
resources() { kubectl api-resources --api-group=navigator.jetstack.io 2>&1; }
lists_kinds() { local out; out=$(resources) && grep -q elasticsearchclusters <<<"$out" &&
  grep -q cassandraclusters <<<"$out" && grep -q pilots <<<"$out"; }
check "kubectl api-resources lists the three kinds" eventually 30 lists_kinds
check "api-resources shows the short names" contains "esc,elasticsearch" resources
check "kubectl explain esc.spec" contains "nodePools" kubectl explain esc.spec
check "kubectl explain cassandra.spec.nodePools" contains "replicas" kubectl explain cassandra.spec.nodePools

# kube-apiserver authenticates and authorizes before it proxies: a user with
# no RBAC bindings is refused there (navigator-apiserver checks again itself;
# tests/e2e/access_control_test.sh covers that side).
# shellcheck source=hack/lib/local-pki.sh
source "$root/hack/lib/local-pki.sh"
pki_cert "$NAVIGATOR_LOCAL_DIR/pki" alice client-ca client alice ""
sed -e 's#/pki/admin\.#/pki/alice.#' -e 's/^\(- name\|    user\): admin$/\1: alice/' \
  -e 's/admin@navigator-local/alice@navigator-local/' "$kubeconfig" >"$work/alice.kubeconfig"
check "alice's kubeconfig authenticates as alice" contains "alice" \
  "$BIN_DIR/kubectl" --kubeconfig "$work/alice.kubeconfig" auth whoami
check "alice without RBAC bindings gets 403 from kube-apiserver" \
  fails_with 'User "alice" cannot list resource "elasticsearchclusters"' \
  "$BIN_DIR/kubectl" --kubeconfig "$work/alice.kubeconfig" get esc -n e2e

# ---- create / get / list / delete of the three quick-start kinds.
qs="$root/docs/quick-start"
# The quick-start Pilot names itself as its owner with a uid no object has;
# kube-controller-manager's garbage collector would delete it at once, so the
# test drops that ownerReference.
python3 - "$qs/testpilot.yaml" >"$work/pilot.json" <<'PY'
import json, sys, yaml
o = yaml.safe_load(open(sys.argv[1]))
o["metadata"].pop("ownerReferences", None)
json.dump(o, sys.stdout)
PY
check "kubectl create namespace e2e" kubectl create namespace e2e
for spec in "elasticsearchcluster demo $qs/es-cluster-demo.yaml" \
  "cassandracluster demo $qs/cassandra-cluster.yaml" "pilot richards-pilot $work/pilot.json"; do
  read -r kind name file <<<"$spec"
  check "create $kind" kubectl create -n e2e -f "$file"
  check "create $kind twice is AlreadyExists" fails_with AlreadyExists kubectl create -n e2e -f "$file"
  check "get $kind $name" contains "$name" kubectl get -n e2e "$kind" "$name"
  check "get $kind $name -o yaml is the stored object" contains "uid:" kubectl get -n e2e "$kind" "$name" -o yaml
  check "list $kind in e2e" contains "$kind.navigator.jetstack.io/$name" kubectl get -n e2e "$kind" -o name
  check "list $kind across namespaces" contains "e2e" kubectl get "$kind" -A
  check "delete $kind $name" kubectl delete -n e2e "$kind" "$name" --wait=true --timeout=60s
  check "get $kind $name after delete is NotFound" fails_with NotFound kubectl get -n e2e "$kind" "$name"
done
check "get of an unknown name is NotFound" fails_with NotFound kubectl get -n e2e esc nope
check "navigator-apiserver served the proxied requests" contains \
  "/apis/navigator.jetstack.io/v1alpha1/namespaces/e2e/elasticsearchclusters" \
  cat "$NAVIGATOR_LOCAL_DIR/logs/navigator-apiserver.log"

# ---- Watch through the aggregator.
timeout 60 "$BIN_DIR/kubectl" --kubeconfig "$kubeconfig" get esc -n e2e -w --output-watch-events \
  >"$work/watch.out" 2>&1 &
watch_pid=$!
sleep 2
check "create an esc while watching" kubectl create -n e2e -f "$qs/es-cluster-demo.yaml"
watch_saw_added() { grep -q "ADDED.*demo" "$work/watch.out"; }
check "kubectl get esc -w sees the ADDED event" eventually 20 watch_saw_added
kill "$watch_pid" 2>/dev/null || true
wait "$watch_pid" 2>/dev/null || true

# ---- Down, up (data kept), down.
check "local-down" "$root/hack/local-down.sh"
check "no process from the pid files is alive after local-down" no_live_pids "$work"/pids/*.pid
check "local-down removed the pid files" test -z "$(ls "$NAVIGATOR_LOCAL_DIR/run")"
no_sanitizer_report() { ! grep -E "Sanitizer|runtime error:" "$NAVIGATOR_LOCAL_DIR/logs/navigator-apiserver.log"; }
check "navigator-apiserver's log has no sanitizer report after its shutdown" no_sanitizer_report
check "local-down again is a no-op" contains "nothing was running" "$root/hack/local-down.sh"
check "local-up after local-down" contains "$expected_line" "$root/hack/local-up.sh"
check "the esc created before the restart is still there" contains demo kubectl get -n e2e esc demo
cp "$NAVIGATOR_LOCAL_DIR"/run/*.pid "$work/pids/" 2>/dev/null || true
check "local-down --purge" "$root/hack/local-down.sh" --purge
check "no process alive after local-down --purge" no_live_pids "$work"/pids/*.pid
check "--purge removed the state directory" test ! -e "$NAVIGATOR_LOCAL_DIR"

checks_summary
