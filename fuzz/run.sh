#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan) and runs each one for a
# while, or once over its seed corpus. See fuzz/README.md.
#
#   fuzz/run.sh [seconds-per-target] [harness...]   fuzz each harness (default 60 s)
#   fuzz/run.sh --smoke [harness...]                run every seed once (< 30 s)
#   fuzz/run.sh --repro <harness> <file>...         run the harness on crash files
#   fuzz/run.sh --build-only                        configure and build only
#   fuzz/run.sh --list                              print the harness names
#
# Options: --no-build (use the existing build). Environment:
#   NAVIGATOR_FUZZ_BUILD_DIR  build directory (default build/fuzz, or
#                             build/fuzz-standalone before the root adds fuzz/)
#   NAVIGATOR_FUZZ_WORK_DIR   new corpus entries, crash artifacts and logs
#                             (default <build dir>/fuzz-work; never fuzz/corpus)
#   NAVIGATOR_FUZZ_JOBS       build parallelism (default: nproc)
#   NAVIGATOR_FUZZ_FLAGS      extra libFuzzer flags, e.g. "-fork=2 -ignore_crashes=1"
#
# Exits non-zero when a harness crashed, hung, leaked, ran out of memory or
# failed a property; the input is saved under <work dir>/artifacts/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fuzz_dir=$root/fuzz

# name:max_len:dictionary. JSON bodies get 64 KiB; the leaf parsers a little
# more than their own length limits (quantity 100, version 256 per piece).
harnesses=(
  json_parse:65536:json
  json_patch:65536:patch
  strategic_merge_patch:65536:patch
  decode_elasticsearch_cluster:65536:json
  decode_cassandra_cluster:65536:json
  decode_pilot:65536:json
  delete_options:65536:json
  quantity:256:
  semver:1024:
  lenient_version:1024:
  rfc3339:128:rfc3339
  resource_version:64:
  continue_token:10240:
  list_options:4096:
  label_selector:4096:
  field_selector:4096:
  http_target:8192:http_target
  accept_encoding:4096:
  gzip:65536:
  proc_files:4096:
  accept_header:8192:accept_header
  openapi_request:4096:
  request_header:8192:
  authentication_configmap:65536:json
  token_review:65536:json
  subject_access_review:65536:json
  kubeconfig:65536:
  base64:4096:
  lease:65536:json
  watch_event:65536:json
  discovery:65536:json
  kubeconfig_chain:65536:
  kube_decode:65536:json
  proc_status_memory:4096:
  watch_line:65536:json
  crd_schema:65536:json
  bench_results:65536:json
)

usage() {
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

mode=fuzz
build=1
seconds=60
selected=()
repro_files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) mode=smoke ;;
    --build-only) mode=build ;;
    --list) mode=list ;;
    --repro)
      mode=repro
      [ $# -ge 3 ] || usage 2
      selected=("$2")
      shift 2
      repro_files=("$@")
      break
      ;;
    --no-build) build=0 ;;
    -h | --help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage 2 ;;
    *)
      if [[ "$1" =~ ^[0-9]+$ ]]; then seconds=$1; else selected+=("$1"); fi
      ;;
  esac
  shift
done

if [ "$mode" = list ]; then
  for h in "${harnesses[@]}"; do echo "${h%%:*}"; done
  exit 0
fi

# ------------------------------------------------------------- configure/build

# A build directory already configured is re-configured as it was. A new one
# uses the `fuzz` preset once CMakePresets.json has it and the root adds fuzz/;
# until then the same configuration through fuzz/cmake/standalone/.
fuzz_cxx_flags="-O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined"
fuzz_cxx_flags+=" -fno-sanitize=function -fno-sanitize-recover=all"
if grep -q '"name": *"fuzz"' "$root/CMakePresets.json" &&
  grep -q 'add_subdirectory(fuzz)' "$root/CMakeLists.txt"; then
  build_dir=${NAVIGATOR_FUZZ_BUILD_DIR:-$root/build/fuzz}
  configure=(cmake --preset fuzz -B "$build_dir")
else
  build_dir=${NAVIGATOR_FUZZ_BUILD_DIR:-$root/build/fuzz-standalone}
  configure=(cmake -S "$fuzz_dir/cmake/standalone" -B "$build_dir" -G Ninja
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug
    "-DCMAKE_CXX_FLAGS=$fuzz_cxx_flags" -DNAVIGATOR_FUZZ=ON -DNAVIGATOR_BUILD_TESTS=OFF)
fi
[ -f "$build_dir/CMakeCache.txt" ] && configure=(cmake "$build_dir")
work_dir=${NAVIGATOR_FUZZ_WORK_DIR:-$build_dir/fuzz-work}

