#!/usr/bin/env node
// Runs a VS Code extension's test suite inside a REAL VS Code workbench on this offline machine:
// code-server (VS Code served over HTTP, installed by ./install.sh; which one: WORKBENCH_CODE_SERVER,
// see ./workbenchTools.mjs) + Debian's Chromium driven by playwright-core. VS Code desktop cannot be
// downloaded here; this gives the run() contract of VS Code's extension tests, and
// ./codeServerAsVscode.mjs puts it behind VS Code's command line for @vscode/test-electron.
//
//   node test/workbench/codeServerRunner.mjs --extension DIR --tests FILE [--workspace DIR]
//        [--timeout MS] [--screenshots DIR] [--verbose] [--keep]
//
// Library use:
//   runExtensionTests({ extensionDevelopmentPath, extensionTestsPath, workspacePath, timeoutMs,
//                       screenshotsDir?, onPage?, userDataDir?, extensionsDir? })  -> Promise<exit code>
//   startWorkbench({ workspacePath, extensionDevelopmentPath?, extensionTestsPath? })
//                                     -> { url, page, browser, runDir, codeServer, stop() }  (UI journey tests)
//
// Everything started (code-server's process group, Chromium's process group) is killed by PID on
// success, failure, timeout, SIGINT/SIGTERM and process exit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, describeCodeServer, ensureCodeServer } from './workbenchTools.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = path.join(ROOT, '.cache/workbench-runs'); // fresh user-data/extensions dirs, one per run
// Without the background-networking flags Chromium keeps hitting this machine's closed network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const START_TIMEOUT_MS = 60_000; // code-server normally answers in ~2 s

// A fresh profile: no trust dialog (it would block the tests), no telemetry, no welcome page/tips.
const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  // Newer VS Codes open a chat side bar that narrows the editor, and offer AI features.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

// Workbench log lines that say nothing about the suite; shown only with --verbose.
const NOISE = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^\[Service Worker\]/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore/,
  /^\[driver\]/,
  /^Ignoring fetching additional builtin extensions/,
  // VS Code 1.139's start-up chatter.
  /^\[reconnection-grace-time\]/,
  /^\[AgentHost:remote\]/,
  /^\[AccountPolicyGate\]/,
];

const log = (...a) => console.log('[workbench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Wait for p at most ms; the timer is unref'd so it cannot keep the process alive afterwards.
const within = (p, ms) => Promise.race([p, new Promise((r) => setTimeout(r, ms).unref())]);

// ---- process bookkeeping: every group we start is tracked until it is gone -------------------
// Both children are started detached, so each is the leader of its own process group (pid == pgid)
// and one kill(-pgid) also takes what it spawned (extension host, file watcher, pty host, renderers).
const live = new Set();
const stoppers = new Set(); // stop() of every open workbench, for the signal handlers

// If this process is SIGKILLed (CI timeout, kill -9) no handler of ours runs. A tiny detached
// watchdog holding the other end of a pipe sees the pipe close and SIGKILLs the groups still listed.
const WATCHDOG_SRC = `const live = new Set(); let buf = '';
process.stdin.on('data', (d) => { buf += d; let i;
  while ((i = buf.indexOf('\\n')) >= 0) { const l = buf.slice(0, i); buf = buf.slice(i + 1);
    (l[0] === '+' ? live.add : live.delete).call(live, Number(l.slice(1))); } });
const end = () => { for (const g of live) { try { process.kill(-g, 'SIGKILL'); } catch {} } process.exit(0); };
process.stdin.on('end', end); process.stdin.on('close', end);`;
let watchdog = null;
function track(pgid) {
  live.add(pgid);
  if (!watchdog) {
    watchdog = spawn(process.execPath, ['-e', WATCHDOG_SRC], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    watchdog.unref();
    watchdog.stdin.unref?.(); // don't keep our event loop alive
    watchdog.stdin.on('error', () => {});
  }
  watchdog.stdin.write(`+${pgid}\n`);
}

// Live (non-zombie) members of a process group, from /proc. kill(-pgid, 0) is no good here:
// it also succeeds for killed children that were reparented and not yet reaped.
function groupAlive(pgid) {
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
    } catch {
      continue;
    }
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}
// SIGKILL at once: neither code-server (which takes up to a minute to honour SIGTERM) nor a
// throwaway Chromium profile holds anything worth a graceful shutdown.
async function killGroup(pgid) {
  if (!pgid) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  for (const end = Date.now() + 5000; groupAlive(pgid) && Date.now() < end;) await sleep(20);
  if (groupAlive(pgid)) log(`warning: process group ${pgid} still alive after SIGKILL`);
  live.delete(pgid);
  watchdog?.stdin.write(`-${pgid}\n`);
}

let handlersInstalled = false;
function installProcessHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Uncaught error, process.exit() from elsewhere: synchronous SIGKILL of whatever is left.
  process.on('exit', () => {
    for (const pgid of live) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(sig, async () => {
      log(`${sig}: stopping code-server and Chromium`);
      await Promise.allSettled([...stoppers].map((s) => s()));
      process.exit(code);
    });
  }
}

// ---- helpers ------------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function loadPlaywright(codeServer) {
  try {
    return codeServer.require('playwright-core');
  } catch {
    throw new Error(`playwright-core not found in ${codeServer.dir}: run test/workbench/install.sh again`);
  }
}

