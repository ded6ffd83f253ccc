import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from './languageService';
import { workspaceWithCursor } from '../testing';
import { mynetPath, otherGuestPath } from '../testing';
import { describeLocations } from '../testing/locations';
import { cursorAfter, navigationFilesWith, webGuestPath } from '../testing/navigationFixtures';

const service = getLanguageService();

function definitionAt(path: string, before: string): string[] {
  const workspace = workspaceWithCursor(navigationFilesWith(path, cursorAfter(before)));
  return describeLocations(workspace, service.findDefinition(workspace.at.document, workspace.at.position, workspace.index));
}

describe('go to definition', () => {
  it("goes from <source network> to the network's <name>, in the file defining it", () => {
    assert.deepEqual(definitionAt(webGuestPath, "network='my"), ['networks/mynet.xml:2 mynet']);
    assert.deepEqual(definitionAt(webGuestPath, 'network="other'), ['networks/othernet.xml:2 othernet']);
  });

  it('goes from <source portgroup> to that portgroup of the network named beside it', () => {
    assert.deepEqual(definitionAt(webGuestPath, "portgroup='plu"), ['networks/mynet.xml:17 plugh']);
    assert.deepEqual(definitionAt(webGuestPath, 'portgroup="alpha'), ['networks/othernet.xml:8 alpha']);
  });

  it('answers a definition with itself', () => {
    assert.deepEqual(definitionAt(mynetPath, '<name>my'), ['networks/mynet.xml:2 mynet']);
    assert.deepEqual(definitionAt(mynetPath, "portgroup name='xy"), ['networks/mynet.xml:7 xyzzy']);
  });

  it('goes from a tag to every other place carrying it', () => {
    assert.deepEqual(definitionAt(webGuestPath, "tag name='w"), ['networks/mynet.xml:15 web']);
    assert.deepEqual(definitionAt(mynetPath, "tag name='w"), ['domains/web.xml:7 web']);
    const three = workspaceWithCursor({
      ...navigationFilesWith(otherGuestPath, (t) => t.replace("<tag name='frontend'/>", "<tag name='frontend'/>\n      <tag name='web'/>")),
      [webGuestPath]: navigationFilesWith(webGuestPath, cursorAfter("tag name='w"))[webGuestPath],
    });
    assert.deepEqual(describeLocations(three, service.findDefinition(three.at.document, three.at.position, three.index)), [
      'domains/other.xml:7 web',
      'networks/mynet.xml:15 web',
    ]);
    // The only tag of its name: itself.
    assert.deepEqual(definitionAt(otherGuestPath, "tag name='fr"), ['domains/other.xml:6 frontend']);
  });

  it('finds nothing for unknown names, and nothing where libvirt reads no name', () => {
    const unknown = workspaceWithCursor(navigationFilesWith(webGuestPath, (t) => t.replace("network='mynet'", "network='nowh|ere'")));
    assert.deepEqual(service.findDefinition(unknown.at.document, unknown.at.position, unknown.index), []);
    assert.deepEqual(definitionAt(webGuestPath, "bridge='my"), []);
    assert.deepEqual(definitionAt(webGuestPath, '<description>my'), []);
  });
});
