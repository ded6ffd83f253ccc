import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { markupAt, type ElementBoundary } from './markupAt';
import { parseXml } from './xmlParser';
import { splitCursor } from '../testing';

/** The kind of markup at the `|` and the name of the element it belongs to. */
function at(marked: string, boundary: ElementBoundary = 'cursor'): string {
  const { text, offset } = splitCursor(marked);
  const found = markupAt(parseXml(text), offset, boundary);
  return `${found.kind} ${found.element?.name ?? '-'}`;
}

describe('markupAt: boundary rules', () => {
  test('names and values hold both their ends', () => {
    assert.equal(at(`<a><|b x='1'/></a>`), 'elementName b');
    assert.equal(at(`<a><b| x='1'/></a>`), 'elementName b');
    assert.equal(at(`<a><b |x='1'/></a>`), 'attributeName b');
    assert.equal(at(`<a><b x|='1'/></a>`), 'attributeName b');
    assert.equal(at(`<a><b x='|1'/></a>`), 'attributeValue b');
    assert.equal(at(`<a><b x='1|'/></a>`), 'attributeValue b');
    assert.equal(at(`<a><b x=|'1'/></a>`), 'startTag b');
    assert.equal(at(`<a><b x='1'|/></a>`), 'startTag b');
  });

  test('cursor: a closed element holds neither its start nor its end; an unclosed one holds its end', () => {
    assert.equal(at(`<a>|<b/></a>`), 'content a');
    assert.equal(at(`<a><b/>|</a>`), 'content a');
    assert.equal(at(`<a><b>|`), 'content b');
    assert.equal(at(`<a>text|</a>`), 'content a');
    assert.equal(at(`<a>text<|/a>`), 'endTag a');
    assert.equal(at(`|<a/>`), 'content -');
  });

  test('characterAfter and characterBefore take the element on that side of the offset', () => {
    assert.equal(at(`<a>|<b/></a>`, 'characterAfter'), 'startTag b');
    assert.equal(at(`<a><b/>|</a>`, 'characterAfter'), 'content a');
    assert.equal(at(`<a><b/>|</a>`, 'characterBefore'), 'content b');
    assert.equal(at(`<a><b>|`, 'characterAfter'), 'content -');
  });

  test('an unterminated start tag runs to the next <', () => {
    assert.equal(at(`<a><b x='1' |\n<c/></a>`), 'startTag b');
    assert.equal(at(`<a><b x='my|\n<c/></a>`), 'attributeValue b');
  });

  test('content reports the text holding the offset, preferring one with more than whitespace', () => {
    const { text, offset } = splitCursor(`<a> |<  </a>`);
    const found = markupAt(parseXml(text), offset, 'cursor');
    assert.equal(found.kind === 'content' ? found.text?.value : undefined, '<');
  });
});
