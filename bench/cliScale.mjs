#!/usr/bin/env node
// The CLI at scale (issue 19): `libvirt-xml check DIR` over the scale workspace (bench/scaleWorkspace.mjs)
// at each size, next to the fast-xml-parser floor of the same files measured in the same run
// (bench/floor.mjs), with the growth factor for each doubling, and `check --schema` on 1,000 files
// next to `xmllint --relaxng` over the same files in one batch.
//
//   node bench/cliScale.mjs [--sizes 1000,5000,10000,20000] [--runs N] [--no-schema] [--schema-sizes 1000,2000] [--schema-only] [--seed N]
//   (npm run bench -- --sizes ... runs this alone; npm run bench ends with it at 1,000 (--quick) or 1,000 and 10,000 files)
// Targets: wall ≤ 1× the floor, max RSS ≤ 3× libvirt bytes + 60 MB, 10k → 20k growth ≤ 2.2× in time
// and memory. Exits 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureScaleWorkspace, scaleSpec } from './scaleWorkspace.mjs';
import { printTextTable } from './textTable.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cli = path.join(root, 'dist', 'cli.js');
const schemaFolder = '/usr/share/libvirt/schemas';
const MB = 1024 * 1024;
const targets = { wallRatio: 1, rssPerByte: 3, rssBase: 60 * MB, growth: 2.2 };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/**
 * One run of a command: its wall time, its peak RSS (GNU time's %M, in KiB) and its CPU time
 * (user + system: what the load of other processes on the machine does not inflate).
 */
function timed(command, args, options = {}, anyStatus = false) {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', command, ...args], { encoding: 'utf8', maxBuffer: 512 * MB, ...options });
  const wall = performance.now() - started;
  // check exits 1 when it found an error; xmllint 3 when a file is invalid.
  if (!anyStatus && result.status !== 0 && result.status !== 1)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const [peakKiB, user, system] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, rss: peakKiB * 1024, cpu: (user + system) * 1000, stdout: result.stdout };
}

/** Floor and CLI interleaved, so both see the same machine; the first floor warms the page cache. */
function measureSize(files, runs, seed) {
  const { dir, manifest } = ensureScaleWorkspace(scaleSpec(['--files', String(files), '--seed', String(seed)]));
  timed(process.execPath, [path.join(here, 'floor.mjs'), dir]);
  const floors = [];
  const checks = [];
  let summary = '';
  for (let run = 0; run < runs; run++) {
    floors.push(timed(process.execPath, [path.join(here, 'floor.mjs'), dir]));
    const check = timed(process.execPath, [cli, 'check', dir, '--no-host-networks']);
    summary = check.stdout.trimEnd().split('\n').at(-1);
    checks.push(check);
  }
  return {
    files,
    bytes: manifest.bytes,
    libvirtBytes: manifest.libvirtBytes,
    floorMs: median(floors.map((f) => f.wall)),
    floorRss: median(floors.map((f) => f.rss)),
    floorCpu: median(floors.map((f) => f.cpu)),
    checkCpu: median(checks.map((c) => c.cpu)),
    checkMs: median(checks.map((c) => c.wall)),
    checkRss: median(checks.map((c) => c.rss)),
    summary,
  };
}

/**
 * `check --schema` on the libvirt files of the `size`-file workspace, with the host's xmllint
 * (what check uses when installed) and without it (libxml2-wasm, PATH emptied), next to one
 * xmllint batch per schema over the same files; all interleaved, medians of `runs`.
 */
function measureSchema(seed, size, runs) {
  const { dir } = ensureScaleWorkspace(scaleSpec(['--files', String(size), '--seed', String(seed)]));
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^(vm|lan)-.*\.xml$/.test(entry.name)) files.push(full);
    }
  };
  walk(dir);
  // xmllint gets the files as check's libxml2 does: the RFC's <tag> lines blanked (libvirt's
  // schema lacks them, and a first refusal would end xmllint's validation of a file early).
  const copies = mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-bench-xmllint-'));
  const copy = (file) => {
    const target = path.join(copies, path.basename(file));
    writeFileSync(target, readFileSync(file, 'utf8').replace(/^\s*<tag name='[^']*'\/>$/gm, ''));
    return target;
  };
  const domains = files.filter((file) => path.basename(file).startsWith('vm-')).map(copy);
  const networks = files.filter((file) => path.basename(file).startsWith('lan-')).map(copy);
  const xmllint = (schema, batch) => timed('xmllint', ['--noout', '--relaxng', path.join(schemaFolder, schema), ...batch], {}, true).wall;
  const args = [cli, 'check', dir, '--no-host-networks'];
  const samples = { checkMs: [], checkRss: [], wasmMs: [], plainMs: [], xmllintMs: [], ratio: [] };
  try {
    for (let run = 0; run < runs; run++) {
      const check = timed(process.execPath, [...args, '--schema']);
      samples.checkMs.push(check.wall);
      samples.checkRss.push(check.rss);
      samples.wasmMs.push(timed(process.execPath, [...args, '--schema'], { env: { ...process.env, PATH: '' } }).wall);
      samples.plainMs.push(timed(process.execPath, args).wall);
      samples.xmllintMs.push(xmllint('domain.rng', domains) + xmllint('network.rng', networks));
      // Each run's own ratio: on a loaded machine neighbouring runs see the same load.
      samples.ratio.push(check.wall / samples.xmllintMs.at(-1));
    }
  } finally {
    rmSync(copies, { recursive: true, force: true });
  }
  return { files: files.length, ...Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)])) };
}

