#!/usr/bin/env bash
# The side-by-side API server benchmark of issue 6 (docs/performance.md,
# "navigator-apiserver vs kube-apiserver CRDs vs etcd"): in one run, on this
# machine, each target gets ONE FRESH etcd 3.6 of its own (own data dir,
# 127.0.0.1, free ports) and is driven by the same load generator
# (navigator_apiserver_loadgen, bench/apiserver/README.md) at the same client
# concurrency levels:
#
#   etcd            the ceiling: raw puts, ranges and compare-and-put Txns of
#                   the same value size through navigator's gRPC client (--etcd)
#   navigator       navigator-apiserver, direct over TLS, standalone:
#                   --authorization-mode=AlwaysAllow
#                   --disable-admission-plugins=NamespaceLifecycle
#   kube-apiserver  kube-apiserver 1.36 (test binaries), --authorization-mode
#                   AlwaysAllow, serving the three kinds as CRDs generated from
#                   navigator's OpenAPI schemas (navigator_crd_gen), applied and
#                   Established before the load starts; an admin client cert
#
# Per target: first a fill of 10,000 Pilots at 32 clients (the server's RSS
# after it is the memory figure), then every op at every concurrency level
# (server CPU per 1,000 ops from --server-pid), then (servers only) the watch
# fan-out. Prints the machine, versions and the Markdown table
# (navigator_bench_table) on stdout; progress on stderr.
#
# Usage: bench/apiserver/run.sh [--short | --full]
#   --short  clients 1 and 32, 3 s per phase, 100 watchers: a few minutes (default)
#   --full   clients 1, 8, 32, 128, 10 s per phase, 1,000 watchers: the published table
#
# Builds what it needs: etcd, kube-apiserver, kubectl from
# hack/build-test-binaries.sh --control-plane; navigator-apiserver,
# navigator_apiserver_loadgen, navigator_crd_gen and navigator_bench_table in
# a release-preset build tree. Every process it starts is stopped on exit
# (also on Ctrl-C); all state lives in one temporary directory, removed on
# exit.
#
# Environment:
#   NAVIGATOR_BENCH_BUILD_DIR    build tree (default <repo>/build/release, the release preset's)
#   NAVIGATOR_BENCH_JOBS         build parallelism (default: nproc)
#   NAVIGATOR_BENCH_TARGETS      targets to run, in order (default "etcd navigator kube-apiserver")
#   NAVIGATOR_BENCH_RESULTS_DIR  if set, the raw JSON lines are copied there
#   NAVIGATOR_BENCH_KEEP=1       keep the temporary directory (logs, data) for inspection
#   NAVIGATOR_BENCH_APISERVER    a navigator-apiserver binary to measure instead of the
#                                build tree's (e.g. an older commit's, for a before/after)
#   NAVIGATOR_BENCH_APISERVER_FLAGS  extra navigator-apiserver flags (e.g. "--worker-threads=16")
set -euo pipefail

mode=--short
for arg in "$@"; do
  case $arg in
    --short | --full) mode=$arg ;;
    *) echo "usage: $0 [--short | --full]" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${NAVIGATOR_BENCH_BUILD_DIR:-$root/build/release}
jobs=${NAVIGATOR_BENCH_JOBS:-$(nproc)}
targets=${NAVIGATOR_BENCH_TARGETS:-etcd navigator kube-apiserver}
log() { echo "apiserver-bench: $*" >&2; }

# shellcheck source=hack/lib/local-control-plane.sh
source "$root/hack/lib/local-control-plane.sh"
# shellcheck source=hack/lib/local-pki.sh
source "$root/hack/lib/local-pki.sh"

if [ "$mode" = --full ]; then
  levels=1,8,32,128 seconds=10 watchers=1000 events=1000 writers=8
else
  levels=1,32 seconds=3 watchers=100 events=100 writers=4
fi
fill_objects=10000
server_ops=create,get,update,update-status,list-100,list-1000,mixed
etcd_ops=create,get,update,update-status,list-100,list-1000

# ---- Binaries.
BIN_DIR=$("$root/hack/build-test-binaries.sh" --control-plane | tail -n 1)
if [ ! -f "$build/build.ninja" ]; then
  (cd "$root" && cmake --preset release -B "$build" >&2)
fi
build_type=$(awk -F= '/^CMAKE_BUILD_TYPE:/ {print $2}' "$build/CMakeCache.txt")
case $build_type in
  Release | RelWithDebInfo) ;;
  *) log "warning: $build is a '$build_type' build; numbers of an unoptimised build mislead" ;;
