import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from './xmlParser';
import { markupAt } from './markupAt';
import { elementAt, findAttribute, findChild, textContent } from './xmlQueries';
import type { XmlElement } from './xmlTree';
import { slice, splitCursor } from '../testing';

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1, `expected exactly one, got ${items.length}`);
  return items[0];
}

describe('parser: positions', () => {
  const text = `<network>\n  <name>mynet</name>\n  <bridge name='br0' stp="on"/>\n</network>\n`;
  const doc = parseXml(text);
  const root = only(doc.roots);

  test('root element: start, end, name range, start/end tag bounds', () => {
    assert.equal(root.name, 'network');
    assert.equal(root.start, 0);
    assert.equal(slice(text, root.nameRange), 'network');
    assert.deepEqual(root.nameRange, { start: 1, end: 8 });
    assert.equal(root.startTagEnd, '<network>'.length);
    assert.equal(root.endTagStart, text.lastIndexOf('</network>'));
    assert.equal(root.end, text.lastIndexOf('</network>') + '</network>'.length);
    assert.equal(root.closed, true);
    assert.equal(root.selfClosing, false);
    assert.deepEqual(doc.recoveries, []);
  });

  test('children keep document order, parent links and exact extents', () => {
    assert.deepEqual(
      root.children.map((c) => c.name),
      ['name', 'bridge'],
    );
    const name = root.children[0];
    assert.equal(slice(text, { start: name.start, end: name.end }), '<name>mynet</name>');
    assert.equal(name.parent, root);
    const bridge = root.children[1];
    assert.equal(slice(text, { start: bridge.start, end: bridge.end }), `<bridge name='br0' stp="on"/>`);
    assert.equal(bridge.selfClosing, true);
    assert.equal(bridge.closed, true);
    assert.equal(bridge.endTagStart, undefined);
  });

  test('attribute name and value ranges are exact, for both quote styles', () => {
    const bridge = root.children[1];
    const name = findAttribute(bridge, 'name')!;
    assert.equal(name.value, 'br0');
    assert.equal(name.quote, "'");
    assert.equal(name.valueClosed, true);
    assert.equal(slice(text, name.nameRange), 'name');
    assert.equal(slice(text, name.valueRange), 'br0');
    assert.equal(text[name.valueRange!.start - 1], "'");
    assert.equal(text[name.valueRange!.end], "'");
    const stp = findAttribute(bridge, 'stp')!;
    assert.equal(stp.quote, '"');
    assert.equal(slice(text, stp.nameRange), 'stp');
    assert.equal(slice(text, stp.valueRange), 'on');
    assert.deepEqual(stp.valueRange, { start: text.indexOf('"on"') + 1, end: text.indexOf('"on"') + 3 });
  });

  test('whitespace around = and an empty value', () => {
    const t = `<a  x = 'v'  y="" />`;
    const a = only(parseXml(t).roots);
    const x = findAttribute(a, 'x')!;
    assert.equal(slice(t, x.nameRange), 'x');
    assert.equal(slice(t, x.valueRange), 'v');
    const y = findAttribute(a, 'y')!;
    assert.equal(y.value, '');
    assert.deepEqual(y.valueRange, { start: t.indexOf('""') + 1, end: t.indexOf('""') + 1 });
  });

  test('text content is trimmed and its range points at the trimmed text', () => {
    const name = root.children[0];
    const content = textContent(name)!;
    assert.equal(content.value, 'mynet');
    assert.equal(slice(text, content.range), 'mynet');
    const padded = `<name>\n   spaced  \n</name>`;
    const p = textContent(only(parseXml(padded).roots))!;
    assert.equal(p.value, 'spaced');
    assert.equal(slice(padded, p.range), 'spaced');
  });

  test('UTF-16 offsets: characters outside the BMP count two', () => {
    const t = `<a x='😀'><b y='z'/></a>`;
    const b = only(only(parseXml(t).roots).children);
    assert.equal(slice(t, findAttribute(b, 'y')!.valueRange), 'z');
    assert.equal(findAttribute(only(parseXml(t).roots), 'x')!.value, '😀');
  });

  test('CRLF line endings do not shift offsets', () => {
    const t = `<network>\r\n  <name>n</name>\r\n  <bridge name='b'/>\r\n</network>\r\n`;
    const bridge = findChild(only(parseXml(t).roots), 'bridge')!;
    assert.equal(slice(t, findAttribute(bridge, 'name')!.valueRange), 'b');
  });
});

