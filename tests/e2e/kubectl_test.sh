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
passed=0
failed=0
check() {  # check <description> <command...>: the command must succeed
  local description=$1; shift
  if out=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok: $description"
  else
    failed=$((failed + 1)); echo "FAILED: $description"; echo "$out" | sed 's/^/    /'
  fi
}
contains() {  # contains <needle> <command...>: output (stdout+stderr) must contain needle
  local needle=$1; shift
  local out
  out=$("$@" 2>&1) || true
  if ! grep -qF -- "$needle" <<<"$out"; then
    echo "expected output to contain: $needle"; echo "$out"; return 1
  fi
}
fails_with() {  # fails_with <needle> <command...>: must fail and mention needle
  local needle=$1; shift
  local out
  if out=$("$@" 2>&1); then echo "expected failure, got: $out"; return 1; fi
  grep -qF -- "$needle" <<<"$out" || { echo "expected: $needle"; echo "got: $out"; return 1; }
}

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

check "kubectl delete" kubectl delete esc demo
check "deleted object is gone" fails_with 'NotFound' kubectl get esc demo
check "kubectl delete -f" kubectl delete -n team-a -f "$qs/cassandra-cluster.yaml"
check "kubectl delete pilot" kubectl delete -n team-a pilot richards-pilot
check "kubectl version talks to the server" contains "Server Version: v0.1.0" kubectl version

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
