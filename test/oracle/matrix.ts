// Generates the oracle test matrix: for each forward mode a base network, then variations
// around it, one dimension at a time (portgroup choice, bandwidth, vlan, virtualport,
// trustGuestRxFilters, port isolation), plus a few cases that combine every dimension.
// A full cartesian product would be ~10^5 cases; libvirt's rules are per dimension
// (networkAllocatePort looks each one up independently), so per-dimension variation plus a
// few combinations covers them in a few hundred cases.

import { type IfaceForPort, ORACLE_BRIDGE, ORACLE_NICS } from './libvirtOracle';

export interface OracleCase {
  id: string;
  forwardMode: string;
  /** cases with the same lane use the same host bridge: run them one after another */
  lane: string;
  networkXml: string;
  /** the domain's <interface type='network'> element */
  interfaceXml: string;
  /** input for networkPortXmlFor: what the interface above hands to the network driver */
  iface: IfaceForPort;
}

/** Which portgroups the network has and which one the interface names. */
type PgSel =
  | 'absent' // network has no portgroups, interface names none
  | 'named' // interface names pg-a (exists); pg-b (default) is a decoy
  | 'default' // interface names none; pg-a is default='yes'
  | 'none' // interface names none; no default portgroup: nothing applies
  | 'misspelled'; // interface names 'pg-A' (no such group); pg-a is default: still nothing applies

/** A setting given at up to three levels; `pg` goes into portgroup pg-a (pg-b gets a decoy). */
interface Levels {
  iface?: string;
  pg?: string;
  net?: string;
}
interface Variant {
  pgSel: PgSel;
  bandwidth?: Levels;
  vlan?: Levels;
  virtualport?: Levels;
  trust?: { iface?: 'yes' | 'no'; pg?: 'yes' | 'no'; net?: 'yes' | 'no' };
  isolated?: { iface?: 'yes' | 'no'; net?: 'yes' | 'no' };
}

interface Mode {
  id: string;
  /** XML between <name> and the portgroups; `network` level settings are added after it */
  head: string;
  /** the virtualport type this mode accepts, for compatible/conflicting cases */
  vport: 'openvswitch' | '802.1Qbg' | '802.1Qbh' | 'none';
  /** Whether libvirt's networkValidate accepts <bandwidth> on the network/portgroups and <vlan>
   *  on the network/portgroups of this mode. Where it does not, the dimension is only probed
   *  (a few cases showing the define error) instead of fully varied. */
  bw: boolean;
  vlan: boolean;
  /** 'probe': the network cannot be started without hardware (hostdev) or is a near-duplicate
   *  of another mode; only the base cases and one probe per dimension. */
  depth: 'full' | 'probe';
  /** cases sharing a lane touch the same host bridge and must not run concurrently */
  lane: string;
}

const pool = (n: number) =>
  ORACLE_NICS.slice(0, n)
    .map((d) => `<interface dev='${d}'/>`)
    .join('');

