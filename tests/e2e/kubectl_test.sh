#!/usr/bin/env bash
# End-to-end: a real kubectl against navigator-apiserver on a real etcd.
# Usage: kubectl_test.sh <navigator-apiserver binary> <repo root>
# Needs NAVIGATOR_TEST_BIN_DIR (etcd, kubectl): see hack/build-test-binaries.sh.
set -euo pipefail

apiserver_bin=$1
root=$2
bin_dir=${NAVIGATOR_TEST_BIN_DIR:?set NAVIGATOR_TEST_BIN_DIR: run hack/build-test-binaries.sh}
work=$(mktemp -d)

# shellcheck source=hack/lib/local-stack.sh
source "$root/hack/lib/local-stack.sh"
cleanup() { stack_down; rm -rf "$work"; }
trap cleanup EXIT
stack_up "$work/stack" "$bin_dir/etcd" "$apiserver_bin"

kubectl() { "$bin_dir/kubectl" --kubeconfig "$KUBECONFIG_PATH" "$@"; }
# shellcheck source=tests/e2e/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/checks.sh"
checks_init "" ok FAILED

qs="$root/docs/quick-start"
check "api-resources lists esc with short names" contains "esc,elasticsearch" \
  kubectl api-resources --api-group=navigator.jetstack.io
check "api-resources lists cassandra" contains "cassandra" kubectl api-resources --api-group=navigator.jetstack.io
check "api-resources lists pilots" contains "pilots" kubectl api-resources --api-group=navigator.jetstack.io
check "kubectl create -f es quick-start" kubectl create -f "$qs/es-cluster-demo.yaml"
check "kubectl create -f cassandra quick-start" kubectl create -f "$qs/cassandra-cluster.yaml"
check "create twice is AlreadyExists" fails_with 'AlreadyExists' kubectl create -f "$qs/cassandra-cluster.yaml"
check "kubectl get esc" contains "demo" kubectl get esc
check "kubectl get elasticsearchclusters" contains "demo" kubectl get elasticsearchclusters
check "kubectl get ElasticsearchClusters (kind)" contains "demo" kubectl get ElasticsearchClusters
check "kubectl get cassandra -o yaml shows defaults" contains "pullPolicy: IfNotPresent" \
  kubectl get cassandra demo -o yaml
check "cassandra version echoed verbatim" contains 'version: 3.11.1' kubectl get cassandra demo -o yaml
check "kubectl apply (first time) in another namespace" \
  kubectl apply -n team-a -f "$qs/es-cluster-demo.yaml"
check "kubectl apply cassandra (first time)" kubectl apply -n team-a -f "$qs/cassandra-cluster.yaml"
check "kubectl apply again is a no-op patch" contains "unchanged" \
  kubectl apply -n team-a -f "$qs/es-cluster-demo.yaml"
sed 's/replicas: 2/replicas: 4/' "$qs/es-cluster-demo.yaml" > "$work/es-scaled.yaml"
check "kubectl apply of a change patches it" contains "configured" kubectl apply -n team-a -f "$work/es-scaled.yaml"
check "the patched change is stored" contains '"replicas": 4' kubectl get -n team-a esc demo -o json
check "kubectl patch --type=merge" kubectl patch -n team-a esc demo --type=merge -p '{"metadata":{"labels":{"tier":"search"}}}'
check "kubectl create pilot" kubectl create -n team-a -f "$qs/testpilot.yaml"
check "kubectl get pilots -A" contains "team-a      richards-pilot" kubectl get pilots -A
check "kubectl get esc -A" contains "team-a" kubectl get esc -A
check "kubectl get navigator (the discovery category)" contains "cassandracluster.navigator.jetstack.io/demo" \
  kubectl get navigator -n team-a
check "kubectl get -o name" contains "elasticsearchcluster.navigator.jetstack.io/demo" kubectl get esc -o name

# replace: scale the master pool to 5 via a full PUT
kubectl get esc demo -o json > "$work/esc.json"
python3 - "$work/esc.json" <<'PY'
import json, sys
p = sys.argv[1]; o = json.load(open(p))
o["spec"]["nodePools"][0]["replicas"] = 5
json.dump(o, open(p, "w"))
PY
check "kubectl replace" kubectl replace -f "$work/esc.json"
check "replace took effect, generation bumped" contains '"generation": 2' kubectl get esc demo -o json
check "replace with a stale resourceVersion conflicts" fails_with 'the object has been modified' \
  kubectl replace -f "$work/esc.json"

