#!/usr/bin/env bash
# The Helm chart in deploy/helm/navigator: helm lint, renders with default and
# non-default values (a user-provided certificate, three etcd members, a
# namespaced controller), assertions on the rendered objects
# (check_manifests.py), refusal of bad values with a clear message,
# deploy/manifests/navigator.yaml being up to date with the chart, every
# rendering against Kubernetes' OpenAPI schemas (validate_schema.py), and
# `kubectl apply --dry-run=server` of every rendering against a real
# kube-apiserver (started here, tests/deploy/kube_apiserver.sh).
# Usage: chart_test.sh <repo root>
# Needs NAVIGATOR_TEST_BIN_DIR (helm, etcd, kubectl, kube-apiserver): see
# hack/build-test-binaries.sh --control-plane.
set -euo pipefail

root=$1
bin_dir=${NAVIGATOR_TEST_BIN_DIR:?set NAVIGATOR_TEST_BIN_DIR: run hack/build-test-binaries.sh}
helm=$bin_dir/helm
if [ ! -x "$helm" ]; then
  echo "$helm is not an executable file: run hack/build-test-binaries.sh and set NAVIGATOR_TEST_BIN_DIR to the directory it prints" >&2
  exit 1
fi
python3 -c 'import yaml' 2>/dev/null || { echo "python3 with PyYAML is needed: run hack/install-deps.sh" >&2; exit 1; }

chart=$root/deploy/helm/navigator
checker=$root/tests/deploy/check_manifests.py
# shellcheck source=tests/deploy/kube_apiserver.sh
source "$root/tests/deploy/kube_apiserver.sh"
work=$(mktemp -d)
trap 'kube_down; rm -rf "$work"' EXIT
# helm keeps nothing for a local chart; keep its home directories out of $HOME.
export HELM_CACHE_HOME=$work/helm/cache HELM_CONFIG_HOME=$work/helm/config HELM_DATA_HOME=$work/helm/data

passed=0
failed=0
check() {  # check <description> <command...>: the command must succeed
  local description=$1; shift
  local out
  if out=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok: $description"
  else
    failed=$((failed + 1)); echo "FAILED: $description"; echo "$out" | sed 's/^/    /'
  fi
}
fails_with() {  # fails_with <needle> <command...>: must fail and mention needle
  local needle=$1; shift
  local out
  if out=$("$@" 2>&1); then echo "expected failure, got success"; return 1; fi
  grep -qF -- "$needle" <<<"$out" || { echo "expected: $needle"; echo "got: $out"; return 1; }
}
lacks() {  # lacks <needle> <file>: the file must not contain needle
  if grep -nF -- "$1" "$2"; then echo "found: $1"; return 1; fi
}
manifests() { python3 "$checker" "$@"; }
render() {  # render <out file> [helm args...]
  local out=$1; shift
  "$helm" template navigator "$chart" --namespace navigator "$@" > "$out"
}

# --- lint --------------------------------------------------------------------
check "helm lint --strict (default values)" "$helm" lint --strict "$chart" --namespace navigator

# A certificate of the user's own, for the non-default render.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca \
  -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
ca_bundle=$(base64 -w0 "$work/ca.crt")
cat > "$work/custom.yaml" <<EOF
fullnameOverride: nav
clusterDomain: example.internal
apiserver:
  replicas: 2
  image: {repository: registry.example/navigator-apiserver, tag: "1.2.3", pullPolicy: Always}
  extraArgs: ["--watch-cache=false"]
  tls:
    existingSecret: my-navigator-tls
    caBundle: $ca_bundle
  nodeSelector: {pool: system}
  tolerations: [{key: pool, operator: Equal, value: system, effect: NoSchedule}]
controller:
  watchNamespace: team-a
  nodeSelector: {pool: system}
  tolerations: [{key: pool, operator: Exists}]
etcd:
  replicas: 3
  persistence: {storageClassName: fast-ssd, size: 20Gi}
  nodeSelector: {pool: system}
  tolerations: [{key: pool, operator: Exists}]
EOF
check "helm lint --strict (user-provided certificate, 3 etcd members)" \
  "$helm" lint --strict "$chart" --namespace navigator -f "$work/custom.yaml"