// L3 modes get fixed bridge names (libvirt would otherwise pick virbrN, unknowable in advance):
// so cases of one mode must not run concurrently.
const L3 = { vport: 'none', bw: true, vlan: false, depth: 'full' } as const;
const DIRECT = { bw: false, vlan: false, depth: 'full' } as const;
const MODES: Mode[] = [
  { id: 'none', ...L3, lane: 'orbr-none', head: `<bridge name='orbr-none'/><ip address='192.168.200.1' netmask='255.255.255.0'/>` },
  {
    id: 'nat',
    ...L3,
    lane: 'orbr-nat',
    head:
      `<forward mode='nat'/><bridge name='orbr-nat'/>` +
      `<ip address='192.168.201.1' netmask='255.255.255.0'><dhcp><range start='192.168.201.100' end='192.168.201.200'/></dhcp></ip>`,
  },
  { id: 'route', ...L3, lane: 'orbr-route', head: `<forward mode='route'/><bridge name='orbr-route'/><ip address='192.168.202.1' netmask='255.255.255.0'/>` },
  { id: 'open', ...L3, lane: 'orbr-open', head: `<forward mode='open'/><bridge name='orbr-open'/><ip address='192.168.203.1' netmask='255.255.255.0'/>` },
  { id: 'bridge', vport: 'none', bw: true, vlan: false, depth: 'full', lane: ORACLE_BRIDGE, head: `<forward mode='bridge'/><bridge name='${ORACLE_BRIDGE}'/>` },
  { id: 'bridge-pool', ...DIRECT, vport: '802.1Qbg', lane: 'direct', head: `<forward mode='bridge'>${pool(3)}</forward>` },
  // <forward dev=…> without a pool: libvirt turns it into a pool of one
  { id: 'bridge-dev', ...DIRECT, vport: '802.1Qbg', depth: 'probe', lane: 'direct', head: `<forward mode='bridge' dev='${ORACLE_NICS[0]}'/>` },
  { id: 'private', ...DIRECT, vport: '802.1Qbh', lane: 'direct', head: `<forward mode='private'>${pool(2)}</forward>` },
  { id: 'vepa', ...DIRECT, vport: '802.1Qbg', lane: 'direct', head: `<forward mode='vepa'>${pool(2)}</forward>` },
  { id: 'passthrough', ...DIRECT, vlan: true, vport: '802.1Qbh', lane: 'direct', head: `<forward mode='passthrough'>${pool(2)}</forward>` },
  // hostdev needs SR-IOV: a PF by name (VFs looked up at net-start), or VFs by PCI address
  // (checked against sysfs at net-define). Neither exists here.
  {
    id: 'hostdev-pf',
    vport: '802.1Qbh',
    bw: false,
    vlan: true,
    depth: 'probe',
    lane: 'hostdev',
    head: `<forward mode='hostdev' managed='yes'><pf dev='${ORACLE_NICS[3]}'/></forward>`,
  },
  {
    id: 'hostdev-pci',
    vport: '802.1Qbh',
    bw: false,
    vlan: true,
    depth: 'probe',
    lane: 'hostdev',
    head: `<forward mode='hostdev' managed='yes'><driver name='vfio'/><address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x1'/></forward>`,
  },
  // openvswitch without Open vSwitch installed: on a bridge that does not exist, and on br0
  {
    id: 'openvswitch',
    vport: 'openvswitch',
    bw: true,
    vlan: true,
    depth: 'full',
    lane: 'ovsbr0',
    head: `<forward mode='bridge'/><bridge name='ovsbr0'/><virtualport type='openvswitch'/>`,
  },
  {
    id: 'openvswitch-br0',
    vport: 'openvswitch',
    bw: true,
    vlan: true,
    depth: 'probe',
    lane: ORACLE_BRIDGE,
    head: `<forward mode='bridge'/><bridge name='${ORACLE_BRIDGE}'/><virtualport type='openvswitch'/>`,
  },
];

// --- values -----------------------------------------------------------------------------
const BW = {
  iface: `<bandwidth><inbound average='1000' peak='2000' burst='512'/><outbound average='500'/></bandwidth>`,
  ifaceOut: `<bandwidth><outbound average='700'/></bandwidth>`,
  ifaceFloor: `<bandwidth><inbound average='1000' floor='200'/></bandwidth>`,
  pg: `<bandwidth><inbound average='3000'/><outbound average='3000'/></bandwidth>`,
  pgFloor: `<bandwidth><inbound average='3000' floor='300'/></bandwidth>`,
  net: `<bandwidth><inbound average='10000' peak='20000'/><outbound average='10000'/></bandwidth>`,
  netFloor: `<bandwidth><inbound average='10000' floor='100'/></bandwidth>`,
};
const VLAN = {
  iface: `<vlan><tag id='10'/></vlan>`,
  pg: `<vlan><tag id='20'/></vlan>`,
  net: `<vlan><tag id='30'/></vlan>`,
  trunk: `<vlan trunk='yes'><tag id='40'/><tag id='41'/></vlan>`,
  nativeUntagged: `<vlan trunk='yes'><tag id='42' nativeMode='untagged'/><tag id='43'/></vlan>`,
  nativeTagged: `<vlan trunk='yes'><tag id='44' nativeMode='tagged'/><tag id='45'/></vlan>`,
};
const UUID = ['09b11c53-8b5c-4eeb-8f00-d84eaa0aaa01', '09b11c53-8b5c-4eeb-8f00-d84eaa0aaa02'];
/** Virtualports by type: full; two halves that merge cleanly (a typed, b typeless); bTyped
 *  (b with the type); c (typeless, no ids: the domain parser generates instanceid+interfaceid,
 *  which then clash with ids the network sets); conflict (same type as a, a different value for one of a's parameters);
 *  other (a different type). */
