/**
 * Collects the documents whose diagnostics must be recomputed and does them together: a network
 * edit that touches many open domains, or several changes that arrive in one batch, cost one
 * round instead of one per event.
 *
 * By default the round runs as soon as the events at hand are handled (setImmediate): a keystroke
 * gets its diagnostics within milliseconds. A delay (in ms) turns that into a debounce. A round
 * may take a while (it lets other messages in between documents): rounds never overlap; what is
 * scheduled meanwhile waits for the next one.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private running = false;
  private disposed = false;

  constructor(
    private readonly publish: (uris: string[]) => Promise<void>,
    private readonly delayMs = 0,
  ) {}

  schedule(uris: Iterable<string>): void {
    if (this.disposed) return;
    for (const uri of uris) this.pending.add(uri);
    if (this.pending.size === 0 || this.timer || this.running) return;
    this.timer = this.delayMs > 0 ? setTimeout(() => void this.flush(), this.delayMs) : setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const uris = [...this.pending];
    this.pending.clear();
    this.running = true;
    try {
      await this.publish(uris);
    } finally {
      this.running = false;
      this.schedule([]);
    }
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.timer = undefined;
    this.disposed = true;
    this.pending.clear();
  }
}
