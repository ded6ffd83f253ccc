import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shortDisplayPath, workspaceRelativePath } from './displayPath';
import { escapeMarkdown, inlineCode, lineLink } from './markdown';
import { snippetToPlainText } from './snippetText';

describe('display paths', () => {
  it('names a file by its place in the workspace folder, else by its last two segments', () => {
    const relative = workspaceRelativePath(() => ['file:///home/me/vms']);
    assert.equal(relative('file:///home/me/vms/networks/my%20net.xml'), 'networks/my net.xml');
    assert.equal(relative('file:///etc/libvirt/qemu/networks/default.xml'), 'networks/default.xml');
    assert.equal(shortDisplayPath('untitled:Untitled-1'), 'Untitled-1');
  });
});

describe('markdown helpers', () => {
  it('fences inline code longer than any backtick run inside', () => {
    assert.equal(inlineCode('plain'), '`plain`');
    assert.equal(inlineCode('a`b'), '``a`b``');
    assert.equal(inlineCode('`edge`'), '`` `edge` ``');
  });

  it('escapes markup and HTML in plain text', () => {
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)> *b* [l](x)'), '&lt;img src=x onerror=alert(1)&gt; \\*b\\* \\[l\\](x)');
    assert.equal(escapeMarkdown('one\n# two'), 'one # two');
  });

  it('links to a one-based line and keeps the link destination intact', () => {
    assert.equal(lineLink('here', 'file:///a (1).xml', 0), '[here](file:///a%20%281%29.xml#L1)');
  });
});

describe('snippets as plain text', () => {
  it('keeps defaults, the first choice, and nothing of tab stops', () => {
    assert.equal(snippetToPlainText("inbound average='${1:1000}'/>"), "inbound average='1000'/>");
    assert.equal(snippetToPlainText("mode='${1|nat,route|}'"), "mode='nat'");
    assert.equal(snippetToPlainText('devices>\n\t$0\n</devices>'), 'devices>\n  \n</devices>');
  });
});
