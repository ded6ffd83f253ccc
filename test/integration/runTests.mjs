#!/usr/bin/env node
// Runs the extension-host suite (out/test/integration, built by `npm run build`) in a real VS Code:
//   - @vscode/test-electron's runTests when a VS Code desktop is available: $VSCODE_EXECUTABLE,
//     a copy already downloaded into .vscode-test/, or a download (only tried when
//     update.code.visualstudio.com answers within a few seconds and a display is there);
//   - otherwise code-server (VS Code 1.100.3) in headless Chromium, test/workbench/codeServerRunner.mjs,
//     installed by test/workbench/install.sh on first use.
// It prints which one it uses. Two entries run, each in a fresh window on a fresh copy of
// test/integration/fixtures: index.js (the suite) and networkFirst.js (activation by a network file).
//
//   node test/integration/runTests.mjs [--runner auto|electron|code-server] [--timeout MS]
//                                      [--entry main|network-first] [--grep PATTERN]
// Environment: LIBVIRT_XML_TEST_RUNNER (= --runner), VSCODE_EXECUTABLE, VSCODE_VERSION (download).
// Exit code: 0 all passed, 1 a test failed, 124 a timeout, 2 the runner could not start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
  if (!['auto', 'electron', 'code-server'].includes(o.runner)) throw new Error(`--runner must be auto, electron or code-server, not ${o.runner}`);
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
    return { kind: 'electron', executable: exe, why: `VSCODE_EXECUTABLE=${exe}` };
  }
  const cache = path.join(ROOT, '.vscode-test');
  const cached = fs.existsSync(cache) && fs.readdirSync(cache).some((d) => d.startsWith('vscode-'));
  if (wanted === 'electron')
    return { kind: 'electron', why: cached ? 'asked for; VS Code cached in .vscode-test/' : 'asked for; @vscode/test-electron will download VS Code' };
  if (!hasDisplay()) return { kind: 'code-server', why: 'no $DISPLAY for a VS Code desktop window (run under xvfb-run for @vscode/test-electron)' };
  if (cached) return { kind: 'electron', why: 'VS Code cached in .vscode-test/' };
  log('no VSCODE_EXECUTABLE and no .vscode-test/: checking whether VS Code can be downloaded (4 s at most)…');
  if (await downloadReachable()) return { kind: 'electron', why: 'update.code.visualstudio.com reachable: @vscode/test-electron downloads VS Code' };
  return { kind: 'code-server', why: 'VS Code cannot be downloaded here (update.code.visualstudio.com unreachable)' };
}

// ---- the two runners -------------------------------------------------------------------------
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

async function runElectron({ executable }, entry, workspace, timeoutMs) {
  let runTests;
  try {
    ({ runTests } = await import('@vscode/test-electron'));
  } catch {
    throw new Error('@vscode/test-electron is not installed: npm install');
  }
  const userData = path.join(path.dirname(workspace), 'vscode-user-data');
  const run = runTests({
    vscodeExecutablePath: executable,
    version: process.env.VSCODE_VERSION,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, entry),
    extensionTestsEnv: { LIBVIRT_XML_TEST_MODE: '1' },
    launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userData],
  }).then(
    () => 0,
    (e) => {
      log(`VS Code: ${e.message}`);
      return typeof e.code === 'number' && e.code !== 0 ? e.code : 1;
    },
  );
  let timer;
  const timeout = new Promise((r) => {
    timer = setTimeout(() => r('timeout'), timeoutMs);
  });
  const r = await Promise.race([run, timeout]);
  clearTimeout(timer);
  if (r !== 'timeout') return r;
  log(`TIMEOUT: no result after ${timeoutMs} ms; killing VS Code`);
  for (const pid of descendants(process.pid).reverse()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return 124;
}

async function ensureCodeServer() {
  const tools = process.env.WORKBENCH_TOOLS ? path.resolve(process.env.WORKBENCH_TOOLS) : path.join(ROOT, '.cache/code-server');
  if (fs.existsSync(path.join(tools, '.installed')) && fs.existsSync('/usr/bin/chromium')) return;
  log('code-server / Chromium not installed yet: running test/workbench/install.sh');
  const r = spawnSync('bash', [path.join(ROOT, 'test/workbench/install.sh')], { stdio: 'inherit', timeout: 15 * 60_000 });
  if (r.status !== 0) throw new Error(`test/workbench/install.sh failed (exit ${r.status ?? r.signal})`);
}

async function runCodeServer(entry, workspace, timeoutMs, counts) {
  const { runExtensionTests } = await import('../workbench/codeServerRunner.mjs');
  return runExtensionTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, entry),
    workspacePath: workspace,
    timeoutMs,
    screenshotsDir: process.env.LIBVIRT_XML_IT_SCREENSHOTS || undefined,
    onConsole: ({ text }) => countMocha(text, counts),
  });
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
  process.env.LIBVIRT_XML_TEST_MODE = '1'; // inherited by the extension host
  const runner = await chooseRunner(opts.runner);
  log(
    `runner: ${runner.kind === 'electron' ? '@vscode/test-electron (VS Code desktop)' : 'code-server 4.100.3 (VS Code 1.100.3) in headless Chromium'} — ${runner.why}`,
  );
  if (runner.kind === 'code-server') await ensureCodeServer();

  const t0 = Date.now();
  const results = [];
  for (const name of opts.entries) {
    const copy = copyFixtures(`it-${name}`);
    const counts = { passing: 0, failing: 0, pending: 0 };
    const started = Date.now();
    log(`entry ${name}: ${ENTRIES[name]} on ${path.relative(ROOT, copy.workspace)}`);
    let code;
    if (runner.kind === 'electron') {
      // test-electron writes VS Code's output to our stdout; count from there.
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = (chunk, ...rest) => {
        countMocha(chunk, counts);
        return write(chunk, ...rest);
      };
      try {
        code = await runElectron(runner, ENTRIES[name], copy.workspace, opts.timeoutMs);
      } finally {
        process.stdout.write = write;
      }
    } else {
      code = await runCodeServer(ENTRIES[name], copy.workspace, opts.timeoutMs, counts);
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
