import { pathToFileURL } from 'node:url';
import { computeFindings } from '../findings/documentFindings';
import type { Finding } from '../model/finding';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { SchemaValidator } from '../host/schema/schemaValidator';
import { displayPath, locate, plural } from './findingFormat';
import type { CommandOutput } from './commandOutput';
import { indexHostConnections } from './hostConnections';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { escapeControlCharacters } from './terminalText';
import { surveyWorkspace, type WorkspaceSurvey } from './workspaceSurvey';
import { FindingReport } from './findingReport';
import { maxIndexedFileBytes } from '../host/fileCrawler';
import { readRegularFileSync } from '../host/regularFile';
import { parseLibvirtDocument } from '../model/libvirtDocument';
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
  const survey = await surveyWorkspace(options.paths, { hostNetworks: options.hostNetworks });
  await indexHostConnections(survey.index, options.connections, out);
  for (const { path, reason } of survey.notChecked) out.stderr(`libvirt-xml: ${escapeControlCharacters(`${path}: not checked: ${reason}`)}\n`);
  const notCheckedPaths = new Set(survey.notChecked.map((entry) => entry.path));
  // Nothing named was checked: a summary of nothing would read as a clean result.
  if (options.paths.every((named) => notCheckedPaths.has(named))) return 2;
  const report = new FindingReport(options.format, out);
  const { networks, domains, unread } = await checkEachFile(survey, options.schemaFolder, report);
  const skippedFiles = [...survey.skippedInFolders, ...unread];
  const skipped = skippedFiles.map((entry) => ({ file: displayPath(entry.path), reason: entry.reason }));
  report.add(
    skippedFiles.map(({ path, reason }) => {
      const [uri, file] = [pathToFileURL(path).href, displayPath(path)];
      return { uri, file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', code: 'file-skipped', message: `not checked: ${reason}` };
    }),
  );
  const totals = report.totals;
  const files = survey.reported.length;
  if (options.format === 'sarif') {
    out.stdout(JSON.stringify(sarifLog(report.kept, { toolVersion: toolVersion(), workingFolder: process.cwd() }), null, 2) + '\n');
  } else if (options.format === 'json') {
    out.stdout(JSON.stringify({ files, networks, domains, ...totals, findings: report.kept, skipped }, null, 2) + '\n');
  } else {
    report.flush();
    out.stdout(
      `checked ${plural(files, 'file')} (${plural(networks, 'network')}, ${plural(domains, 'domain')}): ` +
        `${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'info')}${skippedSummary(skipped)}\n`,
    );
  }
  if (survey.notChecked.length > 0) return 2;
  return totals.errors > 0 ? 1 : 0;
}

/**
 * `check`'s second pass: each named file in URI order, its findings handed to the report, then
 * dropped. A file other than a network is read and parsed only now, so one such document at a
 * time is in memory (the networks were parsed by the survey; see workspaceSurvey).
 */
async function checkEachFile(
  survey: WorkspaceSurvey,
  schemaFolder: string | undefined,
  report: FindingReport,
): Promise<{ networks: number; domains: number; unread: Array<{ path: string; reason: string }> }> {
  const { index } = survey;
  let networks = 0;
  let domains = 0;
  const unread: Array<{ path: string; reason: string }> = [];
  const validator = schemaFolder ? new SchemaValidator() : undefined;
  for (const file of survey.reported) {
    const document = 'definition' in file ? file.definition : readDocument(file.uri, file.path);
    if ('skipped' in document) {
      unread.push({ path: document.path, reason: document.skipped });
      continue;
    }
    if (document.object?.kind === 'network') networks++;
    if (document.object?.kind === 'domain') domains++;
    const found = computeFindings(document, index);
    if (validator && schemaFolder) found.push(...(await schemaFindings(validator, document, schemaFolder)));
    found.sort((a, b) => a.range.start - b.range.start);
    const linesOf = (uri: string) => (uri === document.uri ? document.lines : index.get(uri)?.lines);
    report.add(found.map((finding) => locate(finding, linesOf)));
  }
  validator?.dispose();
  return { networks, domains, unread };
}

/** A file the survey listed, read again now (it may have changed or gone since: then it is skipped with the reason). */
function readDocument(uri: string, path: string): LibvirtDocument | { path: string; skipped: string } {
  const text = readRegularFileSync(path, maxIndexedFileBytes);
  return typeof text === 'string' ? parseLibvirtDocument(uri, text) : { path, skipped: text.skipped };
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
