// Oracle cases for the checks libvirt makes on <interface> elements of every type, taken from its
// code paths (virDomainNetDefParseXML, virDomainNetDefValidate, qemuValidateDomainDeviceDefNetwork,
// virDomainActualNetDefValidate, networkAllocatePort): each check with a refused and an accepted
// variant (family 2), empty vs absent attributes and rates of 0 (family 3), and the live XML of
// a running domain for every interface type (family 6). interfaces.test.ts runs them.

import { ORACLE_BRIDGE, ORACLE_NICS } from './libvirtOracle';

export interface InterfaceCase {
  /** `f2:…`, `f3:…` or `f6:…`: the family of issue 18 the case belongs to. */
  readonly id: string;
  /** A network to define and start first (its <name> is what the interfaces' source network names). */
  readonly networkXml?: string;
  /** The domain's <interface> elements. */
  readonly interfacesXml: string;
  /** Cases on one lane touch the same host device and run one after another. */
  readonly lane: string;
}

const mac = (n: number) => `<mac address='52:54:00:ab:00:${n.toString(16).padStart(2, '0')}'/>`;
const [dev0, dev1] = ORACLE_NICS;

/** An isolated network with a bridge of its own (no <ip>: no dnsmasq), one per case. */
function ownBridgeNetwork(name: string, body: string): string {
  return `<network><name>${name}</name><bridge name='${name}'/>${body}</network>`;
}

const pgBandwidth = `<bandwidth><inbound average='3000'/><outbound average='3000'/></bandwidth>`;

