/** Escaping for text that came from documents: safe in element content and in quoted attributes. */

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]);
}

/**
 * Characters that can hide a difference between two names: a network name could use them to look
 * like another one. Every format character (Cf: bidirectional marks and overrides, zero-width
 * characters, soft hyphen, tag characters), every default-ignorable one (Hangul fillers, variation
 * selectors, the combining grapheme joiner), every space but the ordinary one, line and paragraph
 * separators, the Braille blank, control characters but tab and line ends, and lone surrogate
 * halves. Shown as visible `U+XXXX` marks.
 */
const invisibleCharacters = /(?![\t\n\r ])[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cs}\u2800]/gu;

function codeOf(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Escapes text for element content, making invisible characters visible. */
export function escapeHtmlText(text: string): string {
  return escapeHtml(text).replace(invisibleCharacters, (c) => {
    const code = codeOf(c);
    return `<span class="invisible-char" title="invisible character ${code}">${code}</span>`;
  });
}

/** Escapes text for an attribute value, replacing invisible characters by their code. */
export function escapeHtmlAttribute(text: string): string {
  return escapeHtml(text).replace(invisibleCharacters, codeOf);
}
