#!/usr/bin/env bash
# End-to-end access control of navigator-apiserver behind a real control plane
# (hack/local-up.sh in a state directory of its own, stopped and removed at the
# end): delegated authentication and authorization, NamespaceLifecycle, and the
# controllers of kube-controller-manager acting on our kinds.
#
#   (a) RBAC: alice (client certificate) with a Role for get/list/watch of
#       elasticsearchclusters in team-a lists there, and is refused create in
#       team-a and list in team-b, through the aggregator and straight to
#       navigator-apiserver's port.
#   (b) garbage collection: a Pilot owned by a ConfigMap goes when the ConfigMap does.
#   (c) deleting a namespace deletes our objects in it and finishes.
#   (d) NamespaceLifecycle: create in a missing namespace is 404, in a
#       terminating one 403.
#   (e) straight to navigator-apiserver's port: forged X-Remote-* headers
#       without the front-proxy certificate are not trusted; expired, unknown-CA
#       and self-signed client certificates and a garbage bearer token are 401.
#   (f) fail closed: with kube-apiserver stopped, an unseen token or an unseen
#       user is never served; then kube-apiserver is restarted and it recovers.
#
# Every check prints a PASS or FAIL line; the script ends with
# `access_control_e2e: <n> passed, <m> failed` and exits non-zero on any failure.
#
# Usage: access_control_test.sh <navigator-apiserver binary> <repo root>
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
checks_init access_control_e2e PASS FAIL

# ---- Up.
up_status=0
"$root/hack/local-up.sh" >"$work/up.out" 2>"$work/up.err" || up_status=$?
[ $up_status -eq 0 ] || checks_abort "hack/local-up.sh exited with $up_status:" "$work/up.err"
# shellcheck source=/dev/null
source "$NAVIGATOR_LOCAL_DIR/local.env" # BIN_DIR, the ports
# shellcheck source=hack/lib/local-control-plane.sh
source "$root/hack/lib/local-control-plane.sh"
# shellcheck source=hack/lib/local-pki.sh
source "$root/hack/lib/local-pki.sh"
local_state_init "$NAVIGATOR_LOCAL_DIR"
pki=$NAVIGATOR_LOCAL_DIR/pki
admin_kubeconfig=$NAVIGATOR_LOCAL_DIR/admin.kubeconfig
kubectl() { "$BIN_DIR/kubectl" --kubeconfig "$admin_kubeconfig" "$@"; }

# user <name> [group]: a client certificate from local-up's client CA
# ($pki/<name>.crt) and a kubeconfig for kube-apiserver ($work/<name>.kubeconfig).
user() {
  pki_cert "$pki" "$1" client-ca client "$1" "${2:-}"
  sed -e "s#/pki/admin\\.#/pki/$1.#" -e "s/^\\(- name\\|    user\\): admin\$/\\1: $1/" \
    -e "s/admin@navigator-local/$1@navigator-local/" "$admin_kubeconfig" >"$work/$1.kubeconfig"
}
as() { # as <user> <kubectl args...>
  local u=$1
  shift
  "$BIN_DIR/kubectl" --kubeconfig "$work/$u.kubeconfig" "$@"
}

# nav <path> [curl args...]: a request straight to navigator-apiserver's port
# (no aggregator). Prints "<HTTP code> <reason>: <message>" of the answer (the
# fields of a Status body; the body itself when it is not one). The code is
# 000 when there was no HTTP answer (TLS refused, time-out).
nav() {
  local path=$1
  shift
  local code
  : >"$work/body"
  code=$(curl -sS --max-time 30 --cacert "$pki/navigator-ca.crt" -o "$work/body" -w '%{http_code}' \
    "$@" "https://127.0.0.1:$NAVIGATOR_PORT$path" 2>"$work/curl.err") || true
  python3 - "${code:-000}" "$work/body" "$work/curl.err" <<'PY'
import json, sys
code = sys.argv[1]
body = open(sys.argv[2], errors="replace").read()
try:
    s = json.loads(body)
    if s.get("kind") != "Status":
        raise ValueError
    print(f'{code} {s.get("reason", "")}: {s.get("message", "")}')
except ValueError:
    err = open(sys.argv[3], errors="replace").read().strip()
    print(f"{code} {body[:300]}{(' curl: ' + err) if err else ''}".rstrip())
PY
}
# answers <codes> <needle> <path> [curl args...]: the answer's code is one of
# <codes> (space-separated) and its line contains needle ("" for any).
answers() {
  local codes=$1 needle=$2 path=$3
  shift 3
  local got
  got=$(nav "$path" "$@")
  if [[ " $codes " == *" ${got%% *} "* ]] && grep -qF -- "$needle" <<<"$got"; then
    return 0
  fi
  echo "expected HTTP $codes${needle:+ with: $needle}"
  echo "got: $got"
  return 1
}