# --- default values ----------------------------------------------------------
check "helm template (default values)" render "$work/default.yaml"
check "default: etcd data on a PersistentVolumeClaim, no emptyDir" manifests "$work/default.yaml" etcd_persistent
check "default: no emptyDir in any pod" manifests "$work/default.yaml" no_emptydir
check "default: 10Gi, default storage class, 1 member, volumes retained" \
  manifests "$work/default.yaml" etcd_storage 10Gi
check "default: headless and client Services for etcd" manifests "$work/default.yaml" etcd_services
check "default: APIService with caBundle, no insecureSkipTLSVerify, original priorities" \
  manifests "$work/default.yaml" apiservice
check "default: generated TLS Secret matches the caBundle" manifests "$work/default.yaml" tls_secret "$work"
check "default: generated certificate verifies for navigator-apiserver.navigator.svc" \
  openssl verify -CAfile "$work/ca.crt" -verify_hostname navigator-apiserver.navigator.svc "$work/tls.crt"
check "default: generated certificate verifies for the cluster.local name" \
  openssl verify -CAfile "$work/ca.crt" -verify_hostname navigator-apiserver.navigator.svc.cluster.local "$work/tls.crt"
key_matches() {
  [ "$(openssl x509 -in "$work/tls.crt" -noout -pubkey)" = "$(openssl pkey -in "$work/tls.key" -pubout)" ]
}
check "default: generated key belongs to the certificate" key_matches
check "default: every container non-root, read-only, no capabilities, RuntimeDefault" \
  manifests "$work/default.yaml" security_context
check "default: requests, limits and pinned images" manifests "$work/default.yaml" resources
check "default: apiserver flags, HTTPS probes, Service 443 -> 6443" manifests "$work/default.yaml" apiserver
check "default: apiserver RBAC (auth-delegator, authentication reader, namespaces)" \
  manifests "$work/default.yaml" apiserver_rbac
check "default: controller ClusterRole covers what it manages, Lease for leader election" \
  manifests "$work/default.yaml" controller_rbac
check "default: everything in namespace navigator" manifests "$work/default.yaml" namespace navigator
check "default: selectors match pod templates" manifests "$work/default.yaml" selectors
check "default: images default to the appVersion" \
  manifests "$work/default.yaml" image apiserver navigator/navigator-apiserver:0.1.0

# --- non-default values --------------------------------------------------------
check "helm template (user-provided certificate)" render "$work/custom.yaml.out" -f "$work/custom.yaml"
c=$work/custom.yaml.out
check "custom: no chart Secret; mounts the user's Secret" manifests "$c" no_chart_secret my-navigator-tls
check "custom: APIService caBundle is the given one" manifests "$c" ca_bundle "$ca_bundle"
check "custom: APIService still verifies TLS" manifests "$c" apiservice
check "custom: etcd on PVCs" manifests "$c" etcd_persistent
check "custom: 3 members, fast-ssd, 20Gi, PodDisruptionBudget" manifests "$c" etcd_storage 20Gi fast-ssd 3
check "custom: security contexts" manifests "$c" security_context
check "custom: apiserver flags and probes" manifests "$c" apiserver
check "custom: extra args passed" manifests "$c" arg apiserver --watch-cache=false
check "helm template (extra args that turn authorization off)" render "$work/allow.yaml" \
  --set 'apiserver.extraArgs={--authorization-mode=AlwaysAllow}'
check "the apiserver check refuses --authorization-mode=AlwaysAllow" \
  fails_with "--authorization-mode=AlwaysAllow" manifests "$work/allow.yaml" apiserver
check "custom: image override" manifests "$c" image apiserver registry.example/navigator-apiserver:1.2.3
check "custom: apiserver replicas" manifests "$c" replicas apiserver 2
check "custom: apiserver RBAC" manifests "$c" apiserver_rbac
check "custom: controller gets a Role in its watched namespace" manifests "$c" controller_rbac namespace team-a
check "custom: namespaces" manifests "$c" namespace navigator
check "custom: nodeSelector and tolerations on every pod" manifests "$c" scheduling pool system
check "custom: selectors" manifests "$c" selectors

