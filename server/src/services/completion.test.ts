import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { knownForwardModes } from '../resolver/forwardMode';
import { getLanguageService } from './languageService';
import { textIn, workspaceWithCursor } from '../testing';
import { guestWith, networks, otherGuest, otherGuestPath } from '../testing';
import { item, labels } from '../testing/completionLists';

const service = getLanguageService();

function complete(files: Record<string, string>, options: { snippets?: boolean; triggerCharacter?: string } = {}) {
  const workspace = workspaceWithCursor(files);
  const list = service.doComplete(workspace.at.document, workspace.at.position, workspace.index, options);
  return { list, workspace, document: workspace.at.document };
}

function completeInGuest(interfaceXml: string, options: { snippets?: boolean; triggerCharacter?: string } = {}) {
  return complete({ ...networks, [otherGuestPath]: otherGuest, 'domains/guest.xml': guestWith(interfaceXml) }, options);
}

function edit(completion: CompletionItem): TextEdit {
  const textEdit = completion.textEdit;
  assert.ok(textEdit && 'range' in textEdit, `item '${completion.label}' has no plain text edit`);
  return textEdit;
}

describe('completion of network references', () => {
  it("offers every known network in <source network='|'> with its forward mode and file", () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source network='|'/>
    </interface>`);
    assert.deepEqual(labels(list).sort(), ['mynet', 'othernet']);
    assert.equal(item(list, 'mynet').detail, 'forward bridge · networks/mynet.xml');
    assert.equal(item(list, 'othernet').detail, 'forward nat · networks/othernet.xml');
  });

  it('replaces the whole existing value, not just the part before the cursor', () => {
    const { list, document } = completeInGuest(`    <interface type='network'>
      <source network='oth|ernet' portgroup='alpha'/>
    </interface>`);
    const textEdit = edit(item(list, 'othernet'));
    assert.equal(textIn(document, textEdit.range), 'othernet');
    assert.equal(textEdit.newText, 'othernet');
  });

  it('works in an unterminated value at the end of an unclosed document, and closes the quote', () => {
    const { list, document } = complete({
      ...networks,
      'domains/new.xml': "<domain type='kvm'>\n  <devices>\n    <interface type='network'>\n      <source network='my|",
    });
    const textEdit = edit(item(list, 'mynet'));
    assert.equal(textIn(document, textEdit.range), 'my');
    assert.equal(textEdit.newText, "mynet'");
  });

  it('stops an unterminated value at the end of its line when more markup follows', () => {
    const { list, document } = completeInGuest(`    <interface type='network'>
      <source network='oth|
      <model type='virtio'/>
    </interface>`);
    const textEdit = edit(item(list, 'othernet'));
    assert.equal(textIn(document, textEdit.range), 'oth');
    assert.equal(textEdit.newText, "othernet'");
  });

  it('keeps the rest of the tag when the unterminated value is followed by />', () => {
    const { list, document } = completeInGuest(`    <interface type='network'>
      <source network='m|/>
    </interface>`);
    const textEdit = edit(item(list, 'mynet'));
    assert.equal(textIn(document, textEdit.range), 'm');
    assert.equal(textEdit.newText, "mynet'");
  });

  it('repairs a value whose closing quote is missing before the next attribute', () => {
    const { list, document } = completeInGuest(`    <interface type='network'>
      <source network='oth| portgroup='alpha'/>
    </interface>`);
    const textEdit = edit(item(list, 'othernet'));
    assert.equal(textIn(document, textEdit.range), 'oth');
    assert.equal(textEdit.newText, "othernet'");
  });

  it('quotes the value when the author has typed none', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source network=|/>
    </interface>`);
    assert.equal(edit(item(list, 'mynet')).newText, "'mynet'");
  });

  it('opens on a quote trigger inside a value', () => {
    const { list } = completeInGuest(
      `    <interface type='network'>
      <source network="|"/>
    </interface>`,
      { triggerCharacter: '"' },
    );
    assert.deepEqual(labels(list).sort(), ['mynet', 'othernet']);
  });
});