esc_path=/apis/navigator.jetstack.io/v1alpha1
qs=$root/docs/quick-start
# The quick-start Pilot without its self-referencing ownerReference (the
# garbage collector would delete it at once), as JSON.
python3 - "$qs/testpilot.yaml" >"$work/pilot.json" <<'PY'
import json, sys, yaml
o = yaml.safe_load(open(sys.argv[1]))
o["metadata"].pop("ownerReferences", None)
json.dump(o, sys.stdout)
PY
# esc_json <name>: the quick-start ElasticsearchCluster named <name>, as JSON
# (a valid object, so that only access control can refuse it).
esc_json() {
  python3 - "$qs/es-cluster-demo.yaml" "$1" <<'PY'
import json, sys, yaml
o = yaml.safe_load(open(sys.argv[1]))
o["metadata"]["name"] = sys.argv[2]
json.dump(o, sys.stdout)
PY
}

# ---- (a) RBAC through the aggregator and at navigator-apiserver.
echo "== (a) RBAC"
user alice
for ns in team-a team-b; do
  check "namespace $ns" kubectl create namespace "$ns"
  check "admin creates esc demo in $ns" kubectl create -n "$ns" -f "$qs/es-cluster-demo.yaml"
done
check "Role esc-reader (get/list/watch elasticsearchclusters) and RoleBinding to alice in team-a" \
  kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: esc-reader
  namespace: team-a
