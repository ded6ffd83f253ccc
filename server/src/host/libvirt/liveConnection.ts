import type { ConnectionFailure } from './connectionFailure';
import { readDefinedObjects, type DefinedObject, type ObjectKind } from './connectionReader';
import { readStorageAndFilters, type StorageAndFilters } from './storageAndFilterReader';
import { eventCommands, VirshEventStream } from './virshEventStream';
import type { VirshTarget } from './virshProcess';

export type ConnectionState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready' }
  /** Could not be read; `loaded` tells whether what it held before is still there (kept while it reconnects). */
  | { readonly kind: 'failed'; readonly failure: ConnectionFailure; readonly loaded: boolean };

/** What is read as a whole: networks, domains, and storage (pools, their volumes and the network filters). */
type ReadKind = ObjectKind | 'storage';

/** The storage and filters as last read, or why they could not be (the connection itself may be fine). */
export type StorageState =
  | { readonly kind: 'unread' }
  | { readonly kind: 'read'; readonly objects: StorageAndFilters }
  | { readonly kind: 'failed'; readonly failure: ConnectionFailure };

export interface ConnectionListener {
  /** The objects of this kind were read again (some may be unchanged); `storage`: pools, volumes and filters (or their failure). */
  objectsChanged(kind: ReadKind): void;
  stateChanged(state: ConnectionState): void;
}

/** Events often come in bursts (a define, then a start): one re-read for the burst. */
const eventSettleMs = 40;
const firstRetryMs = 250;
const maxRetryMs = 15_000;

/**
 * One libvirt connection, kept fresh: its networks and domains read with virsh, read again on
 * libvirt's lifecycle events, and read again after the daemon comes back (retrying with back-off).
 * Networks are read first; domains after them, in the background: nothing waits for domains.
 *
 * Storage pools, their volumes and the network filters are read after the networks, and again:
 * - on each of libvirt's storage pool events (lifecycle: defined, undefined, started, stopped,
 *   built, deleted; and refresh): all pools, volumes and filters are read again;
 * - when the connection is established again (the event loops end after loopSeconds, or the
 *   daemon went away), as everything is;
 * - when asked: `rereadStorage` (the Libvirt view's Refresh), or `rereadStorageIfStale` (a domain
 *   was checked and names a volume or filter no one defines), at most once per staleStorageMs.
 * libvirt 9.0 has no volume events (a `vol-create` or `vol-delete` says nothing; only a pool's
 * refresh does) and no network filter events at all (no virConnectNWFilterEventRegisterAny;
 * virsh has no nwfilter-event): those are why the last two exist. No timer polls.
 */
export class LiveConnection {
  private readonly objects: Record<ObjectKind, ReadonlyMap<string, DefinedObject>> = { network: new Map(), domain: new Map() };
  private storageRead: StorageState = { kind: 'unread' };
  /** When the last storage read started (Date.now()), for rereadStorageIfStale. */
  private storageReadAt = 0;
  private readonly streams: VirshEventStream[] = [];
  private readonly rereadTimers = new Map<ReadKind, NodeJS.Timeout>();
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = firstRetryMs;
  private loaded = false;
  private disposed = false;
  private current: ConnectionState = { kind: 'loading' };
  /** Serializes reads of one kind: a read asked for while one runs runs once after it. */
  private readonly reading = new Map<ReadKind, Promise<void>>();
  private readonly readAgain = new Set<ReadKind>();

