# A throwaway etcd + kube-apiserver on 127.0.0.1 for server-side checks of
# manifests (`kubectl apply --dry-run=server`). Source it; it defines
# functions and touches nothing until called. No controllers, no aggregation
# layer: kube-apiserver's own validation, defaulting and admission
# (PodSecurity included) only.
#
# Contract: kube_up <dir> <bin dir> starts them with all state under <dir>
# (which it creates) and sets KUBE_KUBECONFIG, an admin kubeconfig (client
# certificate, group system:masters; RBAC is on). kube_down stops every process
# kube_up started, by pid (SIGTERM, SIGKILL after 20 s), and is safe to call
# more than once or when kube_up failed half-way. Needs etcd and kube-apiserver
# in <bin dir> (hack/build-test-binaries.sh --control-plane).

_kube_lib_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../hack/lib" && pwd)
# shellcheck source=hack/lib/local-control-plane.sh
source "$_kube_lib_dir/local-control-plane.sh"
# shellcheck source=hack/lib/local-pki.sh
source "$_kube_lib_dir/local-pki.sh"
LOCAL_DIR= # set by kube_up; kube_down before it is a no-op

# kube_up <dir> <bin dir> [timeout seconds, default 120]
kube_up() {
  local dir=$1 bin=$2 timeout=${3:-120} b
  for b in etcd kube-apiserver kubectl; do
    [ -x "$bin/$b" ] || {
      echo "kube_up: $bin/$b is missing: run hack/build-test-binaries.sh --control-plane" >&2
      return 1
    }
  done
  local_state_init "$dir"
  LOCAL_COMPONENTS=(etcd kube-apiserver)
  mkdir -p "$LOCAL_DIR"/{pki,run,logs}
  local pki=$LOCAL_DIR/pki etcd_port peer_port kube_port
  read -r etcd_port peer_port kube_port < <(local_pick_ports 0 0 0)

  pki_ca "$pki" client-ca kube-up-client-ca
  pki_ca "$pki" serving-ca kube-up-serving-ca
  pki_cert "$pki" kube-apiserver serving-ca serving kube-apiserver "" DNS:localhost IP:127.0.0.1 IP:10.0.0.1
  pki_cert "$pki" admin client-ca client admin system:masters
  pki_key "$pki/service-account.key"
  pki_public_key "$pki/service-account.key" "$pki/service-account.pub"

  local etcd_url="http://127.0.0.1:$etcd_port" kube_url="https://127.0.0.1:$kube_port"
  local_proc_start etcd "$bin/etcd" --name kube-up --data-dir "$LOCAL_DIR/etcd-data" \
    --listen-client-urls "$etcd_url" --advertise-client-urls "$etcd_url" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "kube-up=http://127.0.0.1:$peer_port" --log-level warn
  _kube_wait etcd "$timeout" curl -fsS "$etcd_url/health" || return 1
  local_proc_start kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers "$etcd_url" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$kube_port" \
    --tls-cert-file "$pki/kube-apiserver.crt" --tls-private-key-file "$pki/kube-apiserver.key" \
    --client-ca-file "$pki/client-ca.crt" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$pki/service-account.pub" \
    --service-account-signing-key-file "$pki/service-account.key" \
    --service-cluster-ip-range 10.0.0.0/24 \
    --authorization-mode RBAC \
    --endpoint-reconciler-type none \
    --cert-dir "$LOCAL_DIR/kube-apiserver"
  _kube_wait kube-apiserver "$timeout" curl -fsS --cacert "$pki/serving-ca.crt" \
    --cert "$pki/admin.crt" --key "$pki/admin.key" "$kube_url/readyz" || return 1

  KUBE_KUBECONFIG=$LOCAL_DIR/admin.kubeconfig
  cat >"$KUBE_KUBECONFIG" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: kube-up
  cluster:
    server: $kube_url
    certificate-authority: $pki/serving-ca.crt
users:
- name: admin
  user:
    client-certificate: $pki/admin.crt
    client-key: $pki/admin.key
contexts:
- name: admin@kube-up
  context:
    cluster: kube-up
    user: admin
current-context: admin@kube-up
KUBECONFIG
}

# _kube_wait <component> <timeout> <command...>: retries the command until it
# succeeds; fails (with the component's log) when the component exits or the
# timeout passes.
_kube_wait() {
  local c=$1 deadline=$((SECONDS + $2))
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ! local_proc_pid "$c" >/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "kube_up: $c did not become ready" >&2
      local_log_tail "$c" 30
      return 1
    fi
    sleep 0.3
  done
}

kube_down() {
  [ -n "${LOCAL_DIR:-}" ] && [ -d "$LOCAL_DIR/run" ] || return 0
  local_stop_all
}