# --- bad values are refused with a clear message ---------------------------------
check "existingSecret without caBundle is refused" fails_with "apiserver.tls.caBundle is required" \
  render "$work/bad.yaml" --set apiserver.tls.existingSecret=x
check "caBundle without existingSecret is refused" fails_with "only used together with apiserver.tls.existingSecret" \
  render "$work/bad.yaml" --set apiserver.tls.caBundle="$ca_bundle"
check "an even number of etcd members is refused" fails_with "/etcd/replicas" \
  render "$work/bad.yaml" --set etcd.replicas=2
check "an even number of etcd members is refused without the schema too" fails_with "must be an odd number" \
  render "$work/bad.yaml" --set etcd.replicas=2 --skip-schema-validation
check "external etcd without servers is refused" fails_with "etcd.externalServers must list" \
  render "$work/bad.yaml" --set etcd.enabled=false
check "a misspelt value is refused" fails_with "apiserverr" \
  render "$work/bad.yaml" --set apiserverr.replicas=2
check "a wrong type is refused" fails_with "/apiserver/replicas" \
  render "$work/bad.yaml" --set-string apiserver.replicas=two
external() {
  render "$work/external.yaml" --set etcd.enabled=false --set 'etcd.externalServers={https://etcd-a:2379,https://etcd-b:2379}' &&
    manifests "$work/external.yaml" arg apiserver --etcd-servers=https://etcd-a:2379,https://etcd-b:2379 &&
    ! grep -q 'kind: StatefulSet' "$work/external.yaml"
}
check "external etcd: no StatefulSet, --etcd-servers from the values" external

# --- switches -----------------------------------------------------------------
check "helm template (no RBAC, no APIService, no controller)" render "$work/minimal.yaml" \
  --set rbac.create=false --set apiService.create=false --set controller.enabled=false
for kind in ClusterRole ClusterRoleBinding Role RoleBinding APIService; do
  check "minimal: no $kind" manifests "$work/minimal.yaml" count "$kind" 0
done
check "minimal: only the apiserver Deployment" manifests "$work/minimal.yaml" count Deployment 1
check "minimal: still no emptyDir, still non-root" manifests "$work/minimal.yaml" security_context
check "a ServiceAccount neither created nor named is refused" \
  fails_with "apiserver.serviceAccount.name is required" render "$work/bad.yaml" --set apiserver.serviceAccount.create=false
existing_sa() {
  render "$work/sa.yaml" --set apiserver.serviceAccount.create=false --set apiserver.serviceAccount.name=ops-sa &&
    manifests "$work/sa.yaml" count ServiceAccount 1 &&
    grep -q 'serviceAccountName: ops-sa' "$work/sa.yaml"
}
check "an existing ServiceAccount is used, not created" existing_sa

# --- the committed manifests ---------------------------------------------------
committed=$root/deploy/manifests/navigator.yaml
check "deploy/render.sh renders" env NAVIGATOR_TEST_BIN_DIR="$bin_dir" "$root/deploy/render.sh" -o "$work/rendered.yaml"
check "deploy/manifests/navigator.yaml is up to date with the chart (run deploy/render.sh)" \
  diff -u "$committed" "$work/rendered.yaml"
for marker in LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVk LS0tLS1CRUdJTiBQUklWQVRFIEtFWS LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS "PRIVATE KEY"; do
  check "committed manifests hold no private key ($marker)" lacks "$marker" "$committed"
done
check "committed: etcd on PVCs, no emptyDir" manifests "$committed" etcd_persistent
check "committed: no emptyDir in any pod" manifests "$committed" no_emptydir
check "committed: APIService with caBundle, no insecureSkipTLSVerify" manifests "$committed" apiservice
check "committed: every container runAsNonRoot" manifests "$committed" security_context
check "committed: everything in namespace navigator" manifests "$committed" namespace navigator
check "render.sh --keep-certificates keeps a working certificate" \
  env NAVIGATOR_TEST_BIN_DIR="$bin_dir" "$root/deploy/render.sh" -o "$work/full.yaml" --keep-certificates
mkdir -p "$work/full"
check "--keep-certificates: Secret matches the caBundle" manifests "$work/full.yaml" tls_secret "$work/full"
check "--keep-certificates: certificate verifies for the Service name" \
  openssl verify -CAfile "$work/full/ca.crt" -verify_hostname navigator-apiserver.navigator.svc "$work/full/tls.crt"

