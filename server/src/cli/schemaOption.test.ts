import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from './main';
import { captureOutput, domainWith, findCorpus, tempTree } from '../testing';

/** libvirt's own schemas from the shared corpus beside the repository. */
const corpus = findCorpus();
const schemas = corpus ? path.join(corpus, 'src/conf/schemas') : '';
const skip = corpus && fs.existsSync(path.join(schemas, 'domain.rng')) ? false : "libvirt's schemas from ../shared/corpus/libvirt not found";

async function run(...argv: string[]) {
  const out = captureOutput();
  const status = await runCli(argv, out);
  return { status, out: out.out, err: out.err };
}

describe('cli: check --schema', { skip }, () => {
  test("reports what libvirt's schema refuses as [schema] errors, at the element, and exits 1", async () => {
    const typo = domainWith(`<interfce type='network'>\n      <source network='lan'/>\n    </interfce>`);
    const { dir, cleanup } = tempTree({ 'domains/typo.xml': typo });
    try {
      const { status, out } = await run('check', dir, '--no-host-networks', '--schema-path', schemas);
      assert.equal(status, 1);
      const line = out.split('\n').find((l) => l.endsWith('[schema]'));
      assert.ok(line, out);
      const lineNumber = typo.split('\n').findIndex((l) => l.includes('<interfce')) + 1;
      assert.match(line, new RegExp(`typo\\.xml:${lineNumber}:\\d+: error: .*interfce`));
    } finally {
      cleanup();
    }
  });

  test('without --schema the same file has no [schema] finding', async () => {
    const typo = domainWith(`<interfce type='network'/>`);
    const { dir, cleanup } = tempTree({ 'domains/typo.xml': typo });
    try {
      const { out } = await run('check', dir, '--no-host-networks');
      assert.ok(!out.includes('[schema]'), out);
    } finally {
      cleanup();
    }
  });

  test('a schema folder without libvirt schemas: exit 2 with the reason', async () => {
    const { dir, cleanup } = tempTree({ 'empty/readme.txt': 'no schemas here' });
    try {
      const { status, err } = await run('check', dir, '--schema-path', path.join(dir, 'empty'));
      assert.equal(status, 2);
      assert.match(err, /holds no libvirt schemas/);
    } finally {
      cleanup();
    }
  });
});
