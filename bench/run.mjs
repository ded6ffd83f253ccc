#!/usr/bin/env node
// The workspace-scale benchmark (issue 6). Drives the real language server (dist/server.js --stdio)
// over LSP as an editor would, and prints a table of medians and p99s, each next to a baseline
// measured in the same run, then writes bench/results/<timestamp>.json.
//
//   npm run bench                 full: 10,000 files, repeated runs (a few minutes)
//   npm run bench -- --quick      regression check: 1,000 files, fewer repetitions (under a minute)
//   options: --runs N (cold starts), --no-vsix (skip `npm run package`), --seed N
//   npm run bench -- --sizes 1000,5000,10000,20000   the growth mode: the CLI (bench/cliScale.mjs) and the
//     language server (bench/serverScale.mjs) at each size; --no-cli or --no-server for one of them
// Both end with the parser's complexity check (bench/parserGrowth.mjs, alone: `npm run bench:parser`)
// and the libvirt connection's load (bench/connectionLoad.mjs, alone: `npm run bench:connections`);
// the bench exits 1 when either fails.
//
// Build first (`npm run build`): `npm run bench` does it. The LSP client is the protocol tests' own
// (test/protocol/lspSession.ts, compiled into out/test/protocol/), so both speak to the server alike.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertBuilt, serverPath, startSession } from './benchSession.mjs';
import { ensureWorkspace } from './generateWorkspace.mjs';
import { runCliScale } from './cliScale.mjs';
import { runServerScale } from './serverScale.mjs';
import { printTextTable } from './textTable.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const option = (flag, fallback) => {
  const at = argv.indexOf(flag);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
};
const config = {
  quick,
  coldRuns: option('--runs', quick ? 3 : 5),
  requests: quick ? 60 : 300,
  warmup: quick ? 10 : 30,
  keystrokes: quick ? 30 : 100,
  fanOuts: quick ? 4 : 8,
  activationRuns: quick ? 3 : 10,
  vsix: !quick && !argv.includes('--no-vsix'),
};

const targets = {
  coldRatio: 1.5, // × floor
  completionP99: 5,
  hoverP99: 10,
  statusP99: 10,
  keystrokeMedian: 10,
  fanOut: 200,
  memoryRatio: 3, // × indexed bytes
  vsixBytes: 1024 * 1024,
  activationMs: 100,
};

// ---------------------------------------------------------------- statistics

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
const median = (values) => quantile(values, 0.5);
const p99 = (values) => quantile(values, 0.99);
const summary = (values) => ({ n: values.length, median: median(values), p99: p99(values), min: Math.min(...values), max: Math.max(...values) });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- LSP session

const completionMethod = 'textDocument/completion';
const hoverMethod = 'textDocument/hover';
const statusMethod = 'libvirtXml/resolvedStatus';
/** The bound on one request: generous, a cold 10,000-file workspace may keep the server busy. */
const requestTimeoutMs = 120_000;

/** Opens a file from disk in the session; gives its uri and text. */
async function openFile(session, file) {
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  await session.open(uri, text);
  return { uri, text };
}

/** One line's characters [start, end) as an LSP range. */
const rangeOnLine = (line, start, end) => ({ start: { line, character: start }, end: { line, character: end } });

function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') * 1024, hwm: kib('VmHWM') * 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

// ---------------------------------------------------------------- positions in the probe document

function positionOf(text, needle, within = 1) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`probe document lacks ${needle}`);
  const offset = at + needle.length + within;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - before.lastIndexOf('\n') - 1 };
}

// ---------------------------------------------------------------- the measurements

function runNode(args, options = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return { wall, output: JSON.parse(result.stdout) };
}

