import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FilterChainStatus, InterfaceStatus, ValueOrigin, VolumeDiskStatus } from '../../../protocol/src/messages';
import { renderStatusHtml, type WebviewResources } from './renderStatusHtml';
import type { StatusPanelModel } from './statusPanelModel';
import { readTags, visibleText } from '../testing/htmlStructure';

const resources: WebviewResources = {
  nonce: 'c2VjcmV0LW5vbmNlLTEyMzQ1Ng==',
  cspSource: "'self' https://*.vscode-cdn.net",
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/statusPanel.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/statusPanel.css',
};

const hostile = `<img src=x onerror=alert(1)>x' " onmouseover="alert(2)</script><script>alert(3)</script>`;
const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } };

function origin(level: ValueOrigin['level'], label: string, uri = 'file:///storage/default.xml'): ValueOrigin {
  return { uri, range, level, label };
}

function disk(overrides: Partial<VolumeDiskStatus> = {}): VolumeDiskStatus {
  return {
    index: 0,
    range,
    target: 'vda',
    pool: 'default',
    volume: 'disk1.qcow2',
    poolType: 'dir',
    actualType: 'file',
    path: '/var/lib/libvirt/images/disk1.qcow2',
    provenance: { pool: origin('pool', "pool 'default'"), path: origin('volume', "volume 'disk1.qcow2'") },
    notes: ['a note'],
    problems: [],
    ...overrides,
  };
}

function chain(overrides: Partial<FilterChainStatus> = {}): FilterChainStatus {
  return {
    filter: 'top',
    parameters: [
      { name: 'DEST', values: ['10.0.0.1'], given: 'interface' },
      { name: 'MAC', values: ['52:54:00:00:00:01'], given: 'libvirt' },
    ],
    ipLearning: 'any',
    filters: ['top', 'child'],
    rules: [
      {
        filter: 'child',
        depth: 1,
        chain: 'root',
        priority: 500,
        effectivePriority: 500,
        action: 'accept',
        direction: 'out',
        protocol: 'ip',
        match: [{ name: 'srcipaddr', written: '$IP', values: [], missing: true, learned: true }],
      },
      {
        filter: 'child',
        depth: 1,
        chain: 'ipv4',
        priority: -900,
        effectivePriority: -700,
        action: 'drop',
        direction: 'in',
        protocol: 'ip',
        match: [{ name: 'dstipaddr', written: '$DEST', values: ['10.0.0.1'] }],
      },
    ],
    totalRules: 2,
    ...overrides,
  };
}

function iface(filterChain: FilterChainStatus, provenance: InterfaceStatus['provenance'] = {}): InterfaceStatus {
  return { index: 0, range, statusXml: "<interface type='bridge'/>\n", provenance, links: [], tags: [], notes: [], problems: [], filterChain };
}

function model(interfaces: InterfaceStatus[], volumeDisks: VolumeDiskStatus[], totalVolumeDisks = volumeDisks.length): StatusPanelModel {
  return { documentUri: 'file:///vm/app.xml', documentName: 'app.xml', phase: 'ready', interfaces, volumeDisks, totalVolumeDisks };
}

describe('the status panel: volume disks', () => {
  it('shows each volume disk: pool, volume, the type it runs as and its source, linked to their origins', () => {
    const html = renderStatusHtml(model([], [disk()]), resources);
    const text = visibleText(html);
    assert.match(text, /Volume disks/);
    assert.match(text, /Disk vda/);
    assert.match(text, /Runs as\s*file/);
    assert.ok(text.includes('/var/lib/libvirt/images/disk1.qcow2'));
    const links = readTags(html).filter((tag) => tag.attributes.get('data-action') === 'revealDisk');
    assert.deepEqual(
      links.map((tag) => [tag.attributes.get('data-disk'), tag.attributes.get('data-key'), tag.attributes.get('class')]),
      [
        ['0', 'pool', 'source-link level-pool'],
        ['0', 'path', 'source-link level-volume'],
      ],
    );
  });

  it("says libvirt's error instead of a source, the banner opening the place", () => {
    const refused = disk({
      actualType: undefined,
      path: undefined,
      problems: [{ range, severity: 1, message: "Storage pool not found: no storage pool with matching name 'x'" }],
    });
    const html = renderStatusHtml(model([], [refused]), resources);
    assert.match(visibleText(html), /does not start/);
    const banner = readTags(html).find((tag) => tag.attributes.get('data-action') === 'revealDiskProblem');
    assert.deepEqual([banner?.attributes.get('data-disk'), banner?.attributes.get('data-problem')], ['0', '0']);
    assert.match(visibleText(html), /Storage pool not found/);
  });

  it('says how many disks the page leaves out', () => {
    assert.match(visibleText(renderStatusHtml(model([], [disk()], 250), resources)), /The first 1 of 250 volume disks are shown/);
  });
});

