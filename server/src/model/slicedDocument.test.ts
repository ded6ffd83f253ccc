import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLibvirtDocument, parseLibvirtDocumentInSlices } from './libvirtDocument';
import { manyInterfaces } from '../testing';
import { runToEnd } from '../util/slicedWork';

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