/** One cold start: spawn → initialize → index progress end, with an editor's requests meanwhile. */
async function coldStart(workspace, probe, keepOpen) {
  const during = { completion: [], hover: [], answeredBeforeIndexed: 0 };
  let probing = true;
  let indexedRss = { rss: NaN, hwm: NaN };
  const session = await startSession(workspace.dir, {
    onIndexEnded: (s) => (indexedRss = rssOf(s.pid)),
    onInitialized: (s) => {
      // An editor opens a document and asks things while the workspace is being indexed.
      void (async () => {
        const { uri } = await openFile(s, probe.file);
        let turn = 0;
        while (probing && s.times.indexEnded === undefined) {
          const method = turn++ % 2 === 0 ? completionMethod : hoverMethod;
          const params =
            method === completionMethod
              ? { textDocument: { uri }, position: probe.networkPosition, context: { triggerKind: 1 } }
              : { textDocument: { uri }, position: probe.networkPosition };
          const { ms } = await s.timedRequest(method, params, requestTimeoutMs);
          if (s.times.indexEnded === undefined) {
            (method === completionMethod ? during.completion : during.hover).push(ms);
            during.answeredBeforeIndexed++;
          }
          await sleep(50);
        }
      })().catch((error) => console.error('probe during indexing failed:', error.message));
    },
  });
  const indexEnded = await session.indexEnded(600_000);
  probing = false;
  const indexedLog = session.log.find((line) => /^indexed \d+ libvirt documents/.test(line));
  const result = {
    spawnToIndexedMs: indexEnded - session.times.started,
    initializeToIndexedMs: indexEnded - session.times.initialized,
    serverReportedMs: Number(/in (\d+) ms/.exec(indexedLog ?? '')?.[1] ?? NaN),
    indexedDocuments: Number(/^indexed (\d+)/.exec(indexedLog ?? '')?.[1] ?? NaN),
    rssAfterIndex: indexedRss.rss,
    peakRssDuringIndex: indexedRss.hwm,
    during,
  };
  if (!keepOpen) await session.stop();
  return { result, session: keepOpen ? session : undefined };
}

async function latencySeries(session, method, params, count, warmup) {
  for (let i = 0; i < warmup; i++) await session.timedRequest(method, params, requestTimeoutMs);
  const samples = [];
  let last;
  for (let i = 0; i < count; i++) {
    const { ms, result } = await session.timedRequest(method, params, requestTimeoutMs);
    samples.push(ms);
    last = result;
  }
  return { samples, last };
}

