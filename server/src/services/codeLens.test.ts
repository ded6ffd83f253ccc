import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeLens, Location } from 'vscode-languageserver-types';
import { showReferencesCommand } from '../../../protocol/src/commands';
import { usageTitle } from './codeLens';
import { getLanguageService } from './languageService';
import { uriOf, workspaceOf } from '../testing';
import { mynetPath, otherGuestPath } from '../testing';
import { describeLocations } from '../testing/locations';
import { navigationFiles, webGuestPath } from '../testing/navigationFixtures';

const service = getLanguageService();
const workspace = workspaceOf(navigationFiles);

function lenses(path: string): CodeLens[] {
  return service.getCodeLenses(workspace.document(path), workspace.index);
}

function locationsOf(lens: CodeLens): Location[] {
  const locations: unknown = lens.command?.arguments?.[2];
  assert.ok(Array.isArray(locations));
  return locations as Location[];
}

describe('code lens on networks and portgroups', () => {
  it('says how many interfaces in how many domains use the network and each portgroup', () => {
    const mynetLenses = lenses(mynetPath);
    assert.deepEqual(
      mynetLenses.map((lens) => [lens.range.start.line + 1, lens.command?.title]),
      [
        [1, 'used by 2 interfaces in 2 domains'],
        [7, 'used by 1 interface in 1 domain (1 by default)'],
        [17, 'used by 1 interface in 1 domain'],
      ],
    );
  });

  it('opens the references peek at the name, on those interfaces', () => {
    const [networkLens, defaultLens] = lenses(mynetPath);
    assert.equal(networkLens.command?.command, showReferencesCommand);
    assert.deepEqual(networkLens.command?.arguments?.slice(0, 2), [uriOf(mynetPath), { line: 1, character: 8 }]);
    assert.deepEqual(describeLocations(workspace, locationsOf(networkLens)), ['domains/other.xml:5 mynet', 'domains/web.xml:6 mynet']);
    assert.deepEqual(describeLocations(workspace, locationsOf(defaultLens)), ['domains/other.xml:5 mynet']);
  });

  it('shows nothing in domains', () => {
    assert.deepEqual(lenses(webGuestPath), []);
    assert.deepEqual(lenses(otherGuestPath), []);
  });

  it('words the counts', () => {
    assert.equal(usageTitle(0, 0, 0), 'used by no interface');
    assert.equal(usageTitle(3, 1, 0), 'used by 3 interfaces in 1 domain');
  });
});
