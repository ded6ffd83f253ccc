import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isRunTime, type ResolvedInterface } from './resolvedInterface';
import { formatStatusXml } from './statusXml';
import { network, resolve, slice, uriOf } from '../testing';

const mac = `<mac address='52:54:00:00:00:01'/>`;
const vp = (type: string | undefined, params = '') => `<virtualport${type ? ` type='${type}'` : ''}>${params ? `<parameters ${params}/>` : ''}</virtualport>`;
const iface = (own = '', portgroup = 'pg') => `<interface type='network'>${mac}<source network='n' portgroup='${portgroup}'/>${own}</interface>`;

const ovsBridge = (networkVp: string, groupVp: string) =>
  network('n', `  <forward mode='bridge'/>\n  <bridge name='ovsbr0'/>\n  ${networkVp}\n  <portgroup name='pg'>${groupVp}</portgroup>`);
const macvtap = (networkVp: string, groupVp: string) =>
  network('n', `  <forward mode='vepa'>\n    <interface dev='eth0'/>\n  </forward>\n  ${networkVp}\n  <portgroup name='pg'>${groupVp}</portgroup>`);

function params(r: ResolvedInterface): Array<[string, string]> {
  return r.virtualPort!.parameters.map((p) => [p.name, isRunTime(p.value) ? '…' : p.value]);
}

function conflict(r: ResolvedInterface) {
  return r.problems.find((p) => p.code === 'virtualport-conflict');
}

