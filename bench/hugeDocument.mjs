#!/usr/bin/env node
// The huge-document benchmark (issues 14 and 19): one 5 MB domain of 30,000 interfaces, open and
// typed in, beside a small domain the user also works in. Drives the real server over stdio as
// bench/run.mjs does, and prints:
//
// - keystroke → diagnostics of a 197 KB domain (1,200 interfaces), median (target ≤ 10 ms);
// - keystroke → diagnostics of the 5 MB domain, median, beside one fast-xml-parser parse of it;
// - completion in the small domain while the huge one is being typed in (median, p99, max);
// - the resolved status of the huge domain: latency and response size;
// - server RSS: idle, with the huge domain open, and after closing it (memory given back);
// - the live heap of one version of the huge domain (tree, model, line index) against its bytes,
//   measured apart in a process of its own (bench/heapProbe.mjs), with its bound.
//
//   node bench/hugeDocument.mjs [--quick] [--interfaces N] [--keystrokes N] [--no-schema]
// (--no-schema: without libvirt's schema validation, whose worker thread's memory counts in the RSS)
// Run by `npm run bench` after the workspace benchmark; alone after `npm run build`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertBuilt, startSession } from './benchSession.mjs';
import { oneVersionBound as oneVersionBoundFactors } from './heapProbe.mjs';
import { printTextTable } from './textTable.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const option = (flag, fallback) => (argv.includes(flag) ? Number(argv[argv.indexOf(flag) + 1]) : fallback);
const config = {
  interfaces: option('--interfaces', 30_000),
  midInterfaces: 1_200,
  keystrokes: option('--keystrokes', quick ? 3 : 15),
  midKeystrokes: quick ? 30 : 100,
  typingKeys: quick ? 10 : 30,
};
const requestTimeoutMs = 120_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const summary = (values) => ({ n: values.length, median: quantile(values, 0.5), p99: quantile(values, 0.99), max: Math.max(...values) });

/**
 * The bound this benchmark holds the server to while the huge domain is open and typed in: its
 * RSS stays within the RSS after indexing plus this many times the domain's bytes (sampled every
 * 50 ms, peak). Two versions are alive while a keystroke is parsed (tree and model: about 3× the
 * bytes each, bench/heapProbe.mjs, whose bound on one version is printed below), V8 may grow its
 * heap by half of what it holds before it collects (MemoryRelease) and overshoots while it marks,
 * and the schema worker holds the text and libxml2's tree of it. Measured 2026-12-01 at load
 * 2–10: 35–57×.
 */
const rssBoundFactor = 100;

/**
 * The live heap of one version of the huge domain, measured after full collections in a process
 * of its own (bench/heapProbe.mjs): what an open document's version holds, deterministic where
 * RSS is not. Its bound (oneVersionBound) is in times the document's bytes.
 */
function oneVersionHeap(interfaces) {
  const probe = spawnSync(process.execPath, ['--expose-gc', path.join(here, 'heapProbe.mjs'), String(interfaces), '--runs', quick ? '1' : '3', '--json'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) throw new Error(`heapProbe.mjs failed: ${probe.stderr}`);
  const measured = JSON.parse(probe.stdout);
  const bound = oneVersionBoundFactors;
  return { ...measured, bound, pass: measured.tree <= bound.tree * measured.bytes && measured.document <= bound.document * measured.bytes };
}

/** Samples a process's RSS every `everyMs` until stopped; gives the peak. */
function rssPeak(pid, everyMs = 50) {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssOf(pid));
    },
  };
}

function rssOf(pid) {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
  } catch {
    return NaN;
  }
}

// ---------------------------------------------------------------- the workspace

const networkCount = 10;

function networkText(i) {
  return `<network>\n  <name>lan${i}</name>\n  <forward mode='bridge'/>\n  <bridge name='br${i}'/>\n  <portgroup name='pg0' default='yes'>\n    <vlan><tag id='${10 + i}'/></vlan>\n  </portgroup>\n  <portgroup name='pg1'/>\n</network>\n`;
}

/** A domain of n interfaces on the ten networks; every thousandth names a network that does not exist. */
export function domainText(name, n) {
  const parts = [`<domain type='kvm'>\n  <name>${name}</name>\n  <memory unit='KiB'>1048576</memory>\n  <devices>\n`];
  for (let i = 0; i < n; i++) {
    const h = i.toString(16).padStart(6, '0');
    const network = i % 1000 === 999 ? 'lan-missing' : `lan${i % networkCount}`;
    parts.push(
      `    <interface type='network'>\n      <mac address='52:54:00:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}'/>\n      <source network='${network}' portgroup='pg${i % 2}'/>\n      <model type='virtio'/>\n    </interface>\n`,
    );
  }
  parts.push('  </devices>\n</domain>\n');
  return parts.join('');
}

