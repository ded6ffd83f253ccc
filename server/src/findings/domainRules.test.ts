import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFindings } from './documentFindings';
import type { Finding } from '../model/finding';
import { closestNames, editDistance } from '../util/closestNames';
import { codes, domainWith, findingsOf, indexOf, network, slice, uriOf, withCode } from '../testing';

const networks = {
  'default.xml': network('default', `  <forward mode='nat'/>\n  <portgroup name='office' default='yes'/>\n  <portgroup name='engineering'/>`),
  'lab.xml': network('lab-net', `  <forward mode='nat'/>`),
};

function check(...interfaces: string[]): { findings: Finding[]; text: string } {
  const text = domainWith(...interfaces);
  return { findings: findingsOf('d.xml', { ...networks, 'd.xml': text }), text };
}

function one(findings: readonly Finding[], code: string): Finding {
  const found = withCode(findings, code);
  assert.equal(found.length, 1, `one ${code} expected, got ${JSON.stringify(findings.map((f) => [f.code, f.message]))}`);
  return found[0];
}

describe('domain rules: references', () => {
  test('unknown network with did-you-mean', () => {
    const { findings, text } = check(`<interface type='network'><source network='defualt'/></interface>`);
    const finding = one(findings, 'unknown-network');
    assert.equal(finding.message, "Network not found: no network with matching name 'defualt' (did you mean 'default'?)");
    assert.equal(slice(text, finding.range), 'defualt');
    assert.deepEqual(finding.suggestions, ['default']);
  });

  test('a case-only difference is the closest suggestion', () => {
    const finding = one(check(`<interface type='network'><source network='Lab-Net'/></interface>`).findings, 'unknown-network');
    assert.deepEqual(finding.suggestions, ['lab-net']);
  });

  test('unknown portgroup with did-you-mean', () => {
    const { findings, text } = check(`<interface type='network'><source network='default' portgroup='enginering'/></interface>`);
    const finding = one(findings, 'unknown-portgroup');
    assert.equal(
      finding.message,
      "Unknown portgroup 'enginering' (did you mean 'engineering'?): not in network 'default', so libvirt applies no portgroup settings",
    );
    assert.equal(slice(text, finding.range), 'enginering');
    // The details are in the related information, at the network's name.
    const [related, ...more] = finding.related ?? [];
    assert.deepEqual(more, []);
    assert.equal(related.uri, uriOf('default.xml'));
    assert.equal(slice(networks['default.xml'], related.range), 'default');
    assert.equal(
      related.message,
      "network 'default' is defined here; its portgroups: 'office', 'engineering'. libvirt ignores a portgroup it does not have: no bandwidth, vlan or virtualport of a portgroup applies",
    );
  });

  test('the message of an unknown portgroup is short and starts with the name, whatever the network is called', () => {
    const finding = one(check(`<interface type='network'><source network='lab-net' portgroup='x'/></interface>`).findings, 'unknown-portgroup');
    assert.equal(finding.message, "Unknown portgroup 'x': not in network 'lab-net', so libvirt applies no portgroup settings");
    assert.match(finding.related?.[0].message ?? '', /it has no portgroups/);
  });

  test('no missing-attribute finding while the start tag is being typed; it comes with the tag complete', () => {
    const typing = domainWith(`<interface type='network'>\n      <source \n    </interface>`);
    const whileTyping = findingsOf('d.xml', { ...networks, 'd.xml': typing });
    assert.deepEqual(codes(whileTyping), ['malformed-xml'], JSON.stringify(whileTyping.map((f) => f.message)));
    const bare = findingsOf('d.xml', { ...networks, 'd.xml': domainWith(`<interface type='network'><source netw/></interface>`) });
    assert.deepEqual(codes(bare), ['malformed-xml']);
    const quote = findingsOf('d.xml', { ...networks, 'd.xml': domainWith(`<interface type='network'><source network='\n    </interface>`) });
    assert.deepEqual(codes(quote), ['malformed-xml']);
    const complete = findingsOf('d.xml', { ...networks, 'd.xml': domainWith(`<interface type='network'><source/></interface>`) });
    assert.deepEqual(codes(complete), ['missing-network-name']);
  });

  test('portgroup names are case-sensitive in libvirt', () => {
    const finding = one(check(`<interface type='network'><source network='default' portgroup='Office'/></interface>`).findings, 'unknown-portgroup');
    assert.deepEqual(finding.suggestions, ['office']);
  });

  test('a known network and portgroup: no finding at all', () => {
    assert.deepEqual(
      check(`<interface type='network'><mac address='52:54:00:00:00:01'/><source network='default' portgroup='office'/></interface>`).findings,
      [],
    );
  });

  test('portgroup on a non-network interface', () => {
    const { findings, text } = check(`<interface type='direct'><source dev='eth0' mode='vepa' portgroup='office'/></interface>`);
    const finding = one(findings, 'portgroup-on-non-network-interface');
    assert.equal(finding.severity, 'warning');
    assert.equal(slice(text, finding.range), 'office');
  });
});

