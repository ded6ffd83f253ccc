/**
 * The simplified grammar of each schema, read once and kept while the schema folder is
 * unchanged. Completion asks for it on every keystroke, so the folder is re-checked at most
 * every few seconds.
 */
import { join } from 'node:path';
import { schemaFileForRoot, schemaFolderStamp } from '../schemaLocation';
import { readGrammar } from './rngReader';
import { startKey, type Pattern } from './rngPattern';

export interface SchemaGrammar {
  readonly schemaFile: string;
  readonly start: Pattern;
}

interface Entry {
  readonly stamp: string;
  checkedAt: number;
  readonly grammar: SchemaGrammar | undefined;
}

const recheckAfterMs = 3000;
const cache = new Map<string, Entry>();

/** The grammar for a root element, or undefined when the folder has no (readable) schema for it. */
export function schemaGrammar(schemaFolder: string, rootName: string): SchemaGrammar | undefined {
  const schemaFile = schemaFileForRoot(rootName);
  if (!schemaFile) return undefined;
  const path = join(schemaFolder, schemaFile);
  const cached = cache.get(path);
  const now = Date.now();
  if (cached && now - cached.checkedAt < recheckAfterMs) return cached.grammar;
  let stamp: string;
  try {
    stamp = schemaFolderStamp(schemaFolder);
  } catch {
    cache.delete(path);
    return undefined;
  }
  if (cached && cached.stamp === stamp) {
    cached.checkedAt = now;
    return cached.grammar;
  }
  const grammar = loadGrammar(path, schemaFile);
  cache.set(path, { stamp, checkedAt: now, grammar });
  return grammar;
}

function loadGrammar(path: string, schemaFile: string): SchemaGrammar | undefined {
  try {
    const { scope } = readGrammar(path);
    const start = scope.defines.get(startKey);
    return start ? { schemaFile, start } : undefined;
  } catch {
    return undefined; // unreadable schema: completion falls back to the extension's own facts
  }
}
