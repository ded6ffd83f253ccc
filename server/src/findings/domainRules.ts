import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Domain, DomainInterface } from '../model/libvirtModel';
import { FindingList } from './findingList';
import type { Finding } from './finding';
import { checkBandwidthValues, checkVirtualPortValues, checkVlanValues } from './valueRules';

const macAddress = /^[0-9a-fA-F]{1,2}(:[0-9a-fA-F]{1,2}){5}$/;

/** Rules on a domain's interfaces that need no other file (virDomainNetDefParseXML). */
export function domainFindings(document: LibvirtDocument, domain: Domain): Finding[] {
  const findings = new FindingList(document.uri);
  for (const iface of domain.interfaces) interfaceRules(findings, iface);
  return findings.items;
}

function interfaceRules(findings: FindingList, iface: DomainInterface): void {
  const mac = iface.mac;
  if (mac) {
    if (!macAddress.test(mac.value.trim())) {
      findings.add(mac.range, 'error', 'invalid-mac', `XML error: unable to parse mac address '${mac.value}'`);
    } else if (parseInt(mac.value.trim().split(':')[0], 16) & 1) {
      findings.add(mac.range, 'error', 'invalid-mac', `XML error: expected unicast mac address, found multicast '${mac.value}'`);
    }
  }
  const floor = iface.bandwidth?.inbound?.floor;
  if (floor && iface.type?.value !== 'network' && !/^\s*\+?0+$/.test(floor.value)) {
    findings.add(floor.range, 'error', 'floor-unsupported-for-interface',
      "unsupported configuration: floor attribute is not supported for this config (a floor needs <interface type='network'>)");
  }
  checkBandwidthValues(findings, iface.bandwidth);
  checkVlanValues(findings, iface.vlan);
  checkVirtualPortValues(findings, iface.virtualPort);
}
