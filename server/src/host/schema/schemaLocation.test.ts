import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findSchemaFolder } from './schemaLocation';
import { schemaFileForRoot } from '../../schema/schemaFiles';
import { corpusSchemas, skipWithoutCorpus } from '../../testing/schemaCorpus';

test('the configured folder wins when it holds domain.rng', { skip: skipWithoutCorpus }, async () => {
  assert.deepEqual(await findSchemaFolder(corpusSchemas, []), { folder: corpusSchemas });
});

test('a configured folder without domain.rng is reported, not replaced by the default', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'schemas-'));
  const result = await findSchemaFolder(empty, [empty]);
  assert.equal(result.folder, undefined);
  assert.match(result.reason ?? '', /libvirtXml\.schemaPath .* no domain\.rng/);
});

test('without a setting, the first default folder holding domain.rng is used', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'schemas-'));
  const installed = mkdtempSync(join(tmpdir(), 'schemas-'));
  writeFileSync(join(installed, 'domain.rng'), '<grammar/>');
  assert.deepEqual(await findSchemaFolder(undefined, [empty, installed]), { folder: installed });
  assert.deepEqual(await findSchemaFolder('  ', [empty, installed]), { folder: installed });
});

test('no schemas anywhere: a reason that says how to get them', async () => {
  const result = await findSchemaFolder(undefined, ['/nonexistent/libvirt/schemas']);
  assert.equal(result.folder, undefined);
  assert.match(result.reason ?? '', /install libvirt .*libvirtXml\.schemaPath/);
});

test('the schema is chosen by root element', { skip: skipWithoutCorpus }, async () => {
  assert.equal(schemaFileForRoot('domain'), 'domain.rng');
  assert.equal(schemaFileForRoot('network'), 'network.rng');
  assert.equal(schemaFileForRoot('networkport'), 'networkport.rng');
  assert.equal(schemaFileForRoot('toString'), undefined);
  assert.equal(schemaFileForRoot('domstatus'), undefined);
});
