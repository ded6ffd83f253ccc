import type { CheckFormat } from './checkCommand';
import type { CommandOutput } from './commandOutput';
import { formatFindingLine, type LocatedFinding } from './findingFormat';

/** Text written at once: a line per write would cost a system call per finding. */
const flushedLength = 64 * 1024;

/**
 * Where `check` puts its findings as each file is checked. Text is printed as it comes (in
 * chunks), so nothing but the counts is kept; JSON and SARIF are one document at the end, so
 * their findings are kept (a finding is a few hundred bytes: far less than the tree it came from).
 */
export class FindingReport {
  readonly kept: LocatedFinding[] = [];
  readonly totals = { errors: 0, warnings: 0, infos: 0 };
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(
    private readonly format: CheckFormat,
    private readonly out: CommandOutput,
  ) {}

  add(findings: readonly LocatedFinding[]): void {
    for (const finding of findings) {
      if (finding.severity === 'error') this.totals.errors++;
      else if (finding.severity === 'warning') this.totals.warnings++;
      else this.totals.infos++;
      if (this.format !== 'text') this.kept.push(finding);
      else {
        const line = formatFindingLine(finding) + '\n';
        this.pending.push(line);
        this.pendingLength += line.length;
        if (this.pendingLength >= flushedLength) this.flush();
      }
    }
  }

  /** Writes the text lines not written yet. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.out.stdout(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}
