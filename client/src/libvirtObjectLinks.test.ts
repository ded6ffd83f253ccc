import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { libvirtLinksAsCommandLinks, positionOfFragment } from './libvirtObjectLinks';

const command = 'libvirtXml.openLibvirtObject';

/** What VS Code's opener does with a command link's query: URI-decode, then parse as JSON. */
function argumentsOf(commandLink: string): unknown {
  const match = /^command:([^?]+)\?(.*)$/.exec(commandLink);
  assert.ok(match, `not a command link: ${commandLink}`);
  assert.equal(match[1], command);
  return JSON.parse(decodeURIComponent(match[2]));
}

/** The destinations of the markdown's links. */
function destinations(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^()\s]+)\)/g)].map((m) => m[1]);
}

describe('libvirtLinksAsCommandLinks', () => {
  it('turns a link to a libvirt: object into a command link that passes the URI and its line', () => {
    const markdown = 'network `default` · [`qemu:///system network default`](libvirt://system/network/default.xml#L3)';
    const rewritten = libvirtLinksAsCommandLinks(markdown, command);
    const [target] = destinations(rewritten);
    assert.deepEqual(argumentsOf(target), ['libvirt://system/network/default.xml#L3']);
    assert.ok(rewritten.startsWith('network `default` · [`qemu:///system network default`](command:'), rewritten);
  });

  it('keeps the link\'s title, its tooltip ("qemu:///system network default, line 3")', () => {
    const markdown = '[`default`](libvirt://system/network/default.xml#L3 "qemu:///system network \\"default\\", line 3") and more';
    const rewritten = libvirtLinksAsCommandLinks(markdown, command);
    const match = /\]\((command:[^()\s]+) ("(?:[^"\\]|\\.)*")\) and more$/.exec(rewritten);
    assert.ok(match, rewritten);
    assert.deepEqual(argumentsOf(match[1]), ['libvirt://system/network/default.xml#L3']);
    assert.equal(match[2], '"qemu:///system network \\"default\\", line 3"');
  });

  it('keeps the %-escapes of the URI, and writes no parenthesis that would end the destination', () => {
    const uri = 'libvirt://system/network/lx%20test%20%22quoted%22%20%28x%29%20%C3%BC.xml#L1';
    const [target] = destinations(libvirtLinksAsCommandLinks(`[n](${uri})`, command));
    assert.doesNotMatch(target, /[()\s]/);
    assert.deepEqual(argumentsOf(target), [uri]);
  });

  it('rewrites every libvirt: link and leaves file links as they are (VS Code opens those itself)', () => {
    const markdown = [
      '- [portgroup `xyzzy` in `networks/mynet.xml`](file:///w/networks/mynet.xml#L10)',
      '- [qemu:///system network a](libvirt://system/network/a.xml#L2)',
      '- [qemu:///session network b](libvirt://session/network/b.xml#L5)',
    ].join('\n');
    const targets = destinations(libvirtLinksAsCommandLinks(markdown, command));
    assert.equal(targets[0], 'file:///w/networks/mynet.xml#L10');
    assert.deepEqual(argumentsOf(targets[1]), ['libvirt://system/network/a.xml#L2']);
    assert.deepEqual(argumentsOf(targets[2]), ['libvirt://session/network/b.xml#L5']);
  });

  it('leaves code spans alone: a name shown as code may look like a link', () => {
    for (const markdown of ['`x](libvirt://system/network/x.xml)`', '``a ` ](libvirt://s/network/y.xml) b``']) {
      assert.equal(libvirtLinksAsCommandLinks(markdown, command), markdown);
    }
    const mixed = '`](libvirt://s/network/in-code.xml)` then [n](libvirt://s/network/real.xml#L1)';
    const rewritten = libvirtLinksAsCommandLinks(mixed, command);
    assert.ok(rewritten.startsWith('`](libvirt://s/network/in-code.xml)` then [n](command:'), rewritten);
  });

  it('an unmatched backtick does not hide the links after it', () => {
    const rewritten = libvirtLinksAsCommandLinks('a ` b [n](libvirt://s/network/n.xml#L1)', command);
    assert.match(rewritten, /\[n\]\(command:/);
  });

  it('leaves an escaped bracket alone (text, not the end of a link label)', () => {
    const markdown = 'name x\\](libvirt://s/network/x.xml)';
    assert.equal(libvirtLinksAsCommandLinks(markdown, command), markdown);
    // An escaped backslash before the bracket leaves the bracket unescaped: a link.
    assert.match(libvirtLinksAsCommandLinks('[a\\\\](libvirt://s/network/x.xml)', command), /\]\(command:/);
  });

  it('returns markdown without libvirt: links unchanged', () => {
    const markdown = '**bandwidth** — from [this interface](file:///w/d.xml#L12) and libvirt: the word';
    assert.equal(libvirtLinksAsCommandLinks(markdown, command), markdown);
  });
});

describe('positionOfFragment', () => {
  it('reads the line (and column) as VS Code does, 1-based, into a 0-based position', () => {
    assert.deepEqual(positionOfFragment('L3'), { line: 2, character: 0 });
    assert.deepEqual(positionOfFragment('L12,5'), { line: 11, character: 4 });
    assert.deepEqual(positionOfFragment('7'), { line: 6, character: 0 });
    assert.deepEqual(positionOfFragment('L0'), { line: 0, character: 0 });
  });

  it('is undefined without a line', () => {
    assert.equal(positionOfFragment(''), undefined);
    assert.equal(positionOfFragment('top'), undefined);
  });
});
