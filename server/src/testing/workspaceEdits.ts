import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../util/lineIndex';

/**
 * Applies a WorkspaceEdit to texts keyed by URI, as an editor would: in either of its forms,
 * each file's edits against its original text. Overlapping edits and files it does not know
 * fail the test, as they would fail in an editor.
 */
export function applyWorkspaceEdit(texts: Readonly<Record<string, string>>, edit: WorkspaceEdit): Record<string, string> {
  const result: Record<string, string> = { ...texts };
  for (const [uri, edits] of editsByFile(edit)) {
    const text = texts[uri];
    if (text === undefined) throw new Error(`the edit touches ${uri}, which the test does not know`);
    result[uri] = applyTextEdits(text, edits);
  }
  return result;
}

/** The files a WorkspaceEdit touches, with their edits. */
export function editsByFile(edit: WorkspaceEdit): Array<[string, TextEdit[]]> {
  if (edit.changes && edit.documentChanges) throw new Error('an edit with both changes and documentChanges: clients ignore changes');
  if (edit.changes) return Object.entries(edit.changes);
  return (edit.documentChanges ?? []).map((change) => {
    if (!('textDocument' in change)) throw new Error(`unexpected resource operation ${change.kind}`);
    return [change.textDocument.uri, change.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e)];
  });
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map((e) => ({
      start: lines.offsetAt(e.range.start.line, e.range.start.character),
      end: lines.offsetAt(e.range.end.line, e.range.end.character),
      newText: e.newText,
    }))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i].start < offsets[i - 1].end) throw new Error('overlapping edits');
  }
  let out = text;
  for (const e of [...offsets].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
