import type { Location } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { LibvirtDocument } from '../../model/libvirtDocument';
import type { TextRange } from '../../parser/xmlTree';
import { linesOf, toLspRange } from '../lspRanges';

/** An LSP location for a range of any file the service knows; undefined for a file it does not. */
export function locationOf(uri: string, range: TextRange, document: LibvirtDocument, index: WorkspaceIndex): Location | undefined {
  const lines = linesOf(uri, document, index);
  return lines && { uri, range: toLspRange(lines, range) };
}

export function isSamePlace(a: { uri: string; range: TextRange }, uri: string, range: TextRange): boolean {
  return a.uri === uri && a.range.start === range.start && a.range.end === range.end;
}
