/** Small builders for hover markdown; every piece of document text goes through one of them. */

/** Text as inline code, whatever backticks it contains (CommonMark: a longer fence). */
export function inlineCode(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  let fence = '`';
  while (single.includes(fence)) fence += '`';
  const pad = single.startsWith('`') || single.endsWith('`') || single === '' ? ' ' : '';
  return `${fence}${pad}${single}${pad}${fence}`;
}

/** Plain text with the characters markdown (and the HTML it allows) would interpret escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** A link to a line of a file; editors open `file:///…#L12` at line 12. */
export function lineLink(label: string, uri: string, zeroBasedLine: number): string {
  // Parentheses and spaces would end the link destination early.
  const target = `${uri}#L${zeroBasedLine + 1}`.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${label}](${target})`;
}
