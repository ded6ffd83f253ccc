import { parseLibvirtObjectUri, parseLibvirtStorageUri, uniqueConnectionLabels } from '../../../../protocol/src/libvirtUris';
import type { DefinitionOrigin, IndexedConnection, UnreadableSource } from '../../index/definitionOrigin';
import { addChangedNames, noChangedNames, touchesNoName } from '../../index/changedNames';
import type { IndexChange, WorkspaceIndex } from '../../index/workspaceIndex';
import { parseLibvirtDocument } from '../../model/libvirtDocument';
import { failureText, isWorthSaying, unreadableSource } from './connectionFailure';
import { nameOfDump, objectEntries } from './connectionObjects';
import type { ObjectKind } from './connectionReader';
import { listedPoolUris, storageEntries, type StorageEntry } from './connectionStorage';
import { LiveConnection, type ConnectionState } from './liveConnection';
import type { ObjectState } from './objectStates';
import type { VirshTarget } from './virshProcess';

/** How long indexing connection objects works before the server answers requests again. */
const sliceMs = 4;

/** A connection to read: its URI, and whether the user named it (else it is one of the defaults). */
export interface ConnectionSetting {
  readonly uri: string;
  readonly explicit: boolean;
}

export interface ConnectionSourcesListener {
  /**
   * The index changed: the networks, pools (or their volumes) and filters of these names were
   * defined, redefined or undefined; domains too when `domains`; these objects' texts changed.
   * A change of no name and no object: a connection became readable or unreadable.
   */
  indexChanged(change: IndexChange, domains: boolean, changedUris: readonly string[]): void;
  /**
   * What the connections hold was read again (states may have changed where definitions did not);
   * with a URI: that connection connected, failed or reconnected.
   */
  hostChanged(connectionUri?: string): void;
  /** Whether the editor has this URI open: its text, not the connection's, is what the index holds then. */
  isOpen(uri: string): boolean;
  /** Say this to the user, once (a failure worth acting on). */
  warn(message: string): void;
  log(message: string): void;
}

/** A connection as the Libvirt view shows it: its state, and the objects it is the first to give (by UUID). */
export interface ConnectionView {
  readonly setting: ConnectionSetting;
  readonly label: string;
  readonly target: VirshTarget;
  readonly state: ConnectionState;
  readonly objects: Record<ObjectKind, readonly HostObject[]>;
  /** Its pools (each with its volumes) and filters, those it is the first to give; `storageFailure` when they could not be read. */
  readonly storage: { readonly pools: readonly StoragePoolView[]; readonly filters: readonly StorageEntry[] };
  readonly storageFailure?: string;
}

/** A pool of a connection, with its volumes (none listed while the pool is not active: libvirt refuses vol-list). */
export interface StoragePoolView {
  readonly pool: StorageEntry;
  readonly volumes: readonly StorageEntry[];
}

/** A network or domain of a connection: its `libvirt:` URI, UUID, name and state. */
export interface HostObject {
  readonly uri: string;
  readonly uuid: string;
  readonly name: string;
  readonly state: ObjectState;
}

/**
 * The libvirt connections that feed the index. Each connection's networks and domains are
 * indexed under `libvirt:` URIs, in the configured order; an object another connection already
 * gave (same UUID: as root, qemu:///session is the system daemon) is indexed once. A connection
 * that cannot be read is said once and listed as unreadable, so findings do not call a network
 * missing when it could not be checked.
 */