describe('parser: values as libxml2 reads them', () => {
  // Each expectation was seen on xmllint (libxml2 2.9.14) and on libvirt 9.0.0 (net-define, then net-dumpxml).
  const subset = `<!DOCTYPE network [\n<!ENTITY pg "off&#x69;ce">\n<!ENTITY nm "xd&pg;">\n<!ENTITY xxe SYSTEM "file:///etc/hostname">\n]>\n`;

  test('attribute values: literal tab, line feed and CR LF become one space each; references to them stay', () => {
    const t = `<network><portgroup name='a\tb\nc\r\nd&#9;e&#10;f'/></network>`;
    assert.equal(findAttribute(only(only(parseXml(t).roots).children), 'name')!.value, 'a b c d\te\nf');
  });

  test('character data: CR LF and a lone CR read as a line feed', () => {
    assert.equal(textContent(only(parseXml('<name>a\r\nb\rc</name>').roots))!.value, 'a\nb\nc');
  });

  test('internal entities expand in text and attribute values, entities within entities too', () => {
    const t = `${subset}<network><name>s-&nm;-a</name><portgroup name='p&pg;\tx'/></network>`;
    const doc = parseXml(t);
    const [name, group] = only(doc.roots).children;
    assert.equal(textContent(name)!.value, 's-xdoffice-a');
    assert.equal(findAttribute(group, 'name')!.value, 'poffice x');
    assert.deepEqual(doc.entityErrors, []);
  });

  test('an external entity is never read: empty in text, refused in an attribute value', () => {
    const t = `${subset}<network><name>a&xxe;b</name><portgroup name='&xxe;'/></network>`;
    const doc = parseXml(t);
    assert.equal(textContent(only(doc.roots).children[0])!.value, 'ab');
    const error = only(doc.entityErrors);
    assert.equal(error.message, "Attribute references external entity 'xxe'");
    assert.equal(slice(t, error.range), '&xxe;');
  });

  test("an entity that refers to itself, and '<' brought into an attribute value, are refused as libxml2 refuses them", () => {
    const loop = `<!DOCTYPE n [<!ENTITY a "x&b;"><!ENTITY b "&a;">]><n><name>&a;</name></n>`;
    assert.equal(only(parseXml(loop).entityErrors).message, 'Detected an entity reference loop');
    const lt = `<!DOCTYPE n [<!ENTITY lt2 "&#60;">]><n a='&lt2;'/>`;
    assert.equal(only(parseXml(lt).entityErrors).message, "'<' in entity 'lt2' is not allowed in attributes values");
  });

  test('an attribute the DTD declares with a tokenized type has its spaces collapsed; a CDATA one does not', () => {
    const t = `<!DOCTYPE network [<!ATTLIST portgroup name NMTOKEN #IMPLIED other CDATA #IMPLIED>]><network><portgroup name='  p  q ' other=' r '/></network>`;
    const group = only(only(parseXml(t).roots).children);
    assert.equal(findAttribute(group, 'name')!.value, 'p q');
    assert.equal(findAttribute(group, 'other')!.value, ' r ');
  });

  test('the first declaration of an entity wins; a parameter entity is not a general one', () => {
    const t = `<!DOCTYPE n [<!ENTITY % e "no"><!ENTITY e "one"><!ENTITY e "two">]><n>&e;</n>`;
    assert.equal(textContent(only(parseXml(t).roots))!.value, 'one');
  });
});

