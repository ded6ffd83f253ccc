#!/usr/bin/env node
// Runs the extension-host suite (out/test/integration, built by `npm run build`) in a real VS Code,
// always through @vscode/test-electron's runTests(). What runTests() launches:
//   - desktop: VS Code itself, $VSCODE_EXECUTABLE, a copy already downloaded into .vscode-test/,
//     or a download (only tried when update.code.visualstudio.com answers within a few seconds
//     and a display is there);
//   - code-server: test/workbench/codeServerAsVscode.mjs, which takes VS Code's command line and
//     runs the suite in code-server and headless Chromium; which code-server, WORKBENCH_CODE_SERVER
//     says (oldest, the default, or newest; test/workbench/install.sh installs it on first use).
// It prints which one it uses. Two entries run, each in a fresh window on a fresh copy of
// test/integration/fixtures: index.js (the suite) and networkFirst.js (activation by a network file).
//
//   node test/integration/runTests.mjs [--runner auto|desktop|code-server] [--timeout MS]
//                                      [--entry main|network-first] [--grep PATTERN]
// Environment: LIBVIRT_XML_TEST_RUNNER (= --runner), VSCODE_EXECUTABLE, VSCODE_VERSION (download),
// WORKBENCH_CODE_SERVER, WORKBENCH_SCREENSHOTS (a screenshot of the workbench at the end of each entry).
// Exit code: 0 all passed, 1 a test failed, 124 a timeout, 2 the runner could not start.
import fs from 'node:fs';
import path from 'node:path';
import { describeCodeServer, ensureCodeServer } from '../workbench/workbenchTools.mjs';
import { copyFixtures, ROOT } from './fixtureCopy.mjs';

const ENTRIES = {
  main: 'out/test/integration/index.js',
  'network-first': 'out/test/integration/networkFirst.js',
};
const log = (...a) => console.log('[test:integration]', ...a);

function parseArgs(argv) {
  const o = { runner: process.env.LIBVIRT_XML_TEST_RUNNER || 'auto', timeoutMs: 5 * 60_000, entries: Object.keys(ENTRIES) };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--runner') o.runner = val();
    else if (a === '--timeout') o.timeoutMs = Number(val());
    else if (a === '--entry') o.entries = [val()];
    else if (a === '--grep') process.env.LIBVIRT_XML_IT_GREP = val();
    else throw new Error(`unknown argument ${a}`);
  }
  if (!['auto', 'desktop', 'code-server'].includes(o.runner)) throw new Error(`--runner must be auto, desktop or code-server, not ${o.runner}`);
  for (const e of o.entries) if (!ENTRIES[e]) throw new Error(`--entry must be one of ${Object.keys(ENTRIES).join(', ')}`);
  if (!(o.timeoutMs > 0)) throw new Error('--timeout needs a number of milliseconds');
  return o;
}

// ---- which VS Code -------------------------------------------------------------------------
async function downloadReachable() {
  try {
    const res = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(4000) });
    return res.ok;
  } catch {
    return false;
  }
}

const hasDisplay = () => process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

async function chooseRunner(wanted) {
  if (wanted === 'code-server') return { kind: 'code-server', why: 'asked for (--runner / LIBVIRT_XML_TEST_RUNNER)' };
  const exe = process.env.VSCODE_EXECUTABLE;
  if (exe) {
    if (!fs.existsSync(exe)) throw new Error(`VSCODE_EXECUTABLE=${exe} does not exist`);
    return { kind: 'desktop', executable: exe, why: `VSCODE_EXECUTABLE=${exe}` };
  }
  const cache = path.join(ROOT, '.vscode-test');
  const cached = fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('vscode-'));
  if (wanted === 'desktop')
    return { kind: 'desktop', why: cached ? 'asked for; VS Code cached in .vscode-test/' : 'asked for; @vscode/test-electron will download VS Code' };
  if (!hasDisplay()) return { kind: 'code-server', why: 'no $DISPLAY for a VS Code desktop window (run under xvfb-run for the desktop)' };
  if (cached) return { kind: 'desktop', why: 'VS Code cached in .vscode-test/' };
  log('no VSCODE_EXECUTABLE and no .vscode-test/: checking whether VS Code can be downloaded (4 s at most)…');
  if (await downloadReachable()) return { kind: 'desktop', why: 'update.code.visualstudio.com reachable: @vscode/test-electron downloads VS Code' };
  return { kind: 'code-server', why: 'VS Code cannot be downloaded here (update.code.visualstudio.com unreachable)' };
}

