import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../model/finding';
import { codes, findingsOf, network, slice, uriOf, withCode } from '../testing';

function check(body: string, name = 'n'): { findings: Finding[]; text: string } {
  const text = network(name, body);
  return { findings: findingsOf('n.xml', { 'n.xml': text }), text };
}

function one(findings: readonly Finding[], code: string): Finding {
  const found = withCode(findings, code);
  assert.equal(found.length, 1, `one ${code} expected, got ${JSON.stringify(findings.map((f) => [f.code, f.message]))}`);
  return found[0];
}

describe('network rules: names', () => {
  test('a network defined in two files: a warning on each, with the other as related location', () => {
    const files = { 'a.xml': network('dup', ''), 'b.xml': network('dup', ''), 'c.xml': network('single', '') };
    const a = one(findingsOf('a.xml', files), 'duplicate-network');
    assert.equal(a.severity, 'warning');
    assert.equal(a.message, "network 'dup' is also defined in another file; references resolve to this one");
    assert.equal(a.related![0].uri, uriOf('b.xml'));
    const b = one(findingsOf('b.xml', files), 'duplicate-network');
    assert.equal(
      b.message,
      "network 'dup' is also defined in another file; references resolve to another (open documents first, then workspace folders, then libvirtXml.networkPaths, then by path)",
    );
    assert.deepEqual(withCode(findingsOf('c.xml', files), 'duplicate-network'), []);
  });

  test('three definitions are counted', () => {
    const files = { 'a.xml': network('dup', ''), 'b.xml': network('dup', ''), 'c.xml': network('dup', '') };
    assert.match(one(findingsOf('c.xml', files), 'duplicate-network').message, /also defined in 2 other files/);
  });

  test('missing <name>', () => {
    const findings = findingsOf('n.xml', { 'n.xml': '<network><forward/></network>' });
    assert.equal(one(findings, 'missing-network-name').message, 'missing name information (libvirt requires <name>)');
  });

  test("a name with '/'", () => {
    const { findings, text } = check('', 'a/b');
    const finding = findings.find((f) => f.message === 'invalid char in name: /')!;
    assert.ok(finding, JSON.stringify(findings));
    assert.equal(slice(text, finding.range), 'a/b');
  });

  test('an unknown forward mode, with the known modes as suggestions', () => {
    const { findings, text } = check(`  <forward mode='brige'/>`);
    const finding = findings.find((f) => f.message === "unsupported configuration: unknown forwarding type 'brige'")!;
    assert.equal(slice(text, finding.range), 'brige');
    assert.ok(finding.suggestions!.includes('bridge'));
  });
});

describe('network rules: portgroups', () => {
  test('duplicate portgroup names', () => {
    const { findings, text } = check(`  <portgroup name='a'/>\n  <portgroup name='b'/>\n  <portgroup name='a'/>`);
    const finding = one(findings, 'duplicate-portgroup');
    assert.equal(finding.severity, 'error');
    assert.equal(finding.message, "unsupported configuration: multiple <portgroup> elements with the same name (a) in network 'n'");
    assert.equal(finding.range.start, text.lastIndexOf("'a'") + 1);
    assert.equal(finding.related![0].range.start, text.indexOf("'a'") + 1);
  });

  test('more than one default portgroup', () => {
    const { findings, text } = check(`  <portgroup name='a' default='yes'/>\n  <portgroup name='b' default='YES'/>`);
    const finding = one(findings, 'multiple-default-portgroups');
    assert.equal(
      finding.message,
      "unsupported configuration: network 'n' has multiple default <portgroup> elements (a and b), but only one default is allowed",
    );
    assert.equal(slice(text, finding.range), 'YES');
  });

  test("default='no' is not a default", () => {
    const { findings } = check(`  <portgroup name='a' default='yes'/>\n  <portgroup name='b' default='no'/>`);
    assert.deepEqual(withCode(findings, 'multiple-default-portgroups'), []);
  });

  test('a portgroup without a name', () => {
    const { findings } = check(`  <portgroup default='yes'/>`);
    assert.ok(findings.some((f) => f.message === 'XML error: Missing required name attribute in portgroup'));
  });
});