function vportValues(type: Mode['vport']) {
  const vp = (t: string | undefined, params: string) => `<virtualport${t ? ` type='${t}'` : ''}>${params ? `<parameters ${params}/>` : ''}</virtualport>`;
  switch (type) {
    case '802.1Qbg':
      return {
        full: vp(type, `managerid='11' typeid='1193047' typeidversion='2' instanceid='${UUID[0]}'`),
        a: vp(type, `managerid='11' typeid='1193047'`),
        b: vp(undefined, `typeidversion='2'`),
        bTyped: vp(type, `typeidversion='2'`),
        c: vp(undefined, `typeidversion='2'`),
        conflict: vp(type, `managerid='12'`),
        other: vp('802.1Qbh', `profileid='prof-x'`),
      };
    case '802.1Qbh': // its only parameter is profileid: b repeats a's value, which merges
      return {
        full: vp(type, `profileid='finance'`),
        a: vp(type, `profileid='finance'`),
        b: vp(undefined, `profileid='finance'`),
        bTyped: vp(type, ''),
        c: vp(undefined, `profileid='finance'`),
        conflict: vp(type, `profileid='sales'`),
        other: vp('802.1Qbg', `managerid='11' typeid='1193047' typeidversion='2'`),
      };
    case 'openvswitch':
    case 'none': // modes without virtualport: try openvswitch there, expect errors
      return {
        full: vp('openvswitch', `interfaceid='${UUID[0]}' profileid='menial'`),
        a: vp('openvswitch', `profileid='menial'`),
        b: vp(undefined, `interfaceid='${UUID[0]}'`),
        bTyped: vp('openvswitch', `interfaceid='${UUID[0]}'`),
        c: vp(undefined, `profileid='menial'`),
        conflict: vp('openvswitch', `profileid='admin'`),
        other: vp('802.1Qbh', `profileid='finance'`),
      };
  }
}

// --- variants around the base ---------------------------------------------------------------
const PG_SELS: PgSel[] = ['named', 'default', 'none', 'misspelled'];

/** Collects named variants; `when` false leaves a variant out of this mode's depth. */
class VariantList {
  readonly out: { name: string; v: Variant }[] = [];
  constructor(readonly full: boolean) {}
  readonly add = (name: string, v: Variant, when = true): void => {
    if (when) this.out.push({ name, v });
  };
  /** A setting on the portgroup is tried with every way of (not) selecting the portgroup. */
  readonly perPg = (name: string, v: Omit<Variant, 'pgSel'>, when = true): void => {
    PG_SELS.forEach((s) => this.add(`${name}/pg-${s}`, { ...v, pgSel: s }, when));
  };
}

function variantsFor(mode: Mode): { name: string; v: Variant }[] {
  const list = new VariantList(mode.depth === 'full');
  const vp = vportValues(mode.vport);
  list.add('base', { pgSel: 'absent' });
  PG_SELS.forEach((s) => list.add(`base/pg-${s}`, { pgSel: s }));
  bandwidthVariants(list, mode);
  vlanVariants(list, mode, vp);
  virtualPortVariants(list, vp);
  trustAndIsolationVariants(list);
  allAtOnceVariants(list, mode, vp);
  return list.out;
}

type VportValues = ReturnType<typeof vportValues>;

function bandwidthVariants(list: VariantList, mode: Mode): void {
  const { add, full } = list;
  // bandwidth: interface wins as a whole element, portgroup second, network is the bridge's
  // limit. floor only on an interface (and needs the network's inbound QoS).
  add('bw-iface', { pgSel: 'absent', bandwidth: { iface: BW.iface } });
  add('bw-ifaceFloor', { pgSel: 'absent', bandwidth: { iface: BW.ifaceFloor } });
  add('bw-pg/pg-named', { pgSel: 'named', bandwidth: { pg: BW.pg } }); // probe where not allowed
  add('bw-net', { pgSel: 'absent', bandwidth: { net: BW.net } });
  const bwFull = full && mode.bw;
  add('bw-pg/pg-default', { pgSel: 'default', bandwidth: { pg: BW.pg } }, bwFull);
  add('bw-pg/pg-none', { pgSel: 'none', bandwidth: { pg: BW.pg } }, bwFull);
  add('bw-pg/pg-misspelled', { pgSel: 'misspelled', bandwidth: { pg: BW.pg } }, bwFull);
  add('bw-iface+pg/pg-named', { pgSel: 'named', bandwidth: { iface: BW.iface, pg: BW.pg } }, bwFull);
  add('bw-ifaceOut+pg/pg-default', { pgSel: 'default', bandwidth: { iface: BW.ifaceOut, pg: BW.pg } }, bwFull);
  add('bw-iface+net', { pgSel: 'absent', bandwidth: { iface: BW.iface, net: BW.net } }, bwFull);
  add('bw-ifaceFloor+net', { pgSel: 'absent', bandwidth: { iface: BW.ifaceFloor, net: BW.net } }, bwFull);
  add('bw-pgFloor/pg-named', { pgSel: 'named', bandwidth: { pg: BW.pgFloor } }, full);
  add('bw-netFloor', { pgSel: 'absent', bandwidth: { net: BW.netFloor } }, full);
}