# An invalid manifest: kubectl prints the 422 with every cause.
cat > "$work/invalid.yaml" <<'YAML'
apiVersion: navigator.jetstack.io/v1alpha1
kind: ElasticsearchCluster
metadata:
  name: broken
spec:
  version: "5.6"
  pilotImage:
    repository: quay.io/jetstack/navigator-pilot-elasticsearch
  nodePools:
  - name: Data
    replicas: -1
    roles: [data, chef]
YAML
for needle in 'is invalid' 'spec.version' 'spec.pilotImage.tag: Required value' \
  'spec.nodePools[0].name' 'spec.nodePools[0].replicas' 'spec.nodePools[0].roles[1]: Unsupported value: "chef"' \
  'spec.nodePools: Invalid value: 0: must be at least one master node'; do
  check "invalid manifest reports: $needle" fails_with "$needle" kubectl create -f "$work/invalid.yaml"
done

# kubectl sends fieldValidation=Strict: a misspelt field is refused, not dropped.
sed 's/    replicas: 3/    replcias: 3/' "$qs/cassandra-cluster.yaml" > "$work/misspelt.yaml"
check "misspelt field rejected under strict field validation" \
  fails_with 'unknown field "spec.nodePools[0].replcias"' kubectl create -n team-b -f "$work/misspelt.yaml"
check "the same manifest passes with --validate=false (field dropped)" \
  kubectl create -n team-b --validate=false -f "$work/misspelt.yaml"

# ---- API semantics (issue 3): patch types, edit, watch, paging, selectors,
# ---- graceful deletion with a finalizer, server-side dry run.
check "kubectl patch --type=strategic merges nodePools by name" \
  kubectl patch -n team-a esc demo --type=strategic -p '{"spec":{"nodePools":[{"name":"mixed","replicas":3}]}}'
check "the strategic patch kept the other pool" contains '"name": "master"' kubectl get -n team-a esc demo -o json
check "the strategic patch changed the named pool" contains '"replicas": 3' kubectl get -n team-a esc demo -o json
check "kubectl patch --type=json" \
  kubectl patch -n team-a esc demo --type=json -p '[{"op":"add","path":"/metadata/labels/owner","value":"search-team"}]'
check "the json patch is stored" contains '"owner": "search-team"' kubectl get -n team-a esc demo -o json
check "a failing json patch test op is refused" fails_with 'test' \
  kubectl patch -n team-a esc demo --type=json -p '[{"op":"test","path":"/metadata/name","value":"other"}]'
check "kubectl patch on a missing object is NotFound" fails_with 'NotFound' \
  kubectl patch -n team-a esc nope --type=merge -p '{"metadata":{"labels":{"a":"b"}}}'
cat > "$work/editor.sh" <<'SH'
#!/bin/sh
sed -i 's/owner: search-team/owner: edited/' "$1"
SH
chmod +x "$work/editor.sh"
check "kubectl edit with a scripted EDITOR" env EDITOR="$work/editor.sh" \
  "$bin_dir/kubectl" --kubeconfig "$KUBECONFIG_PATH" edit -n team-a esc demo
check "the edit is stored" contains '"owner": "edited"' kubectl get -n team-a esc demo -o json
sed 's/replicas: 2/replicas: 4/; s/name: demo/name: demo\n  labels:\n    applied: "yes"/' \
  "$qs/es-cluster-demo.yaml" > "$work/es-applied.yaml"
check "kubectl apply --server-side=false again patches strategically" contains "configured" \
  kubectl apply -n team-a -f "$work/es-applied.yaml"

# Watch: create, update and delete arrive as events.
timeout 20 "$bin_dir/kubectl" --kubeconfig "$KUBECONFIG_PATH" get pilots -n watch-ns -w \
  --output-watch-events > "$work/watch.out" 2>&1 &
