/**
 * Collects the documents whose diagnostics must be recomputed and does them together a moment
 * later: a burst of keystrokes, or a network edit that touches many open domains, costs one
 * round instead of one per event.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly publish: (uris: string[]) => void,
    private readonly delayMs = 40,
  ) {}

  schedule(uris: Iterable<string>): void {
    for (const uri of uris) this.pending.add(uri);
    if (this.pending.size > 0 && !this.timer) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  private flush(): void {
    this.timer = undefined;
    const uris = [...this.pending];
    this.pending.clear();
    this.publish(uris);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