describe("the status panel: an interface's filter chain", () => {
  it('lists the filters, the parameters and the rules in order, with priorities raised as libvirt does', () => {
    const html = renderStatusHtml(model([iface(chain())], []), resources);
    const text = visibleText(html);
    assert.match(text, /Filters\s*top → child/);
    assert.match(text, /DEST=10\.0\.0\.1 · MAC=52:54:00:00:00:01 \(libvirt\)/);
    assert.match(text, /1rootacceptout|1root500acceptout/);
    assert.match(text, /ip srcipaddr=\$IP \(learned\)/);
    assert.match(text, /-900 → -700/);
    assert.match(text, /ip dstipaddr=10\.0\.0\.1/);
  });

  it("links each rule to its filter's file and each value to the parameter that gave it", () => {
    const child = origin('filter', "filter 'child'", 'file:///nwfilter/child.xml');
    const html = renderStatusHtml(
      model([iface(chain(), { 'filter.rule.1': child, 'filter.rule.1.DEST': origin('interface', 'this interface') })], []),
      resources,
    );
    const keys = readTags(html)
      .filter((tag) => tag.attributes.get('data-action') === 'reveal')
      .map((tag) => tag.attributes.get('data-key'));
    assert.deepEqual(keys, ['filter.rule.1.DEST', 'filter.rule.1']);
  });

  it("shows libvirt's error for a broken chain", () => {
    const html = renderStatusHtml(model([iface(chain({ error: "internal error: referenced filter 'nosuch' is missing" }))], []), resources);
    assert.match(visibleText(html), /Error\s*internal error: referenced filter 'nosuch' is missing/i);
  });
});

describe('the status panel: hostile names in disks and filter chains', () => {
  it('renders every value as text: no markup, no handler, no second script', () => {
    const hostileDisk = disk({
      target: hostile,
      pool: hostile,
      volume: hostile,
      poolType: hostile,
      path: hostile,
      notes: [hostile],
      provenance: { [hostile]: origin('pool', hostile, `file:///${hostile}`), path: origin('volume', hostile, `file:///${hostile}`) },
      problems: [{ range, severity: 1, message: hostile, code: hostile }],
    });
    const hostileChain = chain({
      filter: hostile,
      filters: [hostile],
      parameters: [{ name: hostile, values: [hostile], given: 'interface' }],
      ipLearning: hostile,
      error: hostile,
      rules: [
        {
          filter: hostile,
          depth: 0,
          chain: hostile,
          priority: 1,
          effectivePriority: 1,
          action: hostile,
          direction: hostile,
          protocol: hostile,
          match: [{ name: hostile, written: `$${hostile}`, values: [hostile] }],
        },
      ],
    });
    const provenance = { [`filter.rule.0.${hostile}`]: origin('filter', hostile, `file:///${hostile}`), 'filter.0': origin('filter', hostile) };
    const html = renderStatusHtml(model([iface(hostileChain, provenance)], [hostileDisk]), resources);
    const tags = readTags(html); // throws on markup outside the renderer's vocabulary
    assert.ok(!tags.some((tag) => tag.name === 'img'));
    assert.equal(html.match(/<\/script>/g)?.length, 1);
    for (const tag of tags) for (const name of tag.attributes.keys()) assert.ok(!name.startsWith('on'), `no ${name} handler`);
    const text = visibleText(html);
    assert.ok(text.split(hostile.slice(0, 40)).length > 8, 'the hostile text is shown as text, many times');
  });
});
