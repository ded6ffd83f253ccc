import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from './languageService';
import { workspaceOf } from '../testing';
import { describeLocation } from '../testing/locations';
import { navigationFiles } from '../testing/navigationFixtures';

const service = getLanguageService();
const workspace = workspaceOf(navigationFiles);

function symbols(query: string): string[] {
  return service
    .getWorkspaceSymbols(query, workspace.index)
    .map((s) => `${s.name}${s.containerName ? ` in ${s.containerName}` : ''} @ ${describeLocation(workspace, s.location).split(' ')[0]}`);
}

describe('workspace symbols', () => {
  it('lists networks, portgroups, domains and interfaces of every file', () => {
    assert.deepEqual(symbols(''), [
      'other @ domains/other.xml:2',
      'interface 1 (network mynet) in other @ domains/other.xml:4',
      'web @ domains/web.xml:2',
      'interface 1 (network mynet · portgroup plugh) in web @ domains/web.xml:5',
      'interface 2 (network othernet · portgroup alpha) in web @ domains/web.xml:9',
      'interface 3 (bridge mynet) in web @ domains/web.xml:12',
      'mynet @ networks/mynet.xml:2',
      'xyzzy in mynet @ networks/mynet.xml:7',
      'plugh in mynet @ networks/mynet.xml:17',
      'othernet @ networks/othernet.xml:2',
      'alpha in othernet @ networks/othernet.xml:8',
      'beta in othernet @ networks/othernet.xml:9',
    ]);
  });

  it('keeps the names holding the query letters in order, ignoring case', () => {
    assert.deepEqual(symbols('PLG'), ['interface 1 (network mynet · portgroup plugh) in web @ domains/web.xml:5', 'plugh in mynet @ networks/mynet.xml:17']);
    // An interface's name says what it connects to, so it is found by its network too.
    assert.deepEqual(symbols('othnet'), ['interface 2 (network othernet · portgroup alpha) in web @ domains/web.xml:9', 'othernet @ networks/othernet.xml:2']);
    assert.deepEqual(symbols('zzzz'), []);
  });
});
