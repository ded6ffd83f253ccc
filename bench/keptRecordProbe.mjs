#!/usr/bin/env node
// What the workspace index keeps of closed files (issues 19 and 14), after `npm run build`:
//   node --expose-gc bench/keptRecordProbe.mjs [interfaces=30000] [files=1000]
// Prints the live heap of one huge closed domain's record (bench/hugeDocument.mjs's domain) and of
// an index of the server benchmark's workspace (bench/serverScale.mjs's, `files` files) against
// their bytes, and the CPU time to make and to unpack the huge record. The heap is measured a tick
// after the records are made: a record holds its unpacked model weakly, and V8 keeps a weakly
// held object until the task that made it ends. Deterministic but for the times.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureServerScaleWorkspace } from './generateWorkspace.mjs';
import { domainText } from './hugeDocument.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const require = createRequire(import.meta.url);
const { parseLibvirtDocument } = require(root + '/out/server/src/model/libvirtDocument.js');
const { indexedFileOf } = require(root + '/out/server/src/model/indexedFile.js');
const { WorkspaceIndex } = require(root + '/out/server/src/index/workspaceIndex.js');
const { StringTable } = require(root + '/out/server/src/util/stringTable.js');
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');

const interfaces = Number(process.argv[2] ?? 30000);
const files = Number(process.argv[3] ?? 1000);
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 10));
/** The live heap and the memory outside it (a string of over 1 MB made from a Buffer lives there). */
const heap = () => {
  for (let i = 0; i < 4; i++) gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};
const kept = [];
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function hugeRecord() {
  const text = JSON.parse(JSON.stringify(domainText('huge', interfaces)));
  const document = parseLibvirtDocument('file:///huge.xml', text);
  await nextTask();
  const before = heap();
  const started = cpuMs();
  const record = indexedFileOf(document, new StringTable(50_000));
  kept.push(record);
  const madeMs = cpuMs() - started;
  await nextTask();
  const after = heap();
  const unpackStarted = cpuMs();
  const unpacked = record.object;
  const unpackMs = cpuMs() - unpackStarted;
  const bytes = Buffer.byteLength(text);
  console.log(
    `huge domain: ${mib(bytes)} MiB, ${interfaces} interfaces; kept record ${mib(after - before)} MiB = ${((after - before) / bytes).toFixed(2)}× its bytes; made in ${madeMs.toFixed(0)} ms of CPU, unpacked in ${unpackMs.toFixed(0)} ms (${unpacked?.kind})`,
  );
}

async function workspaceIndex() {
  const { dir } = ensureServerScaleWorkspace(files);
  const paths = readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.xml'))
    .map((name) => path.join(dir, name));
  const texts = paths.map((file) => [pathToFileURL(file).href, readFileSync(file, 'utf8')]);
  const index = new WorkspaceIndex();
  kept.push(index);
  await nextTask(); // the huge record's unpacked model, held weakly, goes
  const before = heap();
  for (const [uri, text] of texts) index.updateClosed(parseLibvirtDocument(uri, text));
  await nextTask();
  const after = heap();
  const bytes = texts.reduce((sum, [, text]) => sum + Buffer.byteLength(text), 0);
  console.log(
    `index of ${texts.length} closed files (${mib(bytes)} MiB): ${mib(after - before)} MiB live = ${((after - before) / bytes).toFixed(2)}× their bytes`,
  );
}

await hugeRecord();
await workspaceIndex();