describe('domain rules: MAC addresses (virMacAddrParse)', () => {
  const mac = (address: string) => check(`<interface type='user'><mac address='${address}'/></interface>`);

  test('valid forms: lower/upper case, one-digit groups, trailing whitespace', () => {
    for (const address of ['52:54:00:00:00:01', '52:54:00:AB:CD:EF', '2:4:0:a:b:c', '52:54:00:00:00:01 ']) {
      assert.deepEqual(withCode(mac(address).findings, 'invalid-mac'), [], address);
    }
  });

  test('unparsable: wrong separators, too few or many groups, three digits, leading space', () => {
    for (const address of [
      '52-54-00-00-00-01',
      '52:54:00:00:01',
      '52:54:00:00:00:01:02',
      '52:54:00:00:00:001',
      ' 52:54:00:00:00:01',
      'zz:54:00:00:00:01',
      '',
    ]) {
      const { findings, text } = mac(address);
      const finding = one(findings, 'invalid-mac');
      assert.equal(finding.message, `XML error: unable to parse mac address '${address}'`);
      assert.equal(slice(text, finding.range), address);
    }
  });

  test('multicast is refused', () => {
    const finding = one(mac('01:00:5e:00:00:01').findings, 'invalid-mac');
    assert.equal(finding.message, "XML error: expected unicast mac address, found multicast '01:00:5e:00:00:01'");
    assert.deepEqual(withCode(mac('02:00:5e:00:00:01').findings, 'invalid-mac'), []);
  });
});

describe('domain rules: bandwidth, vlan, virtualport on interfaces', () => {
  test('floor on an interface that is not type network', () => {
    const { findings, text } = check(`<interface type='bridge'><source bridge='br0'/><bandwidth><inbound average='10' floor='5'/></bandwidth></interface>`);
    const finding = one(findings, 'floor-unsupported-for-interface');
    assert.match(finding.message, /^unsupported configuration: floor attribute is not supported for this config/);
    assert.equal(slice(text, finding.range), '5');
  });

  test('floor without average is fine on a network interface whose network has inbound QoS', () => {
    const files = {
      'q.xml': network('q', `  <forward mode='nat'/>\n  <bandwidth><inbound average='1000'/></bandwidth>`),
      'd.xml': domainWith(`<interface type='network'><source network='q'/><bandwidth><inbound floor='200'/></bandwidth></interface>`),
    };
    assert.deepEqual(findingsOf('d.xml', files), []);
  });

  test('vlan tag range on an interface', () => {
    const { findings } = check(`<interface type='user'><vlan><tag id='5000'/></vlan></interface>`);
    assert.equal(one(findings, 'vlan-tag-out-of-range').message, 'XML error: vlan tag id 5000 too large (maximum 4095)');
  });

  test('virtualport extras on an interface', () => {
    const { findings } = check(
      `<interface type='bridge'><source bridge='br0'/><virtualport type='openvswitch'><parameters managerid='1'/></virtualport></interface>`,
    );
    assert.ok(findings.some((f) => f.message === "XML error: extra managerid unsupported in <virtualport type='openvswitch'>"));
  });

  test('midonet accepts any parameter (CheckNoExtras checks nothing for it)', () => {
    const { findings } = check(
      `<interface type='bridge'><source bridge='br0'/><virtualport type='midonet'><parameters interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'/></virtualport></interface>`,
    );
    assert.deepEqual(
      findings.filter((f) => /virtualport/.test(f.message)),
      [],
    );
  });
});

