import { indexedFileOfInSlices, isIndexedFile, type IndexedFile } from '../model/indexedFile';
import { isLibvirtDocument, type LibvirtDocument } from '../model/libvirtDocument';
import type { Domain, FilterRef, Network, NetworkFilter, PortGroup, StoragePool, StorageVolume, Tag, VolumeDisk } from '../model/libvirtModel';
import type { ModelledFile } from '../model/modelledFile';
import { closestNames } from '../util/closestNames';
import { connectionOriginOf, originRank, workspaceOrigin, type DefinitionOrigin, type IndexedConnection, type UnreadableSource } from './definitionOrigin';
import { MultiMap } from '../util/multiMap';
import { StringTable } from '../util/stringTable';
import { runToEnd, type SlicedWork } from '../util/slicedWork';
import { detachedString } from '../util/detachedString';
import { digestOf } from '../util/textDigest';
import { networkEditScope, type NetworkEditScope } from './networkEditScope';
import { poolOfVolume } from './volumePool';
import { KeptInterfaceUse, type InterfaceUse } from './interfaceUse';

export type { InterfaceUse } from './interfaceUse';

export interface NetworkDefinition {
  readonly uri: string;
  readonly network: Network;
  readonly origin: DefinitionOrigin;
}

export interface PoolDefinition {
  readonly uri: string;
  readonly pool: StoragePool;
  readonly origin: DefinitionOrigin;
}

export interface VolumeDefinition {
  readonly uri: string;
  readonly volume: StorageVolume;
  /** The pool it belongs to (see poolOfVolume). */
  readonly poolName: string;
  readonly origin: DefinitionOrigin;
}

export interface FilterDefinition {
  readonly uri: string;
  readonly filter: NetworkFilter;
  readonly origin: DefinitionOrigin;
}

/** A `<disk type='volume'>` naming a pool. */
export interface VolumeDiskUse {
  readonly uri: string;
  readonly domain: Domain;
  readonly disk: VolumeDisk;
}

/** A `<filterref>`: on a domain's interface, or inside another filter (a chain). */
export interface FilterRefUse {
  readonly uri: string;
  readonly ref: FilterRef;
  /** The domain or filter that holds it. */
  readonly owner: Domain | NetworkFilter;
}

export type TagOwnerKind = 'interface' | 'network' | 'portgroup';

export interface TagUse {
  readonly uri: string;
  readonly tag: Tag;
  readonly owner: TagOwnerKind;
  /** The network, portgroup or domain name the tag sits on, for display. */
  readonly ownerName: string | undefined;
}

/** What one call of `update` or `remove` changed, so callers can refresh only its dependants. */
export interface IndexChange {
  /** Network names whose definitions were added, changed or removed. */
  readonly networkNames: ReadonlySet<string>;
  /** Pool names whose pool or volumes were added, changed or removed. */
  readonly poolNames: ReadonlySet<string>;
  /** Filter names whose definitions were added, changed or removed. */
  readonly filterNames: ReadonlySet<string>;
  /**
   * Of networkNames, those whose document was edited in a way that cannot change every interface
   * using it (see networkEditScope): only the interfaces it touches need checking again.
   */
  readonly networkEdits?: ReadonlyMap<string, NetworkEditScope>;
}

/** A file as the index holds it: whole when it is open, else as an indexed file's record. */
export type IndexedDocument = LibvirtDocument | IndexedFile;

/**
 * Every indexed libvirt document, with lookups kept up to date incrementally: replacing one
 * document only withdraws what that document contributed and adds what it now contributes.
 * Several files may define the same network name; all of them are kept (a finding, not a crash).
 */
