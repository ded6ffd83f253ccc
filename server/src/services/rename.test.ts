import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditOptions } from './edits/workspaceEditBuilder';
import { getLanguageService } from './languageService';
import { isRefusal } from './rename';
import { textIn, uriOf, workspaceWithCursor } from '../testing';
import { mynet, mynetPath, otherGuest, otherGuestPath, othernet, othernetPath } from '../testing';
import { cursorAfter, navigationFiles, navigationFilesWith, webGuest, webGuestPath } from '../testing/navigationFixtures';
import { applyWorkspaceEdit } from '../testing/workspaceEdits';

const service = getLanguageService();

/** Renames at the cursor; answers the refusal, or every file of the workspace after the edit (by path). */
function rename(path: string, before: string, newName: string, options: EditOptions = {}): string | Record<string, string> {
  const files = navigationFilesWith(path, cursorAfter(before));
  const workspace = workspaceWithCursor(files);
  const answer = service.doRename(workspace.at.document, workspace.at.position, newName, workspace.index, options);
  if (isRefusal(answer)) return answer.refusal;
  const texts = Object.fromEntries(Object.keys(files).map((name) => [uriOf(name), workspace.document(name).xml.text]));
  const edited = applyWorkspaceEdit(texts, answer.edit);
  return Object.fromEntries(Object.keys(files).map((name) => [name, edited[uriOf(name)]]));
}

function renamed(path: string, before: string, newName: string, options: EditOptions = {}): Record<string, string> {
  const result = rename(path, before, newName, options);
  if (typeof result === 'string') assert.fail(`refused: ${result}`);
  return result;
}

function refusal(path: string, before: string, newName: string, options: EditOptions = {}): string {
  const result = rename(path, before, newName, options);
  if (typeof result !== 'string') assert.fail('the rename was not refused');
  return result;
}

describe('rename a network', () => {
  const expected = {
    ...navigationFiles,
    [mynetPath]: mynet.replace('<name>mynet</name>', '<name>lan</name>'),
    [otherGuestPath]: otherGuest.replace("network='mynet'", "network='lan'"),
    // The description and the bridge interface only spell it: untouched.
    [webGuestPath]: webGuest.replace("network='mynet' portgroup", "network='lan' portgroup"),
  };

  it('renames the definition and every use, in every file, from the definition', () => {
    assert.deepEqual(renamed(mynetPath, '<name>my', 'lan'), expected);
  });

  it('does the same from any use', () => {
    assert.deepEqual(renamed(webGuestPath, "network='my", 'lan'), expected);
  });

  it("escapes the new name for where it is written, keeping each value's quotes", () => {
    const result = renamed(webGuestPath, 'network="other', `o'n"e&`);
    assert.equal(result[othernetPath], othernet.replace('<name>othernet</name>', `<name>o'n"e&amp;</name>`));
    assert.equal(result[webGuestPath], webGuest.replace('network="othernet"', `network="o'n&quot;e&amp;"`));
    const single = renamed(webGuestPath, "network='my", `it's`);
    assert.equal(single[otherGuestPath], otherGuest.replace("network='mynet'", "network='it&apos;s'"));
  });

  it('refuses names libvirt rejects, and names already taken', () => {
    assert.match(refusal(mynetPath, '<name>my', 'a/b'), /^Cannot rename network 'mynet' to 'a\/b': a network name cannot contain '\/'/);
    assert.match(refusal(mynetPath, '<name>my', ''), /a network name cannot be empty/);
    assert.match(refusal(mynetPath, '<name>my', 'two\nlines'), /line break/);
    assert.match(refusal(webGuestPath, "network='my", 'othernet'), /a network named 'othernet' is already defined in networks\/othernet.xml/);
  });
});

