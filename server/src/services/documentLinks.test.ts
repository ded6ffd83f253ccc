import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLanguageService } from './languageService';
import { domainWith, textIn, uriOf, workspaceOf } from '../testing';
import { maxItemsPerDocument } from './resultLimit';
import { mynetPath, othernetPath } from '../testing';
import { navigationFiles, navigationFilesWith, webGuestPath } from '../testing/navigationFixtures';

const service = getLanguageService();

describe('document links', () => {
  it("links each <source network> to the defining file at the network's name, and each portgroup to its line", () => {
    const workspace = workspaceOf(navigationFiles);
    const document = workspace.document(webGuestPath);
    const links = service.getDocumentLinks(document, workspace.index);
    assert.deepEqual(
      links.map((link) => [textIn(document, link.range), link.target, link.tooltip]),
      [
        ['mynet', `${uriOf(mynetPath)}#L2`, "Open network 'mynet' in networks/mynet.xml"],
        ['plugh', `${uriOf(mynetPath)}#L17`, "Open portgroup 'plugh' in networks/mynet.xml"],
        ['othernet', `${uriOf(othernetPath)}#L2`, "Open network 'othernet' in networks/othernet.xml"],
        ['alpha', `${uriOf(othernetPath)}#L8`, "Open portgroup 'alpha' in networks/othernet.xml"],
      ],
    );
  });

  it('gives no link to names no file defines, nor in network files', () => {
    const workspace = workspaceOf(navigationFilesWith(webGuestPath, (t) => t.replace("network='mynet'", "network='nowhere'")));
    const links = service.getDocumentLinks(workspace.document(webGuestPath), workspace.index);
    assert.deepEqual(
      links.map((link) => link.target),
      [`${uriOf(othernetPath)}#L2`, `${uriOf(othernetPath)}#L8`],
    );
    assert.deepEqual(service.getDocumentLinks(workspace.document(mynetPath), workspace.index), []);
  });

  it('gives at most 5000 links, in the order of the text', () => {
    const interfaces = Array.from({ length: 3000 }, () => "<interface type='network'><source network='mynet' portgroup='plugh'/></interface>");
    const workspace = workspaceOf({ ...navigationFiles, 'domains/big.xml': domainWith(...interfaces) });
    const document = workspace.document('domains/big.xml');
    const links = service.getDocumentLinks(document, workspace.index);
    assert.equal(links.length, maxItemsPerDocument);
    assert.equal(links.at(-1)?.range.start.line, 3 + maxItemsPerDocument / 2 - 1);
  });
});