# --- Kubernetes' own schemas ---------------------------------------------------------
# The OpenAPI v3 of the Kubernetes release kubectl is built from (its module is
# in Go's module cache after hack/build-test-binaries.sh). Checked offline, and
# again by a real kube-apiserver below.
openapi_dir() {
  (cd "$root/hack/tools/kubernetes" &&
    PATH="/usr/local/go/bin:$PATH" GOFLAGS=-mod=mod go mod download -json k8s.io/kubernetes) |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"] + "/api/openapi-spec/v3")'
}
if spec=$(openapi_dir 2>"$work/openapi.err") && [ -d "$spec" ]; then
  for f in "$committed" "$work/default.yaml" "$c" "$work/minimal.yaml" "$work/external.yaml"; do
    check "Kubernetes OpenAPI schemas accept $(basename "$f")" python3 "$root/tests/deploy/validate_schema.py" "$spec" "$f"
  done
else
  failed=$((failed + 1)); echo "FAILED: no Kubernetes OpenAPI schemas (k8s.io/kubernetes module): $(cat "$work/openapi.err")"
fi

# --- a real kube-apiserver: kubectl apply --dry-run=server ------------------------
# Server-side dry run runs validation, defaulting and admission but stores
# nothing, so a namespaced object's namespace must exist for real: the
# committed file's own Namespace (with its Pod Security label, so PodSecurity
# admission checks every pod template against "restricted" and warns about any
# violation) and team-a, the custom render's watched namespace.
dry_run() {  # dry_run <file> [allowed warning]: accepted, one "(server dry run)" line per object, no other warning
  local out objects allowed=${2:-}
  out=$("$bin_dir/kubectl" --kubeconfig "$KUBE_KUBECONFIG" apply --dry-run=server -f "$1" 2>&1) ||
    { echo "$out"; return 1; }
  objects=$(python3 -c 'import sys, yaml; print(sum(1 for d in yaml.safe_load_all(open(sys.argv[1])) if d))' "$1")
  if grep '^Warning:' <<<"$out" | grep -qvxF -- "${allowed:-no warning is allowed}" || [ "$(grep -c '(server dry run)$' <<<"$out")" -ne "$objects" ]; then
    echo "expected $objects objects accepted without a warning, got:"; echo "$out"; return 1
  fi
}
namespaces_of_committed() {
  python3 -c 'import sys, yaml; yaml.safe_dump_all([d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Namespace"], sys.stdout)' \
    "$committed" > "$work/namespace.yaml" &&
    "$bin_dir/kubectl" --kubeconfig "$KUBE_KUBECONFIG" apply -f "$work/namespace.yaml" &&
    "$bin_dir/kubectl" --kubeconfig "$KUBE_KUBECONFIG" create namespace team-a
}
if kube_up "$work/kube" "$bin_dir" 2> "$work/kube-up.err"; then
  check "namespaces navigator (from the committed manifests) and team-a created" namespaces_of_committed
  # The committed file's Secret holds placeholders, not PEM.
  check "kubectl apply --dry-run=server accepts navigator.yaml (committed; only the placeholder warning)" \
    dry_run "$committed" "Warning: tls: failed to find any PEM data in certificate input"
  for f in "$work/full.yaml" "$work/default.yaml" "$c" "$work/minimal.yaml" "$work/external.yaml" "$work/sa.yaml"; do
    check "kubectl apply --dry-run=server accepts $(basename "$f") without warnings" dry_run "$f"
  done
  # The check has teeth: PodSecurity warns about a container that may escalate.
  escalating() {
    render "$work/escalating.yaml" --set containerSecurityContext.allowPrivilegeEscalation=true &&
      fails_with 'would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false' \
        dry_run "$work/escalating.yaml"
  }
  check "dry run reports allowPrivilegeEscalation in the restricted namespace" escalating
else
  failed=$((failed + 1)); echo "FAILED: could not start etcd and kube-apiserver for the server-side dry run:"
  sed 's/^/    /' "$work/kube-up.err"
fi
kube_down

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