describe('network rules: floor and bandwidth', () => {
  const floorMessage =
    'unsupported configuration: floor attribute is not supported for this config (a floor belongs on the interfaces of a nat, route, open or isolated network, not on the network or its portgroups)';

  test('a floor in a portgroup is refused whatever the forward mode (the RFC example)', () => {
    for (const forward of [`<forward mode='bridge'/>\n  <bridge name='br0'/>`, `<forward mode='nat'/>`, '']) {
      const { findings, text } = check(`  ${forward}\n  <portgroup name='pg'><bandwidth><inbound average='10' floor='5'/></bandwidth></portgroup>`);
      const finding = one(findings, 'floor-unsupported-by-network');
      assert.equal(finding.message, floorMessage);
      assert.equal(slice(text, finding.range), '5');
    }
  });

  test('a floor in the network-wide bandwidth is refused; floor 0 is no floor', () => {
    assert.equal(one(check(`  <bandwidth><inbound average='10' floor='5'/></bandwidth>`).findings, 'floor-unsupported-by-network').severity, 'error');
    assert.deepEqual(withCode(check(`  <bandwidth><inbound average='10' floor='0'/></bandwidth>`).findings, 'floor-unsupported-by-network'), []);
  });

  test('a floor on outbound', () => {
    const finding = one(check(`  <bandwidth><outbound average='10' floor='5'/></bandwidth>`).findings, 'floor-on-outbound');
    assert.equal(finding.message, "unsupported configuration: 'floor' attribute allowed only in <inbound> element");
  });

  test('a rate with neither average nor floor (XML_DETAIL: no prefix)', () => {
    const { findings, text } = check(`  <bandwidth><inbound peak='5'/></bandwidth>`);
    const found = withCode(findings, 'bandwidth-missing-average');
    // libvirt stops at the first; the editor also names the peak without average.
    assert.deepEqual(
      found.map((f) => f.message),
      ['Missing mandatory average or floor attributes', "unsupported configuration: 'peak' and 'burst' require 'average' attribute"],
    );
    assert.equal(slice(text, found[0].range), 'inbound');
    assert.equal(slice(text, found[1].range), '5');
  });

  test('peak or burst without average', () => {
    const { findings } = check(`  <bandwidth><inbound floor='0' burst='5'/></bandwidth>`);
    assert.ok(findings.some((f) => f.message === "unsupported configuration: 'peak' and 'burst' require 'average' attribute"));
  });

  test('a number libvirt cannot convert', () => {
    const { findings, text } = check(`  <bandwidth><inbound average='10k'/></bandwidth>`);
    const finding = findings.find((f) => f.message === "unsupported configuration: could not convert bandwidth average value '10k'")!;
    assert.equal(slice(text, finding.range), '10k');
    assert.deepEqual(
      check(`  <bandwidth><inbound average=' +10'/></bandwidth>`).findings.filter((f) => /could not convert/.test(f.message)),
      [],
    );
  });

  test('network-wide bandwidth on a macvtap network', () => {
    const { findings } = check(
      `  <forward mode='vepa'><interface dev='eth0'/></forward>\n  <bandwidth><inbound average='10'/></bandwidth>\n  <portgroup name='pg'><bandwidth><inbound average='5'/></bandwidth></portgroup>`,
    );
    assert.ok(
      findings.some((f) => f.message === "unsupported configuration: Unsupported network-wide <bandwidth> element in network n with forward mode='vepa'"),
    );
    assert.ok(
      findings.some(
        (f) => f.message === "unsupported configuration: Unsupported <bandwidth> element in network 'n' in portgroup 'pg' with forward mode='vepa'",
      ),
    );
  });

  test('bandwidth is fine on nat and on a bridge with a bridge name', () => {
    const ok = (forward: string) =>
      codes(check(`  ${forward}\n  <bandwidth><inbound average='10'/></bandwidth>`).findings).filter((c) => c === 'invalid-value');
    assert.deepEqual(ok(`<forward mode='nat'/>`), []);
    assert.deepEqual(ok(`<forward mode='bridge'/>\n  <bridge name='br0'/>`), []);
  });
});

