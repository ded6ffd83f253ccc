import type { Position, Range } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { ModelledFile } from '../model/modelledFile';
import type { TextRange } from '../parser/xmlTree';
import type { LineIndex } from '../util/lineIndex';

/** Converts between the core's offsets and LSP's line/character positions. */

export function toLspRange(lines: LineIndex, range: TextRange): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

export function offsetAt(document: LibvirtDocument, position: Position): number {
  return document.lines.offsetAt(position.line, position.character);
}

/**
 * The line index of a file a feature points into: the document at hand (it may be newer than
 * what the index holds) or any indexed file.
 */
export function linesOf(uri: string, document: ModelledFile, index: WorkspaceIndex): LineIndex | undefined {
  return uri === document.uri ? document.lines : index.get(uri)?.lines;
}
