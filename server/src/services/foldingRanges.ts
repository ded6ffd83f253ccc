import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { XmlElement } from '../parser/xmlTree';
import { maxItemsPerDocument } from './resultLimit';

/**
 * Folding: every element spanning lines (its end tag stays visible, as in HTML editors) and
 * every comment spanning lines. At most `limit` of them (the client's rangeLimit, never more than
 * maxItemsPerDocument): the first by line, the outer before the inner.
 */
export function getFoldingRanges(document: LibvirtDocument, limit = maxItemsPerDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const lineOf = (offset: number) => document.lines.positionAt(offset).line;
  // Iterative: a hostile file may nest deeper than the call stack allows.
  const pending: XmlElement[] = [...document.xml.roots];
  for (let element = pending.pop(); element; element = pending.pop()) {
    const startLine = lineOf(element.start);
    const endLine = element.endTagStart !== undefined ? lineOf(element.endTagStart) - 1 : lineOf(element.end);
    if (endLine > startLine) ranges.push({ startLine, endLine });
    pending.push(...element.children);
  }
  for (const comment of commentsOf(document.xml.text)) {
    const startLine = lineOf(comment.start);
    const endLine = lineOf(comment.end);
    if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Comment });
  }
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine).slice(0, Math.min(limit, maxItemsPerDocument));
}

/** Comments of the text, skipping CDATA sections (where `<!--` is just text). */
function commentsOf(text: string): Array<{ start: number; end: number }> {
  const comments: Array<{ start: number; end: number }> = [];
  const markup = /<!--|<!\[CDATA\[/g;
  for (let match = markup.exec(text); match; match = markup.exec(text)) {
    const isComment = match[0] === '<!--';
    const close = text.indexOf(isComment ? '-->' : ']]>', match.index + match[0].length);
    const end = close < 0 ? text.length : close + 3;
    if (isComment) comments.push({ start: match.index, end });
    markup.lastIndex = end;
  }
  return comments;
}