describe('parser: entities', () => {
  test('predefined and character references are decoded, ranges stay on the raw text', () => {
    const t = `<a v='x&amp;y&#65;&#x42;&lt;&apos;'>t &lt; u &quot;&gt;</a>`;
    const a = only(parseXml(t).roots);
    const v = findAttribute(a, 'v')!;
    assert.equal(v.value, `x&yAB<'`);
    assert.equal(slice(t, v.valueRange), 'x&amp;y&#65;&#x42;&lt;&apos;');
    const content = textContent(a)!;
    assert.equal(content.value, 't < u ">');
    assert.equal(slice(t, content.range), 't &lt; u &quot;&gt;');
  });

  test('an undeclared entity is left as written (the well-formedness check refuses it)', () => {
    const a = only(parseXml(`<a v='&custom;'>&other;</a>`).roots);
    assert.equal(findAttribute(a, 'v')!.value, '&custom;');
    assert.equal(textContent(a)!.value, '&other;');
  });

  test('CDATA is kept verbatim and does not create elements', () => {
    const t = `<a><![CDATA[<b x='1'/> & more]]></a>`;
    const a = only(parseXml(t).roots);
    assert.equal(a.children.length, 0);
    assert.equal(textContent(a)!.value, `<b x='1'/> & more`);
  });

  test('comments, processing instructions and a DOCTYPE with an internal subset are skipped', () => {
    const t = `<?xml version='1.0'?>\n<!DOCTYPE network [ <!ENTITY e "<x>"> ]>\n<!-- <fake/> -->\n<network><name>n</name></network>`;
    const doc = parseXml(t);
    assert.deepEqual(
      doc.roots.map((r) => r.name),
      ['network'],
    );
    assert.deepEqual(doc.recoveries, []);
  });
});

describe('parser: tolerance of documents being edited', () => {
  test(`an unterminated value (<source network='my) keeps the element, its attribute and what follows`, () => {
    const t = `<domain>\n  <devices>\n    <interface type='network'>\n      <source network='my\n      <model type='virtio'/>\n    </interface>\n  </devices>\n</domain>\n`;
    const doc = parseXml(t);
    const iface = findChild(findChild(only(doc.roots), 'devices')!, 'interface')!;
    const source = findChild(iface, 'source')!;
    const network = findAttribute(source, 'network')!;
    assert.equal(network.value, 'my');
    assert.equal(network.valueClosed, false);
    assert.equal(slice(t, network.valueRange), 'my');
    assert.equal(source.startTagEnd, undefined);
    // The next tag is still found; it nests under the unterminated <source> at worst, not lost.
    const model = findChild(iface, 'model') ?? findChild(source, 'model');
    assert.ok(model, 'the <model> after the broken tag is still parsed');
    assert.equal(findAttribute(model, 'type')!.value, 'virtio');
    assert.ok(doc.recoveries.some((r) => /no closing quote/.test(r.message)));
    // The interface itself is still closed by its own end tag.
    assert.equal(iface.closed, true);
  });

  test('an unterminated value at the very end of the text', () => {
    const t = `<domain><devices><interface type='network'><source network='my`;
    const doc = parseXml(t);
    const source = findChild(findChild(findChild(only(doc.roots), 'devices')!, 'interface')!, 'source')!;
    const attr = findAttribute(source, 'network')!;
    assert.equal(attr.value, 'my');
    assert.deepEqual(attr.valueRange, { start: t.length - 2, end: t.length });
    assert.ok(doc.recoveries.length > 0);
  });

  test('a cursor inside a half-typed value finds the element and the attribute', () => {
    const { text, offset } = splitCursor(`<domain><devices><interface type='network'><source network='my|\n</interface></devices></domain>`);
    const doc = parseXml(text);
    const element = elementAt(doc.roots, offset)!;
    assert.equal(element.name, 'source');
    const at = markupAt(doc, offset, 'cursor');
    assert.equal(at.kind, 'attributeValue');
    assert.equal(at.kind === 'attributeValue' && at.element, element);
    assert.equal(at.kind === 'attributeValue' && at.attribute.name, 'network');
  });

  test('unclosed tags: everything is kept, ends at the end of the text, and each is reported', () => {
    const t = `<network>\n  <name>n</name>\n  <portgroup name='a'>\n    <vlan>`;
    const doc = parseXml(t);
    const root = only(doc.roots);
    assert.equal(root.closed, false);
    assert.equal(root.end, t.length);
    const group = findChild(root, 'portgroup')!;
    assert.equal(findAttribute(group, 'name')!.value, 'a');
    assert.ok(findChild(group, 'vlan'));
    const messages = doc.recoveries.map((r) => r.message);
    assert.ok(messages.includes('<network> is never closed'));
    assert.ok(messages.includes('<portgroup> is never closed'));
    assert.ok(messages.includes('<vlan> is never closed'));
  });

  test('a stray < is reported and kept as text; the following elements still parse', () => {
    const t = `<network><name>a < b</name><bridge name='x'/></network>`;
    const doc = parseXml(t);
    const root = only(doc.roots);
    assert.deepEqual(
      root.children.map((c) => c.name),
      ['name', 'bridge'],
    );
    assert.equal(textContent(root.children[0])!.value, 'a < b');
    const stray = doc.recoveries.find((r) => /does not start a tag/.test(r.message))!;
    assert.ok(stray);
    assert.equal(stray.range.start, t.indexOf(' < ') + 1);
  });

  test('a < at the very end and a lone < do not throw', () => {
    for (const t of ['<', '<network><', '</', '<network></', '<!', '<?', '<!--', '<![CDATA[', `<a b='`, '<a b=', '<a b', '<a/', '<a =x>']) {
      assert.doesNotThrow(() => parseXml(t), t);
    }
  });

  test('end tag mismatch: an unclosed inner element ends where the outer end tag begins', () => {
    const t = `<a><b><c/></a>`;
    const doc = parseXml(t);
    const a = only(doc.roots);
    const b = only(a.children);
    assert.equal(a.closed, true);
    assert.equal(b.closed, false);
    assert.equal(b.end, t.indexOf('</a>'));
    assert.equal(only(b.children).name, 'c');
    assert.ok(doc.recoveries.some((r) => r.message === '<b> is not closed before </a>'));
  });

  test('an end tag without a start tag is reported and ignored', () => {
    const t = `<a></b><c/></a>`;
    const doc = parseXml(t);
    const a = only(doc.roots);
    assert.equal(a.closed, true);
    assert.deepEqual(
      a.children.map((c) => c.name),
      ['c'],
    );
    const r = doc.recoveries.find((x) => /no matching start tag/.test(x.message))!;
    assert.deepEqual(r.range, { start: 3, end: 7 });
  });

  test('an unquoted value is taken and reported', () => {
    const t = `<a x=1 y='2'/>`;
    const doc = parseXml(t);
    const a = only(doc.roots);
    assert.equal(findAttribute(a, 'x')!.value, '1');
    assert.equal(findAttribute(a, 'y')!.value, '2');
    assert.ok(doc.recoveries.some((r) => r.message === "the value of 'x' must be quoted"));
  });

  test('recoveries are capped for hostile input', () => {
    const doc = parseXml('<a>' + '< '.repeat(5000) + '</a>');
    assert.ok(doc.recoveries.length <= 500);
    assert.ok(doc.recoveries.length >= 100);
  });
});

