/**
 * The language server's grammars follow the schema folder without any request touching the
 * disk: read when configured, re-checked in the background at most every 3 s, so schema files
 * that change, vanish or appear later are picked up.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SchemaFolderGrammars } from './schemaFolderGrammars';
import type { SchemaGrammars } from '../../schema/grammar/schemaGrammars';
import { schemaCompletions } from '../../schema/schemaCompletion';

const rng = (attribute: string): string =>
  `<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="domain"><attribute name="${attribute}"/></element></start></grammar>`;

function writeSchema(folder: string, attribute: string, mtime: number): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'domain.rng'), rng(attribute));
  utimesSync(join(folder, 'domain.rng'), mtime, mtime);
}

function attributes(grammars: SchemaGrammars): string[] {
  return schemaCompletions(grammars, 'domain', ['domain'], 'attribute').map((item) => item.label);
}

/** Asks for the grammars (as a request would) until `expected`, for at most 2 s. */
async function until(source: SchemaFolderGrammars, expected: string[]): Promise<void> {
  for (let i = 0; i < 200 && JSON.stringify(attributes(source.current())) !== JSON.stringify(expected); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.deepEqual(attributes(source.current()), expected);
}

test('grammars are read at load, then follow the folder in the background', async () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'schemas-')), 'schemas');
  writeSchema(folder, 'type', 1_000_000);
  let now = 0;
  const source = new SchemaFolderGrammars(() => now);
  try {
    await source.load(folder);
    assert.deepEqual(attributes(source.current()), ['type'], 'in use as soon as load resolves');

    writeSchema(folder, 'id', 2_000_000);
    now = 2_999;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(attributes(source.current()), ['type'], 'not re-checked within 3 s');
    now = 3_000;
    await until(source, ['id']);

    rmSync(folder, { recursive: true });
    now = 6_000;
    await until(source, []);

    writeSchema(folder, 'name', 3_000_000);
    now = 9_000;
    await until(source, ['name']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('no folder, no grammars; a newer load wins over a slower older one', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'schemas-'));
  writeSchema(folder, 'type', 1_000_000);
  const source = new SchemaFolderGrammars();
  try {
    await source.load(undefined);
    assert.deepEqual(attributes(source.current()), []);
    const older = source.load(folder);
    const newer = source.load(undefined);
    await Promise.all([older, newer]);
    assert.deepEqual(attributes(source.current()), []);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
