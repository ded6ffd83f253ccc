import { statusChangedMethod, type StatusChangedParams } from '../../../protocol/src/messages';
import type { CodeLensRefresher } from './codeLensRefresher';
import type { DefineFailures } from './defineFailures';
import type { ParsedDocuments } from './documentStore';
import type { SchemaDiagnostics } from './schemaDiagnostics';
import type { ServerContext } from './serverContext';

/**
 * Sends the diagnostics of open documents (the core's findings, the latest schema findings, and
 * libvirt's refusal of the text last saved, while the editor holds it)
 * and tells the client whose resolved status may have changed.
 */
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
  ) {}

  /** The first crawl is over (or failed): from now on, diagnostics are published. */
  firstCrawlOver(): void {
    this.firstCrawlDone = true;
  }

  /** The libvirt connections were read once (or took too long to wait for). */
  firstConnectionsRead(): void {
    this.firstConnectionsDone = true;
  }

  publish(uris: readonly string[]): void {
    if (!this.firstCrawlDone || !this.firstConnectionsDone) return;
    const { connection, documents, guard, service, index } = this.context;
    const refreshed: string[] = [];
    for (const uri of uris) {
      const textDocument = documents.get(uri);
      if (!textDocument) continue;
      const document = this.parsed.get(textDocument);
      if (!document) {
        if (this.withDiagnostics.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
        continue;
      }
      const found = guard.run(`validating ${uri}`, [], () => service.doValidation(document, index));
      found.push(...this.schema.diagnostics(uri, textDocument.version));
      found.push(...this.defineFailures.diagnostics(uri, textDocument.getText()));
      this.withDiagnostics.add(uri);
      void connection.sendDiagnostics({ uri, version: textDocument.version, diagnostics: found });
      refreshed.push(uri);
    }
    if (refreshed.length > 0) void connection.sendNotification(statusChangedMethod, { uris: refreshed } satisfies StatusChangedParams);
    this.codeLenses.request();
  }

  /** A closed document keeps no diagnostics in the editor. */
  async clear(uri: string): Promise<void> {
    if (this.withDiagnostics.delete(uri)) await this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}
