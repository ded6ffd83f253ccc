#!/usr/bin/env node
// How parsing time grows with the input (issue 13): for each shape of document, the time to parse
// n and 2n units, and the ratio time(2n)/time(n). Linear work gives about 2, quadratic about 4;
// a ratio of 3 or more fails (exit 1). Each time is a median of a few runs.
//
//   npm run bench:parser          (builds first; also run at the end of `npm run bench`)
//   node bench/parserGrowth.mjs   after `npm run build`
//   --quick: half the sizes and medians of 3 runs instead of 7 (what `npm run bench -- --quick` asks)
//
// Two subjects, both run on every keystroke: our tolerant parser (parseXml) and the
// well-formedness check (checkWellFormedness: fast-xml-parser's validator plus our own checks).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const compiled = path.join(here, '..', 'out', 'server', 'src');
const require = createRequire(import.meta.url);
const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 7;
const failAt = 3;

/**
 * Each shape makes a document from a count; `n` is chosen so that time(n) is a few to tens of
 * milliseconds. The texts with references stay below ~1 MB: between 1 and 3 MB, V8's
 * String.replace (entity decoding) grows by ×3 per doubling for a while, then linearly again.
 */
const shapes = [
  { name: 'attributes in one start tag', n: 80_000, make: (n) => `<a ${Array.from({ length: n }, (_, i) => `a${i}='${i}'`).join(' ')}/>` },
  { name: 'nested elements', n: 40_000, make: (n) => '<a>'.repeat(n) + '</a>'.repeat(n) },
  { name: 'nested elements never closed', n: 40_000, make: (n) => '<a>'.repeat(n) },
  { name: 'elements in a flat list', n: 40_000, make: (n) => `<r>${"<e x='1'/>".repeat(n)}</r>` },
  { name: 'a long text with references', n: 50_000, make: (n) => `<r>${'word &amp; '.repeat(n)}</r>` },
  { name: 'undeclared entity references', n: 50_000, make: (n) => `<r>${'&x; '.repeat(n)}</r>` },
  {
    name: 'references to a DTD entity of 10 references',
    n: 20_000,
    make: (n) => `<!DOCTYPE r [<!ENTITY e "x"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]><r a='${'&f;'.repeat(n)}'>${'&f; '.repeat(n)}</r>`,
  },
  { name: 'unterminated end tags', n: 100_000, make: (n) => `<r>${'</r'.repeat(n)}` },
  { name: 'unclosed values on one line', n: 20_000, make: (n) => `<r>${"<a x='".repeat(n)}` },
];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Median times of `work` on `small` and on `large`, measured alternately so that a change in the
 * machine's load touches both alike. (Wall time: node 20's process CPU time also counts the
 * garbage collector's helper threads, which made it noisier still.)
 */
function timesOf(work, small, large) {
  const samples = { small: [], large: [] };
  for (let run = 0; run < runs; run++) {
    for (const [key, text] of [
      ['small', small],
      ['large', large],
    ]) {
      // Garbage left by the previous run would be collected during this one, at random.
      globalThis.gc?.();
      const started = performance.now();
      work(text);
      samples[key].push(performance.now() - started);
    }
  }
  return { small: median(samples.small), large: median(samples.large) };
}

/** The growth of one subject on one shape; measured again once before it is called a failure. */
function growthOf(subject, small, large) {
  subject.work(small); // warm up
  let times = timesOf(subject.work, small, large);
  let ratio = times.large / Math.max(times.small, 0.01);
  if (ratio >= failAt) {
    times = timesOf(subject.work, small, large);
    ratio = Math.min(ratio, times.large / Math.max(times.small, 0.01));
  }
  return { ...times, ratio };
}

function main() {
  const parserModule = path.join(compiled, 'parser', 'xmlParser.js');
  if (!existsSync(parserModule)) throw new Error(`${parserModule} is missing: run npm run build first`);
  const { parseXml } = require(parserModule);
  const { checkWellFormedness } = require(path.join(compiled, 'parser', 'wellFormedness.js'));
  const { LineIndex } = require(path.join(compiled, 'util', 'lineIndex.js'));
  const subjects = [
    { name: 'parseXml', work: (text) => parseXml(text) },
    { name: 'well-formedness', work: (text) => checkWellFormedness(parseXml(text), new LineIndex(text)) },
  ];
  let failed = 0;
  console.log(`parser growth: time(2n)/time(n), median of ${runs} runs; fails at ${failAt} or more`);
  for (const shape of shapes) {
    const n = quick ? shape.n / 2 : shape.n;
    const small = shape.make(n);
    const large = shape.make(2 * n);
    for (const subject of subjects) {
      const { small: t1, large: t2, ratio } = growthOf(subject, small, large);
      if (ratio >= failAt) failed++;
      const label = `${shape.name} (n=${n.toLocaleString('en')}), ${subject.name}`;
      console.log(
        `  ${label.padEnd(70)} ${t1.toFixed(1).padStart(8)} ms → ${t2.toFixed(1).padStart(8)} ms  ×${ratio.toFixed(2)}  ${ratio >= failAt ? 'FAIL' : 'ok'}`,
      );
    }
  }
  if (failed > 0) {
    console.log(`${failed} shape(s) grow faster than linear`);
    process.exit(1);
  }
}

if (globalThis.gc) {
  main();
} else {
  // Run again with the collector exposed (see timesOf).
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
