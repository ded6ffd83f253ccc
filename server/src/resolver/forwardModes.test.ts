import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isRunTime, type ResolvedInterface, type StatusAttribute } from './resolvedInterface';
import { formatStatusXml } from './statusXml';
import { network, resolve, slice, uriOf } from '../testing';

const mac = `<mac address='52:54:00:00:00:01'/>`;
const on = (name: string, extra = '') => `<interface type='network'>${mac}<source network='${name}'${extra}/><model type='virtio'/></interface>`;

/** The status `<source>` as name=value pairs; run-time values as '…', with candidates when known. */
function sourceOf(resolved: ResolvedInterface): Array<[string, string]> {
  return resolved.source.map((a: StatusAttribute) => [
    a.name,
    isRunTime(a.value) ? `…${a.value.candidates ? `[${a.value.candidates.join(',')}]` : ''}` : a.value,
  ]);
}

function errors(resolved: ResolvedInterface) {
  return resolved.problems.filter((p) => p.severity === 'error');
}

describe('forward-mode table: IP forwarding networks (none, nat, route, open) → type network on the network bridge', () => {
  const cases: Array<[string, string, string]> = [
    ['no <forward> (isolated)', '', 'none'],
    ['<forward/> without mode', `<forward/>`, 'nat'],
    ['nat', `<forward mode='nat'/>`, 'nat'],
    ['route', `<forward mode='route'/>`, 'route'],
    ['open', `<forward mode='open'/>`, 'open'],
  ];
  for (const [label, forward, mode] of cases) {
    test(label, () => {
      const text = network('lan', `  ${forward}\n  <bridge name='virbr9'/>`);
      const { resolved } = resolve(on('lan'), { 'lan.xml': text });
      assert.equal(resolved.forwardMode, mode);
      assert.equal(resolved.type, 'network');
      assert.equal(resolved.network!.uri, uriOf('lan.xml'));
      assert.deepEqual(sourceOf(resolved), [
        ['network', 'lan'],
        ['portid', '…'],
        ['bridge', 'virbr9'],
      ]);
      const bridge = resolved.source.find((a) => a.name === 'bridge')!;
      assert.equal(bridge.from!.uri, uriOf('lan.xml'));
      assert.equal(slice(text, bridge.from!.range), 'virbr9');
      assert.deepEqual(errors(resolved), []);
    });
  }

  test('a network without a bridge name: the bridge is a run-time value (libvirt picks virbrN)', () => {
    const { resolved } = resolve(on('lan'), { 'lan.xml': network('lan', `  <forward mode='nat'/>`) });
    assert.deepEqual(sourceOf(resolved), [
      ['network', 'lan'],
      ['portid', '…'],
      ['bridge', '…'],
    ]);
    assert.ok(resolved.notes.some((n) => /virbrN/.test(n)));
  });

  test('macTableManager is shown when the network sets it, kernel included', () => {
    for (const value of ['libvirt', 'kernel']) {
      const { resolved } = resolve(on('lan'), { 'lan.xml': network('lan', `  <bridge name='virbr9' macTableManager='${value}'/>`) });
      assert.deepEqual(sourceOf(resolved).at(-1), ['macTableManager', value]);
    }
    const { resolved } = resolve(on('lan'), { 'lan.xml': network('lan', `  <bridge name='virbr9'/>`) });
    assert.equal(
      resolved.source.find((a) => a.name === 'macTableManager'),
      undefined,
    );
  });
});

