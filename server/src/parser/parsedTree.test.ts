import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { corpusFiles, skipWithoutCorpus } from '../testing/schemaCorpus';
import { noAttributes, noElements, noTexts, ParsedElement } from './parsedTree';
import { parseXml } from './xmlParser';
import { findAttribute } from './xmlQueries';
import type { TextRange, XmlDocument, XmlElement } from './xmlTree';

/** What an element is, in plain numbers and strings, as the parser's plain objects held it. */
interface Expected {
  name: string;
  nameRange: TextRange;
  start: number;
  end: number;
  startTagEnd: number | undefined;
  endTagStart: number | undefined;
  selfClosing: boolean;
  closed: boolean;
  attributes: { name: string; nameRange: TextRange; value: string; valueRange: TextRange; quote: string; valueClosed: boolean }[];
  texts: TextRange[];
  parent: number | undefined;
}

const token =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:'[^']*'|"[^"]*"))*)\s*(\/?)>/g;
const attributePattern = /([^\s=/>]+)(\s*=\s*)('[^']*'|"[^"]*")/g;

/**
 * An independent reading of a well-formed document (regular expressions, no shared code): every
 * element's offsets, its attributes' ranges and its texts' ranges, in document order.
 */
function expectedElements(text: string): Expected[] {
  const elements: Expected[] = [];
  const open: number[] = [];
  let last = 0;
  const addText = (start: number, end: number) => {
    const parent = open[open.length - 1];
    if (parent !== undefined && end > start) elements[parent].texts.push({ start, end });
  };
  for (const m of text.matchAll(token)) {
    const at = m.index;
    addText(last, at);
    last = at + m[0].length;
    if (m[1] !== undefined) {
      addText(at + 9, at + 9 + m[1].length);
    } else if (m[2] !== undefined) {
      const index = open.pop();
      assert.ok(index !== undefined && elements[index].name === m[2], `end tag </${m[2]}> at ${at}`);
      Object.assign(elements[index], { endTagStart: at, end: last, closed: true });
    } else if (m[3] !== undefined) {
      const name = m[3];
      const selfClosing = m[5] === '/';
      const attributesAt = at + 1 + name.length;
      const attributes = [...(m[4] ?? '').matchAll(attributePattern)].map((a) => {
        const nameStart = attributesAt + a.index;
        const valueStart = nameStart + a[1].length + a[2].length + 1;
        const value = a[3].slice(1, -1);
        return {
          name: a[1],
          nameRange: { start: nameStart, end: nameStart + a[1].length },
          value,
          valueRange: { start: valueStart, end: valueStart + value.length },
          quote: a[3][0],
          valueClosed: true,
        };
      });
      elements.push({
        name,
        nameRange: { start: at + 1, end: at + 1 + name.length },
        start: at,
        end: last,
        startTagEnd: last,
        endTagStart: undefined,
        selfClosing,
        closed: selfClosing,
        attributes,
        texts: [],
        parent: open[open.length - 1],
      });
      if (!selfClosing) open.push(elements.length - 1);
    }
  }
  addText(last, text.length);
  return elements;
}

function inDocumentOrder(document: XmlDocument): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [...document.roots].reverse();
  for (let element = stack.pop(); element; element = stack.pop()) {
    out.push(element);
    for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]);
  }
  return out;
}

/** The parsed element in the same plain shape (values compared where reading leaves them as written). */
function actual(element: XmlElement, order: Map<XmlElement, number>, text: string): Expected {
  return {
    name: element.name,
    nameRange: element.nameRange,
    start: element.start,
    end: element.end,
    startTagEnd: element.startTagEnd,
    endTagStart: element.endTagStart,
    selfClosing: element.selfClosing,
    closed: element.closed,
    attributes: element.attributes.map((a) => ({
      name: a.name,
      nameRange: a.nameRange,
      value: a.valueRange ? text.slice(a.valueRange.start, a.valueRange.end) : '',
      valueRange: a.valueRange ?? { start: -1, end: -1 },
      quote: a.quote ?? '',
      valueClosed: a.valueClosed,
    })),
    texts: element.texts.map((t) => t.range),
    parent: element.parent && order.get(element.parent),
  };
}

function assertSameAsIndependentReading(text: string, label: string): void {
  const document = parseXml(text);
  const elements = inDocumentOrder(document);
  const order = new Map(elements.map((element, i) => [element, i]));
  const expected = expectedElements(text);
  assert.equal(elements.length, expected.length, `${label}: number of elements`);
  for (const [i, element] of elements.entries()) assert.deepEqual(actual(element, order, text), expected[i], `${label}: element ${i} <${element.name}>`);
  for (const element of elements) {
    for (const attribute of element.attributes) {
      const written = attribute.valueRange && text.slice(attribute.valueRange.start, attribute.valueRange.end);
      if (written !== undefined && !/[&\t\n\r]/.test(written)) assert.equal(attribute.value, written, `${label}: value of ${attribute.name}`);
    }
    for (const t of element.texts) {
      const written = text.slice(t.range.start, t.range.end);
      if (!/[&\r]/.test(written)) assert.equal(t.value, written, `${label}: text at ${t.range.start}`);
    }
  }
}

