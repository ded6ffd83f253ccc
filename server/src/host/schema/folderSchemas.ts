/**
 * What validation needs of one state of a schema folder: a compiled RelaxNG validator per schema
 * file and the simplified grammars that explain libxml2's verdicts. Compiling domain.rng (with
 * its includes: about 16,000 lines) costs tens of milliseconds; doing it once per folder state
 * keeps every later validation cheap.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SchemaGrammars } from '../../schema/grammar/schemaGrammars';
import { allowSchemaFolder, type Libxml2Module } from './libxml2Loader';
import type { SchemaFolderSnapshot } from './schemaFolderSnapshot';

export type Validator = InstanceType<Libxml2Module['RelaxNGValidator']>;

export class FolderSchemas {
  readonly folder: string;
  /** Parsed on first use: only a generic libxml2 complaint needs a grammar. */
  readonly grammars: SchemaGrammars;
  private readonly validators = new Map<string, Promise<Validator>>();

  constructor(snapshot: SchemaFolderSnapshot) {
    this.folder = snapshot.folder;
    this.grammars = SchemaGrammars.lazy(snapshot.texts);
  }

  /** The validator for one schema file, compiled on first use (a failed compilation is tried again next time). */
  validator(libxml2: Libxml2Module, schemaFile: string): Promise<Validator> {
    let compiled = this.validators.get(schemaFile);
    if (!compiled) {
      compiled = this.compile(libxml2, schemaFile);
      this.validators.set(schemaFile, compiled);
      compiled.catch(() => this.validators.delete(schemaFile));
    }
    return compiled;
  }

  dispose(): void {
    for (const compiled of this.validators.values())
      compiled.then(
        (validator) => validator.dispose(),
        () => undefined,
      );
    this.validators.clear();
  }

  private async compile(libxml2: Libxml2Module, schemaFile: string): Promise<Validator> {
    const path = join(this.folder, schemaFile);
    const text = await readFile(path);
    allowSchemaFolder(this.folder);
    // The URL makes libxml2 resolve <include href="basictypes.rng"/> against the schema folder.
    const schemaDocument = libxml2.XmlDocument.fromBuffer(text, { url: path });
    try {
      // xmlRelaxNGNewDocParserCtxt works on its own copy: the parsed schema can go right away.
      return libxml2.RelaxNGValidator.fromDoc(schemaDocument);
    } finally {
      schemaDocument.dispose();
    }
  }
}