describe('virtualport merge (virNetDevVPortProfileMerge3: interface, then network, then portgroup)', () => {
  test('openvswitch from the network, profileid from a type-less portgroup, interfaceid generated per port', () => {
    const text = ovsBridge(vp('openvswitch'), vp(undefined, "profileid='pg-profile'"));
    const { resolved } = resolve(iface(), { 'n.xml': text });
    assert.equal(resolved.virtualPort!.type!.value, 'openvswitch');
    assert.equal(resolved.virtualPort!.type!.from.level, 'network');
    assert.deepEqual(params(resolved), [
      ['interfaceid', '…'],
      ['profileid', 'pg-profile'],
    ]);
    const profile = resolved.virtualPort!.parameters.find((p) => p.name === 'profileid')!;
    assert.deepEqual([profile.from!.uri, profile.from!.level], [uriOf('n.xml'), 'portgroup']);
    assert.equal(slice(text, profile.from!.range), 'pg-profile');
    assert.deepEqual(resolved.problems, []);
  });

  test('the first typed layer fixes the type: a type-less interface virtualport takes the network type', () => {
    const { resolved } = resolve(iface(vp(undefined)), { 'n.xml': ovsBridge(vp('openvswitch'), '') });
    assert.equal(resolved.virtualPort!.type!.value, 'openvswitch');
    // The interface's generated instanceid is hidden for openvswitch; its generated interfaceid is kept.
    assert.deepEqual(params(resolved), [['interfaceid', '…']]);
    assert.equal(resolved.virtualPort!.parameters[0].from, undefined, 'generated at define: no source range');
  });

  test("the interface's own interfaceid is used when nothing conflicts", () => {
    const id = '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f';
    const { resolved } = resolve(iface(vp('openvswitch', `interfaceid='${id}'`)), { 'n.xml': ovsBridge(vp('openvswitch'), '') });
    assert.deepEqual(params(resolved), [['interfaceid', id]]);
    assert.equal(resolved.virtualPort!.parameters[0].from!.level, 'interface');
  });

  test('equal values agree (UUIDs compare without regard to case)', () => {
    const id = '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f';
    const { resolved } = resolve(iface(vp('openvswitch', `interfaceid='${id.toUpperCase()}'`)), {
      'n.xml': ovsBridge(vp('openvswitch', `interfaceid='${id}'`), ''),
    });
    assert.equal(conflict(resolved), undefined);
  });

  test('mismatched types are an error, not an override', () => {
    const { resolved } = resolve(iface(), { 'n.xml': macvtap(vp('802.1Qbg', "managerid='1' typeid='2' typeidversion='3'"), vp('802.1Qbh', "profileid='p'")) });
    const problem = conflict(resolved)!;
    assert.equal(problem.severity, 'error');
    assert.equal(
      problem.message,
      "XML error: attempt to merge virtualports with mismatched types (802.1Qbg and 802.1Qbh) (the value comes from portgroup 'pg')",
    );
    assert.equal(resolved.virtualPort, undefined);
    assert.equal(problem.related![0].uri, uriOf('n.xml'));
  });

  test('a mismatched string parameter: quoted values, first the one already merged', () => {
    const { resolved } = resolve(iface(), { 'n.xml': ovsBridge(vp('openvswitch', "profileid='a'"), vp(undefined, "profileid='b'")) });
    assert.match(conflict(resolved)!.message, /^XML error: attempt to merge virtualports with mismatched profileids \('a' and 'b'\)/);
  });

  test('a mismatched number parameter: unquoted values', () => {
    const { resolved } = resolve(iface(), { 'n.xml': macvtap(vp('802.1Qbg', "managerid='11' typeid='2' typeidversion='3'"), vp(undefined, "managerid='12'")) });
    assert.match(conflict(resolved)!.message, /^XML error: attempt to merge virtualports with mismatched managerids \(11 and 12\)/);
  });

  test("an interface's own value conflicting with the network's: the problem points at the network's value", () => {
    const { resolved, docs } = resolve(iface(vp('openvswitch', "profileid='mine'")), { 'n.xml': ovsBridge(vp('openvswitch', "profileid='theirs'"), '') });
    const problem = conflict(resolved)!;
    assert.match(problem.message, /mismatched profileids \('mine' and 'theirs'\) \(the value comes from network 'n'\)$/);
    assert.equal(slice(docs['n.xml'].xml.text, problem.related![0].range), 'theirs');
  });

  test('an interfaceid generated at define for the interface conflicts with one written in the network', () => {
    const { resolved } = resolve(iface(vp('openvswitch')), { 'n.xml': ovsBridge(vp('openvswitch', "interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'"), '') });
    assert.match(conflict(resolved)!.message, /^XML error: attempt to merge virtualports with mismatched interfaceids/);
  });

  test('a later layer’s parameter the type does not have is silently ignored', () => {
    const { resolved } = resolve(iface(), {
      'n.xml': macvtap(vp('802.1Qbg', "managerid='11' typeid='2' typeidversion='3'"), vp(undefined, "profileid='ignored'")),
    });
    assert.equal(conflict(resolved), undefined);
    assert.deepEqual(params(resolved), [
      ['managerid', '11'],
      ['typeid', '2'],
      ['typeidversion', '3'],
      ['instanceid', '…'],
    ]);
  });

  test('802.1Qbg gets a generated instanceid at port allocation when none is given', () => {
    const { resolved } = resolve(iface(), { 'n.xml': macvtap(vp('802.1Qbg', "managerid='11' typeid='2' typeidversion='3'"), '') });
    assert.deepEqual(params(resolved).at(-1), ['instanceid', '…']);
  });

  test('no virtualport anywhere: none in the result', () => {
    const { resolved } = resolve(iface(), { 'n.xml': ovsBridge('', '') });
    assert.equal(resolved.virtualPort, undefined);
    assert.doesNotMatch(formatStatusXml(resolved), /virtualport/);
  });
});