const ms = (v) => `${Math.round(v)} ms`;
const mib = (v) => `${(v / MB).toFixed(0)} MiB`;
const x = (v) => `${v.toFixed(2)}×`;
const verdict = (ok) => (ok ? 'ok' : 'MISS');

/** A step's growth, scaled to one doubling of the files (10k → 20k is one doubling exactly). */
const perDoubling = (ratio, sizeRatio) => ratio ** (1 / Math.log2(sizeRatio));

export function runCliScale(argv) {
  const value = (flag, fallback) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : fallback);
  const sizes = argv.includes('--schema-only') ? [] : value('--sizes', '1000,10000').split(',').map(Number);
  const runs = Number(value('--runs', 3));
  const seed = Number(value('--seed', 19));
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  console.log(
    `CLI at scale (issue 19): check DIR --no-host-networks, median of ${runs}, ${os.cpus().length} cpus, node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`,
  );
  const measured = sizes.map((files) => {
    const m = measureSize(files, runs, seed);
    console.log(`  ${files} files: ${m.summary}`);
    return m;
  });
  let ok = true;
  const rssBound = (m) => targets.rssPerByte * m.libvirtBytes + targets.rssBase;
  const rows = [['files', 'libvirt MB', 'floor (fxp)', 'check wall', '× floor', 'CPU × floor CPU', 'max RSS', '× libvirt bytes', 'bound 3×+60MB', 'verdict']];
  for (const m of measured) {
    const good = m.checkMs <= targets.wallRatio * m.floorMs && m.checkRss <= rssBound(m);
    ok &&= good;
    rows.push([
      m.files,
      (m.libvirtBytes / 1e6).toFixed(1),
      ms(m.floorMs),
      ms(m.checkMs),
      x(m.checkMs / m.floorMs),
      `${(m.checkCpu / 1000).toFixed(1)} / ${(m.floorCpu / 1000).toFixed(1)} s = ${x(m.checkCpu / m.floorCpu)}`,
      mib(m.checkRss),
      x(m.checkRss / m.libvirtBytes),
      mib(rssBound(m)),
      verdict(good),
    ]);
  }
  if (measured.length > 0) {
    printTextTable(rows);
    console.log(`load average at the end: ${os.loadavg()[0].toFixed(1)} (wall times are the machine's; CPU times are not inflated by other processes)`);
  }
  if (measured.length > 1) {
    const growth = [['step', 'files ×', 'time ×', 'per doubling', 'floor ×', 'CPU ×', 'per doubling', 'RSS ×', 'per doubling', 'target ≤ 2.2×/doubling']];
    for (let i = 1; i < measured.length; i++) {
      const [a, b] = [measured[i - 1], measured[i]];
      const sizeRatio = b.files / a.files;
      const [time, rss] = [b.checkMs / a.checkMs, b.checkRss / a.checkRss];
      const good = perDoubling(time, sizeRatio) <= targets.growth && perDoubling(rss, sizeRatio) <= targets.growth;
      ok &&= good;
      growth.push([
        `${a.files} → ${b.files}`,
        x(sizeRatio),
        x(time),
        x(perDoubling(time, sizeRatio)),
        x(b.floorMs / a.floorMs),
        x(b.checkCpu / a.checkCpu),
        x(perDoubling(b.checkCpu / a.checkCpu, sizeRatio)),
        x(rss),
        x(perDoubling(rss, sizeRatio)),
        verdict(good),
      ]);
    }
    console.log('');
    printTextTable(growth);
  }
  if (!argv.includes('--no-schema') && existsSync(path.join(schemaFolder, 'domain.rng')) && spawnSync('xmllint', ['--version']).status === 0) {
    const schemaSizes = value('--schema-sizes', '1000').split(',').map(Number);
    const rows = [
      ['check --schema', 'files', 'with xmllint', 'max RSS', 'libxml2-wasm', 'check alone', 'xmllint --relaxng batch', 'ratio (median)', 'growth', 'verdict'],
    ];
    let previous;
    for (const size of schemaSizes) {
      const s = measureSchema(seed, size, runs);
      const good = s.ratio <= 1;
      ok &&= good;
      const growth = previous ? x(s.checkMs / previous.checkMs) : '';
      rows.push([
        `${size}-file workspace`,
        s.files,
        ms(s.checkMs),
        mib(s.checkRss),
        ms(s.wasmMs),
        ms(s.plainMs),
        ms(s.xmllintMs),
        x(s.checkMs / s.xmllintMs),
        growth,
        verdict(good),
      ]);
      previous = s;
    }
    console.log('');
    printTextTable(rows);
  }
  return ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(runCliScale(process.argv.slice(2)) ? 0 : 1);
}
