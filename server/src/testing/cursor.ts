/*
 * The `|` cursor marker of test texts, and reading ranges back as text. Not a test file itself.
 */
import type { Position } from 'vscode-languageserver-types';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { TextRange } from '../parser/xmlTree';

/** The marker for the cursor in test texts. */
export const cursorMarker = '|';

/** Splits the single `|` out of a text: the text without it and the offset where it stood. */
export function splitCursor(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf(cursorMarker);
  if (offset < 0) throw new Error('the text has no | cursor marker');
  if (textWithCursor.indexOf(cursorMarker, offset + 1) >= 0) throw new Error('the text has more than one | cursor marker');
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset };
}

/** The text a range covers. */
export function slice(text: string, range: TextRange | undefined): string | undefined {
  return range === undefined ? undefined : text.slice(range.start, range.end);
}

/** The text a range of a document covers, for checking replace ranges. */
export function textIn(document: LibvirtDocument, range: { start: Position; end: Position }): string {
  const start = document.lines.offsetAt(range.start.line, range.start.character);
  const end = document.lines.offsetAt(range.end.line, range.end.character);
  return document.xml.text.slice(start, end);
}
