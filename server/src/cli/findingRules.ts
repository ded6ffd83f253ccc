import type { FindingCode } from '../model/finding';

/** The codes `check` reports: the engine's, and the CLI's own for a file it found and could not read. */
export type CheckFindingCode = FindingCode | 'file-skipped';

/**
 * What each finding code stands for, in one line: the rule a SARIF viewer lists beside the
 * results (the result's message says what is wrong in the particular place). A `Record` over the
 * code union, so a new code does not compile until it is described here.
 */
export const findingRuleDescriptions: Readonly<Record<CheckFindingCode, string>> = {
  'malformed-xml': 'The file is not well-formed XML.',
  'unknown-network': 'An interface names a network that no file or libvirt connection defines.',
  'network-not-checked': 'A network could not be checked: no file defines it and a libvirt connection could not be read.',
  'unknown-portgroup': 'An interface names a portgroup its network lacks; libvirt silently ignores it.',
  'missing-network-name': 'A network has no <name>.',
  'duplicate-network': 'A network name is defined in more than one file.',
  'duplicate-portgroup': 'A network has two portgroups of the same name.',
  'multiple-default-portgroups': "A network has more than one portgroup with default='yes'.",
  'portgroup-on-non-network-interface': "A portgroup is named on an interface whose type is not 'network'; libvirt ignores it.",
  'floor-unsupported-by-network': 'A floor is set in a network or portgroup bandwidth, where libvirt refuses it.',
  'floor-unsupported-for-interface': "An interface gets a floor but is not on a nat, route, open or isolated network of type 'network'.",
  'floor-needs-network-inbound': 'An interface gets a floor but its network has no inbound bandwidth.',
  'floor-on-outbound': 'A floor is set on <outbound>; libvirt allows it only on <inbound>.',
  'bandwidth-missing-average': 'A bandwidth direction lacks the average (or floor) libvirt requires.',
  'vlan-unsupported': 'A vlan is set where the connection cannot carry it.',
  'vlan-tag-out-of-range': 'A vlan tag id is outside 0-4095.',
  'vlan-native-mode': "A vlan tag's nativeMode is not 'tagged' or 'untagged'.",
  'vlan-trunk': "A vlan's trunk setting does not fit its tags.",
  'virtualport-conflict': 'The interface, portgroup and network set different values for the same virtualport parameter.',
  'virtualport-type-unsupported': "A virtualport type does not fit the network's forward mode.",
  'virtualport-incomplete': 'A virtualport lacks a parameter its type requires.',
  'empty-device-pool': 'A direct-mode network has no forward device and no interface pool.',
  'device-pool-exhausted': "More of the domain's interfaces need a device of their own than the network's pool has.",
  'interface-type-invalid': "An interface's type is not one libvirt knows.",
  'interface-source-missing': 'An interface lacks the <source> (or its attribute) its type requires.',
  'empty-source-device': 'An interface names an empty host device, which cannot exist when the domain starts.',
  'invalid-yes-no': "A yes/no attribute has another value (libvirt accepts exactly 'yes' or 'no').",
  'virtualport-unsupported-for-interface': 'A <virtualport> is set on an interface type that takes none.',
  'virtualport-type-missing': 'A <virtualport> of a bridge, direct or hostdev interface has no type.',
  'port-isolated-unsupported': "<port isolated='yes'/> is set where the connection cannot isolate the port.",
  'bandwidth-duplicate-direction': 'A <bandwidth> has two <inbound> or two <outbound> elements.',
  'unmanaged-target-unsupported': "<target managed='no'> is set on an interface whose type is not 'ethernet'.",
  'mtu-unsupported': 'An MTU is set on an interface type whose MTU QEMU cannot set.',
  'ip-unsupported-for-interface': 'IP addresses or routes are set on an interface type that cannot take them.',
  'invalid-mac': 'A MAC address cannot be parsed or is a multicast address.',
  'invalid-value': 'A value libvirt does not accept (a name, a forward mode, a bandwidth element).',
  'tag-dropped-by-libvirt': 'A <tag> element (libvir-list RFC) is kept by libvirt-xml but dropped by libvirt.',
  'tag-missing-name': 'A <tag> element has no name.',
  'forward-needs-ip': 'A nat, route or open network has no <ip>; libvirt refuses it at net-define.',
  'forward-mode-conflict':
    "An element or attribute the network's forward mode does not allow (bridge settings, mtu, ip, mac, dns, domain, nat, forward devices).",
  'forward-pool-conflict': "The forward dev, the device pool and the bridge name contradict each other, or the pool's kind does not fit the forward mode.",
  'duplicate-pool-device': 'A device is listed twice in a forward device pool.',
  'multiple-dhcp': 'More than one <ip> of the same address family has a DHCP section.',
  'dns-disabled-extra-data': "DNS is disabled (enable='no') but DNS records or forwarders are given.",
  'network-name-whitespace': 'A network name has spaces around it, which libvirt keeps.',
  'network-name-too-long': 'A network name too long for the file libvirt saves the network in.',
  'unescaped-in-saved-file': "A value libvirt writes back unescaped contains ' < or &; net-start fails.",
  'network-name-too-long-for-dnsmasq': "A network name too long for dnsmasq's files; net-start fails.",
  'bridge-name-too-long': 'A bridge name longer than a Linux interface name may be; net-start fails.',
  'nat-port-range': 'A NAT port range whose start is not below its end; net-start fails.',
  'forward-pool-ignored': 'A <forward> pool mixes <interface>, <address> and <pf>; libvirt keeps one kind and silently drops the others.',
  'dhcp-range': 'A DHCP range outside its network, on its network or broadcast address, reversed, or larger than 65535 addresses.',
  'unknown-pool': 'A volume disk names a storage pool that no file or libvirt connection defines.',
  'pool-not-checked': 'A storage pool could not be checked: no file defines it and a libvirt connection could not be read.',
  'unknown-volume': 'A volume disk names a volume its pool does not list.',
  'volume-mode-unsupported': 'A volume disk sets the source mode, which only an iscsi pool takes.',
  'volume-pool-unsupported': 'A volume disk uses a pool type (mpath, rbd, sheepdog, gluster) that cannot back volume disks.',
  'volume-type-unexpected': 'A volume disk uses a network volume of a pool whose volumes must be local files or devices.',
  'iscsi-pool-hosts': 'A volume disk in direct mode uses an iSCSI pool that does not name exactly one host.',
  'iscsi-volume-name': 'A volume disk in direct mode names an iSCSI volume not shaped unit:B:T:LUN.',
  'unknown-filter': 'A filterref names a network filter that no file or libvirt connection defines.',
  'filter-not-checked': 'A network filter could not be checked: no file defines it and a libvirt connection could not be read.',
  'filter-chain-broken': "An interface's filter chain references a filter that no file or libvirt connection defines.",
  'filter-loop': 'A network filter references itself through its chain; libvirt refuses to define it.',
  'filter-missing-parameter': "An interface's filter chain uses variables the interface's filterref gives no value.",
  schema: "libvirt's RelaxNG schema refuses the element, attribute or value.",
  'file-skipped': 'A file found in a folder was not read (too large, not a regular file, or unreadable).',
};

/** The description of a code; a code this table does not know (none should reach it) describes itself. */
export function describeFindingCode(code: string): string {
  return Object.hasOwn(findingRuleDescriptions, code) ? findingRuleDescriptions[code as CheckFindingCode] : code;
}