describe('network rules: vlan values', () => {
  const vlan = (inner: string, attrs = '') =>
    check(`  <forward mode='hostdev'><address type='pci' domain='0' bus='1' slot='2' function='3'/></forward>\n  <vlan${attrs}>${inner}</vlan>`);

  test('tag ids 0 and 4095 are fine; 4096 is too large', () => {
    assert.deepEqual(
      vlan(`<tag id='0'/>`).findings.filter((f) => f.severity === 'error'),
      [],
    );
    assert.deepEqual(
      vlan(`<tag id='4095'/>`).findings.filter((f) => f.severity === 'error'),
      [],
    );
    const { findings, text } = vlan(`<tag id='4096'/>`);
    const finding = one(findings, 'vlan-tag-out-of-range');
    assert.equal(finding.message, 'XML error: vlan tag id 4096 too large (maximum 4095)');
    assert.equal(slice(text, finding.range), '4096');
  });

  test('a non-numeric or negative id', () => {
    for (const id of ['-1', 'ten', '']) {
      assert.ok(
        vlan(`<tag id='${id}'/>`).findings.some(
          (f) => f.message === `XML error: Invalid value for attribute 'id' in element 'tag': '${id}'. Expected non-negative integer value`,
        ),
        id,
      );
    }
  });

  test('a tag without id; a vlan without tag', () => {
    assert.ok(vlan(`<tag/>`).findings.some((f) => f.message === "XML error: Missing required attribute 'id' in element 'tag'"));
    assert.ok(vlan('').findings.some((f) => f.message === "XML error: missing tag id - each <vlan> must have at least one <tag id='n'/> subelement"));
  });

  test('nativeMode: invalid value, and twice', () => {
    const bad = one(vlan(`<tag id='1' nativeMode='default'/>`).findings, 'vlan-native-mode');
    assert.equal(bad.message, "XML error: Invalid value for attribute 'nativeMode' in element 'tag': 'default'.");
    const twice = one(vlan(`<tag id='1' nativeMode='tagged'/><tag id='2' nativeMode='untagged'/>`, " trunk='yes'").findings, 'vlan-native-mode');
    assert.equal(twice.message, 'XML error: duplicate native vlan setting');
  });

  test('trunk rules', () => {
    assert.equal(
      one(vlan(`<tag id='1'/><tag id='2'/>`, " trunk='no'").findings, 'vlan-trunk').message,
      `XML error: invalid "trunk='no'" in <vlan> - trunk='yes' is required for more than one vlan tag`,
    );
    assert.equal(
      one(vlan(`<tag id='1' nativeMode='tagged'/>`, " trunk='no'").findings, 'vlan-trunk').message,
      `XML error: invalid configuration in <vlan> - "trunk='no'" is not allowed with a native vlan id`,
    );
    assert.equal(
      one(vlan(`<tag id='1'/>`, " trunk='maybe'").findings, 'vlan-trunk').message,
      `XML error: invalid "trunk='maybe'" in <vlan> - must be yes or no`,
    );
    // Accepted: trunk='no' with one tag, several tags without trunk, trunk='YES', a native tag without trunk.
    for (const [inner, attrs] of [
      [`<tag id='1'/>`, " trunk='no'"],
      [`<tag id='1'/><tag id='2'/>`, ''],
      [`<tag id='1'/><tag id='2'/>`, " trunk='YES'"],
      [`<tag id='1' nativeMode='untagged'/>`, ''],
    ]) {
      assert.deepEqual(withCode(vlan(inner, attrs).findings, 'vlan-trunk'), [], inner + attrs);
    }
  });
});

