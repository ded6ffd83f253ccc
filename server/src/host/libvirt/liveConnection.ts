import type { ConnectionFailure } from './connectionFailure';
import { readDefinedObjects, type DefinedObject, type ObjectKind } from './connectionReader';
import { VirshEventStream } from './virshEventStream';
import type { VirshTarget } from './virshProcess';

export type ConnectionState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready' }
  /** Could not be read; `loaded` tells whether what it held before is still there (kept while it reconnects). */
  | { readonly kind: 'failed'; readonly failure: ConnectionFailure; readonly loaded: boolean };

export interface ConnectionListener {
  /** The objects of this kind were read again (some may be unchanged). */
  objectsChanged(kind: ObjectKind): void;
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
 */
export class LiveConnection {
  private readonly objects: Record<ObjectKind, ReadonlyMap<string, DefinedObject>> = { network: new Map(), domain: new Map() };
  private readonly streams: VirshEventStream[] = [];
  private readonly rereadTimers = new Map<ObjectKind, NodeJS.Timeout>();
  private retryTimer: NodeJS.Timeout | undefined;
  private retryMs = firstRetryMs;
  private loaded = false;
  private disposed = false;
  private current: ConnectionState = { kind: 'loading' };
  /** Serializes reads of one kind: a read asked for while one runs runs once after it. */
  private readonly reading = new Map<ObjectKind, Promise<void>>();
  private readonly readAgain = new Set<ObjectKind>();

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

  /** Subscribes to events first (so nothing defined meanwhile is missed), then reads. Resolves when the networks are read. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Reads the objects of a kind again now (a define was done); resolves when read. Returns whether it worked. */
  reread(kind: ObjectKind): Promise<boolean> {
    return this.read(kind);
  }

  dispose(): void {
    this.disposed = true;
    this.stopStreams();
    for (const timer of this.rereadTimers.values()) clearTimeout(timer);
    clearTimeout(this.retryTimer);
  }

  private async connect(): Promise<void> {
    this.stopStreams();
    for (const kind of ['network', 'domain'] as const) {
      const stream = new VirshEventStream(
        this.target,
        kind,
        () => this.scheduleReread(kind),
        () => this.lost(),
      );
      this.streams.push(stream);
      stream.start();
    }
    const ok = await this.read('network');
    if (ok) void this.read('domain');
  }

  /** Reads one kind; on failure, the state says why and a retry is scheduled. Returns whether it worked. */
  private async read(kind: ObjectKind): Promise<boolean> {
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

  private scheduleReread(kind: ObjectKind): void {
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
