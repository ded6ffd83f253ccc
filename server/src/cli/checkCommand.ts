import { pathToFileURL } from 'node:url';
import { computeFindings } from '../findings/documentFindings';
import { SchemaPool } from './schemaPool';
import { HeapTrim } from './heapTrim';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { displayPath, plural } from './findingFormat';
import type { CommandOutput } from './commandOutput';
import { indexHostConnections } from './hostConnections';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { escapeControlCharacters } from './terminalText';
import { surveyWorkspace, type ReportedFile, type WorkspaceSurvey } from './workspaceSurvey';
import { FindingReport } from './findingReport';
import { checkListedFile, locatedFindings, readDocument, type CheckedFile } from './fileCheck';
import { CheckThreads, checkThreadCount } from './checkThreads';
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

/** `libvirt-xml check`: every finding in the named files; exit 1 when any is an error, 2 when a named path was not checked. */
export async function runCheck(options: CheckOptions, out: CommandOutput): Promise<number> {
  HeapTrim.beforeParsing();
  const survey = await surveyWorkspace(options.paths, { hostNetworks: options.hostNetworks });
  await indexHostConnections(survey.index, options.connections, out);
  for (const { path, reason } of survey.notChecked) out.stderr(`libvirt-xml: ${escapeControlCharacters(`${path}: not checked: ${reason}`)}\n`);
  const notCheckedPaths = new Set(survey.notChecked.map((entry) => entry.path));
  // Nothing named was checked: a summary of nothing would read as a clean result.
  if (options.paths.every((named) => notCheckedPaths.has(named))) return 2;
  const report = new FindingReport(options.format, out);
  const { networks, domains, unread } = await checkEachFile(survey, options, report);
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
 * time is in memory (the networks were parsed by the survey; see workspaceSurvey). Files are
 * checked in this thread, or in worker threads for a run of many files (checkThreads.ts); with
 * --schema, libxml2 validates in worker threads while this thread goes on with the next files.
 * Either way at most the checker's capacity of files wait for their answer, and the report gets
 * them in order.
 */
async function checkEachFile(survey: WorkspaceSurvey, options: CheckOptions, report: FindingReport): Promise<FileCounts> {
  const counts: FileCounts = { networks: 0, domains: 0, unread: [] };
  const take = (checked: CheckedFile) => {
    if ('skipped' in checked) counts.unread.push({ path: checked.path, reason: checked.skipped });
    else {
      if (checked.kind === 'network') counts.networks++;
      if (checked.kind === 'domain') counts.domains++;
      report.add(checked.findings);
    }
  };
  const checker = fileChecker(survey, options);
  const waiting: Array<Promise<CheckedFile>> = [];
  const heap = new HeapTrim();
  try {
    for (const file of survey.reported) {
      const checked = checker.check(file);
      if (checked instanceof Promise) waiting.push(checked);
      else {
        take(checked);
        // The document is gone once it is checked: only now can a collection take it.
        heap.dropped('length' in checked ? checked.length : 0);
      }
      while (waiting.length > checker.capacity) take(await (waiting.shift() as Promise<CheckedFile>));
    }
    for (const next of waiting.splice(0)) take(await next);
  } finally {
    await Promise.allSettled(waiting);
    await checker.dispose();
  }
  return counts;
}

interface FileCounts {
  networks: number;
  domains: number;
  readonly unread: Array<{ path: string; reason: string }>;
}

/** Who checks the files: this thread, worker threads, or this thread with libxml2's workers. */
interface FileChecker {
  check(file: ReportedFile): CheckedFile | Promise<CheckedFile>;
  readonly capacity: number;
  dispose(): Promise<void>;
}

function fileChecker(survey: WorkspaceSurvey, options: CheckOptions): FileChecker {
  const { index } = survey;
  if (options.schemaFolder) {
    const pool = new SchemaPool(options.schemaFolder);
    return { check: (file) => checkWithSchema(file, index, pool), capacity: pool.capacity, dispose: () => pool.dispose() };
  }
  // Connections are read once, by this thread: workers could not build the same index.
  const threads = options.connections.length === 0 ? checkThreadCount() : 1;
  if (threads > 1) return new CheckThreads(threads, { definitions: survey.definitions, hostNetworks: options.hostNetworks });
  return { check: (file) => checkListedFile(file, index), capacity: 0, dispose: async () => {} };
}

/** One file checked by the core here and by libxml2 in a worker; only its lines are kept while libxml2 works. */
function checkWithSchema(file: ReportedFile, index: WorkspaceIndex, pool: SchemaPool): CheckedFile | Promise<CheckedFile> {
  const document = readDocument(file);
  if ('skipped' in document) return document;
  const found = computeFindings(document, index);
  // Not an async function: its frame would keep the whole document while the verdict is awaited.
  const { uri, lines } = document;
  const [kind, length] = [document.object?.kind, document.xml.text.length];
  return pool.findings(document).then((verdict) => ({ kind, length, findings: locatedFindings({ uri, lines }, [...found, ...verdict], index) }));
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
