import { XMLValidator } from 'fast-xml-parser';
import type { TextRange, XmlDocument } from './xmlTree';
import { type LineIndex } from '../util/lineIndex';
import { incompleteStartTags, unterminatedStartTagBefore } from './incompleteStartTags';
import { unclosedAtEnd } from './unclosedAtEnd';
import { undeclaredEntities } from './undeclaredEntities';
import { isPlainlyWellFormed } from './plainWellFormedness';
import { isKnownWellFormed, noteWellFormed } from './validatorVerdicts';

export interface WellFormednessError {
  readonly message: string;
  readonly range: TextRange;
}

/**
 * Judges well-formedness with fast-xml-parser's validator (it reports the first error with its
 * line and column), and adds what it does not check: that there is exactly one root element, that
 * every entity referenced is declared (undeclaredEntities.ts), and what libxml2 refuses while
 * expanding entities (the parser's `entityErrors`, e.g. a "billion laughs" document).
 */
export function checkWellFormedness(document: XmlDocument, lines: LineIndex): WellFormednessError[] {
  const { text } = document;
  const errors: WellFormednessError[] = [];
  const verdict = validatorVerdict(document);
  if (verdict !== true) errors.push(validatorError(document, verdict.err, lines));
  errors.push(...undeclaredEntities(document));
  errors.push(...document.entityErrors);
  const undecodable = text.indexOf('\uFFFD');
  if (undecodable >= 0) errors.push({ message: notUtf8, range: { start: undecodable, end: undecodable + 1 } });
  const roots = document.roots;
  for (let i = 1; i < roots.length; i++) {
    errors.push({
      message: `a document has one root element; <${roots[i].name}> is a second one`,
      range: roots[i].nameRange,
    });
  }
  if (roots.length === 0 && verdict === true) {
    errors.push({ message: 'the document has no root element', range: { start: 0, end: Math.min(text.length, 1) } });
  }
  return errors;
}

/** The validator's verdict, run once per document (see validatorVerdicts.ts). */
function validatorVerdict(document: XmlDocument): ReturnType<typeof XMLValidator.validate> {
  if (isKnownWellFormed(document)) return true;
  let verdict: ReturnType<typeof XMLValidator.validate>;
  try {
    // Plain XML skips the validator: its verdict would be true (see plainWellFormedness.ts).
    verdict = isPlainlyWellFormed(document.text) || XMLValidator.validate(document.text, { allowBooleanAttributes: false });
  } catch (error) {
    // The validator is a library: whatever it throws on, the file stays editable.
    verdict = { err: { code: 'InvalidXml', msg: String(error), line: 1, col: 1 } };
  }
  if (verdict === true) noteWellFormed(document);
  return verdict;
}

/**
 * libvirt hands libxml2 every document as UTF-8, whatever its XML declaration says (seen on
 * libvirt 9.0.0: a file declared ISO-8859-1 with a byte 0xE9 is refused with this message, one
 * declared UTF-16 holding UTF-8 is read). Bytes that are not UTF-8 reach us as U+FFFD, the
 * replacement character of the decoder that read the file.
 */
const notUtf8 = 'Input is not proper UTF-8, indicate encoding ! (libvirt reads every file as UTF-8, whatever its XML declaration says)';

type ValidatorError = Exclude<ReturnType<typeof XMLValidator.validate>, true>['err'];

/** The validator's first error, except that elements left open at the end are said our way. */
function validatorError(document: XmlDocument, error: ValidatorError, lines: LineIndex): WellFormednessError {
  const { code, msg, line, col } = error;
  const leftOpen = (code === 'InvalidTag' && msg.startsWith('Unclosed tag ')) || (code === 'InvalidXml' && msg.startsWith("Invalid '["));
  const unclosed = leftOpen ? unclosedAtEnd(document) : undefined;
  if (unclosed) return unclosed;
  // Some errors come without a column (an empty document has only a line): start of that line.
  const at = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, n - 1) : 0);
  const offset = lines.offsetAt(at(line), at(col));
  // The next tag read as an attribute of a start tag left without '>': the half-typed tag is the error.
  const runOn = code === 'InvalidAttr' && msg.startsWith("boolean attribute '<") ? unterminatedStartTagBefore(document, offset + 1) : undefined;
  if (runOn) return runOn;
  // "</domain" without '>': the validator points past the end of the line, the parser at the tag.
  const endTag = code === 'InvalidTag' ? /^Closing tag '([^']+)' doesn't have proper closing/.exec(msg) : null;
  const unterminatedEnd =
    endTag && [...document.recoveries].reverse().find((r) => r.message === `end tag </${endTag[1]}> is not terminated` && r.range.start <= offset);
  if (endTag && unterminatedEnd) return { message: `end tag </${endTag[1]}> has no '>'`, range: unterminatedEnd.range };
  const bare = code === 'InvalidAttr' ? /^boolean attribute '([^']+)' is not allowed/.exec(msg) : null;
  if (bare)
    return {
      message: `attribute '${bare[1]}' has no value: write ${bare[1]}='…'`,
      range: bareAttributeNear(document, bare[1], offset) ?? tokenAt(document.text, offset),
    };
  // The validator's messages quote the document (names, its stack): never let them run long.
  const message = msg.length <= 200 ? msg : `${msg.slice(0, 200)}…`;
  return { message, range: tokenAt(document.text, offset) };
}

/** The name of the attribute without a value called `name` nearest before `offset` (the validator points at or after it). */
function bareAttributeNear(document: XmlDocument, name: string, offset: number): TextRange | undefined {
  let nearest: TextRange | undefined;
  for (const element of incompleteStartTags(document)) {
    for (const attribute of element.attributes) {
      if (attribute.name === name && attribute.value === undefined && attribute.nameRange.start <= offset) nearest = attribute.nameRange;
    }
  }
  return nearest;
}

/** A range covering the word at an offset, so the squiggle is visible. */
function tokenAt(text: string, offset: number): TextRange {
  let end = offset;
  while (end < text.length && end - offset < 80 && !/[\s<>]/.test(text[end])) end++;
  if (end === offset) end = Math.min(text.length, offset + 1);
  return { start: offset, end };
}
