#!/usr/bin/env bash
# End-to-end navigator-controller against a real control plane
# (hack/local-up.sh in a state directory of its own, stopped and removed at the
# end), with the admin kubeconfig and short leader-election timings (lease 4s,
# renew deadline 3s, retry period 500ms):
#
#   (a) two processes: exactly one holds the Lease kube-system/navigator-controller;
#       both answer /healthz and /readyz; /metrics has the runtime's metrics and
#       leader_election_master_status 1 on the leader, 0 on the follower.
#   (b) an ElasticsearchCluster created with kubectl (through the aggregator)
#       is reconciled by the leader only.
#   (c) SIGKILL of the leader: the follower takes the Lease within lease
#       duration + retry period (+1 s of slack for a loaded machine) and
#       reconciles the existing objects.
#   (d) SIGTERM of the new leader: it exits 0 within 5 s and the Lease is
#       released (holderIdentity empty); a third process, logging JSON,
#       acquires it within two retry periods.
#   (e) a fourth process, leading, whose Lease is patched to another holder:
#       it pauses its controllers, stays up as a candidate, and takes the
#       Lease back once the intruder's lapses.
#   (g) kube-apiserver stopped for 30 s: the process neither exits nor
#       spins, leads again afterwards and reconciles a change made then.
#   (f) a malformed or missing kubeconfig: exit non-zero with one error line
#       naming the file.
#
# Each process's identity ("<hostname>_<uuid>") comes from its log line
# "attempting to acquire lease ... as <identity>". Times are printed.
#
# Usage: controller_test.sh <navigator-controller binary> <navigator-apiserver binary> <repo root>
set -euo pipefail

controller_bin=$1
apiserver_bin=$2
root=$3
work=$(mktemp -d)
export NAVIGATOR_LOCAL_DIR="$work/local" NAVIGATOR_APISERVER_BIN="$apiserver_bin"

