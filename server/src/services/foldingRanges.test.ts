import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FoldingRangeKind } from 'vscode-languageserver-types';
import { getLanguageService } from './languageService';
import { domainWith, workspaceOf } from '../testing';
import { maxItemsPerDocument } from './resultLimit';

const service = getLanguageService();

describe('folding ranges', () => {
  it('folds elements spanning lines (end tag left visible) and comments spanning lines', () => {
    const text = [
      '<network>', //                          0
      '  <name>n</name>', //                   1
      '  <!-- a comment', //                   2
      '       on two lines -->', //            3
      "  <portgroup name='a'>", //             4
      '    <vlan>', //                         5
      "      <tag id='1'/>", //                6
      '    </vlan>', //                        7
      '  </portgroup>', //                     8
      '  <!-- one line -->', //                9
      '  <description><![CDATA[<!--', //      10
      '  not a comment -->]]></description>', // 11
      '</network>', //                         12
      '',
    ].join('\n');
    const ranges = service.getFoldingRanges(workspaceOf({ 'networks/n.xml': text }).document('networks/n.xml'));
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 11 },
      { startLine: 2, endLine: 3, kind: FoldingRangeKind.Comment },
      { startLine: 4, endLine: 7 },
      { startLine: 5, endLine: 6 },
    ]);
  });

  it('gives at most 5000 ranges, or fewer when the client asks (rangeLimit), the outermost first', () => {
    // A domain of 6000 interfaces written over three lines each: 6002 ranges without the bound.
    const multiLine = "<interface type='network'>\n      <source network='n'/>\n    </interface>";
    const document = workspaceOf({ 'domains/big.xml': domainWith(...Array.from({ length: 6000 }, () => multiLine)) }).document('domains/big.xml');
    const ranges = service.getFoldingRanges(document);
    assert.equal(ranges.length, maxItemsPerDocument);
    assert.deepEqual(ranges.slice(0, 2), [
      { startLine: 0, endLine: 18003 },
      { startLine: 2, endLine: 18002 },
    ]);
    assert.equal(service.getFoldingRanges(document, 10).length, 10);
  });
});
