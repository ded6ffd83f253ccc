import type { Random } from './random';

/** Names the server knows, so that mutated references sometimes hit something. */
const knownNames = ['mynet', 'othernet', 'default', 'xyzzy', 'plugh', 'alpha', 'network', 'portgroup', 'interface', 'source', 'bandwidth', 'vlan', 'tag'];

/** Markup fragments that break or bend XML, and characters that bend text. */
function markupFragment(random: Random): string {
  const count = random.between(1, random.chance(0.1) ? 5000 : 50);
  const fragments: (() => string)[] = [
    () => '<',
    () => '</',
    () => "'",
    () => '"',
    () => '>',
    () => '/>',
    () => '=',
    () => '&',
    () => '&xxe;',
    () => '&#0;',
    () => '&#x110000;',
    () => '&lt;',
    () => '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    () => '<!--',
    () => '-->',
    () => '<![CDATA[',
    () => ']]>',
    () => '<?xml version="1.0"?>',
    () => `<${'n'.repeat(count)}>`,
    () => `${'<a>'.repeat(count)}`,
    () => `${'</a>'.repeat(count)}`,
    () => `<e${Array.from({ length: count }, (_, i) => ` a${i}='${i}'`).join('')}>`,
    () => String.fromCharCode(random.int(0x20)),
    () => random.pick(['\u007f', '\u0085', '\u00ad', '\u200b', '\u200e', '\u202e', '\u2066', '\u2069', '\ufeff', '\u3164', '\ufe0f']),
    () => random.pick(['\ud800', '\udfff', '\ud83d', '\ude00', '\u{1f600}']),
    () => random.pick(['\r', '\r\n', '\n', '\t', ' ']),
    () => random.pick(knownNames),
    () => `<interface type='network'><source network='${random.pick(knownNames)}' portgroup='${random.pick(knownNames)}'/></interface>`,
    () => `<portgroup name='${random.pick(knownNames)}' default='yes'/>`,
    () => `<name>${random.pick(knownNames)}</name>`,
    () => `<forward mode='${random.pick(['nat', 'bridge', 'route', 'open', 'private', 'vepa', 'passthrough', 'hostdev', 'x'])}'/>`,
    () => `<virtualport type='${random.pick(['openvswitch', '802.1Qbh', '802.1Qbg', 'midonet', ''])}'/>`,
    () => `<vlan trunk='yes'><tag id='${random.int(5000)}'/></vlan>`,
  ];
  return random.pick(fragments)();
}

type Mutation = (text: string, random: Random, other: string) => string;

function span(text: string, random: Random): [number, number] {
  const start = random.int(text.length + 1);
  return [start, Math.min(text.length, start + random.small(Math.min(text.length, 400)) + 1)];
}

const mutations: readonly Mutation[] = [
  // A character replaced by another code unit (surrogate halves and controls included).
  (text, random) => {
    const at = random.int(text.length);
    return text.slice(0, at) + String.fromCharCode(random.chance(0.5) ? random.int(0x80) : random.int(0x10000)) + text.slice(at + 1);
  },
  // A bit flipped in one character.
  (text, random) => {
    const at = random.int(text.length);
    return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ (1 << random.int(16))) + text.slice(at + 1);
  },
  (text, random) => {
    const [start, end] = span(text, random);
    return text.slice(0, start) + text.slice(end);
  },
  (text, random) => {
    const [start, end] = span(text, random);
    const times = random.between(1, random.chance(0.05) ? 200 : 3);
    return text.slice(0, end) + text.slice(start, end).repeat(times) + text.slice(end);
  },
  (text, random) => {
    const at = random.int(text.length + 1);
    return text.slice(0, at) + markupFragment(random) + text.slice(at);
  },
  (text, random) => text.slice(0, random.int(text.length + 1)),
  // Two documents spliced: the head of one, the tail of another.
  (text, random, other) => text.slice(0, random.int(text.length + 1)) + other.slice(random.int(other.length + 1)),
];

/** One to four mutations of a text; `other` is a second document to splice with. */
export function mutate(text: string, random: Random, other: string): string {
  let mutated = text;
  for (let n = random.between(1, 4); n > 0; n--) mutated = random.pick(mutations)(mutated, random, other);
  return mutated;
}

/** A short edit as a person types: a fragment, a character, or nothing (a deletion). */
export function typedText(random: Random): string {
  if (random.chance(0.25)) return '';
  if (random.chance(0.5)) return markupFragment(random);
  return String.fromCharCode(random.between(0x20, 0x7e));
}
