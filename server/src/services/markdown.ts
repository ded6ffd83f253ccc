/** Small builders for hover markdown; every piece of document text goes through one of them. */

/** Text as inline code, whatever backticks it contains (CommonMark: a longer fence). */
export function inlineCode(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  let fence = '`';
  while (single.includes(fence)) fence += '`';
  const pad = single.startsWith('`') || single.endsWith('`') || single === '' ? ' ' : '';
  return `${fence}${pad}${single}${pad}${fence}`;
}

/**
 * Plain text made inert inside a markdown line: emphasis, code, links, HTML and tables are
 * escaped; line breaks are folded, so nothing can start a heading or a list. (Characters that
 * only mean something at the start of a line, such as `-` or `#`, stay readable.)
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\`*_[\]|~<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/**
 * A link to a line of a file; editors open `file:///…#L12` at line 12. `title` is the link's
 * tooltip ("networks/mynet.xml, line 12"): without one VS Code shows the raw URI.
 */
export function lineLink(label: string, uri: string, zeroBasedLine: number, title?: string): string {
  // Parentheses and spaces would end the link destination early.
  const target = `${uri}#L${zeroBasedLine + 1}`.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return title === undefined ? `[${label}](${target})` : `[${label}](${target} ${linkTitle(title)})`;
}

/** A CommonMark link title in double quotes: backslashes and quotes escaped, one line. */
function linkTitle(text: string): string {
  return `"${text.replace(/\s+/g, ' ').replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