async function main() {
  assertBuilt();
  const benchStarted = performance.now();
  // --sizes 1000,5000,...: the growth mode, the CLI (bench/cliScale.mjs) then the server (bench/serverScale.mjs) at each size.
  if (argv.includes('--sizes')) {
    const cliOk = argv.includes('--no-cli') || runCliScale(argv);
    const serverOk = argv.includes('--no-server') || (await runServerScale(argv));
    process.exit(cliOk && serverOk ? 0 : 1);
  }
  const workspace = ensureWorkspace(quick ? ['--quick', ...argv] : argv);
  const manifest = workspace.manifest;
  console.log(`workspace: ${workspace.dir} (${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB${workspace.generated ? ', generated now' : ''})`);
  const probeText = readFileSync(manifest.probeDomain, 'utf8');
  const probe = {
    file: manifest.probeDomain,
    uri: pathToFileURL(manifest.probeDomain).href,
    bytes: Buffer.byteLength(probeText),
    networkPosition: positionOf(probeText, "<source network='", 1),
    portgroupPosition: positionOf(probeText, " portgroup='", 1),
    tagPosition: positionOf(probeText, "<tag name='", 1),
    // Completion right after the opening quote: nothing typed yet, the longest list.
    networkStart: positionOf(probeText, "<source network='", 0),
    portgroupStart: positionOf(probeText, " portgroup='", 0),
    tagStart: positionOf(probeText, "<tag name='", 0),
    emptySpot: positionOf(probeText, '<name>', 0),
  };

  // Where the bench's own time goes, printed at the end (--quick is meant to stay under a minute).
  const sections = new SectionClock();
  const { floors, colds, session } = await sections.time('cold starts', () => measureColdStarts(workspace, probe));
  const requests = await sections.time('requests', () => measureRequests(session, probe, manifest));
  const keystrokes = await sections.time('keystrokes', () => measureKeystrokes(session, probe, probeText));
  const fanOut = await sections.time('fan-out', () => measureFanOut(session, probe, manifest));
  await session.stop();
  const baselines = await sections.time('baselines', () => measureBaselines());
  const vsix = await sections.time('vsix', () => measureVsix());
  const results = reportOf({ workspace, probe, floors, colds, requests, keystrokes, fanOut, baselines, vsix, benchStarted });
  mkdirSync(path.join(here, 'results'), { recursive: true });
  const out = path.join(here, 'results', `${results.date.replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2));
  printTable(results);
  console.log(`\nwritten ${path.relative(root, out)} (bench took ${(results.benchMs / 1000).toFixed(1)} s)`);
  const parserOk = await sections.time('parser growth', () => parserGrowsLinearly());
  const connectionsOk = await sections.time('connection load', () => connectionsLoadInTime());
  // One 5 MB domain of 30,000 interfaces typed in beside a small one (bench/hugeDocument.mjs, alone too).
  await sections.time('huge document', () =>
    spawnSync(process.execPath, [path.join(here, 'hugeDocument.mjs'), ...(quick ? ['--quick'] : [])], { stdio: 'inherit' }),
  );
  console.log('');
  // The CLI at scale (its own workspace shape; alone: --sizes): its MISSes are reported, like the table's.
  await sections.time('CLI at scale', () => runCliScale(quick ? ['--sizes', '1000', '--runs', '1', '--no-schema'] : ['--sizes', '1000,10000']));
  console.log(`\nbench sections (wall, load average ${os.loadavg()[0].toFixed(1)}): ${sections.summary()}`);
  process.exit(parserOk && connectionsOk ? 0 : 1);
}

/** The wall time of each section of the bench, in order. */
class SectionClock {
  spent = [];

  async time(name, work) {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.spent.push([name, performance.now() - started]);
    }
  }

  summary() {
    const total = this.spent.reduce((sum, [, ms]) => sum + ms, 0);
    return `${this.spent.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(1)} s`).join(', ')}; total ${(total / 1000).toFixed(1)} s`;
  }
}

/** Reading a libvirt connection (bench/connectionLoad.mjs), in a process of its own; false when over its targets. */
function connectionsLoadInTime() {
  console.log('');
  return spawnSync(process.execPath, [path.join(here, 'connectionLoad.mjs')], { stdio: 'inherit' }).status === 0;
}

