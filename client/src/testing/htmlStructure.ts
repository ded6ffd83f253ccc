/**
 * A strict reader of the markup renderStatusHtml writes, for tests: it lists every tag and
 * fails on anything the renderer should never produce (a tag or attribute outside its
 * vocabulary, an unquoted or broken attribute), which is what escaped data breaking out of its
 * place would look like.
 */

export interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attributes: ReadonlyMap<string, string>;
  readonly raw: string;
}

const allowedTags = new Set([
  'html',
  'head',
  'meta',
  'link',
  'title',
  'body',
  'header',
  'main',
  'div',
  'h1',
  'h2',
  'h3',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'p',
  'span',
  'button',
  'section',
  'dl',
  'dt',
  'dd',
  'pre',
  'code',
  'ul',
  'li',
  'script',
  'nav',
  'label',
  'input',
]);
const allowedAttributes =
  /^(class|title|role|tabindex|id|lang|charset|http-equiv|content|name|rel|nonce|href|src|type|scope|aria-labelledby|aria-label|min|max|value|disabled|data-[a-z-]+)$/;

export function readTags(html: string): Tag[] {
  const body = html.replace(/^<!DOCTYPE html>\s*/, '');
  const tags: Tag[] = [];
  for (let at = body.indexOf('<'); at >= 0; at = body.indexOf('<', at + 1)) {
    const end = body.indexOf('>', at);
    if (end < 0) throw new Error(`unterminated tag at ${at}`);
    const raw = body.slice(at, end + 1);
    const match = /^<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*="[^"<>]*")*)\s*>$/.exec(raw);
    if (!match) throw new Error(`not a well-formed tag of ours: ${raw.slice(0, 200)}`);
    const [, slash, name, attributeText] = match;
    if (!allowedTags.has(name)) throw new Error(`unexpected element <${name}>`);
    const attributes = new Map<string, string>();
    for (const [, attribute, value] of attributeText.matchAll(/\s+([a-z][a-z-]*)="([^"]*)"/g)) {
      if (!allowedAttributes.test(attribute)) throw new Error(`unexpected attribute ${attribute} on <${name}>`);
      if (attributes.has(attribute)) throw new Error(`attribute ${attribute} twice on <${name}>`);
      attributes.set(attribute, value);
    }
    tags.push({ name, closing: slash === '/', attributes, raw });
    at = end;
  }
  return tags;
}

/** The text between the tags, with the five entities decoded: what a reader sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