describe('the compact parsed tree', () => {
  test('ranges and flags read from the tree equal an independent reading of the text', () => {
    const text = [
      `<?xml version="1.0"?>\n<!-- a comment -->\n<domain type='kvm' id = "1">`,
      `  <name>vm</name>\n  <description><![CDATA[a <b> c]]> after</description>`,
      `  <devices><interface type='network'><source network='n' portgroup="p"/><!-- x --><model type='virtio'/></interface>`,
      `  <empty></empty><bare/></devices>\n</domain>\n`,
    ].join('\n');
    assertSameAsIndependentReading(text, 'sample');
  });

  test('over every file of the libvirt corpus, ranges and flags equal an independent reading', { skip: skipWithoutCorpus }, () => {
    const files = corpusFiles();
    assert.ok(files.length > 100, 'the corpus has its files');
    for (const file of files) assertSameAsIndependentReading(readFileSync(file.path, 'utf8'), `${file.folder}/${file.name}`);
  });

  test('the shared empty lists cannot be changed, and stay empty after parsing the corpus', { skip: skipWithoutCorpus }, () => {
    for (const shared of [noElements, noAttributes, noTexts]) {
      assert.ok(Object.isFrozen(shared));
      assert.throws(() => (shared as unknown[]).push(1), TypeError);
    }
    for (const file of corpusFiles()) {
      for (const element of inDocumentOrder(parseXml(readFileSync(file.path, 'utf8')))) {
        if (element.children.length === 0) assert.equal(element.children, noElements);
        if (element.attributes.length === 0) assert.equal(element.attributes, noAttributes);
        if (element.texts.length === 0) assert.equal(element.texts, noTexts);
      }
    }
    assert.deepEqual([noElements.length, noAttributes.length, noTexts.length], [0, 0, 0]);
  });

  test('names are interned: each name is held once in the tree, whatever the number of elements', () => {
    const text = `<r>${"<interface type='network'/>".repeat(1000)}<r2 type='x'/></r>`;
    const root = parseXml(text).roots[0];
    assert.ok(root instanceof ParsedElement);
    assert.deepEqual(root.tree.names, ['r', 'interface', 'type', 'r2']);
    for (const child of root.children) assert.equal(child.name, child.name === 'r2' ? 'r2' : 'interface');
  });

  test('children are all kept when their list is trimmed, for a closed and an unclosed element', () => {
    const root = parseXml(`<r>${'<a/>'.repeat(100)}</r><open>${'<b/>'.repeat(3)}`).roots;
    assert.deepEqual(
      root.map((r) => r.children.length),
      [100, 3],
    );
  });

  test('the attributes of an element read one by one are one array, not one per read', () => {
    const element = parseXml(`<a ${Array.from({ length: 50 }, (_, i) => `a${i}='${i}'`).join(' ')}/>`).roots[0];
    assert.equal(element.attributes, element.attributes);
    assert.equal(findAttribute(element, 'a49')?.value, '49');
    assert.equal(findAttribute(element, 'a50'), undefined);
  });

  test('values that reading changes are kept; the others are read from the text', () => {
    const element = parseXml(`<a x='1&amp;2' y='tab\there' z="plain">t&lt;u\r\nv</a>`).roots[0];
    assert.deepEqual(
      element.attributes.map((a) => a.value),
      ['1&2', 'tab here', 'plain'],
    );
    assert.deepEqual(
      element.texts.map((t) => t.value),
      ['t<u\nv'],
    );
  });

  test('written as JSON, an element has the plain shape', () => {
    const element = parseXml(`<a x='1'>t</a>`).roots[0];
    const { parent: _parent, ...rest } = (element as ParsedElement).toJSON();
    assert.deepEqual(JSON.parse(JSON.stringify(rest)), {
      name: 'a',
      nameRange: { start: 1, end: 2 },
      start: 0,
      end: 14,
      startTagEnd: 9,
      selfClosing: false,
      closed: true,
      endTagStart: 10,
      attributes: [{ name: 'x', nameRange: { start: 3, end: 4 }, value: '1', valueRange: { start: 6, end: 7 }, quote: "'", valueClosed: true }],
      children: [],
      texts: [{ value: 't', range: { start: 9, end: 10 } }],
    });
  });
});
