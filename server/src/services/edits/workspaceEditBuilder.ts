import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextRange } from '../../parser/xmlTree';
import type { LineIndex } from '../../util/lineIndex';
import { toLspRange } from '../lspRanges';

/** How the client wants workspace edits, known to the server (capabilities, open documents). */
export interface EditOptions {
  /** The client takes `documentChanges` (LSP workspace.workspaceEdit.documentChanges). */
  readonly documentChanges?: boolean;
  /** The version of a document open in the editor; undefined for a file that is not open. */
  readonly openVersion?: (uri: string) => number | undefined;
  /**
   * Whether a file may be edited: files read from network folders outside the workspace (such
   * as /etc/libvirt/qemu/networks) are read, never written. Default: every file.
   */
  readonly canEdit?: (uri: string) => boolean;
}

export function canEdit(options: EditOptions, uri: string): boolean {
  return options.canEdit?.(uri) ?? true;
}

/**
 * Collects text edits across files into one WorkspaceEdit, so the whole change applies (and
 * undoes) in one step. With `documentChanges`, every file is a TextDocumentEdit: open ones carry
 * their version (the client refuses the edit if the text moved on), files not open carry
 * `version: null`. Both forms cannot be mixed: a client that takes `documentChanges` ignores
 * `changes`.
 */
export class WorkspaceEditBuilder {
  private readonly edits = new Map<string, TextEdit[]>();

  constructor(private readonly options: EditOptions = {}) {}

  get isEmpty(): boolean {
    return this.edits.size === 0;
  }

  replace(uri: string, lines: LineIndex, range: TextRange, newText: string): this {
    let edits = this.edits.get(uri);
    if (!edits) this.edits.set(uri, (edits = []));
    if (!edits.some((edit) => sameRange(edit, lines, range))) edits.push({ range: toLspRange(lines, range), newText });
    return this;
  }

  insert(uri: string, lines: LineIndex, offset: number, text: string): this {
    return this.replace(uri, lines, { start: offset, end: offset }, text);
  }

  build(): WorkspaceEdit {
    const files = [...this.edits.entries()].map(([uri, edits]) => [uri, [...edits].sort(byStart)] as const);
    if (!this.options.documentChanges) return { changes: Object.fromEntries(files) };
    const documentChanges: TextDocumentEdit[] = files.map(([uri, edits]) => ({
      textDocument: { uri, version: this.options.openVersion?.(uri) ?? null },
      edits,
    }));
    return { documentChanges };
  }
}

function sameRange(edit: TextEdit, lines: LineIndex, range: TextRange): boolean {
  const { start, end } = toLspRange(lines, range);
  return (
    edit.range.start.line === start.line &&
    edit.range.start.character === start.character &&
    edit.range.end.line === end.line &&
    edit.range.end.character === end.character
  );
}

function byStart(a: TextEdit, b: TextEdit): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
