import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexedFileOf, indexedFileOfInSlices } from './indexedFile';
import { keptSlice } from './keptModel';
import { packKeptRecord } from './keptRecord';
import { parseLibvirtDocument, parseLibvirtDocumentInSlices } from './libvirtDocument';
import { manyInterfaces } from '../testing';
import { runToEnd } from '../util/slicedWork';
import { StringTable } from '../util/stringTable';

describe('a large document read in slices', () => {
  it('gives the document parseLibvirtDocument gives, in many slices', () => {
    const text = manyInterfaces(1000);
    const work = parseLibvirtDocumentInSlices('file:///d.xml', text, 4);
    let slices = 0;
    while (!work.next().done) slices++;
    assert.ok(slices > 5, `${slices} slices`);
    const document = runToEnd(parseLibvirtDocumentInSlices('file:///d.xml', text, 4));
    assert.deepEqual(document, parseLibvirtDocument('file:///d.xml', text, 4));
    assert.equal(document.object?.kind === 'domain' && document.object.interfaces.length, 1000);
  });
});

describe("a large file's record for the index, made in slices", () => {
  it('is the record indexedFileOf makes at once, in a slice per few hundred interfaces', () => {
    const text = manyInterfaces(2000);
    const document = parseLibvirtDocument('file:///d.xml', text);
    const work = indexedFileOfInSlices(document, new StringTable(1000));
    let slices = 0;
    let step = work.next();
    for (; !step.done; step = work.next()) slices++;
    // Copying the kept model and packing it each walk the 2,000 interfaces and their elements.
    assert.ok(slices >= 4 * (2000 / keptSlice), `${slices} slices`);
    const atOnce = indexedFileOf(document, new StringTable(1000));
    assert.deepEqual([step.value.digest, step.value.lines], [atOnce.digest, atOnce.lines]);
    // Packed again, the two models give the same bytes and strings: every value, range and element alike.
    const [sliced, whole] = [step.value.object, atOnce.object].map((object) => object && packKeptRecord(object));
    assert.deepEqual(sliced, whole);
  });
});
