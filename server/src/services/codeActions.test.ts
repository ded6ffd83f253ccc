import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService } from './languageService';
import type { EditOptions } from './edits/workspaceEditBuilder';
import { uriOf, workspaceOf, type TestWorkspace } from '../testing';
import { guestWith, mynet, mynetPath, networks, othernet, othernetPath } from '../testing';
import { applyWorkspaceEdit } from '../testing/workspaceEdits';

const service = getLanguageService();

/** The quick fixes offered for the file's diagnostics with this code. */
async function quickFixes(
  files: Record<string, string>,
  path: string,
  code: string,
  options: EditOptions = {},
): Promise<{ actions: CodeAction[]; workspace: TestWorkspace }> {
  const workspace = workspaceOf(files);
  const document = workspace.document(path);
  const diagnostics: Diagnostic[] = service.doValidation(document, workspace.index).filter((d) => d.code === code);
  assert.ok(diagnostics.length > 0, `no ${code} diagnostic in ${path}`);
  return { actions: await service.getCodeActions(document, { diagnostics }, workspace.index, options), workspace };
}

/** The files after applying one action's edit, by path. */
function applied(files: Record<string, string>, workspace: TestWorkspace, action: CodeAction | undefined): Record<string, string> {
  assert.ok(action?.edit, 'no such action');
  const texts = Object.fromEntries(Object.keys(files).map((name) => [uriOf(name), workspace.document(name).xml.text]));
  const edited = applyWorkspaceEdit(texts, action.edit);
  return Object.fromEntries(Object.keys(files).map((name) => [name, edited[uriOf(name)]]));
}

function titled(actions: readonly CodeAction[], title: string): CodeAction | undefined {
  return actions.find((action) => action.title === title);
}

describe('quick fixes for unknown names', () => {
  const guest = guestWith("    <interface type='network'>\n      <source network='mynet' portgroup='plug'/>\n    </interface>");
  const files = { ...networks, 'domains/guest.xml': guest };

  it('changes an unknown portgroup to the closest one', async () => {
    const { actions, workspace } = await quickFixes(files, 'domains/guest.xml', 'unknown-portgroup');
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Change to 'plugh'", "Create portgroup 'plug' in network 'mynet'"],
    );
    assert.equal(actions[0].isPreferred, true);
    assert.equal(applied(files, workspace, actions[0])['domains/guest.xml'], guest.replace("'plug'", "'plugh'"));
  });

  it("creates the portgroup in the network's file, after its last portgroup, indented and quoted as that file is", async () => {
    const { actions, workspace } = await quickFixes(files, 'domains/guest.xml', 'unknown-portgroup');
    const result = applied(files, workspace, titled(actions, "Create portgroup 'plug' in network 'mynet'"));
    assert.equal(result[mynetPath], mynet.replace('  </portgroup>\n</network>', "  </portgroup>\n  <portgroup name='plug'/>\n</network>"));
    assert.equal(result['domains/guest.xml'], guest);
  });

  it('follows a file written with four spaces and double quotes', async () => {
    const styled =
      '<network>\n    <name>wide</name>\n    <forward mode="nat"/>\n    <portgroup name="a">\n        <tag name="x"/>\n    </portgroup>\n</network>\n';
    const user = guestWith('    <interface type="network">\n      <source network="wide" portgroup="b"/>\n    </interface>');
    const styledFiles = { 'networks/wide.xml': styled, 'domains/user.xml': user };
    const { actions, workspace } = await quickFixes(styledFiles, 'domains/user.xml', 'unknown-portgroup');
    const result = applied(styledFiles, workspace, titled(actions, "Create portgroup 'b' in network 'wide'"));
    assert.equal(result['networks/wide.xml'], styled.replace('    </portgroup>\n', '    </portgroup>\n    <portgroup name="b"/>\n'));
  });

  it('does not offer to create a portgroup in a file it may not write', async () => {
    const { actions } = await quickFixes(files, 'domains/guest.xml', 'unknown-portgroup', { canEdit: (uri) => uri !== uriOf(mynetPath) });
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Change to 'plugh'"],
    );
  });

  it('changes an unknown network to the closest one, keeping the quotes', async () => {
    const typo = guestWith('    <interface type="network">\n      <source network="othrnet"/>\n    </interface>');
    const typoFiles = { ...networks, 'domains/typo.xml': typo };
    const { actions, workspace } = await quickFixes(typoFiles, 'domains/typo.xml', 'unknown-network');
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Change to 'othernet'"],
    );
    assert.equal(applied(typoFiles, workspace, actions[0])['domains/typo.xml'], typo.replace('"othrnet"', '"othernet"'));
  });
});

describe('quick fixes in network files', () => {
  it('removes a floor from a portgroup', async () => {
    const withFloor = othernet.replace(
      "<portgroup name='alpha'/>",
      "<portgroup name='alpha'>\n    <bandwidth>\n      <inbound average='100' floor='50'/>\n    </bandwidth>\n  </portgroup>",
    );
    const files = { [othernetPath]: withFloor };
    const { actions, workspace } = await quickFixes(files, othernetPath, 'floor-unsupported-by-network');
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Remove floor'],
    );
    assert.equal(applied(files, workspace, actions[0])[othernetPath], withFloor.replace(" floor='50'", ''));
  });

  it('unsets the default on the other portgroups, or on this one', async () => {
    const twoDefaults = othernet
      .replace("<portgroup name='alpha'/>", "<portgroup name='alpha' default='yes'/>")
      .replace("<portgroup name='beta'/>", "<portgroup name='beta'\n      default='yes'/>");
    const files = { [othernetPath]: twoDefaults };
    const { actions, workspace } = await quickFixes(files, othernetPath, 'multiple-default-portgroups');
    assert.deepEqual(
      actions.map((a) => a.title),
      ["Unset default on the other portgroups (keep 'beta')", "Unset default on portgroup 'beta'"],
    );
    assert.equal(
      applied(files, workspace, actions[0])[othernetPath],
      othernet.replace("<portgroup name='beta'/>", "<portgroup name='beta'\n      default='yes'/>"),
    );
    assert.equal(applied(files, workspace, actions[1])[othernetPath], othernet.replace("<portgroup name='alpha'/>", "<portgroup name='alpha' default='yes'/>"));
  });

  it('offers nothing when only other kinds of actions are asked for, or for diagnostics of other tools', async () => {
    const workspace = workspaceOf({ [othernetPath]: othernet.replace("mode='nat'", "mode='nta'") });
    const document = workspace.document(othernetPath);
    const diagnostics = service.doValidation(document, workspace.index).filter((d) => d.code === 'invalid-value');
    assert.ok(diagnostics.length > 0);
    assert.ok((await service.getCodeActions(document, { diagnostics }, workspace.index)).some((a) => a.title === "Change to 'nat'"));
    assert.deepEqual(await service.getCodeActions(document, { diagnostics, only: ['refactor'] }, workspace.index), []);
    const foreign = diagnostics.map((d) => ({ ...d, source: 'xml' }));
    assert.deepEqual(await service.getCodeActions(document, { diagnostics: foreign }, workspace.index), []);
  });
});
