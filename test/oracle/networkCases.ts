// The cases of the network-definition oracle (networkDefinition.test.ts), derived from libvirt's
// code paths rather than from our model:
// - corpus: every network file of libvirt 9.0.0's own test data (networkxml2xmlin/out, read in
//   place from ../shared/corpus/libvirt, never copied);
// - rules: for each check of virNetworkDefParseXML (network_conf.c) and networkValidate
//   (bridge_driver.c) that we implement, a network that fails it and a close one that passes;
// - names: network and portgroup names as libvirt sees them (family 4 of issue 18).
// Each case is one network file: libvirt defines and starts it, our `check` judges it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCorpus } from '../../server/src/testing/schemaCorpus';
import { ORACLE_BRIDGE, ORACLE_NICS } from './libvirtOracle';

export interface NetworkCase {
  readonly id: string;
  readonly family: 'corpus' | 'rules' | 'names';
  readonly xml: string;
  /** Define it under its own name (names cases); otherwise under a unique one. */
  readonly keepName?: boolean;
}

/** libvirt's network test files, or why there are none. */
export function corpusCases(): NetworkCase[] | string {
  const corpus = findCorpus();
  if (!corpus) return 'libvirt corpus not found (shared/corpus/libvirt above the repository): corpus cases skipped';
  const cases: NetworkCase[] = [];
  for (const folder of ['networkxml2xmlin', 'networkxml2xmlout']) {
    const dir = join(corpus, 'tests', folder);
    if (!existsSync(dir)) return `${dir} missing: corpus cases skipped`;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.xml'))
      .sort()) {
      cases.push({ id: `corpus:${folder}/${file}`, family: 'corpus', xml: readFileSync(join(dir, file), 'utf8') });
    }
  }
  return cases;
}

/** A network of the given body (everything after <name>); a body that is a whole <network> stays as it is. */
export function net(body: string, name = 'n'): string {
  if (body.startsWith('<network')) return body;
  return `<network>\n  <name>${name}</name>\n  ${body}\n</network>\n`;
}

const ip4 = `<ip address='192.168.210.1' netmask='255.255.255.0'/>`;
const ip4b = `<ip address='192.168.211.1' netmask='255.255.255.0'/>`;
const ip6 = `<ip family='ipv6' address='fd00:210::1' prefix='64'/>`;
const range4 = `<dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp>`;
const [d0, d1, , d3] = ORACLE_NICS;
const br = `<bridge name='${ORACLE_BRIDGE}'/>`;
const hostBridge = `<forward mode='bridge'/>`;
const pci = (slot: string) => `<address type='pci' domain='0' bus='0' slot='${slot}' function='1'/>`;
/** An isolated network with an address, where libvirt allows most things. */
const isolated = (extra: string) => `${extra}${ip4}`;

/**
 * Each rule's failing and passing variant: [rule id, failing body, passing body]. The ids name
 * the rule (docs/libvirt-checks.md lists them with their finding codes).
 */
