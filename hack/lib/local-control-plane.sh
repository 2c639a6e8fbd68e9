# Shared by hack/local-up.sh, hack/local-down.sh and tests/e2e/local_up_test.sh:
# where the local control plane keeps its state, and how its background
# processes are started, found and stopped by pid file. Source it; it defines
# variables and functions and touches nothing until called.
#
# Contract: call local_state_init first (sets LOCAL_DIR, an absolute path).
# Every process is started with paths under LOCAL_DIR on its command line, and
# a pid counts as ours only while /proc/<pid>/cmdline still names one, so a pid
# that the system reused for an unrelated process is never signalled.

# The components in start order; they are stopped in the reverse order.
LOCAL_COMPONENTS=(etcd kube-apiserver navigator-apiserver kube-controller-manager kube-scheduler)
# The components local_proc_start started in this shell, in order.
LOCAL_STARTED=()

# local_state_init [dir]: sets LOCAL_DIR (default: $NAVIGATOR_LOCAL_DIR, else
# ${XDG_STATE_HOME:-$HOME/.local/state}/navigator/local-up) without creating it.
local_state_init() {
  local dir=${1:-${NAVIGATOR_LOCAL_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/navigator/local-up}}
  case $dir in
    /*) ;;
    *) dir="$PWD/$dir" ;;
  esac
  LOCAL_DIR=${dir%/}
}

# local_lock: takes an exclusive lock on LOCAL_DIR/lock (waits for a
# concurrent local-up or local-down to finish). Sets LOCAL_LOCK_FD; processes
# started by local_proc_start never inherit it.
local_lock() {
  exec {LOCAL_LOCK_FD}>"$LOCAL_DIR/lock"
  if ! flock -w 900 "$LOCAL_LOCK_FD"; then
    echo "local control plane: $LOCAL_DIR/lock is held by another local-up/local-down" >&2
    return 1
  fi
}

# local_proc_pid <name>: prints the pid of component <name> and succeeds when
# its pid file names a live (not zombie) process of ours.
local_proc_pid() {
  local file="$LOCAL_DIR/run/$1.pid" pid state
  [ -s "$file" ] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ] || return 1
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$LOCAL_DIR/" || return 1
  echo "$pid"
}

# local_proc_start <name> <command...>: starts the command in the background,
# in a session of its own (no terminal signals reach it), with stdin from
# /dev/null, output appended to LOCAL_DIR/logs/<name>.log, no file descriptor
# above 2 inherited, and cwd LOCAL_DIR; writes LOCAL_DIR/run/<name>.pid and
# appends <name> to LOCAL_STARTED.
local_proc_start() {
  local name=$1
  shift
  local log="$LOCAL_DIR/logs/$name.log"
  echo "=== $(date -u +%Y-%m-%dT%H:%M:%SZ) local-up starts: $*" >>"$log"
  (
    cd "$LOCAL_DIR"
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    # Not a process group leader, so setsid(1) makes the session and execs
    # in place: $! below is the component's own pid.
    exec setsid "$@" </dev/null >>"$log" 2>&1
  ) &
  echo $! >"$LOCAL_DIR/run/$name.pid"
  LOCAL_STARTED+=("$name")
}

# local_proc_stop <name> [grace seconds]: SIGTERM, then SIGKILL after the grace
# period (default $NAVIGATOR_LOCAL_STOP_TIMEOUT or 20 s); returns once the
# process is gone, and removes the pid file. A no-op when it is not running.
local_proc_stop() {
  local name=$1 grace=${2:-${NAVIGATOR_LOCAL_STOP_TIMEOUT:-20}} pid
  if ! pid=$(local_proc_pid "$name"); then
    rm -f "$LOCAL_DIR/run/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while local_proc_pid "$name" >/dev/null && [ $SECONDS -lt "$deadline" ]; do sleep 0.1; done
  if local_proc_pid "$name" >/dev/null; then
    echo "local control plane: $name (pid $pid) ignored SIGTERM for ${grace}s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    while local_proc_pid "$name" >/dev/null; do sleep 0.1; done
  fi
  rm -f "$LOCAL_DIR/run/$name.pid"
}

# local_stop_all: stops every component, in reverse start order.
local_stop_all() {
  local i
  for ((i = ${#LOCAL_COMPONENTS[@]} - 1; i >= 0; i--)); do
    local_proc_stop "${LOCAL_COMPONENTS[$i]}"
  done
}

# local_log_tail <name> [lines]: the end of a component's log since it was last
# started (earlier runs' lines are left out), indented, on stderr.
local_log_tail() {
  local log="$LOCAL_DIR/logs/$1.log"
  [ -f "$log" ] || return 0
  echo "--- last ${2:-25} lines of $log" >&2
  awk '/^=== .* local-up starts: /{n = 0} {line[++n] = $0} END {for (i = 1; i <= n; i++) print line[i]}' "$log" |
    tail -n "${2:-25}" | sed 's/^/    /' >&2
}

# local_pick_ports <port or 0>...: prints as many distinct free ports on
# 127.0.0.1, keeping each given port that is still free (so a restart keeps
# its ports when it can).
local_pick_ports() {
  python3 - "$@" <<'PY'
import socket, sys
held, chosen = [], []
for wanted in sys.argv[1:]:
    s = socket.socket()
    # As the Go and C++ servers do, so a port with only TIME_WAIT left counts as free.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        if not wanted.isdigit() or int(wanted) == 0 or int(wanted) in chosen:
            raise OSError
        s.bind(("127.0.0.1", int(wanted)))
        s.listen()
    except OSError:
        s.close()
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen()
    held.append(s)
    chosen.append(s.getsockname()[1])
print(" ".join(map(str, chosen)))
PY
}
