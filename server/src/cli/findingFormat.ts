import { isLibvirtUri } from '../../../protocol/src/libvirtUris';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../model/finding';
import { shortDisplayPath } from '../services/displayPath';
import type { LineIndex } from '../util/lineIndex';
import { escapeControlCharacters } from './terminalText';

export interface LocatedFinding {
  /** The document's URI: `file:` for a file, `libvirt:` for an object a connection defines. */
  readonly uri: string;
  /** The URI as the user would type it: a path relative to the working folder when below it. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Finding['severity'];
  readonly code: string;
  readonly message: string;
  readonly suggestions?: readonly string[];
  readonly related?: ReadonlyArray<{ uri: string; file: string; line: number; column: number; message: string }>;
}

/** A path as the user would type it: relative to the working folder when below it. */
export function displayPath(uri: string): string {
  if (isLibvirtUri(uri)) return shortDisplayPath(uri); // "qemu:///system network default"
  const absolute = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/** Turns offsets into 1-based lines and columns, as compilers print them. */
export function locate(finding: Finding, linesOf: (uri: string) => LineIndex | undefined): LocatedFinding {
  const lines = linesOf(finding.uri);
  const start = lines?.positionAt(finding.range.start) ?? { line: 0, character: 0 };
  const end = lines?.positionAt(finding.range.end) ?? start;
  return {
    uri: finding.uri,
    file: displayPath(finding.uri),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    suggestions: finding.suggestions && finding.suggestions.length > 0 ? finding.suggestions : undefined,
    related: finding.related?.map((r) => {
      const at = linesOf(r.uri)?.positionAt(r.range.start) ?? { line: 0, character: 0 };
      return { uri: r.uri, file: displayPath(r.uri), line: at.line + 1, column: at.character + 1, message: r.message };
    }),
  };
}

/**
 * `FILE:LINE:COL: severity: MESSAGE [CODE]`, one line: a message's own newlines are folded, and
 * control characters of a file name or a quoted value are escaped, so that nothing splits the line.
 */
export function formatFindingLine(finding: LocatedFinding): string {
  const message = escapeControlCharacters(finding.message.replace(/\s*\n\s*/g, ' '));
  return `${escapeControlCharacters(finding.file)}:${finding.line}:${finding.column}: ${finding.severity}: ${message} [${finding.code}]`;
}

export function summarize(findings: readonly LocatedFinding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