describe('completion inserts names escaped for where they stand', () => {
  // A network name may hold '<', '&' and both quotes (virNetworkDefParseXML refuses only '/' and
  // a line break: languageFacts/nameRules.ts); written raw into an attribute value they would break the file.
  const hostile = `a<b&c'd"e`;
  const hostileNetwork = { 'networks/hostile.xml': `<network>\n  <name>a&lt;b&amp;c'd"e</name>\n  <portgroup name='p&amp;g'/>\n</network>\n` };

  it("in single quotes: '<', '&' and the single quote are escaped", () => {
    const { list } = complete({
      ...hostileNetwork,
      'domains/guest.xml': guestWith(`    <interface type='network'>\n      <source network='|'/>\n    </interface>`),
    });
    assert.equal(edit(item(list, hostile)).newText, `a&lt;b&amp;c&apos;d"e`);
    assert.equal(item(list, hostile).filterText, `a&lt;b&amp;c&apos;d"e`, 'filtered by what the document holds');
  });

  it('in double quotes: the double quote is escaped instead', () => {
    const { list } = complete({
      ...hostileNetwork,
      'domains/guest.xml': guestWith(`    <interface type="network">\n      <source network="|"/>\n    </interface>`),
    });
    assert.equal(edit(item(list, hostile)).newText, `a&lt;b&amp;c'd&quot;e`);
  });

  it('a portgroup name too, and an unterminated value gets its quote after the escaped name', () => {
    const { list } = complete({
      ...hostileNetwork,
      'domains/new.xml': `<domain type='kvm'>\n  <devices>\n    <interface type='network'>\n      <source network='a&lt;b&amp;c&apos;d"e' portgroup='|`,
    });
    assert.equal(edit(item(list, 'p&g')).newText, "p&amp;g'");
  });
});

describe('completion of portgroup references', () => {
  it("offers the portgroups of that interface's network only, the default one marked and first", () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source network='mynet' portgroup='|'/>
    </interface>`);
    assert.deepEqual(labels(list), ['xyzzy', 'plugh']);
    const xyzzy = item(list, 'xyzzy');
    assert.equal(xyzzy.labelDetails?.detail, ' (default)');
    assert.equal(xyzzy.preselect, true);
    assert.equal(xyzzy.detail, 'default portgroup of mynet');
    assert.ok(xyzzy.sortText! < item(list, 'plugh').sortText!);
    assert.equal(item(list, 'plugh').preselect, undefined);
  });

  it('documents each portgroup with its bandwidth and vlan', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source network='mynet' portgroup='|'/>
    </interface>`);
    const documentation = item(list, 'xyzzy').documentation;
    assert.ok(documentation && typeof documentation !== 'string');
    assert.match(documentation.value, /inbound: average 1000 kB\/s \(8 Mbit\/s\)/);
    assert.match(documentation.value, /vlan `42`/);
    const plugh = item(list, 'plugh').documentation;
    assert.ok(plugh && typeof plugh !== 'string');
    assert.match(plugh.value, /vlan `7`/);
  });

  it('follows the network attribute even when it comes after portgroup', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source portgroup='|' network='othernet'/>
    </interface>`);
    assert.deepEqual(labels(list), ['alpha', 'beta']);
  });

  it('offers nothing for a network nobody defines', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source network='nowhere' portgroup='|'/>
    </interface>`);
    assert.deepEqual(labels(list), []);
  });
});

describe('completion of tag names', () => {
  it('offers every tag name of the workspace with where it is used', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source network='othernet'/>
      <tag name='|'/>
    </interface>`);
    assert.deepEqual(labels(list), ['frontend', 'prod', 'web']);
    assert.equal(item(list, 'prod').detail, 'on network mynet');
    assert.equal(item(list, 'web').detail, 'on portgroup xyzzy');
    assert.equal(item(list, 'frontend').detail, 'on interface other');
  });

  it('does not offer the half-typed tag itself', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source network='othernet'/>
      <tag name='fresh|'/>
    </interface>`);
    assert.ok(!labels(list).includes('fresh'));
  });
});

