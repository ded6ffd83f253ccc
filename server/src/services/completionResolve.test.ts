import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from './languageService';
import { workspaceWithCursor } from '../testing';
import { guestWith, networks, otherGuest, otherGuestPath } from '../testing';

/**
 * With lazyDocumentation (the server sets it for clients that resolve completion items), the
 * items of workspace names carry no documentation; resolving an item gives it exactly the
 * documentation the eager list has. Every other field is the same.
 */
const service = getLanguageService();

function bothWays(interfaceXml: string) {
  const workspace = workspaceWithCursor({ ...networks, [otherGuestPath]: otherGuest, 'domains/guest.xml': guestWith(interfaceXml) });
  const { document, position } = workspace.at;
  const eager = service.doComplete(document, position, workspace.index, {});
  const lazy = service.doComplete(document, position, workspace.index, { lazyDocumentation: true });
  return { eager, lazy, resolve: (item: (typeof lazy.items)[0]) => service.resolveCompletionItem(item, document, workspace.index) };
}

describe('completion: lazily resolved documentation', () => {
  for (const [what, xml] of [
    ['network names', "<interface type='network'><source network='|'/></interface>"],
    ['portgroup names', "<interface type='network'><source network='mynet' portgroup='|'/></interface>"],
    ['tag names', "<interface type='network'><source network='mynet'/><tag name='|'/></interface>"],
  ] as const) {
    it(`${what}: resolving gives what the eager list has`, () => {
      const { eager, lazy, resolve } = bothWays(xml);
      assert.ok(eager.items.length > 0);
      assert.equal(lazy.items.length, eager.items.length);
      for (const [i, item] of lazy.items.entries()) {
        assert.equal(item.documentation, undefined, item.label);
        const { data, ...resolved } = resolve(item);
        assert.ok(data, item.label);
        assert.deepEqual(resolved, eager.items[i]);
      }
    });
  }

  it('an item that is not lazy is returned as it is', () => {
    const { eager, resolve } = bothWays("<interface type='network'><source network='|'/></interface>");
    assert.equal(resolve(eager.items[0]), eager.items[0]);
  });
});

describe('completion: a long list of workspace names is limited', () => {
  function completeWith(xml: string, maxReferenceItems: number) {
    const workspace = workspaceWithCursor({ ...networks, [otherGuestPath]: otherGuest, 'domains/guest.xml': guestWith(xml) });
    return service.doComplete(workspace.at.document, workspace.at.position, workspace.index, { maxReferenceItems });
  }
  const labels = (list: { items: Array<{ label: string }> }) => list.items.map((item) => item.label);

  it('up to the limit, the whole list as before (the editor filters it)', () => {
    const all = completeWith("<interface type='network'><source network='o|'/></interface>", 100);
    assert.equal(all.isIncomplete, false);
    assert.deepEqual(labels(all), ['mynet', 'othernet']);
  });

  it('beyond it, the names holding what is typed, those starting with it first, in an incomplete list', () => {
    const limited = completeWith("<interface type='network'><source network='ne|'/></interface>", 1);
    assert.equal(limited.isIncomplete, true);
    assert.deepEqual(labels(limited), ['mynet']);
    const starting = completeWith("<interface type='network'><source network='ot|'/></interface>", 1);
    assert.deepEqual(labels(starting), ['othernet']);
    const none = completeWith("<interface type='network'><source network='zz|'/></interface>", 1);
    assert.equal(none.isIncomplete, true);
    assert.deepEqual(labels(none), []);
  });
});
