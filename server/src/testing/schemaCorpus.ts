/** Shared helpers of the schema tests: where the corpus is, cursor markers, a large domain. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readSchemaFolder } from '../host/schema/schemaFolderSnapshot';
import { SchemaGrammars } from '../schema/grammar/schemaGrammars';

/** libvirt's test corpus (shared/corpus/libvirt), found by walking up from this file. */
export function findCorpus(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'corpus', 'libvirt');
    if (existsSync(join(candidate, 'src', 'conf', 'schemas', 'domain.rng'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export const corpus = findCorpus();
export const corpusSchemas = corpus ? join(corpus, 'src', 'conf', 'schemas') : undefined;
/** node:test's `skip` option: a reason when the corpus is absent, false otherwise. */
export const skipWithoutCorpus: string | false = corpus ? false : 'libvirt corpus not found (shared/corpus/libvirt above the repository): schema tests skipped';

/** The corpus schemas' grammars, read as the language server reads them (each parsed on first use). */
export async function corpusGrammars(): Promise<SchemaGrammars> {
  if (!corpusSchemas) throw new Error('corpus required');
  return SchemaGrammars.lazy((await readSchemaFolder(corpusSchemas)).texts);
}

export const corpusFolders = ['networkxml2xmlin', 'networkxml2xmlout', 'qemuxml2argvdata', 'qemuxml2xmloutdata', 'virnetworkportxml2xmldata'] as const;

export interface CorpusFile {
  readonly folder: string;
  readonly name: string;
  readonly path: string;
}

export function corpusFiles(): CorpusFile[] {
  if (!corpus) return [];
  return corpusFolders.flatMap((folder) =>
    readdirSync(join(corpus, 'tests', folder))
      .filter((name) => name.endsWith('.xml'))
      .sort()
      .map((name) => ({ folder, name, path: join(corpus, 'tests', folder, name) })),
  );
}

/** Splits `text|more` into the text without the marker and the marker's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('exactly one | cursor marker expected');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/**
 * A valid domain of about `lines` lines: a corpus domain whose interface is repeated (each copy
 * on its own network, without a PCI address so they cannot clash).
 */
export function largeDomain(lines = 5000): string {
  if (!corpus) throw new Error('corpus required');
  const source = readFileSync(join(corpus, 'tests', 'qemuxml2argvdata', 'net-bandwidth.xml'), 'utf8').split('\n');
  const first = source.findIndex((line) => line.includes('<interface '));
  const last = source.findIndex((line, i) => i > first && line.includes('</interface>'));
  const block = source.slice(first, last + 1).filter((line) => !line.includes('<address '));
  const out = source.slice(0, first);
  for (let n = 0; out.length + (source.length - last - 1) < lines; n++) {
    out.push(...block.map((line) => line.replace("network='default'", `network='net${n}'`)));
  }
  out.push(...source.slice(last + 1));
  return out.join('\n');
}