describe('parser: hostile input', () => {
  test('attributes named __proto__ / constructor are plain attributes and pollute nothing', () => {
    const t = `<a __proto__='polluted' constructor='c' toString='t' hasOwnProperty='h' prototype='p'/>`;
    const a = only(parseXml(t).roots);
    assert.deepEqual(
      a.attributes.map((x) => x.name),
      ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'],
    );
    assert.equal(findAttribute(a, '__proto__')!.value, 'polluted');
    assert.equal(findAttribute(a, 'constructor')!.value, 'c');
    const probe: Record<string, unknown> = {};
    assert.equal(probe.polluted, undefined);
    assert.equal(typeof probe.toString, 'function');
    assert.equal(Object.getPrototypeOf(probe), Object.prototype);
    assert.equal(({} as { constructor: unknown }).constructor, Object);
    // A name that is not present is not found through the prototype chain.
    assert.equal(findAttribute(only(parseXml('<a/>').roots), 'constructor'), undefined);
  });

  test('element names from the prototype are ordinary elements', () => {
    const a = only(parseXml(`<__proto__><constructor x='1'/></__proto__>`).roots);
    assert.equal(a.name, '__proto__');
    assert.equal(findChild(a, 'constructor')!.attributes.length, 1);
    assert.equal(findChild(only(parseXml('<a/>').roots), 'constructor'), undefined);
  });

  // How parse time grows with input size is measured by bench/parserGrowth.mjs (npm run bench:parser), not here.
  test('billion laughs: expansion stops at its budget, the reference is refused and stays as written', { timeout: 10_000 }, () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    for (const use of ['<name>&lol9;</name>', "<portgroup name='&lol9;'/>"]) {
      const t = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n<network>${use}</network>`;
      const doc = parseXml(t);
      const child = only(only(doc.roots).children);
      assert.equal(child.name === 'name' ? textContent(child)!.value : findAttribute(child, 'name')!.value, '&lol9;');
      const error = only(doc.entityErrors);
      assert.match(error.message, /^Detected an entity reference loop/);
      assert.equal(slice(t, error.range), '&lol9;');
    }
  });

  test('100 000 nested elements: no stack overflow, every level kept', () => {
    const depth = 100_000;
    const t = '<a>'.repeat(depth) + '</a>'.repeat(depth);
    const doc = parseXml(t);
    let levels = 0;
    let element: XmlElement | undefined = only(doc.roots);
    while (element) {
      levels++;
      element = element.children[0];
    }
    assert.equal(levels, depth);
    assert.deepEqual(doc.recoveries, []);
    // elementAt walks iteratively too.
    assert.equal(elementAt(doc.roots, depth * 3 - 1)!.children.length, 0);
  });

  test('100 000 unclosed nested elements: no stack overflow, recoveries capped', () => {
    const doc = parseXml('<a>'.repeat(100_000));
    assert.equal(only(doc.roots).closed, false);
    assert.ok(doc.recoveries.length <= 500);
  });

  test('a very long attribute value and many attributes are all read', () => {
    const long = 'x'.repeat(2_000_000);
    const many = Array.from({ length: 20_000 }, (_, i) => `a${i}='${i}'`).join(' ');
    const a = only(parseXml(`<a v='${long}' ${many}/>`).roots);
    assert.equal(a.attributes.length, 20_001);
    assert.equal(findAttribute(a, 'v')!.value!.length, long.length);
  });

  test('deep nesting followed by end tags that match nothing', () => {
    const depth = 100_000;
    const doc = parseXml('<a>'.repeat(depth) + '</z>'.repeat(depth));
    assert.equal(only(doc.roots).closed, false);
  });

  test('an end tag deep below many unclosed elements closes them all at once', () => {
    const depth = 50_000;
    const doc = parseXml('<z>' + '<a>'.repeat(depth) + '</z><after/>');
    assert.deepEqual(
      doc.roots.map((r) => r.name),
      ['z', 'after'],
    );
    assert.equal(doc.roots[0].closed, true);
  });

  test('150 000 attributes in one start tag: every one is parsed, with exact ranges', () => {
    const count = 150_000;
    const text = `<a ${Array.from({ length: count }, (_, i) => `a${i}='v${i}'`).join(' ')}/>`;
    const doc = parseXml(text);
    const a = only(doc.roots);
    assert.equal(a.attributes.length, count);
    assert.equal(a.selfClosing, true);
    assert.deepEqual(doc.recoveries, []);
    let at = 3;
    for (let i = 0; i < count; i++) {
      const attribute = a.attributes[i];
      const name = `a${i}`;
      const value = `v${i}`;
      // Checked without assert per attribute: 150,000 assertion calls would dominate the test.
      const expectedValueStart = at + name.length + 2;
      if (
        attribute.name !== name ||
        attribute.value !== value ||
        attribute.nameRange.start !== at ||
        attribute.nameRange.end !== at + name.length ||
        attribute.valueRange?.start !== expectedValueStart ||
        attribute.valueRange.end !== expectedValueStart + value.length ||
        !attribute.valueClosed
      ) {
        assert.fail(`attribute ${i} is ${JSON.stringify(attribute)}`);
      }
      at = expectedValueStart + value.length + 2;
    }
  });

  test('many unterminated end tags are each reported and the root still closes', () => {
    const count = 50_000;
    const text = `<r>${'</x'.repeat(count)}</r>`;
    const doc = parseXml(text);
    const r = only(doc.roots);
    assert.equal(r.closed, true);
    assert.equal(r.end, text.length);
    assert.equal(doc.recoveries[0].message, 'end tag </x> is not terminated');
    assert.deepEqual(doc.recoveries[0].range, { start: 3, end: 6 });
  });

  test('many unclosed values on one line: each element keeps its half-typed value', () => {
    const count = 50_000;
    const doc = parseXml(`<r>${"<a x='v".repeat(count)}`);
    const r = only(doc.roots);
    let depth = 0;
    for (let element: XmlElement | undefined = r.children[0]; element; element = element.children[0]) {
      assert.equal(element.attributes[0]?.value, 'v', `level ${depth}`);
      depth++;
    }
    assert.equal(depth, count);
  });

  test('many unterminated quotes: parsed without hanging (growth: bench:parser)', { timeout: 10_000 }, () => {
    const t = `<a x='` + `\n<b y='`.repeat(20_000);
    assert.ok(parseXml(t).roots.length > 0);
  });
});
