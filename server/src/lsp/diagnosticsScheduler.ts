/**
 * Collects the documents whose diagnostics must be recomputed and does them together: a network
 * edit that touches many open domains, or several changes that arrive in one batch, cost one
 * round instead of one per event.
 *
 * By default the round runs as soon as the events at hand are handled (setImmediate): a keystroke
 * gets its diagnostics within milliseconds. A delay (in ms) turns that into a debounce.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;

  constructor(
    private readonly publish: (uris: string[]) => void,
    private readonly delayMs = 0,
  ) {}

  schedule(uris: Iterable<string>): void {
    for (const uri of uris) this.pending.add(uri);
    if (this.pending.size === 0 || this.timer) return;
    this.timer = this.delayMs > 0 ? setTimeout(() => this.flush(), this.delayMs) : setImmediate(() => this.flush());
  }

  private flush(): void {
    this.timer = undefined;
    const uris = [...this.pending];
    this.pending.clear();
    this.publish(uris);
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.timer = undefined;
    this.pending.clear();
  }
}
