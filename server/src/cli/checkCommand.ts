import { pathToFileURL } from 'node:url';
import { computeFindings } from '../findings/documentFindings';
import type { Finding } from '../model/finding';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { SchemaPool } from './schemaPool';
import { HeapTrim } from './heapTrim';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { displayPath, locate, plural, type LocatedFinding } from './findingFormat';
import type { CommandOutput } from './commandOutput';
import { indexHostConnections } from './hostConnections';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { escapeControlCharacters } from './terminalText';
import { surveyWorkspace, type ReportedFile, type WorkspaceSurvey } from './workspaceSurvey';
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
  const counts = await checkEachFile(survey, options.schemaFolder, report);
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
 * time is in memory (the networks were parsed by the survey; see workspaceSurvey). With
 * --schema, libxml2 validates in worker threads while this thread goes on with the next files: at
 * most the pool's capacity of files wait for their verdict, and the report gets them in order.
 */
async function checkEachFile(survey: WorkspaceSurvey, schemaFolder: string | undefined, report: FindingReport): Promise<FileCounts> {
  const counts: FileCounts = { networks: 0, domains: 0, pools: 0, volumes: 0, filters: 0, unread: [] };
  const pool = schemaFolder ? new SchemaPool(schemaFolder) : undefined;
  const waiting: Array<Promise<LocatedFinding[]>> = [];
  const heap = new HeapTrim();
  try {
    for (const file of survey.reported) {
      const checked = checkFile(file, survey.index, counts, pool);
      // The document is gone once checkFile has returned: only now can a collection take it.
      heap.dropped(checked.length);
      if (checked.findings instanceof Promise) waiting.push(checked.findings);
      else report.add(checked.findings);
      while (pool && waiting.length > pool.capacity) report.add(await (waiting.shift() as Promise<LocatedFinding[]>));
    }
    for (const next of waiting.splice(0)) report.add(await next);
  } finally {
    await Promise.allSettled(waiting);
    await pool?.dispose();
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

/** Checks one file: its findings, or their promise while libxml2 validates it, and the length of the text it dropped. */
function checkFile(
  file: ReportedFile,
  index: WorkspaceIndex,
  counts: FileCounts,
  pool: SchemaPool | undefined,
): { length: number; findings: LocatedFinding[] | Promise<LocatedFinding[]> } {
  const document = readDocument(file.uri, file.path);
  if ('skipped' in document) {
    counts.unread.push({ path: document.path, reason: document.skipped });
    return { length: 0, findings: [] };
  }
  if (document.object?.kind === 'network') counts.networks++;
  if (document.object?.kind === 'domain') counts.domains++;
  if (document.object?.kind === 'pool') counts.pools++;
  if (document.object?.kind === 'volume') counts.volumes++;
  if (document.object?.kind === 'filter') counts.filters++;
  const found = computeFindings(document, index);
  const findings = pool ? withSchemaFindings(document, found, index, pool) : locatedFindings(document, found, index);
  return { length: document.xml.text.length, findings };
}

/** The core's findings and libxml2's on one document; only its lines are kept while libxml2 works. */
function withSchemaFindings(document: LibvirtDocument, found: Finding[], index: WorkspaceIndex, pool: SchemaPool): Promise<LocatedFinding[]> {
  // Not an async function: its frame would keep the whole document while the verdict is awaited.
  const { uri, lines } = document;
  return pool.findings(document).then((verdict) => locatedFindings({ uri, lines }, [...found, ...verdict], index));
}

/** A document's findings, sorted by position, with lines and columns. */
function locatedFindings(document: Pick<LibvirtDocument, 'uri' | 'lines'>, found: Finding[], index: WorkspaceIndex): LocatedFinding[] {
  found.sort((a, b) => a.range.start - b.range.start);
  const linesOf = (uri: string) => (uri === document.uri ? document.lines : index.get(uri)?.lines);
  return found.map((finding) => locate(finding, linesOf));
}

/** A file the survey listed, read now (it may have gone since: then it is skipped with the reason). */
function readDocument(uri: string, path: string): LibvirtDocument | { path: string; skipped: string } {
  const text = readRegularFileSync(path, maxIndexedFileBytes);
  return typeof text === 'string' ? parseLibvirtDocument(uri, text) : { path, skipped: text.skipped };
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
