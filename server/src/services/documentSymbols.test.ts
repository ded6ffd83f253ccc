import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { getLanguageService } from './languageService';
import { domainWith, textIn, workspaceOf } from '../testing';
import { maxItemsPerDocument } from './resultLimit';
import { mynetPath } from '../testing';
import { navigationFiles, webGuestPath } from '../testing/navigationFixtures';

const service = getLanguageService();
const workspace = workspaceOf(navigationFiles);

/** "name (detail)" with the children indented below. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''}`, ...outline(s.children ?? [], depth + 1)]);
}

describe('document symbols (outline)', () => {
  it('shows a network with its portgroups', () => {
    const symbols = service.getDocumentSymbols(workspace.document(mynetPath));
    assert.deepEqual(outline(symbols), ['mynet (forward bridge)', '  xyzzy (default)', '  plugh']);
    assert.equal(symbols[0].kind, SymbolKind.Namespace);
    assert.equal(textIn(workspace.document(mynetPath), symbols[0].selectionRange), 'mynet');
    assert.equal(textIn(workspace.document(mynetPath), symbols[0].children![1].selectionRange), 'plugh');
  });

  it('shows a domain with its interfaces, their network and portgroup as detail', () => {
    const symbols = service.getDocumentSymbols(workspace.document(webGuestPath));
    assert.deepEqual(outline(symbols), [
      'web (type kvm)',
      '  interface 1 (network mynet · portgroup plugh)',
      '  interface 2 (network othernet · portgroup alpha)',
      '  interface 3 (bridge mynet)',
    ]);
    const first = symbols[0].children![0];
    assert.ok(textIn(workspace.document(webGuestPath), first.range).startsWith("<interface type='network'>"));
    assert.ok(textIn(workspace.document(webGuestPath), first.range).endsWith('</interface>'));
  });

  it('lists at most 5000 interfaces, then one entry saying how many more the outline left out', () => {
    const big = workspaceOf({
      'domains/big.xml': domainWith(
        ...Array.from({ length: maxItemsPerDocument + 3 }, (_, i) => `<interface type='network'><source network='n${i}'/></interface>`),
      ),
    });
    const document = big.document('domains/big.xml');
    const children = service.getDocumentSymbols(document)[0].children ?? [];
    assert.equal(children.length, maxItemsPerDocument + 1);
    assert.equal(children[maxItemsPerDocument - 1].name, 'interface 5000');
    const rest = children[maxItemsPerDocument];
    assert.equal(rest.name, '3 more interfaces (the outline lists 5000)');
    assert.equal(textIn(document, rest.range), [5000, 5001, 5002].map((i) => `<interface type='network'><source network='n${i}'/></interface>`).join('\n    '));
    assert.equal(textIn(document, rest.selectionRange), 'interface');
  });
});
