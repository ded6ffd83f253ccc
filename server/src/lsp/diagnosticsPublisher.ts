import type { TextDocument } from 'vscode-languageserver-textdocument';
import { statusChangedMethod, type StatusChangedParams } from '../../../protocol/src/messages';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { CodeLensRefresher } from './codeLensRefresher';
import type { DefineFailures } from './defineFailures';
import type { ParsedDocuments } from './documentStore';
import { openDependants } from './openDependants';
import type { SchemaDiagnostics } from './schemaDiagnostics';
import type { ServerContext } from './serverContext';
import { runInSlices, turnIfHeld, WorkCancelled } from './slicedRunner';

/**
 * Sends the diagnostics of open documents (the core's findings, the latest schema findings, and
 * libvirt's refusal of the text last saved, while the editor holds it)
 * and tells the client whose resolved status may have changed.
 *
 * A round never holds the thread long: it lets other messages in between documents, and a large
 * document is parsed, indexed and checked in slices (see runInSlices). A document whose text
 * changed while it was being checked is not published: it is handed back (`again`) to be checked
 * in the next round. A change of the index meanwhile does not drop the check (see publishOne).
 */
/** The findings of a name libvirt's storage or filters may define meanwhile without an event (see LiveConnection). */
const missingStorageCodes = new Set(['unknown-pool', 'unknown-volume', 'unknown-filter', 'filter-chain-broken', 'pool-not-checked', 'filter-not-checked']);

export class DiagnosticsPublisher {
  /** Documents that were given diagnostics, so they can be cleared when they stop being libvirt XML. */
  private readonly withDiagnostics = new Set<string>();
  /**
   * Until the first crawl is over, a domain's networks may simply not be read yet: diagnostics
   * wait for it rather than flash "unknown network" (every open document is refreshed after it).
   */
  private firstCrawlDone = false;
  /** Likewise the first reading of the libvirt connections (bounded by the caller). */
  private firstConnectionsDone = false;

  constructor(
    private readonly context: ServerContext,
    private readonly parsed: ParsedDocuments,
    private readonly schema: SchemaDiagnostics,
    private readonly codeLenses: CodeLensRefresher,
    private readonly defineFailures: DefineFailures,
    /** Documents to check in the next round: dropped work, and the dependants of a large document's index change. */
    private readonly again: (uris: readonly string[]) => void,
    /** A document names a pool, volume or filter no one defines (or none could be read): the connections may read their storage again. */
    private readonly missingStorage: () => void = () => undefined,
  ) {}

  /** The first crawl is over (or failed): from now on, diagnostics are published. */
  firstCrawlOver(): void {
    this.firstCrawlDone = true;
  }

  /** The libvirt connections were read once (or took too long to wait for). */
  firstConnectionsRead(): void {
    this.firstConnectionsDone = true;
  }

  async publish(uris: readonly string[]): Promise<void> {
    if (!this.firstCrawlDone || !this.firstConnectionsDone) return;
    const refreshed: string[] = [];
    let heldSince = performance.now();
    for (const uri of uris) {
      heldSince = await turnIfHeld(heldSince);
      const textDocument = this.context.documents.get(uri);
      if (!textDocument) continue;
      try {
        if (await this.publishOne(textDocument)) refreshed.push(uri);
      } catch (error) {
        if (!(error instanceof WorkCancelled)) throw error;
        this.again([uri]);
      }
    }
    if (refreshed.length > 0) void this.context.connection.sendNotification(statusChangedMethod, { uris: refreshed } satisfies StatusChangedParams);
    this.codeLenses.request();
  }

  /** Checks and publishes one open document; false when it is not libvirt XML. */
  private async publishOne(textDocument: TextDocument): Promise<boolean> {
    const { connection, guard, service, index } = this.context;
    const { uri, version } = textDocument;
    const document = await this.parsed.parse(textDocument);
    this.indexLargeDocument(uri, document);
    if (!document) {
      if (this.withDiagnostics.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return false;
    }
    // Only a newer text drops the check. A change of the index meanwhile does not (issue 14: with a
    // live connection its events came faster than a huge domain's check, which was dropped and
    // started again and again for minutes): a change that bears on this document schedules it
    // again (openDependants), as for a small one, so these findings are replaced soon after.
    const stale = () => (this.context.documents.get(uri)?.version !== version ? `${uri} changed` : undefined);
    const found = await guard.runPromise(`validating ${uri}`, [], () => runInSlices(service.doValidationInSlices(document, index), stale), WorkCancelled);
    found.push(...this.schema.diagnostics(uri, version));
    found.push(...this.defineFailures.diagnostics(uri, textDocument.getText()));
    if (found.some((diagnostic) => missingStorageCodes.has(String(diagnostic.code)))) this.missingStorage();
    this.withDiagnostics.add(uri);
    void connection.sendDiagnostics({ uri, version, diagnostics: found });
    return true;
  }

  /**
   * A large document's edit does not update the index (it is not parsed then): its parse does,
   * here, and its dependants are checked next. A small one's edit did it already (the index
   * holds this very document).
   */
  private indexLargeDocument(uri: string, document: LibvirtDocument | undefined): void {
    const { index, documents } = this.context;
    const held = index.get(uri);
    if (document ? held === document : held === undefined) return;
    const change = document ? index.update(document) : index.remove(uri);
    if (document) this.schema.request(document, document.version);
    this.again(openDependants(index, documents, change).filter((dependant) => dependant !== uri));
  }

  /** A closed document keeps no diagnostics in the editor. */
  async clear(uri: string): Promise<void> {
    if (this.withDiagnostics.delete(uri)) await this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