// VS Code 1.139 runs the tests named in the URL's payload only when the server was started with
// enable-smoke-test-driver; the code-servers that need it are the ones that can pass VS Code an
// option (--vscode-option), so the flag is given exactly when code-server's CLI knows it.
function passesVscodeOptions(codeServer) {
  return fs.readFileSync(path.join(path.dirname(codeServer.entry), 'cli.js'), 'utf8').includes('"vscode-option"');
}

// Run dirs are kept after a failure for their logs; drop all but the newest few of those whose
// runner (pid in the name) is gone, so .cache does not grow without bound.
function pruneRunDirs(keep = 5) {
  let dirs;
  try {
    dirs = fs
      .readdirSync(RUNS)
      .filter((d) => d.startsWith('run-'))
      .sort();
  } catch {
    return;
  }
  const pidAlive = (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return e.code === 'EPERM';
    }
  };
  const dead = dirs.filter((d) => !pidAlive(Number(d.split('-')[2])));
  for (const d of dead.slice(0, Math.max(0, dead.length - keep))) fs.rmSync(path.join(RUNS, d), { recursive: true, force: true });
}

function tail(file, n = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

// VS Code sends extension-host console output to the page as
// console.log('%c[Extension Host] %cMESSAGE %c(at ...)', css, css, css): keep only MESSAGE.
async function consoleText(msg) {
  let args;
  try {
    args = await Promise.all(msg.args().map((a) => a.jsonValue()));
  } catch {
    args = null;
  }
  if (!args || typeof args[0] !== 'string') return { fromExtHost: false, text: msg.text() };
  let fmt = args[0];
  let rest = args.slice(1);
  const nCss = (fmt.match(/%c/g) || []).length;
  rest = rest.slice(nCss);
  fmt = fmt.replace(/%c/g, '');
  const m = /^\[Extension Host\] ([\s\S]*?)(?: \(at [^)]*\))?\s*$/.exec(fmt);
  const text = [m ? m[1] : fmt, ...rest.map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))].join(' ');
  return { fromExtHost: Boolean(m), text };
}

// ---- the workbench -----------------------------------------------------------------------------
/**
 * Starts code-server + headless Chromium on the workbench. With extensionTestsPath the workbench
 * runs those tests at once and calls codeAutomationExit(code) (see `exitCode`).
 * @returns {{url, port, page, browser, runDir, exitCode: Promise<number>, stop: () => Promise<void>}}
 */
export async function startWorkbench({
  workspacePath,
  extensionDevelopmentPath,
  extensionTestsPath,
  settings = {},
  verbose = !!process.env.WORKBENCH_VERBOSE,
  keepRunDir = !!process.env.WORKBENCH_KEEP,
  onConsole = null,
  viewport = { width: 1400, height: 900 },
  userDataDir,
  extensionsDir,
} = {}) {
  installProcessHandlers();
  const codeServer = ensureCodeServer(undefined, log);
  const { chromium } = loadPlaywright(codeServer);

  pruneRunDirs();
  const port = await freePort();
  const run = prepareRunDir(port, settings, { userDataDir, extensionsDir });
  const processes = { server: null, browserServer: null, browser: null };
  const stop = stopper(processes, run, port, keepRunDir);
  try {
    await startCodeServer(codeServer, run, port, processes);
    const base = `http://127.0.0.1:${port}`;
    processes.browserServer = await chromium.launchServer({
      // launchServer (not launch) so we hold Chromium's PID; handle signals ourselves.
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 30_000,
    });
    track(processes.browserServer.process().pid);
    processes.browser = await chromium.connect(processes.browserServer.wsEndpoint(), { timeout: 30_000 });
    const page = await processes.browser.newPage({ viewport });
    const { exitCode } = await relayWorkbench(page, { onConsole, verbose });
    const url = await openWorkbench(page, { base, port, workspacePath, extensionDevelopmentPath, extensionTestsPath, verbose });
    return { url, base, port, page, browser: processes.browser, runDir: run.runDir, serverLog: run.serverLog, codeServer, exitCode, stop };
  } catch (e) {
    stop.keep = true;
    await stop();
    throw e;
  }
}

