import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../parser/xmlParser';
import { slice } from '../testing';
import { corpusGrammars, skipWithoutCorpus } from '../testing/schemaCorpus';
import { SchemaGrammars } from './grammar/schemaGrammars';
import { verdictFindings } from './schemaVerdict';

describe('schema verdict', () => {
  // libxml2 keeps a declared entity's reference as a node of its own, and its RelaxNG check names
  // that node like an element (details as libxml2-wasm gives them for this document).
  test('an entity reference libxml2 refuses is named as one, at the reference, not as an element', () => {
    const text = `<!DOCTYPE network [<!ENTITY xxe "hello">]>\n<network>\n  <name>&xxe;</name>\n</network>\n`;
    const details = [{ message: 'Element name has extra content: xxe\n', level: 2, line: 3, col: 0, file: 'document.xml', xpath: '/network/name' }];
    const [finding, ...rest] = verdictFindings(parseXml(text), details, SchemaGrammars.none, 'network', new Set());
    assert.equal(rest.length, 0);
    assert.equal(finding.message, "the entity reference '&xxe;' is not allowed here (in <name>): write its text instead");
    assert.equal(slice(text, finding.range), '&xxe;');
  });

  test('an element that is not allowed is still named as an element', () => {
    const text = `<network>\n  <name>n<xxe/></name>\n</network>\n`;
    const details = [{ message: 'Element name has extra content: xxe\n', level: 2, line: 2, col: 0, file: 'document.xml', xpath: '/network/name' }];
    const [finding] = verdictFindings(parseXml(text), details, SchemaGrammars.none, 'network', new Set());
    assert.equal(finding.message, '<xxe> is not allowed here (in <name>)');
  });

  // libxml2 says "Invalid attribute name for element portgroup" both of an attribute not allowed
  // and of a value its datatype refuses; the grammar says which, at the value.
  test("libxml2's 'Invalid attribute' names what is wrong with the value, not that the attribute is not allowed", { skip: skipWithoutCorpus }, async () => {
    const text = `<network>\n  <name>n</name>\n  <portgroup name='x!'/>\n</network>\n`;
    const details = [
      { message: 'Invalid attribute name for element portgroup\n', level: 2, line: 3, col: 0, file: 'document.xml', xpath: '/network/portgroup' },
    ];
    const [finding, ...rest] = verdictFindings(parseXml(text), details, await corpusGrammars(), 'network', new Set());
    assert.equal(rest.length, 0);
    assert.match(finding.message, /^value 'x!' is not a valid portgroup name: expected text of letters, digits and /);
    assert.equal(slice(text, finding.range), 'x!');
    const unknown = verdictFindings(parseXml(text), details, SchemaGrammars.none, 'network', new Set());
    assert.equal(unknown[0].message, "Attribute 'name' on <portgroup>: not allowed here, or its value is not valid");
  });
});
