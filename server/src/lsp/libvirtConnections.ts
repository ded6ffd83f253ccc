import { MessageType } from 'vscode-languageserver/node';
import { libvirtTreeChangedMethod } from '../../../protocol/src/libvirtTree';
import { isLibvirtUri, parseLibvirtObjectUri, parseLibvirtStorageUri, type LibvirtStorageKind } from '../../../protocol/src/libvirtUris';
import {
  libvirtObjectsChangedMethod,
  libvirtObjectTextMethod,
  type LibvirtObjectsChangedParams,
  type LibvirtObjectTextParams,
  type LibvirtObjectTextResult,
} from '../../../protocol/src/messages';
import { failureText, isWorthSaying } from '../host/libvirt/connectionFailure';
import { touchesNoName } from '../index/changedNames';
import { ConnectionSources, type ConnectionView } from '../host/libvirt/connectionSources';
import { connectionSettings } from '../host/libvirt/defaultConnections';
import { dumpDefinition } from '../host/libvirt/virshDefine';
import { WriteAccessCache } from '../host/libvirt/writeAccess';
import type { ConnectionInput } from '../services/libvirtTree';
import type { CodeLensRefresher } from './codeLensRefresher';
import type { DiagnosticsScheduler } from './diagnosticsScheduler';
import { dependants, openDependants } from './openDependants';
import { requestUri, securityInfoFlag } from './requestParams';
import type { ServerContext } from './serverContext';

/** What changes together (a define, then its start) is said to the Libvirt view once. */
const treeChangedSettleMs = 30;

/** How often a document naming a missing pool, volume or filter may make a connection read its storage again. */
const staleStorageMs = 10_000;

/**
 * Why a connection's pool, volume or filter opens read-only. Volumes: libvirt has no redefine
 * (no virStorageVolDefineXML; vol-create makes a new one). Filters: nwfilter-define of a filter
 * in use rebuilds the firewall rules of every running interface that uses it at once
 * (virNWFilterObjListAssignDef → virNWFilterTriggerRebuild): a save in an editor is too quiet a way to
 * do that. Pools: a define of an active pool takes effect only at its next start, which the
 * editor cannot show; virsh pool-edit does it knowingly.
 */
export function storageReadOnlyReason(kind: LibvirtStorageKind): string {
  switch (kind) {
    case 'volume':
      return 'libvirt cannot redefine a storage volume (there is no vol-define); change it with virsh vol-resize, vol-upload or vol-create';
    case 'nwfilter':
      return "a network filter is shown read-only: redefining one rebuilds the firewall rules of every running guest that uses it; use 'virsh nwfilter-edit' to do that knowingly";
    case 'pool':
      return "a storage pool is shown read-only: a new definition of an active pool applies only when it is started again; use 'virsh pool-edit'";
  }
}

/**
 * The libvirt connections of `libvirtXml.connections` (or the defaults), wired to the session:
 * what they define refreshes the open documents that depend on it, failures are said once as a
 * warning, the client can read any connection object's XML by its `libvirt:` URI (with whether
 * saving it can define it), and the Libvirt view is told when what it shows may have changed.
 */