/** Family 2: a refused and an accepted interface per check (types other than network, and pools). */
function family2(): InterfaceCase[] {
  const cases: Array<[string, string, string]> = [
    ['type/refused', `<interface type='bogus'>${mac(1)}</interface>`, 'user'],
    ['type/accepted', `<interface type='user'>${mac(1)}</interface>`, 'user'],
    ['trust-yes-no/refused', `<interface type='bridge' trustGuestRxFilters='YES'>${mac(2)}<source bridge='${ORACLE_BRIDGE}'/></interface>`, 'bridge'],
    ['trust-yes-no/accepted', `<interface type='bridge' trustGuestRxFilters='yes'>${mac(2)}<source bridge='${ORACLE_BRIDGE}'/></interface>`, 'bridge'],
    ['isolated-yes-no/refused', `<interface type='bridge'>${mac(3)}<source bridge='${ORACLE_BRIDGE}'/><port isolated='maybe'/></interface>`, 'bridge'],
    ['isolated-on-bridge/accepted', `<interface type='bridge'>${mac(3)}<source bridge='${ORACLE_BRIDGE}'/><port isolated='yes'/></interface>`, 'bridge'],
    ['isolated-on-direct/refused', `<interface type='direct'>${mac(4)}<source dev='${dev0}'/><port isolated='yes'/></interface>`, 'direct'],
    ['isolated-on-direct/accepted', `<interface type='direct'>${mac(4)}<source dev='${dev0}'/><port isolated='no'/></interface>`, 'direct'],
    ['isolated-on-user/refused', `<interface type='user'>${mac(5)}<port isolated='yes'/></interface>`, 'user'],
    ['isolated-on-ethernet/refused', `<interface type='ethernet'>${mac(5)}<port isolated='yes'/></interface>`, 'user'],
    [
      'isolated-with-virtualport/refused',
      `<interface type='bridge'>${mac(6)}<source bridge='${ORACLE_BRIDGE}'/><virtualport type='openvswitch'/><port isolated='yes'/></interface>`,
      'bridge',
    ],
    ['bridge-source/refused', `<interface type='bridge'>${mac(7)}</interface>`, 'bridge'],
    ['bridge-attribute/refused', `<interface type='bridge'>${mac(7)}<source/></interface>`, 'bridge'],
    ['direct-dev/refused', `<interface type='direct'>${mac(8)}<source mode='bridge'/></interface>`, 'direct'],
    ['direct-mode/refused', `<interface type='direct'>${mac(8)}<source dev='${dev0}' mode='bogus'/></interface>`, 'direct'],
    ['direct-mode/accepted', `<interface type='direct'>${mac(8)}<source dev='${dev0}' mode='private'/></interface>`, 'direct'],
    ['virtualport-on-user/refused', `<interface type='user'>${mac(9)}<virtualport type='openvswitch'/></interface>`, 'user'],
    ['virtualport-on-ethernet/refused', `<interface type='ethernet'>${mac(9)}<virtualport type='openvswitch'/></interface>`, 'user'],
    [
      'virtualport-type/refused',
      `<interface type='bridge'>${mac(10)}<source bridge='${ORACLE_BRIDGE}'/><virtualport><parameters profileid='p'/></virtualport></interface>`,
      'bridge',
    ],
    [
      'virtualport-complete/refused',
      `<interface type='direct'>${mac(11)}<source dev='${dev0}'/><virtualport type='802.1Qbg'><parameters managerid='11'/></virtualport></interface>`,
      'direct',
    ],
    ['vlan-on-bridge/refused', `<interface type='bridge'>${mac(12)}<source bridge='${ORACLE_BRIDGE}'/><vlan><tag id='5'/></vlan></interface>`, 'bridge'],
    ['vlan-on-direct/refused', `<interface type='direct'>${mac(12)}<source dev='${dev0}' mode='bridge'/><vlan><tag id='5'/></vlan></interface>`, 'direct'],
    [
      'vlan-on-passthrough/accepted',
      `<interface type='direct'>${mac(12)}<source dev='${dev0}' mode='passthrough'/><vlan><tag id='5'/></vlan></interface>`,
      'direct',
    ],
    ['vlan-on-user/refused', `<interface type='user'>${mac(12)}<vlan><tag id='5'/></vlan></interface>`, 'user'],
    ['vlan-on-ethernet/refused', `<interface type='ethernet'>${mac(12)}<vlan><tag id='5'/></vlan></interface>`, 'user'],
    [
      'duplicate-inbound/refused',
      `<interface type='bridge'>${mac(13)}<source bridge='${ORACLE_BRIDGE}'/><bandwidth><inbound average='1'/><inbound average='2'/></bandwidth></interface>`,
      'bridge',
    ],
    [
      'duplicate-outbound/refused',
      `<interface type='user'>${mac(13)}<bandwidth><outbound average='1'/><outbound average='2'/></bandwidth></interface>`,
      'user',
    ],
    ['unmanaged-target/refused', `<interface type='user'>${mac(14)}<target dev='orif-tap' managed='no'/></interface>`, 'user'],
    ['managed-yes-no/refused', `<interface type='ethernet'>${mac(14)}<target dev='orif-tap' managed='maybe'/></interface>`, 'user'],
    ['mtu-on-user/refused', `<interface type='user'>${mac(15)}<mtu size='1400'/></interface>`, 'user'],
    ['mtu-on-bridge/accepted', `<interface type='bridge'>${mac(15)}<source bridge='${ORACLE_BRIDGE}'/><mtu size='1400'/></interface>`, 'bridge'],
    ['mtu-malformed/refused', `<interface type='bridge'>${mac(15)}<source bridge='${ORACLE_BRIDGE}'/><mtu size='x'/></interface>`, 'bridge'],
    ['link-state/refused', `<interface type='user'>${mac(16)}<link state='sideways'/></interface>`, 'user'],
    ['link-state/accepted', `<interface type='user'>${mac(16)}<link state='down'/></interface>`, 'user'],
    ['mac-type/refused', `<interface type='user'><mac address='52:54:00:ab:00:11' type='odd'/></interface>`, 'user'],
    ['mac-type/accepted', `<interface type='user'><mac address='52:54:00:ab:00:11' type='static' check='no'/></interface>`, 'user'],
    ['model-characters/refused', `<interface type='user'>${mac(18)}<model type='bad model'/></interface>`, 'user'],
    [
      'floor-on-bridge/refused',
      `<interface type='bridge'>${mac(19)}<source bridge='${ORACLE_BRIDGE}'/><bandwidth><inbound average='10' floor='5'/></bandwidth></interface>`,
      'bridge',
    ],
    ['same-mac-twice/accepted', `<interface type='user'>${mac(20)}</interface><interface type='user'>${mac(20)}</interface>`, 'user'],
  ];
  const out: InterfaceCase[] = cases.map(([id, interfacesXml, lane]) => ({ id: `f2:${id}`, interfacesXml, lane }));
  // per domain: more interfaces than a passthrough pool has devices
  const passthrough = (n: number) =>
    `<network><name>orif-pt</name><forward mode='passthrough'>${ORACLE_NICS.slice(0, n)
      .map((d) => `<interface dev='${d}'/>`)
      .join('')}</forward></network>`;
  const two = `<interface type='network'>${mac(21)}<source network='orif-pt'/></interface><interface type='network'>${mac(22)}<source network='orif-pt'/></interface>`;
  out.push({ id: 'f2:pool-exhausted/refused', networkXml: passthrough(1), interfacesXml: two, lane: 'direct' });
  out.push({ id: 'f2:pool-exhausted/accepted', networkXml: passthrough(2), interfacesXml: two, lane: 'direct' });
  return out;
}

