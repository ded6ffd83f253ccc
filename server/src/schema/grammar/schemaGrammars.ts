/**
 * The simplified grammar of each schema, by root element, made from schema texts the edge read
 * (server/src/host/schema/). A value owned by whoever made it (the language service's provider,
 * the validator of one folder state): no module-level cache, no I/O.
 */
import { schemaFileForRoot } from '../schemaFiles';
import { readGrammar, type SchemaTexts } from './rngReader';
import { startKey, type Pattern } from './rngPattern';

export type { SchemaTexts } from './rngReader';

export interface SchemaGrammar {
  readonly schemaFile: string;
  readonly start: Pattern;
}

export class SchemaGrammars {
  /** No schemas: completion and hover fall back to the extension's own facts. */
  static readonly none = new SchemaGrammars(new Map(), undefined);

  /** Each root's grammar parsed on first use (the texts are kept until then). */
  static lazy(texts: SchemaTexts): SchemaGrammars {
    return new SchemaGrammars(new Map(), texts);
  }

  private constructor(
    private readonly parsed: Map<string, SchemaGrammar | undefined>,
    private readonly texts: SchemaTexts | undefined,
  ) {}

  /** The grammar for a root element, or undefined when there is no (readable) schema for it. */
  grammar(rootName: string): SchemaGrammar | undefined {
    if (this.parsed.has(rootName) || !this.texts) return this.parsed.get(rootName);
    const grammar = grammarFor(this.texts, rootName);
    this.parsed.set(rootName, grammar);
    return grammar;
  }
}

function grammarFor(texts: SchemaTexts, rootName: string): SchemaGrammar | undefined {
  const schemaFile = schemaFileForRoot(rootName);
  if (!schemaFile) return undefined;
  try {
    const { scope } = readGrammar(schemaFile, texts);
    const start = scope.defines.get(startKey);
    return start ? { schemaFile, start } : undefined;
  } catch {
    return undefined; // unreadable schema: completion falls back to the extension's own facts
  }
}
