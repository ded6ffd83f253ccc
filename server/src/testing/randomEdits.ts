import type { XmlDocument } from '../parser/xmlTree';

/** A seeded pseudo-random integer source (mulberry32): `random(n)` is in [0, n); the same seed gives the same run. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const plain = 'abcXYZ019 .:-_/\t\n\r';
const special = `<>&'"]/=!?;#`;

/** A few random characters, now and then one that matters to an XML parser. */
function randomText(random: (n: number) => number): string {
  let out = '';
  for (let i = random(4); i >= 0; i--) out += random(5) === 0 ? special[random(special.length)] : plain[random(plain.length)];
  return out;
}

/** The ranges of every text and attribute value, where typing mostly happens. */
function valueRanges(document: XmlDocument): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const pending = [...document.roots];
  for (let element = pending.pop(); element; element = pending.pop()) {
    for (const attribute of element.attributes) if (attribute.valueRange) ranges.push(attribute.valueRange);
    for (const text of element.texts) ranges.push(text.range);
    pending.push(...element.children);
  }
  return ranges;
}

/**
 * The text of a parsed document after one random edit, as typing makes them: mostly inside a
 * value, sometimes anywhere; an insertion, a deletion or a replacement.
 */
export function randomlyEdited(document: XmlDocument, random: (n: number) => number): string {
  const { text } = document;
  const values = valueRanges(document);
  let start: number;
  let end: number;
  if (values.length > 0 && random(5) > 0) {
    const value = values[random(values.length)];
    start = value.start + random(value.end - value.start + 1);
    end = Math.min(value.end, start + random(3));
  } else {
    start = random(text.length + 1);
    end = Math.min(text.length, start + random(8));
  }
  const inserted = random(4) === 0 ? '' : randomText(random);
  return text.slice(0, start) + inserted + text.slice(end);
}