function vlanVariants(list: VariantList, mode: Mode, vp: VportValues): void {
  const { add, perPg, full } = list;
  // vlan: interface, else portgroup, else network. The interface's own vlan is not checked
  // against the network type when the port is created, so it is varied everywhere.
  add('vlan-iface', { pgSel: 'absent', vlan: { iface: VLAN.iface } });
  add('vlan-iface-trunk', { pgSel: 'absent', vlan: { iface: VLAN.trunk } }, full);
  add('vlan-iface-native-untagged', { pgSel: 'absent', vlan: { iface: VLAN.nativeUntagged } }, full);
  add('vlan-iface-native-tagged', { pgSel: 'absent', vlan: { iface: VLAN.nativeTagged } }, full);
  add('vlan-pg/pg-named', { pgSel: 'named', vlan: { pg: VLAN.pg } }); // probe where not allowed
  add('vlan-net', { pgSel: 'absent', vlan: { net: VLAN.net } });
  const vlanFull = full && mode.vlan;
  add('vlan-pg/pg-default', { pgSel: 'default', vlan: { pg: VLAN.pg } }, full); // default group: own validation branch
  add('vlan-pg/pg-none', { pgSel: 'none', vlan: { pg: VLAN.pg } }, vlanFull);
  add('vlan-pg/pg-misspelled', { pgSel: 'misspelled', vlan: { pg: VLAN.pg } }, vlanFull);
  add('vlan-pg-trunk/pg-named', { pgSel: 'named', vlan: { pg: VLAN.trunk } }, vlanFull);
  add('vlan-net-native/pg-none', { pgSel: 'none', vlan: { net: VLAN.nativeUntagged } }, vlanFull);
  perPg('vlan-pg+net', { vlan: { pg: VLAN.pg, net: VLAN.net } }, vlanFull);
  add('vlan-iface+pg/pg-named', { pgSel: 'named', vlan: { iface: VLAN.iface, pg: VLAN.pg } }, vlanFull);
  add('vlan-iface+net', { pgSel: 'absent', vlan: { iface: VLAN.iface, net: VLAN.net } }, vlanFull);
  add('vlan-all/pg-named', { pgSel: 'named', vlan: { iface: VLAN.trunk, pg: VLAN.pg, net: VLAN.net } }, vlanFull);
  // a typeless <virtualport> on a portgroup that has a vlan: networkValidate treats it as
  // "not openvswitch" even on an openvswitch network
  add('vlan-pg+vp-typeless-pg/pg-named', { pgSel: 'named', vlan: { pg: VLAN.pg }, virtualport: { pg: vp.b } }, vlanFull);
  add('vlan-pg+vp-typed-pg/pg-named', { pgSel: 'named', vlan: { pg: VLAN.pg }, virtualport: { pg: vp.bTyped } }, vlanFull);
}