describe('completion of values from the language facts', () => {
  it('offers the interface types', () => {
    const { list } = completeInGuest(`    <interface type='|'>
    </interface>`);
    for (const type of ['network', 'bridge', 'direct', 'user', 'hostdev']) assert.ok(labels(list).includes(type), type);
  });

  it("offers exactly libvirt's forward modes in a network", () => {
    const { list } = complete({ 'networks/new.xml': "<network>\n  <name>new</name>\n  <forward mode='|'/>\n</network>\n" });
    assert.deepEqual(labels(list).sort(), [...knownForwardModes].sort());
  });

  it('tells a vlan <tag> from the RFC <tag> by its parent', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <vlan><tag id='1' nativeMode='|'/></vlan>
    </interface>`);
    assert.deepEqual(labels(list), ['tagged', 'untagged']);
  });
});

describe('completion of attribute names', () => {
  it('offers average, peak, burst and floor on <inbound>, but no floor on <outbound>', () => {
    const inbound = completeInGuest(`    <interface type='network'>
      <bandwidth>
        <inbound |/>
      </bandwidth>
    </interface>`).list;
    assert.deepEqual(labels(inbound), ['average', 'peak', 'burst', 'floor']);
    const outbound = completeInGuest(`    <interface type='network'>
      <bandwidth>
        <outbound average='10' |/>
      </bandwidth>
    </interface>`).list;
    assert.deepEqual(labels(outbound), ['peak', 'burst']);
  });

  it('inserts the attribute with its quotes, a choice when the values are known', () => {
    const { list } = complete({ 'networks/new.xml': '<network>\n  <name>new</name>\n  <forward |/>\n</network>\n' });
    const mode = item(list, 'mode');
    assert.equal(mode.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(edit(mode).newText, "mode='${1|nat,route,open,bridge,private,vepa,passthrough,hostdev|}'");
  });

  it("offers only the <source> attributes of the interface's type", () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source |/>
    </interface>`);
    assert.deepEqual(labels(list), ['network', 'portgroup']);
  });

  it('opens on a space only where a new attribute can start', () => {
    const inTag = completeInGuest(
      `    <interface type='network'>
      <source | />
    </interface>`,
      { triggerCharacter: ' ' },
    ).list;
    assert.ok(inTag.items.length > 0);
    const inContent = completeInGuest(
      `    <interface type='network'>
      <source network='mynet'/> |
    </interface>`,
      { triggerCharacter: ' ' },
    ).list;
    assert.deepEqual(labels(inContent), []);
  });
});

describe('completion of elements', () => {
  it('offers the children of <interface> after <, leaving out those already present', () => {
    const { list } = completeInGuest(
      `    <interface type='network'>
      <source network='mynet'/>
      <|
    </interface>`,
      { triggerCharacter: '<' },
    );
    const offered = labels(list);
    for (const name of ['bandwidth', 'vlan', 'tag', 'virtualport', 'mac', 'model']) assert.ok(offered.includes(name), name);
    assert.ok(!offered.includes('source'), 'source is already there');
    assert.ok(!offered.includes('inbound'), 'inbound belongs in <bandwidth>');
  });

  it('inserts a whole element as a snippet, or as plain text for clients without snippets', () => {
    const files = (snippets: boolean) =>
      completeInGuest(
        `    <interface type='network'>
      <|
    </interface>`,
        { snippets },
      ).list;
    const snippet = item(files(true), 'bandwidth');
    assert.equal(edit(snippet).newText, "bandwidth>\n\t<inbound average='${1:1000}'/>\n\t<outbound average='${2:1000}'/>\n</bandwidth>");
    const plain = item(files(false), 'bandwidth');
    assert.equal(plain.insertTextFormat, InsertTextFormat.PlainText);
    assert.equal(edit(plain).newText, "bandwidth>\n  <inbound average='1000'/>\n  <outbound average='1000'/>\n</bandwidth>");
  });

  it('completes a half-typed element name in an unclosed tag', () => {
    const { list, document } = completeInGuest(`    <interface type='network'>
      <band|
    </interface>`);
    const textEdit = edit(item(list, 'bandwidth'));
    assert.equal(textIn(document, textEdit.range), 'band');
    assert.ok(textEdit.newText.startsWith('bandwidth>'));
  });

  it('renames only when the element already has attributes', () => {
    const { list, document } = completeInGuest(`    <interface type='network'>
      <bandwidth>
        <in|bound average='1'/>
      </bandwidth>
    </interface>`);
    const textEdit = edit(item(list, 'outbound'));
    assert.equal(textIn(document, textEdit.range), 'inbound');
    assert.equal(textEdit.newText, 'outbound');
  });

  it('offers elements with their < in element content', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <bandwidth>
        |
      </bandwidth>
    </interface>`);
    assert.deepEqual(labels(list), ['inbound', 'outbound']);
    assert.equal(edit(item(list, 'inbound')).newText, "<inbound average='${1:1000}'/>");
  });

  it('offers nothing inside an end tag or after a closed element on the same spot', () => {
    const { list } = completeInGuest(`    <interface type='network'>
      <source network='mynet'/>
    </inter|face>`);
    assert.deepEqual(labels(list), []);
  });
});
