import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtmlAttribute, escapeHtmlText } from './htmlEscape';

/** Characters that can hide a difference between two names, by class, each with its mark. */
const hidden: Readonly<Record<string, readonly string[]>> = {
  'bidirectional marks, embeddings, overrides and isolates': ['\u200E', '\u200F', '\u061C', '\u202A', '\u202E', '\u2066', '\u2069'],
  'zero-width characters and joiners': ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'],
  'invisible operators and other format characters (Cf)': ['\u2061', '\u2064', '\u00AD', '\u0600', '\u06DD', '\u180E', '\uFFF9', '\u{110BD}', '\u{1D173}'],
  'tag characters (Cf)': ['\u{E0001}', '\u{E0041}', '\u{E007F}'],
  'Hangul fillers': ['\u115F', '\u1160', '\u3164', '\uFFA0'],
  'variation selectors': ['\uFE00', '\uFE0F', '\u180B', '\u{E0100}', '\u{E01EF}'],
  'combining grapheme joiner and other default-ignorable marks': ['\u034F', '\u17B4', '\u17B5', '\u{1BCA0}'],
  'spaces other than the ordinary space': ['\u00A0', '\u2000', '\u200A', '\u202F', '\u205F', '\u3000', '\u1680', '\u2800'],
  'line and paragraph separators': ['\u2028', '\u2029'],
  'control characters other than tab and line ends': ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009B'],
  'lone surrogate halves': ['\uD800', '\uDFFF'],
};

function mark(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

describe('escapeHtmlText and escapeHtmlAttribute', () => {
  for (const [kind, characters] of Object.entries(hidden)) {
    it(`mark ${kind}`, () => {
      for (const character of characters) {
        const name = `net${character}a`;
        const text = escapeHtmlText(name);
        const attribute = escapeHtmlAttribute(name);
        assert.ok(!text.includes(character) && text.includes(`>${mark(character)}<`), `${mark(character)} in content: ${JSON.stringify(text)}`);
        assert.equal(attribute, `net${mark(character)}a`, `${mark(character)} in an attribute`);
      }
    });
  }

  it('leave visible text, tabs and line ends alone, and escape markup', () => {
    const text = "<a b='x'>\tbr0 é 網 😀\n\r</a>";
    assert.equal(escapeHtmlText(text), '&lt;a b=&#39;x&#39;&gt;\tbr0 é 網 😀\n\r&lt;/a&gt;');
    assert.equal(escapeHtmlAttribute('a "b" & c'), 'a &quot;b&quot; &amp; c');
  });
});