  constructor(
    readonly target: VirshTarget,
    private readonly listener: ConnectionListener,
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** The objects of a kind as last read, by UUID. */
  defined(kind: ObjectKind): ReadonlyMap<string, DefinedObject> {
    return this.objects[kind];
  }

  /** The pools, volumes and filters as last read (or why not). */
  get storage(): StorageState {
    return this.storageRead;
  }

  /** Subscribes to events first (so nothing defined meanwhile is missed), then reads. Resolves when the networks and the storage are read. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Reads the objects of a kind again now (a define was done); resolves when read. Returns whether it worked. */
  reread(kind: ObjectKind): Promise<boolean> {
    return this.read(kind);
  }

  /** Reads the pools, volumes and filters again now (the user asked); resolves when read. */
  async rereadStorage(): Promise<void> {
    if (this.current.kind === 'ready') await this.read('storage');
  }

  /**
   * Reads the pools, volumes and filters again unless they were read less than `minAgeMs` ago:
   * a domain names one no one defines, and libvirt says nothing when a volume or filter is
   * defined. Returns whether a read was started.
   */
  rereadStorageIfStale(minAgeMs: number, now = Date.now()): boolean {
    if (this.disposed || this.current.kind !== 'ready' || now - this.storageReadAt < minAgeMs) return false;
    void this.read('storage');
    return true;
  }

  dispose(): void {
    this.disposed = true;
    this.stopStreams();
    for (const timer of this.rereadTimers.values()) clearTimeout(timer);
    clearTimeout(this.retryTimer);
  }

  private async connect(): Promise<void> {
    this.stopStreams();
    this.follow(eventCommands.network, 'network', () => this.lost());
    this.follow(eventCommands.domain, 'domain', () => this.lost());
    // A pool loop that ends is not the daemon going away (the network loop tells that): a daemon
    // without a storage driver refuses pool events at once. The next connect starts it again.
    this.follow(eventCommands.poolLifecycle, 'storage', () => undefined);
    this.follow(eventCommands.poolRefresh, 'storage', () => undefined);
    const ok = await this.read('network');
    if (!ok) return;
    void this.read('domain');
    await this.read('storage');
  }

  private follow(command: string, kind: ReadKind, ended: () => void): void {
    const stream = new VirshEventStream(this.target, command, () => this.scheduleReread(kind), ended);
    this.streams.push(stream);
    stream.start();
  }

  /** Reads one kind; on failure, the state says why and a retry is scheduled. Returns whether it worked. */
  private async read(kind: ReadKind): Promise<boolean> {
    const running = this.reading.get(kind);
    if (running) {
      this.readAgain.add(kind);
      await running;
      return this.current.kind !== 'failed';
    }
    let ok = false;
    const work = (async () => {
      do {
        this.readAgain.delete(kind);
        if (kind === 'storage') {
          ok = await this.readStorage();
          continue;
        }
        const result = await readDefinedObjects(this.target, kind);
        if (this.disposed) return;
        if (!result.ok) {
          this.fail(result.failure);
          return;
        }
        this.objects[kind] = new Map(result.objects.map((object) => [object.uuid, object]));
        ok = true;
        if (kind === 'network') this.loaded = true;
        this.retryMs = firstRetryMs;
        if (this.current.kind !== 'ready') this.setState({ kind: 'ready' });
        this.listener.objectsChanged(kind);
      } while (this.readAgain.has(kind) && !this.disposed);
    })();
    this.reading.set(kind, work);
    try {
      await work;
    } finally {
      this.reading.delete(kind);
    }
    return ok;
  }

  /**
   * The pools, volumes and filters. A failure is theirs alone (a driver without storage, a
   * refused list): the connection's networks and domains stand; they stay unread until the
   * next event, request or reconnection.
   */
  private async readStorage(): Promise<boolean> {
    this.storageReadAt = Date.now();
    const result = await readStorageAndFilters(this.target);
    if (this.disposed) return false;
    this.storageRead = result.ok ? { kind: 'read', objects: result.objects } : { kind: 'failed', failure: result.failure };
    this.listener.objectsChanged('storage');
    return result.ok;
  }

  private scheduleReread(kind: ReadKind): void {
    if (this.disposed || this.rereadTimers.has(kind)) return;
    this.rereadTimers.set(
      kind,
      setTimeout(() => {
        this.rereadTimers.delete(kind);
        void this.read(kind);
      }, eventSettleMs),
    );
  }

  /** An event stream ended: the daemon went away (or never answered). Reconnect with back-off. */
  private lost(): void {
    if (this.disposed || this.retryTimer) return;
    this.stopStreams();
    this.scheduleRetry();
  }

  private fail(failure: ConnectionFailure): void {
    this.setState({ kind: 'failed', failure, loaded: this.loaded });
    this.stopStreams();
    if (failure.kind !== 'no-virsh') this.scheduleRetry(); // installing virsh takes a reload anyway
  }

  private scheduleRetry(): void {
    if (this.disposed || this.retryTimer) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, maxRetryMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }

  private stopStreams(): void {
    for (const stream of this.streams.splice(0)) stream.stop();
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.listener.stateChanged(state);
  }
}
