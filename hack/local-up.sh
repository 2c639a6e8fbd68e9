#!/usr/bin/env bash
# Starts a local Kubernetes control plane with Navigator behind the aggregation
# layer, all on 127.0.0.1, in the background:
#
#   etcd                     one server; kube-apiserver under /registry, navigator under /navigator
#   kube-apiserver           aggregation layer on (front-proxy CA and client cert,
#                            --requestheader-*), client-certificate users, Node,RBAC
#   kube-controller-manager  all default controllers (garbage collector, namespace,
#                            StatefulSet, endpoints, service accounts, ...)
#   kube-scheduler
#   navigator-apiserver      serving certificate for navigator-apiserver.navigator.svc,
#                            delegated authentication and authorization (TokenReview,
#                            SubjectAccessReview) and NamespaceLifecycle against
#                            kube-apiserver, as user system:serviceaccount:navigator:navigator-apiserver
#                            (client certificate) bound by the Helm chart's RBAC;
#                            registered as APIService v1alpha1.navigator.jetstack.io
#                            through the ExternalName Service navigator/navigator-apiserver
#
# then waits until the APIService is Available and prints
# `KUBECONFIG=<admin kubeconfig>` as its last line (the only line on stdout;
# progress goes to stderr). Idempotent: when everything is already up it only
# prints that line; when something died, it stops the rest and starts the whole
# stack again (data, ports when still free, and certificates are kept).
# hack/local-down.sh stops it. See docs/local-up.md.
#
# Environment:
#   NAVIGATOR_LOCAL_DIR      state: pid files, logs, certificates, kubeconfigs, etcd data
#                            (default ${XDG_STATE_HOME:-~/.local/state}/navigator/local-up)
#   NAVIGATOR_APISERVER_BIN  a navigator-apiserver binary to run instead of building
#                            one (the tests pass their own build)
#   NAVIGATOR_LOCAL_BUILD_DIR  where navigator-apiserver is built otherwise
#                            (default build/release, configured with the release preset)
#   NAVIGATOR_LOCAL_TIMEOUT  seconds to wait for each component, and for the
#                            APIService, to become ready (default 180)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=hack/lib/local-control-plane.sh
source "$root/hack/lib/local-control-plane.sh"
# shellcheck source=hack/lib/local-pki.sh
source "$root/hack/lib/local-pki.sh"

timeout=${NAVIGATOR_LOCAL_TIMEOUT:-180}
[[ $timeout =~ ^[1-9][0-9]*$ ]] || {
  echo "local-up: NAVIGATOR_LOCAL_TIMEOUT must be a positive number of seconds, not '$timeout'" >&2
  exit 2
}
[ $# -eq 0 ] || {
  echo "usage: $0   (no arguments; see the comment at the top for the environment)" >&2
  exit 2
}

local_state_init
mkdir -p "$LOCAL_DIR"/{pki,run,logs}
touch "$LOCAL_DIR/.navigator-local-up" # lets local-down --purge know the directory is ours
local_lock

log() { echo "local-up: $*" >&2; }
apiservice=v1alpha1.navigator.jetstack.io
admin_kubeconfig="$LOCAL_DIR/admin.kubeconfig"

# Prints the APIService's Available condition as "status reason: message".
apiservice_condition() {
  "$BIN_DIR/kubectl" --kubeconfig "$admin_kubeconfig" get apiservice "$apiservice" \
    -o jsonpath='{range .status.conditions[?(@.type=="Available")]}{.status} {.reason}: {.message}{end}' 2>&1
}

# ---- Already up? Then this run is a no-op.
running=()
stopped=()
for c in "${LOCAL_COMPONENTS[@]}"; do
  if local_proc_pid "$c" >/dev/null; then running+=("$c"); else stopped+=("$c"); fi