describe('forward-mode table: bridge', () => {
  test('bridge + <bridge name> → type bridge on that bridge', () => {
    const text = network('host', `  <forward mode='bridge'/>\n  <bridge name='br0'/>`);
    const { resolved } = resolve(on('host'), { 'host.xml': text });
    assert.equal(resolved.type, 'bridge');
    assert.equal(resolved.forwardMode, 'bridge');
    assert.deepEqual(sourceOf(resolved), [
      ['network', 'host'],
      ['portid', '…'],
      ['bridge', 'br0'],
    ]);
    assert.deepEqual(errors(resolved), []);
  });

  test('bridge + a one-device pool → direct, mode bridge, on that device', () => {
    const text = network('mv', `  <forward mode='bridge'>\n    <interface dev='eth3'/>\n  </forward>`);
    const { resolved } = resolve(on('mv'), { 'mv.xml': text });
    assert.equal(resolved.type, 'direct');
    assert.deepEqual(sourceOf(resolved), [
      ['network', 'mv'],
      ['portid', '…'],
      ['dev', 'eth3'],
      ['mode', 'bridge'],
    ]);
    const dev = resolved.source.find((a) => a.name === 'dev')!;
    assert.equal(slice(text, dev.from!.range), 'eth3');
  });

  test('bridge + <forward dev> alone → that device', () => {
    const { resolved } = resolve(on('mv'), { 'mv.xml': network('mv', `  <forward mode='bridge' dev='eth7'/>`) });
    assert.deepEqual(sourceOf(resolved), [
      ['network', 'mv'],
      ['portid', '…'],
      ['dev', 'eth7'],
      ['mode', 'bridge'],
    ]);
  });

  test('a pool of several devices: the device is a run-time choice among the candidates (least used, first on a tie)', () => {
    const { resolved } = resolve(on('mv'), {
      'mv.xml': network('mv', `  <forward mode='bridge'>\n    <interface dev='eth0'/>\n    <interface dev='eth1'/>\n  </forward>`),
    });
    assert.deepEqual(sourceOf(resolved), [
      ['network', 'mv'],
      ['portid', '…'],
      ['dev', '…[eth0,eth1]'],
      ['mode', 'bridge'],
    ]);
    assert.ok(
      resolved.notes.some((n) => /least used of eth0, eth1 \(eth0 when none is in use\)/.test(n)),
      resolved.notes.join('\n'),
    );
    assert.match(formatStatusXml(resolved), /<source network='mv' portid='…' dev='…' mode='bridge'\/>/);
  });
});

describe('forward-mode table: macvtap modes (private, vepa, passthrough) → direct with the forward mode', () => {
  for (const mode of ['private', 'vepa', 'passthrough']) {
    test(mode, () => {
      const text = network('mv', `  <forward mode='${mode}'>\n    <interface dev='eth1'/>\n  </forward>`);
      const { resolved } = resolve(on('mv'), { 'mv.xml': text });
      assert.equal(resolved.type, 'direct');
      assert.equal(resolved.forwardMode, mode);
      assert.deepEqual(sourceOf(resolved), [
        ['network', 'mv'],
        ['portid', '…'],
        ['dev', 'eth1'],
        ['mode', mode],
      ]);
      const modeAttribute = resolved.source.find((a) => a.name === 'mode')!;
      assert.equal(slice(text, modeAttribute.from!.range), mode);
      assert.deepEqual(errors(resolved), []);
    });
  }

  test('passthrough with several devices: the first unused one, start fails when all are used', () => {
    const { resolved } = resolve(on('pt'), {
      'pt.xml': network('pt', `  <forward mode='passthrough'>\n    <interface dev='eth1'/>\n    <interface dev='eth2'/>\n  </forward>`),
    });
    assert.deepEqual(sourceOf(resolved)[2], ['dev', '…[eth1,eth2]']);
    assert.ok(
      resolved.notes.some((n) => /first of eth1, eth2 that no other interface uses/.test(n)),
      resolved.notes.join('\n'),
    );
  });

  test('private with an 802.1Qbh virtualport needs exclusive devices too', () => {
    const { resolved } = resolve(on('pr'), {
      'pr.xml': network(
        'pr',
        `  <forward mode='private'>\n    <interface dev='eth1'/>\n    <interface dev='eth2'/>\n  </forward>\n  <virtualport type='802.1Qbh'><parameters profileid='p'/></virtualport>`,
      ),
    });
    assert.ok(
      resolved.notes.some((n) => /first of eth1, eth2 that no other interface uses/.test(n)),
      resolved.notes.join('\n'),
    );
  });

  test('a pool given as a <pf>: the device is a virtual function found at run time', () => {
    const { resolved } = resolve(on('pf'), { 'pf.xml': network('pf', `  <forward mode='passthrough'>\n    <pf dev='enp3s0'/>\n  </forward>`) });
    assert.deepEqual(sourceOf(resolved)[2], ['dev', '…']);
    assert.ok(resolved.notes.some((n) => /virtual functions of enp3s0/.test(n)));
    assert.deepEqual(errors(resolved), []);
  });

  test('no device at all: libvirt’s internal error', () => {
    const { resolved } = resolve(on('mv'), { 'mv.xml': network('mv', `  <forward mode='vepa'/>`) });
    const [problem] = errors(resolved);
    assert.equal(problem.code, 'empty-device-pool');
    assert.equal(problem.message, "internal error: network 'mv' uses a direct mode, but has no forward dev and no interface pool");
  });
});