export class ConnectionSources {
  private connections: { setting: ConnectionSetting; label: string; live: LiveConnection }[] = [];
  /** What the index holds from connections: URI → XML. */
  private readonly indexed = new Map<string, string>();
  /** The failure last said per connection URI, so each is said once. */
  private readonly said = new Map<string, string>();
  private readonly refreshing = new Map<ObjectKind, Promise<void>>();
  private readonly refreshAgain = new Set<ObjectKind>();
  private disposed = false;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly listener: ConnectionSourcesListener,
  ) {}

  /** Starts reading the configured connections (and stops those no longer configured). Resolves when each has read its networks or failed once. */
  async configure(settings: readonly ConnectionSetting[]): Promise<void> {
    const wanted = uniqueByUri(settings);
    const same = wanted.length === this.connections.length && wanted.every((setting, i) => sameSetting(setting, this.connections[i].setting));
    if (same) return;
    for (const connection of this.connections) connection.live.dispose();
    const labels = uniqueConnectionLabels(wanted.map((setting) => setting.uri));
    this.connections = wanted.map((setting, i) => ({
      setting,
      label: labels[i],
      live: new LiveConnection(
        { connectionUri: setting.uri, autostart: setting.explicit },
        {
          objectsChanged: (kind) => (kind === 'storage' ? this.applyStorage() : this.refresh(kind)),
          stateChanged: (state) => this.stateChanged(setting, state),
        },
      ),
    }));
    this.index.setConnections(this.connections.map((c): IndexedConnection => ({ uri: c.setting.uri, label: c.label })));
    this.refresh('network');
    this.refresh('domain');
    this.applyStorage();
    await Promise.all(this.connections.map((connection) => connection.live.start()));
    await this.settled();
  }

  /** Reads every connection's pools, volumes and filters again now (the user asked); resolves when the index holds them. */
  async rereadStorage(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.live.rereadStorage()));
  }

  /** Reads pools, volumes and filters again where they were read more than `minAgeMs` ago (a domain names one no one defines). */
  rereadStorageIfStale(minAgeMs: number): void {
    for (const connection of this.connections) connection.live.rereadStorageIfStale(minAgeMs);
  }

  /**
   * Makes the index hold exactly the pools, volumes and filters the connections last read,
   * touching only what changed, and records whose were read: a connection whose storage could
   * not be read (or is not read yet) leaves a missing name "not checked". A default connection
   * whose daemon is not running defines none, as for networks; one that was read and is
   * reconnecting keeps its last reading.
   */
  private applyStorage(): void {
    const wanted = new Map<string, { entry: StorageEntry; origin: DefinitionOrigin }>();
    const readers = new Set<string>();
    const seen = new Set<string>();
    for (const { setting, label, live } of this.connections) {
      const state = live.state;
      if (state.kind === 'failed' && !isWorthSaying(setting.explicit, state.failure)) readers.add(label);
      if (live.storage.kind !== 'read') continue;
      readers.add(label);
      const origin: DefinitionOrigin = { kind: 'connection', label, connectionUri: setting.uri };
      for (const entry of storageEntries(label, live.storage.objects, seen)) wanted.set(entry.uri, { entry, origin });
    }
    const change = noChangedNames();
    const changedUris: string[] = [];
    const note = (indexChange: IndexChange) => addChangedNames(change, indexChange);
    for (const uri of [...this.indexed.keys()]) {
      if (!parseLibvirtStorageUri(uri) || wanted.has(uri)) continue;
      this.indexed.delete(uri);
      changedUris.push(uri);
      if (!this.listener.isOpen(uri)) note(this.index.remove(uri)); // an open one: restore() follows the close
    }
    for (const [uri, { entry, origin }] of wanted) {
      if (this.indexed.get(uri) === entry.xml) continue;
      this.indexed.set(uri, entry.xml);
      changedUris.push(uri);
      if (!this.listener.isOpen(uri)) note(this.index.updateClosed(parseLibvirtDocument(uri, entry.xml), origin));
    }
    // A pool started or stopped lists its volumes or not, whether or not its XML changed.
    const listed = listedPoolUris([...wanted.values()].map(({ entry }) => entry));
    const listedBefore = [...wanted.values()].filter(({ entry }) => entry.kind === 'pool' && this.index.volumesListed(entry.uri));
    for (const { entry } of listedBefore) if (!listed.includes(entry.uri)) change.poolNames.add(entry.name);
    for (const uri of listed) {
      const entry = wanted.get(uri)?.entry;
      if (entry && !this.index.volumesListed(uri)) change.poolNames.add(entry.name);
    }
    this.index.setListedPools(listed);
    const readersBefore = this.index.connectionsWithoutStorageAndFilters().map((connection) => connection.label);
    this.index.setStorageAndFilterReaders(readers);
    const readersChanged = JSON.stringify(readersBefore) !== JSON.stringify(this.index.connectionsWithoutStorageAndFilters().map((c) => c.label));
    // Whose storage was read changed: any open domain may read differently ("not checked" or not).
    if (readersChanged) this.listener.indexChanged(noChangedNames(), false, []);
    if (changedUris.length > 0 || change.poolNames.size > 0) this.listener.indexChanged(change, false, changedUris);
    if (!this.disposed) this.listener.hostChanged();
  }

  /** The XML of a `libvirt:` URI as last read. */
  text(uri: string): { text?: string; error?: string } {
    const known = this.indexed.get(uri);
    if (known !== undefined) return { text: known };
    const storage = parseLibvirtStorageUri(uri);
    if (storage) return { error: this.storageMissing(storage.connection, storage.kind, storage.name, storage.pool) };
    const ref = parseLibvirtObjectUri(uri);
    if (!ref) return { error: `not a libvirt object URI: ${uri}` };
    const connection = this.connections.find((candidate) => candidate.label === ref.connection);
    if (!connection) return { error: `no configured connection is labelled '${ref.connection}' (libvirtXml.connections)` };
    const state = connection.live.state;
    if (state.kind === 'failed') return { error: failureText(connection.setting.uri, state.failure) };
    // Dedupe by UUID may index it under an earlier connection's URI; find it by name.
    for (const object of connection.live.defined(ref.kind).values()) {
      if (nameOfDump(object.xml) === ref.name) return { text: object.xml };
    }
    return { error: `${connection.setting.uri} defines no ${ref.kind} named '${ref.name}'` };
  }

  /** Why a pool, volume or filter URI has no text: its connection, its storage or the object is not there. */
  private storageMissing(label: string, kind: 'pool' | 'volume' | 'nwfilter', name: string, pool: string | undefined): string {
    const connection = this.connections.find((candidate) => candidate.label === label);
    if (!connection) return `no configured connection is labelled '${label}' (libvirtXml.connections)`;
    const storage = connection.live.storage;
    if (storage.kind === 'failed') return failureText(connection.setting.uri, storage.failure);
    if (storage.kind === 'unread') return `${connection.setting.uri}: its pools, volumes and filters are not read yet`;
    const what = kind === 'volume' ? `volume named '${name}' in pool '${pool ?? ''}'` : `${kind === 'pool' ? 'pool' : 'network filter'} named '${name}'`;
    return `${connection.setting.uri} defines no ${what}`;
  }

  /** Each connection with the objects it is the first to give, in the configured order (as the index holds them). */
  views(): ConnectionView[] {
    const seenUuids = new Set<string>();
    const seenStorage = new Set<string>();
    return this.connections.map(({ setting, label, live }) => {
      const objectsOf = (kind: ObjectKind): HostObject[] =>
        objectEntries(kind, [{ label, objects: live.defined(kind).values() }], seenUuids).map(({ uri, uuid, name, state }) => ({ uri, uuid, name, state }));
      const storage = live.storage;
      const entries = storage.kind === 'read' ? storageEntries(label, storage.objects, seenStorage) : [];
      const pools = entries
        .filter((entry) => entry.kind === 'pool')
        .map((pool) => ({ pool, volumes: entries.filter((entry) => entry.kind === 'volume' && entry.pool === pool.name) }));
      return {
        setting,
        label,
        target: live.target,
        state: live.state,
        objects: { network: objectsOf('network'), domain: objectsOf('domain') },
        storage: { pools, filters: entries.filter((entry) => entry.kind === 'nwfilter') },
        storageFailure: storage.kind === 'failed' ? failureText(setting.uri, storage.failure) : undefined,
      };
    });
  }

  /** The connection a `libvirt:` URI names, and the object it names there (by its last reading), if any. */
  locate(uri: string): { view: ConnectionView; object?: HostObject } | undefined {
    const ref = parseLibvirtObjectUri(uri);
    const view = ref && this.views().find((candidate) => candidate.label === ref.connection);
    if (!ref || !view) return undefined;
    // Not in this connection's list when an earlier connection gave the same UUID: found by name.
    const object =
      view.objects[ref.kind].find((candidate) => candidate.name === ref.name) ??
      [
        ...(this.connections
          .find((c) => c.label === view.label)
          ?.live.defined(ref.kind)
          .values() ?? []),
      ]
        .filter((candidate) => nameOfDump(candidate.xml) === ref.name)
        .map((candidate) => ({ uri, uuid: candidate.uuid, name: ref.name, state: candidate.state }))[0];
    return { view, object };
  }

  /** Reads a connection's objects of a kind again now (after a define), and resolves when the index holds them. */
  async reread(label: string, kind: ObjectKind): Promise<void> {
    await this.connections.find((connection) => connection.label === label)?.live.reread(kind);
    await this.settled();
  }

  /** An open `libvirt:` document was closed: the index holds the connection's copy again (or nothing). */
  restore(uri: string): void {
    const xml = this.indexed.get(uri);
    const change = xml === undefined ? this.index.remove(uri) : this.index.updateClosed(parseLibvirtDocument(uri, xml), this.index.originOf(uri));
    if (!touchesNoName(change)) this.listener.indexChanged(change, false, []);
  }

  /** One line per connection: "qemu:///system: 3 networks, 12 domains" or why it could not be read. */
  summary(): string[] {
    return this.connections.map(({ setting, live }) => {
      const state = live.state;
      if (state.kind === 'failed') return failureText(setting.uri, state.failure);
      if (state.kind === 'loading') return `${setting.uri}: reading`;
      const storage = live.storage.kind === 'read' ? `, ${live.storage.objects.pools.length} pools, ${live.storage.objects.filters.length} filters` : '';
      return `${setting.uri}: ${live.defined('network').size} networks, ${live.defined('domain').size} domains${storage}`;
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const connection of this.connections) connection.live.dispose();
    this.connections = [];
  }

  /** Brings the index in step with the connections' objects of a kind; one pass at a time, again if asked meanwhile. */
  private refresh(kind: ObjectKind): void {
    if (this.refreshing.has(kind)) {
      this.refreshAgain.add(kind);
      return;
    }
    const pass = (async () => {
      do {
        this.refreshAgain.delete(kind);
        await this.applyDefinitions(kind);
      } while (this.refreshAgain.has(kind) && !this.disposed);
    })().finally(() => {
      this.refreshing.delete(kind);
      if (!this.disposed) this.listener.hostChanged();
    });
    this.refreshing.set(kind, pass);
  }

  /** Resolves when no refresh is pending (the index holds what was read). */
  private async settled(): Promise<void> {
    while (this.refreshing.size > 0) await Promise.all(this.refreshing.values());
  }

  /**
   * Makes the index hold exactly what the connections define now, touching only what changed.
   * Parsing a thousand domains takes a while: it goes in slices of a few milliseconds, between
   * which the server answers requests.
   */
  private async applyDefinitions(kind: ObjectKind): Promise<void> {
    const connections = this.connections.map(({ label, live }) => ({ label, objects: live.defined(kind).values() }));
    const wanted = new Map(objectEntries(kind, connections).map((entry) => [entry.uri, entry.xml]));
    const changed = noChangedNames();
    const changedUris: string[] = [];
    for (const [uri] of this.indexed) {
      // By the URI's kind, not a substring: a pool named 'network' puts `/network/` in its volumes' URIs.
      if (parseLibvirtObjectUri(uri)?.kind !== kind || wanted.has(uri)) continue;
      this.indexed.delete(uri);
      changedUris.push(uri);
      if (this.listener.isOpen(uri)) continue; // the editor's text stays indexed; restore() follows the close
      addChangedNames(changed, this.index.remove(uri));
    }
    let sliceStart = performance.now();
    for (const [uri, xml] of wanted) {
      if (this.indexed.get(uri) === xml) continue;
      if (performance.now() - sliceStart >= sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        if (this.disposed) return;
        sliceStart = performance.now();
      }
      this.indexed.set(uri, xml);
      changedUris.push(uri);
      if (this.listener.isOpen(uri)) continue;
      const origin = this.index.originOf(uri);
      addChangedNames(changed, this.index.updateClosed(parseLibvirtDocument(uri, xml), origin));
    }
    if (changedUris.length > 0) this.listener.indexChanged(changed, kind === 'domain', changedUris);
  }

  private stateChanged(setting: ConnectionSetting, state: ConnectionState): void {
    const before = this.index.unreadableSources();
    this.index.setUnreadableSources(this.unreadable());
    if (state.kind === 'ready') {
      if (this.said.delete(setting.uri)) this.listener.log(`${setting.uri}: connected again`);
      else this.listener.log(`${setting.uri}: connected`);
    } else if (state.kind === 'failed') {
      const text = failureText(setting.uri, state.failure);
      if (this.said.get(setting.uri) !== text) {
        this.said.set(setting.uri, text);
        this.listener.log(text);
        if (isWorthSaying(setting.explicit, state.failure)) this.listener.warn(text);
      }
    }
    if (JSON.stringify(before) !== JSON.stringify(this.index.unreadableSources())) this.listener.indexChanged(noChangedNames(), false, []);
    this.applyStorage(); // a default connection whose daemon is gone defines no pools or filters
    this.listener.hostChanged(setting.uri);
  }

  /**
   * Connections that could not be read and never were: a network missing from the index may be
   * defined there. A default connection whose daemon is not running is not one (no daemon, no
   * networks of it); neither is one that was read before and is reconnecting (its last reading stays).
   */
  private unreadable(): UnreadableSource[] {
    return this.connections.flatMap(({ setting, live }) => {
      const state = live.state;
      if (state.kind !== 'failed' || state.loaded || !isWorthSaying(setting.explicit, state.failure)) return [];
      return [unreadableSource(setting.uri, state.failure)];
    });
  }
}

function uniqueByUri(settings: readonly ConnectionSetting[]): ConnectionSetting[] {
  const seen = new Set<string>();
  return settings.filter((setting) => !seen.has(setting.uri) && (seen.add(setting.uri), true));
}

function sameSetting(a: ConnectionSetting, b: ConnectionSetting): boolean {
  return a.uri === b.uri && a.explicit === b.explicit;
}
