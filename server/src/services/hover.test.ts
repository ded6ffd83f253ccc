import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Hover } from 'vscode-languageserver-types';
import { getLanguageService } from './languageService';
import { textIn, uriOf, workspaceWithCursor } from '../testing';
import { guestWith, mynetPath, networks, otherGuest, otherGuestPath, xyzzyBandwidthLine } from '../testing';

const service = getLanguageService();

function hover(files: Record<string, string>) {
  const workspace = workspaceWithCursor(files);
  return { hover: service.doHover(workspace.at.document, workspace.at.position, workspace.index), document: workspace.at.document };
}

function hoverInGuest(interfaceXml: string) {
  return hover({ ...networks, [otherGuestPath]: otherGuest, 'domains/guest.xml': guestWith(interfaceXml) });
}

function markdown(result: Hover | null): string {
  assert.ok(result, 'no hover');
  const contents = result.contents;
  assert.ok(typeof contents === 'object' && 'kind' in contents && contents.kind === 'markdown');
  return contents.value;
}

const mynetUri = uriOf(mynetPath);

describe('hover on an interface', () => {
  it('shows the bandwidth the portgroup gives, in kB/s, KiB and bit rates, with a link to where it is written', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <sou|rce network='mynet' portgroup='xyzzy'/>
    </interface>`).hover,
    );
    assert.ok(
      value.includes(
        `- **bandwidth** — from [portgroup \`xyzzy\` in \`networks/mynet.xml\`](${mynetUri}#L${xyzzyBandwidthLine + 1} "networks/mynet.xml, line ${xyzzyBandwidthLine + 1}")`,
      ),
      value,
    );
    assert.ok(value.includes('  - inbound: average 1000 kB/s (8 Mbit/s) · peak 2000 kB/s (16 Mbit/s) · burst 1024 KiB (1 MiB)'), value);
    assert.ok(value.includes('  - outbound: average 500 kB/s (4 Mbit/s)'), value);
  });

  it('shows the vlan and the tags, each with where it comes from', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <source network='mynet' portgroup='xyzzy'/>
      <tag name='fr|ont'/>
    </interface>`).hover,
    );
    assert.match(
      value,
      /- \*\*vlan\*\* `42` — from \[portgroup `xyzzy` in `networks\/mynet.xml`\]\(file:\/\/\/ws\/networks\/mynet.xml#L12 "networks\/mynet.xml, line 12"\)/,
    );
    assert.match(value, /  - `front` — from \[this interface\]\(file:\/\/\/ws\/domains\/guest.xml#L6 "domains\/guest.xml, line 6"\)/);
    assert.match(
      value,
      /  - `prod` — from \[network `mynet` in `networks\/mynet.xml`\]\(file:\/\/\/ws\/networks\/mynet.xml#L6 "networks\/mynet.xml, line 6"\)/,
    );
    assert.match(value, /  - `web` — from \[portgroup `xyzzy`/);
  });

  it("says when the interface's own bandwidth wins over the portgroup's", () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <source network='mynet'/>
      <band|width>
        <inbound average='125'/>
      </bandwidth>
    </interface>`).hover,
    );
    assert.match(value, /- \*\*bandwidth\*\* — from \[this interface\]/);
    assert.match(value, /inbound: average 125 kB\/s \(1 Mbit\/s\)/);
    assert.match(value, /portgroup `xyzzy` \(the default\)/);
  });

  it('covers the hovered token with its range', () => {
    const { hover: result, document } = hoverInGuest(`    <interface type='network'>
      <source network='mynet' portgroup='xyz|zy'/>
    </interface>`);
    assert.ok(result?.range);
    assert.equal(textIn(document, result.range), 'xyzzy');
  });

  it('says that an empty portgroup names none, and which default libvirt applies instead', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <source network='mynet' portgroup='|'/>
    </interface>`).hover,
    );
    assert.match(value, /\*\*an empty portgroup names none\*\*: libvirt applies network `mynet`'s default portgroup `xyzzy`/);
    assert.doesNotMatch(value, /\*\*Problems\*\*/);
  });

  it('lists the problems of the interface', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <source network='mynet' portgroup='xyzyz|'/>
    </interface>`).hover,
    );
    assert.match(
      value,
      /\*\*network `mynet` has no portgroup `xyzyz` — libvirt ignores the name and applies no portgroup, not even the default one\*\* — did you mean: `xyzzy`$/m,
    );
    assert.match(value, /- \*\*bandwidth\*\*: none \(not limited\)/);
    assert.match(value, /\*\*Problems\*\*\n- \*\*warning\*\* Unknown portgroup 'xyzyz' \(did you mean 'xyzzy'\?\)/);
  });

  it('shows nothing outside the interfaces', () => {
    const files = { ...networks, 'domains/guest.xml': guestWith("    <interface type='network'/>").replace('<devices>', '<dev|ices>') };
    assert.equal(hover(files).hover, null);
    assert.equal(hover({ 'domains/x.xml': "<domain type='kvm'>\n  <na|me>x</name>\n</domain>\n" }).hover, null);
  });
});

