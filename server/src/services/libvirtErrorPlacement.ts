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
 * as an element with its names (_("network '%1$s' has multiple default <portgroup> elements
 * (%2$s and %3$s)…")). In that order of trust: a quoted value found as an attribute value or a
 * text (the object's own name last: most messages quote it only to say which object), an
 * element of a kind the message names whose attribute value the message spells (the last such
 * element: the one libvirt met when it gave up), an element of that kind, else the root.
 */
export function placeLibvirtError(document: LibvirtDocument, message: string): ErrorPlace | undefined {
  const root = document.xml.roots[0];
  if (!root) return undefined;
  const elements = allElements(root);
  const ownName = document.object && 'name' in document.object ? document.object.name?.value : undefined;
  const quoted = quotedValues(message);
  for (const value of quoted.filter((candidate) => candidate !== ownName)) {
    const range = findValue(elements, value);
    if (range) return { range, pinned: true };
  }
  const named = elementNames(message).flatMap((name) => elements.filter((element) => element.name === name));
  const spelt = named.flatMap((element) =>
    element.attributes.filter((attribute) => attribute.value && attribute.valueRange && spells(message, attribute.value)),
  );
  const last = spelt.at(-1)?.valueRange;
  if (last) return { range: last, pinned: true };
  if (named[0]) return { range: named[0].nameRange, pinned: true };
  const own = ownName !== undefined && quoted.includes(ownName) ? findValue(elements, ownName) : undefined;
  if (own) return { range: own, pinned: true };
  return { range: root.nameRange, pinned: false };
}

/** Whether the message has this value as a word of its own (not inside a longer name). */
function spells(message: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.-])${escaped}($|[^\\w.-])`).test(message);
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
