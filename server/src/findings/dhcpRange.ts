import type { FindingList } from '../model/findingList';
import { rangedAttribute } from '../model/ranged';
import type { XmlElement } from '../parser/xmlTree';
import { ipv4Parts } from './ipAddress';
import { unsignedValue, xpathAttribute } from './libvirtXmlValues';

/*
 * An IPv4 DHCP range against its network, as virSocketAddrGetRange (util/virsocketaddr.c) judges
 * it when virNetworkDHCPRangeDefParseXML reads the range: inside the network, not its network or
 * broadcast address, at most 65535 addresses, not reversed. Only dotted quads are judged (see
 * ipv4Parts); libvirt prints the addresses as it formats them, which for those is the same text.
 */

const toNumber = (parts: readonly number[]) => ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;

/** virSocketAddrGetIPPrefix: the prefix, else the netmask's bits, else the address's class. */
export function ipv4Prefix(ip: XmlElement, address: readonly number[]): number {
  const prefix = unsignedValue(rangedAttribute(ip, 'prefix')?.value ?? '');
  if (prefix !== undefined && prefix > 0) return prefix;
  const netmask = xpathAttribute(ip, 'netmask');
  const maskParts = netmask && ipv4Parts(netmask.value);
  if (maskParts) {
    const bits = toNumber(maskParts).toString(2).padStart(32, '0');
    return /^1*0*$/.test(bits) ? (bits.indexOf('0') === -1 ? 32 : bits.indexOf('0')) : -1;
  }
  if (toNumber(address) === 0) return 0;
  if ((address[0] & 0x80) === 0) return 8;
  if ((address[0] & 0xc0) === 0x80) return 16;
  if ((address[0] & 0xe0) === 0xc0) return 24;
  return -1;
}

export function dhcpRangeRules(findings: FindingList, range: XmlElement, ip: XmlElement): void {
  const address = xpathAttribute(ip, 'address');
  const start = rangedAttribute(range, 'start');
  const end = rangedAttribute(range, 'end');
  const network = address && ipv4Parts(address.value);
  const first = start && ipv4Parts(start.value);
  const last = end && ipv4Parts(end.value);
  if (!address || !start || !end || !network || !first || !last) return;
  const span = `${start.value} - ${end.value}`;
  const error = (message: string) => findings.add(range.nameRange, 'error', 'dhcp-range', `internal error: ${message}`);
  const prefix = ipv4Prefix(ip, network);
  if (prefix < 0 || prefix > 32) return error(`bad prefix ${prefix} for network ${address.value} when  checking range ${span}`);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const net = toNumber(network);
  const [from, to] = [toNumber(first), toNumber(last)];
  if ((from & mask) >>> 0 !== (net & mask) >>> 0 || (to & mask) >>> 0 !== (net & mask) >>> 0) {
    return error(`range ${span} is not entirely within network ${address.value}/${prefix}`);
  }
  if (from === (net & mask) >>> 0) return error(`start of range ${span} in network ${address.value}/${prefix} is the network address`);
  if (to === (net | ~mask) >>> 0) return error(`end of range ${span} in network ${address.value}/${prefix} is the broadcast address`);
  if (first[0] !== last[0] || first[1] !== last[1]) return error(`range ${span} is too large (> 65535)`);
  if ((last[2] - first[2]) * 256 + (last[3] - first[3]) < 0) error(`range ${span} is reversed `);
}
