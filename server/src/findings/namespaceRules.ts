import type { Finding } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { LibvirtDocument } from '../model/libvirtDocument';

/**
 * A root element in a namespace. libvirt finds every value with XPath relative to the root
 * (`string(./name[1])` in virNetworkDefParseXML, virDomainDefParseIDs), and such a path only
 * matches elements in no namespace: with `<network xmlns='…'>` libvirt sees none of the
 * children and refuses the document for its missing name (seen on libvirt 9.0.0: net-define
 * says "missing name information"). The root itself is still recognised by its local name.
 */
export function namespaceFindings(document: LibvirtDocument): Finding[] {
  const root = document.xml.roots[0];
  const declaration = root?.attributes.find((attribute) => attribute.name === 'xmlns' && attribute.value !== undefined && attribute.value !== '');
  if (!root || !declaration) return [];
  const findings = new FindingList(document.uri);
  findings.add(
    declaration.nameRange,
    'error',
    'invalid-value',
    `remove xmlns='${declaration.value ?? ''}': libvirt reads no element in a namespace, so it refuses this <${root.name}> with "missing name information"`,
  );
  return findings.items;
}
