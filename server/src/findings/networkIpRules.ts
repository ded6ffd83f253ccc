import type { FindingList } from '../model/findingList';
import { rangedAttribute } from '../model/ranged';
import { findChild, findChildren } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import { parseMacAddress } from '../util/macAddress';
import { dhcpRangeRules } from './dhcpRange';
import { addressFamily } from './ipAddress';
import { checkUnsigned, checkYesNo, xpathAttribute } from './libvirtXmlValues';

/*
 * A network's <ip> elements as virNetworkIPDefParseXML and virNetworkDHCPDefParseXML
 * (conf/network_conf.c) read them, and networkValidate's rule of one DHCP section per address
 * family (network/bridge_driver.c). Messages are libvirt's, prefix included. Address syntax
 * itself is judged only where getaddrinfo's verdict is certain (see addressFamily).
 */

export function ipRules(findings: FindingList, root: XmlElement, name: string): void {
  const dhcpFamilies = new Map<string, XmlElement>();
  for (const ip of findChildren(root, 'ip')) {
    const family = ipElementRules(findings, ip, name);
    const dhcp = findChild(ip, 'dhcp');
    if (!dhcp || !family) continue;
    dhcpRules(findings, dhcp, name, family, ip);
    if (!dhcp.children.some((child) => child.name === 'range' || child.name === 'host')) continue;
    if (dhcpFamilies.has(family)) {
      const label = family === 'ipv4' ? 'IPv4' : 'IPv6';
      findings.add(
        dhcp.nameRange,
        'error',
        'multiple-dhcp',
        `unsupported configuration: Multiple ${label} dhcp sections found -- dhcp is supported only for a single ${label} address on each network`,
        [{ uri: findings.uri, range: dhcpFamilies.get(family)?.nameRange ?? dhcp.nameRange, message: `the first ${label} dhcp section` }],
      );
    } else {
      dhcpFamilies.set(family, dhcp);
    }
  }
}

/** One <ip>: its address, family, netmask or prefix. Returns the address family when known. */
function ipElementRules(findings: FindingList, ip: XmlElement, name: string): 'ipv4' | 'ipv6' | undefined {
  const address = xpathAttribute(ip, 'address');
  if (!address) {
    findings.add(ip.nameRange, 'error', 'invalid-value', `XML error: Missing required address attribute in network '${name}'`);
    return undefined;
  }
  const addressIs = addressFamily(address.value);
  const netmask = xpathAttribute(ip, 'netmask');
  const prefix = checkUnsigned(findings, ip, 'prefix');
  checkYesNo(findings, ip, 'localPtr');
  const family = xpathAttribute(ip, 'family');
  if (!family || family.value === 'ipv4') {
    if (addressIs === 'ipv6') {
      findings.add(
        address.range,
        'error',
        'invalid-value',
        `unsupported configuration: ${family ? 'ipv4' : 'no'} family specified for non-IPv4 address '${address.value}' in network '${name}'`,
      );
      return undefined;
    }
    if (netmask) {
      if (addressFamily(netmask.value) === 'ipv6') {
        findings.add(
          netmask.range,
          'error',
          'invalid-value',
          `unsupported configuration: Invalid netmask '${netmask.value}' for address '${address.value}' in network '${name}' (both must be IPv4)`,
        );
      } else if (prefix !== undefined && prefix > 0) {
        findings.add(
          netmask.range,
          'error',
          'invalid-value',
          `unsupported configuration: Network '${name}' IP address cannot have both a prefix and a netmask`,
        );
      }
    } else if (prefix !== undefined && prefix > 32) {
      findings.add(ip.nameRange, 'error', 'invalid-value', `unsupported configuration: Invalid IPv4 prefix '${prefix}' in network '${name}'`);
    }
  } else if (family.value === 'ipv6') {
    if (addressIs === 'ipv4') {
      findings.add(
        address.range,
        'error',
        'invalid-value',
        `unsupported configuration: Family 'ipv6' specified for non-IPv6 address '${address.value}' in network '${name}'`,
      );
      return undefined;
    }
    if (netmask) {
      findings.add(
        netmask.range,
        'error',
        'invalid-value',
        `unsupported configuration: netmask not allowed for IPv6 address '${address.value}' in network '${name}'`,
      );
    } else if (prefix !== undefined && prefix > 128) {
      findings.add(ip.nameRange, 'error', 'invalid-value', `unsupported configuration: Invalid IPv6 prefix '${prefix}' in network '${name}'`);
    }
  } else {
    findings.add(family.range, 'error', 'invalid-value', `XML error: Unrecognized family '${family.value}' in network '${name}'`, undefined, ['ipv4', 'ipv6']);
    return undefined;
  }
  const tftp = findChild(ip, 'tftp');
  if (tftp && addressIs === 'ipv6') {
    findings.add(tftp.nameRange, 'error', 'invalid-value', `unsupported configuration: Unsupported <tftp> element in an IPv6 element in network '${name}'`);
  }
  return addressIs;
}