declare -A pid log health_port metrics_port identity
cleanup() {
  local name
  for name in "${!pid[@]}"; do
    kill -KILL "${pid[$name]}" 2>/dev/null || true
    wait "${pid[$name]}" 2>/dev/null || true
  done
  "$root/hack/local-down.sh" --purge >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# shellcheck source=tests/e2e/lib/checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/checks.sh"
checks_init controller_e2e ok FAILED

lease_ms=4000
retry_ms=500
lease=(kube-system navigator-controller)

# ---- Up.
up_status=0
"$root/hack/local-up.sh" >"$work/up.out" 2>"$work/up.err" || up_status=$?
[ $up_status -eq 0 ] || checks_abort "hack/local-up.sh exited with $up_status:" "$work/up.err"
# shellcheck source=/dev/null
source "$NAVIGATOR_LOCAL_DIR/local.env" # BIN_DIR
# shellcheck source=hack/lib/local-control-plane.sh
source "$root/hack/lib/local-control-plane.sh" # local_proc_* for (g)
local_state_init "$NAVIGATOR_LOCAL_DIR"
admin_kubeconfig=$NAVIGATOR_LOCAL_DIR/admin.kubeconfig
kubectl() { "$BIN_DIR/kubectl" --kubeconfig "$admin_kubeconfig" "$@"; }

now_ms() { echo $((${EPOCHREALTIME//[.,]/} / 1000)); }
free_ports() { # free_ports <n>: n distinct free TCP ports on 127.0.0.1
  python3 - "$1" <<'PY'
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# start <name> [flags...]: a navigator-controller in the background, logging
# to $work/<name>.log, with its own ports and certificate directory.
start() {
  local name=$1 hp mp
  shift
  read -r hp mp < <(free_ports 2)
  health_port[$name]=$hp
  metrics_port[$name]=$mp
  log[$name]=$work/$name.log
  : >"${log[$name]}" # exists before the first grep
  "$controller_bin" --kubeconfig "$admin_kubeconfig" \
    --leader-elect-lease-duration=${lease_ms}ms --leader-elect-renew-deadline=3s \
    --leader-elect-retry-period=${retry_ms}ms \
    --health-bind-address "127.0.0.1:$hp" --metrics-bind-address "127.0.0.1:$mp" \
    --cert-dir "$work/$name-certs" "$@" >"${log[$name]}" 2>&1 &
  pid[$name]=$!
}
# exited <name>: the process is gone or a zombie.
exited() {
  local state
  state=$(awk '{print $3}' "/proc/${pid[$1]}/stat" 2>/dev/null) || return 0
  [ "$state" = Z ]
}
# wait_exit <name> <ms>: waits up to ms for the process to exit, then reaps
# it. Sets exit_status ("still running" after ms) and took_ms. Call it
# directly, not under check (which runs its command in a subshell).
wait_exit() {
  local start
  start=$(now_ms)
  exit_status="still running"
  until exited "$1"; do
    took_ms=$(($(now_ms) - start))
    [ "$took_ms" -lt "$2" ] || return 1
    sleep 0.05
  done
  took_ms=$(($(now_ms) - start))
  exit_status=0
  wait "${pid[$1]}" 2>/dev/null || exit_status=$?
  unset "pid[$1]"
}
# logged <name> <needle>: a line of the process's log contains needle.
logged() {
  grep -qF -- "$2" "${log[$1]}" || {
    echo "$1's log has no line with: $2"
    echo "its last lines:"
    tail -n 20 "${log[$1]}"
    return 1
  }
}
# not_logged <name> <needle>: no line does (prints those that do).
not_logged() { ! grep -F -- "$2" "${log[$1]}"; }
# wait_logged <name> <needle> <ms> [start]: waits until ms after start (the
# epoch ms, default now) for the line. Sets took_ms since start (-1 after
# ms). Call it directly, as wait_exit.
wait_logged() {
  local start=${4:-$(now_ms)}
  took_ms=-1
  until grep -qF -- "$2" "${log[$1]}"; do
    [ $(($(now_ms) - start)) -lt "$3" ] || return 1
    sleep 0.05
  done
  took_ms=$(($(now_ms) - start))
}
running() { # running <name>: the process has not exited
  if exited "$1"; then
    echo "$1 has exited; its last lines:"
    tail -n 20 "${log[$1]}"
    return 1
  fi
}
identity_of() { # prints the identity the process campaigns as, from its log
  local line
  line=$(grep -o "attempting to acquire lease ${lease[0]}/${lease[1]} as [^ \"]*" "${log[$1]}" | head -n 1)
  [ -n "$line" ] || {
    logged "$1" "attempting to acquire lease ${lease[0]}/${lease[1]} as "
    return 1
  }
  echo "${line##* }"
}
holder() { kubectl get lease -n "${lease[0]}" "${lease[1]}" -o jsonpath='{.spec.holderIdentity}'; }
transitions() { kubectl get lease -n "${lease[0]}" "${lease[1]}" -o jsonpath='{.spec.leaseTransitions}'; }
holder_is() { # holder_is <identity>
  local h
  h=$(holder) && [ "$h" = "$1" ] || {
    echo "the Lease's holderIdentity is \"${h:-}\", not \"$1\""
    return 1
  }
}
code() { # code <name> <path>: the HTTP status of GET path on the health port
  curl -k -sS --max-time 10 -o /dev/null -w '%{http_code}' "https://127.0.0.1:${health_port[$1]}$2"
}
answers_200() {
  local got
  got=$(code "$1" "$2") && [ "$got" = 200 ] || {
    echo "GET $2 of $1: $got"
    return 1
  }
}
metrics() { curl -k -sS --max-time 10 "https://127.0.0.1:${metrics_port[$1]}/metrics"; }
# has_metric <name> <metric>: /metrics names it (a sample, or its # TYPE line).
has_metric() {
  local m
  m=$(metrics "$1") || return 1
  grep -qE "^($2|# TYPE $2)" <<<"$m" || {
    echo "no $2 in /metrics of $1:"
    grep -v '^#' <<<"$m" | cut -c1-160 | head -n 40
    return 1
  }
}
master_status_is() { # master_status_is <name> <0|1>
  local got
  got=$(metrics "$1" | awk '$1 ~ /^leader_election_master_status/ {print $2}')
  [ "$got" = "$2" ] || {
    echo "leader_election_master_status of $1: \"$got\", expected $2"
    return 1
  }
}
dump_logs() { # the last lines of each controller's log, to show with failures
  local c
  for c in c1 c2 c3 c4; do
    [ -n "${log[$c]:-}" ] || continue
    echo "---- the last lines of $c's log"
    tail -n 40 "${log[$c]}" | cut -c1-300
  done
}
reconcile_line="reconcile ElasticsearchCluster ctrl-e2e/demo: generation 1, version 5.6.2, 2 node pool(s)"

# ---- (a) Two processes, one leader.
echo "== (a) two processes"
start c1
start c2
for c in c1 c2; do
  check "$c logs its identity" eventually 60 identity_of "$c"
  identity[$c]=$(identity_of "$c") || identity[$c]=""
  echo "    ($c: pid ${pid[$c]}, identity ${identity[$c]:-?})"
done
one_of_them_holds() {
  local h
  h=$(holder) && [ -n "$h" ] && { [ "$h" = "${identity[c1]:-}" ] || [ "$h" = "${identity[c2]:-}" ]; } || {
    echo "holderIdentity \"${h:-}\" is neither c1 (${identity[c1]:-?}) nor c2 (${identity[c2]:-?})"
    return 1
  }
}
check "the Lease is held by c1 or c2" eventually 60 one_of_them_holds
if ! one_of_them_holds >/dev/null; then
  dump_logs
  checks_abort "no leader among c1 and c2: the rest cannot run"
fi
leader=c1
follower=c2
if [ "$(holder 2>/dev/null)" = "${identity[c2]:-}" ]; then
  leader=c2
  follower=c1
fi
echo "    (leader: $leader, follower: $follower)"
sleep 2 # four retry periods: a second holder would show by now
check "still held by $leader two seconds later" holder_is "${identity[$leader]:-}"
check "$leader logs that it acquired the Lease and leads" logged "$leader" "successfully acquired lease ${lease[0]}/${lease[1]}"
check "$leader logs that it is leading" logged "$leader" "navigator-controller: leading"
check "$follower never acquired it" not_logged "$follower" "successfully acquired lease"
check "$follower knows the leader" logged "$follower" "the leader is now \"${identity[$leader]:-}\""
for c in c1 c2; do
  check "$c: /healthz is 200" eventually 30 answers_200 "$c" /healthz
  check "$c: /readyz is 200 (informers synced)" eventually 60 answers_200 "$c" /readyz
  for m in 'workqueue_[a-z_]+' rest_client_requests_total leader_election_master_status \
    navigator_informer_events_total controller_runtime_reconcile_total; do
    check "$c: /metrics has $m" has_metric "$c" "$m"
  done
done
check "$leader: leader_election_master_status 1" master_status_is "$leader" 1
check "$follower: leader_election_master_status 0" master_status_is "$follower" 0

# ---- (b) Only the leader reconciles.
echo "== (b) reconcile on the leader"
check "namespace ctrl-e2e" kubectl create namespace ctrl-e2e
check "kubectl create the quick-start ElasticsearchCluster in ctrl-e2e" \
  kubectl create -n ctrl-e2e -f "$root/docs/quick-start/es-cluster-demo.yaml"
check "$leader logs: $reconcile_line" eventually 30 logged "$leader" "$reconcile_line"
informer_saw_it() { # the follower's informer delivered the add (a warm cache)
  metrics "$1" | grep -F 'navigator_informer_events_total{' | grep -F 'elasticsearchclusters' |
    grep -F 'add' | grep -qvE ' 0$' || {
    echo "no add of elasticsearchclusters counted by $1:"
    metrics "$1" | grep -F navigator_informer_events_total
    return 1
  }
}
check "$follower's informer counted the add" eventually 10 informer_saw_it "$follower"
sleep 2
check "$follower reconciles nothing" not_logged "$follower" "reconcile "
check "$follower runs no controllers" not_logged "$follower" "controllers running"

# ---- (c) SIGKILL of the leader.
echo "== (c) SIGKILL of the leader"
transitions_before=$(transitions 2>/dev/null || echo 0)
limit_ms=$((lease_ms + retry_ms + 1000))
kill_ms=$(now_ms)
kill -KILL "${pid[$leader]}"
# Reaped at once, with bash's "Killed" job report sent to /dev/null.
wait_exit "$leader" 5000 2>/dev/null || true
wait_logged "$follower" "successfully acquired lease ${lease[0]}/${lease[1]}" $((limit_ms + 20000)) "$kill_ms" || true
echo "    (take-over took $took_ms ms (-1: none in $((limit_ms + 20000)) ms); lease duration + retry period is $((lease_ms + retry_ms)) ms)"
check "$follower takes the Lease within ${limit_ms} ms of the SIGKILL" \
  test "$took_ms" -ge 0 -a "$took_ms" -le $limit_ms
check "the Lease names $follower" holder_is "${identity[$follower]:-}"
check "leaseTransitions went up (was $transitions_before)" test "$(transitions)" -gt "$transitions_before"
check "$follower, now leading, reconciles the existing object" eventually 30 logged "$follower" "$reconcile_line"
check "$follower: leader_election_master_status 1" eventually 5 master_status_is "$follower" 1

# ---- (d) SIGTERM releases the Lease; a third process takes it at once.
echo "== (d) SIGTERM of the leader"
kill -TERM "${pid[$follower]}"
wait_exit "$follower" 5000 || true
echo "    ($follower: exit status $exit_status after $took_ms ms)"
check "$follower exits 0 within 5 s of SIGTERM" test "$exit_status" = 0
check "the Lease is released: holderIdentity empty" holder_is ""
check "the released Lease has leaseDurationSeconds 1" test \
  "$(kubectl get lease -n "${lease[0]}" "${lease[1]}" -o jsonpath='{.spec.leaseDurationSeconds}')" = 1
check "$follower logs that it released the Lease" logged "$follower" "released lease ${lease[0]}/${lease[1]}"
start c3 --logging-format=json
wait_logged c3 "successfully acquired lease ${lease[0]}/${lease[1]}" 30000 || true
echo "    (c3 acquired the Lease $took_ms ms after it was started; -1: not in 30 s)"
check "c3 acquires the Lease" test "$took_ms" -ge 0
identity[c3]=$(identity_of c3) || identity[c3]=""
check "the Lease names c3" holder_is "${identity[c3]:-}"
acquire_ms() { # the ms between c3's first attempt and its acquisition, from its JSON log
  python3 - "${log[c3]}" <<'PY'
import json, sys
ts = {}
for line in open(sys.argv[1]):
    try:
        msg = json.loads(line)
    except ValueError:
        continue
    for key in ("attempting to acquire lease", "successfully acquired lease"):
        if key in msg.get("msg", "") and key not in ts:
            ts[key] = msg["ts"]
print(round((ts["successfully acquired lease"] - ts["attempting to acquire lease"]) * 1000))
PY
}
c3_ms=$(acquire_ms 2>&1 || true)
echo "    (c3's first attempt to its acquisition: $c3_ms ms, by its log)"
check "c3 acquired within two retry periods of its first attempt" test "$c3_ms" -le $((2 * retry_ms))
check "c3 reconciles the existing object" eventually 30 logged c3 "$reconcile_line"
json_lines() { # every line of c3's log is a JSON object with ts, level and msg
  python3 - "${log[c3]}" <<'PY'
import json, sys
bad = 0
for n, line in enumerate(open(sys.argv[1]), 1):
    try:
        o = json.loads(line)
        assert isinstance(o, dict) and {"ts", "level", "msg"} <= o.keys()
    except (ValueError, AssertionError):
        bad += 1
        print(f"line {n} is not a JSON log record: {line.rstrip()[:200]}")
sys.exit(1 if bad else 0)
PY
}
check "--logging-format=json: every line of c3's log is a JSON object" json_lines
kill -TERM "${pid[c3]}"
wait_exit c3 5000 || true
echo "    (c3: exit status $exit_status after $took_ms ms)"
check "c3 exits 0 within 5 s of SIGTERM" test "$exit_status" = 0
check "the Lease is released again" holder_is ""

# ---- (e) Another holder takes the Lease: the leader pauses, stays up, and
# takes the Lease back once the intruder's lapses.
echo "== (e) the Lease taken away"
start c4
wait_logged c4 "successfully acquired lease ${lease[0]}/${lease[1]}" 30000 || true
check "c4 acquires the Lease" test "$took_ms" -ge 0
check "c4 runs its controllers" eventually 30 logged c4 "controllers running"
steal_ms=$(now_ms)
check "kubectl patch the Lease to holder e2e-intruder for 5 s" kubectl patch lease -n "${lease[0]}" \
  "${lease[1]}" --type=merge -p "{\"spec\":{\"holderIdentity\":\"e2e-intruder\",\"leaseDurationSeconds\":5,\"renewTime\":\"$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)\"}}"
# Within the renew deadline (3 s) after its next renewal, plus slack.
wait_logged c4 "controllers paused" $((3000 + 2 * retry_ms + 2000)) "$steal_ms" || true
echo "    (c4 paused its controllers $took_ms ms after the patch; -1: not in time)"
check "c4 pauses its controllers within renew deadline + 2 retry periods + 2 s" test "$took_ms" -ge 0
check "c4 logs that it lost the Lease" logged c4 "leader election: lost lease ${lease[0]}/${lease[1]}"
check "c4 keeps running as a candidate" running c4
check "c4 reports leader_election_master_status 0" eventually 10 master_status_is c4 0
check "c4 left the Lease to e2e-intruder while it was fresh (no release)" holder_is e2e-intruder
reacquired() { # c4's log says it acquired the Lease a second time
  local n
  n=$(grep -cF "successfully acquired lease ${lease[0]}/${lease[1]}" "${log[c4]}")
  [ "$n" -ge 2 ] || {
    echo "c4 acquired the Lease $n time(s)"
    return 1
  }
}
check "c4 takes the Lease back once the intruder's 5 s lapse" eventually 30 reacquired
c4_identity=$(identity_of c4) || c4_identity=""
check "c4 holds the Lease again" eventually 10 holder_is "$c4_identity"
check "c4 reports leader_election_master_status 1 again" eventually 10 master_status_is c4 1

# ---- (g) kube-apiserver down for 30 s: nothing exits or spins; informers
# resume; changes made after the outage are reconciled.
echo "== (g) kube-apiserver down for 30 s"
kube_pid=$(local_proc_pid kube-apiserver) || checks_abort "kube-apiserver is not running; cannot test (g)"
mapfile -d '' kube_cmd <"/proc/$kube_pid/cmdline" # to restart it the same way
cpu_ticks() { awk '{print $14 + $15}' "/proc/${pid[c4]}/stat"; }
ticks_before=$(cpu_ticks)
check "stop kube-apiserver (pid $kube_pid)" local_proc_stop kube-apiserver 5
sleep 30
ticks_down=$(( $(cpu_ticks) - ticks_before ))
echo "    (c4 used $ticks_down clock ticks of CPU in 30 s without kube-apiserver)"
check "c4 still runs after 30 s without kube-apiserver" running c4
check "c4 did not spin (under 3 s of CPU in 30 s)" test "$ticks_down" -lt $((3 * $(getconf CLK_TCK)))
echo "    restarting kube-apiserver"
local_proc_start kube-apiserver "${kube_cmd[@]}"
kube_ready() { kubectl get --raw /readyz >/dev/null; }
check "kube-apiserver ready again" eventually 120 kube_ready
check "c4 leads again after the outage" eventually 60 holder_is "$c4_identity"
check "kubectl create a second ElasticsearchCluster after the outage" \
  sh -c "sed 's/name: demo\$/name: after-outage/' '$root/docs/quick-start/es-cluster-demo.yaml' | '$BIN_DIR/kubectl' --kubeconfig '$admin_kubeconfig' create -n ctrl-e2e -f -"
check "c4 reconciles the object made after the outage" eventually 60 logged c4 \
  "reconcile ElasticsearchCluster ctrl-e2e/after-outage"
check "c4 still knows the object from before (no stale delete)" logged c4 \
  "reconcile ElasticsearchCluster ctrl-e2e/demo"
kill -TERM "${pid[c4]}"
wait_exit c4 5000 || true
check "c4 exits 0 on SIGTERM" test "$exit_status" = 0

# ---- (f) A kubeconfig that is missing or malformed.
echo "== (f) bad kubeconfigs"
printf 'apiVersion: v1\nclusters: [{{ this is : not yaml\n\001\002\n' >"$work/garbage.kubeconfig"
# bad_kubeconfig <path> [flags...]: exits non-zero (not a time-out) with one
# line of output naming the file; prints "exit status <n>, output:" and then
# the output.
bad_kubeconfig() {
  local file=$1 out status=0
  shift
  out=$(timeout 30 "$controller_bin" --kubeconfig "$file" --health-bind-address 0 \
    --metrics-bind-address 0 --cert-dir "$work/bad-certs" "$@" 2>&1) || status=$?
  echo "exit status $status, output:"
  echo "$out"
  [ "$status" -ne 0 ] && [ "$status" -ne 124 ] && [ "$(grep -c . <<<"$out")" -eq 1 ] &&
    grep -qF -- "$file" <<<"$out"
}
for f in "$work/garbage.kubeconfig" "$work/missing.kubeconfig"; do
  check "--kubeconfig $(basename "$f"): exits non-zero with one error line naming the file" \
    bad_kubeconfig "$f"
  bad_kubeconfig "$f" 2>&1 | sed -n '2s/^/    (said: /p' | sed 's/$/)/'
done
one_json_error() {
  local out
  out=$(bad_kubeconfig "$work/garbage.kubeconfig" --logging-format=json) || {
    echo "$out"
    return 1
  }
  sed -n 2p <<<"$out" | python3 -c '
import json, sys
o = json.loads(sys.stdin.read())
assert o["level"] in ("error", "critical"), o
print(o["msg"])'
}
check "--logging-format=json: that error is one JSON record" one_json_error

no_sanitizer_report() { ! grep -E "Sanitizer|runtime error:" "$work"/c*.log; }
check "the controllers' logs have no sanitizer report" no_sanitizer_report
check "local-down" "$root/hack/local-down.sh"

[ "$failed" -eq 0 ] || dump_logs
checks_summary
