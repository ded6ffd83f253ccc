import { editBetween, type TextEdit } from './textEdit';
import { isKnownWellFormed, noteWellFormed } from './validatorVerdicts';
import type { TextRange, XmlDocument, XmlElement } from './xmlTree';

/**
 * Carries fast-xml-parser's verdict "well-formed" from one version of a document to the next
 * when the edit between them only changed one value: the content of one text between tags, or
 * of one quoted attribute value. This is what typing a value does; the validator is the one step
 * of a 5 MB domain's check that cannot be sliced (0.2–0.5 s), and about a third of a 200 KB one's.
 *
 * Why the verdict stays (fast-xml-parser 5's validator.js, read for this):
 * - the text before was found well-formed and parsed cleanly (no recoveries, no DOCTYPE), so the
 *   validator read it as the parser did: the edited value is a text inside the root, or an
 *   attribute value between its quotes;
 * - inside the root, the validator's text loop looks only at '<' (markup) and '&' (a reference,
 *   read up to its ';'); within a tag, readAttributeStr and scanAttributeTokens look only at the
 *   quotes; the old and the new value hold none of these (and no '<' or '&' in an attribute
 *   value, which the parser would read differently), so the validator reads the value as before
 *   and goes on after it in the same state;
 * - everything else the well-formedness check reports (undeclared entities, entity errors, bytes
 *   that were not UTF-8, the roots) is computed from the new document anyway.
 * The differential test (wellFormedAfterEdit.test.ts) compares the check with and without the
 * carried verdict on random edits of the examples and libvirt's test files.
 */
export function carryWellFormedness(before: XmlDocument, after: XmlDocument): boolean {
  if (!isKnownWellFormed(before) || before.recoveries.length > 0 || after.recoveries.length > 0 || hasDoctype(before)) return false;
  const edit = editBetween(before.text, after.text);
  const value = editedValue(before, edit);
  if (!value) return false;
  const newRaw = after.text.slice(value.range.start, value.range.end + edit.newEnd - edit.oldEnd);
  const oldRaw = before.text.slice(value.range.start, value.range.end);
  if (!isPlain(oldRaw, value.kind) || !isPlain(newRaw, value.kind)) return false;
  noteWellFormed(after);
  return true;
}

interface EditedValue {
  readonly kind: 'text' | 'attribute';
  readonly range: TextRange;
}

/** The one text (not CDATA) or closed, quoted attribute value that holds the whole edit, if any. */
function editedValue(document: XmlDocument, edit: TextEdit): EditedValue | undefined {
  const holds = (range: TextRange) => range.start <= edit.start && edit.oldEnd <= range.end;
  let elements = document.roots;
  for (;;) {
    const element = holding(elements, edit);
    if (!element) return undefined;
    for (const attribute of element.attributes) {
      const range = attribute.valueRange;
      if (range && attribute.quote !== undefined && attribute.valueClosed && holds(range)) return { kind: 'attribute', range };
    }
    for (const text of element.texts) {
      if (holds(text.range)) return isCdata(document.text, text.range) ? undefined : { kind: 'text', range: text.range };
    }
    elements = element.children;
  }
}

/**
 * The element among these (in document order) whose markup strictly surrounds the edit: a value
 * lies strictly inside its element, so an edit at the boundary of two siblings is in neither.
 */
function holding(elements: readonly XmlElement[], edit: TextEdit): XmlElement | undefined {
  let low = 0;
  let high = elements.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (elements[mid].start < edit.start) low = mid;
    else high = mid - 1;
  }
  const element = elements[low];
  return element && element.start < edit.start && edit.oldEnd < element.end ? element : undefined;
}

function isCdata(text: string, range: TextRange): boolean {
  return range.start >= 9 && text.startsWith('<![CDATA[', range.start - 9);
}

/** A DOCTYPE is read only before the root. */
function hasDoctype(document: XmlDocument): boolean {
  const root = document.roots[0];
  return document.text.lastIndexOf('<!DOCTYPE', root ? root.start : document.text.length) >= 0;
}

function isPlain(raw: string, kind: EditedValue['kind']): boolean {
  return kind === 'text' ? !/[<&]/.test(raw) : !/[<&'"]/.test(raw);
}
