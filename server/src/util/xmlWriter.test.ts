import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XmlWriter } from './xmlWriter';

describe('XmlWriter spans', () => {
  const writer = new XmlWriter<string>(1);
  writer.open('interface', [['type', 'network']], [{ key: 'type', attribute: 'type', data: 'T' }]);
  writer.empty(
    'source',
    [
      ['network', "a'b"],
      ['network', 'second'],
    ],
    [{ key: 'source.network', attribute: 'network', data: 'N' }],
  );
  writer.textElement('name', 'x & y', [], [{ key: 'name', data: 'E' }]);
  writer.empty('model', [['type', 'virtio']], [{ key: 'missing', attribute: 'nope', data: 'M' }]);
  writer.close('interface');
  const { text, spans } = writer.written();

  it('writes the same text as toString', () => {
    assert.equal(text, writer.toString());
    assert.equal(
      text,
      "  <interface type='network'>\n    <source network='a&apos;b' network='second'/>\n    <name>x &amp; y</name>\n    <model type='virtio'/>\n  </interface>\n",
    );
  });

  it('records attribute values (escaped, first of a name) and element names, in request order', () => {
    assert.deepEqual(
      spans.map((span) => [span.key, text.slice(span.start, span.end), span.data]),
      [
        ['type', 'network', 'T'],
        ['source.network', 'a&apos;b', 'N'],
        ['name', 'name', 'E'],
      ],
    );
  });
});
