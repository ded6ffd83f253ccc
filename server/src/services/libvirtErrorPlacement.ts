import type { LibvirtDocument } from '../model/libvirtDocument';
import type { TextRange, XmlElement } from '../parser/xmlTree';

/** Where a libvirt error message points in a document, and whether a value it quotes was found there. */
export interface ErrorPlace {
  readonly range: TextRange;
  /** False when nothing the message names was found: the range is then the root element's name. */
  readonly pinned: boolean;
}

/**
 * Places an error libvirt gave when it refused a definition. libvirt's parser names what it
 * refused in quotes (virReportError(VIR_ERR_XML_ERROR, _("unknown forward type '%1$s'"), …)) or
 * as an element (`<bandwidth>`): the first quoted value found as an attribute value or a text,
 * else an element of the name it quotes, marks the place. Otherwise the root element's name.
 */
export function placeLibvirtError(document: LibvirtDocument, message: string): ErrorPlace | undefined {
  const root = document.xml.roots[0];
  if (!root) return undefined;
  const elements = allElements(root);
  for (const quoted of quotedValues(message)) {
    const value = findValue(elements, quoted);
    if (value) return { range: value, pinned: true };
  }
  for (const name of elementNames(message)) {
    const element = elements.find((candidate) => candidate.name === name);
    if (element) return { range: element.nameRange, pinned: true };
  }
  return { range: root.nameRange, pinned: false };
}

/** What the message quotes ('…' or "…"), in order, each once; the empty string is no value. */
function quotedValues(message: string): string[] {
  const values = [...message.matchAll(/'([^'\n]+)'|"([^"\n]+)"/g)].map((match) => match[1] ?? match[2]);
  return [...new Set(values)];
}

/** Element names the message writes as `<name>` or `<name/>`. */
function elementNames(message: string): string[] {
  return [...new Set([...message.matchAll(/<([A-Za-z_][\w.-]*)\s*\/?>/g)].map((match) => match[1]))];
}

function findValue(elements: readonly XmlElement[], value: string): TextRange | undefined {
  for (const element of elements) {
    const attribute = element.attributes.find((candidate) => candidate.value === value && candidate.valueRange);
    if (attribute?.valueRange) return attribute.valueRange;
  }
  for (const element of elements) {
    const text = element.texts.find((candidate) => candidate.value.trim() === value);
    if (text) return trimmedRange(text.value, text.range);
  }
  for (const element of elements) if (element.name === value) return element.nameRange;
  return undefined;
}

/** A text's range without the white space around it. */
function trimmedRange(value: string, range: TextRange): TextRange {
  const leading = value.length - value.trimStart().length;
  const trailing = value.length - value.trimEnd().length;
  return range.end - range.start === value.length ? { start: range.start + leading, end: range.end - trailing } : range;
}

/** Every element under (and with) the root, in document order, without recursion. */
function allElements(root: XmlElement): XmlElement[] {
  const result: XmlElement[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const element = stack.pop() as XmlElement;
    result.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]);
  }
  return result;
}