function virtualPortVariants(list: VariantList, vp: VportValues): void {
  const { add, full } = list;
  // virtualport: merged across the three levels; mismatches are errors
  add('vp-iface', { pgSel: 'absent', virtualport: { iface: vp.full } });
  add('vp-net', { pgSel: 'absent', virtualport: { net: vp.full } });
  add('vp-pg/pg-named', { pgSel: 'named', virtualport: { pg: vp.full } });
  add('vp-pg/pg-default', { pgSel: 'default', virtualport: { pg: vp.full } }, full);
  add('vp-pg/pg-none', { pgSel: 'none', virtualport: { pg: vp.full } }, full);
  add('vp-pg/pg-misspelled', { pgSel: 'misspelled', virtualport: { pg: vp.full } }, full);
  add('vp-net-a+iface-b', { pgSel: 'absent', virtualport: { net: vp.a, iface: vp.b } }, full);
  add('vp-net-a+pg-b/pg-named', { pgSel: 'named', virtualport: { net: vp.a, pg: vp.b } }, full);
  add('vp-pg-a+iface-b/pg-default', { pgSel: 'default', virtualport: { pg: vp.a, iface: vp.b } }, full);
  add('vp-net-full+iface-typeless', { pgSel: 'absent', virtualport: { net: vp.full, iface: vp.c } }, full);
  add('vp-conflict-net-iface', { pgSel: 'absent', virtualport: { net: vp.a, iface: vp.conflict } });
  add('vp-conflict-net-pg/pg-named', { pgSel: 'named', virtualport: { net: vp.a, pg: vp.conflict } }, full);
  add('vp-conflict-net-pg/pg-misspelled', { pgSel: 'misspelled', virtualport: { net: vp.a, pg: vp.conflict } }, full);
  add('vp-othertype-iface', { pgSel: 'absent', virtualport: { net: vp.a, iface: vp.other } }, full);
  add('vp-othertype-only-iface', { pgSel: 'absent', virtualport: { iface: vp.other } }, full);
}

function trustAndIsolationVariants(list: VariantList): void {
  const { add, perPg, full } = list;
  // trustGuestRxFilters: interface, else portgroup, else network
  add('trust-iface', { pgSel: 'absent', trust: { iface: 'yes' } });
  add('trust-net', { pgSel: 'absent', trust: { net: 'yes' } });
  perPg('trust-pg', { trust: { pg: 'yes' } }, full);
  add('trust-iface-no+pg-yes/pg-named', { pgSel: 'named', trust: { iface: 'no', pg: 'yes' } }, full);
  add('trust-iface-no+net-yes', { pgSel: 'absent', trust: { iface: 'no', net: 'yes' } }, full);
  add('trust-pg-no+net-yes/pg-default', { pgSel: 'default', trust: { pg: 'no', net: 'yes' } }, full);

  // port isolation: interface, else network (no portgroup level)
  add('isolated-iface', { pgSel: 'absent', isolated: { iface: 'yes' } }, full);
  add('isolated-net', { pgSel: 'absent', isolated: { net: 'yes' } });
  add('isolated-iface-no+net-yes', { pgSel: 'absent', isolated: { iface: 'no', net: 'yes' } }, full);
}

function allAtOnceVariants(list: VariantList, mode: Mode, vp: VportValues): void {
  const { perPg, full } = list;
  // every dimension at once, with values this mode accepts, per portgroup choice
  perPg(
    'all',
    {
      bandwidth: mode.bw ? { iface: BW.iface, pg: BW.pg } : { iface: BW.iface },
      vlan: mode.vlan ? { pg: VLAN.pg, net: VLAN.net } : { iface: VLAN.iface },
      // a portgroup <virtualport> next to a <vlan> is only accepted on openvswitch networks
      virtualport: mode.vport === 'none' ? undefined : mode.vlan && mode.vport !== 'openvswitch' ? { net: vp.a, iface: vp.b } : { net: vp.a, pg: vp.bTyped },
      trust: { pg: 'yes', net: 'no' },
      isolated: { net: 'yes' },
    },
    full,
  );
}

// --- XML building ---------------------------------------------------------------------------
/** A slightly different value of the same kind, for the decoy portgroup pg-b. */
function decoy(xml: string): string {
  return xml
    .replace(/\b(id|average|managerid)='(\d+)'/g, (_m, a: string, n: string) => `${a}='${Number(n) + 1}'`)
    .replace(/profileid='([^']*)'/g, "profileid='$1-decoy'")
    .replace(/interfaceid='[^']*'/g, "interfaceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaaff'")
    .replace(/instanceid='[^']*'/g, "instanceid='09b11c53-8b5c-4eeb-8f00-d84eaa0aaafe'");
}

function portgroup(name: string, isDefault: boolean, v: Variant, decoyValues: boolean): string {
  const d = (x: string | undefined) => (x ? (decoyValues ? decoy(x) : x) : '');
  const trust = v.trust?.pg ? ` trustGuestRxFilters='${decoyValues ? (v.trust.pg === 'yes' ? 'no' : 'yes') : v.trust.pg}'` : '';
  return `<portgroup name='${name}'${isDefault ? " default='yes'" : ''}${trust}>` + d(v.virtualport?.pg) + d(v.bandwidth?.pg) + d(v.vlan?.pg) + '</portgroup>';
}