done
if [ ${#stopped[@]} -eq 0 ] && [ -f "$LOCAL_DIR/local.env" ]; then
  # shellcheck source=/dev/null
  source "$LOCAL_DIR/local.env"
  condition=$(apiservice_condition || true)
  if [[ $condition == True* ]]; then
    log "already up (state in $LOCAL_DIR)"
    echo "KUBECONFIG=$admin_kubeconfig"
    exit 0
  fi
  log "every process runs but the APIService is not Available ($condition); restarting the stack"
elif [ ${#running[@]} -gt 0 ]; then
  log "not running: ${stopped[*]}; restarting the stack"
fi
local_stop_all

# From here on, a failure stops whatever this run started and shows the logs.
started_ok=0
on_exit() {
  local status=$?
  [ "$started_ok" = 1 ] && return 0
  if [ "$status" = 130 ]; then
    log "interrupted; stopping what this run started"
  else
    log "failed; the end of the log of each component started follows (all logs: $LOCAL_DIR/logs/)"
    for c in "${LOCAL_STARTED[@]}"; do local_log_tail "$c" 20; done
  fi
  local_stop_all
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# ---- Binaries.
"$root/hack/install-deps.sh" >&2
BIN_DIR=$("$root/hack/build-test-binaries.sh" --control-plane | tail -n 1)
APISERVER_BIN=${NAVIGATOR_APISERVER_BIN:-}
if [ -z "$APISERVER_BIN" ]; then
  # Configured once with the release preset; ninja then decides whether
  # anything is out of date (a no-op when nothing is).
  build_dir=${NAVIGATOR_LOCAL_BUILD_DIR:-$root/build/release}
  if [ ! -f "$build_dir/build.ninja" ]; then
    (cd "$root" && cmake --preset release -B "$build_dir" >&2)
  fi
  cmake --build "$build_dir" --target navigator-apiserver >&2
  APISERVER_BIN="$build_dir/cmd/navigator-apiserver/navigator-apiserver"
fi
[ -x "$APISERVER_BIN" ] || {
  log "navigator-apiserver binary '$APISERVER_BIN' is missing or not executable"
  exit 1
}
APISERVER_BIN=$(cd "$(dirname "$APISERVER_BIN")" && pwd)/$(basename "$APISERVER_BIN")

# ---- Ports: the previous run's when still free, else new free ones.
ports=(ETCD_PORT ETCD_PEER_PORT KUBE_APISERVER_PORT NAVIGATOR_PORT KCM_PORT SCHEDULER_PORT)
previous=()
for v in "${ports[@]}"; do
  p=$(sed -n "s/^$v=\([0-9][0-9]*\)\$/\1/p" "$LOCAL_DIR/local.env" 2>/dev/null || true)
  previous+=("${p:-0}")
done
read -r "${ports[@]}" < <(local_pick_ports "${previous[@]}")
{
  echo "# Written by hack/local-up.sh; read by local-up, local-down and the tests."
  for v in BIN_DIR APISERVER_BIN "${ports[@]}"; do
    printf '%s=%q\n' "$v" "${!v}"
  done
} >"$LOCAL_DIR/local.env"

# ---- Certificates and keys. Four CAs: client certificates (users, the
# controller manager and scheduler; it also signs CSRs), the front proxy (only the
# aggregator's client certificate), kube-apiserver's serving certificate, and
# navigator-apiserver's serving certificate (the APIService's caBundle, so the
# aggregator trusts nothing else at that address).
pki="$LOCAL_DIR/pki"
pki_ca "$pki" client-ca navigator-local-client-ca
pki_ca "$pki" front-proxy-ca navigator-local-front-proxy-ca
pki_ca "$pki" serving-ca navigator-local-serving-ca
pki_ca "$pki" navigator-ca navigator-local-navigator-ca
pki_cert "$pki" kube-apiserver serving-ca serving kube-apiserver "" \
  DNS:localhost DNS:kubernetes DNS:kubernetes.default DNS:kubernetes.default.svc \
  DNS:kubernetes.default.svc.cluster.local IP:127.0.0.1 IP:10.0.0.1
pki_cert "$pki" navigator-apiserver navigator-ca serving navigator-apiserver.navigator.svc "" \
  DNS:navigator-apiserver.navigator.svc DNS:navigator-apiserver.navigator.svc.cluster.local \
  DNS:localhost IP:127.0.0.1
pki_cert "$pki" front-proxy-client front-proxy-ca client front-proxy-client ""
pki_cert "$pki" admin client-ca client admin system:masters
pki_cert "$pki" kube-controller-manager client-ca client system:kube-controller-manager ""
pki_cert "$pki" kube-scheduler client-ca client system:kube-scheduler ""
# navigator-apiserver's own identity towards kube-apiserver (TokenReview,
# SubjectAccessReview, the extension-apiserver-authentication ConfigMap,
# namespaces): the user name of the chart's ServiceAccount, so that the chart's
# RBAC bindings (applied below) name it unchanged.
pki_cert "$pki" navigator-apiserver-client client-ca client \
  system:serviceaccount:navigator:navigator-apiserver ""
pki_key "$pki/service-account.key"
pki_public_key "$pki/service-account.key" "$pki/service-account.pub"

# kubeconfig <file> <user cert name>: a kubeconfig for kube-apiserver as that user.
write_kubeconfig() {
  cat >"$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: navigator-local
  cluster:
    server: https://127.0.0.1:$KUBE_APISERVER_PORT
    certificate-authority: $pki/serving-ca.crt
users:
- name: $2
  user:
    client-certificate: $pki/$2.crt
    client-key: $pki/$2.key
contexts:
- name: $2@navigator-local
  context:
    cluster: navigator-local
    user: $2
current-context: $2@navigator-local
KUBECONFIG
}
write_kubeconfig "$admin_kubeconfig" admin
write_kubeconfig "$LOCAL_DIR/kube-controller-manager.kubeconfig" kube-controller-manager
write_kubeconfig "$LOCAL_DIR/kube-scheduler.kubeconfig" kube-scheduler
navigator_kubeconfig="$LOCAL_DIR/navigator-apiserver.kubeconfig"
write_kubeconfig "$navigator_kubeconfig" navigator-apiserver-client

# wait_ready <component> <what> <command...>: retries the command until it
# succeeds; fails early when the component exits, and after the timeout.
wait_ready() {
  local c=$1 what=$2
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! local_proc_pid "$c" >/dev/null; then
      log "$c exited before $what"
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      log "timed out after ${timeout}s waiting for $what"
      exit 1
    fi
    sleep 0.3
  done
}

# ---- etcd.
etcd_url="http://127.0.0.1:$ETCD_PORT"
log "starting etcd on $etcd_url"
local_proc_start etcd "$BIN_DIR/etcd" --name navigator-local-up --data-dir "$LOCAL_DIR/etcd-data" \
  --listen-client-urls "$etcd_url" --advertise-client-urls "$etcd_url" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "navigator-local-up=http://127.0.0.1:$ETCD_PEER_PORT" --log-level warn
wait_ready etcd "etcd's /health" curl -fsS "$etcd_url/health"

# ---- kube-apiserver.
kube_url="https://127.0.0.1:$KUBE_APISERVER_PORT"
log "starting kube-apiserver on $kube_url"
local_proc_start kube-apiserver "$BIN_DIR/kube-apiserver" \
  --etcd-servers "$etcd_url" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$KUBE_APISERVER_PORT" \
  --tls-cert-file "$pki/kube-apiserver.crt" --tls-private-key-file "$pki/kube-apiserver.key" \
  --client-ca-file "$pki/client-ca.crt" \
  --requestheader-client-ca-file "$pki/front-proxy-ca.crt" \
  --requestheader-allowed-names front-proxy-client \
  --requestheader-username-headers X-Remote-User \
  --requestheader-group-headers X-Remote-Group \
  --requestheader-extra-headers-prefix X-Remote-Extra- \
  --proxy-client-cert-file "$pki/front-proxy-client.crt" \
  --proxy-client-key-file "$pki/front-proxy-client.key" \
  --enable-aggregator-routing=false \
  --service-account-issuer https://kubernetes.default.svc \
  --service-account-key-file "$pki/service-account.pub" \
  --service-account-signing-key-file "$pki/service-account.key" \
  --service-cluster-ip-range 10.0.0.0/24 \
  --authorization-mode Node,RBAC \
  --allow-privileged=true \
  --endpoint-reconciler-type none \
  --cert-dir "$LOCAL_DIR/kube-apiserver"
wait_ready kube-apiserver "kube-apiserver's /readyz" curl -fsS --cacert "$pki/serving-ca.crt" \
  --cert "$pki/admin.crt" --key "$pki/admin.key" "$kube_url/readyz"

# ---- navigator-apiserver's RBAC, before it starts: it reads the
# extension-apiserver-authentication ConfigMap and the namespaces at start.
# The objects are the Helm chart's own (deploy/helm/navigator, release
# "navigator" in namespace "navigator"): its ServiceAccount, the binding to
# system:auth-delegator (TokenReview, SubjectAccessReview), the RoleBinding in
# kube-system to extension-apiserver-authentication-reader, and the ClusterRole
# and binding for namespaces get/list/watch (NamespaceLifecycle).
log "applying navigator-apiserver's RBAC (from deploy/helm/navigator)"
{
  printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: navigator\n'
  HELM_CACHE_HOME="$LOCAL_DIR/helm/cache" HELM_CONFIG_HOME="$LOCAL_DIR/helm/config" \
    HELM_DATA_HOME="$LOCAL_DIR/helm/data" "$BIN_DIR/helm" template navigator "$root/deploy/helm/navigator" \
    --namespace navigator --show-only templates/apiserver-serviceaccount.yaml \
    --show-only templates/apiserver-rbac.yaml
} >"$LOCAL_DIR/navigator-rbac.yaml"
"$BIN_DIR/kubectl" --kubeconfig "$admin_kubeconfig" apply -f "$LOCAL_DIR/navigator-rbac.yaml" >&2

# ---- navigator-apiserver, with delegated authentication and authorization
# against kube-apiserver as the identity above: front-proxy requests are
# verified with the CA and names from the ConfigMap. The readiness check dials
# it by the Service's DNS name, as the aggregator does, so a certificate
# without that name fails here.
log "starting navigator-apiserver on https://127.0.0.1:$NAVIGATOR_PORT ($APISERVER_BIN)"
local_proc_start navigator-apiserver "$APISERVER_BIN" \
  --etcd-servers "$etcd_url" --etcd-prefix /navigator \
  --bind-address 127.0.0.1 --secure-port "$NAVIGATOR_PORT" \
  --tls-cert-file "$pki/navigator-apiserver.crt" --tls-private-key-file "$pki/navigator-apiserver.key" \
  --kubeconfig "$navigator_kubeconfig" \
  --authentication-kubeconfig "$navigator_kubeconfig" --authorization-kubeconfig "$navigator_kubeconfig" \
  --v 2
wait_ready navigator-apiserver "navigator-apiserver's /readyz" curl -fsS --cacert "$pki/navigator-ca.crt" \
  --resolve "navigator-apiserver.navigator.svc:$NAVIGATOR_PORT:127.0.0.1" \
  "https://navigator-apiserver.navigator.svc:$NAVIGATOR_PORT/readyz"

# ---- kube-controller-manager and kube-scheduler.
log "starting kube-controller-manager on https://127.0.0.1:$KCM_PORT"
kcm_kubeconfig="$LOCAL_DIR/kube-controller-manager.kubeconfig"
local_proc_start kube-controller-manager "$BIN_DIR/kube-controller-manager" \
  --kubeconfig "$kcm_kubeconfig" \
  --authentication-kubeconfig "$kcm_kubeconfig" --authorization-kubeconfig "$kcm_kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$KCM_PORT" --cert-dir "$LOCAL_DIR/kube-controller-manager" \
  --controllers '*' \
  --use-service-account-credentials=true \
  --root-ca-file "$pki/serving-ca.crt" \
  --service-account-private-key-file "$pki/service-account.key" \
  --cluster-signing-cert-file "$pki/client-ca.crt" --cluster-signing-key-file "$pki/client-ca.key" \
  --leader-elect=false
log "starting kube-scheduler on https://127.0.0.1:$SCHEDULER_PORT"
scheduler_kubeconfig="$LOCAL_DIR/kube-scheduler.kubeconfig"
local_proc_start kube-scheduler "$BIN_DIR/kube-scheduler" \
  --kubeconfig "$scheduler_kubeconfig" \
  --authentication-kubeconfig "$scheduler_kubeconfig" --authorization-kubeconfig "$scheduler_kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" --cert-dir "$LOCAL_DIR/kube-scheduler" \
  --leader-elect=false
# Their serving certificates are self-signed in memory; only liveness is checked.
wait_ready kube-controller-manager "kube-controller-manager's /healthz" \
  curl -fsSk "https://127.0.0.1:$KCM_PORT/healthz"
wait_ready kube-scheduler "kube-scheduler's /healthz" curl -fsSk "https://127.0.0.1:$SCHEDULER_PORT/healthz"

# ---- Registration. For an ExternalName Service the aggregator dials
# https://<externalName>:<APIService spec.service.port> (the Service's own ports
# are not consulted), so the APIService names navigator-apiserver's port; the
# Service lists the same port for readers. TLS is verified against caBundle with
# ServerName navigator-apiserver.navigator.svc.
log "registering $apiservice"
ca_bundle=$(base64 -w0 "$pki/navigator-ca.crt")
"$BIN_DIR/kubectl" --kubeconfig "$admin_kubeconfig" apply -f - >&2 <<MANIFESTS
apiVersion: v1
kind: Service
metadata:
  name: navigator-apiserver
  namespace: navigator
spec:
  type: ExternalName
  externalName: localhost
  ports:
  - name: https
    port: $NAVIGATOR_PORT
    targetPort: $NAVIGATOR_PORT
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: $apiservice
spec:
  group: navigator.jetstack.io
  version: v1alpha1
  groupPriorityMinimum: 1000
  versionPriority: 15
  service:
    name: navigator-apiserver
    namespace: navigator
    port: $NAVIGATOR_PORT
  caBundle: $ca_bundle
MANIFESTS

deadline=$((SECONDS + timeout))
until [[ $(apiservice_condition || true) == True* ]]; do
  for c in "${LOCAL_COMPONENTS[@]}"; do
    local_proc_pid "$c" >/dev/null || {
      log "$c exited while waiting for $apiservice to become Available"
      exit 1
    }
  done
  if [ $SECONDS -ge $deadline ]; then
    log "timed out after ${timeout}s waiting for $apiservice to become Available; its condition:"
    log "  $(apiservice_condition || true)"
    exit 1
  fi
  sleep 0.5
done

started_ok=1
log "up: etcd $etcd_url, kube-apiserver $kube_url, navigator-apiserver https://127.0.0.1:$NAVIGATOR_PORT;"
log "state, logs and certificates in $LOCAL_DIR; stop with hack/local-down.sh"
echo "KUBECONFIG=$admin_kubeconfig"
