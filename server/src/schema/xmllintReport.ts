/**
 * What `xmllint --noout --relaxng SCHEMA FILE…` (the native libxml2 of Debian's libxml2-utils)
 * writes to stderr, split by file into the error details libxml2-wasm gives for one document, so
 * that the same code (schemaVerdict.ts) turns either into findings. xmllint validates the files one
 * after the other and says so in this order:
 *
 *   Relax-NG validity error : Extra element devices in interleave          (no node: context)
 *   a.xml:15: element devices: Relax-NG validity error : Element domain failed to validate content
 *   a.xml fails to validate                                                 (or "a.xml validates")
 *   b.xml:3: parser error : Opening and ending tag mismatch: …              (not well-formed:
 *   <the line quoted>                                                        no validation, no
 *       ^                                                                    verdict line)
 *
 * libxml2-wasm names the node by its path (xmlGetNodePath); xmllint by its line and local name,
 * which nodePathAt turns into the same path in our parse of the text. No I/O here.
 */
import type { ErrorDetail } from 'libxml2-wasm' with { 'resolution-mode': 'import' };
import type { XmlDocument, XmlElement } from '../parser/xmlTree';
import { LineIndex } from '../util/lineIndex';

/** One of xmllint's lines about a file's validity: libxml2's message, the node's line and local name. */
export interface XmllintDetail {
  readonly message: string;
  /** 0 when libxml2 named no node (a context line). */
  readonly line: number;
  readonly element?: string;
}

/** A file's verdict: libxml2's complaints (none: valid), 'malformed' (libxml2 could not parse it) or 'failed'. */
export type XmllintVerdict = readonly XmllintDetail[] | 'malformed' | 'failed';

const located = /^(.*?):(\d+): (?:element ([^:\s]+): )?Relax-NG validity error : (.*)$/;
const unlocated = /^Relax-NG validity error : (.*)$/;
const otherError = /^(.*?):\d+: .*error : /;
const verdictLine = /^(.*) (validates|fails to validate|validation generated an internal error)$/;

/** Each file's verdict, in the order of `files` (the names as given to xmllint). */
export function xmllintVerdicts(stderr: string, files: readonly string[]): XmllintVerdict[] {
  const indexOf = new Map(files.map((file, at) => [file, at]));
  const details: XmllintDetail[][] = files.map(() => []);
  const verdicts: Array<XmllintVerdict | undefined> = files.map(() => undefined);
  // Context lines come before the located line (or verdict line) of the file they concern.
  let context: XmllintDetail[] = [];
  const attach = (at: number, detail?: XmllintDetail): void => {
    details[at].push(...context, ...(detail ? [detail] : []));
    context = [];
  };
  for (const line of stderr.split('\n')) {
    let match = located.exec(line);
    if (match && indexOf.has(match[1])) {
      attach(indexOf.get(match[1]) ?? 0, { message: match[4], line: Number(match[2]), ...(match[3] ? { element: match[3] } : {}) });
      continue;
    }
    match = unlocated.exec(line);
    if (match) {
      context.push({ message: match[1], line: 0 });
      continue;
    }
    match = verdictLine.exec(line);
    if (match && indexOf.has(match[1])) {
      const at = indexOf.get(match[1]) ?? 0;
      attach(at);
      verdicts[at] ??= match[2] === 'validation generated an internal error' ? 'failed' : details[at];
      continue;
    }
    // A parser or namespace error (not a warning): libxml2-wasm refuses such a text too.
    match = otherError.exec(line);
    if (match && indexOf.has(match[1])) verdicts[indexOf.get(match[1]) ?? 0] = 'malformed';
    // Anything else is the quoted source line and caret of a parser message.
  }
  // A file without a verdict line was not validated: xmllint could not parse it.
  return verdicts.map((verdict) => verdict ?? 'malformed');
}

/**
 * The details as libxml2-wasm gives them for `document`: each located one with the path of the
 * element xmllint means (the one of that local name whose start tag ends on that line: libxml2
 * numbers an element by the line where its start tag ends), the line alone when that is not one
 * element.
 */
export function asErrorDetails(document: XmlDocument, details: readonly XmllintDetail[]): ErrorDetail[] {
  let lines: LineIndex | undefined;
  return details.map(({ message, line, element }) => {
    const detail: ErrorDetail = { message, level: 2, line, col: 0 };
    if (element === undefined || line <= 0) return detail;
    lines ??= new LineIndex(document.text);
    const xpath = nodePathAt(document, lines, line, element);
    return xpath ? { ...detail, xpath } : detail;
  });
}

function nodePathAt(document: XmlDocument, lines: LineIndex, line: number, localName: string): string | undefined {
  const candidates: XmlElement[] = [];
  const pending = [...document.roots];
  for (let element = pending.pop(); element; element = pending.pop()) {
    const tagEnd = element.startTagEnd ?? element.end;
    if (lines.positionAt(element.start).line + 1 > line) continue;
    if (lines.positionAt(tagEnd - 1).line + 1 === line && localPart(element.name) === localName) candidates.push(element);
    pending.push(...element.children);
  }
  return candidates.length === 1 ? nodePath(candidates[0]) : undefined;
}

/** xmlGetNodePath's form: `/domain/devices/interface[2]`, an index only among same-named siblings. */
function nodePath(element: XmlElement): string {
  const steps: string[] = [];
  for (let node: XmlElement | undefined = element; node; node = node.parent) {
    const siblings = node.parent ? node.parent.children.filter((sibling) => sibling.name === node?.name) : [node];
    steps.unshift(siblings.length > 1 ? `${node.name}[${siblings.indexOf(node) + 1}]` : node.name);
  }
  return '/' + steps.join('/');
}

function localPart(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}
