#!/usr/bin/env node
// The live heap of one version of a huge open document (issue 14), after `npm run build`:
//   node --expose-gc bench/heapProbe.mjs [interfaces=30000] [--runs N] [--json]
// Parses bench/hugeDocument.mjs's domain of that many interfaces and prints the live heap (after
// full collections) of the parser's tree and of the whole open document (tree, libvirt model and
// line index), against the text's bytes, and the time to parse it (median of 5, with
// fast-xml-parser's beside it). The heap figures are deterministic; the times are the machine's.
// hugeDocument.mjs runs it for its bound on one version (oneVersionBound below).
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { domainText } from './hugeDocument.mjs';

/** What one version of an open document may hold, in times its bytes: the tree, and all of it. */
export const oneVersionBound = { tree: 4, document: 8 };

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
function time(f, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

function probe(n, runs) {
  const { parseXml } = require(root + '/out/server/src/parser/xmlParser.js');
  const { parseLibvirtDocument } = require(root + '/out/server/src/model/libvirtDocument.js');
  const { XMLParser } = require('fast-xml-parser');
  if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
  const text = JSON.parse(JSON.stringify(domainText('huge', n))); // one flat string, as read from a file
  const heap = () => {
    for (let i = 0; i < 4; i++) gc();
    return process.memoryUsage().heapUsed;
  };
  const parseMs = time(() => parseXml(text), runs);
  const fxpMs = time(() => new XMLParser({ ignoreAttributes: false }).parse(text), runs);
  const documentMs = time(() => parseLibvirtDocument('file:///huge.xml', text), runs);
  const h0 = heap();
  const xml = parseXml(text);
  const h1 = heap();
  const document = parseLibvirtDocument('file:///huge.xml', text);
  const h2 = heap();
  globalThis.keep = [xml, document];
  return { interfaces: n, bytes: Buffer.byteLength(text), tree: h1 - h0, document: h2 - h1, parseMs, fxpMs, documentMs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
  const r = probe(Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs') ?? 30000), runs);
  if (args.includes('--json')) {
    console.log(JSON.stringify(r));
  } else {
    const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
    const times = (v) => `${(v / r.bytes).toFixed(2)}×`;
    const verdict = (v, bound) => `≤ ${bound}×: ${v <= bound * r.bytes ? 'pass' : 'FAIL'}`;
    console.log(`text ${mib(r.bytes)} (${r.interfaces} interfaces)`);
    console.log(
      `parse tree ${mib(r.tree)} = ${times(r.tree)} the text (${verdict(r.tree, oneVersionBound.tree)}); parse ${r.parseMs.toFixed(0)} ms median (fast-xml-parser ${r.fxpMs.toFixed(0)} ms)`,
    );
    console.log(
      `document (tree + model) ${mib(r.document)} = ${times(r.document)} the text (${verdict(r.document, oneVersionBound.document)}); parseLibvirtDocument ${r.documentMs.toFixed(0)} ms median`,
    );
  }
}
