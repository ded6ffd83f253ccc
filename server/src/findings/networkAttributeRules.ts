import type { FindingList } from '../model/findingList';
import type { Network } from '../model/libvirtModel';
import { findChild } from '../parser/xmlQueries';
import { parseMacAddress } from '../util/macAddress';
import { checkYesNo, unsignedValue, xpathAttribute } from './libvirtXmlValues';

/*
 * The enumerated and numeric attributes virNetworkDefParseXML (conf/network_conf.c) reads at the
 * top of a network, in its order: uuid, ipv6, trustGuestRxFilters, domain localOnly, port
 * isolated, bridge delay and macTableManager, mac address, mtu size; and the yes/no attributes
 * of portgroups and <nat>. Messages are libvirt's, prefix included.
 */

export function networkAttributeRules(findings: FindingList, network: Network, name: string): void {
  const root = network.element;
  const error = (range: { start: number; end: number }, message: string, suggestions?: string[]) =>
    findings.add(range, 'error', 'invalid-value', message, undefined, suggestions);
  const uuid = findChild(root, 'uuid');
  const uuidText = uuid?.texts.map((text) => text.value).join('') ?? '';
  if (uuid && uuidText !== '' && !isUuid(uuidText)) error(uuid.nameRange, 'internal error: malformed uuid element');
  const ipv6 = xpathAttribute(root, 'ipv6');
  if (ipv6 && ipv6.value !== 'yes' && ipv6.value !== 'no')
    error(ipv6.range, `XML error: Invalid ipv6 setting '${ipv6.value}' in network '${name}'`, ['yes', 'no']);
  checkYesNo(findings, root, 'trustGuestRxFilters');
  checkYesNo(findings, findChild(root, 'domain'), 'localOnly');
  checkYesNo(findings, findChild(root, 'port'), 'isolated');
  const bridge = findChild(root, 'bridge');
  const delay = xpathAttribute(bridge, 'delay');
  if (delay && unsignedValue(delay.value) === undefined) error(delay.range, `XML error: Invalid delay value in network '${name}'`);
  const macTableManager = xpathAttribute(bridge, 'macTableManager');
  if (macTableManager && macTableManager.value !== 'kernel' && macTableManager.value !== 'libvirt') {
    error(macTableManager.range, `XML error: Invalid macTableManager setting '${macTableManager.value}' in network '${name}'`, ['kernel', 'libvirt']);
  }
  const mac = xpathAttribute(findChild(root, 'mac'), 'address');
  const parsedMac = mac && parseMacAddress(mac.value);
  if (mac && parsedMac === undefined) error(mac.range, `XML error: Invalid bridge mac address '${mac.value}' in network '${name}'`);
  else if (mac && parsedMac && parseInt(parsedMac.slice(0, 2), 16) & 1) {
    error(mac.range, `XML error: Invalid multicast bridge mac address '${mac.value}' in network '${name}'`);
  }
  const mtu = xpathAttribute(findChild(root, 'mtu'), 'size');
  if (mtu && (unsignedValue(mtu.value) ?? Infinity) > 0xffffffff) error(mtu.range, `XML error: Invalid mtu size '${mtu.value}' in network '${name}'`);
  for (const group of network.portGroups) checkYesNo(findings, group.element, 'trustGuestRxFilters');
  const nat = network.forward && findChild(network.forward.element, 'nat');
  checkYesNo(findings, nat, 'ipv6');
}

/** virUUIDParse: leading spaces, 16 pairs of hex digits with '-' or ' ' anywhere between pairs, trailing spaces. */
function isUuid(text: string): boolean {
  return /^\s*[- ]*(?:[0-9a-fA-F]{2}[- ]*){15}[0-9a-fA-F]{2}\s*$/.test(text);
}