/** The parser's complexity check (bench/parserGrowth.mjs), in a process of its own; false when it fails. */
function parserGrowsLinearly() {
  console.log('');
  const result = spawnSync(process.execPath, [path.join(here, 'parserGrowth.mjs'), ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
  return result.status === 0;
}

/** Cold start vs. the floor, interleaved so both see the same machine; the last session stays open. */
async function measureColdStarts(workspace, probe) {
  // Cold start vs. the floor, interleaved so both see the same machine; one floor run first warms the page cache.
  runNode([path.join(here, 'floor.mjs'), workspace.dir]);
  const floors = [];
  const colds = [];
  let session;
  for (let run = 0; run < config.coldRuns; run++) {
    floors.push(runNode([path.join(here, 'floor.mjs'), workspace.dir]));
    const keep = run === config.coldRuns - 1;
    const cold = await coldStart(workspace, probe, keep);
    colds.push(cold.result);
    if (keep) session = cold.session;
    process.stdout.write(
      `  cold run ${run + 1}/${config.coldRuns}: server ${Math.round(cold.result.spawnToIndexedMs)} ms, floor ${Math.round(floors.at(-1).wall)} ms\n`,
    );
  }

  return { floors, colds, session };
}

/** Request latencies on the open session: transport floor, completion, hover, status. */
async function measureRequests(session, probe, manifest) {
  // Transport floor: a request the server answers without work (hover in a document it does not have).
  const rtt = await latencySeries(
    session,
    hoverMethod,
    { textDocument: { uri: 'file:///nonexistent/other.txt' }, position: { line: 0, character: 0 } },
    config.requests,
    config.warmup,
  );

  // The probe document has been open since the start; its diagnostics came after indexing.
  // Waiting only if they have not come yet (a wait for the next publication would sit out its whole timeout).
  await session.diagnosticsFor(probe.uri, 'published after indexing').catch(() => undefined);

  const completionOf = (position, trigger) => ({
    textDocument: { uri: probe.uri },
    position,
    context: trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 },
  });
  const completion = {};
  for (const [name, position] of [
    ['network', probe.networkStart],
    ['portgroup', probe.portgroupStart],
    ['tag', probe.tagStart],
    ['network, 1 char typed', probe.networkPosition],
  ]) {
    const series = await latencySeries(session, completionMethod, completionOf(position), config.requests, config.warmup);
    const items = Array.isArray(series.last) ? series.last : (series.last?.items ?? []);
    completion[name] = {
      ...summary(series.samples),
      items: items.length,
      incomplete: series.last?.isIncomplete ?? false,
      responseBytes: JSON.stringify(series.last ?? null).length,
    };
  }
  const hoverAt = (position) => latencySeries(session, hoverMethod, { textDocument: { uri: probe.uri }, position }, config.requests, config.warmup);
  const hoverNetwork = await hoverAt(probe.networkPosition);
  const hoverPortgroup = await hoverAt(probe.portgroupPosition);
  const status = await latencySeries(session, statusMethod, { uri: probe.uri }, config.requests, config.warmup);
  const statusClosed = await latencySeries(session, statusMethod, { uri: pathToFileURL(manifest.hotDomains.at(-1)).href }, config.requests, config.warmup);

  return { rtt, completion, hoverNetwork, hoverPortgroup, status, statusClosed };
}

async function measureKeystrokes(session, probe, probeText) {
  // Keystroke: one character changed in the 6 KB domain → its diagnostics (with the new version) published.
  const memoryLine = probeText.split('\n').findIndex((line) => line.includes('<memory'));
  const memoryChar = probeText.split('\n')[memoryLine].indexOf('</memory>') - 1;
  const keystrokes = [];
  for (let i = 0; i < config.keystrokes + 5; i++) {
    const digit = String(i % 2 === 0 ? 9 : probeText.split('\n')[memoryLine][memoryChar]);
    const sentAt = performance.now();
    const version = session.version(probe.uri) + 1;
    const published = session.diagnosticsArrival((p) => p.uri === probe.uri && p.version === version, 60_000);
    await session.edit(probe.uri, rangeOnLine(memoryLine, memoryChar, memoryChar + 1), digit);
    const at = await published;
    if (i >= 5) keystrokes.push(at - sentAt);
    await sleep(20); // typing speed is far slower; leave the server idle between keys
  }

  return keystrokes;
}

async function measureFanOut(session, probe, manifest) {
  // Fan-out: the hot network's dependants all open; an edit of the network → every one re-published.
  const rssBeforeOpen = rssOf(session.pid).rss;
  const hotUris = new Set(manifest.hotDomains.map((file) => pathToFileURL(file).href));
  const openedAll = (() => {
    const waiting = new Set(hotUris);
    waiting.delete(probe.uri);
    return session.diagnosticsArrival((p) => {
      waiting.delete(p.uri);
      return waiting.size === 0;
    }, 300_000);
  })();
  const openStarted = performance.now();
  for (const file of manifest.hotDomains) if (pathToFileURL(file).href !== probe.uri) await openFile(session, file);
  const network = await openFile(session, manifest.hotNetwork.file);
  await openedAll;
  const openAllMs = performance.now() - openStarted;
  await sleep(200);
  const rssAfterOpen = rssOf(session.pid).rss;
  const networkLines = network.text.split('\n');
  // The bridge's name: a setting of the network itself, so every dependant's resolution changes
  // (a portgroup's edit re-publishes only the domains it can change: bench/serverScale.mjs).
  const bridgeLine = networkLines.findIndex((line) => line.includes('<bridge name='));
  const bridgeName = /name='([^']*)'/.exec(networkLines[bridgeLine])[1];
  const bridgeStart = networkLines[bridgeLine].indexOf(`'${bridgeName}'`) + 1;
  const fanOuts = [];
  const fanOutOthers = [];
  for (let i = 0; i < config.fanOuts + 1; i++) {
    // Rename the bridge and back.
    const renamed = i % 2 === 0;
    const text = renamed ? `${bridgeName}x` : bridgeName;
    const oldLength = renamed ? bridgeName.length : `${bridgeName}x`.length;
    const waiting = new Set(hotUris);
    let others = 0;
    const sentAt = performance.now();
    const done = session.diagnosticsArrival((p) => {
      if (!waiting.delete(p.uri) && p.uri !== network.uri) others++;
      return waiting.size === 0;
    }, 120_000);
    await session.edit(network.uri, rangeOnLine(bridgeLine, bridgeStart, bridgeStart + oldLength), text);
    const at = await done;
    if (i >= 1) {
      fanOuts.push(at - sentAt);
      fanOutOthers.push(others);
    }
    await sleep(100);
  }

  return { fanOuts, fanOutOthers, hotUris, openAllMs, rssBeforeOpen, rssAfterOpen };
}

