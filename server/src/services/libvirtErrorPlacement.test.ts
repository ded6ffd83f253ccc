import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { placeLibvirtError } from './libvirtErrorPlacement';

const network = [
  '<network>',
  '  <name>lab</name>',
  "  <forward mode='nta'/>",
  "  <bridge name='virbr9'/>",
  "  <portgroup name='standard' default='yes'/>",
  "  <portgroup name='premium' default='yes'/>",
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

  it('marks the object’s own name only when the message quotes nothing else it finds, without the white space around it', () => {
    assert.deepEqual(placed("operation failed: network 'lab' already exists with uuid 1234"), { text: 'lab', pinned: true });
    assert.deepEqual(placed("internal error: bridge name 'virbr9' already in use (network 'lab')"), { text: 'virbr9', pinned: true });
  });

  it('marks the last element of the kind the message names whose value it spells', () => {
    const message = "XML error: network 'lab' has multiple default <portgroup> elements (standard and premium), but only one default is allowed";
    assert.deepEqual(placed(message), { text: 'premium', pinned: true });
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
