import { pathToFileURL } from 'node:url';
import { computeFindings } from '../findings/documentFindings';
import type { Finding } from '../model/finding';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { SchemaValidator } from '../host/schema/schemaValidator';
import { displayPath, formatFindingLine, locate, plural, summarize, type LocatedFinding } from './findingFormat';
import type { CommandOutput } from './commandOutput';
import { indexHostConnections } from './hostConnections';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { escapeControlCharacters } from './terminalText';
import { loadWorkspace, type LoadedWorkspace } from './workspaceLoader';
import { sarifLog } from './sarifLog';
import { toolVersion } from './toolVersion';

/** How `check` prints its findings: one line each, JSON, or a SARIF 2.1.0 log for code-scanning services. */
export type CheckFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: CheckFormat;
  readonly hostNetworks: boolean;
  /** The libvirt connections whose networks the named domains may use. */
  readonly connections: readonly ConnectionSetting[];
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

/** `libvirt-xml check`: every finding in the named files; exit 1 when any is an error, 2 when a named path was not checked. */
export async function runCheck(options: CheckOptions, out: CommandOutput): Promise<number> {
  const workspace = await loadWorkspace(options.paths, { hostNetworks: options.hostNetworks });
  await indexHostConnections(workspace.index, options.connections, out);
  for (const { path, reason } of workspace.notChecked) out.stderr(`libvirt-xml: ${escapeControlCharacters(`${path}: not checked: ${reason}`)}\n`);
  const notCheckedPaths = new Set(workspace.notChecked.map((entry) => entry.path));
  // Nothing named was checked: a summary of nothing would read as a clean result.
  if (options.paths.every((named) => notCheckedPaths.has(named))) return 2;
  const { findings, networks, domains } = await findingsOf(workspace, options.schemaFolder);
  const skipped = workspace.skippedInFolders.map((entry) => ({ file: displayPath(entry.path), reason: entry.reason }));
  for (const { path, reason } of workspace.skippedInFolders) {
    const [uri, file] = [pathToFileURL(path).href, displayPath(path)];
    findings.push({ uri, file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', code: 'file-skipped', message: `not checked: ${reason}` });
  }
  const totals = summarize(findings);
  if (options.format === 'sarif') {
    out.stdout(JSON.stringify(sarifLog(findings, { toolVersion: toolVersion(), workingFolder: process.cwd() }), null, 2) + '\n');
  } else if (options.format === 'json') {
    out.stdout(JSON.stringify({ files: workspace.reported.size, networks, domains, ...totals, findings, skipped }, null, 2) + '\n');
  } else {
    for (const finding of findings) out.stdout(formatFindingLine(finding) + '\n');
    out.stdout(
      `checked ${plural(workspace.reported.size, 'file')} (${plural(networks, 'network')}, ${plural(domains, 'domain')}): ` +
        `${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'info')}${skippedSummary(skipped)}\n`,
    );
  }
  if (workspace.notChecked.length > 0) return 2;
  return totals.errors > 0 ? 1 : 0;
}

/** The findings of every named document, sorted by file and position, and how many networks and domains there are. */
async function findingsOf(
  workspace: LoadedWorkspace,
  schemaFolder: string | undefined,
): Promise<{ findings: LocatedFinding[]; networks: number; domains: number }> {
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
    if (schemaFolder) found.push(...(await schemaFindings(validator, document, schemaFolder)));
    found.sort((a, b) => a.range.start - b.range.start);
    for (const finding of found) findings.push(locate(finding, linesOf));
  }
  validator.dispose();
  return { findings, networks, domains };
}

/** Most files skipped in a walk shown in the summary line; the findings list each of them anyway. */
const listedSkips = 10;

/** `; skipped 2: a.xml (is a FIFO), b.xml (larger than 8 MiB)`, or nothing when no file was skipped. */
function skippedSummary(skipped: ReadonlyArray<{ file: string; reason: string }>): string {
  if (skipped.length === 0) return '';
  const listed = skipped.slice(0, listedSkips).map(({ file, reason }) => `${escapeControlCharacters(file)} (${escapeControlCharacters(reason)})`);
  if (skipped.length > listedSkips) listed.push(`and ${skipped.length - listedSkips} more`);
  return `; skipped ${skipped.length}: ${listed.join(', ')}`;
}