function networkXml(mode: Mode, v: Variant): string {
  const trust = v.trust?.net ? ` trustGuestRxFilters='${v.trust.net}'` : '';
  let pgs = '';
  switch (v.pgSel) {
    case 'absent':
      break;
    case 'named':
      pgs = portgroup('pg-a', false, v, false) + portgroup('pg-b', true, v, true);
      break;
    case 'default':
      pgs = portgroup('pg-a', true, v, false) + portgroup('pg-b', false, v, true);
      break;
    case 'none':
      pgs = portgroup('pg-a', false, v, false) + portgroup('pg-b', false, v, true);
      break;
    case 'misspelled':
      pgs = portgroup('pg-a', true, v, false);
      break;
  }
  // network-level virtualport is added to the mode's head; a mode that has one (openvswitch)
  // keeps its own unless the variant gives another
  let head = mode.head;
  if (v.virtualport?.net) head = head.replace(/<virtualport[^>]*\/>/, '') + v.virtualport.net;
  const parts = [
    `<network${trust}>`,
    `<name>net-${mode.id}</name>`,
    head,
    v.bandwidth?.net ?? '',
    v.vlan?.net ?? '',
    v.isolated?.net ? `<port isolated='${v.isolated.net}'/>` : '',
    pgs,
    '</network>',
  ];
  return pretty(parts.join(''));
}

function selectedPortgroup(sel: PgSel): string | undefined {
  return sel === 'named' ? 'pg-a' : sel === 'misspelled' ? 'pg-A' : undefined;
}

function interfaceXml(mode: Mode, v: Variant, mac: string): string {
  const pg = selectedPortgroup(v.pgSel);
  const trust = v.trust?.iface ? ` trustGuestRxFilters='${v.trust.iface}'` : '';
  return pretty(
    `<interface type='network'${trust}>` +
      `<mac address='${mac}'/>` +
      `<source network='net-${mode.id}'${pg ? ` portgroup='${pg}'` : ''}/>` +
      (v.virtualport?.iface ?? '') +
      (v.bandwidth?.iface ?? '') +
      (v.vlan?.iface ?? '') +
      (v.isolated?.iface ? `<port isolated='${v.isolated.iface}'/>` : '') +
      `<model type='virtio'/>` +
      '</interface>',
  );
}

/** Indents the one-line XML we build (2 spaces per level) so files and diffs are readable. */
function pretty(xml: string): string {
  let depth = 0;
  return xml
    .replace(/></g, '>\n<')
    .split('\n')
    .map((line) => {
      if (line.startsWith('</')) depth--;
      const out = '  '.repeat(Math.max(depth, 0)) + line;
      if (!line.startsWith('</') && !line.endsWith('/>') && !/<\/[^>]+>$/.test(line)) depth++;
      return out;
    })
    .join('\n');
}

export function generateMatrix(): OracleCase[] {
  const cases: OracleCase[] = [];
  for (const mode of MODES) {
    for (const { name, v } of variantsFor(mode)) {
      const n = cases.length + 1;
      const mac = `52:54:00:0a:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`;
      const pg = selectedPortgroup(v.pgSel);
      const iface: IfaceForPort = { mac };
      if (pg) iface.portgroup = pg;
      if (v.bandwidth?.iface) iface.bandwidthXml = v.bandwidth.iface;
      if (v.vlan?.iface) iface.vlanXml = v.vlan.iface;
      if (v.virtualport?.iface) iface.virtualportXml = v.virtualport.iface;
      if (v.trust?.iface) iface.trustGuestRxFilters = v.trust.iface;
      if (v.isolated?.iface) iface.portIsolated = v.isolated.iface;
      cases.push({
        id: `${mode.id}:${name}`,
        forwardMode: mode.id,
        lane: mode.lane,
        networkXml: networkXml(mode, v),
        interfaceXml: interfaceXml(mode, v, mac),
        iface,
      });
    }
  }
  return cases;
}

/** Cases to also run through a real domain start: no bandwidth anywhere (sfq is missing
 *  from this kernel), one per mode and portgroup choice plus vlan/virtualport/trust samples. */
export function domainCases(cases: OracleCase[]): OracleCase[] {
  const pick = /:(base|base\/pg-(named|default)|vlan-iface|vp-iface|trust-pg\/pg-default|isolated-net)$/;
  return cases.filter((c) => pick.test(c.id) && !/<bandwidth/.test(c.networkXml + c.interfaceXml));
}
