import { computeFindings } from '../findings/documentFindings';
import type { Finding } from '../model/finding';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { SchemaValidator } from '../host/schema/schemaValidator';
import { displayPath, formatFindingLine, locate, plural, summarize, type LocatedFinding } from './findingFormat';
import type { CommandOutput } from './commandOutput';
import { loadWorkspace } from './workspaceLoader';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json';
  readonly hostNetworks: boolean;
  /** A folder of libvirt's RelaxNG schemas: validate each file against them too. */
  readonly schemaFolder?: string;
}

/** libvirt's schema verdict on one file, as findings (its remarks on RFC tags are the core's already). */
async function schemaFindings(validator: SchemaValidator, document: LibvirtDocument, schemaFolder: string): Promise<Finding[]> {
  const rootName = document.xml.roots[0]?.name;
  if (!rootName) return [];
  const verdict = await validator.validate(document.xml.text, rootName, schemaFolder);
  return verdict
    .filter((finding) => finding.code === 'schema')
    .map((finding) => ({ uri: document.uri, range: finding.range, severity: finding.severity, code: 'schema', message: finding.message }));
}

/** `libvirt-xml check`: every finding in the named files; exit 1 when any is an error. */
export async function runCheck(options: CheckOptions, out: CommandOutput): Promise<number> {
  const workspace = await loadWorkspace(options.paths, { hostNetworks: options.hostNetworks });
  const { index } = workspace;
  const linesOf = (uri: string) => index.get(uri)?.lines;
  const findings: LocatedFinding[] = [];
  let networks = 0;
  let domains = 0;
  const validator = new SchemaValidator();
  for (const [, document] of [...workspace.reported].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (document.object?.kind === 'network') networks++;
    if (document.object?.kind === 'domain') domains++;
    const found = computeFindings(document, index);
    if (options.schemaFolder) found.push(...(await schemaFindings(validator, document, options.schemaFolder)));
    found.sort((a, b) => a.range.start - b.range.start);
    for (const finding of found) findings.push(locate(finding, linesOf));
  }
  validator.dispose();
  for (const skipped of workspace.crawl.skipped) {
    findings.push({
      file: displayPath(skipped.path),
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      severity: 'warning',
      code: 'file-skipped',
      message: `not checked: ${skipped.reason}`,
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
