import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from './languageService';
import { workspaceWithCursor } from '../testing';
import { mynetPath, othernetPath } from '../testing';
import { describeLocations } from '../testing/locations';
import { cursorAfter, navigationFilesWith, webGuestPath } from '../testing/navigationFixtures';

const service = getLanguageService();

function referencesAt(path: string, before: string, includeDeclaration = true): string[] {
  const workspace = workspaceWithCursor(navigationFilesWith(path, cursorAfter(before)));
  return describeLocations(workspace, service.findReferences(workspace.at.document, workspace.at.position, workspace.index, includeDeclaration));
}

describe('find all references', () => {
  it('lists every interface using a network, from its definition or from any use', () => {
    const expected = ['networks/mynet.xml:2 mynet', 'domains/other.xml:5 mynet', 'domains/web.xml:6 mynet'];
    assert.deepEqual(referencesAt(mynetPath, '<name>my'), expected);
    assert.deepEqual(referencesAt(webGuestPath, "network='my"), expected);
  });

  it('leaves the definitions out when the declaration is not wanted', () => {
    assert.deepEqual(referencesAt(webGuestPath, "network='my", false), ['domains/other.xml:5 mynet', 'domains/web.xml:6 mynet']);
    assert.deepEqual(referencesAt(othernetPath, "portgroup name='al", false), ['domains/web.xml:10 alpha']);
  });

  it('lists the interfaces naming a portgroup', () => {
    assert.deepEqual(referencesAt(mynetPath, "portgroup name='plu"), ['networks/mynet.xml:17 plugh', 'domains/web.xml:6 plugh']);
    assert.deepEqual(referencesAt(webGuestPath, 'portgroup="al'), ['networks/othernet.xml:8 alpha', 'domains/web.xml:10 alpha']);
  });

  it('counts the interfaces that get the default portgroup by naming none, at their <source network>', () => {
    assert.deepEqual(referencesAt(mynetPath, "portgroup name='xy"), ['networks/mynet.xml:7 xyzzy', 'domains/other.xml:5 mynet']);
  });

  it('lists every element carrying a tag; without the declaration, all but the one at the cursor', () => {
    assert.deepEqual(referencesAt(webGuestPath, "tag name='w"), ['domains/web.xml:7 web', 'networks/mynet.xml:15 web']);
    assert.deepEqual(referencesAt(webGuestPath, "tag name='w", false), ['networks/mynet.xml:15 web']);
  });

  it('never counts text spelled like a name where libvirt reads none', () => {
    assert.deepEqual(referencesAt(webGuestPath, "bridge='my"), []);
    assert.ok(!referencesAt(mynetPath, '<name>my').some((where) => where.includes('web.xml:3') || where.includes('web.xml:13')));
  });
});