export const ruleVariants: ReadonlyArray<readonly [string, string, string]> = [
  // virNetworkDefParseXML: L3 forwarding needs an address, at most one forward device, none for open
  ['forward-needs-ip/nat', `<forward mode='nat'/>`, `<forward mode='nat'/>${ip4}`],
  ['forward-needs-ip/route', `<forward mode='route'/>`, `<forward mode='route'/>${ip4}`],
  ['forward-needs-ip/open', `<forward mode='open'/>`, `<forward mode='open'/>${ip4}`],
  ['forward-needs-ip/no-mode', `<forward/>`, `<forward/>${ip4}`],
  ['forward-needs-ip/empty-mode', `<forward mode=''/>`, `<forward mode=''/>${ip4}`],
  [
    'l3-devices/two',
    `<forward mode='nat'><interface dev='${d0}'/><interface dev='${d1}'/></forward>${ip4}`,
    `<forward mode='nat'><interface dev='${d0}'/></forward>${ip4}`,
  ],
  ['l3-devices/open-dev', `<forward mode='open' dev='${d0}'/>${ip4}`, `<forward mode='route' dev='${d0}'/>${ip4}`],
  // … and the bridge settings only the L3 modes configure
  [
    'bridge-attributes/name-private',
    `<forward mode='private'><interface dev='${d0}'/></forward>${br}`,
    `<forward mode='private'><interface dev='${d0}'/></forward>`,
  ],
  [
    'bridge-attributes/zone-vepa',
    `<forward mode='vepa'><interface dev='${d0}'/></forward><bridge zone='public'/>`,
    `<forward mode='vepa'><interface dev='${d0}'/></forward><bridge/>`,
  ],
  [
    'bridge-attributes/mactable-passthrough',
    `<forward mode='passthrough'><interface dev='${d0}'/></forward><bridge macTableManager='kernel'/>`,
    `<forward mode='passthrough'><interface dev='${d0}'/></forward>`,
  ],
  ['bridge-attributes/stp-bridge', `${hostBridge}<bridge name='${ORACLE_BRIDGE}' stp='on'/>`, `${hostBridge}<bridge name='${ORACLE_BRIDGE}' stp=''/>`],
  ['bridge-attributes/delay-bridge', `${hostBridge}<bridge name='${ORACLE_BRIDGE}' delay='5'/>`, `${hostBridge}<bridge name='${ORACLE_BRIDGE}' delay='0'/>`],
  ['bridge-attributes/zone-bridge', `${hostBridge}<bridge name='${ORACLE_BRIDGE}' zone='public'/>`, `${hostBridge}<bridge name='${ORACLE_BRIDGE}' zone=''/>`],
  ['bridge-attributes/name-and-dev', `<forward mode='bridge' dev='${d0}'/>${br}`, `<forward mode='bridge'/>${br}`],
  ['mtu/bridge', `${hostBridge}${br}<mtu size='9000'/>`, `${hostBridge}${br}<mtu size='0'/>`],
  // networkValidate: what only a bridge libvirt configures can have
  ['host-side/mac', `${hostBridge}${br}<mac address='52:54:00:aa:bb:cc'/>`, isolated(`<mac address='52:54:00:aa:bb:cc'/>`)],
  ['host-side/ip', `${hostBridge}${br}${ip4}`, isolated('')],
  [
    'host-side/dns',
    `${hostBridge}${br}<dns><host ip='192.168.210.5'><hostname>a</hostname></host></dns>`,
    `${hostBridge}${br}<dns><forwarder addr='192.0.2.53'/></dns>`,
  ],
  ['host-side/domain', `${hostBridge}${br}<domain name='example.test'/>`, isolated(`<domain name='example.test'/>`)],
  ['host-side/empty-domain', `${hostBridge}${br}<domain name=''/>`, `${hostBridge}${br}<domain/>`],
  // virNetworkForwardDefParseXML and virNetworkForwardNatDefParseXML
  [
    'nat/in-route',
    `<forward mode='route'><nat><port start='1024' end='65535'/></nat></forward>${ip4}`,
    `<forward mode='nat'><nat><port start='1024' end='65535'/></nat></forward>${ip4}`,
  ],
  ['nat/two', `<forward mode='nat'><nat/><nat/></forward>${ip4}`, `<forward mode='nat'><nat/></forward>${ip4}`],
  [
    'nat/port-start',
    `<forward mode='nat'><nat><port start='70000' end='70001'/></nat></forward>${ip4}`,
    `<forward mode='nat'><nat><port start='500' end='501'/></nat></forward>${ip4}`,
  ],
  [
    'nat/port-end',
    `<forward mode='nat'><nat><port start='2000' end='1000'/></nat></forward>${ip4}`,
    `<forward mode='nat'><nat><port start='1000' end='1001'/></nat></forward>${ip4}`,
  ],
  [
    'nat/port-equal',
    `<forward mode='nat'><nat><port start='1000' end='1000'/></nat></forward>${ip4}`,
    `<forward mode='nat'><nat><port start='0' end='0'/></nat></forward>${ip4}`,
  ],
  [
    'nat/address-end',
    `<forward mode='nat'><nat><address start='192.0.2.1'/></nat></forward>${ip4}`,
    `<forward mode='nat'><nat><address start='192.0.2.1' end='192.0.2.9'/></nat></forward>${ip4}`,
  ],
  ['nat/ipv6-value', `<forward mode='nat'><nat ipv6='on'/></forward>${ip4}${ip6}`, `<forward mode='nat'><nat ipv6='yes'/></forward>${ip4}${ip6}`],
  [
    'forward/driver',
    `<forward mode='bridge'><driver name='default'/><interface dev='${d0}'/></forward>`,
    `<forward mode='bridge'><driver name='vfio'/><interface dev='${d0}'/></forward>`,
  ],
  ['forward/mode-none', `<forward mode='nothing'/>${ip4}`, `<forward mode='none'/>${ip4}`],
  ['pool/dev-with-pf', `<forward mode='hostdev' dev='${d0}'><pf dev='${d3}'/></forward>`, `<forward mode='passthrough' dev='${d0}'/>`],
  [
    'pool/dev-mismatch',
    `<forward mode='bridge' dev='${d1}'><interface dev='${d0}'/></forward>`,
    `<forward mode='bridge' dev='${d0}'><interface dev='${d0}'/></forward>`,
  ],
  ['pool/interface-without-dev', `<forward mode='bridge'><interface/></forward>`, `<forward mode='bridge'><interface dev='${d0}'/></forward>`],
  [
    'pool/duplicate-interface',
    `<forward mode='vepa'><interface dev='${d0}'/><interface dev='${d0}'/></forward>`,
    `<forward mode='vepa'><interface dev='${d0}'/><interface dev='${d1}'/></forward>`,
  ],
  [
    'pool/duplicate-dev-and-interfaces',
    `<forward mode='vepa' dev='${d0}'><interface dev='${d0}'/><interface dev='${d0}'/></forward>`,
    `<forward mode='vepa' dev='${d0}'><interface dev='${d0}'/><interface dev='${d1}'/></forward>`,
  ],
  ['pool/duplicate-pci', `<forward mode='hostdev'>${pci('0x07')}${pci('7')}</forward>`, `<forward mode='hostdev'>${pci('0x07')}${pci('8')}</forward>`],
  [
    'pool/address-type',
    `<forward mode='hostdev'><address domain='0' bus='0' slot='7' function='1'/></forward>`,
    `<forward mode='hostdev'>${pci('7')}</forward>`,
  ],
  ['pool/address-usb', `<forward mode='hostdev'><address type='usb' bus='1' device='2'/></forward>`, `<forward mode='hostdev'>${pci('7')}</forward>`],
  ['pool/address-netdev', `<forward mode='hostdev'><address type='netdev'/></forward>`, `<forward mode='hostdev'>${pci('7')}</forward>`],
  // a pool of two kinds: libvirt keeps the first kind and drops the rest (we warn), except beside a forward dev
  [
    'pool/mixed-kinds',
    `<forward mode='passthrough' dev='${d0}'><pf dev='${d3}'/></forward>`,
    `<forward mode='passthrough'><interface dev='${d0}'/><pf dev='${d3}'/></forward>`,
  ],
  ['pool/two-pfs', `<forward mode='hostdev'><pf dev='${d3}'/><pf dev='${d1}'/></forward>`, `<forward mode='hostdev'><pf dev='${d3}'/></forward>`],
  ['pool/pf-without-dev', `<forward mode='passthrough'><pf/></forward>`, `<forward mode='passthrough'><pf dev='${d3}'/></forward>`],
  ['pool/hostdev-interface', `<forward mode='hostdev'><interface dev='${d0}'/></forward>`, `<forward mode='passthrough'><interface dev='${d0}'/></forward>`],
  ['pool/pci-in-passthrough', `<forward mode='passthrough'>${pci('7')}</forward>`, `<forward mode='hostdev'>${pci('7')}</forward>`],
  // networkValidate: one DHCP section per address family
  [
    'dhcp/two-ipv4',
    `<ip address='192.168.210.1' prefix='24'>${range4}</ip><ip address='192.168.211.1' prefix='24'><dhcp><host mac='52:54:00:00:00:01' ip='192.168.211.5'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'>${range4}</ip><ip address='192.168.211.1' prefix='24'><dhcp/></ip>`,
  ],
  [
    'dhcp/two-ipv6',
    `<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><range start='fd00:210::10' end='fd00:210::20'/></dhcp></ip><ip family='ipv6' address='fd00:211::1' prefix='64'><dhcp><range start='fd00:211::10' end='fd00:211::20'/></dhcp></ip>`,
    `${ip4.replace('/>', `>${range4}</ip>`)}<ip family='ipv6' address='fd00:211::1' prefix='64'><dhcp><range start='fd00:211::10' end='fd00:211::20'/></dhcp></ip>`,
  ],
  // virNetworkDNSDefParseXML
  [
    'dns/disabled-extra',
    isolated(`<dns enable='no'><host ip='192.168.210.5'><hostname>a</hostname></host></dns>`),
    isolated(`<dns enable='yes'><host ip='192.168.210.5'><hostname>a</hostname></host></dns>`),
  ],
  ['dns/disabled-forwarder', isolated(`<dns enable='no'><forwarder domain='example.test'/></dns>`), isolated(`<dns enable='no'/>`)],
  ['dns/enable-value', isolated(`<dns enable='off'/>`), isolated(`<dns enable='no'/>`)],
  ['dns/forward-plain-names', isolated(`<dns forwardPlainNames='0'/>`), isolated(`<dns forwardPlainNames='no'/>`)],
  ['dns/forwarder-empty', isolated(`<dns><forwarder/></dns>`), isolated(`<dns><forwarder addr='192.0.2.53'/></dns>`)],
  ['dns/host-ip', isolated(`<dns><host><hostname>a</hostname></host></dns>`), isolated(`<dns><host ip='192.168.210.5'><hostname>a</hostname></host></dns>`)],
  ['dns/host-hostname', isolated(`<dns><host ip='192.168.210.5'/></dns>`), isolated(`<dns><host ip='192.168.210.5'><hostname>a</hostname></host></dns>`)],
  ['dns/srv-service', isolated(`<dns><srv protocol='tcp'/></dns>`), isolated(`<dns><srv service='ldap' protocol='tcp'/></dns>`)],
  ['dns/srv-service-chars', isolated(`<dns><srv service='ld.ap' protocol='tcp'/></dns>`), isolated(`<dns><srv service='l_d-a+p' protocol='tcp'/></dns>`)],
  [
    'dns/srv-port-target',
    isolated(`<dns><srv service='ldap' protocol='tcp' port='389'/></dns>`),
    isolated(`<dns><srv service='ldap' protocol='tcp' target='a.test' port='389'/></dns>`),
  ],
  [
    'dns/srv-port-range',
    isolated(`<dns><srv service='ldap' protocol='tcp' target='a.test' port='0'/></dns>`),
    isolated(`<dns><srv service='ldap' protocol='tcp' target='a.test' port='65535'/></dns>`),
  ],
  ['dns/txt-name', isolated(`<dns><txt name='a b' value='x'/></dns>`), isolated(`<dns><txt name='ab' value='x y'/></dns>`)],
  ['dns/txt-value', isolated(`<dns><txt name='ab'/></dns>`), isolated(`<dns><txt name='ab' value=''/></dns>`)],
  // virNetworkIPDefParseXML
  ['ip/address', `<ip netmask='255.255.255.0'/>`, ip4],
  ['ip/family', `<ip family='ipv5' address='192.168.210.1' prefix='24'/>`, `<ip family='' address='192.168.210.1' prefix='24'/>`],
  ['ip/ipv6-family-ipv4-address', `<ip family='ipv6' address='192.168.210.1' prefix='24'/>`, `<ip family='ipv4' address='192.168.210.1' prefix='24'/>`],
  ['ip/no-family-ipv6-address', `<ip address='fd00:210::1' prefix='64'/>`, ip6],
  [
    'ip/prefix-and-netmask',
    `<ip address='192.168.210.1' netmask='255.255.255.0' prefix='24'/>`,
    `<ip address='192.168.210.1' netmask='255.255.255.0' prefix='0'/>`,
  ],
  ['ip/prefix-ipv4', `<ip address='192.168.210.1' prefix='33'/>`, `<ip address='192.168.210.1' prefix='32'/>`],
  ['ip/prefix-value', `<ip address='192.168.210.1' prefix='24bits'/>`, `<ip address='192.168.210.1' prefix=' 24'/>`],
  ['ip/ipv6-netmask', `<ip family='ipv6' address='fd00:210::1' netmask='255.255.255.0'/>`, `<ip family='ipv6' address='fd00:210::1'/>`],
  ['ip/prefix-ipv6', `<ip family='ipv6' address='fd00:210::1' prefix='129'/>`, `<ip family='ipv6' address='fd00:210::1' prefix='128'/>`],
  ['ip/local-ptr', `<ip address='192.168.210.1' prefix='24' localPtr='true'/>`, `<ip address='192.168.210.1' prefix='24' localPtr='yes'/>`],
  ['ip/tftp-ipv6', `<ip family='ipv6' address='fd00:210::1' prefix='64'><tftp root='/srv'/></ip>`, `${ip4}${ip6}`],
  // virNetworkDHCPDefParseXML and its hosts, ranges and leases
  [
    'dhcp/range-end',
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'>${range4}</ip>`,
  ],
  [
    'dhcp/host-identity',
    `<ip address='192.168.210.1' prefix='24'><dhcp><host ip='192.168.210.5'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><host name='a' ip='192.168.210.5'/></dhcp></ip>`,
  ],
  [
    'dhcp/host-ip',
    `<ip address='192.168.210.1' prefix='24'><dhcp><host mac='52:54:00:00:00:01'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><host mac='52:54:00:00:00:01' ip='192.168.210.5'/></dhcp></ip>`,
  ],
  [
    'dhcp/host-ipv6-mac',
    `<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host mac='52:54:00:00:00:01' name='a' ip='fd00:210::5'/></dhcp></ip>`,
    `<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host id='0:1:0:1' name='a' ip='fd00:210::5'/></dhcp></ip>`,
  ],
  [
    'dhcp/host-ipv6-identity',
    `<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host ip='fd00:210::5'/></dhcp></ip>`,
    `<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host name='a' ip='fd00:210::5'/></dhcp></ip>`,
  ],
  [
    'dhcp/host-mac',
    `<ip address='192.168.210.1' prefix='24'><dhcp><host mac='52:54:00:00:00' ip='192.168.210.5'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><host mac='52:54:0:0:0:1' ip='192.168.210.5'/></dhcp></ip>`,
  ],
  [
    'dhcp/host-multicast',
    `<ip address='192.168.210.1' prefix='24'><dhcp><host mac='01:54:00:00:00:01' ip='192.168.210.5'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><host mac='02:54:00:00:00:01' ip='192.168.210.5'/></dhcp></ip>`,
  ],
  [
    'dhcp/host-name',
    `<ip address='192.168.210.1' prefix='24'><dhcp><host name='-a' ip='192.168.210.5'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><host name='1a' ip='192.168.210.5'/></dhcp></ip>`,
  ],
  [
    'dhcp/host-id',
    `<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host id='0:1:zz' ip='fd00:210::5'/></dhcp></ip>`,
    `<ip family='ipv6' address='fd00:210::1' prefix='64'><dhcp><host id='0:1:AB' ip='fd00:210::5'/></dhcp></ip>`,
  ],
  [
    'dhcp/lease-minimum',
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='1'/></range></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='0'/></range></dhcp></ip>`,
  ],
  [
    'dhcp/lease-seconds',
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='119' unit='seconds'/></range></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='1' unit='hours'/></range></dhcp></ip>`,
  ],
  [
    'dhcp/lease-unit',
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='5' unit='days'/></range></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.20'><lease expiry='5' unit='minutes'/></range></dhcp></ip>`,
  ],
  // virSocketAddrGetRange, as the DHCP range parser calls it
  [
    'dhcp-range/outside',
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.122.10' end='192.168.122.20'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'>${range4}</ip>`,
  ],
  [
    'dhcp-range/network-address',
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.0' end='192.168.210.20'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.1' end='192.168.210.20'/></dhcp></ip>`,
  ],
  [
    'dhcp-range/broadcast',
    `<ip address='192.168.210.1' netmask='255.255.255.0'><dhcp><range start='192.168.210.10' end='192.168.210.255'/></dhcp></ip>`,
    `<ip address='192.168.210.1' netmask='255.255.255.0'><dhcp><range start='192.168.210.10' end='192.168.210.254'/></dhcp></ip>`,
  ],
  [
    'dhcp-range/reversed',
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.20' end='192.168.210.10'/></dhcp></ip>`,
    `<ip address='192.168.210.1' prefix='24'><dhcp><range start='192.168.210.10' end='192.168.210.10'/></dhcp></ip>`,
  ],
  [
    'dhcp-range/too-large',
    `<ip address='10.0.0.1' prefix='8'><dhcp><range start='10.0.0.2' end='10.1.0.2'/></dhcp></ip>`,
    `<ip address='10.0.0.1' prefix='8'><dhcp><range start='10.0.0.2' end='10.0.255.254'/></dhcp></ip>`,
  ],
  [
    'dhcp-range/class-prefix',
    `<ip address='192.168.210.1'><dhcp><range start='192.168.211.10' end='192.168.211.20'/></dhcp></ip>`,
    `<ip address='172.16.210.1'><dhcp><range start='172.16.211.10' end='172.16.211.20'/></dhcp></ip>`,
  ],
  [
    'dhcp-range/bad-netmask',
    `<ip address='192.168.210.1' netmask='255.0.255.0'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip>`,
    `<ip address='192.168.210.1' netmask='255.255.0.0'><dhcp><range start='192.168.210.10' end='192.168.210.20'/></dhcp></ip>`,
  ],
  // The enumerated and numeric attributes at the top of virNetworkDefParseXML
  ['values/ipv6', `<network ipv6='true'><name>n</name>${ip6}</network>`, `<network ipv6='yes'><name>n</name>${ip6}</network>`],
  [
    'values/network-trust',
    `<network trustGuestRxFilters='1'><name>n</name>${ip4}</network>`,
    `<network trustGuestRxFilters='yes'><name>n</name>${ip4}</network>`,
  ],
  ['values/trust', `${ip4}<portgroup name='a' trustGuestRxFilters='on'/>`, `${ip4}<portgroup name='a' trustGuestRxFilters='no'/>`],
  ['values/port-isolated', `${ip4}<port isolated='true'/>`, `${ip4}<port isolated='yes'/>`],
  ['values/domain-local-only', `${ip4}<domain name='example.test' localOnly='1'/>`, `${ip4}<domain name='example.test' localOnly='yes'/>`],
  ['values/mac-table-manager', `<bridge macTableManager='default'/>${ip4}`, `<bridge macTableManager='kernel'/>${ip4}`],
  ['values/delay', `<bridge delay='2s'/>${ip4}`, `<bridge delay='2'/>${ip4}`],
  ['values/mac', `<mac address='52:54:00:aa:bb'/>${ip4}`, `<mac address='52:54:00:aa:bb:cc'/>${ip4}`],
  ['values/mac-multicast', `<mac address='53:54:00:aa:bb:cc'/>${ip4}`, `<mac address='52:54:00:aa:bb:cc'/>${ip4}`],
  ['values/mtu', `<mtu size='big'/>${ip4}`, `<mtu size='1400'/>${ip4}`],
  ['values/second-ip-ok', `${ip4}${ip4b}<forward mode='open' dev='${d0}'/>`, `${ip4}${ip4b}`],
];
export function ruleCases(): NetworkCase[] {
  return ruleVariants.flatMap(([id, failing, passing]) => [
    { id: `rules:${id}:fails`, family: 'rules' as const, xml: net(failing) },
    { id: `rules:${id}:passes`, family: 'rules' as const, xml: net(passing) },
  ]);
}

