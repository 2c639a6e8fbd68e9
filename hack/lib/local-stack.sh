# Shared by hack/run-local.sh and the kubectl end-to-end test: start a real
# etcd and navigator-apiserver on loopback and write a kubeconfig for them.
# Source it; it defines functions and touches nothing until called.
#
# Every process started is recorded in $STACK_DIR/pids and stopped by
# stack_down, which is safe to call more than once.

# Prints a free TCP port on 127.0.0.1.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_for <seconds> <command...>: retries the command until it succeeds.
wait_for() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "timed out waiting for: $*" >&2
      return 1
    fi
    sleep 0.2
  done
}

# stack_up <stack dir> <etcd binary> <navigator-apiserver binary> [apiserver port]
# Sets ETCD_URL, APISERVER_URL and KUBECONFIG_PATH.
stack_up() {
  STACK_DIR=$1
  local etcd_bin=$2 apiserver_bin=$3 port=${4:-}
  mkdir -p "$STACK_DIR"
  : > "$STACK_DIR/pids"
  local client_port peer_port
  client_port=$(free_port)
  peer_port=$(free_port)
  ETCD_URL="http://127.0.0.1:$client_port"
  "$etcd_bin" --name navigator-local --data-dir "$STACK_DIR/etcd-data" \
    --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
    --initial-cluster "navigator-local=http://127.0.0.1:$peer_port" \
    --log-level warn >"$STACK_DIR/etcd.log" 2>&1 &
  echo $! >> "$STACK_DIR/pids"
  wait_for 30 curl -fsS "$ETCD_URL/health" || { cat "$STACK_DIR/etcd.log" >&2; return 1; }

  [ -n "$port" ] || port=$(free_port)
  # Standalone: no kube-apiserver to delegate to, so every request is allowed
  # (AlwaysAllow) and there are no namespaces to check (NamespaceLifecycle off).
  "$apiserver_bin" --etcd-servers "$ETCD_URL" --bind-address 127.0.0.1 --secure-port "$port" \
    --cert-dir "$STACK_DIR/certificates" \
    --authorization-mode=AlwaysAllow --disable-admission-plugins=NamespaceLifecycle \
    --v 2 >"$STACK_DIR/apiserver.log" 2>&1 &
  echo $! >> "$STACK_DIR/pids"
  APISERVER_URL="https://127.0.0.1:$port"
  wait_for 30 curl -fsS --cacert "$STACK_DIR/certificates/apiserver.crt" "$APISERVER_URL/readyz" ||
    { cat "$STACK_DIR/apiserver.log" >&2; return 1; }

  KUBECONFIG_PATH="$STACK_DIR/kubeconfig"
  cat > "$KUBECONFIG_PATH" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: navigator-local
  cluster:
    server: $APISERVER_URL
    certificate-authority: $STACK_DIR/certificates/apiserver.crt
users:
- name: navigator-local
  user:
    # Standalone navigator-apiserver has no TokenReview to check a token
    # with: requests are anonymous (and allowed, AlwaysAllow). The token only
    # stops kubectl from prompting for basic-auth credentials.
    token: navigator-local
contexts:
- name: navigator-local
  context:
    cluster: navigator-local
    user: navigator-local
    namespace: default
current-context: navigator-local
KUBECONFIG
}

stack_down() {
  [ -n "${STACK_DIR:-}" ] && [ -f "$STACK_DIR/pids" ] || return 0
  local pid
  # Stop the apiserver before etcd: reverse start order.
  for pid in $(tac "$STACK_DIR/pids"); do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $(tac "$STACK_DIR/pids"); do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  : > "$STACK_DIR/pids"
}