describe('hover on a network or portgroup', () => {
  it('shows a referenced portgroup with its settings and who uses it', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <source network='mynet' portgroup='xy|zzy'/>
    </interface>`).hover,
    );
    assert.match(value, /^\*\*portgroup `xyzzy`\*\* \(default\) of network `mynet`/);
    // This interface names it; the other domain's interface names no portgroup, so the default applies.
    assert.match(value, /Used by \*\*1 interface\*\* that name it, and by \*\*1 interface\*\* that name no portgroup \(it is the default\)\./);
  });

  it('shows a referenced network before the interface it serves', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <source network='my|net'/>
    </interface>`).hover,
    );
    assert.match(value, /^\*\*network `mynet`\*\* · \[`networks\/mynet.xml`\]\(file:\/\/\/ws\/networks\/mynet.xml#L2 "networks\/mynet.xml, line 2"\)/);
    assert.match(value, /- forward mode `bridge` · interfaces run as type `bridge`/);
    assert.match(value, /Used by \*\*2 interfaces\*\* in 2 domains\./);
    assert.match(value, /\n---\n\n\*\*interface 1\*\* \(MAC generated by libvirt\) → network `mynet`/);
  });

  it('says a referenced network is unknown, with a suggestion', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <source network='mynte|'/>
    </interface>`).hover,
    );
    assert.match(value, /^\*\*network `mynte` is not defined in any indexed file\*\* — did you mean: `mynet`$/m);
  });

  it('shows the portgroup in a network file, with usage counted across the workspace', () => {
    const files = { ...networks, [otherGuestPath]: otherGuest, [mynetPath]: networks[mynetPath].replace("name='plugh'", "name='plu|gh'") };
    const value = markdown(hover(files).hover);
    assert.match(value, /^\*\*portgroup `plugh`\*\* of network `mynet`/);
    assert.match(value, /- vlan `7`/);
    assert.match(value, /Used by \*\*0 interfaces\*\* that name it\./);
  });

  it('shows the network on its <name> in the network file', () => {
    const files = { ...networks, [otherGuestPath]: otherGuest, [mynetPath]: networks[mynetPath].replace('<name>mynet', '<name>my|net') };
    const value = markdown(hover(files).hover);
    assert.match(value, /^\*\*network `mynet`\*\*/);
    assert.match(value, /- portgroups: `xyzzy` \(default\) · `plugh`/);
    assert.match(value, /Used by \*\*1 interface\*\*\./);
  });

  it('shows the whole-network bandwidth in units', () => {
    const value = markdown(hover({ 'networks/othernet.xml': networks['networks/othernet.xml'].replace('<inbound', '<in|bound') }).hover);
    assert.match(value, /- bandwidth of the whole network, inbound: average 10000 kB\/s \(80 Mbit\/s\)/);
  });

  it('keeps names from documents from being read as markdown', () => {
    const hostile = '<network>\n  <name>a|*b*_[x](javascript:alert(1))`tick`<</name>\n</network>\n';
    const value = markdown(hover({ 'networks/evil.xml': hostile }).hover);
    // A code span fenced longer than any backtick run inside: nothing in it is markup.
    assert.ok(value.startsWith('**network ``a*b*_[x](javascript:alert(1))`tick`<``**'), value);
  });
});

/**
 * VS Code draws inline code with padding, so punctuation written against a code span reads as a
 * stray space ("network mynet , portgroup xyzzy ;"): hovers put none there.
 */
function punctuationAgainstCode(markdown: string): string[] {
  // Link destinations and titles, and bold markers, are not drawn.
  const visible = markdown.replace(/\]\([^)\s]*(?: "(?:[^"\\]|\\.)*")?\)/g, ']').replace(/\*\*/g, '');
  const found: string[] = [];
  for (const span of visible.matchAll(/(`+)(?:(?!\1).)+?\1/g)) {
    const end = span.index + span[0].length;
    const before = visible[span.index - 1] ?? '';
    const after = visible[end] ?? '';
    if (/[,;:.?!)]/.test(after) || before === '(') found.push(visible.slice(Math.max(0, span.index - 12), end + 3));
  }
  return found;
}

