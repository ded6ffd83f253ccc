import type { Finding } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Domain, DomainInterface } from '../model/libvirtModel';
import { parseMacAddress } from '../util/macAddress';
import { interfaceParseRules } from './interfaceParseRules';
import { interfaceValidateRules } from './interfaceValidateRules';
import { checkBandwidthValues, checkVirtualPortValues, checkVlanValues } from './valueRules';

/** Rules on a domain's interfaces that need no other file (virDomainNetDefParseXML). */
export function domainFindings(document: LibvirtDocument, domain: Domain): Finding[] {
  return domain.interfaces.flatMap((iface) => interfaceFindings(document.uri, iface, domain.domainType?.value));
}

/** The rules on one interface of a domain of this type (domainFindings). */
export function interfaceFindings(uri: string, iface: DomainInterface, domainType: string | undefined): Finding[] {
  const findings = new FindingList(uri);
  interfaceRules(findings, iface);
  interfaceParseRules(findings, iface);
  interfaceValidateRules(findings, iface, domainType);
  return findings.items;
}

function interfaceRules(findings: FindingList, iface: DomainInterface): void {
  const mac = iface.mac;
  if (mac) {
    const parsed = parseMacAddress(mac.value);
    if (parsed === undefined) {
      findings.add(mac.range, 'error', 'invalid-mac', `XML error: unable to parse mac address '${mac.value}'`);
    } else if (parseInt(parsed.slice(0, 2), 16) & 1) {
      findings.add(mac.range, 'error', 'invalid-mac', `XML error: expected unicast mac address, found multicast '${mac.value}'`);
    }
  }
  const floor = iface.bandwidth?.inbound?.floor;
  if (floor && iface.type?.value !== 'network' && !/^\s*\+?0+$/.test(floor.value)) {
    findings.add(
      floor.range,
      'error',
      'floor-unsupported-for-interface',
      "unsupported configuration: floor attribute is not supported for this config (a floor needs <interface type='network'>)",
    );
  }
  checkBandwidthValues(findings, iface.bandwidth);
  checkVlanValues(findings, iface.vlan);
  checkVirtualPortValues(findings, iface.virtualPort);
}
