import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxShownXmlLength, renderStatusHtml, type WebviewResources } from './renderStatusHtml';
import type { StatusPanelModel } from './statusPanelModel';
import type { InterfaceStatus, ValueOrigin } from '../../../protocol/src/messages';
import { readTags, visibleText, type Tag } from '../testing/htmlStructure';

const resources: WebviewResources = {
  nonce: 'c2VjcmV0LW5vbmNlLTEyMzQ1Ng==',
  cspSource: "'self' https://*.vscode-cdn.net",
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/statusPanel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/statusPanel.css',
};

const hostileName = '<img src=x onerror=alert(1)>';
const attributeBreaker = `x' " onmouseover="alert(2)`;
const scriptCloser = '</script><script>alert(3)</script>';

function at(line: number, character = 0): ValueOrigin['range'] {
  return { start: { line, character }, end: { line, character: character + 5 } };
}

const domainOrigin: ValueOrigin = { uri: 'file:///vm/rfc-guest.xml', range: at(10, 23), level: 'interface', label: 'this interface' };
const portgroupOrigin: ValueOrigin = {
  uri: 'file:///networks/mynet.xml',
  range: at(8),
  level: 'portgroup',
  ownerName: 'xyzzy',
  label: "portgroup 'xyzzy' in networks/mynet.xml",
};
const networkOrigin: ValueOrigin = {
  uri: 'file:///networks/mynet.xml',
  range: at(4),
  level: 'network',
  ownerName: 'mynet',
  label: "network 'mynet' in networks/mynet.xml",
};

/** The server's links: the span of each text in statusXml, found here by searching for it. */
function linksFor(statusXml: string, spans: Array<[text: string, key: string, from: ValueOrigin]>): InterfaceStatus['links'] {
  return spans.map(([text, key, from]) => {
    const start = statusXml.indexOf(text);
    assert.ok(start >= 0, text);
    return { start, end: start + text.length, key, from };
  });
}

const sampleXml = [
  "<interface type='bridge'>",
  "  <mac address='52:54:00:4a:1b:01'/>",
  "  <source network='mynet' portgroup='xyzzy' portid='…' bridge='br0'/>",
  "  <vlan><tag id='42'/></vlan>",
  '  <bandwidth>',
  "    <inbound average='1000' peak='5000' burst='1024'/>",
  '  </bandwidth>',
  "  <tag name='twisty'/>",
  "  <tag name='wumpus'/>",
  "  <target dev='…'/>",
  '</interface>',
  '',
].join('\n');

function iface(overrides: Partial<InterfaceStatus> = {}): InterfaceStatus {
  return {
    index: 0,
    range: at(9),
    mac: '52:54:00:4a:1b:01',
    network: 'mynet',
    portgroup: 'xyzzy',
    portgroupHow: 'named',
    type: 'bridge',
    forwardMode: 'bridge',
    statusXml: sampleXml,
    provenance: {
      'source.network': domainOrigin,
      bandwidth: portgroupOrigin,
      'bandwidth.inbound.average': portgroupOrigin,
      'tag.wumpus': networkOrigin,
      network: networkOrigin,
    },
    links: linksFor(sampleXml, [
      ['mynet', 'source.network', domainOrigin],
      ['bandwidth', 'bandwidth', portgroupOrigin],
      ['1000', 'bandwidth.inbound.average', portgroupOrigin],
      ['wumpus', 'tag.wumpus', networkOrigin],
    ]),
    tags: ['twisty', 'wumpus'],
    notes: ["portgroup 'xyzzy' chosen by name"],
    problems: [{ range: at(10), severity: 1, code: 'floor-unsupported-by-network', message: 'floor is not allowed' }],
    ...overrides,
  };
}

function model(interfaces: InterfaceStatus[], overrides: Partial<StatusPanelModel> = {}): StatusPanelModel {
  return { documentUri: 'file:///vm/rfc-guest.xml', documentName: 'rfc-guest.xml', phase: 'ready', interfaces, ...overrides };
}

