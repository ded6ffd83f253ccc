/**
 * libxml2's RelaxNG messages, made readable. libxml2 reports one problem as a chain of lines:
 * unlocated context first ("Extra element devices in interleave"), then located ones
 * ("Element domain failed to validate content" at /domain/devices). Each located line is kept
 * with the context that preceded it; generic lines are marked so a more precise explanation
 * (ours, from the grammar) can replace them.
 */
import type { ErrorDetail } from 'libxml2-wasm' with { 'resolution-mode': 'import' };

export interface LocatedMessage {
  /** libxml2's node path of the element concerned, e.g. `/domain/devices/interface[2]`. */
  readonly xpath: string | undefined;
  readonly line: number;
  /** The readable message. */
  readonly message: string;
  /** True for messages that only say "something below is wrong". */
  readonly generic: boolean;
  /** The attribute the message names, when it names one. */
  readonly attribute?: string;
  /** The offending value the message quotes, when it quotes one. */
  readonly value?: string;
  /** The node the message says is not allowed, when it names one (an element, or an entity reference). */
  readonly extra?: string;
  /** libxml2's own words (context lines included), for the curious and for bug reports. */
  readonly original: string;
}

interface Rewrite {
  readonly pattern: RegExp;
  readonly generic: boolean;
  readonly rewrite: (match: RegExpExecArray) => Readable;
}

interface Readable {
  readonly message: string;
  readonly attribute?: string;
  readonly value?: string;
  readonly extra?: string;
}

/** Order matters: the first pattern that matches wins. */
const rewrites: readonly Rewrite[] = [
  {
    pattern: /^Element (\S+) failed to validate content$/,
    generic: true,
    rewrite: (m) => ({ message: `The content of <${m[1]}> does not match libvirt's schema` }),
  },
  {
    pattern: /^Element (\S+) failed to validate attributes$/,
    generic: true,
    rewrite: (m) => ({ message: `An attribute of <${m[1]}> does not match libvirt's schema` }),
  },
  { pattern: /^Invalid sequence in interleave$/, generic: true, rewrite: () => ({ message: "Content does not match libvirt's schema" }) },
  { pattern: /^Extra element (\S+) in interleave$/, generic: true, rewrite: (m) => ({ message: `<${m[1]}> does not match libvirt's schema here` }) },
  { pattern: /^Expecting an element (\S+), got nothing$/, generic: false, rewrite: (m) => ({ message: `Missing required element <${m[1]}>` }) },
  { pattern: /^Expecting element (\S+), got (\S+)$/, generic: false, rewrite: (m) => ({ message: `Expected <${m[1]}> here, not <${m[2]}>` }) },
  {
    pattern: /^Element (\S+) has extra content: (\S+)$/,
    generic: false,
    rewrite: (m) => ({ message: `<${m[2]}> is not allowed here (in <${m[1]}>)`, extra: m[2] }),
  },
  { pattern: /^Did not expect element (\S+) there$/, generic: false, rewrite: (m) => ({ message: `<${m[1]}> is not allowed here`, extra: m[1] }) },
  { pattern: /^Did not expect text in element (\S+) content$/, generic: false, rewrite: (m) => ({ message: `<${m[1]}> may not contain text` }) },
  { pattern: /^Expecting element (\S+) to be empty$/, generic: false, rewrite: (m) => ({ message: `<${m[1]}> must be empty` }) },
  {
    pattern: /^Invalid attribute (\S+) for element (\S+)$/,
    generic: false,
    // libxml2 says this both of an attribute not allowed there and of one whose value is not valid.
    rewrite: (m) => ({ message: `Attribute '${m[1]}' on <${m[2]}>: not allowed here, or its value is not valid`, attribute: m[1] }),
  },
  { pattern: /^Type (\S+) doesn't allow value '([^]*)'$/, generic: false, rewrite: (m) => ({ message: `'${m[2]}' is not a valid ${m[1]}`, value: m[2] }) },
  { pattern: /^Error validating value '?([^']*)'?$/, generic: false, rewrite: (m) => ({ message: `Invalid value '${m[1]}'`, value: m[1] }) },
  { pattern: /^Element (\S+) has wrong namespace: expecting (\S+)$/, generic: false, rewrite: (m) => ({ message: `<${m[1]}> must be in namespace ${m[2]}` }) },
];

export function readable(raw: string): Readable & { generic: boolean } {
  const text = raw.trim();
  for (const { pattern, generic, rewrite } of rewrites) {
    const match = pattern.exec(text);
    if (match) return { ...rewrite(match), generic };
  }
  return { message: text.charAt(0).toUpperCase() + text.slice(1), generic: false };
}

/** libxml2's detail lines grouped into located messages (context lines join the next located one). */
export function locateMessages(details: readonly ErrorDetail[]): LocatedMessage[] {
  const result: LocatedMessage[] = [];
  let context: string[] = [];
  for (const detail of details) {
    const raw = detail.message.trim();
    if (!detail.xpath && detail.line <= 0) {
      context.push(raw);
      continue;
    }
    const own = readable(raw);
    // A generic located line ("failed to validate content") says less than its context line
    // ("Extra element devices in interleave"); a specific one stands on its own.
    // "Extra element X in interleave" still names the element, which beats "content of <parent>".
    const last = context.length > 0 ? context[context.length - 1] : undefined;
    const fromContext = own.generic && last ? readable(last) : undefined;
    const chosen = fromContext && (!fromContext.generic || last?.startsWith('Extra element')) ? fromContext : own;
    result.push({
      xpath: detail.xpath,
      line: detail.line,
      message: chosen.message,
      generic: chosen.generic,
      attribute: chosen.attribute,
      value: chosen.value,
      extra: chosen.extra,
      original: [...context, raw].join('; '),
    });
    context = [];
  }
  // Trailing context without a location still means the document is invalid.
  if (context.length > 0) {
    const last = readable(context[context.length - 1]);
    result.push({ xpath: undefined, line: 0, ...last, original: context.join('; ') });
  }
  return result;
}
