import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findCorpus, randomlyEdited, repoRoot, seededRandom } from '../testing';
import { LineIndex } from '../util/lineIndex';
import { carryWellFormedness } from './wellFormedAfterEdit';
import { checkWellFormedness } from './wellFormedness';
import { parseXml } from './xmlParser';

/** The examples, and (when it is there) a sample of libvirt's own test files. */
function sampleTexts(): string[] {
  const files: string[] = [];
  const walk = (dir: string, limit: number) => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (files.length >= limit) return;
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full, limit);
      else if (name.endsWith('.xml')) files.push(full);
    }
  };
  walk(path.join(repoRoot(), 'examples'), 100);
  const corpus = findCorpus();
  if (corpus) {
    walk(path.join(corpus, 'tests', 'networkxml2xmlin'), files.length + 30);
    walk(path.join(corpus, 'tests', 'qemuxml2argvdata'), files.length + 30);
  }
  return files.map((file) => fs.readFileSync(file, 'utf8'));
}

describe("the validator's verdict carried over a value edit", () => {
  it('gives the well-formedness findings of validating the new text, on seeded random edits', () => {
    const random = seededRandom(19);
    const texts = sampleTexts();
    let carried = 0;
    let edits = 0;
    for (const original of texts) {
      let before = parseXml(original);
      checkWellFormedness(before, new LineIndex(original));
      for (let step = 0; step < 12; step++) {
        const text = randomlyEdited(before, random);
        const lines = new LineIndex(text);
        const after = parseXml(text);
        const validated = checkWellFormedness(parseXml(text), lines);
        edits++;
        if (carryWellFormedness(before, after)) {
          carried++;
          assert.deepStrictEqual(checkWellFormedness(after, lines), validated, `edit ${step} of a ${original.length}-character file`);
        } else {
          checkWellFormedness(after, lines);
        }
        before = after;
      }
    }
    // Enough of the edits take the short way for the comparison to mean something.
    assert.ok(carried >= edits / 5, `${carried} of ${edits} verdicts carried`);
  });

  it('is not carried when the edit reaches markup, adds a quote to an attribute value, or the text has a DOCTYPE', () => {
    const text = "<domain type='kvm'><name>a</name><memory>1</memory></domain>";
    const carried = (before: string, after: string) => {
      const document = parseXml(before);
      checkWellFormedness(document, new LineIndex(before));
      return carryWellFormedness(document, parseXml(after));
    };
    assert.equal(carried(text, text.replace('<name>a', '<name>ab')), true);
    assert.equal(carried(text, text.replace("'kvm'", "'kvm2'")), true);
    assert.equal(carried(text, text.replace('<name>a', '<name>a<')), false);
    assert.equal(carried(text, text.replace('<name>a', '<name>a&amp;')), false);
    assert.equal(carried(text, text.replace("'kvm'", "'kv'm'")), false);
    assert.equal(carried(text, text.replace('<memory>', '<memor>')), false);
    const doctype = `<!DOCTYPE domain [<!ENTITY e "x">]>${text}`;
    assert.equal(carried(doctype, doctype.replace('<name>a', '<name>ab')), false);
  });

  it('is not carried from a document the validator refused', () => {
    // A bare attribute: the parser reads it without a recovery, the validator refuses it.
    const text = "<domain type='kvm'><name>a</name><memory bare>1</memory></domain>";
    const before = parseXml(text);
    assert.equal(before.recoveries.length, 0);
    assert.ok(checkWellFormedness(before, new LineIndex(text)).length > 0);
    assert.equal(carryWellFormedness(before, parseXml(text.replace('<name>a', '<name>ab'))), false);
  });
});