/** Every place a hostile value could reach, with a document full of it. */
function hostileModel(): StatusPanelModel {
  const value = `${hostileName}${attributeBreaker}${scriptCloser}`;
  const escapedForXml = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
  const statusXml = `<interface type='network'>\n  <source network='${escapedForXml}'/>\n  <tag name='${escapedForXml}'/>\n  <!-- ${value} -->\n  ${value}\n</interface>\n`;
  const origin: ValueOrigin = { uri: `file:///${value}`, range: at(1), level: 'network', ownerName: value, label: value };
  const tagStart = statusXml.indexOf(escapedForXml, statusXml.indexOf('<tag'));
  return model(
    [
      iface({
        mac: value,
        network: value,
        portgroup: value,
        type: value,
        forwardMode: value,
        statusXml,
        provenance: { network: origin, [`tag.${value}`]: origin },
        otherNetworkDefinitions: [origin],
        links: [
          { start: statusXml.indexOf(escapedForXml), end: statusXml.indexOf(escapedForXml) + escapedForXml.length, key: 'source.network', from: origin },
          { start: tagStart, end: tagStart + escapedForXml.length, key: `tag.${value}`, from: origin },
        ],
        tags: [value],
        notes: [value],
        problems: [{ range: at(1), severity: 2, code: value, message: value }],
      }),
    ],
    { documentUri: `file:///${value}`, documentName: value, tagsNote: value },
  );
}

function tagsNamed(tags: Tag[], name: string): Tag[] {
  return tags.filter((t) => t.name === name && !t.closing);
}

describe('renderStatusHtml: security', () => {
  it('sets a strict Content-Security-Policy with the nonce', () => {
    const tags = readTags(renderStatusHtml(model([iface()]), resources));
    const csp = tagsNamed(tags, 'meta').find((t) => t.attributes.get('http-equiv') === 'Content-Security-Policy');
    assert.ok(csp, 'a CSP meta element');
    const policy = (csp.attributes.get('content') ?? '').replace(/&#39;/g, "'");
    const directives = new Map(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${resources.nonce}'`]);
    assert.ok(directives.get('style-src')?.includes(`'nonce-${resources.nonce}'`));
    assert.ok(!policy.includes('unsafe-inline') && !policy.includes('unsafe-eval'));
  });

  it('loads only nonce-carrying script and stylesheet, with no inline code or handlers', () => {
    const html = renderStatusHtml(hostileModel(), resources);
    const tags = readTags(html);
    const scripts = tagsNamed(tags, 'script');
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0].attributes.get('nonce'), resources.nonce);
    assert.equal(scripts[0].attributes.get('src'), resources.scriptUri);
    assert.match(html, /<script [^>]*><\/script>/, 'the script element is empty');
    assert.equal(tagsNamed(tags, 'link')[0].attributes.get('nonce'), resources.nonce);
    for (const tag of tags) {
      for (const name of tag.attributes.keys()) assert.ok(!name.startsWith('on'), `no ${name} handler`);
      assert.ok(!tag.attributes.has('style'), 'no inline style (the CSP would block it)');
    }
  });

  it('escapes every value from the documents: hostile input renders as text', () => {
    const html = renderStatusHtml(hostileModel(), resources);
    const tags = readTags(html); // throws on any markup outside the renderer's vocabulary
    assert.equal(tagsNamed(tags, 'img').length, 0);
    assert.equal(html.match(/<\/script>/g)?.length, 1, 'only our own script element closes');
    assert.ok(!/<img/i.test(html));
    assert.ok(!/<script>alert/i.test(html));
    // The reader sees the name exactly as written, in the header and in the XML.
    const text = visibleText(html);
    assert.ok(text.includes(hostileName));
    assert.ok(text.includes(attributeBreaker));
    assert.ok(text.includes(scriptCloser));
  });

  it('keeps hostile provenance keys inside their data attribute', () => {
    const tags = readTags(renderStatusHtml(hostileModel(), resources));
    const keys = tags.filter((t) => t.attributes.get('data-action') === 'reveal').map((t) => t.attributes.get('data-key'));
    assert.ok(keys.includes('source.network'));
    assert.ok(keys.includes('network'), 'the header network links to its definition');
    assert.ok(
      keys.some((k) => k?.includes('&lt;img src=x onerror=alert(1)&gt;')),
      JSON.stringify(keys),
    );
  });

  it('refuses a nonce or CSP source that could break out of the policy', () => {
    assert.throws(() => renderStatusHtml(model([]), { ...resources, nonce: 'short' }));
    assert.throws(() => renderStatusHtml(model([]), { ...resources, nonce: `${resources.nonce}' 'unsafe-inline` }));
    assert.throws(() => renderStatusHtml(model([]), { ...resources, cspSource: "https://x; script-src 'unsafe-inline'" }));
  });

  it('makes invisible direction-changing characters visible', () => {
    const name = 'safe\u202Eexe.lmx';
    const html = renderStatusHtml(model([iface({ network: name })]), resources);
    assert.ok(!html.includes('\u202E'));
    assert.ok(html.includes('U+202E'));
  });
});