watch_pid=$!
sleep 2
kubectl create -n watch-ns -f "$qs/testpilot.yaml" >/dev/null
kubectl label -n watch-ns pilot richards-pilot watched=yes >/dev/null
kubectl delete -n watch-ns pilot richards-pilot >/dev/null
sleep 2
kill "$watch_pid" 2>/dev/null || true
wait "$watch_pid" 2>/dev/null || true
check "kubectl get -w sees ADDED" contains "ADDED" cat "$work/watch.out"
check "kubectl get -w sees MODIFIED" contains "MODIFIED" cat "$work/watch.out"
check "kubectl get -w sees DELETED" contains "DELETED" cat "$work/watch.out"

# Paging and selectors over ten objects.
for i in 0 1 2 3 4 5 6 7 8 9; do
  parity=$([ $((i % 2)) -eq 0 ] && echo even || echo odd)
  sed "0,/name: richards-pilot/s//name: p$i\n  labels:\n    parity: $parity\n    idx: \"$i\"/" \
    "$qs/testpilot.yaml" | kubectl create -n paging -f - >/dev/null
done
count() { "$@" 2>&1 | grep -c '^pilot' || true; }
check "kubectl get --chunk-size=2 returns all ten" test "$(count kubectl get pilots -n paging --chunk-size=2 -o name)" -eq 10
check "--chunk-size=2 pages with limit and continue" contains "continue=" \
  kubectl get pilots -n paging --chunk-size=2 -o name -v=6
check "-l parity=even selects five" test "$(count kubectl get pilots -n paging -l parity=even -o name)" -eq 5
check "-l 'idx in (1,2,3),parity!=odd' selects one" \
  test "$(count kubectl get pilots -n paging -l 'idx in (1,2,3),parity!=odd' -o name)" -eq 1
check "-l '!parity' selects none" contains "No resources found" kubectl get pilots -n paging -l '!parity'
check "a malformed selector is a clear error" fails_with "unable to parse requirement" \
  kubectl get pilots -n paging -l 'idx in (1'
check "--field-selector metadata.name" test \
  "$(count kubectl get pilots -n paging --field-selector metadata.name=p3 -o name)" -eq 1
check "an unsupported field selector is refused" fails_with "field label not supported" \
  kubectl get pilots -n paging --field-selector spec.nothing=1

# Server-side dry run: everything runs, nothing is stored.
check "kubectl create --dry-run=server" kubectl create -n dry --dry-run=server -f "$qs/es-cluster-demo.yaml"
check "dry-run create stored nothing" fails_with 'NotFound' kubectl get -n dry esc demo
check "dry-run still validates" fails_with 'is invalid' kubectl create -n dry --dry-run=server -f "$work/invalid.yaml"
check "kubectl delete --dry-run=server" kubectl delete -n paging pilot p0 --dry-run=server
check "dry-run delete kept the object" kubectl get -n paging pilot p0
check "kubectl patch --dry-run=server" kubectl patch -n paging pilot p0 --dry-run=server --type=merge \
  -p '{"metadata":{"labels":{"dry":"run"}}}'
check "dry-run patch stored nothing" test -z "$(kubectl get -n paging pilot p0 -o jsonpath='{.metadata.labels.dry}')"

# Graceful deletion: --wait returns once a second client removes the finalizer.
sed '0,/name: richards-pilot/s//name: held\n  finalizers:\n  - example.com\/hold/' "$qs/testpilot.yaml" |
  kubectl create -n gc -f - >/dev/null
"$bin_dir/kubectl" --kubeconfig "$KUBECONFIG_PATH" delete -n gc pilot held --wait=true --timeout=60s \
  > "$work/delete-wait.out" 2>&1 &
delete_pid=$!
sleep 2
check "a deleted object with a finalizer is only marked" contains "deletionTimestamp" \
  kubectl get -n gc pilot held -o yaml
check "delete --wait is still waiting" kill -0 "$delete_pid"
check "a second client removes the finalizer" \
  kubectl patch -n gc pilot held --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
delete_status=0
wait "$delete_pid" || delete_status=$?
check "kubectl delete --wait returns once the finalizer is gone" test "$delete_status" -eq 0
check "and the object is gone" fails_with 'NotFound' kubectl get -n gc pilot held
check "kubectl apply --validate=strict rejects a misspelt field" \
  fails_with 'unknown field "spec.nodePools[0].replcias"' kubectl apply -n team-c --validate=strict -f "$work/misspelt.yaml"
