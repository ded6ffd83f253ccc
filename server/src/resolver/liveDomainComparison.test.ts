import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDomainWithLive, pairInterfacesByMac } from './liveDomainComparison';
import { resolveDocument } from './resolveDocument';
import type { ResolvedInterface } from './resolvedInterface';
import { indexOf, network } from '../testing';

const networks = {
  'br.xml': network(
    'oracle-verify-br',
    `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <portgroup name='gold' trustGuestRxFilters='yes'/>\n  <portgroup name='plain' default='yes'/>`,
  ),
  'pool.xml': network('oracle-verify-pool', `  <forward mode='bridge'>\n    <interface dev='ordev0'/>\n    <interface dev='ordev1'/>\n  </forward>`),
};

/** The domain as written: four interfaces, the last two without a <model>. */
const domain = (devices: string) => `<domain type='qemu'>
  <name>oracle-verify-dom</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
${devices}  </devices>
</domain>
`;
const gold = `    <interface type='network'>
      <mac address='52:54:00:aa:00:01'/>
      <source network='oracle-verify-br' portgroup='gold'/>
      <model type='virtio'/>
    </interface>
`;
const pool = `    <interface type='network'>
      <mac address='52:54:00:aa:00:02'/>
      <source network='oracle-verify-pool'/>
      <model type='e1000'/>
    </interface>
`;
const plainBridge = `    <interface type='bridge'>
      <mac address='52:54:00:aa:00:03'/>
      <source bridge='br0'/>
    </interface>
`;
const isolated = `    <interface type='network'>
      <mac address='52:54:00:aa:00:04'/>
      <source network='oracle-verify-br'/>
      <port isolated='yes'/>
    </interface>
`;

/** `virsh dumpxml` of that domain running on libvirt 9.0.0 / QEMU 7.2, verbatim. */
const live = `
<domain type='qemu' id='1'>
  <name>oracle-verify-dom</name>
  <uuid>450ce4e4-4c65-4fda-8b5f-75562f0ac8a0</uuid>
  <memory unit='KiB'>65536</memory>
  <currentMemory unit='KiB'>65536</currentMemory>
  <vcpu placement='static'>1</vcpu>
  <resource>
    <partition>/machine</partition>
  </resource>
  <os>
    <type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type>
    <boot dev='hd'/>
  </os>
  <cpu mode='custom' match='exact' check='full'>
    <model fallback='forbid'>qemu64</model>
    <feature policy='require' name='hypervisor'/>
    <feature policy='require' name='lahf_lm'/>
  </cpu>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <controller type='usb' index='0' model='piix3-uhci'>
      <alias name='usb'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x2'/>
    </controller>
    <controller type='pci' index='0' model='pci-root'>
      <alias name='pci.0'/>
    </controller>
    <interface type='bridge'>
      <mac address='52:54:00:aa:00:01'/>
      <source network='oracle-verify-br' portgroup='gold' portid='b34aa3cb-1559-4701-a54d-93c3c500e10d' bridge='br0'/>
      <target dev='vnet0'/>
      <model type='virtio'/>
      <alias name='net0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
    </interface>
    <interface type='direct'>
      <mac address='52:54:00:aa:00:02'/>
      <source network='oracle-verify-pool' portid='d1102fc1-8c05-47f0-a0fe-3e2cb3c95729' dev='ordev0' mode='bridge'/>
      <target dev='macvtap0'/>
      <model type='e1000'/>
      <alias name='net1'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>
    </interface>
    <interface type='bridge'>
      <mac address='52:54:00:aa:00:03'/>
      <source bridge='br0'/>
      <target dev='vnet1'/>
      <model type='rtl8139'/>
      <alias name='net2'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
    </interface>
    <interface type='bridge'>
      <mac address='52:54:00:aa:00:04'/>
      <source network='oracle-verify-br' portid='f61e6493-eae6-4bdb-b9e6-e49a1b705884' bridge='br0'/>
      <port isolated='yes'/>
      <target dev='vnet2'/>
      <model type='rtl8139'/>
      <alias name='net3'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>
    </interface>
    <input type='mouse' bus='ps2'>
      <alias name='input0'/>
    </input>
    <input type='keyboard' bus='ps2'>
      <alias name='input1'/>
    </input>
    <audio id='1' type='none'/>
    <memballoon model='virtio'>
      <alias name='balloon0'/>
      <address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>
    </memballoon>
  </devices>
  <seclabel type='dynamic' model='dac' relabel='yes'>
    <label>+995:+994</label>
    <imagelabel>+995:+994</imagelabel>
  </seclabel>
</domain>

`;

function resolved(devices: string): ResolvedInterface[] {
  const { index, docs } = indexOf({ ...networks, 'domain.xml': domain(devices) });
  return resolveDocument(docs['domain.xml'], index);
}

const liveInterfaces: string[] = [...(live.match(/<interface\b[\s\S]*?<\/interface>/g) ?? [])];