/** A fresh folder for one run: user data with our settings, extensions, config and log. */
function prepareRunDir(port, settings, { userDataDir, extensionsDir }) {
  const runDir = path.join(RUNS, `run-${Date.now()}-${process.pid}-${port}`);
  const userData = userDataDir ? path.resolve(userDataDir) : path.join(runDir, 'user-data');
  const extensions = extensionsDir ? path.resolve(extensionsDir) : path.join(runDir, 'extensions');
  fs.mkdirSync(runDir, { recursive: true });
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  // A user-data folder given by the caller may hold settings already: ours go under them.
  const settingsFile = path.join(userData, 'User/settings.json');
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
  } catch {
    /* none, or not plain JSON: replaced */
  }
  fs.writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...existing, ...settings }, null, 2));
  // An explicit config file keeps code-server from writing ~/.config/code-server/config.yaml.
  const configFile = path.join(runDir, 'config.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const serverLog = path.join(runDir, 'code-server.log');
  return { runDir, userData, extensions, configFile, serverLog, logFd: fs.openSync(serverLog, 'a') };
}

/** Stops what startWorkbench started (once), by PID and process group, and frees the port. */
function stopper(processes, run, port, keepRunDir) {
  let stopped = null;
  const stop = () =>
    (stopped ??= (async () => {
      stoppers.delete(stop);
      const { server, browserServer, browser } = processes;
      if (browser)
        await within(
          browser.close().catch(() => {}),
          5000,
        );
      if (browserServer)
        await within(
          browserServer.close().catch(() => {}),
          3000,
        );
      await killGroup(browserServer?.process()?.pid);
      await killGroup(server?.pid);
      try {
        fs.closeSync(run.logFd);
      } catch {
        /* closed */
      }
      for (let i = 0; i < 40 && !(await portFree(port)); i++) await sleep(50);
      if (!keepRunDir && !stop.keep) fs.rmSync(run.runDir, { recursive: true, force: true });
    })());
  stop.keep = false; // set to true (e.g. on failure) to keep the logs
  stoppers.add(stop);
  return stop;
}

