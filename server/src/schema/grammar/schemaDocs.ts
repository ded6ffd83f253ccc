/**
 * Markdown descriptions of what the schema allows. libvirt's schemas carry no
 * `<a:documentation>`, so most text is synthesised from the content model: value lists,
 * datatypes with their bounds, required and optional names.
 */
import type { DataPattern } from './rngPattern';
import type { ValueSet } from './contentModel';

const maxListed = 40;

export function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

function describeData(data: DataPattern): string {
  const { pattern, minInclusive, maxInclusive, maxLength } = data.params;
  // A pattern says more than "string": show it as what the text must look like.
  const parts = data.type === 'string' && data.params.pattern !== undefined ? ['text'] : [data.type];
  if (minInclusive !== undefined || maxInclusive !== undefined) parts.push(`${minInclusive ?? '…'}–${maxInclusive ?? '…'}`);
  if (maxLength !== undefined) parts.push(`at most ${maxLength} characters`);
  const described = pattern === undefined ? '' : describePattern(pattern);
  // "text of letters, digits and _ ." reads as one phrase; "text, matching `…`" as two.
  if (described.startsWith('of ')) parts[0] = `${parts[0]} ${described}`;
  else if (described !== '') parts.push(described);
  return parts.join(', ');
}

/**
 * A pattern said in words when it is one character class repeated (`[a-zA-Z0-9_\.\-]+`, as
 * libvirt's names are): "of letters, digits and _ . -"; any other pattern is shown as written.
 */
export function describePattern(pattern: string): string {
  const simple = /^\[([^\]^]+)\]\+$/.exec(pattern);
  if (!simple) return `matching ${code(pattern.length > 80 ? pattern.slice(0, 77) + '...' : pattern)}`;
  const words: string[] = [];
  let rest = simple[1];
  for (const [range, word] of [
    ['a-zA-Z', 'letters'],
    ['A-Za-z', 'letters'],
    ['a-z', 'lower-case letters'],
    ['A-Z', 'upper-case letters'],
    ['0-9', 'digits'],
  ] as const) {
    if (rest.includes(range)) {
      words.push(word);
      rest = rest.replace(range, '');
    }
  }
  // A range we do not name (an unescaped '-' between two characters): say the pattern as written.
  if (/(^|[^\\])-./.test(rest.slice(1))) return `matching ${code(pattern)}`;
  // What is left are single characters, some escaped with a backslash.
  const singles = Array.from(rest.matchAll(/\\(.)|([^\\])/g), (m) => m[1] ?? m[2]);
  if (singles.length > 0) words.push(singles.join(' '));
  return `of ${words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0]}`;
}

/** "one of `a`, `b`; or an unsignedInt" style summary of a value set. */
export function describeValues(values: ValueSet): string {
  const listed = values.values.filter((v) => v !== '');
  const parts: string[] = [];
  if (listed.length > 0) {
    const shown = listed.slice(0, maxListed).map(code).join(' | ');
    parts.push(listed.length > maxListed ? `${shown} | … (${listed.length} values)` : shown);
  }
  const types = [...new Set(values.data.map(describeData))];
  if (types.length > 0) parts.push(types.join(' or '));
  if (values.open && types.length === 0) parts.push('text');
  return parts.length > 0 ? parts.join('; or ') : 'no value';
}

export function describeNames(title: string, names: readonly string[], required: ReadonlySet<string>, wrap: (name: string) => string): string | undefined {
  if (names.length === 0) return undefined;
  const shown = names.slice(0, maxListed).map((name) => (required.has(name) ? `${wrap(name)} (required)` : wrap(name)));
  const more = names.length > maxListed ? `, … (${names.length} in all)` : '';
  return `${title}: ${shown.join(', ')}${more}`;
}