describe('renderStatusHtml: content', () => {
  it('shows a header per interface with MAC, network and portgroup', () => {
    const second = iface({
      index: 1,
      mac: undefined,
      network: 'default',
      portgroup: 'standard',
      portgroupHow: 'default',
      type: 'network',
      problems: [],
      notes: [],
    });
    const html = renderStatusHtml(model([iface(), second]), resources);
    const text = visibleText(html);
    assert.match(text, /Interface 1\s*bridge/);
    assert.match(text, /Interface 2\s*network/);
    for (const expected of ['52:54:00:4a:1b:01', 'mynet', 'xyzzy', "standard (the network's default)", 'generated by libvirt', 'Forward'])
      assert.ok(text.includes(expected), expected);
    assert.equal(tagsNamed(readTags(html), 'section').length, 2);
  });

  it('colours the XML by token kind and keeps its text intact', () => {
    const html = renderStatusHtml(model([iface()]), resources);
    const code = /<pre class="status-xml"[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1] ?? '';
    assert.equal(visibleText(code), iface().statusXml);
    for (const kind of ['x-tag', 'x-attr', 'x-string', 'x-punct', 'x-number', 'x-runtime']) assert.match(code, new RegExp(`class="[^"]*\\b${kind}\\b`), kind);
  });

  it('links each value with a known origin, naming the level', () => {
    const tags = readTags(renderStatusHtml(model([iface()]), resources));
    const links = tags.filter((t) => t.attributes.get('data-action') === 'reveal');
    const byKey = new Map(links.map((t) => [t.attributes.get('data-key'), t]));
    assert.ok(byKey.get('source.network')?.attributes.get('class')?.includes('level-interface'));
    assert.ok(byKey.get('bandwidth')?.attributes.get('class')?.includes('level-portgroup'));
    assert.equal(byKey.get('bandwidth')?.attributes.get('title'), 'From portgroup &#39;xyzzy&#39; in networks/mynet.xml, line 9. Click to open.');
    assert.ok(byKey.get('bandwidth.inbound.average')?.attributes.get('class')?.includes('level-portgroup'));
    assert.ok(byKey.get('tag.wumpus')?.attributes.get('class')?.includes('level-network'));
    assert.ok(byKey.get('network')?.attributes.get('class')?.includes('level-network'), 'header network');
    for (const link of links) {
      assert.equal(link.attributes.get('role'), 'link');
      assert.ok(['0', '-1'].includes(link.attributes.get('tabindex') ?? ''), 'focusable');
      assert.equal(link.attributes.get('data-interface'), '0');
    }
    // Only what the server linked is a link: the unlinked <mac> value is plain text.
    assert.ok(!links.some((l) => l.attributes.get('data-key')?.startsWith('mac')));
  });

  it("is one Tab stop per interface's XML (the arrow keys move inside it), besides the header's links and buttons", () => {
    const html = renderStatusHtml(model([iface(), iface({ index: 1 }), iface({ index: 2 })]), resources);
    for (const code of html.split(/<pre class="status-xml"[^>]*>/).slice(1)) {
      const stops = readTags(code.slice(0, code.indexOf('</pre>'))).filter((t) => t.attributes.get('tabindex') === '0');
      assert.equal(stops.length, 1);
    }
    const tabStops = readTags(html).filter((t) => t.attributes.get('tabindex') === '0' || (t.name === 'button' && !t.closing));
    // Per interface: type, network, portgroup and forward in the header, the copy button, one in the XML; and "Copy all".
    assert.ok(tabStops.length <= 1 + 3 * 7, `${tabStops.length} Tab stops for 3 interfaces`);
    const pre = readTags(html).find((t) => t.name === 'pre');
    assert.match(pre?.attributes.get('aria-label') ?? '', /^Status XML of interface 1: Tab enters it at its first link, arrow keys move between its links$/);
  });

  it('names the definition of the network used and the others, each a link to where it is', () => {
    const hostCopy: ValueOrigin = { ...networkOrigin, uri: 'file:///etc/libvirt/qemu/networks/mynet.xml', label: 'networks/mynet.xml (host folder)' };
    const html = renderStatusHtml(model([iface({ otherNetworkDefinitions: [hostCopy] })]), resources);
    assert.match(
      visibleText(html),
      /Network defined 2 times: uses network 'mynet' in networks\/mynet.xml; also defined in networks\/mynet.xml \(host folder\), not used\./,
    );
    const other = readTags(html).find((t) => t.attributes.get('data-key') === 'otherNetworkDefinitions.0');
    assert.equal(other?.attributes.get('data-action'), 'reveal');
    assert.equal(other?.attributes.get('data-interface'), '0');
    assert.ok(!visibleText(renderStatusHtml(model([iface()]), resources)).includes('defined 2 times'));
  });

  it('keeps a MAC address on one line', () => {
    const mac = readTags(renderStatusHtml(model([iface()]), resources)).find((t) => t.attributes.get('class') === 'field-value mac');
    assert.ok(mac, 'the MAC value is marked for the no-wrap style');
  });

  it("marks the RFC's <tag name> elements as the extension's, not a VLAN's <tag id>", () => {
    const html = renderStatusHtml(model([iface()]), resources);
    const code = /<pre class="status-xml"[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1] ?? '';
    const marked = code
      .split(/<span class="ours" title="[^"]*">/)
      .slice(1)
      .map((after) => visibleText(after).split('\n')[0]);
    assert.deepEqual(marked, ["<tag name='twisty'/>", "<tag name='wumpus'/>"]);
  });

  it('shows problems as banners and notes as a list', () => {
    const html = renderStatusHtml(model([iface()]), resources);
    const tags = readTags(html);
    const banner = tags.find((t) => t.attributes.get('class') === 'banner banner-error');
    assert.ok(banner);
    assert.equal(banner.attributes.get('role'), 'alert');
    assert.ok(visibleText(html).includes('floor is not allowed'));
    assert.ok(visibleText(html).includes('floor-unsupported-by-network'));
    assert.ok(visibleText(html).includes("portgroup 'xyzzy' chosen by name"));
  });

  it('offers copy buttons for all and for each interface', () => {
    const tags = readTags(renderStatusHtml(model([iface(), iface({ index: 1 })]), resources));
    const copies = tags.filter((t) => t.attributes.get('data-action') === 'copy');
    assert.deepEqual(
      copies.map((t) => t.attributes.get('data-interface')),
      [undefined, '0', '1'],
    );
  });

  it('says what is going on when there is nothing to show', () => {
    assert.ok(visibleText(renderStatusHtml(model([], { phase: 'loading' }), resources)).includes('Resolving…'));
    assert.ok(visibleText(renderStatusHtml(model([]), resources)).includes('This domain has no <interface>.'));
    const unavailable = renderStatusHtml(model([], { phase: 'unavailable', message: `server down ${hostileName}` }), resources);
    readTags(unavailable);
    assert.ok(visibleText(unavailable).includes(`server down ${hostileName}`));
  });

  it('keeps unicode as written', () => {
    const name = 'réseau-网络-🚀';
    const html = renderStatusHtml(model([iface({ network: name, statusXml: `<interface><source network='${name}'/></interface>`, links: [] })]), resources);
    assert.equal(visibleText(html).split(name).length - 1, 2);
  });

  it('renders huge values quickly, cutting the shown XML but not the header', () => {
    const huge = 'n'.repeat(2_000_000);
    const statusXml = `<interface type='network'>\n  <source network='${huge}'/>\n${"  <tag name='t'/>\n".repeat(100_000)}</interface>\n`;
    const started = performance.now();
    const html = renderStatusHtml(model([iface({ network: huge, statusXml, provenance: {}, links: [] })]), resources);
    assert.ok(performance.now() - started < 5000, 'renders in well under five seconds');
    readTags(html);
    const code = /<pre class="status-xml"[^>]*><code>([\s\S]*?)<\/code><\/pre>/.exec(html)?.[1] ?? '';
    assert.equal(visibleText(code).length, maxShownXmlLength);
    assert.ok(visibleText(html).includes(`Copy XML copies all ${statusXml.length}`));
    assert.ok(html.length < 20 * maxShownXmlLength, 'the page stays bounded');
  });

  it('gives no two elements the same id on a page of a large domain (its size guard is shown above and below)', () => {
    const page = Array.from({ length: 3 }, (_, i) => iface({ index: 200 + i }));
    const html = renderStatusHtml(model(page, { firstInterface: 200, totalInterfaces: 30_000 }), resources);
    assert.equal(tagsNamed(readTags(html), 'nav').length, 2);
    const ids = readTags(html)
      .filter((t) => !t.closing && t.attributes.has('id'))
      .map((t) => t.attributes.get('id'));
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
    );
  });

  it('names the page on the body, so the page script keeps the scroll position within a page only', () => {
    const page = Array.from({ length: 3 }, (_, i) => iface({ index: 200 + i }));
    const body = tagsNamed(readTags(renderStatusHtml(model(page, { firstInterface: 200, totalInterfaces: 30_000 }), resources)), 'body')[0];
    assert.equal(body?.attributes.get('data-first-interface'), '200');
  });
});