/** Family 3: empty attributes against absent ones, and rates of 0. */
function family3(): InterfaceCase[] {
  const withDefault = (name: string) => ownBridgeNetwork(name, `<portgroup name='pg-a' default='yes'>${pgBandwidth}</portgroup><portgroup name='pg-b'/>`);
  const noDefault = (name: string) => ownBridgeNetwork(name, `<portgroup name='pg-a'>${pgBandwidth}</portgroup>`);
  const onNet = (name: string, n: number, source: string, extra = '') =>
    `<interface type='network'>${mac(n)}<source network='${name}'${source}/>${extra}<model type='virtio'/></interface>`;
  const zero = `<bandwidth><inbound average='0'/><outbound average='0' peak='10'/></bandwidth>`;
  return [
    { id: 'f3:network-empty/refused', interfacesXml: `<interface type='network'>${mac(30)}<source network=''/></interface>`, lane: 'user' },
    { id: 'f3:portgroup-empty-with-default', networkXml: withDefault('orif-e1'), interfacesXml: onNet('orif-e1', 31, ` portgroup=''`), lane: 'orif-e1' },
    { id: 'f3:portgroup-empty-without-default', networkXml: noDefault('orif-e2'), interfacesXml: onNet('orif-e2', 32, ` portgroup=''`), lane: 'orif-e2' },
    { id: 'f3:portgroup-absent-with-default', networkXml: withDefault('orif-e3'), interfacesXml: onNet('orif-e3', 33, ''), lane: 'orif-e3' },
    {
      id: 'f3:portgroup-misspelled-with-default',
      networkXml: withDefault('orif-e4'),
      interfacesXml: onNet('orif-e4', 34, ` portgroup='pg-A'`),
      lane: 'orif-e4',
    },
    { id: 'f3:zero-rates-with-portgroup-bandwidth', networkXml: withDefault('orif-z1'), interfacesXml: onNet('orif-z1', 35, '', zero), lane: 'orif-z1' },
    {
      id: 'f3:zero-rates-without-portgroup-bandwidth',
      networkXml: withDefault('orif-z2'),
      interfacesXml: onNet('orif-z2', 36, ` portgroup='pg-b'`, zero),
      lane: 'orif-z2',
    },
    // A tap's inbound only: its outbound (policed on ingress even at rate 0) needs tc's police action, which this kernel lacks.
    {
      id: 'f3:zero-rates-on-bridge',
      interfacesXml: `<interface type='bridge'>${mac(37)}<source bridge='${ORACLE_BRIDGE}'/><bandwidth><inbound average='0' peak='5'/></bandwidth></interface>`,
      lane: 'bridge',
    },
    {
      id: 'f3:zero-floor-on-ethernet',
      interfacesXml: `<interface type='ethernet'>${mac(44)}<bandwidth><inbound floor='0'/></bandwidth></interface>`,
      lane: 'user',
    },
    {
      id: 'f3:trust-empty/refused',
      interfacesXml: `<interface type='bridge' trustGuestRxFilters=''>${mac(38)}<source bridge='${ORACLE_BRIDGE}'/></interface>`,
      lane: 'bridge',
    },
    {
      id: 'f3:isolated-empty/refused',
      interfacesXml: `<interface type='bridge'>${mac(38)}<source bridge='${ORACLE_BRIDGE}'/><port isolated=''/></interface>`,
      lane: 'bridge',
    },
    { id: 'f3:type-empty/refused', interfacesXml: `<interface type=''>${mac(39)}</interface>`, lane: 'user' },
    { id: 'f3:bridge-empty/refused', interfacesXml: `<interface type='bridge'>${mac(40)}<source bridge=''/></interface>`, lane: 'bridge' },
    { id: 'f3:model-empty', interfacesXml: `<interface type='user'>${mac(41)}<model type=''/></interface>`, lane: 'user' },
    { id: 'f3:link-state-empty', interfacesXml: `<interface type='user'>${mac(42)}<link state=''/></interface>`, lane: 'user' },
    { id: 'f3:mtu-empty', interfacesXml: `<interface type='bridge'>${mac(43)}<source bridge='${ORACLE_BRIDGE}'/><mtu size=''/></interface>`, lane: 'bridge' },
    { id: 'f3:mac-type-empty/refused', interfacesXml: `<interface type='user'><mac address='52:54:00:ab:00:2c' type=''/></interface>`, lane: 'user' },
  ];
}