export class WorkspaceIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  private readonly fileOf = (uri: string): IndexedDocument | undefined => this.documents.get(uri);
  /** Origins other than the workspace's, given to update (a `libvirt:` URI implies its connection). */
  private readonly origins = new Map<string, DefinitionOrigin>();
  private connectionList: readonly IndexedConnection[] = [];
  private unreadable: readonly UnreadableSource[] = [];
  /** The digest of each network file's text as last read from disk. */
  private readonly savedDigests = new Map<string, number>();
  /**
   * Open network documents with unsaved edits (their text is not the file's, or there is no
   * file): these come first. An open document as saved ranks as its file does, so opening the
   * shadowed copy to look at it does not make it win.
   */
  private readonly unsaved = new Set<string>();
  /** Labels of the connections whose pools, volumes and filters the index holds (read, not failed). */
  private storageAndFilterReaders: ReadonlySet<string> = new Set();
  private listedPools: ReadonlySet<string> = new Set();
  /**
   * The short strings of the indexed files' records, one copy each (names and values repeat
   * across thousands of files). Bounded, so hostile input cannot grow it forever.
   */
  private readonly strings = new StringTable(50_000);
  private readonly networkDefinitions = new MultiMap<string, string>(); // network name → uris
  private readonly networkReferences = new MultiMap<string, string>(); // network name → domain uris
  private readonly tagDefinitions = new MultiMap<string, string>(); // tag name → uris
  private readonly poolDefinitions = new MultiMap<string, string>(); // pool name → uris
  private readonly volumeDefinitions = new MultiMap<string, string>(); // pool name → volume uris
  private readonly filterDefinitions = new MultiMap<string, string>(); // filter name → uris
  private readonly poolReferences = new MultiMap<string, string>(); // pool name → domain uris
  private readonly filterReferences = new MultiMap<string, string>(); // filter name → domain and filter uris
  /**
   * Each indexed document's tag names, as tagUses gave them when it was added. Names, not the
   * uses: a use holds its element, and through it the whole model of a closed file, which the
   * file's record holds packed (see indexedFile.ts).
   */
  private readonly tagNamesByUri = new Map<string, readonly string[]>();
  /*
   * Answers kept until what they depend on changes (completion and hover ask for them on every
   * request; a large workspace makes them costly). Each is dropped by contribute and withdraw,
   * the only places the index changes, for exactly the names a document adds or withdraws.
   */
  private sortedNetworkNames: string[] | undefined;
  private sortedTagNames: string[] | undefined;
  private readonly usesByNetwork = new Map<string, InterfaceUse[]>();
  private readonly usesByTag = new Map<string, TagUse[]>();
  private readonly closestNetworks = new Map<string, string[]>();
  /**
   * Network names whose last definition an update withdrew, until it ends: an edit of a network
   * withdraws its name and adds it back, which leaves the set of names (and the answers that
   * depend only on it) as it was. Dropping them on every edit made each of 1,000 re-published
   * domains with a misspelled network compute its suggestions against every name again (issue 19:
   * most of a fan-out's time, growing with the workspace).
   */
  private readonly withdrawnNames = new Set<string>();
  /**
   * The record of each closed file an open document of the same URI displaced, taken back when the
   * document closes with the file as it was (shelvedRecord). A record made anew would be allocated
   * among the open document's garbage and keep its pages (issue 19: closing 1,000 domains left
   * 100 MB more than before they were opened); taken back, the garbage is alone and goes.
   */
  private readonly shelved = new Map<string, IndexedFile>();
  private definitionChanges = 0;

  get size(): number {
    return this.documents.size;
  }

  get(uri: string): IndexedDocument | undefined {
    return this.documents.get(uri);
  }

  /**
   * Grows with every change of what a domain's interfaces resolve against: the definitions
   * (networks, pools, volumes, filters, network ports: any document but a domain), their origins,
   * the connections and what could not be read. A domain's own edit leaves it as it was, so the
   * resolution of its unchanged interfaces can be kept (see interfaceResults.ts).
   */
  get definitionsGeneration(): number {
    return this.definitionChanges;
  }

  uris(): IterableIterator<string> {
    return this.documents.keys();
  }

  /** The libvirt connections feeding the index, in order of precedence. */
  setConnections(connections: readonly IndexedConnection[]): void {
    this.definitionChanges++;
    this.connectionList = [...connections];
  }

  connections(): readonly IndexedConnection[] {
    return this.connectionList;
  }

  /** Sources that could not be read: a name the index lacks may be defined there. */
  setUnreadableSources(sources: readonly UnreadableSource[]): void {
    this.definitionChanges++;
    this.unreadable = [...sources];
  }

  unreadableSources(): readonly UnreadableSource[] {
    return this.unreadable;
  }

  /** The connections whose pools, volumes and filters were read into the index (by label). */
  setStorageAndFilterReaders(labels: Iterable<string>): void {
    this.definitionChanges++;
    this.storageAndFilterReaders = new Set(labels);
  }

  /**
   * The connection pools (by URI) whose volumes were listed: active when read (libvirt lists no
   * volumes of an inactive pool). A volume missing from such a pool is missing even when the pool
   * has none; a pool nothing lists proves nothing (see storageRules).
   */
  setListedPools(poolUris: Iterable<string>): void {
    this.definitionChanges++;
    this.listedPools = new Set(poolUris);
  }

  /** Whether a connection listed this pool's volumes (possibly none). */
  volumesListed(poolUri: string): boolean {
    return this.listedPools.has(poolUri);
  }

  /** Connections whose pools, volumes and filters the index does not hold: a name missing here may be defined there. */
  connectionsWithoutStorageAndFilters(): readonly IndexedConnection[] {
    return this.connectionList.filter((connection) => !this.storageAndFilterReaders.has(connection.label));
  }

  /** Where an indexed document comes from (the workspace unless update was told otherwise). */
  originOf(uri: string): DefinitionOrigin {
    return connectionOriginOf(uri, this.connectionList) ?? this.origins.get(uri) ?? workspaceOrigin;
  }

  /**
   * Adds or replaces a document. Documents that are not libvirt objects are not kept. Without
   * `origin`, a document keeps the origin it was indexed with (a file of a configured folder
   * opened in the editor is still that folder's), else it is the workspace's.
   */
  update(document: IndexedDocument, givenOrigin?: DefinitionOrigin): IndexChange {
    try {
      return this.replace(document, givenOrigin);
    } finally {
      this.settleNameSet();
    }
  }

  private replace(document: IndexedDocument, givenOrigin?: DefinitionOrigin): IndexChange {
    const origin = givenOrigin ?? this.origins.get(document.uri) ?? workspaceOrigin;
    const previous = this.documents.get(document.uri);
    const ranked = { origin: JSON.stringify(this.originOf(document.uri)), unsaved: this.unsaved.has(document.uri) };
    if (isIndexedFile(document)) this.shelved.delete(document.uri);
    else if (previous && isIndexedFile(previous)) this.shelved.set(document.uri, previous);
    const before = this.withdraw(document.uri);
    this.noteSavedState(document);
    if (document.object === undefined) return before;
    this.documents.set(document.uri, document);
    if (origin.kind !== 'workspace') this.origins.set(document.uri, origin);
    const after = this.contribute(document);
    const change = mergeChanges(before, after);
    const name = document.object.kind === 'network' ? document.object.name?.value : undefined;
    if (!previous || name === undefined) return change;
    // An edit that may make another definition of the name win (see networks) touches every user.
    const rankKept = ranked.origin === JSON.stringify(this.originOf(document.uri)) && ranked.unsaved === this.unsaved.has(document.uri);
    const scope = rankKept || [...this.networkDefinitions.get(name)].length === 1 ? networkEditScope(previous, document) : undefined;
    return scope ? { ...change, networkEdits: new Map([[name, scope]]) } : change;
  }

  /**
   * Adds or replaces a file that is not open (read from disk): the index keeps its record (see
   * IndexedFile), not its text and tree.
   */
  updateClosed(document: LibvirtDocument, origin: DefinitionOrigin = workspaceOrigin): IndexChange {
    return runToEnd(this.updateClosedInSlices(document, origin));
  }

  /**
   * updateClosed in slices (see SlicedWork): the record of a large file is made while the server
   * answers requests; the index changes at once, in the last slice.
   */
  *updateClosedInSlices(document: LibvirtDocument, origin: DefinitionOrigin = workspaceOrigin): SlicedWork<IndexChange> {
    if (document.object === undefined) {
      const change = this.withdraw(document.uri);
      this.settleNameSet();
      return change;
    }
    const file = yield* indexedFileOfInSlices(document, this.strings);
    return this.update(file, origin);
  }

  remove(uri: string): IndexChange {
    this.shelved.delete(uri);
    this.savedDigests.delete(uri);
    this.unsaved.delete(uri);
    const change = this.withdraw(uri);
    this.settleNameSet();
    return change;
  }

  /**
   * The record of a closed file an open document displaced, when the file's text has this digest
   * (it is what the record was made from): to give back to update when the document closes.
   */
  shelvedRecord(uri: string, digest: number): IndexedFile | undefined {
    const record = this.shelved.get(uri);
    return record?.digest === digest ? record : undefined;
  }

  /** Whether a network document has unsaved edits, against the digest of the file as last read. */
  private noteSavedState(document: IndexedDocument): void {
    const { uri } = document;
    if (document.object?.kind !== 'network') {
      this.unsaved.delete(uri);
      return;
    }
    if (!isLibvirtDocument(document)) {
      this.savedDigests.set(uri, document.digest);
      this.unsaved.delete(uri);
    } else if (document.version === 0) {
      this.savedDigests.set(uri, digestOf(document.xml.text));
      this.unsaved.delete(uri);
    } else if (this.savedDigests.get(uri) === digestOf(document.xml.text)) {
      this.unsaved.delete(uri);
    } else {
      this.unsaved.add(uri);
    }
  }

  /**
   * Every definition of a network name, the one references resolve to first: by origin (open
   * documents, the workspace's files, the configured network folders, the connections in order,
   * the host's folders; see originRank), then by URI.
   */
  networks(name: string): NetworkDefinition[] {
    const result: { definition: NetworkDefinition; rank: number }[] = [];
    for (const uri of this.networkDefinitions.get(name)) {
      const object = this.documents.get(uri)?.object;
      if (object?.kind !== 'network' || object.name?.value !== name) continue;
      const origin = this.originOf(uri);
      result.push({ definition: { uri, network: object, origin }, rank: originRank(origin, this.connectionList, this.unsaved.has(uri)) });
    }
    result.sort((a, b) => a.rank - b.rank || (a.definition.uri < b.definition.uri ? -1 : a.definition.uri > b.definition.uri ? 1 : 0));
    return result.map((entry) => entry.definition);
  }

  /** The definition a reference resolves to: the first of networks(name). */
  network(name: string): NetworkDefinition | undefined {
    return this.networks(name)[0];
  }

  networkNames(): string[] {
    this.sortedNetworkNames ??= [...this.networkDefinitions.keys()].sort();
    return [...this.sortedNetworkNames];
  }

  /**
   * closestNames(written, networkNames()), kept until the set of network names changes: every
   * domain that names an unknown network asks it again on each validation.
   */
  closestNetworkNames(written: string): string[] {
    if (this.closestNetworks.size >= 1000) this.closestNetworks.clear();
    let names = this.closestNetworks.get(written);
    if (!names) this.closestNetworks.set(detachedString(written), (names = closestNames(written, this.networkNames())));
    return [...names];
  }

  /** Every definition of a pool name, the one references resolve to first (as networks). */
  pools(name: string): PoolDefinition[] {
    return this.ranked(this.poolDefinitions.get(name), (uri, object) =>
      object.kind === 'pool' && object.name?.value === name ? { uri, pool: object, origin: this.originOf(uri) } : undefined,
    );
  }

  pool(name: string): PoolDefinition | undefined {
    return this.pools(name)[0];
  }

  poolNames(): string[] {
    return [...this.poolDefinitions.keys()].sort();
  }

  /** The volumes of a pool, one per name (the first by precedence), sorted by name. */
  volumes(poolName: string): VolumeDefinition[] {
    const all = this.ranked(this.volumeDefinitions.get(poolName), (uri, object) =>
      object.kind === 'volume' && object.name ? { uri, volume: object, poolName, origin: this.originOf(uri) } : undefined,
    );
    const byName = new Map<string, VolumeDefinition>();
    for (const definition of all) {
      const name = definition.volume.name?.value ?? '';
      if (!byName.has(name)) byName.set(name, definition);
    }
    return [...byName.values()].sort((a, b) => ((a.volume.name?.value ?? '') < (b.volume.name?.value ?? '') ? -1 : 1));
  }

  volume(poolName: string, volumeName: string): VolumeDefinition | undefined {
    return this.volumes(poolName).find((definition) => definition.volume.name?.value === volumeName);
  }

  /** Every definition of a filter name, the one references resolve to first (as networks). */
  filters(name: string): FilterDefinition[] {
    return this.ranked(this.filterDefinitions.get(name), (uri, object) =>
      object.kind === 'filter' && object.name?.value === name ? { uri, filter: object, origin: this.originOf(uri) } : undefined,
    );
  }

  filter(name: string): FilterDefinition | undefined {
    return this.filters(name)[0];
  }

  filterNames(): string[] {
    return [...this.filterDefinitions.keys()].sort();
  }

  /** Every `<disk type='volume'>` naming this pool (and this volume, when given). */
  volumeDisksUsing(poolName: string, volumeName?: string): VolumeDiskUse[] {
    const uses: VolumeDiskUse[] = [];
    for (const uri of [...this.poolReferences.get(poolName)].sort()) {
      const domain = this.documents.get(uri)?.object;
      if (domain?.kind !== 'domain') continue;
      for (const disk of domain.volumeDisks) {
        if (disk.pool?.value !== poolName) continue;
        if (volumeName === undefined || disk.volume?.value === volumeName) uses.push({ uri, domain, disk });
      }
    }
    return uses;
  }

  /** Every `<filterref>` naming this filter: on interfaces and in other filters. */
  filterRefsTo(filterName: string): FilterRefUse[] {
    const uses: FilterRefUse[] = [];
    for (const uri of [...this.filterReferences.get(filterName)].sort()) {
      const owner = this.documents.get(uri)?.object;
      if (owner?.kind !== 'domain' && owner?.kind !== 'filter') continue;
      for (const ref of filterRefsOf(owner)) if (ref.filter?.value === filterName) uses.push({ uri, ref, owner });
    }
    return uses;
  }

  /**
   * URIs of the documents whose findings depend on these pools (the domains naming them) and
   * filters (every document naming any filter: a chain may pass through the changed one).
   */
  storageAndFilterDependants({ poolNames, filterNames }: Pick<IndexChange, 'poolNames' | 'filterNames'>): Set<string> {
    const uris = new Set<string>();
    for (const name of poolNames) for (const uri of this.poolReferences.get(name)) uris.add(uri);
    if (filterNames.size > 0) for (const name of this.filterReferences.keys()) for (const uri of this.filterReferences.get(name)) uris.add(uri);
    return uris;
  }

  /** The definitions among these URIs that pick gives, by origin and then URI (see networks). */
  private ranked<T extends { readonly uri: string; readonly origin: DefinitionOrigin }>(
    uris: Iterable<string>,
    pick: (uri: string, object: NonNullable<IndexedDocument['object']>) => T | undefined,
  ): T[] {
    const result: { definition: T; rank: number }[] = [];
    for (const uri of uris) {
      const document = this.documents.get(uri);
      const definition = document?.object && pick(uri, document.object);
      if (!document || !definition) continue;
      const open = isLibvirtDocument(document) && document.version > 0;
      result.push({ definition, rank: originRank(definition.origin, this.connectionList, open) });
    }
    result.sort((a, b) => a.rank - b.rank || (a.definition.uri < b.definition.uri ? -1 : a.definition.uri > b.definition.uri ? 1 : 0));
    return result.map((entry) => entry.definition);
  }

  portGroups(networkName: string): readonly PortGroup[] {
    return this.network(networkName)?.network.portGroups ?? [];
  }

  /** Every interface in the workspace whose `<source network>` names this network. */
  interfacesUsing(networkName: string, portGroupName?: string): InterfaceUse[] {
    let all = this.usesByNetwork.get(networkName);
    if (!all) {
      all = [];
      for (const uri of [...this.networkReferences.get(networkName)].sort()) {
        const domain = this.documents.get(uri)?.object;
        if (domain?.kind !== 'domain') continue;
        for (const [position, iface] of domain.interfaces.entries()) {
          if (iface.source?.attributes.get('network')?.value === networkName) all.push(new KeptInterfaceUse(uri, domain, position, this.fileOf));
        }
      }
      this.usesByNetwork.set(detachedString(networkName), all);
    }
    if (portGroupName === undefined) return [...all];
    return all.filter((use) => use.portGroup === portGroupName);
  }

  /** URIs of the domains that refer to any of these network names. */
  dependants(networkNames: Iterable<string>): Set<string> {
    const uris = new Set<string>();
    for (const name of networkNames) for (const uri of this.networkReferences.get(name)) uris.add(uri);
    return uris;
  }

  /** Every tag name with each place it is defined. */
  tags(): Map<string, TagUse[]> {
    const result = new Map<string, TagUse[]>();
    const usesOf = new Map<string, TagUse[]>();
    this.sortedTagNames ??= [...this.tagDefinitions.keys()].sort();
    for (const name of this.sortedTagNames) {
      let uses = this.usesByTag.get(name);
      if (!uses) {
        uses = [];
        for (const uri of [...this.tagDefinitions.get(name)].sort()) {
          let ofDocument = usesOf.get(uri);
          if (!ofDocument) usesOf.set(uri, (ofDocument = this.tagUsesOf(uri)));
          for (const use of ofDocument) if (use.tag.name?.value === name) uses.push(use);
        }
        this.usesByTag.set(name, uses);
      }
      result.set(name, [...uses]);
    }
    return result;
  }

  /** tagUses of an indexed document. */
  private tagUsesOf(uri: string): TagUse[] {
    const document = this.documents.get(uri);
    return document ? tagUses(uri, document) : [];
  }

  private contribute(document: IndexedDocument): IndexChange {
    const names = tagUses(document.uri, document).flatMap((use) => (use.tag.name ? [keyOf(document)(use.tag.name.value)] : []));
    if (names.length > 0) this.tagNamesByUri.set(document.uri, names);
    return this.applyContributions(document, names, 'add');
  }

  private withdraw(uri: string): IndexChange {
    const document = this.documents.get(uri);
    if (!document) return { networkNames: new Set(), poolNames: new Set(), filterNames: new Set() };
    this.documents.delete(uri);
    this.origins.delete(uri);
    const names = this.tagNamesByUri.get(uri) ?? [];
    this.tagNamesByUri.delete(uri);
    return this.applyContributions(document, names, 'delete');
  }

  /**
   * Adds or withdraws what one document contributes to the lookups (its network name, the
   * networks its interfaces name, its tags), and drops exactly the kept answers that depend on it.
   */
  private applyContributions(document: IndexedDocument, tagNames: readonly string[], change: 'add' | 'delete'): IndexChange {
    const { uri, object } = document;
    const key = keyOf(document);
    const networkNames = new Set<string>();
    if (object?.kind !== 'domain') this.definitionChanges++;
    if (object?.kind === 'network' && object.name) {
      const name = object.name.value;
      const had = this.hasNetworkName(name);
      this.networkDefinitions[change](key(name), uri);
      networkNames.add(name);
      if (had !== this.hasNetworkName(name)) this.networkNameSetChanged(name, change);
    }
    if (object?.kind === 'domain') {
      for (const iface of object.interfaces) {
        const name = iface.source?.attributes.get('network')?.value;
        if (name === undefined) continue;
        this.networkReferences[change](key(name), uri);
        this.usesByNetwork.delete(name);
      }
    }
    for (const name of tagNames) {
      this.tagDefinitions[change](key(name), uri);
      this.usesByTag.delete(name);
      this.sortedTagNames = undefined;
    }
    return { networkNames, ...this.applyStorageAndFilters(document, change) };
  }

  private hasNetworkName(name: string): boolean {
    return !this.networkDefinitions.get(name)[Symbol.iterator]().next().done;
  }

  /** A name gained its first definition or lost its last: see withdrawnNames. */
  private networkNameSetChanged(name: string, change: 'add' | 'delete'): void {
    if (change === 'delete') this.withdrawnNames.add(name);
    else if (!this.withdrawnNames.delete(name)) this.dropNameAnswers();
  }

  /** At the end of an update: a name withdrawn and not added back changed the set of names. */
  private settleNameSet(): void {
    if (this.withdrawnNames.size === 0) return;
    this.withdrawnNames.clear();
    this.dropNameAnswers();
  }

  private dropNameAnswers(): void {
    this.sortedNetworkNames = undefined;
    this.closestNetworks.clear();
  }

  /** applyContributions for pools, volumes, filters and the references to them. */
  private applyStorageAndFilters(document: IndexedDocument, change: 'add' | 'delete'): Omit<IndexChange, 'networkNames'> {
    const { uri, object } = document;
    const key = keyOf(document);
    const poolNames = new Set<string>();
    const filterNames = new Set<string>();
    if (object?.kind === 'pool' && object.name) {
      this.poolDefinitions[change](key(object.name.value), uri);
      poolNames.add(object.name.value);
    }
    const volumePool = object?.kind === 'volume' ? poolOfVolume(uri) : undefined;
    if (volumePool !== undefined) {
      this.volumeDefinitions[change](volumePool, uri);
      poolNames.add(volumePool);
    }
    if (object?.kind === 'filter' && object.name) {
      this.filterDefinitions[change](key(object.name.value), uri);
      filterNames.add(object.name.value);
    }
    if (object?.kind === 'domain') for (const disk of object.volumeDisks) if (disk.pool) this.poolReferences[change](key(disk.pool.value), uri);
    for (const ref of object ? filterRefsOf(object) : []) if (ref.filter) this.filterReferences[change](key(ref.filter.value), uri);
    return { poolNames, filterNames };
  }
}