if [ "$build" = 1 ]; then
  echo "== configure: ${configure[*]}"
  (cd "$root" && "${configure[@]}" >/dev/null)
  echo "== build: navigator_fuzzers in $build_dir"
  cmake --build "$build_dir" --target navigator_fuzzers -j "${NAVIGATOR_FUZZ_JOBS:-$(nproc)}"
fi
[ "$mode" = build ] && exit 0

# fuzz/ is built under <build>/fuzz, or <build>/navigator/fuzz when the
# standalone configuration's root adds it; the newest binary wins.
binary() {
  local found
  found=$(ls -t "$build_dir/fuzz/fuzz_$1" "$build_dir/navigator/fuzz/fuzz_$1" 2>/dev/null | head -n 1)
  [ -n "$found" ] && [ -x "$found" ] && echo "$found"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# ---------------------------------------------------------------------- runs

if [ "$mode" = repro ]; then
  bin=$(binary "${selected[0]}") || { echo "run.sh: no harness ${selected[0]}" >&2; exit 2; }
  exec "$bin" "${repro_files[@]}"
fi

if [ ${#selected[@]} -gt 0 ]; then
  for s in "${selected[@]}"; do
    printf '%s\n' "${harnesses[@]}" | grep -q "^$s:" || {
      echo "run.sh: unknown harness $s (see --list)" >&2
      exit 2
    }
  done
fi

mkdir -p "$work_dir/logs" "$work_dir/artifacts"
failed=()
summary=()
for entry in "${harnesses[@]}"; do
  IFS=: read -r name max_len dict <<<"$entry"
  if [ ${#selected[@]} -gt 0 ] && ! printf '%s\n' "${selected[@]}" | grep -qx "$name"; then
    continue
  fi
  bin=$(binary "$name") || {
    echo "== $name: not built (skipped)"
    continue
  }
  seeds=$fuzz_dir/corpus/$name
  log=$work_dir/logs/$name.log
  args=(-max_len="$max_len" -timeout=5 -rss_limit_mb=2048
    -artifact_prefix="$work_dir/artifacts/$name-")
  [ -n "$dict" ] && args+=(-dict="$fuzz_dir/dict/$dict.dict")
  if [ "$mode" = smoke ]; then
    # -runs=0: run every seed once, then stop; nothing is written.
    args+=(-runs=0 "$seeds")
    echo "== $name: seeds"
  else
    mkdir -p "$work_dir/corpus/$name"
    # New inputs go to the first directory (the work corpus), never to fuzz/corpus.
    args+=(-max_total_time="$seconds" -print_final_stats=1 "$work_dir/corpus/$name" "$seeds")
    echo "== $name: fuzzing for ${seconds}s (log: $log)"
  fi
  artifacts_before=$(find "$work_dir/artifacts" -name "$name-*" | wc -l)
  # shellcheck disable=SC2086 # NAVIGATOR_FUZZ_FLAGS is a list of flags
  if timeout --kill-after=10 $((seconds + 120)) "$bin" "${args[@]}" ${NAVIGATOR_FUZZ_FLAGS:-} \
    >"$log" 2>&1; then
    status=ok
  else
    status="FAILED (exit $?)"
  fi
  # With -fork and -ignore_crashes the exit status does not tell; new inputs do.
  artifacts=$(($(find "$work_dir/artifacts" -name "$name-*" | wc -l) - artifacts_before))
  [ "$artifacts" -gt 0 ] && status="FAILED ($artifacts inputs)"
  [ "$status" != ok ] && failed+=("$name")
  # "#N DONE cov: C ft: F corp: K/..." or, with -fork, "#N: cov: C ft: F corp: K exec/s E ...".
  line=$(grep -E '^#[0-9]+:?[[:space:]]+(DONE|INITED|cov:)' "$log" | tail -n 1 || true)
  stats=$(sed -nE 's/^#([0-9]+):?[[:space:]]+[A-Z]*[[:space:]]*cov: ([0-9]+) ft: ([0-9]+) corp: ([0-9]+).*/\2 edges, \3 features, corpus \4, \1 runs/p' \
    <<<"$line")
  speed=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  [ -z "$speed" ] && speed=$(sed -nE 's/.* exec\/s:? ([0-9]+).*/\1/p' <<<"$line")
  [ "${speed:-0}" = 0 ] && speed=
  summary+=("$(printf '%-30s %-22s %s%s' "$name" "$status" "${stats:-no stats}" \
    "${speed:+ at $speed exec/s}")")
  if [ "$status" != ok ]; then
    # What failed, and the stack frames in Navigator's code.
    grep -E 'ERROR:|SUMMARY:|runtime error|property failed|^  check:|^  [a-z]|written to|#[0-9]+ .* in navigator::' \
      "$log" | sed -n '1,24p' | cut -c1-300 | sed 's/^/    /' || true
  fi
done

echo
echo "== summary ($mode)"
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "== failed: ${failed[*]} (logs and inputs under $work_dir)"
  exit 1
fi
