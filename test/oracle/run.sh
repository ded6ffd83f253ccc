#!/usr/bin/env bash
# `npm run test:oracle`: the differential test of our resolver against a real libvirt.
#   1. setup.sh installs (apt) and starts libvirt (virtlogd, libvirtd, test links); idempotent.
#      If it fails, the test still runs: it finds no libvirt and reports SKIP with setup.sh's
#      reason (passed in ORACLE_SETUP_ERROR) — it never passes silently.
#   2. node --test out/test/oracle/ (compiled by `npm run build`), node's own summary at the end.
#   3. teardown.sh, ALWAYS (trap, also on Ctrl-C): stops what setup.sh started, by PID.
# Exit code: the test's. Environment: ORACLE_JOBS (parallel lanes, default 4), ORACLE_FILTER
# (regex over case ids, for a quick partial run).
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
STATE="${ORACLE_STATE_DIR:-$ROOT/.cache/oracle}"
cd "$ROOT" || exit 1
mkdir -p "$STATE"

teardown() {
  # Its details go to a log, so that node's closing summary stays the last thing printed.
  if bash "$HERE/teardown.sh" >"$STATE/teardown.log" 2>&1; then
    echo "oracle: torn down (details in $STATE/teardown.log)"
  else
    echo "oracle: teardown.sh failed, see $STATE/teardown.log" >&2
  fi
}
trap teardown EXIT
trap 'exit 130' INT TERM

if [ ! -f out/test/oracle/differential.test.js ]; then
  echo "oracle: out/test/oracle/differential.test.js missing: run 'npm run build' first" >&2
  exit 1
fi

start=$SECONDS
setup_log="$STATE/setup.log"
bash "$HERE/setup.sh" >"$setup_log" 2>&1
setup_rc=$?
cat "$setup_log"
if [ "$setup_rc" -ne 0 ]; then
  # setup.sh's last line is its one-line reason ("oracle setup: …")
  ORACLE_SETUP_ERROR="$(tail -n 1 "$setup_log" | sed 's/^oracle setup: //')"
  export ORACLE_SETUP_ERROR
  echo "oracle: set-up failed ($ORACLE_SETUP_ERROR); the test will report SKIP"
fi
echo "oracle: set-up took $((SECONDS - start)) s"

# One file at a time: the live tests restart libvirtd, which the differential test must not see.
node --test --test-concurrency=1 out/test/oracle/
rc=$?
echo "oracle: total $((SECONDS - start)) s before teardown; test exit code $rc"
exit "$rc"
