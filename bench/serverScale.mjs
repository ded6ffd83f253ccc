#!/usr/bin/env node
// The language server at scale (issue 19): at each size, the real server (dist/server.js --stdio)
// indexes the benchmark workspace (bench/generateWorkspace.mjs: a fifth networks, four fifths
// domains, every 8th domain using the hot network), then opens its dependants and edits the network.
// Per size it prints: index time, RSS after index (settled: the server collects a second after its
// crawl), RSS with 200 dependants open, the fan-out of a network-level edit to up to 1,000 open
// dependants and of a portgroup rename (only the dependants naming it re-published), and RSS after
// closing every one (22 s later: the schema worker stops after 20 s idle), with the growth factor for each doubling.
//
//   node bench/serverScale.mjs [--sizes 1000,5000,10000,20000] [--edits N] [--server PATH]
//   (npm run bench -- --sizes ... runs it after the CLI's growth mode)
// Targets: RSS after index ≤ 3× the libvirt bytes + an empty server's RSS, with 200 dependants
// open ≤ 2× that, fan-out ≤ 200 ms, 10k → 20k growth ≤ 2.2× in time and memory.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertBuilt, startSession } from './benchSession.mjs';
import { ensureServerScaleWorkspace } from './generateWorkspace.mjs';
import { printTextTable } from './textTable.mjs';

const MB = 1024 * 1024;
const targets = { rssPerByte: 3, openRatio: 2, fanOutMs: 200, growth: 2.2 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) * 1024;
}

/** Opens files and waits until each has been published once. */
async function openAll(session, files) {
  if (files.length === 0) return;
  const waiting = new Set(files.map((file) => pathToFileURL(file).href));
  const published = session.diagnosticsArrival((p) => waiting.delete(p.uri) && waiting.size === 0, 600_000);
  for (const file of files) await session.open(pathToFileURL(file).href, readFileSync(file, 'utf8'));
  await published;
}

/** Closes files and waits until the server has cleared the diagnostics of each (it handled the close). */
async function closeAll(session, files) {
  const waiting = new Set(files.map((file) => pathToFileURL(file).href));
  const cleared = session.diagnosticsArrival((p) => p.diagnostics.length === 0 && waiting.delete(p.uri) && waiting.size === 0, 600_000);
  for (const file of files) await session.close(pathToFileURL(file).href);
  await cleared;
}

/**
 * The RSS once the server is idle: it collects garbage a second after a crawl ends or closes add
 * up, and once more five seconds later (when V8 may shrink its young generation): 7 s after a crawl.
 */
const settledAfterCrawlMs = 7000;
async function settledRss(session, ms = 1500) {
  await sleep(ms);
  return rssOf(session.pid);
}

/**
 * One edit of the open network, timed until every document in `expected` has been published
 * again; counts the other documents published meanwhile (a late one is not seen: the next edit
 * waits 300 ms first).
 */
async function timedEdit(session, uri, line, start, oldLength, text, expected) {
  const waiting = new Set(expected);
  let others = 0;
  const sentAt = performance.now();
  const done = session.diagnosticsArrival((p) => {
    if (!waiting.delete(p.uri) && p.uri !== uri) others++;
    return waiting.size === 0;
  }, 120_000);
  await session.edit(uri, { start: { line, character: start }, end: { line, character: start + oldLength } }, text);
  const at = await done;
  await sleep(300);
  return { ms: at - sentAt, others };
}

/** Toggles a value on one line of the network and back, `edits` times; the median time and the most extra publications. */
async function fanOut(session, network, lineOf, from, to, expectedOf, edits) {
  const lines = network.text.split('\n');
  const line = lines.findIndex(lineOf);
  const start = lines[line].indexOf(from);
  const times = [];
  let others = 0;
  for (let i = 0; i < edits; i++) {
    const [oldText, newText] = i % 2 === 0 ? [from, to] : [to, from];
    const edit = await timedEdit(session, network.uri, line, start, oldText.length, newText, expectedOf(oldText, newText));
    times.push(edit.ms);
    others = Math.max(others, edit.others);
  }
  return { ms: median(times), max: Math.max(...times), others };
}

/** Which domains name a portgroup of a network (read from their text: the domains are small). */
function domainsNaming(files, network, group) {
  const source = `<source network='${network}' portgroup='${group}'`;
  return files.filter((file) => readFileSync(file, 'utf8').includes(source)).map((file) => pathToFileURL(file).href);
}

async function measureSize(files, edits) {
  const { dir, manifest } = ensureServerScaleWorkspace(files);
  const session = await startSession(dir);
  const indexEnded = await session.indexEnded(600_000);
  const indexMs = indexEnded - session.times.started;
  const rssIndexed = await settledRss(session, settledAfterCrawlMs);
  const hot = manifest.hotDomains.slice(0, 1000);
  await openAll(session, hot.slice(0, 200));
  const rssWith200 = await settledRss(session);
  await openAll(session, hot.slice(200));
  const networkText = readFileSync(manifest.hotNetwork.file, 'utf8');
  const network = { uri: pathToFileURL(manifest.hotNetwork.file).href, text: networkText };
  await openAll(session, [manifest.hotNetwork.file]);
  const rssWithAll = await settledRss(session);
  const hotUris = hot.map((file) => pathToFileURL(file).href);
  // A network-level edit (the bridge's name): every dependant's resolution changes.
  const bridge = /<bridge name='([^']*)'/.exec(networkText)[1];
  const networkEdit = await fanOut(
    session,
    network,
    (l) => l.includes('<bridge name='),
    `'${bridge}'`,
    `'${bridge}x'`,
    () => hotUris,
    edits,
  );
  // A portgroup renamed: only the domains naming it (by either name) can resolve differently.
  const group = manifest.hotNetwork.portgroups[0];
  const naming = domainsNaming(hot, manifest.hotNetwork.name, group);
  const groupEdit = await fanOut(
    session,
    network,
    (l) => l.includes(`<portgroup name='${group}'`),
    `'${group}'`,
    `'${group}y'`,
    () => naming,
    edits,
  );
  await closeAll(session, [...hot, manifest.hotNetwork.file]);
  // The schema validation worker stops after 20 s idle (its WebAssembly memory never shrinks).
  const rssClosed = await settledRss(session, 22_000);
  await session.stop();
  return {
    files: manifest.files,
    bytes: manifest.bytes,
    indexMs,
    rssIndexed,
    rssWith200,
    open: hot.length,
    rssWithAll,
    networkEdit,
    groupEdit: { ...groupEdit, dependants: naming.length },
    rssClosed,
  };
}

