import { computeFindings } from '../findings/documentFindings';
import { displayPath, formatFindingLine, locate, plural, summarize, type LocatedFinding } from './findingFormat';
import type { CommandOutput } from './commandOutput';
import { loadWorkspace } from './workspaceLoader';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json';
  readonly hostNetworks: boolean;
}

/** `libvirt-xml check`: every finding in the named files; exit 1 when any is an error. */
export async function runCheck(options: CheckOptions, out: CommandOutput): Promise<number> {
  const workspace = await loadWorkspace(options.paths, { hostNetworks: options.hostNetworks });
  const { index } = workspace;
  const linesOf = (uri: string) => index.get(uri)?.lines;
  const findings: LocatedFinding[] = [];
  let networks = 0;
  let domains = 0;
  for (const uri of [...workspace.reported].sort()) {
    const document = index.get(uri)!;
    if (document.object?.kind === 'network') networks++;
    if (document.object?.kind === 'domain') domains++;
    for (const finding of computeFindings(document, index)) findings.push(locate(finding, linesOf));
  }
  for (const skipped of workspace.crawl.skipped) {
    findings.push({
      file: displayPath(skipped.path), line: 1, column: 1, endLine: 1, endColumn: 1,
      severity: 'warning', code: 'file-skipped', message: `not checked: ${skipped.reason}`,
    });
  }
  const totals = summarize(findings);
  if (options.format === 'json') {
    out.stdout(JSON.stringify({ files: workspace.reported.size, networks, domains, ...totals, findings }, null, 2) + '\n');
  } else {
    for (const finding of findings) out.stdout(formatFindingLine(finding) + '\n');
    out.stdout(
      `checked ${plural(workspace.reported.size, 'file')} (${plural(networks, 'network')}, ${plural(domains, 'domain')}): ` +
        `${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'info')}\n`,
    );
  }
  return totals.errors > 0 ? 1 : 0;
}
