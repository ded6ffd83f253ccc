/**
 * Compiled RelaxNG validators, one per schema file, kept while the schema folder is unchanged.
 * Compiling domain.rng (with its includes: about 16,000 lines) costs tens of milliseconds; doing
 * it once per folder state keeps every later validation cheap.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowSchemaFolder, loadLibxml2, type Libxml2Module } from './libxml2Loader';
import { schemaFolderStamp } from './schemaLocation';

type Validator = InstanceType<Libxml2Module['RelaxNGValidator']>;

interface CacheEntry {
  readonly stamp: string;
  readonly validator: Validator;
}

const cache = new Map<string, CacheEntry>();

/** The validator for one schema file, compiled on first use and after the folder changed. */
export async function compiledSchema(schemaFolder: string, schemaFile: string): Promise<Validator> {
  const libxml2 = await loadLibxml2();
  const path = join(schemaFolder, schemaFile);
  const stamp = schemaFolderStamp(schemaFolder);
  const cached = cache.get(path);
  if (cached && cached.stamp === stamp) return cached.validator;
  cached?.validator.dispose();
  cache.delete(path);

  allowSchemaFolder(schemaFolder);
  // The URL makes libxml2 resolve <include href="basictypes.rng"/> against the schema folder.
  const schemaDocument = libxml2.XmlDocument.fromBuffer(readFileSync(path), { url: path });
  try {
    // xmlRelaxNGNewDocParserCtxt works on its own copy: the parsed schema can go right away.
    const validator = libxml2.RelaxNGValidator.fromDoc(schemaDocument);
    cache.set(path, { stamp, validator });
    return validator;
  } finally {
    schemaDocument.dispose();
  }
}