/** virNetworkDHCPDefParseXML: ranges need start and end, static hosts an identity and an address. */
function dhcpRules(findings: FindingList, dhcp: XmlElement, name: string, family: 'ipv4' | 'ipv6', ip: XmlElement): void {
  for (const child of dhcp.children) {
    if (child.name === 'range') {
      if (rangedAttribute(child, 'start') === undefined) {
        findings.add(child.nameRange, 'error', 'invalid-value', `XML error: Missing 'start' attribute in dhcp range for network '${name}'`);
      } else if (rangedAttribute(child, 'end') === undefined) {
        findings.add(child.nameRange, 'error', 'invalid-value', `XML error: Missing 'end' attribute in dhcp range for network '${name}'`);
      } else {
        dhcpRangeRules(findings, child, ip);
      }
      leaseRules(findings, child);
    } else if (child.name === 'host') {
      dhcpHostRules(findings, child, name, family);
      leaseRules(findings, child);
    }
  }
}

function dhcpHostRules(findings: FindingList, host: XmlElement, name: string, family: 'ipv4' | 'ipv6'): void {
  const error = (message: string, at = host.nameRange) => findings.add(at, 'error', 'invalid-value', `XML error: ${message}`);
  const mac = rangedAttribute(host, 'mac');
  if (mac) {
    const parsed = parseMacAddress(mac.value);
    if (family === 'ipv6') return error(`Invalid to specify MAC address '${mac.value}' in network '${name}' IPv6 static host definition`, mac.range);
    if (parsed === undefined) return error(`Cannot parse MAC address '${mac.value}' in network '${name}'`, mac.range);
    if (parseInt(parsed.slice(0, 2), 16) & 1) return error(`expected unicast mac address, found multicast '${mac.value}' in network '${name}'`, mac.range);
  }
  const id = rangedAttribute(host, 'id');
  const badIdCharacter = id && /[^0-9a-fA-F:]/.exec(id.value);
  if (id && badIdCharacter) return error(`Invalid character '${badIdCharacter[0]}' in id '${id.value}' of network '${name}'`, id.range);
  const hostName = rangedAttribute(host, 'name');
  if (hostName && !/^[A-Za-z0-9]/.test(hostName.value)) return error(`Cannot use host name '${hostName.value}' in network '${name}'`, hostName.range);
  if (family === 'ipv6' && !id && !hostName) return error(`Static host definition in IPv6 network '${name}' must have id or name attribute`);
  if (family === 'ipv4' && !mac && !hostName) return error(`Static host definition in IPv4 network '${name}' must have mac or name attribute`);
  if (rangedAttribute(host, 'ip') === undefined) error(`Missing IP address in static host definition for network '${name}'`);
}

/** virNetworkDHCPLeaseTimeDefParseXML: a unit libvirt knows, and at least two minutes unless 0 (infinite). */
function leaseRules(findings: FindingList, parent: XmlElement): void {
  for (const lease of findChildren(parent, 'lease')) {
    const expiry = rangedAttribute(lease, 'expiry');
    if (!expiry) continue;
    const value = /^\s*\+?(\d+)$/.exec(expiry.value);
    if (!value) {
      findings.add(
        expiry.range,
        'error',
        'invalid-value',
        `XML error: Invalid value for attribute 'expiry' in element 'lease': '${expiry.value}'. Expected non-negative integer value`,
      );
      continue;
    }
    const unit = rangedAttribute(lease, 'unit');
    if (unit && !['seconds', 'minutes', 'hours'].includes(unit.value)) {
      findings.add(unit.range, 'error', 'invalid-value', `XML error: Invalid value for attribute 'unit' in element 'lease': '${unit.value}'.`, undefined, [
        'seconds',
        'minutes',
        'hours',
      ]);
      continue;
    }
    const expiryValue = Number(value[1]);
    const unitValue = unit?.value ?? 'minutes';
    if (expiryValue > 0 && ((unitValue === 'seconds' && expiryValue < 120) || (unitValue === 'minutes' && expiryValue < 2))) {
      findings.add(expiry.range, 'error', 'invalid-value', 'unsupported configuration: The minimum lease time should be greater than 2 minutes');
    }
  }
}