describe('virtualport type allowed per forward mode', () => {
  const message = (type: string, name: string, uses: string) =>
    `unsupported configuration: <virtualport type='${type}'> not supported for network '${name}' which ${uses}`;
  const typeProblem = (r: ResolvedInterface) => r.problems.find((p) => p.code === 'virtualport-type-unsupported');

  test('nat: no virtualport at all', () => {
    const { resolved } = resolve(iface(vp('openvswitch')), { 'n.xml': network('n', `  <forward mode='nat'/>\n  <portgroup name='pg'/>`) });
    assert.equal(typeProblem(resolved)!.message, message('openvswitch', 'n', 'uses IP forwarding'));
  });

  test('nat: a type-less interface virtualport is left over and reported as type none', () => {
    const { resolved } = resolve(iface(vp(undefined)), { 'n.xml': network('n', `  <forward mode='nat'/>\n  <portgroup name='pg'/>`) });
    assert.equal(typeProblem(resolved)!.message, message('none', 'n', 'uses IP forwarding'));
  });

  test('bridge with a bridge name: openvswitch only', () => {
    const { resolved } = resolve(iface(), { 'n.xml': ovsBridge(vp('802.1Qbg', "managerid='1' typeid='2' typeidversion='3'"), '') });
    assert.equal(typeProblem(resolved)!.message, message('802.1Qbg', 'n', 'uses a bridge device'));
    const ok = resolve(iface(), { 'n.xml': ovsBridge(vp('openvswitch'), '') }).resolved;
    assert.equal(typeProblem(ok), undefined);
  });

  test('macvtap: 802.1Qbg / 802.1Qbh only', () => {
    const { resolved } = resolve(iface(), { 'n.xml': macvtap(vp('openvswitch'), '') });
    assert.equal(typeProblem(resolved)!.message, message('openvswitch', 'n', 'uses a macvtap device'));
    const ok = resolve(iface(), { 'n.xml': macvtap(vp('802.1Qbh', "profileid='x'"), '') }).resolved;
    assert.equal(typeProblem(ok), undefined);
  });

  test('hostdev: 802.1Qbg / 802.1Qbh only', () => {
    const text = network(
      'n',
      `  <forward mode='hostdev'>\n    <address type='pci' domain='0' bus='1' slot='2' function='3'/>\n  </forward>\n  ${vp('openvswitch')}\n  <portgroup name='pg'/>`,
    );
    const { resolved } = resolve(iface(), { 'n.xml': text });
    assert.equal(typeProblem(resolved)!.message, message('openvswitch', 'n', 'uses an SR-IOV Virtual Function via PCI passthrough'));
  });

  test('midonet is never accepted by a network', () => {
    const { resolved } = resolve(iface(vp('midonet', "interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f'")), { 'n.xml': ovsBridge('', '') });
    assert.equal(typeProblem(resolved)!.message, message('midonet', 'n', 'uses a bridge device'));
  });
});

describe('virtualport on an interface that is not type network', () => {
  test('bridge and direct interfaces get their missing ids generated at define: run-time values in the status', () => {
    const ovs = resolve(`<interface type='bridge'>${mac}<source bridge='ovsbr0'/>${vp('openvswitch', "profileid='p'")}</interface>`).resolved;
    assert.match(formatStatusXml(ovs), /<virtualport type='openvswitch'>\n\s+<parameters interfaceid='…' profileid='p'\/>/);
    const qbg = resolve(
      `<interface type='direct'>${mac}<source dev='eth0' mode='vepa'/>${vp('802.1Qbg', "managerid='1' typeid='2' typeidversion='3'")}</interface>`,
    ).resolved;
    assert.match(formatStatusXml(qbg), /<parameters managerid='1' typeid='2' typeidversion='3' instanceid='…'\/>/);
  });

  test('a midonet port on a plain bridge keeps its interfaceid in the status (libvirt prints it)', () => {
    const id = '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa4f';
    const { resolved } = resolve(`<interface type='bridge'>${mac}<source bridge='br0'/>${vp('midonet', `interfaceid='${id}'`)}</interface>`);
    assert.match(formatStatusXml(resolved), new RegExp(`<virtualport type='midonet'>\\n\\s+<parameters interfaceid='${id}'/>\\n\\s+</virtualport>`));
  });
});