const smallDomain =
  "<domain type='kvm'>\n  <name>small</name>\n  <devices>\n    <interface type='network'>\n      <source network='lan1'/>\n    </interface>\n  </devices>\n</domain>\n";

function writeWorkspace() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-bench-huge-'));
  for (let i = 0; i < networkCount; i++) writeFileSync(path.join(dir, `lan${i}.xml`), networkText(i));
  const files = {
    small: { text: smallDomain },
    mid: { text: domainText('mid', config.midInterfaces) },
    huge: { text: domainText('huge', config.interfaces) },
  };
  for (const [name, file] of Object.entries(files)) {
    file.path = path.join(dir, `${name}.xml`);
    file.uri = pathToFileURL(file.path).href;
    writeFileSync(file.path, file.text);
  }
  return { dir, files };
}

// ---------------------------------------------------------------- the measurements

/** The `<memory>` value's last digit: a keystroke that changes nothing the index holds. */
function memoryDigit(text) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('<memory'));
  const character = lines[line].indexOf('</memory>') - 1;
  return { line, character };
}
const rangeAt = ({ line, character }) => ({ start: { line, character }, end: { line, character: character + 1 } });

/** Keystrokes one after the other, each waiting for the diagnostics of its version. */
async function keystrokesToDiagnostics(session, file, count) {
  const at = memoryDigit(file.text);
  const samples = [];
  for (let i = 0; i < count + 2; i++) {
    const version = session.version(file.uri) + 1;
    const published = session.diagnosticsArrival((p) => p.uri === file.uri && p.version === version, requestTimeoutMs);
    const sentAt = performance.now();
    await session.edit(file.uri, rangeAt(at), String(i % 10));
    const arrived = await published;
    if (i >= 2) samples.push(arrived - sentAt);
    await sleep(20);
  }
  return summary(samples);
}

/** Types in the huge domain every 100 ms; meanwhile asks completion in the small one, back to back. */
async function completionWhileTyping(session, huge, small) {
  const at = memoryDigit(huge.text);
  const completionAt = { textDocument: { uri: small.uri }, position: { line: 4, character: 23 }, context: { triggerKind: 1 } };
  const samples = [];
  let typing = true;
  const typist = (async () => {
    for (let i = 0; i < config.typingKeys; i++) {
      await session.edit(huge.uri, rangeAt(at), String(i % 10));
      await sleep(100);
    }
    typing = false;
  })();
  while (typing) {
    const { ms } = await session.timedRequest('textDocument/completion', completionAt, requestTimeoutMs);
    samples.push(ms);
    await sleep(10);
  }
  await typist;
  const version = session.version(huge.uri);
  const settledAt = performance.now();
  await session.diagnosticsArrival((p) => p.uri === huge.uri && p.version === version, requestTimeoutMs).catch(() => undefined);
  return { ...summary(samples), settleMs: performance.now() - settledAt };
}

/** One fast-xml-parser parse of the huge text, in this process: the floor the keystroke is judged against. */
async function fxpParseMs(text) {
  const { XMLParser } = await import('fast-xml-parser');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', allowBooleanAttributes: true });
  const times = [];
  // --quick: one parse (about 1 s each on a 5 MB text); else the median of 3.
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    const started = performance.now();
    parser.parse(text);
    times.push(performance.now() - started);
  }
  return quantile(times, 0.5);
}