/** Family 6: what a running domain reports for each interface type, against our status. */
function family6(): InterfaceCase[] {
  const pool = `<network><name>orif-pool</name><forward mode='bridge'><interface dev='${dev0}'/><interface dev='${dev1}'/></forward></network>`;
  const hostBridge = `<network><name>orif-br</name><forward mode='bridge'/><bridge name='${ORACLE_BRIDGE}'/></network>`;
  return [
    { id: 'f6:user', interfacesXml: `<interface type='user'>${mac(50)}</interface>`, lane: 'user' },
    { id: 'f6:user-no-mac-no-model', interfacesXml: `<interface type='user'/>`, lane: 'user' },
    { id: 'f6:user-trust', interfacesXml: `<interface type='user' trustGuestRxFilters='no'>${mac(51)}<model type='e1000'/></interface>`, lane: 'user' },
    { id: 'f6:ethernet', interfacesXml: `<interface type='ethernet'>${mac(52)}</interface>`, lane: 'user' },
    {
      id: 'f6:ethernet-named-target',
      interfacesXml: `<interface type='ethernet'>${mac(53)}<target dev='orif-tap53'/><model type='virtio'/></interface>`,
      lane: 'user',
    },
    { id: 'f6:bridge', interfacesXml: `<interface type='bridge'>${mac(54)}<source bridge='${ORACLE_BRIDGE}'/></interface>`, lane: 'bridge' },
    {
      id: 'f6:bridge-dropped-source-attributes',
      interfacesXml: `<interface type='bridge'>${mac(55)}<source bridge='${ORACLE_BRIDGE}' network='nowhere' portgroup='pg' dev='${dev0}'/><model type='VIRTIO'/></interface>`,
      lane: 'bridge',
    },
    {
      id: 'f6:bridge-isolated-mtu-link',
      interfacesXml: `<interface type='bridge'>${mac(56)}<source bridge='${ORACLE_BRIDGE}'/><port isolated='yes'/><mtu size='1400'/><link state='up'/></interface>`,
      lane: 'bridge',
    },
    { id: 'f6:direct-default-mode', interfacesXml: `<interface type='direct'>${mac(57)}<source dev='${dev0}'/></interface>`, lane: 'direct' },
    {
      id: 'f6:direct-bridge-mode',
      interfacesXml: `<interface type='direct' trustGuestRxFilters='yes'>${mac(58)}<source mode='bridge' dev='${dev0}'/><model type='rtl8139'/></interface>`,
      lane: 'direct',
    },
    {
      id: 'f6:network-host-bridge',
      networkXml: hostBridge,
      interfacesXml: `<interface type='network'>${mac(59)}<source network='orif-br'/></interface>`,
      lane: 'bridge',
    },
    {
      id: 'f6:network-pool-two-interfaces',
      networkXml: pool,
      interfacesXml: `<interface type='network'>${mac(60)}<source network='orif-pool'/></interface><interface type='network'>${mac(61)}<source network='orif-pool'/><model type='unknown'/></interface>`,
      lane: 'direct',
    },
    {
      id: 'f6:network-own-bridge',
      networkXml: ownBridgeNetwork('orif-nb', ''),
      interfacesXml: `<interface type='network'>${mac(62)}<source network='orif-nb'/><port isolated='yes'/></interface>`,
      lane: 'orif-nb',
    },
  ];
}

export function interfaceCases(): InterfaceCase[] {
  return [...family2(), ...family3(), ...family6()];
}
