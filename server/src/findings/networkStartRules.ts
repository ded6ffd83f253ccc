import type { FindingList } from '../model/findingList';
import type { Network } from '../model/libvirtModel';
import { rangedAttribute } from '../model/ranged';
import { findChild, findChildren } from '../parser/xmlQueries';
import { addressFamily } from './ipAddress';
import { unsignedValue, xpathAttribute } from './libvirtXmlValues';

/*
 * What net-define accepts but net-start refuses, known from the file alone (network/bridge_driver.c,
 * networkStartNetworkVirtual and what it calls). Messages are libvirt's, prefix included; ours
 * add what to change after it.
 */

/** IFNAMSIZ - 1: the longest Linux interface name (virNetDevBridgeCreate fails with ERANGE beyond). */
const interfaceNameMaximum = 15;
const fileNameMaximum = 255;
/** The longest name dnsmasq's files get from the network name (virdnsmasq.c: NAME.hostsfile). */
const dnsmasqSuffix = '.hostsfile';
const dnsmasqDir = '/var/lib/libvirt/dnsmasq';

export function networkStartRules(findings: FindingList, network: Network, mode: string): void {
  if (mode !== 'none' && mode !== 'nat' && mode !== 'route' && mode !== 'open') return;
  const bridge = xpathAttribute(findChild(network.element, 'bridge'), 'name');
  // A name with '%d' is a template libvirt fills in (networkBridgeNameValidate).
  if (bridge && !bridge.value.includes('%d') && new TextEncoder().encode(bridge.value).length > interfaceNameMaximum) {
    findings.add(
      bridge.range,
      'error',
      'bridge-name-too-long',
      `error creating bridge interface ${bridge.value}: Numerical result out of range (a Linux interface name has at most ${interfaceNameMaximum} bytes)`,
    );
  }
  dnsmasqFileNames(findings, network);
  if (mode === 'nat') natPortRange(findings, network);
}

/** networkStartDhcpDaemon: dnsmasq runs for a network with an address, unless DNS is off and DHCP unused. */
function dnsmasqFileNames(findings: FindingList, network: Network): void {
  const name = network.name;
  const ips = findChildren(network.element, 'ip');
  if (!name || ips.length === 0) return;
  const needsDhcp = ips.some((ip) => {
    const dhcp = findChild(ip, 'dhcp');
    return (dhcp && dhcp.children.some((child) => child.name === 'range' || child.name === 'host')) || findChild(ip, 'tftp') !== undefined;
  });
  const dnsOff = rangedAttribute(findChild(network.element, 'dns'), 'enable')?.value === 'no';
  if (!needsDhcp && dnsOff) return;
  const bytes = new TextEncoder().encode(name.value).length;
  if (bytes + dnsmasqSuffix.length <= fileNameMaximum) return;
  findings.add(
    name.range,
    'error',
    'network-name-too-long-for-dnsmasq',
    `cannot write config file '${dnsmasqDir}/${name.value}${dnsmasqSuffix}': File name too long (a network that runs dnsmasq may have a name of at most ${fileNameMaximum - dnsmasqSuffix.length} bytes; this one has ${bytes})`,
  );
}

/** iptablesForwardMasquerade (util/viriptables.c): a port range must have start < end, unless both are 0. */
function natPortRange(findings: FindingList, network: Network): void {
  const forward = network.forward?.element;
  const port = forward && findChildren(findChild(forward, 'nat') ?? forward, 'port')[0];
  if (!forward || !port || !findChild(forward, 'nat')) return;
  const start = unsignedValue(rangedAttribute(port, 'start')?.value ?? '');
  const end = unsignedValue(rangedAttribute(port, 'end')?.value ?? '');
  if (start === undefined || end === undefined || start !== end || start === 0) return;
  const ipv4 = findChildren(network.element, 'ip').some((ip) => {
    const address = xpathAttribute(ip, 'address');
    return address !== undefined && addressFamily(address.value) === 'ipv4';
  });
  if (ipv4) {
    findings.add(port.nameRange, 'error', 'nat-port-range', `internal error: Invalid port range '${start}-${end}'. (a NAT port range needs start < end)`);
  }
}
