/**
 * The schema files of a folder, read asynchronously: their texts (for the simplified grammars)
 * and a stamp that tells when any of them changed.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SchemaTexts } from '../../schema/grammar/schemaGrammars';

export interface SchemaFolderSnapshot {
  readonly folder: string;
  readonly stamp: string;
  /** Every `*.rng` of the folder, by file name. */
  readonly texts: SchemaTexts;
}

/**
 * A stamp that changes when any schema of the folder changes: a schema file includes
 * others, so the root file's own mtime is not enough (an upgrade of libvirt rewrites them all).
 * Rejects when the folder cannot be listed.
 */
export async function schemaFolderStamp(schemaFolder: string): Promise<string> {
  let stamp = '';
  for (const name of await schemaFileNames(schemaFolder)) {
    const info = await stat(join(schemaFolder, name));
    stamp += `${name}:${info.mtimeMs}:${info.size};`;
  }
  return stamp;
}

/** Reads every schema of the folder. Rejects when the folder cannot be listed; skips unreadable files. */
export async function readSchemaFolder(schemaFolder: string): Promise<SchemaFolderSnapshot> {
  const stamp = await schemaFolderStamp(schemaFolder);
  const texts = new Map<string, string>();
  for (const name of await schemaFileNames(schemaFolder)) {
    try {
      texts.set(name, await readFile(join(schemaFolder, name), 'utf8'));
    } catch {
      // A schema that cannot be read makes the grammars including it unavailable, nothing more.
    }
  }
  return { folder: schemaFolder, stamp, texts };
}

async function schemaFileNames(schemaFolder: string): Promise<string[]> {
  return (await readdir(schemaFolder)).filter((name) => name.endsWith('.rng')).sort();
}
