/**
 * Validation of a libvirt document with libvirt's RelaxNG schemas, by libxml2 (the engine of
 * virt-xml-validate) running in WebAssembly. The verdict is libxml2's; turning it into positioned
 * findings is the pure part (server/src/schema/schemaVerdict.ts). This side reads the schema
 * folder, compiles it and runs libxml2.
 *
 * Cost (5,000-line domain, see host/schema/latency.test.ts): a few tens of milliseconds
 * warm, a few hundred cold (wasm start and schema compilation). libxml2 runs synchronously, so
 * the server calls this through SchemaValidationWorker, off its main thread.
 */
import { parseXml } from '../../parser/xmlParser';
import type { TextRange } from '../../parser/xmlTree';
import { blankOut, extensionTags } from '../../schema/extensionTags';
import { schemaFileForRoot } from '../../schema/schemaFiles';
import { isCancelled, SchemaValidationCancelled, type CancellationLike, type SchemaFinding } from '../../schema/schemaTypes';
import { verdictFindings } from '../../schema/schemaVerdict';
import { FolderSchemas, type Validator } from './folderSchemas';
import { loadLibxml2, type Libxml2Module } from './libxml2Loader';
import { readSchemaFolder, schemaFolderStamp } from './schemaFolderSnapshot';

type ErrorDetails = InstanceType<Libxml2Module['XmlLibError']>['details'];

export interface SchemaValidatorOptions {
  /**
   * Whether each validation first checks that the folder's schemas are unchanged (a stat of
   * each file): the editor's validator does, as libvirt may be upgraded while it runs; a batch
   * (`check --schema`) validates hundreds of files a second against a folder it reads once.
   */
  readonly folderMayChange?: boolean;
}

/** Validates documents; keeps each schema folder compiled while its files are unchanged. */
export class SchemaValidator {
  private readonly folders = new Map<string, { readonly stamp: string; readonly schemas: Promise<FolderSchemas> }>();

  constructor(private readonly options: SchemaValidatorOptions = {}) {}

  /**
   * Findings for `text`, whose root element is `rootName`. Resolves to [] when libvirt has no
   * schema for that root; rejects with SchemaValidationCancelled when `token` is cancelled
   * (checked before each costly step: no work is done after cancellation is seen).
   * A document that is not well-formed gets none: malformed XML is the core's finding, and
   * libxml2 would only repeat it. The RFC's `<tag>`s are blanked out, not reported (the tag rule
   * says once per file that libvirt drops them). `knownTags`: where those tags are, from a
   * caller that has parsed `text` with our parser (extensionTags); the same findings, sooner.
   */
  async validate(text: string, rootName: string, schemaFolder: string, token?: CancellationLike, knownTags?: readonly TextRange[]): Promise<SchemaFinding[]> {
    const schemaFile = schemaFileForRoot(rootName);
    if (!schemaFile) return [];
    // A caller that has parsed the text already says where its tags are: the text is then parsed
    // here only when libxml2 complains (most files of a batch are valid, and parsing a 3 MB
    // domain twice costs as much as libxml2's own parse of it).
    const document = knownTags ? undefined : parseXml(text);
    const tags = knownTags ?? (document ? extensionTags(document) : []);
    throwIfCancelled(token);
    const libxml2 = await loadLibxml2();
    throwIfCancelled(token);
    const schemas = await this.schemasOf(schemaFolder);
    const validator = await schemas.validator(libxml2, schemaFile);
    throwIfCancelled(token);
    const details = runLibxml2(libxml2, validator, blankOut(text, tags));
    if (details === 'malformed' || details.length === 0) return [];
    throwIfCancelled(token);
    const parsed = document ?? parseXml(text);
    return verdictFindings(parsed, details, schemas.grammars, rootName, new Set(extensionTags(parsed)));
  }

  dispose(): void {
    for (const { schemas } of this.folders.values()) disposeLater(schemas);
    this.folders.clear();
  }

  /** The folder's schemas, read again when any of its files changed since last time. */
  private async schemasOf(schemaFolder: string): Promise<FolderSchemas> {
    const cached = this.folders.get(schemaFolder);
    if (cached && this.options.folderMayChange === false) return cached.schemas;
    const stamp = await schemaFolderStamp(schemaFolder);
    if (cached && cached.stamp === stamp) return cached.schemas;
    // Concurrent validations share one reading of the folder (and its compiled validators).
    const schemas = readSchemaFolder(schemaFolder).then((snapshot) => new FolderSchemas(snapshot));
    this.folders.set(schemaFolder, { stamp, schemas });
    if (cached) disposeLater(cached.schemas);
    schemas.catch(() => {
      if (this.folders.get(schemaFolder)?.schemas === schemas) this.folders.delete(schemaFolder);
    });
    return schemas;
  }
}

function disposeLater(schemas: Promise<FolderSchemas>): void {
  schemas.then(
    (loaded) => loaded.dispose(),
    () => undefined,
  );
}

function throwIfCancelled(token: CancellationLike | undefined): void {
  if (isCancelled(token)) throw new SchemaValidationCancelled();
}

function runLibxml2(libxml2: Libxml2Module, validator: Validator, text: string): ErrorDetails | 'malformed' {
  const { ParseOption } = libxml2;
  let parsed: InstanceType<Libxml2Module['XmlDocument']>;
  try {
    // Bytes, not the string: libxml2-wasm encodes a string to UTF-8 in a JavaScript loop, about
    // ten times slower than Node's encoder. No external entities or DTDs: a document must not
    // make libxml2 read anything.
    parsed = libxml2.XmlDocument.fromBuffer(Buffer.from(text, 'utf8'), {
      url: 'document.xml',
      option: ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_BIG_LINES,
    });
  } catch {
    return 'malformed';
  }
  try {
    validator.validate(parsed);
    return [];
  } catch (error) {
    if (error instanceof libxml2.XmlLibError) return error.details;
    throw error;
  } finally {
    parsed.dispose();
  }
}
