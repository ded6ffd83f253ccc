#!/usr/bin/env node
// Live heap of one huge document (issue 14), after `npm run build`:
//   node --expose-gc bench/heapProbe.mjs [interfaces=30000]
// Prints the parser tree's and the open document's (tree + model) live heap against the text's
// size, and the time to parse (median of a few runs). Deterministic but for the times.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { domainText } from './hugeDocument.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { parseXml } = require(root + '/out/server/src/parser/xmlParser.js');
const { parseLibvirtDocument } = require(root + '/out/server/src/model/libvirtDocument.js');
const { XMLParser } = require('fast-xml-parser');
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

const n = Number(process.argv[2] ?? 30000);
const flat = (s) => JSON.parse(JSON.stringify(s));
const text = flat(domainText('huge', n));
const heap = () => {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
};
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
function time(f, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}
const parseMs = time(() => parseXml(text));
const fxpMs = time(() => new XMLParser({ ignoreAttributes: false }).parse(text));
const docMs = time(() => parseLibvirtDocument('file:///huge.xml', text));
const h0 = heap();
const xml = parseXml(text);
const h1 = heap();
const doc = parseLibvirtDocument('file:///huge.xml', text);
const h2 = heap();
const bytes = Buffer.byteLength(text);
console.log(`text ${mib(bytes)} MiB (${n} interfaces)`);
console.log(
  `parse tree ${mib(h1 - h0)} MiB = ${((h1 - h0) / bytes).toFixed(2)}× the text; parse ${parseMs.toFixed(0)} ms median (fast-xml-parser ${fxpMs.toFixed(0)} ms)`,
);
console.log(`document (tree + model) ${mib(h2 - h1)} MiB = ${((h2 - h1) / bytes).toFixed(2)}× the text; parseLibvirtDocument ${docMs.toFixed(0)} ms median`);
globalThis.keep = [xml, doc];
