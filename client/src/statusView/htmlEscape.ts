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
 * Characters that change how neighbouring text is displayed without being seen (bidirectional
 * overrides and isolates, zero-width characters): a network name could use them to look like
 * another one. Shown as visible `U+XXXX` marks.
 */
const invisibleControls = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Escapes text for element content, making invisible control characters visible. */
export function escapeHtmlText(text: string): string {
  return escapeHtml(text).replace(invisibleControls, (c) => {
    const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return `<span class="invisible-char" title="invisible character ${code}">${code}</span>`;
  });
}

/** Escapes text for an attribute value, replacing invisible control characters by their code. */
export function escapeHtmlAttribute(text: string): string {
  return escapeHtml(text).replace(invisibleControls, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
