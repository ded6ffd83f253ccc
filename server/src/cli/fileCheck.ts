import { computeFindings } from '../findings/documentFindings';
import type { Finding } from '../model/finding';
import type { LibvirtObject } from '../model/libvirtModel';
import { maxIndexedFileBytes } from '../host/fileCrawler';
import { readRegularFileSync } from '../host/regularFile';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../model/libvirtDocument';
import { locate, type LocatedFinding } from './findingFormat';
import type { ReportedFile } from './workspaceSurvey';

/**
 * What `check` learnt of one file: what it defines, its findings with lines and columns, and the
 * length of the text it read (then dropped); or why it could not be read after all. Plain data,
 * so that a worker thread can hand it over.
 */
export type CheckedFile =
  | { readonly kind: LibvirtObject['kind'] | undefined; readonly findings: LocatedFinding[]; readonly length: number }
  | { readonly skipped: string; readonly path: string };

/** Reads, parses and checks one file the survey listed, in this thread. */
export function checkListedFile(file: ReportedFile, index: WorkspaceIndex): CheckedFile {
  const document = readDocument(file);
  if ('skipped' in document) return document;
  const findings = locatedFindings(document, computeFindings(document, index), index);
  return { kind: document.object?.kind, findings, length: document.xml.text.length };
}

/** A file the survey listed, read now (it may have gone since: then it is skipped with the reason). */
export function readDocument({ uri, path }: ReportedFile): LibvirtDocument | { path: string; skipped: string } {
  const text = readRegularFileSync(path, maxIndexedFileBytes);
  return typeof text === 'string' ? parseLibvirtDocument(uri, text) : { path, skipped: text.skipped };
}

/** A document's findings, sorted by position, with lines and columns. */
export function locatedFindings(document: Pick<LibvirtDocument, 'uri' | 'lines'>, found: Finding[], index: WorkspaceIndex): LocatedFinding[] {
  found.sort((a, b) => a.range.start - b.range.start);
  const linesOf = (uri: string) => (uri === document.uri ? document.lines : index.get(uri)?.lines);
  return found.map((finding) => locate(finding, linesOf));
}