describe('pairInterfacesByMac', () => {
  test('every interface of the running domain pairs with ours by its MAC', () => {
    const ours = resolved(gold + pool + plainBridge + isolated);
    const { pairs, differences } = pairInterfacesByMac(ours, live);
    assert.deepEqual(differences, []);
    assert.deepEqual(
      pairs.map((p) => p.label),
      ["interface[mac='52:54:00:aa:00:01']", "interface[mac='52:54:00:aa:00:02']", "interface[mac='52:54:00:aa:00:03']", "interface[mac='52:54:00:aa:00:04']"],
    );
    assert.deepEqual(
      pairs.map((p) => p.live),
      liveInterfaces,
    );
    assert.deepEqual(
      pairs.map((p) => p.predicted),
      ours,
    );
  });

  test('in any order, and whatever way the MAC is written', () => {
    const ours = resolved(isolated + gold.replace('52:54:00:aa:00:01', '52:54:0:AA:0:1'));
    const { pairs, differences } = pairInterfacesByMac(ours, live);
    assert.deepEqual(
      pairs.map((p) => [p.label, p.live]),
      [
        ["interface[mac='52:54:00:aa:00:04']", liveInterfaces[3]],
        ["interface[mac='52:54:00:aa:00:01']", liveInterfaces[0]],
      ],
    );
    assert.deepEqual(
      differences.map((d) => [d.field, d.predicted, d.live]),
      [
        [
          "interface[mac='52:54:00:aa:00:02']",
          '(absent)',
          "<interface type='direct'><source network='oracle-verify-pool' portid='d1102fc1-8c05-47f0-a0fe-3e2cb3c95729' dev='ordev0' mode='bridge'/>",
        ],
        ["interface[mac='52:54:00:aa:00:03']", '(absent)', "<interface type='bridge'><source bridge='br0'/>"],
      ],
    );
  });

  test('an interface of ours that is not running is missing live', () => {
    const extra = gold.replace('52:54:00:aa:00:01', '52:54:00:aa:00:09');
    const { pairs, differences } = pairInterfacesByMac(resolved(gold + pool + plainBridge + isolated + extra), live);
    assert.equal(pairs.length, 4);
    assert.deepEqual(differences, [
      {
        field: "interface[mac='52:54:00:aa:00:09']",
        predicted: "<interface type='bridge'><source network='oracle-verify-br' portgroup='gold' portid='…' bridge='br0'/>",
        live: '(absent)',
      },
    ]);
  });

  test('without a MAC, by position among the live interfaces no MAC claimed', () => {
    const noMac = (text: string) => text.replace(/\s*<mac [^>]*\/>/, '');
    const ours = resolved(noMac(gold) + isolated + noMac(pool) + noMac(plainBridge) + noMac(plainBridge));
    const { pairs, differences } = pairInterfacesByMac(ours, live);
    assert.deepEqual(
      pairs.map((p) => [p.label, liveInterfaces.indexOf(p.live)]),
      [
        ["interface[mac='52:54:00:aa:00:04']", 3],
        ['interface[0]', 0],
        ['interface[2]', 1],
        ['interface[3]', 2],
      ],
    );
    assert.deepEqual(differences, [{ field: 'interface[4]', predicted: "<interface type='bridge'><source bridge='br0'/>", live: '(absent)' }]);
  });

  test('a live text that is not a domain is one difference', () => {
    const ours = resolved(gold);
    assert.deepEqual(pairInterfacesByMac(ours, "error: failed to get domain 'oracle-verify-dom'"), {
      pairs: [],
      differences: [{ field: 'domain', predicted: '<domain> with 1 interface', live: "not well-formed XML (line 1, column 1: char 'e' is not expected.)" }],
    });
    assert.deepEqual(pairInterfacesByMac(ours, liveInterfaces[0]).differences, [
      { field: 'domain', predicted: '<domain> with 1 interface', live: '<interface>, not <domain>' },
    ]);
  });

  test('a running domain without interfaces', () => {
    const ours = resolved(gold);
    const bare = live.replace(/\s*<interface\b[\s\S]*?<\/interface>/g, '');
    assert.deepEqual(
      pairInterfacesByMac(ours, bare).differences.map((d) => [d.field, d.live]),
      [["interface[mac='52:54:00:aa:00:01']", '(absent)']],
    );
  });
});

describe('compareDomainWithLive', () => {
  test("the running domain agrees with the prediction, the model QEMU's driver gives the interfaces that name none included", () => {
    assert.deepEqual(compareDomainWithLive(resolved(gold + pool + plainBridge + isolated), live), []);
  });

  test('interfaces on one side only come first, then each pair field by field', () => {
    const withModel = (text: string) => text.replace('    </interface>', "      <model type='rtl8139'/>\n    </interface>");
    const ours = resolved(gold.replace("portgroup='gold'", "portgroup='plain'") + withModel(plainBridge) + withModel(isolated.replace('aa:00:04', 'aa:00:05')));
    assert.deepEqual(compareDomainWithLive(ours, live), [
      {
        field: "interface[mac='52:54:00:aa:00:05']",
        predicted: "<interface type='bridge'><source network='oracle-verify-br' portid='…' bridge='br0'/>",
        live: '(absent)',
      },
      {
        field: "interface[mac='52:54:00:aa:00:02']",
        predicted: '(absent)',
        live: "<interface type='direct'><source network='oracle-verify-pool' portid='d1102fc1-8c05-47f0-a0fe-3e2cb3c95729' dev='ordev0' mode='bridge'/>",
      },
      {
        field: "interface[mac='52:54:00:aa:00:04']",
        predicted: '(absent)',
        live: "<interface type='bridge'><source network='oracle-verify-br' portid='f61e6493-eae6-4bdb-b9e6-e49a1b705884' bridge='br0'/>",
      },
      { field: "interface[mac='52:54:00:aa:00:01']/source@portgroup", predicted: 'plain', live: 'gold' },
    ]);
  });
});
