import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWellFormedness } from './wellFormedness';
import { parseXml } from './xmlParser';
import { LineIndex } from '../util/lineIndex';
import { slice } from '../testing';

function errorsOf(text: string) {
  return checkWellFormedness(parseXml(text), new LineIndex(text));
}

function position(text: string, offset: number) {
  return new LineIndex(text).positionAt(offset);
}

describe('well-formedness', () => {
  test('a well-formed document has no error', () => {
    assert.deepEqual(errorsOf(`<?xml version='1.0'?>\n<!-- c -->\n<network>\n  <name>n</name>\n</network>\n`), []);
  });

  test('an end tag mismatch is reported at the offending end tag, with the line of the start tag in the message', () => {
    const text = `<network>\n  <name>x</nam>\n</network>\n`;
    const [error, ...rest] = errorsOf(text);
    assert.equal(rest.length, 0);
    assert.match(error.message, /Expected closing tag 'name' \(opened in line 2, col 3\) instead of closing tag 'nam'/);
    assert.deepEqual(position(text, error.range.start), { line: 1, character: text.split('\n')[1].indexOf('</nam>') });
    assert.ok(error.range.end > error.range.start, 'the range covers something visible');
  });

  test('an unterminated attribute value is reported on its line', () => {
    const text = `<domain>\n  <devices>\n    <interface type='network'>\n      <source network='my\n    </interface>\n  </devices>\n</domain>\n`;
    const errors = errorsOf(text);
    assert.equal(errors.length, 1);
    assert.ok(position(text, errors[0].range.start).line >= 3, `reported at ${JSON.stringify(position(text, errors[0].range.start))}`);
  });

  test('a half-typed start tag before the next tag is the error, on its own line, not the next tag read as an attribute', () => {
    const text = `<domain>\n  <devices>\n    <inter\n  </devices>\n</domain>\n`;
    const [error, ...rest] = errorsOf(text);
    assert.deepEqual(rest, []);
    assert.equal(error.message, "start tag <inter> has no '>': finish it with '>' or '/>'");
    assert.equal(slice(text, error.range), 'inter');
    assert.equal(position(text, error.range.start).line, 2);
    const withAttributes = `<domain>\n  <devices>\n    <interface type='network'>\n      <source network='default'\n    </interface>\n  </devices>\n</domain>\n`;
    const [source] = errorsOf(withAttributes);
    assert.equal(source.message, "start tag <source> has no '>': finish it with '>' or '/>'");
    assert.equal(position(withAttributes, source.range.start).line, 3);
  });

  test("an end tag without '>' is reported at the tag, not past the end of its line", () => {
    const text = `<domain>\n  <name>vm</name>\n</domain\n`;
    const [error, ...rest] = errorsOf(text);
    assert.deepEqual(rest, []);
    assert.equal(error.message, "end tag </domain> has no '>'");
    assert.equal(slice(text, error.range), '</domain\n');
  });

  test('an attribute without a value: the remedy, at the attribute', () => {
    const text = `<domain>\n  <devices>\n    <interface type='network'>\n      <source net/>\n    </interface>\n  </devices>\n</domain>\n`;
    const [error, ...rest] = errorsOf(text);
    assert.deepEqual(rest, []);
    assert.equal(error.message, "attribute 'net' has no value: write net='…'");
    assert.equal(slice(text, error.range), 'net');
  });

  test('an unclosed root is an error at its name', () => {
    const text = `<?xml version='1.0'?>\n<network>\n  <name>n</name>\n`;
    const errors = errorsOf(text);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].message, '<network> is never closed');
    assert.deepEqual(errors[0].range, { start: text.indexOf('network'), end: text.indexOf('network') + 'network'.length });
  });

  test('elements left open at the end: the innermost is named, at its start tag', () => {
    const text = `<domain>\n  <devices>\n    <interface type='network'>\n`;
    const errors = errorsOf(text);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].message, '<interface> is never closed, nor are the 2 elements around it');
    assert.equal(slice(text, errors[0].range), 'interface');
    const two = errorsOf(`<domain>\n  <devices>\n`);
    assert.equal(two[0].message, '<devices> is never closed, nor is <domain> around it');
  });

  test('50,000 elements left open: a short message at the innermost, not a dump at 1:1', () => {
    const text = `<domain>\n  <devices>\n` + '<interface>\n'.repeat(49_998);
    const [error, ...rest] = errorsOf(text);
    assert.equal(rest.length, 0);
    assert.ok(error.message.length < 200, `${error.message.length} characters`);
    assert.equal(error.message, '<interface> is never closed, nor are the 49,999 elements around it');
    assert.equal(error.range.start, text.lastIndexOf('<interface>') + 1);
    assert.equal(slice(text, error.range), 'interface');
  });

  test('a long element name is cut short in the message', () => {
    const name = 'n'.repeat(100_000);
    const [error] = errorsOf(`<a><${name}>`);
    assert.ok(error.message.length < 200, `${error.message.length} characters`);
    assert.equal(error.range.start, 4);
  });

  test('a repeated attribute is an error at the repetition', () => {
    const text = `<network x='1' x='2'/>`;
    const [error] = errorsOf(text);
    assert.match(error.message, /Attribute 'x' is repeated/);
    assert.equal(slice(text, error.range)!.startsWith("x='2'"), true);
  });

  test('a second root element is reported at its name', () => {
    const text = `<network/>\n<domain/>\n`;
    const errors = errorsOf(text);
    const second = errors.find((e) => /one root element/.test(e.message))!;
    assert.equal(second.message, 'a document has one root element; <domain> is a second one');
    assert.equal(slice(text, second.range), 'domain');
  });

  test('an empty or blank document has an error at a real position (never NaN)', () => {
    for (const text of ['', '   \n  ', `<?xml version='1.0'?>`]) {
      const errors = errorsOf(text);
      assert.ok(errors.length >= 1, JSON.stringify(text));
      for (const e of errors) {
        assert.ok(Number.isInteger(e.range.start) && Number.isInteger(e.range.end), `${JSON.stringify(text)}: ${JSON.stringify(e.range)}`);
        assert.ok(e.range.start >= 0 && e.range.end <= text.length);
      }
    }
  });

  test('junk before the root is reported at line 1 column 1', () => {
    const [error] = errorsOf('junk<network/>');
    assert.equal(error.range.start, 0);
    assert.equal(slice('junk<network/>', error.range), 'junk');
  });

  test('an undeclared entity is reported at the reference, as libxml2 refuses it', () => {
    const text = `<network>\n  <name>&xxe;</name>\n  <bridge name='br&yy;0'/>\n</network>\n`;
    const errors = errorsOf(text);
    assert.deepEqual(
      errors.map((e) => [e.message, slice(text, e.range)]),
      [
        ["Entity 'xxe' not defined", '&xxe;'],
        ["Entity 'yy' not defined", '&yy;'],
      ],
    );
  });

  test('predefined and character references, CDATA and comments are not entity references to declare', () => {
    const text = `<network>\n  <name a='&quot;&#65;'>&lt;&gt;&amp;&apos;&#x41;<![CDATA[&xxe;]]></name>\n  <!-- &xxe; -->\n</network>\n`;
    assert.deepEqual(errorsOf(text), []);
  });

  test('an entity declared in the internal subset is declared; with an external subset, nothing is known', () => {
    const declared = `<!DOCTYPE network [\n<!ENTITY xxe "x">\n]>\n<network><name>&xxe;</name></network>`;
    assert.deepEqual(errorsOf(declared), []);
    const other = `<!DOCTYPE network [<!ENTITY % p "x"><!ENTITY yy "y">]>\n<network><name>&xxe;&yy;</name></network>`;
    assert.deepEqual(
      errorsOf(other).map((e) => e.message),
      ["Entity 'xxe' not defined"],
    );
    const external = `<!DOCTYPE network SYSTEM "network.dtd">\n<network><name>&xxe;</name></network>`;
    assert.deepEqual(errorsOf(external), []);
  });

  test(
    'what libxml2 refuses while expanding entities is an error at the reference: a billion laughs document is one finding, not a hang',
    { timeout: 10_000 },
    () => {
      const levels = ['<!ENTITY lol0 "lol">'];
      for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
      const text = `<?xml version="1.0"?>\n<!DOCTYPE network [\n${levels.join('\n')}\n]>\n<network><name>&lol9;</name></network>\n`;
      const [error, ...rest] = errorsOf(text);
      assert.equal(rest.length, 0);
      assert.match(error.message, /^Detected an entity reference loop/);
      assert.equal(slice(text, error.range), '&lol9;');
    },
  );

  test('bytes that were not UTF-8 (U+FFFD after decoding) are refused, as libvirt reads every file as UTF-8', () => {
    const text = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<network><name>caf\uFFFD</name></network>\n`;
    const [error, ...rest] = errorsOf(text);
    assert.equal(rest.length, 0);
    assert.match(error.message, /^Input is not proper UTF-8/);
    assert.equal(slice(text, error.range), '\uFFFD');
    assert.deepEqual(errorsOf(`<?xml version="1.0" encoding="UTF-16"?>\n<network><name>caf\u00e9</name></network>\n`), []);
  });

  test('undeclared entities: a few hundred reported at most, names cut short', () => {
    const many = errorsOf(`<network><name>${'&x;'.repeat(5_000)}</name></network>`);
    assert.equal(many.length, 100);
    const long = errorsOf(`<network><name>&${'e'.repeat(10_000)};</name></network>`);
    assert.ok(long.some((e) => e.message.startsWith('Entity ')));
    for (const e of long) assert.ok(e.message.length < 200, e.message);
  });

  test('billion laughs: judged without expansion', { timeout: 10_000 }, () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const text = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${levels.join('\n')}\n]>\n<network><name>&lol9;</name></network>`;
    const errors = errorsOf(text);
    for (const e of errors) assert.ok(e.message.length < 1000);
  });

  test('100 000 nested elements: no stack overflow', () => {
    const depth = 100_000;
    assert.deepEqual(errorsOf('<a>'.repeat(depth) + '</a>'.repeat(depth)), []);
    const unclosed = errorsOf('<a>'.repeat(depth));
    assert.equal(unclosed.length, 1);
  });

  test('ranges of every error stay inside the text, for any prefix of a document', () => {
    const text = `<network>\n  <name>n</name>\n  <portgroup name='pg' default='yes'>\n    <vlan><tag id='4'/></vlan>\n  </portgroup>\n</network>\n`;
    for (let i = 0; i <= text.length; i++) {
      const prefix = text.slice(0, i);
      for (const e of errorsOf(prefix)) {
        assert.ok(e.range.start >= 0 && e.range.start <= e.range.end && e.range.end <= prefix.length, `prefix ${i}: ${JSON.stringify(e)}`);
      }
    }
  });
});