async function main() {
  assertBuilt();
  const workspace = writeWorkspace();
  const { small, mid, huge } = workspace.files;
  // A schema folder without domain.rng turns schema validation off.
  const session = await startSession(workspace.dir, argv.includes('--no-schema') ? { settings: { networkPaths: [], schemaPath: workspace.dir } } : {});
  try {
    await session.indexEnded(600_000);
    // The server collects the crawl's garbage a second after it (MemoryRelease): the RSS after that.
    await sleep(1500);
    const rssIndexed = rssOf(session.pid);
    const opened = (file) => session.diagnosticsArrival((p) => p.uri === file.uri, requestTimeoutMs);
    const smallShown = opened(small);
    await session.open(small.uri, small.text);
    await smallShown;
    const midShown = opened(mid);
    await session.open(mid.uri, mid.text);
    await midShown;
    const midKeystroke = await keystrokesToDiagnostics(session, mid, config.midKeystrokes);
    await session.close(mid.uri);

    const hugePeak = rssPeak(session.pid);
    const hugeOpenedAt = performance.now();
    const hugeShown = opened(huge);
    await session.open(huge.uri, huge.text);
    await hugeShown;
    const openToDiagnosticsMs = performance.now() - hugeOpenedAt;
    const hugeKeystroke = await keystrokesToDiagnostics(session, huge, config.keystrokes);
    const completion = await completionWhileTyping(session, huge, small);
    const status = await session.timedRequest('libvirtXml/resolvedStatus', { uri: huge.uri }, requestTimeoutMs);
    const statusBytes = JSON.stringify(status.result).length;
    await sleep(500);
    const rssHugeOpen = rssOf(session.pid);
    const rssHugePeak = hugePeak.stop();
    await session.close(huge.uri);
    // Memory given back: what the server holds after the close, a few requests later (a hover on
    // the network the huge domain uses, whose answer counts its interfaces), once the server's
    // collections a second and five seconds after the close are done.
    for (let i = 0; i < 10; i++) {
      await session.timedRequest('textDocument/hover', { textDocument: { uri: small.uri }, position: { line: 4, character: 23 } });
      await sleep(300);
    }
    await sleep(4000);
    const rssAfterClose = rssOf(session.pid);
    const results = {
      interfaces: config.interfaces,
      hugeBytes: huge.text.length,
      midBytes: mid.text.length,
      fxpParseMs: await fxpParseMs(huge.text),
      midKeystroke,
      openToDiagnosticsMs,
      hugeKeystroke,
      completion,
      status: { ms: status.ms, bytes: statusBytes, interfaces: status.result.interfaces?.length, total: status.result.totalInterfaces },
      rss: { indexed: rssIndexed, hugeOpen: rssHugeOpen, hugePeak: rssHugePeak, afterClose: rssAfterClose },
      rssBound: rssIndexed + rssBoundFactor * huge.text.length,
      oneVersion: oneVersionHeap(config.interfaces),
    };
    printTable(results);
    return results;
  } finally {
    await session.stop();
    rmSync(workspace.dir, { recursive: true, force: true });
  }
}

const ms = (v) => (Number.isFinite(v) ? (v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(1)} ms`) : 'n/a');
const mib = (v) => (Number.isFinite(v) ? `${(v / 1024 / 1024).toFixed(1)} MiB` : 'n/a');

function printTable(r) {
  const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
  const rows = [
    ['metric', 'median', 'p99 / max', 'baseline', 'target'],
    [`keystroke → diagnostics, ${kb(r.midBytes)} domain`, ms(r.midKeystroke.median), ms(r.midKeystroke.p99), '', '≤ 10 ms'],
    [`open → diagnostics, ${(r.hugeBytes / 1e6).toFixed(1)} MB domain`, ms(r.openToDiagnosticsMs), '', `fxp parse ${ms(r.fxpParseMs)}`, ''],
    [
      `keystroke → diagnostics, ${(r.hugeBytes / 1e6).toFixed(1)} MB domain`,
      ms(r.hugeKeystroke.median),
      ms(r.hugeKeystroke.max),
      `fxp parse ${ms(r.fxpParseMs)}`,
      '≤ 1× fxp parse',
    ],
    [
      'completion in a small file while typing in the huge one',
      ms(r.completion.median),
      `${ms(r.completion.p99)} / ${ms(r.completion.max)}`,
      `${r.completion.n} requests; settled ${ms(r.completion.settleMs)} after the last key`,
      '',
    ],
    [
      `resolved status of the huge domain (${r.status.interfaces}${r.status.total ? ` of ${r.status.total}` : ''} ifaces)`,
      ms(r.status.ms),
      '',
      `${kb(r.status.bytes)} response`,
      'bounded',
    ],
    ['server RSS: indexed / huge open / after closing it', mib(r.rss.indexed), '', `${mib(r.rss.hugeOpen)} / ${mib(r.rss.afterClose)}`, 'memory given back'],
    [
      'server RSS while the huge one is open and typed in, peak',
      mib(r.rss.hugePeak),
      '',
      `${((r.rss.hugePeak - r.rss.indexed) / r.hugeBytes).toFixed(0)}× its bytes above indexed`,
      `≤ indexed + ${rssBoundFactor}× bytes = ${mib(r.rssBound)}: ${r.rss.hugePeak <= r.rssBound ? 'pass' : 'FAIL'}`,
    ],
    [
      'one version of the huge domain: live heap of tree + model',
      mib(r.oneVersion.document),
      `tree ${mib(r.oneVersion.tree)}`,
      `${(r.oneVersion.document / r.oneVersion.bytes).toFixed(1)}× its bytes (tree ${(r.oneVersion.tree / r.oneVersion.bytes).toFixed(1)}×)`,
      `≤ ${r.oneVersion.bound.document}× bytes (tree ≤ ${r.oneVersion.bound.tree}×): ${r.oneVersion.pass ? 'pass' : 'FAIL'}`,
    ],
  ];
  console.log(
    `\nhuge-document benchmark — ${r.interfaces} interfaces, node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  printTextTable(rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.stack ?? error);
    process.exit(1);
  });
}