describe('network rules: vlan support (networkValidate)', () => {
  const message = (name: string) => `unsupported configuration: <vlan> element specified for network ${name}, whose type doesn't support vlan configuration`;

  test('a network-level vlan on a private (macvtap) network', () => {
    const { findings } = check(`  <forward mode='private'><interface dev='eth1'/></forward>\n  <vlan><tag id='549'/></vlan>`);
    assert.equal(one(findings, 'vlan-unsupported').message, message('n'));
  });

  test('a vlan on a nat network, and on a plain bridge', () => {
    one(check(`  <forward mode='nat'/>\n  <vlan><tag id='5'/></vlan>`).findings, 'vlan-unsupported');
    one(
      check(`  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <portgroup name='pg'><vlan><tag id='5'/></vlan></portgroup>`).findings,
      'vlan-unsupported',
    );
  });

  test('hostdev, passthrough and openvswitch bridges carry vlans', () => {
    assert.deepEqual(
      withCode(check(`  <forward mode='passthrough'><interface dev='eth1'/></forward>\n  <vlan><tag id='5'/></vlan>`).findings, 'vlan-unsupported'),
      [],
    );
    assert.deepEqual(
      withCode(
        check(
          `  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  <virtualport type='openvswitch'/>\n  <vlan><tag id='5'/></vlan>\n  <portgroup name='pg'><vlan><tag id='6'/></vlan></portgroup>`,
        ).findings,
        'vlan-unsupported',
      ),
      [],
    );
  });

  test('a portgroup with a vlan and a type-less virtualport is refused even on an openvswitch network', () => {
    const { findings, text } = check(
      `  <forward mode='bridge'/>\n  <virtualport type='openvswitch'/>\n  <portgroup name='bob' default='yes'>\n    <vlan trunk='yes'><tag id='666'/></vlan>\n    <virtualport><parameters profileid='bob-profile'/></virtualport>\n  </portgroup>`,
      'openvswitch-net',
    );
    const finding = one(findings, 'vlan-unsupported');
    assert.equal(finding.message, message('openvswitch-net'));
    assert.match(slice(text, finding.range)!, /^vlan$/);
  });

  test('a network-level vlan without network vlan support is accepted when a default portgroup exists and every portgroup is openvswitch', () => {
    const body = `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <vlan><tag id='5'/></vlan>\n  <portgroup name='a' default='yes'><virtualport type='openvswitch'/></portgroup>`;
    assert.deepEqual(withCode(check(body).findings, 'vlan-unsupported'), []);
    assert.equal(withCode(check(body.replace(" default='yes'", '')).findings, 'vlan-unsupported').length, 1);
  });
});

describe('network rules: virtualport values', () => {
  test('unknown type, with the known types as suggestions', () => {
    const { findings, text } = check(`  <virtualport type='openvswitc'/>`);
    const finding = findings.find((f) => f.message === 'unsupported configuration: unknown virtualport type openvswitc')!;
    assert.equal(slice(text, finding.range), 'openvswitc');
    assert.deepEqual(finding.suggestions, ['802.1Qbg', '802.1Qbh', 'openvswitch', 'midonet']);
  });

  test('type none is unknown too (libvirt only knows 802.1Qbg, 802.1Qbh, openvswitch, midonet)', () => {
    assert.ok(check(`  <virtualport type='none'/>`).findings.some((f) => f.message === 'unsupported configuration: unknown virtualport type none'));
  });

  test('extra parameters for the type', () => {
    const { findings, text } = check(
      `  <forward mode='vepa'><interface dev='e'/></forward>\n  <virtualport type='802.1Qbg'><parameters managerid='1' typeid='2' typeidversion='3' profileid='p'/></virtualport>`,
    );
    const finding = findings.find((f) => f.message === "XML error: extra profileid unsupported in <virtualport type='802.1Qbg'>")!;
    assert.equal(slice(text, finding.range), 'p');
    const ovs = check(`  <virtualport type='openvswitch'><parameters instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/></virtualport>`).findings;
    assert.ok(ovs.some((f) => f.message === "XML error: extra instanceid unsupported in <virtualport type='openvswitch'>"));
    const qbh = check(`  <virtualport type='802.1Qbh'><parameters profileid='p' interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/></virtualport>`).findings;
    assert.ok(qbh.some((f) => f.message === "XML error: extra interfaceid unsupported in <virtualport type='802.1Qbh'>"));
  });

  test('a network-level virtualport needs a type; a portgroup one does not', () => {
    assert.ok(
      check(`  <virtualport><parameters profileid='x'/></virtualport>`).findings.some((f) => f.message === 'XML error: missing required virtualport type'),
    );
    assert.deepEqual(
      check(`  <portgroup name='pg'><virtualport><parameters profileid='x'/></virtualport></portgroup>`).findings.filter((f) => /virtualport/.test(f.message)),
      [],
    );
  });
});

describe('network rules: a clean network has no error', () => {
  test('nat network with portgroups, bandwidth, tags', () => {
    const { findings } = check(
      `  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n  <bandwidth><inbound average='1000' peak='2000' burst='10'/><outbound average='1000'/></bandwidth>\n  <portgroup name='a' default='yes'><bandwidth><inbound average='10'/></bandwidth></portgroup>\n  <portgroup name='b'/>\n  <ip address='192.168.1.1' netmask='255.255.255.0'/>`,
    );
    assert.deepEqual(findings, []);
  });
});