describe('forward-mode table: hostdev → hostdev with managed and the PCI address', () => {
  const pci = `<address type='pci' domain='0x0000' bus='0x03' slot='0x10' function='0x1'/>`;

  test('one VF address, managed=yes', () => {
    const text = network('sriov', `  <forward mode='hostdev' managed='yes'>\n    ${pci}\n  </forward>`);
    const { resolved } = resolve(on('sriov'), { 'sriov.xml': text });
    assert.equal(resolved.type, 'hostdev');
    assert.equal(resolved.managed, true);
    assert.deepEqual(resolved.source, [], 'a running hostdev interface shows no network/portgroup/portid');
    assert.ok(!isRunTime(resolved.hostdevAddress));
    const address = resolved.hostdevAddress as readonly StatusAttribute[];
    assert.deepEqual(
      address.map((a) => [a.name, a.value]),
      [
        ['type', 'pci'],
        ['domain', '0x0000'],
        ['bus', '0x03'],
        ['slot', '0x10'],
        ['function', '0x1'],
      ],
    );
    assert.equal(slice(text, address[3].from!.range), '0x10');
    assert.deepEqual(errors(resolved), []);
  });

  test('managed is read case-insensitively; anything else is not managed', () => {
    const managed = (value: string) =>
      resolve(on('sriov'), { 'sriov.xml': network('sriov', `  <forward mode='hostdev' managed='${value}'>\n    ${pci}\n  </forward>`) }).resolved.managed;
    assert.equal(managed('YES'), true);
    assert.equal(managed('no'), false);
    assert.equal(managed('true'), false);
  });

  test('several VF addresses: the address is a run-time value', () => {
    const { resolved } = resolve(on('sriov'), {
      'sriov.xml': network('sriov', `  <forward mode='hostdev'>\n    ${pci}\n    ${pci.replace("function='0x1'", "function='0x2'")}\n  </forward>`),
    });
    assert.ok(isRunTime(resolved.hostdevAddress));
    assert.ok(resolved.notes.some((n) => /PCI address of the virtual function/.test(n)));
  });

  test('the PCI backend driver: vfio unless the network names one', () => {
    const status = (driver: string) =>
      formatStatusXml(resolve(on('sriov'), { 'sriov.xml': network('sriov', `  <forward mode='hostdev'>\n    ${driver}${pci}\n  </forward>`) }).resolved);
    assert.match(status(''), /<driver name='vfio'\/>/);
    assert.match(status(`<driver name='kvm'/>`), /<driver name='kvm'\/>/);
  });
});

describe('forward mode: unknown', () => {
  test('an unknown forward mode is a problem, not a crash', () => {
    const { resolved } = resolve(on('odd'), { 'odd.xml': network('odd', `  <forward mode='tunnel'/>`) });
    assert.equal(resolved.forwardMode, 'tunnel');
    assert.ok(errors(resolved).some((p) => p.code === 'invalid-value' && /unknown forward mode 'tunnel'/.test(p.message)));
    assert.doesNotThrow(() => formatStatusXml(resolved));
  });
});
