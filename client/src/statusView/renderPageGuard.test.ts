import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InterfaceStatus } from '../../../protocol/src/messages';
import { renderPageGuard } from './renderPageGuard';
import type { StatusPanelModel } from './statusPanelModel';
import { readTags, visibleText } from '../testing/htmlStructure';

function pageOf(first: number, count: number, total: number): StatusPanelModel {
  const iface = (index: number): InterfaceStatus => ({
    index,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    statusXml: '<interface/>',
    provenance: {},
    links: [],
    tags: [],
    notes: [],
    problems: [],
  });
  const interfaces = Array.from({ length: count }, (_, i) => iface(first + i));
  return { documentUri: 'file:///huge.xml', documentName: 'huge.xml', phase: 'ready', interfaces, firstInterface: first, totalInterfaces: total };
}

describe("the status panel's size guard", () => {
  it('says nothing when every interface is shown', () => {
    assert.equal(renderPageGuard(pageOf(0, 3, 3)), '');
    assert.equal(renderPageGuard({ ...pageOf(0, 3, 3), totalInterfaces: undefined }), '');
  });

  it('says what it shows and what it left out, with the pages before and after and a jump', () => {
    const html = renderPageGuard(pageOf(200, 200, 30_000));
    assert.match(visibleText(html), /Showing interfaces 201–400 of 30000: the other 29800 are left out/);
    const buttons = readTags(html).filter((tag) => tag.name === 'button' && !tag.closing);
    assert.deepEqual(
      buttons.map((b) => [b.attributes.get('data-action'), b.attributes.get('data-first'), b.attributes.has('disabled')]),
      [
        ['page', '0', false],
        ['page', '400', false],
        ['jump', undefined, false],
      ],
    );
    const field = readTags(html).find((tag) => tag.name === 'input');
    // A class, not an id: the guard is shown above and below the interfaces.
    assert.deepEqual(
      [field?.attributes.get('class'), field?.attributes.has('id'), field?.attributes.get('max'), field?.attributes.get('value')],
      ['interface-jump', false, '30000', '201'],
    );
  });

  it('disables the way past either end', () => {
    const firstPage = readTags(renderPageGuard(pageOf(0, 200, 450))).filter((tag) => tag.name === 'button' && !tag.closing);
    assert.equal(firstPage[0].attributes.has('disabled'), true);
    assert.equal(firstPage[1].attributes.has('disabled'), false);
    const lastPage = readTags(renderPageGuard(pageOf(400, 50, 450))).filter((tag) => tag.name === 'button' && !tag.closing);
    assert.equal(lastPage[1].attributes.has('disabled'), true);
  });
});
