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
  const counts = await checkEachFile(survey, options, report);
  const { networks, domains, pools, volumes, filters, unread } = counts;
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
    out.stdout(JSON.stringify({ files, networks, domains, pools, volumes, filters, ...totals, findings: report.kept, skipped }, null, 2) + '\n');
  } else {
    report.flush();
    out.stdout(
      `checked ${plural(files, 'file')} (${checkedKinds(counts)}): ` +
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
  const counts: FileCounts = { networks: 0, domains: 0, pools: 0, volumes: 0, filters: 0, unread: [] };
  const take = (checked: CheckedFile) => {
    if ('skipped' in checked) counts.unread.push({ path: checked.path, reason: checked.skipped });
    else {
      if (checked.kind === 'network') counts.networks++;
      if (checked.kind === 'domain') counts.domains++;
      if (checked.kind === 'pool') counts.pools++;
      if (checked.kind === 'volume') counts.volumes++;
      if (checked.kind === 'filter') counts.filters++;
      report.add(checked.findings);
    }
  };
  const checker = fileChecker(survey, options);
  const waiting: Array<Promise<CheckedFile>> = [];
  const heap = new HeapTrim();
  try {
    for (const file of survey.reported) {
      const checked = checker.check(file);
      if ('pending' in checked) waiting.push(checked.pending);
      else take(checked);
      // The document is gone once it is checked (or handed to libxml2): only now can a collection take it.
      heap.dropped('length' in checked ? checked.length : 0);
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
  pools: number;
  volumes: number;
  filters: number;
  readonly unread: Array<{ path: string; reason: string }>;
}

/** A file whose findings come later (from libxml2 or a worker), with the length of the text this thread dropped. */
interface PendingFile {
  readonly pending: Promise<CheckedFile>;
  readonly length: number;
}

/** Who checks the files: this thread, worker threads, or this thread with libxml2's workers. */
interface FileChecker {
  check(file: ReportedFile): CheckedFile | PendingFile;
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
  if (threads > 1) {
    const workers = new CheckThreads(threads, { definitions: survey.definitions, hostNetworks: options.hostNetworks });
    return { check: (file) => ({ pending: workers.check(file), length: 0 }), capacity: workers.capacity, dispose: () => workers.dispose() };
  }
  return { check: (file) => checkListedFile(file, index), capacity: 0, dispose: async () => {} };
}

/** One file checked by the core here and by libxml2 in a worker; only its lines are kept while libxml2 works. */
function checkWithSchema(file: ReportedFile, index: WorkspaceIndex, pool: SchemaPool): CheckedFile | PendingFile {
  const document = readDocument(file);
  if ('skipped' in document) return document;
  const found = computeFindings(document, index);
  // Not an async function: its frame would keep the whole document while the verdict is awaited.
  const { uri, lines } = document;
  const [kind, length] = [document.object?.kind, document.xml.text.length];
  const pending = pool.findings(document).then((verdict) => ({ kind, length, findings: locatedFindings({ uri, lines }, [...found, ...verdict], index) }));
  return { pending, length };
}

/**
 * "1 network, 2 domains, 1 pool, 3 volumes, 2 filters": networks and domains always (scripts read
 * them), pools, volumes and filters when some were checked, so a tree of networks and domains
 * reads as it always has.
 */
function checkedKinds(counts: FileCounts): string {
  const storage = [plural(counts.pools, 'pool'), plural(counts.volumes, 'volume'), plural(counts.filters, 'filter')];
  const given = [counts.pools, counts.volumes, counts.filters].some((n) => n > 0) ? storage : [];
  return [plural(counts.networks, 'network'), plural(counts.domains, 'domain'), ...given].join(', ');
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