// ---- one entry, through runTests() -------------------------------------------------------------
// Processes whose parent is `pid`, and theirs (from /proc), to end what runTests started on a timeout.
function descendants(pid) {
  const children = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const walk = (p) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

const CODE_SERVER_AS_VSCODE = path.join(ROOT, 'test/workbench/codeServerAsVscode.mjs');
// The launcher ends its own run at the timeout (exit 124, its processes stopped); this much later
// everything runTests() started is killed from here, in case the launcher itself hangs.
const LAUNCHER_GRACE_MS = 60_000;

async function runEntry(runner, entry, copy, timeoutMs) {
  let runTests;
  try {
    ({ runTests } = await import('@vscode/test-electron'));
  } catch {
    throw new Error('@vscode/test-electron is not installed: npm install');
  }
  const onCodeServer = runner.kind === 'code-server';
  const run = runTests({
    vscodeExecutablePath: onCodeServer ? CODE_SERVER_AS_VSCODE : runner.executable,
    version: process.env.VSCODE_VERSION,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, entry),
    extensionTestsEnv: { LIBVIRT_XML_TEST_MODE: '1', ...(onCodeServer ? { WORKBENCH_TIMEOUT_MS: String(timeoutMs) } : {}) },
    // A fresh profile and extensions folder per entry, beside the workspace copy.
    launchArgs: [
      copy.workspace,
      '--disable-extensions',
      `--user-data-dir=${path.join(copy.dir, 'vscode-user-data')}`,
      `--extensions-dir=${path.join(copy.dir, 'vscode-extensions')}`,
    ],
  }).then(
    () => 0,
    (e) => {
      log(`runTests: ${e.message}`);
      return typeof e.code === 'number' && e.code !== 0 ? e.code : 1;
    },
  );
  let timer;
  const timeout = new Promise((r) => {
    timer = setTimeout(() => r('timeout'), timeoutMs + (onCodeServer ? LAUNCHER_GRACE_MS : 0));
  });
  const r = await Promise.race([run, timeout]);
  clearTimeout(timer);
  if (r !== 'timeout') return r;
  log(`TIMEOUT: no result after ${timeoutMs} ms; killing what runTests started`);
  for (const pid of descendants(process.pid).reverse()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return 124;
}

// mocha's spec reporter ends with "N passing", "N pending", "N failing".
function countMocha(text, counts) {
  for (const line of String(text).split('\n')) {
    const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(line);
    if (m) counts[m[2]] += Number(m[1]);
  }
}

// ---- main ------------------------------------------------------------------------------------
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const file of ['dist/client.js', 'dist/server.js', ...opts.entries.map((e) => ENTRIES[e])]) {
    if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const runner = await chooseRunner(opts.runner);
  if (runner.kind === 'code-server') {
    // Installed before the run, so that its output does not mix with the suite's.
    const codeServer = ensureCodeServer(undefined, log);
    log(
      `runner: @vscode/test-electron's runTests → test/workbench/codeServerAsVscode.mjs: ${describeCodeServer(codeServer)} in headless Chromium — ${runner.why}`,
    );
  } else log(`runner: @vscode/test-electron's runTests → VS Code desktop — ${runner.why}`);

  const t0 = Date.now();
  const results = [];
  for (const name of opts.entries) {
    const copy = copyFixtures(`it-${name}`);
    const counts = { passing: 0, failing: 0, pending: 0 };
    const started = Date.now();
    log(`entry ${name}: ${ENTRIES[name]} on ${path.relative(ROOT, copy.workspace)}`);
    // runTests() writes VS Code's output to our stdout; count mocha's summary from there.
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk, ...rest) => {
      countMocha(chunk, counts);
      return write(chunk, ...rest);
    };
    let code;
    try {
      code = await runEntry(runner, ENTRIES[name], copy, opts.timeoutMs);
    } finally {
      process.stdout.write = write;
    }
    if (code === 0) copy.remove();
    else log(`workspace copy kept for inspection: ${copy.dir}`);
    results.push({ name, code, counts, ms: Date.now() - started });
  }
  const total = results.reduce((a, r) => ({ passing: a.passing + r.counts.passing, failing: a.failing + r.counts.failing }), { passing: 0, failing: 0 });
  for (const r of results) {
    log(
      `${r.code === 0 ? 'PASS' : 'FAIL'} ${r.name}: ${r.counts.passing} passing, ${r.counts.failing} failing, exit ${r.code}${r.code === 124 ? ' (timeout)' : ''}, ${(r.ms / 1000).toFixed(1)} s`,
    );
  }
  log(`${runner.kind}: ${total.passing} passing, ${total.failing} failing in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const bad = results.find((r) => r.code !== 0);
  return bad ? (bad.code === 124 ? 124 : 1) : 0;
}

try {
  process.exitCode = await main();
} catch (e) {
  console.error(`[test:integration] ${e.message}`);
  process.exitCode = 2;
}
