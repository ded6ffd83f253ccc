/**
 * The links to `libvirt:` objects (protocol/src/libvirtUris.ts) in the server's markdown (hover,
 * completion documentation), as the server writes them: `[label](libvirt://system/network/default.xml#L3)`,
 * the destination with no parentheses, spaces or angle brackets (they are %-escaped). VS Code's
 * markdown renderer keeps only links of the schemes it knows (http, https, mailto, file, and
 * command when trusted) and turns any other into plain text, so these become command links to
 * the client's opener.
 */

/**
 * `](libvirt:…)` or `](libvirt:… "title")` closing a link: the `]` not escaped (an even number of
 * backslashes before it); the title (the link's tooltip, in double quotes) is kept.
 */
const libvirtLinkDestination = /(?<=(?:^|[^\\])(?:\\\\)*)\]\((libvirt:[^()\s<>]+)((?: "(?:[^"\\]|\\.)*")?)\)/g;

/**
 * Markdown with each link to a `libvirt:` URI made a `command:` link that passes the URI (with
 * its `#L12` fragment) to `command`. Code spans are copied as they are: an object's name shown
 * as code may contain anything.
 */
export function libvirtLinksAsCommandLinks(markdown: string, command: string): string {
  if (!markdown.includes('](libvirt:')) return markdown;
  return outsideCodeSpans(markdown, (text) =>
    text.replace(libvirtLinkDestination, (_link, target: string, title: string) => `](${commandUri(command, target)}${title})`),
  );
}

/** A `command:` URI calling `command` with one string argument, as VS Code's opener reads it (URI-encoded JSON array). */
function commandUri(command: string, argument: string): string {
  // encodeURIComponent leaves parentheses as they are; one would end the link destination.
  const query = encodeURIComponent(JSON.stringify([argument])).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${query}`;
}

/**
 * Applies `rewrite` to the text between code spans. A code span (CommonMark) opens with a run of
 * backticks and closes at the next run of the same length; a run with no such partner is text.
 */
function outsideCodeSpans(markdown: string, rewrite: (text: string) => string): string {
  let result = '';
  let textStart = 0;
  let at = 0;
  while (at < markdown.length) {
    const open = markdown.indexOf('`', at);
    if (open < 0) break;
    const length = runLength(markdown, open);
    const close = closingRun(markdown, open + length, length);
    if (close < 0) {
      at = open + length;
      continue;
    }
    result += rewrite(markdown.slice(textStart, open)) + markdown.slice(open, close + length);
    textStart = at = close + length;
  }
  return result + rewrite(markdown.slice(textStart));
}

function runLength(text: string, start: number): number {
  let end = start;
  while (text[end] === '`') end++;
  return end - start;
}

/** Where the next run of exactly `length` backticks from `from` starts; -1 when there is none. */
function closingRun(text: string, from: number, length: number): number {
  let at = from;
  for (;;) {
    const next = text.indexOf('`', at);
    if (next < 0) return -1;
    const run = runLength(text, next);
    if (run === length) return next;
    at = next + run;
  }
}

/**
 * The place a link's fragment names, as VS Code's opener reads it (`#L12`, `#L12,5`, `#12`:
 * 1-based line and column), from 0; undefined when the fragment names none.
 */
export function positionOfFragment(fragment: string): { line: number; character: number } | undefined {
  const match = /^L?(\d+)(?:,(\d+))?/.exec(fragment);
  if (!match) return undefined;
  const line = Number(match[1]);
  const column = match[2] === undefined ? 1 : Number(match[2]);
  return { line: Math.max(line - 1, 0), character: Math.max(column - 1, 0) };
}
