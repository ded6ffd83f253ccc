import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { SchemaFolderGrammars } from '../host/schema/schemaFolderGrammars';
import { findSchemaFolder } from '../host/schema/schemaLocation';
import { SchemaValidationWorker } from '../host/schema/schemaValidationWorker';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { TextRange } from '../parser/xmlTree';
import { extensionTags } from '../schema/extensionTags';
import type { SchemaGrammars } from '../schema/grammar/schemaGrammars';
import { SchemaValidationCancelled, type SchemaFinding } from '../schema/schemaTypes';
import { diagnosticSource } from '../services/diagnostics';
import { toLspRange } from '../services/lspRanges';
import type { LineIndex } from '../util/lineIndex';
import { largeDocumentLength } from './documentStore';

/** Validation waits for the typing to pause: libxml2 validates a whole document each time. */
const debounceMs = 400;
/**
 * A large document waits for a longer pause: libxml2 takes seconds over a 5 MB domain, and a
 * validation started between two keystrokes (each a new version after its sliced check) only
 * took the second CPU from the next version's check, to be cancelled by it (bench/hugeDocument.mjs,
 * load 3–4: keystroke → diagnostics 1.0 s with schema validation, 0.54 s without).
 */
const largeDebounceMs = 2000;

interface Validated {
  readonly version: number;
  readonly diagnostics: Diagnostic[];
}

/**
 * Schema validation of open documents, off the keystroke path: debounced per document, run in
 * a worker thread, superseded by newer edits, and kept per document version so that a result
 * for an older text is never shown. Also holds the configured folder's grammars, which the
 * language service completes and hovers with.
 */
export class SchemaDiagnostics {
  private folder: string | undefined;
  private readonly folderGrammars = new SchemaFolderGrammars();
  private readonly results = new Map<string, Validated>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private told = false;
  /** Bumped by each configure: only the latest setting's answer is applied. */
  private configurations = 0;

  constructor(
    /** Called when fresh schema findings for a document are ready to publish. */
    private readonly onValidated: (uri: string) => void,
    private readonly log: (message: string) => void,
    private readonly worker: Pick<SchemaValidationWorker, 'validate' | 'releaseMemory' | 'dispose'> = new SchemaValidationWorker(),
  ) {}

  /** The grammars of the schema folder, for completion and hover (none while there is no folder). */
  get grammars(): SchemaGrammars {
    return this.folderGrammars.current();
  }

  /**
   * Picks the schema folder from `libvirtXml.schemaPath` or libvirt's install; says once when
   * there is none. Resolves when the folder's grammars are read.
   */
  async configure(schemaPath: string | undefined): Promise<void> {
    const configuration = ++this.configurations;
    const found = await findSchemaFolder(schemaPath);
    if (configuration !== this.configurations) return;
    const changed = found.folder !== this.folder;
    this.folder = found.folder;
    if (found.folder) this.log(`validating with libvirt's schemas in ${found.folder}`);
    else if (!this.told || changed) this.log(`schema validation is off: ${found.reason}`);
    this.told = true;
    if (changed) this.results.clear();
    await this.folderGrammars.load(found.folder);
  }

  /**
   * Schedules validation of this version of the document. What waits (the debounce, then the
   * worker) holds only the text and its line index, never the document: a 5 MB domain's tree and
   * model are 120 MiB, and while it is typed in, a superseded version stayed alive for as long as
   * its validation ran (issue 14: two versions held where one is needed).
   */
  request(document: LibvirtDocument, version: number): void {
    const { uri, lines } = document;
    const text = document.xml.text;
    const rootName = document.xml.roots[0]?.name;
    const folder = this.folder;
    clearTimeout(this.timers.get(uri));
    if (!folder || !rootName) return;
    // A small text the worker parses in a moment, off this thread: a keystroke does not walk its tree here.
    const tags = text.length >= largeDocumentLength ? tagRanges(document) : undefined;
    this.timers.set(
      uri,
      setTimeout(
        () => {
          this.timers.delete(uri);
          this.worker
            .validate({ key: uri, text, rootName, schemaFolder: folder, tags })
            .then((findings) => {
              // libxml2's memory for a large text stays the worker's for good: a new worker validates the next one.
              if (text.length >= largeDocumentLength) this.worker.releaseMemory();
              this.results.set(uri, { version, diagnostics: toDiagnostics(findings, lines) });
              this.onValidated(uri);
            })
            .catch((error: unknown) => {
              if (!(error instanceof SchemaValidationCancelled)) this.log(`schema validation of ${uri} failed: ${String(error)}`);
            });
        },
        text.length >= largeDocumentLength ? largeDebounceMs : debounceMs,
      ),
    );
  }

  /**
   * Validates a text now, not debounced (a save about to define it): its errors, or undefined
   * when there are no schemas to validate with. Keyed apart from the editor's own validation,
   * so neither cancels the other.
   */
  async validateNow(document: LibvirtDocument): Promise<Diagnostic[] | undefined> {
    const rootName = document.xml.roots[0]?.name;
    const folder = this.folder;
    if (!folder || !rootName) return undefined;
    const findings = await this.worker.validate({
      key: `save:${document.uri}`,
      text: document.xml.text,
      rootName,
      schemaFolder: folder,
      tags: tagRanges(document),
    });
    return toDiagnostics(findings, document.lines).filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
  }

  /** The schema diagnostics of exactly this version, or none (a newer text is still being validated). */
  diagnostics(uri: string, version: number): Diagnostic[] {
    const validated = this.results.get(uri);
    return validated?.version === version ? validated.diagnostics : [];
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.results.delete(uri);
  }

  /** A large document closed: the worker's memory goes back to the system (see releaseMemory). */
  releaseWorkerMemory(): void {
    this.worker.releaseMemory();
  }

  async dispose(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.worker.dispose();
  }
}

/** Where the document's RFC `<tag>`s are: the worker need not parse the text again to find them. */
function tagRanges(document: LibvirtDocument): TextRange[] {
  return extensionTags(document.xml).map(({ start, end }) => ({ start, end }));
}

/**
 * Schema errors as diagnostics. The schema's remarks on RFC tags are left out: the core already
 * says once per document that libvirt drops them.
 */
function toDiagnostics(findings: readonly SchemaFinding[], lines: LineIndex): Diagnostic[] {
  return findings
    .filter((finding) => finding.code === 'schema')
    .map((finding) => ({
      range: toLspRange(lines, finding.range),
      severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Information,
      code: finding.code,
      source: diagnosticSource,
      message: finding.message,
    }));
}
