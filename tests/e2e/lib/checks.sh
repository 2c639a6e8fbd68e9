# Check bookkeeping shared by the end-to-end scripts in tests/e2e (sourced,
# not run). Every check prints one pass or fail line (a failure also prints
# what was expected and what came, indented); checks_summary prints the
# closing "<name>: <n> passed, <m> failed" line.
#
#   checks_init <name> <pass label> <fail label>
#       once, before the first check; <name> may be "" (the summary line then
#       is only "<n> passed, <m> failed"); labels such as "ok" "FAILED".
#   check <description> <command...>      the command must succeed
#   contains <needle> <command...>        its output (stdout+stderr) must contain
#                                         needle, whatever its exit status
#   succeeds_with <needle> <command...>   must succeed and its output contain needle
#   fails_with <needle> <command...>      must fail and its output contain needle
#   eventually <seconds> <command...>     retries every 0.5 s until the command
#                                         succeeds; on time-out shows its last output
#   checks_abort <description> [file]     counts one failure, shows the file
#                                         indented, prints the summary, exits 1
#   checks_summary                        prints the summary; fails if any check failed
#
# The counters are the globals `passed` and `failed`. contains, succeeds_with,
# fails_with and eventually print nothing on success, so they nest:
# `check "..." eventually 20 succeeds_with demo kubectl get esc`.

checks_init() {
  checks_name=$1
  checks_pass_label=$2
  checks_fail_label=$3
  passed=0
  failed=0
}

check() {
  local description=$1
  shift
  local out
  if out=$("$@" 2>&1); then
    passed=$((passed + 1))
    echo "$checks_pass_label: $description"
  else
    failed=$((failed + 1))
    echo "$checks_fail_label: $description"
    echo "$out" | sed 's/^/    /'
  fi
}

contains() {
  local needle=$1 out
  shift
  out=$("$@" 2>&1) || true
  grep -qF -- "$needle" <<<"$out" || {
    echo "expected output to contain: $needle"
    echo "got: $out"
    return 1
  }
}

succeeds_with() {
  local needle=$1 out
  shift
  out=$("$@" 2>&1) || {
    echo "expected success with: $needle"
    echo "got a failure: $out"
    return 1
  }
  grep -qF -- "$needle" <<<"$out" || {
    echo "expected output to contain: $needle"
    echo "got: $out"
    return 1
  }
}

fails_with() {
  local needle=$1 out
  shift
  if out=$("$@" 2>&1); then
    echo "expected a failure with: $needle"
    echo "got success: $out"
    return 1
  fi
  grep -qF -- "$needle" <<<"$out" || {
    echo "expected: $needle"
    echo "got: $out"
    return 1
  }
}

eventually() {
  local deadline=$((SECONDS + $1)) out
  shift
  until out=$("$@" 2>&1); do
    if [ $SECONDS -ge $deadline ]; then
      echo "still failing after the time limit:"
      echo "$out"
      return 1
    fi
    sleep 0.5
  done
}

checks_abort() {
  failed=$((failed + 1))
  echo "$checks_fail_label: $1"
  if [ $# -gt 1 ]; then sed 's/^/    /' "$2"; fi
  checks_summary || true
  exit 1
}

checks_summary() {
  echo "${checks_name:+$checks_name: }$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
