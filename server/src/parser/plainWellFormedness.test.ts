import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { isPlainlyWellFormed } from './plainWellFormedness';
import { findCorpus, guestWith, mynet, othernet, otherGuest, repoRoot } from '../testing';

const validatorAccepts = (text: string) => XMLValidator.validate(text, { allowBooleanAttributes: false }) === true;

/** Our fixtures, examples and libvirt's test corpus when it is there. */
function seedTexts(): string[] {
  const texts = [mynet, othernet, otherGuest, guestWith(`<interface type='network'><source network='mynet'/></interface>`)];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.xml')) texts.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(repoRoot(), 'examples'));
  const corpus = findCorpus();
  if (corpus) walk(path.join(corpus, 'tests'));
  return texts;
}

/** mulberry32: the same seed, the same mutations. */
function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** Pieces that sit at the edge of what either side accepts. */
const fragments = [
  '<',
  '</',
  '>',
  '/>',
  '/',
  "'",
  '"',
  '=',
  '&',
  '&amp;',
  '&lt;',
  '&#10;',
  '&#x1F;',
  '&#;',
  '&#x;',
  '&nbsp;',
  '&a_b;',
  ';',
  '<!--',
  '-->',
  '--',
  '<!---->',
  '<![CDATA[x]]>',
  ']]>',
  '<!DOCTYPE d>',
  '<?xml version="1.0"?>',
  '<?pi x?>',
  '?>',
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '\u00a0',
  '\ufeff',
  '\ufffd',
  'é',
  '<a>',
  '</a>',
  '<a/>',
  "<a x='1'/>",
  " x='1'",
  ' x="1"',
  ' x=1',
  " x='1' x='2'",
  " y='<'",
  " y='>'",
  " y='&'",
  'x',
  '1',
  '-',
  '.',
  ':',
  '_',
  '<1a>',
  '<-a>',
  '<:a>',
  '<a:b>',
  '<é>',
  '</a >',
  '< a>',
];

function mutate(text: string, random: (n: number) => number): string {
  const at = random(text.length + 1);
  switch (random(4)) {
    case 0:
      return text.slice(0, at) + fragments[random(fragments.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + random(8));
    case 2:
      return text.slice(0, at) + String.fromCharCode(random(0x80)) + text.slice(at + 1);
    default: {
      const from = random(text.length + 1);
      return text.slice(0, at) + text.slice(from, from + random(40)) + text.slice(at);
    }
  }
}

describe('plain well-formedness (the quick yes before the validator)', () => {
  test('plain documents are recognised: declaration, comments, attributes, references, a byte order mark', () => {
    for (const text of [
      `<?xml version='1.0' encoding='UTF-8'?>\n<!-- c -->\n<network>\n  <name>a &amp; b &#233; &#xE9;</name>\n</network>\n`,
      `\ufeff<domain type="kvm"><devices><interface type = 'network' ><source network="n" portgroup='p'/></interface></devices></domain>`,
      `<a\n  b='1'\n  c="2 ' >"\n/>\n<!---->\n`,
    ]) {
      assert.equal(isPlainlyWellFormed(text), true, JSON.stringify(text));
      assert.equal(validatorAccepts(text), true, JSON.stringify(text));
    }
  });

  test('anything unusual is left to the validator, well-formed or not', () => {
    for (const text of [
      `<!DOCTYPE d [<!ENTITY e "x">]><d>&e;</d>`,
      `<d><![CDATA[x]]></d>`,
      `<d><?pi?></d>`,
      ` <?xml version='1.0'?><d/>`,
      `<d>&nbsp;</d>`,
      `<é/>`,
      `<d x='1' x='2'/>`,
      `<d${Array.from({ length: 40 }, (_, i) => ` a${i}='${i}'`).join('')} a39='again'/>`,
      `<d x='1'y='2'/>`,
      `<d x='<'/>`,
      `<d><!-- a -- b --></d>`,
      `<d></e>`,
      `<d/><d/>`,
      `<d/>x`,
      `<d>`,
      ``,
    ]) {
      assert.equal(isPlainlyWellFormed(text), false, JSON.stringify(text));
    }
  });

  test('the property: whatever is plain, the validator accepts (seeds and 20,000 seeded mutations of them)', () => {
    const seeds = seedTexts();
    const random = seededRandom(19);
    let plain = 0;
    for (const seed of seeds) {
      if (isPlainlyWellFormed(seed)) {
        plain++;
        assert.ok(validatorAccepts(seed), `plain but refused by the validator: ${seed.slice(0, 300)}`);
      }
    }
    // Most real documents are plain, or the quick path would buy nothing.
    assert.ok(plain >= seeds.length * 0.8, `${plain} of ${seeds.length} seeds are plain`);
    const small = seeds.filter((seed) => seed.length <= 20_000);
    for (let n = 0; n < 20_000; n++) {
      let text = small[random(small.length)];
      for (let k = 1 + random(3); k > 0; k--) text = mutate(text, random);
      if (isPlainlyWellFormed(text)) assert.ok(validatorAccepts(text), `plain but refused by the validator: ${JSON.stringify(text)}`);
    }
  });
});
