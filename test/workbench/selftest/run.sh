#!/usr/bin/env bash
# Self-test of test/workbench: proves the runner works end to end in the real workbench.
#   passing suite -> exit 0 | failing suite -> exit 1 with the assertion message in the output
#   hanging suite -> exit 124 after --timeout | UI journey (startWorkbench) -> exit 0
#   @vscode/test-electron's runTests with codeServerAsVscode.mjs -> resolves, or rejects on failure
# and that no code-server / Chromium process is left behind afterwards.
# Usage: test/workbench/selftest/run.sh [--no-install]   (WORKBENCH_CODE_SERVER: which code-server)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
cd "$ROOT"
[[ "${1:-}" == --no-install ]] || bash test/workbench/install.sh || exit 1
SELFTEST_VSCODE_VERSION="$(node --input-type=module -e "
  import { installedCodeServer } from './test/workbench/workbenchTools.mjs';
  console.log(installedCodeServer()?.vscode ?? '')")"
[[ -n "$SELFTEST_VSCODE_VERSION" ]] || { echo "code-server ${WORKBENCH_CODE_SERVER:-oldest} is not installed"; exit 1; }
export SELFTEST_VSCODE_VERSION

RUN=(node test/workbench/codeServerRunner.mjs --extension "$HERE/extension" --workspace "$HERE/workspace")
OUT="$(mktemp -d)"
passed=0 failed=0
check() { # name, condition (as a command)
  if "${@:2}"; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1"; fi
}
leftovers() { # our processes still alive (zombies waiting for init don't count)
  ps -eo stat=,args= | grep -E 'code-server/out/node/entry.js|/usr/lib/chromium/chromium' | grep -v -e '^Z' -e grep || true
}

t=$SECONDS; "${RUN[@]}" --tests "$HERE/suite/index.js" --timeout 120000 >"$OUT/pass.log" 2>&1; rc=$?
cat "$OUT/pass.log"
check "passing suite exits 0 (rc=$rc, $((SECONDS - t)) s)" test "$rc" -eq 0
check "console.log of the test is relayed" grep -q "SELFTEST-CONSOLE-LOG vscode.version=$SELFTEST_VSCODE_VERSION" "$OUT/pass.log"
check "mocha reports 4 passing" grep -q '4 passing' "$OUT/pass.log"

t=$SECONDS; "${RUN[@]}" --tests "$HERE/suite/failing.js" --timeout 120000 >"$OUT/fail.log" 2>&1; rc=$?
cat "$OUT/fail.log"
check "failing suite exits non-zero (rc=$rc, $((SECONDS - t)) s)" test "$rc" -ne 0
check "assertion message is visible" grep -q 'SELFTEST-EXPECTED-FAILURE: version mismatch' "$OUT/fail.log"

t=$SECONDS; "${RUN[@]}" --tests "$HERE/suite/hanging.js" --timeout 15000 >"$OUT/hang.log" 2>&1; rc=$?
cat "$OUT/hang.log"
check "hanging suite times out with 124 (rc=$rc, $((SECONDS - t)) s)" test "$rc" -eq 124

t=$SECONDS; node "$HERE/journey.mjs" >"$OUT/journey.log" 2>&1; rc=$?
cat "$OUT/journey.log"
check "UI journey passes (rc=$rc, $((SECONDS - t)) s)" test "$rc" -eq 0

# The same suites through @vscode/test-electron, as test:integration runs the project's.
run_tests() { # entry file
  node --input-type=module -e "
    import { runTests } from '@vscode/test-electron';
    await runTests({
      vscodeExecutablePath: '$ROOT/test/workbench/codeServerAsVscode.mjs',
      extensionDevelopmentPath: '$HERE/extension',
      extensionTestsPath: '$HERE/suite/$1',
      launchArgs: ['$HERE/workspace', '--user-data-dir=$OUT/user-data', '--extensions-dir=$OUT/extensions'],
    });"
}
t=$SECONDS; run_tests index.js >"$OUT/electron-pass.log" 2>&1; rc=$?
cat "$OUT/electron-pass.log"
check "runTests through codeServerAsVscode.mjs resolves on a passing suite (rc=$rc, $((SECONDS - t)) s)" test "$rc" -eq 0
check "runTests relays the suite's output" grep -q '4 passing' "$OUT/electron-pass.log"
t=$SECONDS; run_tests failing.js >"$OUT/electron-fail.log" 2>&1; rc=$?
cat "$OUT/electron-fail.log"
check "runTests through codeServerAsVscode.mjs rejects on a failing suite (rc=$rc, $((SECONDS - t)) s)" test "$rc" -ne 0
check "runTests says the run failed" grep -q 'Test run failed with code 1' "$OUT/electron-fail.log"

left="$(leftovers)"
[[ -z "$left" ]] || echo "$left"
check "no code-server/Chromium process left" test -z "$left"

rm -rf "$OUT"
echo "workbench selftest: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