async function emptyServerRss() {
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-bench-empty-'));
  const session = await startSession(emptyDir);
  await session.indexEnded(600_000);
  const rss = await settledRss(session, settledAfterCrawlMs);
  // One domain opened and closed: what stays is not the document's but the schema grammars loaded
  // for completion and hover (once per server), the floor of the RSS after closing.
  const file = writeDomain(emptyDir);
  await openAll(session, [file]);
  await closeAll(session, [file]);
  const rssAfterOne = await settledRss(session, 22_000);
  await session.stop();
  rmSync(emptyDir, { recursive: true, force: true });
  return { rss, rssAfterOne };
}

function writeDomain(dir) {
  const file = path.join(dir, 'one.xml');
  writeFileSync(
    file,
    "<domain type='kvm'>\n  <name>one</name>\n  <devices>\n    <interface type='network'><source network='lan'/></interface>\n  </devices>\n</domain>\n",
  );
  return file;
}

const mib = (v) => `${(v / MB).toFixed(0)} MiB`;
const x = (v) => `${v.toFixed(2)}×`;
const ms = (v) => `${Math.round(v)} ms`;

function printResults(results, empty, emptyAfterOne) {
  const rows = [
    [
      'files',
      'MB',
      'index',
      'RSS indexed',
      'above empty ÷ bytes',
      '200 open',
      '÷ indexed',
      'all open',
      'fan-out (n)',
      'portgroup (n)',
      'closed',
      'growth t / RSS',
    ],
  ];
  const missed = [];
  for (const [i, r] of results.entries()) {
    const ratio = (r.rssIndexed - empty) / r.bytes;
    const openRatio = r.rssWith200 / r.rssIndexed;
    const previous = results[i - 1];
    const growth = previous && r.files === previous.files * 2 ? `${x(r.indexMs / previous.indexMs)} / ${x(r.rssIndexed / previous.rssIndexed)}` : '';
    if (ratio > targets.rssPerByte) missed.push(`${r.files}: RSS after index ${x(ratio)} the bytes above an empty server`);
    if (openRatio > targets.openRatio) missed.push(`${r.files}: RSS with 200 open ${x(openRatio)} the RSS after index`);
    if (r.networkEdit.ms > targets.fanOutMs) missed.push(`${r.files}: fan-out to ${r.open} ${ms(r.networkEdit.ms)}`);
    if (growth && (r.indexMs / previous.indexMs > targets.growth || r.rssIndexed / previous.rssIndexed > targets.growth))
      missed.push(`${previous.files} → ${r.files}: growth ${growth}`);
    rows.push([
      String(r.files),
      (r.bytes / 1e6).toFixed(1),
      ms(r.indexMs),
      mib(r.rssIndexed),
      x(ratio),
      mib(r.rssWith200),
      x(openRatio),
      `${mib(r.rssWithAll)} (${r.open})`,
      `${ms(r.networkEdit.ms)} (${r.open}+${r.networkEdit.others})`,
      `${ms(r.groupEdit.ms)} (${r.groupEdit.dependants}+${r.groupEdit.others})`,
      mib(r.rssClosed),
      growth,
    ]);
  }
  console.log(
    `\nlanguage server at scale — empty server ${mib(empty)} (${mib(emptyAfterOne)} after one domain opened and closed), load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${os.cpus().length} cpus`,
  );
  printTextTable(rows);
  console.log(
    `targets: RSS after index ≤ ${targets.rssPerByte}× bytes above an empty server; 200 open ≤ ${targets.openRatio}× indexed; fan-out ≤ ${targets.fanOutMs} ms; doubling ≤ ${targets.growth}×`,
  );
  for (const miss of missed) console.log(`MISS ${miss}`);
  return missed.length === 0;
}

export async function runServerScale(argv) {
  assertBuilt();
  const at = argv.indexOf('--sizes');
  const sizes = (at >= 0 ? argv[at + 1] : '1000,5000,10000,20000').split(',').map(Number);
  const editsAt = argv.indexOf('--edits');
  const edits = editsAt >= 0 ? Number(argv[editsAt + 1]) : 6;
  const { rss: empty, rssAfterOne } = await emptyServerRss();
  const results = [];
  for (const files of sizes) {
    results.push(await measureSize(files, edits));
    console.log(`  server at ${files} files: indexed in ${ms(results.at(-1).indexMs)}, ${mib(results.at(-1).rssIndexed)}`);
  }
  return printResults(results, empty, rssAfterOne);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runServerScale(process.argv.slice(2)).then(
    (ok) => process.exit(ok ? 0 : 1),
    (error) => {
      console.error(error.stack ?? error);
      process.exit(1);
    },
  );
}