/** A name of exactly `bytes` UTF-8 bytes, starting with "oracle-" (teardown.sh sweeps that prefix), padded with `pad`. */
function nameOfBytes(bytes: number, pad: string): string {
  let name = 'oracle-';
  while (new TextEncoder().encode(name + pad).length <= bytes) name += pad;
  return name.padEnd(name.length + bytes - new TextEncoder().encode(name).length, 'x');
}

/** [case id, network body, name] */
const nameVariants: ReadonlyArray<readonly [string, string, string]> = [
  ['spaces-kept', hostBridge + br, ' oracle-spaces '],
  ['whitespace-only', hostBridge + br, '  '],
  ['empty', hostBridge + br, ''],
  ['slash', hostBridge + br, 'oracle-a/b'],
  ['newline', hostBridge + br, 'oracle-a\nb'],
  ['multi-line', hostBridge + br, '\n  oracle-ml\n'],
  ['escaped-markup', hostBridge + br, 'oracle-&lt;x&gt;&amp;'],
  ['247-bytes', hostBridge + br, nameOfBytes(247, 'x')],
  ['248-bytes', hostBridge + br, nameOfBytes(248, 'x')],
  ['247-bytes-utf8', hostBridge + br, nameOfBytes(247, 'é')],
  ['248-bytes-utf8', hostBridge + br, nameOfBytes(248, 'é')],
  ['247-bytes-dnsmasq', `<ip address='192.168.212.1' prefix='24'>${range4.split('210').join('212')}</ip>`, nameOfBytes(247, 'x')],
  ['246-bytes-dnsmasq', `<ip address='192.168.212.1' prefix='24'>${range4.split('210').join('212')}</ip>`, nameOfBytes(246, 'x')],
  ['242-bytes-dnsmasq', `<ip address='192.168.212.1' prefix='24'>${range4.split('210').join('212')}</ip>`, nameOfBytes(242, 'x')],
  ['portgroup-quote', `${hostBridge}${br}<portgroup name="a'b"/>`, 'oracle-pg-quote'],
  ['portgroup-lt', `${hostBridge}${br}<portgroup name='a&lt;b'/>`, 'oracle-pg-lt'],
  ['portgroup-amp', `${hostBridge}${br}<portgroup name='a&amp;b'/>`, 'oracle-pg-amp'],
  ['portgroup-amp-space', `${hostBridge}${br}<portgroup name='a&amp; b'/>`, 'oracle-pg-amp-space'],
  ['portgroup-quote-in-markup', `${hostBridge}${br}<portgroup name='a"b'/>`, 'oracle-pg-dquote'],
  ['portgroup-empty-name', `${hostBridge}${br}<portgroup name=''/>`, 'oracle-pg-empty'],
  ['portgroup-spaces', `${hostBridge}${br}<portgroup name=' a b '/>`, 'oracle-pg-spaces'],
  ['dhcp-host-quote', `<ip address='192.168.212.1' prefix='24'><dhcp><host name="a'b" ip='192.168.212.5'/></dhcp></ip>`, 'oracle-host-quote'],
  ['domain-quote', `<domain name="a'b"/><ip address='192.168.212.1' prefix='24'/>`, 'oracle-domain-quote'],
  ['bridge-16-chars', `<bridge name='orbr-0123456789a'/>`, 'oracle-bridge-16'],
  ['bridge-template', `<bridge name='orbr-long%d'/>`, 'oracle-bridge-template'],
  ['dnsmasq-off-247', `<ip address='192.168.212.1' prefix='24'/><dns enable='no'/>`, nameOfBytes(247, 'x')],
  ['bridge-15-chars', `<bridge name='orbr-0123456789'/>`, 'oracle-bridge-15'],
];

export function nameCases(): NetworkCase[] {
  return nameVariants.map(([id, body, name]) => ({ id: `names:${id}`, family: 'names' as const, xml: net(body, name), keepName: true }));
}