esac
cmake --build "$build" -j "$jobs" --target navigator-apiserver navigator_apiserver_loadgen \
  navigator_crd_gen navigator_bench_table >&2
apiserver_bin=${NAVIGATOR_BENCH_APISERVER:-$build/cmd/navigator-apiserver/navigator-apiserver}
read -r -a apiserver_flags <<<"${NAVIGATOR_BENCH_APISERVER_FLAGS:-}"
loadgen_bin=$build/bench/apiserver/navigator_apiserver_loadgen
crd_gen_bin=$build/bench/apiserver/navigator_crd_gen
table_bin=$build/bench/apiserver/navigator_bench_table

# ---- One temporary directory for everything; every process stopped on exit.
work=$(mktemp -d "${TMPDIR:-/tmp}/navigator-apiserver-bench.XXXXXX")
local_state_init "$work"
mkdir -p "$work"/{run,logs,pki,results}
# The components local_stop_all stops, in reverse order.
LOCAL_COMPONENTS=(etcd navigator-apiserver kube-apiserver)
cleanup() {
  local status=$?
  local_stop_all
  if [ "${NAVIGATOR_BENCH_KEEP:-0}" = 1 ] || [ "$status" != 0 ]; then
    log "state and logs kept in $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# await <component> <what> <command...>: retries until the command succeeds;
# fails when the component exits or after 180 s, showing its log.
await() {
  local c=$1 what=$2 deadline=$((SECONDS + 180))
  shift 2
  until "$@" >/dev/null 2>&1; do
    if ! local_proc_pid "$c" >/dev/null || [ $SECONDS -ge $deadline ]; then
      log "$c: gave up waiting for $what"
      local_log_tail "$c" 30
      exit 1
    fi
    sleep 0.2
  done
}

# ---- PKI: one CA signs the serving certificate (both servers) and the admin
# client certificate (kube-apiserver; navigator-apiserver allows everyone).
pki=$work/pki
pki_ca "$pki" ca navigator-bench-ca
pki_cert "$pki" serving ca serving 127.0.0.1 "" DNS:localhost IP:127.0.0.1
pki_cert "$pki" admin ca client admin system:masters
pki_key "$pki/service-account.key"
pki_public_key "$pki/service-account.key" "$pki/service-account.pub"

# kubeconfig <file> <url> <user lines...>
kubeconfig() {
  local file=$1 url=$2
  shift 2
  {
    printf 'apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n'
    printf '    server: %s\n    certificate-authority: %s\n' "$url" "$pki/ca.crt"
    printf 'users:\n- name: bench\n  user:\n'
    printf '    %s\n' "$@"
    printf 'contexts:\n- name: bench\n  context:\n    cluster: bench\n    user: bench\n'
    printf 'current-context: bench\n'
  } >"$file"
}

# start_etcd <target>: a fresh etcd for <target>; sets ETCD_URL and ETCD_PID.
start_etcd() {
  local dir=$work/$1 port peer
  mkdir -p "$dir"
  read -r port peer < <(local_pick_ports 0 0)
  ETCD_URL=http://127.0.0.1:$port
  local_proc_start etcd "$BIN_DIR/etcd" --name bench --data-dir "$dir/etcd-data" \
    --listen-client-urls "$ETCD_URL" --advertise-client-urls "$ETCD_URL" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "bench=http://127.0.0.1:$peer" --log-level warn
  await etcd "etcd's /health" curl -fsS "$ETCD_URL/health"
  ETCD_PID=$(local_proc_pid etcd)
}

# start_navigator: navigator-apiserver on the etcd; sets SERVER_PID, KUBECONFIG_FILE.
start_navigator() {
  local port
  read -r port < <(local_pick_ports 0)
  local_proc_start navigator-apiserver "$apiserver_bin" --etcd-servers "$ETCD_URL" \
    --bind-address 127.0.0.1 --secure-port "$port" \
    --tls-cert-file "$pki/serving.crt" --tls-private-key-file "$pki/serving.key" \
    --authorization-mode=AlwaysAllow --disable-admission-plugins=NamespaceLifecycle \
    ${apiserver_flags[@]+"${apiserver_flags[@]}"}
  await navigator-apiserver "navigator-apiserver's /readyz" \
    curl -fsS --cacert "$pki/ca.crt" "https://127.0.0.1:$port/readyz"
  SERVER_PID=$(local_proc_pid navigator-apiserver)
  KUBECONFIG_FILE=$work/navigator/kubeconfig
  # No authentication standalone: requests are anonymous, and allowed.
  kubeconfig "$KUBECONFIG_FILE" "https://127.0.0.1:$port" "token: navigator-bench"
}

# start_kube_apiserver: kube-apiserver on the etcd with the generated CRDs
# Established; sets SERVER_PID, KUBECONFIG_FILE.
start_kube_apiserver() {
  local port dir=$work/kube-apiserver
  read -r port < <(local_pick_ports 0)
  local_proc_start kube-apiserver "$BIN_DIR/kube-apiserver" --etcd-servers "$ETCD_URL" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$port" \
    --tls-cert-file "$pki/serving.crt" --tls-private-key-file "$pki/serving.key" \
    --client-ca-file "$pki/ca.crt" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$pki/service-account.pub" \
    --service-account-signing-key-file "$pki/service-account.key" \
    --service-cluster-ip-range 10.0.0.0/24 --endpoint-reconciler-type none \
    --authorization-mode AlwaysAllow --cert-dir "$dir/cert-dir"
  KUBECONFIG_FILE=$dir/kubeconfig
  kubeconfig "$KUBECONFIG_FILE" "https://127.0.0.1:$port" \
    "client-certificate: $pki/admin.crt" "client-key: $pki/admin.key"
  await kube-apiserver "kube-apiserver's /readyz" curl -fsS --cacert "$pki/ca.crt" \
    --cert "$pki/admin.crt" --key "$pki/admin.key" "https://127.0.0.1:$port/readyz"
  SERVER_PID=$(local_proc_pid kube-apiserver)
  "$crd_gen_bin" --output="$dir/crds.json"
  local kubectl=("$BIN_DIR/kubectl" --kubeconfig "$KUBECONFIG_FILE")
  "${kubectl[@]}" apply -f "$dir/crds.json" >&2
  "${kubectl[@]}" wait --for=condition=Established --timeout=120s \
    crd/elasticsearchclusters.navigator.jetstack.io crd/cassandraclusters.navigator.jetstack.io \
    crd/pilots.navigator.jetstack.io >&2
  await kube-apiserver "the pilots CRD to be served" "${kubectl[@]}" get pilots -A
}

# loadgen <target> <output file> <flags...>: one load generator run; its
# JSON lines are appended to the output file, its stderr to its log.
loadgen() {
  local target=$1 out=$2
  shift 2
  log "$target: navigator_apiserver_loadgen $*"
  if ! "$loadgen_bin" --target-name "$target" "$@" >>"$out" 2>>"$work/logs/loadgen-$target.log"; then
    log "$target: the load generator failed; the end of its log:"
    tail -n 30 "$work/logs/loadgen-$target.log" | sed 's/^/    /' >&2
    exit 1
  fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
resident=$work/results/resident.jsonl
phases=$work/results/phases.jsonl
: >"$resident"
: >"$phases"
for target in $targets; do
  log "=== $target (fresh etcd)"
  start_etcd "$target"
  case $target in
    etcd)
      conn=(--etcd "$ETCD_URL" --server-pid "$ETCD_PID")
      ops=$etcd_ops
      ;;
    navigator)
      start_navigator
      conn=(--kubeconfig "$KUBECONFIG_FILE" --server-pid "$SERVER_PID")
      ops=$server_ops
      ;;
    kube-apiserver)
      start_kube_apiserver
      conn=(--kubeconfig "$KUBECONFIG_FILE" --server-pid "$SERVER_PID")
      ops=$server_ops
      ;;
    *) log "unknown target '$target' in NAVIGATOR_BENCH_TARGETS"; exit 2 ;;
  esac
  loadgen "$target" "$resident" "${conn[@]}" --namespace fill --op create --clients 32 \
    --ops "$fill_objects"
  loadgen "$target" "$phases" "${conn[@]}" --namespace bench --op "$ops" --clients "$levels" \
    --duration "$seconds"
  if [ "$target" != etcd ]; then
    loadgen "$target" "$phases" "${conn[@]}" --namespace fanout --op watch --clients "$writers" \
      --watchers "$watchers" --events "$events"
  fi
  local_stop_all
done

if [ -n "${NAVIGATOR_BENCH_RESULTS_DIR:-}" ]; then
  mkdir -p "$NAVIGATOR_BENCH_RESULTS_DIR"
  cp "$resident" "$phases" "$NAVIGATOR_BENCH_RESULTS_DIR/"
fi

echo "Servers: navigator-apiserver ($build_type build, $(g++-12 --version | head -n 1)), $("$BIN_DIR/kube-apiserver" --version), etcd $("$BIN_DIR/etcd" --version | awk '/etcd Version/ {print $3}'); load average before the run: $load_before."
"$table_bin" --resident="$resident" --command="bench/apiserver/run.sh $mode" "$phases"
