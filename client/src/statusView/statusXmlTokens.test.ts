import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenizeStatusXml } from './statusXmlTokens';

describe('tokenizeStatusXml', () => {
  it('gives every character back, whatever the input', () => {
    const inputs = [
      "<interface type='network'>\n  <source network='a'/>\n</interface>\n",
      '<a b=\'unterminated\n<c d="x" e=f g>text</c>',
      '<<>></ <!-- open comment <? pi',
      "</x></y><z a = 'spaced' b/><",
      '&lt;img src=x onerror=alert(1)&gt; plain text',
      '',
    ];
    let seed = 7;
    const alphabet = '<>/=\'" \nabc!?-&;';
    for (let n = 0; n < 300; n++) {
      let text = '';
      for (let i = 0; i < 40; i++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        text += alphabet[seed % alphabet.length];
      }
      inputs.push(text);
    }
    for (const input of inputs)
      assert.equal(
        tokenizeStatusXml(input)
          .map((t) => t.text)
          .join(''),
        input,
        JSON.stringify(input),
      );
  });

  it('knows the element path and attribute of each value', () => {
    const tokens = tokenizeStatusXml("<interface type='network'><vlan><tag id='1'/><tag id='2'/></vlan><tag name='t'/></interface>");
    const values = tokens
      .filter((t) => t.kind === 'attributeValue')
      .map((t) => ({
        value: t.text,
        attribute: t.attribute,
        path: t.path.map((s) => `${s.name}[${s.ordinal}]`).join('/'),
      }));
    assert.deepEqual(values, [
      { value: 'network', attribute: 'type', path: 'interface[0]' },
      { value: '1', attribute: 'id', path: 'interface[0]/vlan[0]/tag[0]' },
      { value: '2', attribute: 'id', path: 'interface[0]/vlan[0]/tag[1]' },
      { value: 't', attribute: 'name', path: 'interface[0]/tag[0]' },
    ]);
    const closing = tokens.filter((t) => t.kind === 'elementName' && t.closing).map((t) => t.text);
    assert.deepEqual(closing, ['vlan', 'interface']);
  });
});
