import { MessageType } from 'vscode-languageserver/node';
import {
  libvirtObjectsChangedMethod,
  libvirtObjectTextMethod,
  type LibvirtObjectsChangedParams,
  type LibvirtObjectTextParams,
  type LibvirtObjectTextResult,
} from '../../../protocol/src/messages';
import { ConnectionSources } from '../host/libvirt/connectionSources';
import { connectionSettings } from '../host/libvirt/defaultConnections';
import type { CodeLensRefresher } from './codeLensRefresher';
import type { DiagnosticsScheduler } from './diagnosticsScheduler';
import { openDependants } from './openDependants';
import { requestUri } from './requestParams';
import type { ServerContext } from './serverContext';

/**
 * The libvirt connections of `libvirtXml.connections` (or the defaults), wired to the session:
 * what they define refreshes the open documents that depend on it, failures are said once as a
 * warning, and the client can read any connection object's XML by its `libvirt:` URI.
 */
export class LibvirtConnections {
  private readonly sources: ConnectionSources;
  private configured: readonly string[] | undefined | 'unset' = 'unset';

  constructor(
    private readonly context: ServerContext,
    private readonly diagnostics: DiagnosticsScheduler,
    private readonly codeLenses: CodeLensRefresher,
  ) {
    const { connection, index, documents } = context;
    this.sources = new ConnectionSources(index, {
      indexChanged: (networkNames, domains, changedUris) => {
        // An unreadable connection came or went (no names): every open domain may read differently.
        const all = networkNames.size === 0 && changedUris.length === 0;
        this.diagnostics.schedule(all ? documents.keys() : openDependants(index, documents, networkNames));
        if (domains || networkNames.size > 0) this.codeLenses.request();
        if (changedUris.length > 0) {
          const params: LibvirtObjectsChangedParams = { uris: changedUris };
          void connection.sendNotification(libvirtObjectsChangedMethod, params).catch(() => undefined);
        }
      },
      warn: (message) =>
        void connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: `libvirt XML: ${message}` }).catch(() => undefined),
      log: (message) => connection.console.info(message),
    });
    connection.onRequest(libvirtObjectTextMethod, (params: LibvirtObjectTextParams): LibvirtObjectTextResult => this.sources.text(requestUri(params)));
  }

  /** Reads the connections `libvirtXml.connections` names (undefined: the defaults); nothing when unchanged. */
  async configure(configured: readonly string[] | undefined): Promise<void> {
    if (this.configured !== 'unset' && JSON.stringify(configured) === JSON.stringify(this.configured)) return;
    this.configured = configured;
    const started = Date.now();
    const settings = connectionSettings(configured);
    await this.sources.configure(settings);
    if (settings.length > 0)
      this.context.connection.console.info(`libvirt connections read in ${Date.now() - started} ms: ${this.sources.summary().join('; ')}`);
  }

  /** A `libvirt:` document was closed: the index holds the connection's copy again. */
  restore(uri: string): void {
    this.sources.restore(uri);
  }

  dispose(): void {
    this.sources.dispose();
  }
}