/** The environment code-server runs in: ours, less a surrounding VS Code's, with its own data folders. */
function codeServerEnv(runDir) {
  // Do not leak a surrounding VS Code's IPC variables into the server (it would talk to that one).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE'));
  env.XDG_DATA_HOME = path.join(runDir, 'xdg-data'); // code-server's own heartbeat/logs
  env.XDG_CONFIG_HOME = path.join(runDir, 'xdg-config');
  // No extension gallery: code-server's default (open-vsx.org) is unreachable and only adds errors.
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

/** Spawns code-server (into `processes`, so a failed start still stops it) and waits, bounded, until it answers; fails fast if it dies. */
async function startCodeServer(codeServer, run, port, processes) {
  // detached: its own process group, so the extension host, file watcher and pty host that
  // code-server spawns all die with one kill(-pgid).
  const args = [
    codeServer.entry,
    '--config',
    run.configFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    run.userData,
    '--extensions-dir',
    run.extensions,
    ...(passesVscodeOptions(codeServer) ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  // Each code-server runs on the Node its install chose (newer ones need a newer Node than ours).
  const server = spawn(codeServer.node, args, { detached: true, env: codeServerEnv(run.runDir), stdio: ['ignore', run.logFd, run.logFd] });
  processes.server = server;
  track(server.pid);
  let exited = null;
  server.once('exit', (code, sig) => {
    exited = `code-server exited early (code ${code}, signal ${sig})`;
  });
  const base = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + START_TIMEOUT_MS; ;) {
    if (exited) throw new Error(`${exited}; last lines of ${run.serverLog}:\n${tail(run.serverLog)}`);
    if (Date.now() > end)
      throw new Error(`code-server did not answer on ${base}/healthz within ${START_TIMEOUT_MS} ms; last lines of ${run.serverLog}:\n${tail(run.serverLog)}`);
    try {
      if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
}

/**
 * Relays what the workbench reports: the exit code of extension tests (codeAutomationExit, see
 * IAutomatedWindow) and the extension host's console. The exit code is wrapped: awaiting this
 * function must not wait for the tests.
 */
async function relayWorkbench(page, { onConsole, verbose }) {
  let resolveExit;
  const exitCode = new Promise((r) => {
    resolveExit = r;
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code) || 0));
  // While tests run, the extension host's console (console.log in the tests, mocha's reporter)
  // reaches the workbench's log service, which hands every line to codeAutomationLog: relay it.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    onConsole?.({ source: 'log', type, text });
    if (verbose || !NOISE.some((re) => re.test(text))) process.stdout.write(`${text}\n`);
  });
  // Without tests, the extension host's console shows up in the page console instead, as
  // '[Extension Host] ...' lines (handy in UI journeys); other page messages only with --verbose.
  page.on('console', async (msg) => {
    const { fromExtHost, text } = await consoleText(msg);
    onConsole?.({ source: fromExtHost ? 'exthost' : 'page', type: msg.type(), text });
    if (fromExtHost) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    else if (verbose) log(`page ${msg.type()}: ${text}`);
  });
  page.on('pageerror', (err) => {
    if (verbose) log('page error:', err.message);
  });
  return { exitCode };
}

/** Opens the workspace in the workbench, with the extension (and its tests) in the payload. */
async function openWorkbench(page, { base, port, workspacePath, extensionDevelopmentPath, extensionTestsPath, verbose }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const folder = workspacePath === undefined ? '' : `folder=${encodeURIComponent(path.resolve(workspacePath))}&`;
  const url = `${base}/?${folder}payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 30_000 });
  if (verbose) log(`workbench up: ${url}`);
  return url;
}

/** Runs one extension test entry (module exporting run()) and resolves with its exit code. */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspacePath,
  timeoutMs = 5 * 60_000,
  screenshotsDir,
  onPage,
  ...rest
}) {
  const t0 = Date.now();
  let timer;
  const timeout = new Promise((r) => {
    timer = setTimeout(() => r('timeout'), timeoutMs);
  });
  if (!extensionDevelopmentPath || !fs.statSync(extensionDevelopmentPath, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`extension folder not found: ${extensionDevelopmentPath}`);
  }
  // No workspace is allowed (VS Code opens an empty window then); a named one must exist.
  if (workspacePath !== undefined && !fs.statSync(workspacePath, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`workspace folder not found: ${workspacePath}`);
  }
  if (!extensionTestsPath || !(fs.existsSync(extensionTestsPath) || fs.existsSync(`${extensionTestsPath}.js`))) {
    throw new Error(`tests entry not found: ${extensionTestsPath}`);
  }
  // startWorkbench itself is bounded, but keep the overall budget for it too.
  const starting = startWorkbench({ extensionDevelopmentPath, extensionTestsPath, workspacePath, ...rest });
  const wb = await Promise.race([starting, timeout]).catch((e) => {
    clearTimeout(timer);
    throw e;
  });
  if (wb === 'timeout') {
    starting.then(
      (w) => w.stop(),
      () => {},
    ); // it may still come up: stop it then
    throw new Error(`workbench did not start within ${timeoutMs} ms`);
  }
  log(`${describeCodeServer(wb.codeServer)} on ${wb.base}, workbench loaded in ${Date.now() - t0} ms; running ${extensionTestsPath}`);
  let code;
  try {
    if (onPage) await onPage(wb.page, wb);
    const r = await Promise.race([wb.exitCode, timeout]);
    if (r === 'timeout') {
      log(`TIMEOUT: no result after ${timeoutMs} ms (the suite hung, or run() never settled)`);
      code = 124;
    } else code = r;
    if (screenshotsDir) {
      fs.mkdirSync(screenshotsDir, { recursive: true });
      const file = path.join(screenshotsDir, `workbench-${Date.now()}-exit${code}.png`);
      await wb.page.screenshot({ path: file }).then(
        () => log(`screenshot: ${file}`),
        () => {},
      );
    }
  } catch (e) {
    log(`error: ${e.stack || e}`);
    code = 1;
  } finally {
    clearTimeout(timer);
    if (code !== 0) {
      wb.stop.keep = true;
      log(`logs kept in ${wb.runDir}`);
    }
    await wb.stop();
  }
  log(`suite finished with exit code ${code} after ${Date.now() - t0} ms`);
  return code;
}

// ---- CLI ---------------------------------------------------------------------------------------
function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--extension') o.extensionDevelopmentPath = val();
    else if (a === '--tests') o.extensionTestsPath = val();
    else if (a === '--workspace') o.workspacePath = val();
    else if (a === '--timeout') o.timeoutMs = Number(val());
    else if (a === '--screenshots') o.screenshotsDir = val();
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--keep') o.keepRunDir = true;
    else throw new Error(`unknown argument ${a}`);
  }
  for (const k of ['extensionDevelopmentPath', 'extensionTestsPath']) {
    if (!o[k])
      throw new Error('usage: codeServerRunner.mjs --extension DIR --tests FILE [--workspace DIR] [--timeout MS] [--screenshots DIR] [--verbose] [--keep]');
  }
  return o;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  try {
    process.exitCode = await runExtensionTests(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(`[workbench] ${e.message}`);
    process.exitCode = 2;
  }
}
