import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { placeLibvirtError } from './libvirtErrorPlacement';

const network = [
  '<network>',
  '  <name>lab</name>',
  "  <forward mode='nta'/>",
  "  <bridge name='virbr9'/>",
  "  <bandwidth><inbound average='x'/></bandwidth>",
  '</network>',
  '',
].join('\n');
const document = parseLibvirtDocument('libvirt://system/network/lab.xml', network);
const placed = (message: string) => {
  const place = placeLibvirtError(document, message);
  return place && { text: network.slice(place.range.start, place.range.end), pinned: place.pinned };
};

/* Messages as libvirt 9.0 gives them for `virsh net-define` (virNetworkDefParseXML and friends). */
describe('placing libvirt’s define errors', () => {
  it('marks the attribute value the message quotes', () => {
    assert.deepEqual(placed("XML error: unknown forward type 'nta' in network 'lab'"), { text: 'nta', pinned: true });
  });

  it('marks a text the message quotes, without the white space around it', () => {
    assert.deepEqual(placed("operation failed: network 'lab' already exists with uuid 1234"), { text: 'lab', pinned: true });
  });

  it('marks an element the message names as <element>', () => {
    assert.deepEqual(placed('XML error: Invalid inbound average in <bandwidth>'), { text: 'bandwidth', pinned: true });
  });

  it('falls back to the root element when nothing the message names is in the text', () => {
    assert.deepEqual(placed('internal error: Network is already in use by interface virbr0'), { text: 'network', pinned: false });
  });

  it('has no place in a document without elements', () => {
    assert.equal(placeLibvirtError(parseLibvirtDocument('libvirt://system/network/x.xml', 'nothing'), "'x'"), undefined);
  });
});
