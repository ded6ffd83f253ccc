import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatStatusXml } from './statusXml';
import { network, resolve, slice, uriOf } from '../testing';

const mac = `<mac address='52:54:00:00:00:01'/>`;

/** An openvswitch bridge network: it carries vlans, so the vlan precedence can be seen without errors. */
const ovs = (body: string) => network('ovs', `  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>\n${body}`);

describe('precedence: bandwidth (interface > portgroup, whole element; network bandwidth never copied)', () => {
  const text = network(
    'lan',
    `  <forward mode='nat'/>\n  <bandwidth>\n    <inbound average='9000'/>\n    <outbound average='9000'/>\n  </bandwidth>\n  <portgroup name='pg'>\n    <bandwidth>\n      <inbound average='200'/>\n      <outbound average='300'/>\n    </bandwidth>\n  </portgroup>`,
  );

  test("the interface's bandwidth wins as a whole: the portgroup's outbound is not merged in", () => {
    const { resolved, docs } = resolve(
      `<interface type='network'>${mac}<source network='lan' portgroup='pg'/><bandwidth><inbound average='100'/></bandwidth></interface>`,
      { 'lan.xml': text },
    );
    assert.equal(resolved.bandwidth!.value.inbound!.average!.value, '100');
    assert.equal(resolved.bandwidth!.value.outbound, undefined);
    assert.equal(resolved.bandwidth!.from.level, 'interface');
    assert.equal(resolved.bandwidth!.from.uri, uriOf('domain.xml'));
    assert.match(slice(docs['domain.xml'].xml.text, resolved.bandwidth!.from.range)!, /^<bandwidth><inbound average='100'\/><\/bandwidth>$/);
  });

  test("without its own, the interface gets the portgroup's (provenance: the portgroup's element in the network file)", () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup='pg'/></interface>`, { 'lan.xml': text });
    assert.equal(resolved.bandwidth!.value.inbound!.average!.value, '200');
    assert.equal(resolved.bandwidth!.value.outbound!.average!.value, '300');
    const from = resolved.bandwidth!.from;
    assert.deepEqual([from.uri, from.level, from.ownerName], [uriOf('lan.xml'), 'portgroup', 'pg']);
    const covered = slice(text, from.range)!;
    assert.ok(covered.startsWith('<bandwidth>') && covered.endsWith('</bandwidth>') && covered.includes("average='200'"), covered);
  });

  test('an empty <bandwidth/> on the interface counts as absent', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup='pg'/><bandwidth/></interface>`, { 'lan.xml': text });
    assert.equal(resolved.bandwidth!.from.level, 'portgroup');
  });

  test("rates of 0 are no bandwidth: the interface gets the portgroup's (the port's <bandwidth> arrives without directions)", () => {
    const zero = `<bandwidth><inbound average='0' peak='50'/><outbound average='0' floor='0'/></bandwidth>`;
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup='pg'/>${zero}</interface>`, { 'lan.xml': text });
    assert.equal(resolved.bandwidth?.from.level, 'portgroup');
    assert.equal(resolved.bandwidth?.value.inbound?.average?.value, '200');
  });

  test('one direction with a non-zero rate keeps the whole interface bandwidth (the zero direction is dropped)', () => {
    const partial = `<bandwidth><inbound average='0'/><outbound average='70'/></bandwidth>`;
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup='pg'/>${partial}</interface>`, { 'lan.xml': text });
    assert.equal(resolved.bandwidth?.from.level, 'interface');
    assert.match(formatStatusXml(resolved), /<bandwidth>\n\s*<outbound average='70'\/>\n\s*<\/bandwidth>/);
  });

  test("the network's own bandwidth (the bridge's limit) is never copied to the interface", () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/></interface>`, { 'lan.xml': text });
    assert.equal(resolved.bandwidth, undefined);
    assert.doesNotMatch(formatStatusXml(resolved), /bandwidth/);
  });
});

describe('precedence: vlan (interface > portgroup > network)', () => {
  const text = ovs(`  <vlan><tag id='30'/></vlan>\n  <portgroup name='pg'>\n    <vlan><tag id='20'/></vlan>\n  </portgroup>\n  <portgroup name='bare'/>`);

  test('interface', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='ovs' portgroup='pg'/><vlan><tag id='10'/></vlan></interface>`, {
      'ovs.xml': text,
    });
    assert.deepEqual(
      resolved.vlan!.value.tags.map((t) => t.id!.value),
      ['10'],
    );
    assert.equal(resolved.vlan!.from.level, 'interface');
    assert.deepEqual(resolved.problems, []);
  });

  test('portgroup', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='ovs' portgroup='pg'/></interface>`, { 'ovs.xml': text });
    assert.deepEqual(
      resolved.vlan!.value.tags.map((t) => t.id!.value),
      ['20'],
    );
    assert.equal(resolved.vlan!.from.level, 'portgroup');
    assert.match(slice(text, resolved.vlan!.from.range)!, /^<vlan><tag id='20'\/><\/vlan>$/);
  });

  test('network, when the portgroup has none', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='ovs' portgroup='bare'/></interface>`, { 'ovs.xml': text });
    assert.deepEqual(
      resolved.vlan!.value.tags.map((t) => t.id!.value),
      ['30'],
    );
    assert.deepEqual([resolved.vlan!.from.level, resolved.vlan!.from.ownerName], ['network', 'ovs']);
  });

  test('a <vlan> without tags counts as absent', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='ovs' portgroup='pg'/><vlan/></interface>`, { 'ovs.xml': text });
    assert.equal(resolved.vlan!.from.level, 'portgroup');
  });
});

describe('precedence: trustGuestRxFilters (interface > portgroup > network; an explicit no counts)', () => {
  const text = network(
    'lan',
    `  <forward mode='nat'/>\n  <portgroup name='yes-pg' trustGuestRxFilters='yes'/>\n  <portgroup name='no-pg' trustGuestRxFilters='no'/>\n  <portgroup name='silent'/>`,
  ).replace('<network>', "<network trustGuestRxFilters='yes'>");
  const trust = (ifaceAttr: string, group: string) => {
    const { resolved } = resolve(`<interface type='network'${ifaceAttr}>${mac}<source network='lan' portgroup='${group}'/></interface>`, { 'lan.xml': text });
    return resolved;
  };

  test("the interface's explicit no beats a portgroup's yes", () => {
    const r = trust(` trustGuestRxFilters='no'`, 'yes-pg');
    assert.deepEqual([r.trustGuestRxFilters!.value, r.trustGuestRxFilters!.from.level], ['no', 'interface']);
  });

  test("the portgroup's explicit no beats the network's yes", () => {
    const r = trust('', 'no-pg');
    assert.deepEqual([r.trustGuestRxFilters!.value, r.trustGuestRxFilters!.from.level], ['no', 'portgroup']);
  });

  test("the network's value when neither says anything", () => {
    const r = trust('', 'silent');
    assert.deepEqual([r.trustGuestRxFilters!.value, r.trustGuestRxFilters!.from.level], ['yes', 'network']);
    assert.equal(slice(text, r.trustGuestRxFilters!.from.range), 'yes');
  });

  test("the live <interface> attribute shows only the interface's own value", () => {
    assert.doesNotMatch(formatStatusXml(trust('', 'yes-pg')), /trustGuestRxFilters/);
    assert.match(formatStatusXml(trust(` trustGuestRxFilters='no'`, 'yes-pg')), /^<interface type='network' trustGuestRxFilters='no'>/);
  });
});

describe('precedence: port isolated (interface > network; portgroups have none)', () => {
  const text = network('lan', `  <forward mode='nat'/>\n  <port isolated='yes'/>\n  <portgroup name='pg'><port isolated='no'/></portgroup>`);

  test("the interface's explicit no beats the network's yes", () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/><port isolated='no'/></interface>`, { 'lan.xml': text });
    assert.deepEqual([resolved.portIsolated!.value, resolved.portIsolated!.from.level], ['no', 'interface']);
  });

  test("the network's when the interface has none; a portgroup's <port> is ignored", () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup='pg'/></interface>`, { 'lan.xml': text });
    assert.deepEqual([resolved.portIsolated!.value, resolved.portIsolated!.from.level], ['yes', 'network']);
    assert.match(formatStatusXml(resolved), /\n {2}<port isolated='yes'\/>\n/);
  });
});

describe('portgroup choice', () => {
  const text = network(
    'lan',
    `  <forward mode='nat'/>\n  <portgroup name='office' default='yes'>\n    <bandwidth><inbound average='111'/></bandwidth>\n    <tag name='office-tag'/>\n  </portgroup>\n  <portgroup name='lab'>\n    <bandwidth><inbound average='222'/></bandwidth>\n  </portgroup>`,
  );

  test('a named portgroup that exists is used, not the default', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup='lab'/></interface>`, { 'lan.xml': text });
    assert.deepEqual([resolved.portGroup!.group.name!.value, resolved.portGroup!.how], ['lab', 'named']);
    assert.equal(resolved.bandwidth!.value.inbound!.average!.value, '222');
  });

  test('no portgroup named: the default one applies, and its name is not shown', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/></interface>`, { 'lan.xml': text });
    assert.deepEqual([resolved.portGroup!.group.name!.value, resolved.portGroup!.how], ['office', 'default']);
    assert.equal(resolved.bandwidth!.value.inbound!.average!.value, '111');
    assert.deepEqual(
      resolved.tags.map((t) => t.value),
      ['office-tag'],
    );
    assert.equal(
      resolved.source.find((a) => a.name === 'portgroup'),
      undefined,
    );
    assert.doesNotMatch(formatStatusXml(resolved), /portgroup=/);
    assert.deepEqual(resolved.problems, []);
  });

  test("default='YES' is a default too (libvirt compares case-insensitively)", () => {
    const upper = text.replace("default='yes'", "default='YES'");
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/></interface>`, { 'lan.xml': upper });
    assert.equal(resolved.portGroup?.group.name!.value, 'office');
  });

  test('a named portgroup that does not exist: nothing applied, NO fallback to the default, the name still shown', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup='labb'/></interface>`, { 'lan.xml': text });
    assert.equal(resolved.portGroup, undefined);
    assert.equal(resolved.bandwidth, undefined, "the default portgroup's bandwidth must not apply");
    assert.deepEqual(resolved.tags, [], "the default portgroup's tags must not apply");
    assert.match(formatStatusXml(resolved), /<source network='lan' portgroup='labb' portid='…' bridge='…'\/>/);
    const problem = resolved.problems.find((p) => p.code === 'unknown-portgroup')!;
    // networkAllocatePort starts the domain all the same: a warning, not an error.
    assert.equal(problem.severity, 'warning');
    assert.match(problem.message, /^Unknown portgroup 'labb'.*: not in network 'lan', so libvirt applies no portgroup settings$/);
    assert.match(problem.message, /^Unknown portgroup 'labb' \(did you mean 'lab'\?\):/);
    assert.deepEqual(problem.suggestions, ['lab']);
  });

  test("portgroup='' names none: the default applies (the port's <group></group> reads as absent), '' still shown", () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup=''/></interface>`, { 'lan.xml': text });
    assert.deepEqual([resolved.portGroup?.group.name?.value, resolved.portGroup?.how], ['office', 'default']);
    assert.equal(resolved.bandwidth?.value.inbound?.average?.value, '111');
    assert.match(formatStatusXml(resolved), /<source network='lan' portgroup='' portid='…' bridge='…'\/>/);
    assert.deepEqual(resolved.problems, []);
  });

  test("portgroup='' without a default portgroup: nothing applies, and no finding", () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan' portgroup=''/></interface>`, {
      'lan.xml': text.replace(" default='yes'", ''),
    });
    assert.equal(resolved.portGroup, undefined);
    assert.deepEqual(resolved.problems, []);
  });

  test('no default and none named: no portgroup', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/></interface>`, { 'lan.xml': text.replace(" default='yes'", '') });
    assert.equal(resolved.portGroup, undefined);
    assert.equal(resolved.bandwidth, undefined);
  });
});

describe('tags: union in the order interface, network, portgroup; a repeated name once, at its first position', () => {
  const text = network(
    'lan',
    `  <forward mode='nat'/>\n  <tag name='shared'/>\n  <tag name='net-b'/>\n  <tag name='net-c'/>\n  <portgroup name='pg'>\n    <tag name='net-c'/>\n    <tag name='pg-d'/>\n    <tag name='if-a'/>\n  </portgroup>`,
  );

  test('order, de-duplication and provenance', () => {
    const { resolved, docs } = resolve(
      `<interface type='network'>${mac}<source network='lan' portgroup='pg'/><tag name='if-a'/><tag name='shared'/><tag name='if-a'/></interface>`,
      { 'lan.xml': text },
    );
    assert.deepEqual(
      resolved.tags.map((t) => t.value),
      ['if-a', 'shared', 'net-b', 'net-c', 'pg-d'],
    );
    assert.deepEqual(
      resolved.tags.map((t) => t.from.level),
      ['interface', 'interface', 'network', 'network', 'portgroup'],
    );
    assert.equal(slice(docs['domain.xml'].xml.text, resolved.tags[1].from.range), `<tag name='shared'/>`);
    assert.equal(resolved.tags[2].from.uri, uriOf('lan.xml'));
    assert.equal(slice(text, resolved.tags[2].from.range), `<tag name='net-b'/>`);
    assert.equal(slice(text, resolved.tags[4].from.range), `<tag name='pg-d'/>`);
    assert.equal(resolved.tags[4].from.ownerName, 'pg');
    const status = formatStatusXml(resolved);
    assert.deepEqual(
      [...status.matchAll(/<tag name='([^']*)'\/>/g)].map((m) => m[1]),
      ['if-a', 'shared', 'net-b', 'net-c', 'pg-d'],
    );
  });

  test('a tag without a name is skipped', () => {
    const { resolved } = resolve(`<interface type='network'>${mac}<source network='lan'/><tag/><tag name='x'/></interface>`, { 'lan.xml': text });
    assert.deepEqual(
      resolved.tags.map((t) => t.value),
      ['x', 'shared', 'net-b', 'net-c'],
    );
  });
});

describe('run-time values are placeholders, never invented', () => {
  const text = network('lan', `  <forward mode='nat'/>`);
  test('portid, bridge, target and alias', () => {
    const { resolved } = resolve(`<interface type='network'><source network='lan'/></interface>`, { 'lan.xml': text });
    const status = formatStatusXml(resolved);
    assert.match(status, /<mac address='…'\/>/, 'a MAC that libvirt generates is not made up');
    assert.match(status, /portid='…'/);
    assert.match(status, /<target dev='…'\/>/);
    assert.match(status, /<alias name='…'\/>/);
    assert.doesNotMatch(status, /vnet\d|net\d'|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  test('a target and alias the author wrote are kept as written', () => {
    const { resolved } = resolve(`<interface type='network'><source network='lan'/><target dev='mytap0'/><alias name='ua-net'/></interface>`, {
      'lan.xml': text,
    });
    const status = formatStatusXml(resolved);
    assert.match(status, /<target dev='mytap0'\/>/);
    assert.match(status, /<alias name='ua-net'\/>/);
    assert.doesNotMatch(status, /dev='…'/);
  });
});
