#!/usr/bin/env bash
# Stops the local control plane that hack/local-up.sh started: every process
# named by a pid file in its state directory, in reverse start order, each with
# SIGTERM and, after NAVIGATOR_LOCAL_STOP_TIMEOUT seconds (default 20), SIGKILL;
# it returns once they have all exited. Idempotent: with nothing running it only
# removes stale pid files. Data (etcd, certificates, kubeconfigs, logs) is kept
# for the next local-up unless --purge is given, which then deletes the state
# directory.
#
# Usage: local-down.sh [--purge]
# Environment: NAVIGATOR_LOCAL_DIR, as for hack/local-up.sh.
set -euo pipefail

purge=0
for arg in "$@"; do
  case $arg in
    --purge) purge=1 ;;
    *)
      echo "usage: $0 [--purge]" >&2
      exit 2
      ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=hack/lib/local-control-plane.sh
source "$root/hack/lib/local-control-plane.sh"
local_state_init

if [ ! -d "$LOCAL_DIR" ]; then
  echo "local-down: nothing to stop ($LOCAL_DIR does not exist)" >&2
  exit 0
fi
if [ ! -e "$LOCAL_DIR/.navigator-local-up" ]; then
  echo "local-down: $LOCAL_DIR was not made by hack/local-up.sh; leaving it alone" >&2
  exit 1
fi
local_lock

stopped=()
for c in "${LOCAL_COMPONENTS[@]}"; do
  if local_proc_pid "$c" >/dev/null; then stopped+=("$c"); fi
done
local_stop_all
if [ ${#stopped[@]} -gt 0 ]; then
  echo "local-down: stopped ${stopped[*]}" >&2
else
  echo "local-down: nothing was running" >&2
fi

if [ "$purge" = 1 ]; then
  rm -rf "$LOCAL_DIR"
  echo "local-down: removed $LOCAL_DIR" >&2
else
  echo "local-down: data kept in $LOCAL_DIR (--purge deletes it)" >&2
fi
