import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { indexedFileOf } from '../model/indexedFile';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { mynet, uriOf } from '../testing';
import { StringTable } from '../util/stringTable';
import { modelSummary, networkEditScope, touchesPortGroup, type NetworkEditScope } from './networkEditScope';
import { parseXml } from '../parser/xmlParser';
import { LineIndex } from '../util/lineIndex';

const uri = uriOf('networks/mynet.xml');
const version = (text: string, n = 1) => parseLibvirtDocument(uri, text, n);

function scopeOf(edited: string): NetworkEditScope | undefined {
  return networkEditScope(version(mynet), version(edited, 2));
}

describe('networkEditScope: what an edit of a network can change for its users', () => {
  test('a portgroup renamed: the old and the new name, and the list of names', () => {
    const scope = scopeOf(mynet.replace("name='plugh'", "name='plover'"));
    assert.ok(scope);
    assert.deepEqual([...scope.portGroups].sort(), ['plover', 'plugh']);
    assert.equal(scope.portGroupNames, true);
    assert.equal(scope.defaultPortGroup, false);
    assert.equal(touchesPortGroup(scope, 'plugh'), true);
    assert.equal(touchesPortGroup(scope, 'xyzzy'), false);
    assert.equal(touchesPortGroup(scope, undefined), false);
    // Unknown before and after: its message lists the names, which changed.
    assert.equal(touchesPortGroup(scope, 'nope'), true);
  });

  test("the default portgroup's settings: its users and the interfaces naming none ('' is none)", () => {
    const scope = scopeOf(mynet.replace("<tag id='42'/>", "<tag id='43'/>"));
    assert.ok(scope);
    assert.deepEqual([...scope.portGroups], ['xyzzy']);
    assert.equal(scope.portGroupNames, false);
    assert.equal(touchesPortGroup(scope, undefined), true);
    assert.equal(touchesPortGroup(scope, ''), true);
    assert.equal(touchesPortGroup(scope, 'plugh'), false);
    assert.equal(touchesPortGroup(scope, 'nope'), false);
  });

  test('another portgroup made the default', () => {
    const scope = scopeOf(mynet.replace("name='xyzzy' default='yes'", "name='xyzzy'").replace("name='plugh'", "name='plugh' default='YES'"));
    assert.ok(scope);
    assert.equal(scope.defaultPortGroup, true);
  });

  test("the network's own settings or its name: every user (no scope)", () => {
    assert.equal(scopeOf(mynet.replace("<bridge name='br0'/>", "<bridge name='br1'/>")), undefined);
    assert.equal(scopeOf(mynet.replace("<tag name='prod'/>", "<tag name='dev'/>")), undefined);
    assert.equal(scopeOf(mynet.replace('<name>mynet</name>', '<name>yournet</name>')), undefined);
    // A line added above them moves the places findings point at.
    assert.equal(scopeOf(mynet.replace('<forward', '<!-- -->\n  <forward')), undefined);
  });

  test('what moves only within its own line, or lies after every portgroup, touches nobody', () => {
    const spaced = scopeOf(mynet.replace("<tag id='7'/>", "<tag id='7' />").replace('</network>', '  <ip address="10.0.0.1"/>\n</network>'));
    assert.ok(spaced);
    assert.deepEqual([...spaced.portGroups], ['plugh']);
    const after = scopeOf(mynet.replace('</network>', '  <ip address="10.0.0.1"/>\n</network>'));
    assert.deepEqual(after && [...after.portGroups], []);
  });

  test('the index’s copy of a closed file and the same text open have the same summary', () => {
    const closed = indexedFileOf(version(mynet, 0), new StringTable(100));
    const scope = networkEditScope(closed, version(mynet));
    assert.ok(scope);
    assert.deepEqual([...scope.portGroups], []);
    assert.equal(scope.defaultPortGroup, false);
  });
});

test("a portgroup's summary does not recurse: 100,000 nested elements in it (the fuzz test's input) are written", () => {
  const depth = 100_000;
  const text = `<portgroup name='deep'>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</portgroup>`;
  const summary = modelSummary(parseXml(text).roots[0], new LineIndex(text));
  assert.equal(summary.split('<a ').length - 1, depth);
  assert.ok(summary.startsWith('<portgroup 0:0'), summary.slice(0, 40));
  assert.ok(summary.endsWith('> >'), summary.slice(-10));
});