rules:
- apiGroups: ["navigator.jetstack.io"]
  resources: ["elasticsearchclusters"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: alice-esc-reader
  namespace: team-a
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: alice
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: esc-reader
YAML
check "alice: kubectl get esc -n team-a lists demo" eventually 20 succeeds_with demo as alice get esc -n team-a
check "alice: kubectl get esc demo -n team-a" succeeds_with demo as alice get esc demo -n team-a
check "alice: create in team-a is Forbidden, naming alice" fails_with \
  'Error from server (Forbidden): error when creating "'"$qs/es-cluster-demo.yaml"'": elasticsearchclusters.navigator.jetstack.io is forbidden: User "alice" cannot create resource "elasticsearchclusters" in API group "navigator.jetstack.io" in the namespace "team-a"' \
  as alice create -n team-a -f "$qs/es-cluster-demo.yaml"
check "alice: list in team-b is Forbidden, naming alice" fails_with \
  'Error from server (Forbidden): elasticsearchclusters.navigator.jetstack.io is forbidden: User "alice" cannot list resource "elasticsearchclusters" in API group "navigator.jetstack.io" in the namespace "team-b"' \
  as alice get esc -n team-b
# kube-apiserver authorizes before it proxies, so the above are its answers;
# navigator-apiserver's own authorization (SubjectAccessReview) answers here.
alice_cert=(--cert "$pki/alice.crt" --key "$pki/alice.key")
check "navigator-apiserver: alice lists esc in team-a (200)" \
  answers 200 '' "$esc_path/namespaces/team-a/elasticsearchclusters" "${alice_cert[@]}"
check "navigator-apiserver: alice's list in team-b is 403, naming alice" answers 403 \
  'Forbidden: elasticsearchclusters.navigator.jetstack.io is forbidden: User "alice" cannot list resource "elasticsearchclusters" in API group "navigator.jetstack.io" in the namespace "team-b"' \
  "$esc_path/namespaces/team-b/elasticsearchclusters" "${alice_cert[@]}"
check "navigator-apiserver: alice's create in team-a is 403, naming alice" answers 403 \
  'User "alice" cannot create resource "elasticsearchclusters" in API group "navigator.jetstack.io" in the namespace "team-a"' \
  "$esc_path/namespaces/team-a/elasticsearchclusters" "${alice_cert[@]}" \
  -X POST -H 'Content-Type: application/json' --data "$(esc_json by-alice)"
check "alice's create did not store anything" fails_with NotFound kubectl get esc -n team-a by-alice

# ---- (b) Garbage collection by kube-controller-manager.
echo "== (b) garbage collection"
check "namespace gc-e2e" kubectl create namespace gc-e2e
check "ConfigMap gc-e2e/owner" kubectl create configmap owner -n gc-e2e --from-literal=k=v
owner_uid=$(kubectl get configmap owner -n gc-e2e -o jsonpath='{.metadata.uid}' 2>/dev/null || true)
python3 - "$work/pilot.json" "$owner_uid" >"$work/owned-pilot.json" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
o["metadata"]["name"] = "owned-pilot"
o["metadata"]["ownerReferences"] = [{"apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": sys.argv[2]}]
json.dump(o, sys.stdout)
PY
check "Pilot gc-e2e/owned-pilot owned by the ConfigMap (uid $owner_uid)" kubectl create -n gc-e2e -f "$work/owned-pilot.json"
check "the Pilot's ownerReference names the ConfigMap's uid" test \
  "$(kubectl get pilot owned-pilot -n gc-e2e -o jsonpath='{.metadata.ownerReferences[0].uid}')" = "$owner_uid"
sleep 5
check "the Pilot is still there 5 s later while its owner exists" kubectl get pilot owned-pilot -n gc-e2e
check "delete the ConfigMap" kubectl delete configmap owner -n gc-e2e
gc_start=$SECONDS
check "the garbage collector deletes the Pilot within 120 s" \
  eventually 120 fails_with NotFound kubectl get pilot owned-pilot -n gc-e2e
echo "    (the Pilot went $((SECONDS - gc_start)) s after its owner)"

# ---- (c) Namespace deletion.
echo "== (c) namespace deletion"
check "namespace ns-e2e" kubectl create namespace ns-e2e
for f in "$qs/es-cluster-demo.yaml" "$qs/cassandra-cluster.yaml" "$work/pilot.json"; do
  check "create $(basename "$f") in ns-e2e" kubectl create -n ns-e2e -f "$f"
done
check "ns-e2e holds one object of each kind" test \
  "$(kubectl get esc,cassandraclusters,pilots -n ns-e2e -o name 2>&1 | sort | tr '\n' ' ')" = \
  "cassandracluster.navigator.jetstack.io/demo elasticsearchcluster.navigator.jetstack.io/demo pilot.navigator.jetstack.io/richards-pilot "
ns_start=$SECONDS
check "kubectl delete namespace ns-e2e completes (within 180 s)" \
  kubectl delete namespace ns-e2e --timeout=180s
echo "    (deletion took $((SECONDS - ns_start)) s)"
check "namespace ns-e2e is gone" fails_with 'namespaces "ns-e2e" not found' kubectl get namespace ns-e2e
not_in_all_namespaces() { ! kubectl get "$1" -A --no-headers 2>&1 | grep -w ns-e2e; }
for kind in elasticsearchclusters cassandraclusters pilots; do
  check "no $kind left in ns-e2e" succeeds_with "No resources found in ns-e2e namespace." kubectl get "$kind" -n ns-e2e
  check "no $kind of ns-e2e in a list across namespaces" not_in_all_namespaces "$kind"
done

# ---- (d) NamespaceLifecycle admission.
echo "== (d) NamespaceLifecycle"
check "create in a namespace that does not exist is NotFound" fails_with \
  'Error from server (NotFound): error when creating "'"$qs/es-cluster-demo.yaml"'": namespaces "does-not-exist" not found' \
  kubectl create -n does-not-exist -f "$qs/es-cluster-demo.yaml"
admin_cert=(--cert "$pki/admin.crt" --key "$pki/admin.key")
check "navigator-apiserver: that create is a 404 NotFound" answers 404 \
  'NotFound: namespaces "does-not-exist" not found' \
  "$esc_path/namespaces/does-not-exist/elasticsearchclusters" "${admin_cert[@]}" \
  -X POST -H 'Content-Type: application/json' --data "$(esc_json demo)"
check "nothing was stored in does-not-exist" fails_with NotFound kubectl get esc demo -n does-not-exist
# A namespace held in Terminating by a finalizer of our own.
check "namespace hold-e2e with a finalizer" kubectl apply -f - <<'YAML'
apiVersion: v1
kind: Namespace
metadata:
  name: hold-e2e
  finalizers: ["e2e.navigator.jetstack.io/hold"]
YAML
check "delete namespace hold-e2e (stays Terminating)" kubectl delete namespace hold-e2e --wait=false
check "hold-e2e is Terminating" eventually 10 succeeds_with Terminating \
  kubectl get namespace hold-e2e -o 'jsonpath={.status.phase}'
create_in_terminating() { # a fresh name each time, so a create that got through shows as such
  local attempt
  attempt=$(date +%s%N | tail -c 7)
  esc_json "held-$attempt" >"$work/held.json"
  fails_with "elasticsearchclusters.navigator.jetstack.io \"held-$attempt\" is forbidden: unable to create new content in namespace hold-e2e because it is being terminated" \
    kubectl create -n hold-e2e -f "$work/held.json"
}
check "create in a terminating namespace is Forbidden (within 10 s of the deletion)" eventually 10 create_in_terminating
check "release hold-e2e (remove the finalizer)" \
  kubectl patch namespace hold-e2e --type=merge -p '{"metadata":{"finalizers":null}}'
check "hold-e2e finishes terminating" eventually 120 fails_with NotFound kubectl get namespace hold-e2e

# ---- (e) Straight to navigator-apiserver's port.
echo "== (e) requests straight to navigator-apiserver"
list=$esc_path/elasticsearchclusters
forged=(-H 'X-Remote-User: admin' -H 'X-Remote-Group: system:masters')
for p in /healthz /readyz /livez; do
  check "anonymous GET $p is 200 (always allowed)" answers 200 '' "$p"
done
check "anonymous GET /apis is 403 for system:anonymous" answers 403 \
  'Forbidden: forbidden: User "system:anonymous" cannot get path "/apis"' /apis
check "admin's client certificate lists esc cluster-wide (200)" answers 200 '' "$list" "${admin_cert[@]}"
check "the front-proxy certificate with X-Remote-User admin lists (200: the aggregator's path)" \
  answers 200 '' "$list" --cert "$pki/front-proxy-client.crt" --key "$pki/front-proxy-client.key" "${forged[@]}"
not_admin() { # not_admin [curl args...]: the list is 401, or 403 as system:anonymous
  answers 401 'Unauthorized: Unauthorized' "$list" "$@" >/dev/null ||
    answers 403 'User "system:anonymous" cannot list resource "elasticsearchclusters" in API group "navigator.jetstack.io" at the cluster scope' \
      "$list" "$@"
}
check "forged X-Remote-User admin / X-Remote-Group system:masters without a certificate: 401, or 403 as system:anonymous" \
  not_admin "${forged[@]}"
check "forged headers with alice's client certificate (client CA, not front proxy): treated as alice" \
  answers 403 \
  'Forbidden: elasticsearchclusters.navigator.jetstack.io is forbidden: User "alice" cannot list resource "elasticsearchclusters" in API group "navigator.jetstack.io" at the cluster scope' \
  "$list" "${alice_cert[@]}" "${forged[@]}"
# A certificate from the front-proxy CA whose name is not an allowed one.
pki_cert "$pki" rogue-proxy front-proxy-ca client rogue-proxy ""
check "forged headers with a front-proxy-CA certificate not in the allowed names: not admin" \
  answers "401 403" '' "$list" --cert "$pki/rogue-proxy.crt" --key "$pki/rogue-proxy.key" "${forged[@]}"

# Bad client certificates, each for user "admin" in system:masters.
bad=$work/bad
mkdir -p "$bad/db"
: >"$bad/db/index.txt"
cat >"$bad/ca.cnf" <<CNF
[ca]
default_ca = expired
[expired]
database = $bad/db/index.txt
new_certs_dir = $bad/db
rand_serial = yes
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
organizationName = optional
[ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
CNF
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=system:masters/CN=admin" \
  -keyout "$bad/admin.key" -out "$bad/admin.csr" 2>/dev/null
# Expired: signed by the real client CA, valid only in 2024.
openssl ca -batch -config "$bad/ca.cnf" -cert "$pki/client-ca.crt" -keyfile "$pki/client-ca.key" \
  -in "$bad/admin.csr" -out "$bad/expired.crt" -startdate 20240101000000Z -enddate 20240102000000Z \
  -extensions ext -notext >/dev/null 2>&1
check "the expired certificate is from the client CA and expired" \
  fails_with "certificate has expired" openssl verify -CAfile "$pki/client-ca.crt" "$bad/expired.crt"
# Unknown CA: a CA of the same name as the client CA, with another key.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=navigator-local-client-ca \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" \
  -keyout "$bad/other-ca.key" -out "$bad/other-ca.crt" -days 30 2>/dev/null
openssl x509 -req -in "$bad/admin.csr" -CA "$bad/other-ca.crt" -CAkey "$bad/other-ca.key" -days 30 \
  -set_serial 7 -extfile "$bad/ca.cnf" -extensions ext -out "$bad/unknown-ca.crt" 2>/dev/null
# Self-signed.
openssl req -x509 -key "$bad/admin.key" -subj "/O=system:masters/CN=admin" -days 30 \
  -addext "extendedKeyUsage=clientAuth" -out "$bad/self-signed.crt" 2>/dev/null
for c in expired unknown-ca self-signed; do
  check "$c client certificate for admin/system:masters: 401 Unauthorized" \
    answers 401 'Unauthorized: Unauthorized' "$list" --cert "$bad/$c.crt" --key "$bad/admin.key"
done
check "a garbage bearer token: 401 Unauthorized" \
  answers 401 'Unauthorized: Unauthorized' "$list" -H 'Authorization: Bearer not-a-token.at.all'
check "ServiceAccount team-a/e2e-reader" kubectl create serviceaccount e2e-reader -n team-a
token=$(kubectl create token e2e-reader -n team-a 2>/dev/null || true)
check "a valid ServiceAccount token authenticates (TokenReview): 403 naming the ServiceAccount" answers 403 \
  'User "system:serviceaccount:team-a:e2e-reader" cannot list resource "elasticsearchclusters"' \
  "$list" -H "Authorization: Bearer $token"

# ---- (f) Fail closed while kube-apiserver is down.
echo "== (f) kube-apiserver down"
fresh_token=$(kubectl create token e2e-reader -n team-a --duration=1h 2>/dev/null || true)
check "a second, never used token" test -n "$fresh_token" -a "$fresh_token" != "$token"
user bob
kube_pid=$(local_proc_pid kube-apiserver) || checks_abort "kube-apiserver is not running; cannot test (f)"
mapfile -d '' kube_cmd <"/proc/$kube_pid/cmdline" # to restart it the same way
# With kube-controller-manager's and kube-scheduler's watches open,
# kube-apiserver drains for 20 s after SIGTERM; SIGKILL after 5 s is as "down".
check "stop kube-apiserver (pid $kube_pid)" local_proc_stop kube-apiserver 5
down_start=$SECONDS
check "kube-apiserver down: an unseen bearer token is 401 or 503, never served" \
  answers "401 503" '' "$list" -H "Authorization: Bearer $fresh_token"
check "kube-apiserver down: an unseen user's client certificate (bob) is 403 or 503, never served" \
  answers "403 503" '' "$list" --cert "$pki/bob.crt" --key "$pki/bob.key"
check "kube-apiserver down: an unseen user in team-a (bob) is 403 or 503, never served" \
  answers "403 503" '' "$esc_path/namespaces/team-a/elasticsearchclusters" --cert "$pki/bob.crt" --key "$pki/bob.key"
check "kube-apiserver down: the answers came within 60 s" test $((SECONDS - down_start)) -lt 60
check "kube-apiserver down: navigator-apiserver still runs" local_proc_pid navigator-apiserver
echo "    restarting kube-apiserver"
local_proc_start kube-apiserver "${kube_cmd[@]}"
kube_ready() {
  curl -fsS --cacert "$pki/serving-ca.crt" "${admin_cert[@]}" "https://127.0.0.1:$KUBE_APISERVER_PORT/readyz"
}
check "kube-apiserver ready again" eventually 120 kube_ready
check "after the restart: the token authenticates again (403 naming the ServiceAccount)" eventually 60 answers 403 \
  'User "system:serviceaccount:team-a:e2e-reader" cannot list resource "elasticsearchclusters"' \
  "$list" -H "Authorization: Bearer $fresh_token"
check "after the restart: bob is refused as bob (403)" eventually 60 answers 403 \
  'User "bob" cannot list resource "elasticsearchclusters"' "$list" --cert "$pki/bob.crt" --key "$pki/bob.key"
check "after the restart: alice lists team-a through the aggregator" eventually 120 succeeds_with demo as alice get esc -n team-a

no_sanitizer_report() { ! grep -E "Sanitizer|runtime error:" "$NAVIGATOR_LOCAL_DIR/logs/navigator-apiserver.log"; }
check "local-down" "$root/hack/local-down.sh"
check "navigator-apiserver's log has no sanitizer report" no_sanitizer_report

checks_summary