/** Baselines: extension load, bare node, and the server over an empty workspace. */
async function measureBaselines() {
  // Extension load (see activation.cjs: require() of dist/client.js with a stub vscode module).
  const activation = [];
  for (let i = 0; i < config.activationRuns; i++) activation.push(runNode([path.join(here, 'activation.cjs')]).output.ms);
  const bareNode = [];
  for (let i = 0; i < config.activationRuns; i++) bareNode.push(runNode(['-e', 'process.stdout.write(JSON.stringify({rss: process.memoryUsage().rss}))']));

  // Memory baseline: the same server over an empty workspace folder.
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-bench-empty-'));
  const emptyRss = [];
  for (let i = 0; i < 2; i++) {
    const empty = await startSession(emptyDir);
    await empty.indexEnded(600_000);
    await sleep(300);
    emptyRss.push(rssOf(empty.pid).rss);
    await empty.stop();
  }
  rmSync(emptyDir, { recursive: true, force: true });

  return { activation, bareNode, emptyRss };
}

function measureVsix() {
  // VSIX (full mode): `npm run package`.
  let vsix = { measured: false };
  if (config.vsix) {
    const started = performance.now();
    const result = spawnSync('npm', ['run', 'package', '--silent'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const file = path.join(root, 'libvirt-xml.vsix');
    vsix =
      result.status === 0 && existsSync(file)
        ? { measured: true, bytes: statSync(file).size, packageMs: performance.now() - started }
        : { measured: true, failed: true, error: (result.stderr || result.stdout).slice(-2000) };
  } else if (existsSync(path.join(root, 'libvirt-xml.vsix'))) {
    const stat = statSync(path.join(root, 'libvirt-xml.vsix'));
    vsix = { measured: false, existing: true, bytes: stat.size, builtAt: stat.mtime.toISOString() };
  }

  return vsix;
}

function reportOf({ workspace, probe, floors, colds, requests, keystrokes, fanOut, baselines, vsix, benchStarted }) {
  const manifest = workspace.manifest;
  const { rtt, completion, hoverNetwork, hoverPortgroup, status, statusClosed } = requests;
  const { fanOuts, fanOutOthers, hotUris, openAllMs, rssBeforeOpen, rssAfterOpen } = fanOut;
  const { activation, bareNode, emptyRss } = baselines;
  const coldServer = colds.map((c) => c.spawnToIndexedMs);
  const coldFloor = floors.map((f) => f.wall);
  const rssIndexed = colds.map((c) => c.rssAfterIndex);
  const bareRss = median(bareNode.map((b) => b.output.rss));
  const rttMedian = median(rtt.samples);
  const during = colds.flatMap((c) => [...c.during.completion, ...c.during.hover]);
  return {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    server: path.relative(root, serverPath),
    host: { cpus: os.cpus().length, node: process.version, load: os.loadavg() },
    workspace: {
      files: manifest.files,
      bytes: manifest.bytes,
      dir: workspace.dir,
      seed: manifest.spec.seed,
      hotDomains: manifest.hotDomains.length,
      probeBytes: probe.bytes,
    },
    config,
    cold: {
      server: summary(coldServer),
      floor: summary(coldFloor),
      floorInProcess: summary(floors.map((f) => f.output.ms)),
      ratio: median(coldServer) / median(coldFloor),
      serverReported: summary(colds.map((c) => c.serverReportedMs)),
      indexedDocuments: colds[0].indexedDocuments,
      requestsDuringIndexing: { answered: colds.map((c) => c.during.answeredBeforeIndexed), ...summary(during) },
    },
    transport: summary(rtt.samples),
    completion,
    hover: {
      network: { ...summary(hoverNetwork.samples), responseBytes: JSON.stringify(hoverNetwork.last ?? null).length },
      portgroup: { ...summary(hoverPortgroup.samples), responseBytes: JSON.stringify(hoverPortgroup.last ?? null).length },
    },
    status: { open: summary(status.samples), closed: summary(statusClosed.samples), interfaces: status.last?.interfaces?.length },
    keystroke: summary(keystrokes),
    fanOut: { ...summary(fanOuts), dependants: hotUris.size, otherDocumentsRepublished: fanOutOthers, openAllMs },
    memory: {
      rssAfterIndex: summary(rssIndexed),
      perFile: median(rssIndexed) / manifest.files,
      ratioToIndexedBytes: median(rssIndexed) / manifest.bytes,
      bareNodeRss: bareRss,
      aboveBareNodeRatio: (median(rssIndexed) - bareRss) / manifest.bytes,
      emptyWorkspaceServerRss: median(emptyRss),
      aboveEmptyServerRatio: (median(rssIndexed) - median(emptyRss)) / manifest.bytes,
      aboveEmptyServerPerFile: (median(rssIndexed) - median(emptyRss)) / manifest.files,
      peakDuringIndex: summary(colds.map((c) => c.peakRssDuringIndex)),
      rssWithDependantsOpen: rssAfterOpen,
      rssBeforeOpeningDependants: rssBeforeOpen,
    },
    activation: { requireClientMs: summary(activation), note: 'require() of dist/client.js with a stub vscode module, not VS Code activation' },
    vsix,
    benchMs: performance.now() - benchStarted,
  };
}

const ms = (v) => (Number.isFinite(v) ? (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`) : 'n/a');
const mb = (v) => (Number.isFinite(v) ? `${(v / 1024 / 1024).toFixed(1)} MiB` : 'n/a');
const x = (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a');
const verdict = (ok) => (ok === undefined ? '' : ok ? 'ok' : 'MISS');

/** A request's latency beside the bare round trip of the same run, with its p99 target. */
function latencyRow(label, series, rtt, limit) {
  return [label, ms(series.median), ms(series.p99), `rtt ${ms(rtt)}`, x(series.median / rtt), `p99 ≤ ${limit} ms`, verdict(series.p99 <= limit)];
}

function startupRows(r) {
  const during = r.cold.requestsDuringIndexing;
  return [
    [
      'cold start → indexed',
      ms(r.cold.server.median),
      ms(r.cold.server.max),
      `fxp floor ${ms(r.cold.floor.median)}`,
      x(r.cold.ratio),
      '≤ 1.5× floor',
      verdict(r.cold.ratio <= targets.coldRatio),
    ],
    [
      '  requests while indexing',
      ms(during.median),
      ms(during.p99),
      `${during.answered.join('/')} answered`,
      '',
      'answered',
      verdict(during.answered.every((n) => n > 0)),
    ],
    ['transport round trip', ms(r.transport.median), ms(r.transport.p99), '', '', '', ''],
  ];
}

function requestRows(r) {
  const rtt = r.transport.median;
  const completions = Object.entries(r.completion).map(([name, c]) =>
    latencyRow(
      `completion ${name} (${c.items} items${c.incomplete ? ', incomplete' : ''}, ${Math.round(c.responseBytes / 1024)} KB)`,
      c,
      rtt,
      targets.completionP99,
    ),
  );
  const keystroke = r.keystroke;
  return [
    ...completions,
    latencyRow(`hover network (${r.hover.network.responseBytes} B)`, r.hover.network, rtt, targets.hoverP99),
    latencyRow(`hover portgroup (${r.hover.portgroup.responseBytes} B)`, r.hover.portgroup, rtt, targets.hoverP99),
    latencyRow(`status (open, ${r.status.interfaces} ifaces)`, r.status.open, rtt, targets.statusP99),
    latencyRow('status (file not open)', r.status.closed, rtt, targets.statusP99),
    [
      `keystroke → diagnostics (${(r.workspace.probeBytes / 1024).toFixed(1)} KB)`,
      ms(keystroke.median),
      ms(keystroke.p99),
      `rtt ${ms(rtt)}`,
      x(keystroke.median / rtt),
      'median ≤ 10 ms',
      verdict(keystroke.median <= targets.keystrokeMedian),
    ],
    [
      `fan-out to ${r.fanOut.dependants} open dependants`,
      ms(r.fanOut.median),
      ms(r.fanOut.max),
      `extra publications: ${Math.max(...r.fanOut.otherDocumentsRepublished)}`,
      '',
      '≤ 200 ms',
      verdict(r.fanOut.median <= targets.fanOut),
    ],
  ];
}

function memoryRows(r) {
  const m = r.memory;
  return [
    [
      'memory: RSS after index',
      mb(m.rssAfterIndex.median),
      mb(m.rssAfterIndex.max),
      `indexed ${mb(r.workspace.bytes)}`,
      x(m.ratioToIndexedBytes),
      '≤ 3× bytes',
      verdict(m.ratioToIndexedBytes <= targets.memoryRatio),
    ],
    ['  per indexed file', `${(m.perFile / 1024).toFixed(1)} KiB`, '', `bare node ${mb(m.bareNodeRss)}`, `${x(m.aboveBareNodeRatio)} above bare`, '', ''],
    [
      '  index only (above empty server)',
      `${(m.aboveEmptyServerPerFile / 1024).toFixed(1)} KiB/file`,
      '',
      `empty-workspace server ${mb(m.emptyWorkspaceServerRss)}`,
      `${x(m.aboveEmptyServerRatio)} of bytes`,
      '',
      '',
    ],
    ['  with dependants open', mb(m.rssWithDependantsOpen), '', `peak while indexing ${mb(m.peakDuringIndex.max)}`, '', '', ''],
  ];
}

function packageRows(r) {
  const load = r.activation.requireClientMs;
  const v = r.vsix;
  const size = v.bytes ? `${(v.bytes / 1024).toFixed(0)} KiB` : v.failed ? 'package failed' : 'skipped';
  const how = v.measured ? 'npm run package' : v.existing ? `existing file (${v.builtAt})` : '';
  return [
    ['extension load (require client)', ms(load.median), ms(load.max), '', '', '≤ 100 ms', verdict(load.median <= targets.activationMs)],
    ['VSIX size', size, '', how, '', '≤ 1 MiB', v.bytes ? verdict(v.bytes <= targets.vsixBytes) : ''],
  ];
}

function printTable(r) {
  const rows = [
    ['metric', 'median', 'p99', 'baseline (same run)', 'ratio', 'target', ''],
    ...startupRows(r),
    ...requestRows(r),
    ...memoryRows(r),
    ...packageRows(r),
  ];
  const host = r.host;
  console.log(
    `\n${r.mode} benchmark — ${r.workspace.files} files (${(r.workspace.bytes / 1e6).toFixed(1)} MB), node ${host.node}, ${host.cpus} cpus, load ${host.load.map((l) => l.toFixed(1)).join(' ')}`,
  );
  printTextTable(rows);
  if (r.vsix.failed) console.log(`\nnpm run package failed:\n${r.vsix.error}`);
}

main().catch((error) => {
  console.error(error.stack ?? error);
  process.exit(1);
});