describe('findings: malformed XML, tags, order', () => {
  test('malformed XML is an error with a position', () => {
    const text = `<domain>\n  <devices>\n    <interface type='network'>\n      <source network='default'>\n    </interface>\n  </devices>\n</domain>\n`;
    const { index, docs } = indexOf({ ...networks, 'd.xml': text });
    const findings = computeFindings(docs['d.xml'], index);
    const finding = one(findings, 'malformed-xml');
    assert.match(finding.message, /^malformed XML: Expected closing tag 'source'/);
    assert.equal(docs['d.xml'].lines.positionAt(finding.range.start).line, 4);
    // The half-written document still resolves: the network is known, nothing else is reported.
    assert.deepEqual(codes(findings), ['malformed-xml']);
  });

  test('a document in the middle of an edit: findings, never a throw', () => {
    const text = `<domain><devices><interface type='network'><source network='defaul`;
    const { index, docs } = indexOf({ ...networks, 'd.xml': text });
    const findings = computeFindings(docs['d.xml'], index);
    assert.ok(findings.some((f) => f.code === 'malformed-xml'));
    assert.ok(findings.some((f) => f.code === 'unknown-network' && f.suggestions!.includes('default')));
  });

  test('tags: one info per document that libvirt drops them, and a warning for a nameless tag', () => {
    const { findings, text } = check(`<interface type='network'><source network='default'/><tag name='a'/><tag/></interface>`);
    const info = one(findings, 'tag-dropped-by-libvirt');
    assert.equal(info.severity, 'info');
    assert.equal(slice(text, info.range), 'tag');
    assert.equal(info.range.start, text.indexOf("<tag name='a'") + 1);
    assert.equal(one(findings, 'tag-missing-name').severity, 'warning');
  });

  test('network tags are reported once per file too', () => {
    const findings = findingsOf('n.xml', { 'n.xml': network('n', `  <tag name='a'/>\n  <portgroup name='p'><tag name='b'/></portgroup>`) });
    assert.equal(withCode(findings, 'tag-dropped-by-libvirt').length, 1);
  });

  test('findings are sorted by position', () => {
    const { findings } = check(
      `<interface type='network'><mac address='bad'/><source network='nope'/></interface>`,
      `<interface type='user'><mac address='01:00:00:00:00:00'/></interface>`,
    );
    const starts = findings.map((f) => f.range.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
    );
    assert.deepEqual(codes(findings), ['invalid-mac', 'unknown-network', 'invalid-mac']);
  });
});

describe('did-you-mean (closestNames)', () => {
  test('edit distance counts a transposition as one edit', () => {
    assert.equal(editDistance('xyzzy', 'xyzyz'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('', 'abc'), 3);
  });

  test('closest first, limited, only close enough', () => {
    assert.deepEqual(closestNames('defualt', ['default', 'isolated', 'default2']), ['default', 'default2']);
    assert.deepEqual(closestNames('a', ['zzzzzz']), []);
    assert.deepEqual(closestNames('net', ['net1', 'net2', 'net3', 'net4']).length, 3);
    assert.deepEqual(closestNames('x'.repeat(201), ['x'.repeat(201)]), []);
  });

  test('hostile names are data', () => {
    assert.deepEqual(closestNames('__proto_', ['__proto__', 'constructor']), ['__proto__']);
  });
});