export class LibvirtConnections {
  readonly sources: ConnectionSources;
  readonly writeAccess = new WriteAccessCache();
  private configured: readonly string[] | undefined | 'unset' = 'unset';
  private treeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: ServerContext,
    private readonly diagnostics: DiagnosticsScheduler,
    private readonly codeLenses: CodeLensRefresher,
  ) {
    const { connection, index, documents, guard } = context;
    this.sources = new ConnectionSources(index, {
      indexChanged: (change, domains, changedUris) => {
        // An unreadable connection came or went (no names, no objects): every open domain may read differently.
        const all = touchesNoName(change) && changedUris.length === 0;
        this.diagnostics.schedule(all ? documents.keys() : openDependants(index, documents, change));
        if (domains || changedUris.length > 0 || !touchesNoName(change)) this.codeLenses.request();
        if (changedUris.length > 0) {
          const params: LibvirtObjectsChangedParams = { uris: changedUris };
          void connection.sendNotification(libvirtObjectsChangedMethod, params).catch(() => undefined);
        }
      },
      hostChanged: (connectionUri) => {
        if (connectionUri) this.writeAccess.forget(connectionUri);
        this.treeChanged();
      },
      isOpen: (uri) => documents.get(uri) !== undefined,
      warn: (message) =>
        void connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: `libvirt XML: ${message}` }).catch(() => undefined),
      log: (message) => connection.console.info(message),
    });
    connection.onRequest(libvirtObjectTextMethod, (params: LibvirtObjectTextParams) => {
      const uri = requestUri(params);
      const securityInfo = securityInfoFlag(params);
      return guard.runPromise('reading a libvirt object', { error: 'the language server failed to read it' }, () => this.objectText(uri, securityInfo));
    });
  }

  /** Reads the connections `libvirtXml.connections` names (undefined: the defaults); nothing when unchanged. */
  async configure(configured: readonly string[] | undefined): Promise<void> {
    if (this.configured !== 'unset' && JSON.stringify(configured) === JSON.stringify(this.configured)) return;
    this.configured = configured;
    const started = Date.now();
    const settings = connectionSettings(configured);
    this.treeChanged();
    await this.sources.configure(settings);
    if (settings.length > 0)
      this.context.connection.console.info(`libvirt connections read in ${Date.now() - started} ms: ${this.sources.summary().join('; ')}`);
  }

  /** The connections as the Libvirt view shows them, each with whether its objects can be defined. */
  async connectionInputs(): Promise<ConnectionInput[]> {
    return Promise.all(this.sources.views().map(async (view) => connectionInput(view, await this.readOnlyReason(view))));
  }

  /** Why saving cannot define objects of this connection; undefined when it can (as far as libvirt says). */
  async readOnlyReason(view: ConnectionView): Promise<string | undefined> {
    if (view.state.kind === 'failed') return failureText(view.setting.uri, view.state.failure);
    if (view.state.kind === 'loading') return undefined;
    const access = await this.writeAccess.get(view.target);
    return access.writable ? undefined : access.reason;
  }

  /** The Libvirt view should ask again (soon: a burst of changes is said once). */
  treeChanged(): void {
    if (this.treeTimer) return;
    this.treeTimer = setTimeout(() => {
      this.treeTimer = undefined;
      void this.context.connection.sendNotification(libvirtTreeChangedMethod).catch(() => undefined);
    }, treeChangedSettleMs);
  }

  /**
   * The index changed outside the connections (a workspace file on disk, an editor's text): the
   * Libvirt view asks again when what it shows depends on it, i.e. a connection's object is among
   * the changed documents, or uses (or shares the name of) a network whose definitions changed. A
   * workspace network wins over a connection's copy of the same name (the index's precedence), so
   * a file can give or take a host domain's problems and a portgroup's users.
   */
  indexChanged(uris: Iterable<string>, networkNames: ReadonlySet<string>): void {
    const touched = [...uris, ...dependants(this.context.index, { networkNames })];
    if (touched.some(isLibvirtUri)) this.treeChanged();
  }

  private secureText(uri: string): Promise<{ text?: string; error?: string }> {
    return secureTextOf(this.sources, uri);
  }

  /** A `libvirt:` document was closed: the index holds the connection's copy again. */
  restore(uri: string): void {
    this.sources.restore(uri);
  }

  dispose(): void {
    clearTimeout(this.treeTimer);
    this.sources.dispose();
  }

  /** Reads the connections' pools, volumes and filters again (the Libvirt view's Refresh: libvirt has no events for volumes or filters). */
  rereadStorage(): Promise<void> {
    return this.sources.rereadStorage();
  }

  /**
   * A checked document names a pool, volume or filter no one defines: read the connections'
   * storage again, at most once per staleStorageMs each (libvirt says nothing when a volume or a
   * filter is defined). A read that changes nothing re-checks nothing, so this cannot loop.
   */
  missingStorageNamed(): void {
    this.sources.rereadStorageIfStale(staleStorageMs);
  }

  private async objectText(uri: string, securityInfo: boolean): Promise<LibvirtObjectTextResult> {
    const storage = parseLibvirtStorageUri(uri);
    if (storage) return { ...this.sources.text(uri), readOnly: storageReadOnlyReason(storage.kind) };
    const answer = securityInfo ? await this.secureText(uri) : this.sources.text(uri);
    const located = this.sources.locate(uri);
    const readOnly = located ? await this.readOnlyReason(located.view) : undefined;
    return readOnly === undefined ? answer : { ...answer, readOnly };
  }
}

/**
 * A domain's definition with its security info (`virsh dumpxml --inactive --security-info`), read
 * from the host now and kept nowhere but in the answer. libvirt gives it only over a read-write
 * connection (virDomainGetXMLDesc refuses VIR_DOMAIN_XML_SECURE on a read-only one) and, where
 * access control is on, with the domain:read_secure permission; networks have none to give
 * (virNetworkGetXMLDesc has no such flag; virsh net-dumpxml no --security-info).
 */
async function secureTextOf(sources: ConnectionSources, uri: string): Promise<{ text?: string; error?: string }> {
  const known = sources.text(uri);
  const ref = parseLibvirtObjectUri(uri);
  const located = sources.locate(uri);
  if (known.error !== undefined || !ref || !located) return known;
  if (ref.kind !== 'domain') return { error: `a network has no security info to show (virsh net-dumpxml has no --security-info); open it with Open XML` };
  const { view, object } = located;
  const dumped = await dumpDefinition(view.target, 'domain', object?.uuid ?? ref.name, true);
  if (dumped.xml !== undefined) return { text: dumped.xml };
  return {
    error:
      `to see the security info of domain '${ref.name}', use a read-write connection (not a read-only socket or virsh -r) ` +
      `with libvirt's domain:read_secure permission; ${view.setting.uri} refused it: ${dumped.message ?? 'no reason given'}`,
  };
}

function connectionInput(view: ConnectionView, readOnly: string | undefined): ConnectionInput {
  const { state } = view;
  const objects = (kind: 'network' | 'domain') =>
    view.objects[kind].map((object) => ({
      uri: object.uri,
      uuid: object.uuid,
      name: object.name,
      runState: object.state.runState,
      autostart: object.state.autostart,
      persistent: object.state.persistent,
    }));
  return {
    uri: view.setting.uri,
    label: view.label,
    state: state.kind === 'loading' ? 'reading' : state.kind,
    failure: state.kind === 'failed' ? state.failure : undefined,
    quiet: state.kind === 'failed' ? !isWorthSaying(view.setting.explicit, state.failure) : undefined,
    readOnly,
    networks: objects('network'),
    domains: objects('domain'),
    pools: view.storage.pools.map(({ pool, volumes }) => ({
      uri: pool.uri,
      uuid: pool.uuid ?? '',
      name: pool.name,
      runState: pool.state?.runState ?? 'inactive',
      autostart: pool.state?.autostart ?? false,
      persistent: pool.state?.persistent ?? false,
      volumes: volumes.map((volume) => ({ uri: volume.uri, name: volume.name })),
    })),
    filters: view.storage.filters.map((filter) => ({ uri: filter.uri, uuid: filter.uuid ?? '', name: filter.name })),
    storageFailure: view.storageFailure,
  };
}