kubectl get --raw /metrics > "$work/metrics.txt"
for metric in 'apiserver_request_total{' 'apiserver_request_duration_seconds_bucket{' \
  'apiserver_watch_events_total{' 'apiserver_registered_watchers' 'etcd_request_duration_seconds_bucket{' \
  'process_resident_memory_bytes' 'process_open_fds' 'process_cpu_seconds_total'; do
  check "/metrics exposes $metric" contains "$metric" cat "$work/metrics.txt"
done
check "/metrics counts LIST requests by resource and code" contains 'verb="LIST"' cat "$work/metrics.txt"
check "kubectl get esc prints server-side columns" contains "HEALTH" kubectl get -n team-a esc
check "kubectl get esc -o wide adds the wide columns" contains "NODE POOLS" kubectl get -n team-a esc -o wide
check "kubectl get cassandra prints READY" contains "READY" kubectl get cassandra -A
check "kubectl get pilots prints CLUSTER" contains "CLUSTER" kubectl get pilots -n paging
check "kubectl get -w prints table rows" contains "richards-pilot" cat "$work/watch.out"
# ---- end of API semantics

check "kubectl delete" kubectl delete esc demo
check "deleted object is gone" fails_with 'NotFound' kubectl get esc demo
check "kubectl delete -f" kubectl delete -n team-a -f "$qs/cassandra-cluster.yaml"
check "kubectl delete pilot" kubectl delete -n team-a pilot richards-pilot
check "kubectl version talks to the server" contains "Server Version: v0.1.0" kubectl version

# ---- OpenAPI (openapi): kubectl explain reads /openapi/v3; kubectl apply
# ---- computes strategic merge patches from its merge keys.
explain() { kubectl explain "$@" 2>&1 | tr -s '[:space:]' ' '; }  # one line: wrapping varies
check "explain esc.spec.nodePools.roles shows the field's description" \
  contains "one or more of data, ingest and master" explain esc.spec.nodePools.roles
check "explain elasticsearchcluster.spec.nodePools.roles names the field and its type" \
  contains "FIELD: roles <[]string>" explain elasticsearchcluster.spec.nodePools.roles
check "explain esc names the group, kind and version" \
  contains "GROUP: navigator.jetstack.io KIND: ElasticsearchCluster VERSION: v1alpha1" explain esc
check "explain cassandracluster.spec --recursive lists the nested fields" \
  contains "nodePools <[]CassandraClusterNodePool> datacenter <string> name <string> -required-" \
  explain cassandracluster.spec --recursive
check "explain pilot.metadata.ownerReferences follows the ObjectMeta reference" \
  contains "uid <string> -required-" explain pilot.metadata.ownerReferences
check "explain of a field that does not exist fails" \
  fails_with 'field "nodepools" does not exist' kubectl explain esc.spec.nodepools
check "/openapi/v2 is Swagger 2.0 JSON" contains '"swagger":"2.0"' kubectl get --raw /openapi/v2
check "kubectl apply creates in the openapi namespace" \
  kubectl apply -n openapi -f "$qs/es-cluster-demo.yaml"
sed 's/replicas: 2/replicas: 3/' "$qs/es-cluster-demo.yaml" > "$work/es-openapi.yaml"
check "kubectl apply sends a strategic merge patch built from the schema" \
  contains "Content-Type: application/strategic-merge-patch+json" \
  kubectl apply -n openapi -f "$work/es-openapi.yaml" -v=8
check "the pool matched by name was patched in place" \
  contains "3 3" kubectl get -n openapi esc demo -o 'jsonpath={.spec.nodePools[*].replicas}'
sed 's/    replicas: 3/    replcias: 3/' "$qs/es-cluster-demo.yaml" > "$work/es-misspelt.yaml"
check "apply --validate=strict refuses a misspelt field when patching" \
  fails_with 'unknown field "spec.nodePools[0].replcias"' \
  kubectl apply -n openapi --validate=strict -f "$work/es-misspelt.yaml"
check "apply --validate=strict refuses a misspelt field when creating" \
  fails_with 'unknown field "spec.nodePools[0].replcias"' \
  kubectl apply -n openapi-new --validate=strict -f "$work/es-misspelt.yaml"
check "kubectl delete in the openapi namespace" kubectl delete -n openapi esc demo
# ---- end of OpenAPI

checks_summary
