import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../parser/xmlParser';
import { slice } from '../testing';
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
});