describe('rename a portgroup', () => {
  it('renames the portgroup and the interfaces naming it, not those of other networks', () => {
    assert.deepEqual(renamed(webGuestPath, "portgroup='plu", 'backend'), {
      ...navigationFiles,
      [mynetPath]: mynet.replace("<portgroup name='plugh'>", "<portgroup name='backend'>"),
      [webGuestPath]: webGuest.replace("portgroup='plugh'", "portgroup='backend'"),
    });
  });

  it('renames the default portgroup where it is named; interfaces getting it by default have nothing to rename', () => {
    assert.deepEqual(renamed(mynetPath, "portgroup name='xy", 'main'), {
      ...navigationFiles,
      [mynetPath]: mynet.replace("name='xyzzy'", "name='main'"),
    });
  });

  it('refuses names outside the schema pattern, and names the network already has', () => {
    assert.match(refusal(othernetPath, "portgroup name='al", 'a b'), /a portgroup name may only contain letters, digits and _ \. - \\ : \//);
    assert.match(refusal(othernetPath, "portgroup name='al", 'beta'), /network 'othernet' already has a portgroup named 'beta'/);
  });
});

describe('rename a tag', () => {
  it('renames every element carrying it, and nothing else spelled the same', () => {
    assert.deepEqual(renamed(mynetPath, "tag name='w", 'www'), {
      ...navigationFiles,
      [mynetPath]: mynet.replace("<tag name='web'/>", "<tag name='www'/>"),
      [webGuestPath]: webGuest.replace("<tag name='web'/>", "<tag name='www'/>"),
    });
  });

  it('refuses an empty name and one already in use', () => {
    assert.match(refusal(mynetPath, "tag name='w", '  '), /a tag name cannot be empty/);
    assert.match(refusal(mynetPath, "tag name='w", 'prod'), /the tag 'prod' is already used/);
  });
});

describe('rename: where and how', () => {
  it('prepares on a name with its range and text, and refuses elsewhere with the reason', () => {
    const workspace = workspaceWithCursor(navigationFilesWith(webGuestPath, cursorAfter("portgroup='pl")));
    const prepared = service.prepareRename(workspace.at.document, workspace.at.position, workspace.index);
    assert.ok(!isRefusal(prepared));
    assert.equal(prepared.placeholder, 'plugh');
    assert.equal(textIn(workspace.at.document, prepared.range), 'plugh');
    const elsewhere = workspaceWithCursor(navigationFilesWith(webGuestPath, cursorAfter('<description>my')));
    const answer = service.prepareRename(elsewhere.at.document, elsewhere.at.position, elsewhere.index);
    assert.ok(isRefusal(answer));
    assert.match(answer.refusal, /Only a network name .* can be renamed/);
  });

  it('refuses when a file to change may not be written (a network folder outside the workspace)', () => {
    const options: EditOptions = { canEdit: (uri) => uri !== uriOf(othernetPath) };
    assert.match(refusal(webGuestPath, 'network="other', 'far', options), /it is written in networks\/othernet.xml, outside the workspace/);
    const workspace = workspaceWithCursor(navigationFilesWith(webGuestPath, cursorAfter('portgroup="al')));
    assert.ok(isRefusal(service.prepareRename(workspace.at.document, workspace.at.position, workspace.index, options)));
    assert.equal(typeof rename(webGuestPath, "network='my", 'lan', options), 'object');
  });

  it('gives one edit, versioned for open documents, null-versioned for the others, when the client takes documentChanges', () => {
    const workspace = workspaceWithCursor(navigationFilesWith(webGuestPath, cursorAfter("network='my")));
    const answer = service.doRename(workspace.at.document, workspace.at.position, 'lan', workspace.index, {
      documentChanges: true,
      openVersion: (uri) => (uri === uriOf(webGuestPath) ? 7 : undefined),
    });
    assert.ok(!isRefusal(answer));
    assert.equal(answer.edit.changes, undefined);
    const versions = (answer.edit.documentChanges ?? []).map((change) =>
      'textDocument' in change ? [change.textDocument.uri, change.textDocument.version] : [],
    );
    assert.deepEqual(
      versions.sort(),
      [
        [uriOf(otherGuestPath), null],
        [uriOf(mynetPath), null],
        [uriOf(webGuestPath), 7],
      ].sort(),
    );
  });
});