describe('hover text around inline code', () => {
  const cases: Record<string, Record<string, string>> = {
    'an interface with vlan, tags and a problem': {
      ...networks,
      'domains/guest.xml': guestWith(
        "    <interface type='network'>\n      <mac address='52:54:00:00:00:01'/>\n      <sou|rce network='mynet' portgroup='xyzzy'/>\n      <tag name='front'/>\n      <bandwidth><inbound average='10' floor='5'/></bandwidth>\n    </interface>",
      ),
    },
    'a referenced network': {
      ...networks,
      [otherGuestPath]: otherGuest,
      'domains/guest.xml': guestWith("    <interface type='network'>\n      <source network='my|net'/>\n    </interface>"),
    },
    'an unknown network': { ...networks, 'domains/guest.xml': guestWith("    <interface type='network'>\n      <source network='mynte|'/>\n    </interface>") },
    'a network on its name': { ...networks, [mynetPath]: networks[mynetPath].replace('<name>mynet', '<name>my|net') },
    'an isolated network on its name': { 'networks/iso.xml': "<network>\n  <name>is|o</name>\n  <tag name='a'/>\n  <tag name='b'/>\n</network>\n" },
    'a portgroup in its file': { ...networks, [mynetPath]: networks[mynetPath].replace("name='plugh'", "name='plu|gh'") },
  };
  for (const [name, files] of Object.entries(cases)) {
    it(`puts no punctuation against a code span: ${name}`, () => {
      const value = markdown(hover(files).hover);
      assert.deepEqual(punctuationAgainstCode(value), [], value);
    });
  }

  it('names the file and line in each link’s tooltip, not the file: URI', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <sou|rce network='mynet' portgroup='xyzzy'/>
    </interface>`).hover,
    );
    assert.ok(value.includes(`](${mynetUri}#L${xyzzyBandwidthLine + 1} "networks/mynet.xml, line ${xyzzyBandwidthLine + 1}")`), value);
    for (const link of value.matchAll(/\]\(([^)\s]+)( "[^"]*")?\)/g)) assert.ok(link[2], `a link without a tooltip: ${link[0]}`);
  });

  it('heads an interface with its MAC, network and portgroup set apart by middle dots', () => {
    const value = markdown(
      hoverInGuest(`    <interface type='network'>
      <mac address='52:54:00:00:00:01'/>
      <sou|rce network='mynet' portgroup='xyzzy'/>
    </interface>`).hover,
    );
    assert.equal(value.split('\n')[0], '**interface 1** `52:54:00:00:00:01` → network `mynet` · portgroup `xyzzy` · runs as type `bridge`');
  });
});