/**
 * How a document's names are stored as keys of the index's maps. A map keeps the first key it was
 * given for as long as the entry lives, which outlives the document when other files name it too:
 * an open document's names are views into its text (see detachedString) and are copied; a closed
 * file's record holds copies already.
 */
function keyOf(document: IndexedDocument): (name: string) => string {
  return isLibvirtDocument(document) ? detachedString : (name) => name;
}

/** Every RFC tag a document carries: on a network, its portgroups, or a domain's interfaces. */
export function tagUses(uri: string, document: ModelledFile): TagUse[] {
  const object = document.object;
  const uses: TagUse[] = [];
  if (object?.kind === 'network') {
    const networkName = object.name?.value;
    for (const tag of object.tags) uses.push({ uri, tag, owner: 'network', ownerName: networkName });
    for (const group of object.portGroups) {
      for (const tag of group.tags) uses.push({ uri, tag, owner: 'portgroup', ownerName: group.name?.value });
    }
  } else if (object?.kind === 'domain') {
    for (const iface of object.interfaces) {
      for (const tag of iface.tags) uses.push({ uri, tag, owner: 'interface', ownerName: object.name?.value });
    }
  }
  return uses;
}

function mergeChanges(a: IndexChange, b: IndexChange): IndexChange {
  return {
    networkNames: new Set([...a.networkNames, ...b.networkNames]),
    poolNames: new Set([...a.poolNames, ...b.poolNames]),
    filterNames: new Set([...a.filterNames, ...b.filterNames]),
  };
}

/** The `<filterref>`s of a domain's interfaces or of a filter. */
export function filterRefsOf(object: NonNullable<IndexedDocument['object']>): FilterRef[] {
  if (object.kind === 'domain') return object.interfaces.flatMap((iface) => (iface.filterRef ? [iface.filterRef] : []));
  if (object.kind === 'filter') return object.entries.flatMap((entry) => (entry.kind === 'filterref' ? [entry.ref] : []));
  return [];
}
