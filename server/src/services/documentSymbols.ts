import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Domain, DomainInterface, Network, PortGroup, Ranged } from '../model/libvirtModel';
import type { XmlElement } from '../parser/xmlTree';
import { forwardModeOf } from '../resolver/forwardMode';
import { toLspRange } from './lspRanges';
import { maxItemsPerDocument } from './resultLimit';
import { interfaceSourceText } from './navigation/interfaceSourceText';

/** The symbol kinds used for libvirt objects, shared with workspace symbols. */
export const symbolKinds = {
  network: SymbolKind.Namespace,
  portgroup: SymbolKind.Struct,
  domain: SymbolKind.Class,
  interface: SymbolKind.Interface,
} as const;

/** The outline: a network with its portgroups; a domain with its interfaces (network and portgroup as detail). */
export function getDocumentSymbols(document: LibvirtDocument): DocumentSymbol[] {
  const object = document.object;
  if (object?.kind === 'network') return [networkSymbol(document, object)];
  if (object?.kind === 'domain') return [domainSymbol(document, object)];
  return [];
}

function networkSymbol(document: LibvirtDocument, network: Network): DocumentSymbol {
  return {
    ...placed(document, network.element, network.name),
    name: network.name?.value || '(network without a name)',
    detail: `forward ${forwardModeOf(network)}`,
    kind: symbolKinds.network,
    children: network.portGroups.map((group) => portGroupSymbol(document, group)),
  };
}

function portGroupSymbol(document: LibvirtDocument, group: PortGroup): DocumentSymbol {
  return {
    ...placed(document, group.element, group.name),
    name: group.name?.value || '(portgroup without a name)',
    detail: group.isDefault?.value.toLowerCase() === 'yes' ? 'default' : undefined,
    kind: symbolKinds.portgroup,
  };
}

function domainSymbol(document: LibvirtDocument, domain: Domain): DocumentSymbol {
  return {
    ...placed(document, domain.element, domain.name),
    name: domain.name?.value || '(domain without a name)',
    detail: domain.domainType && `type ${domain.domainType.value}`,
    kind: symbolKinds.domain,
    children: interfaceSymbols(document, domain.interfaces),
  };
}

/** The first maxItemsPerDocument interfaces, then one entry over the rest saying how many the outline left out. */
function interfaceSymbols(document: LibvirtDocument, interfaces: readonly DomainInterface[]): DocumentSymbol[] {
  const listed = interfaces.slice(0, maxItemsPerDocument).map((iface) => interfaceSymbol(document, iface));
  const rest = interfaces.slice(maxItemsPerDocument);
  const first = rest[0];
  const last = rest.at(-1);
  if (!first || !last) return listed;
  const range = toLspRange(document.lines, { start: first.element.start, end: last.element.end });
  const restSymbol: DocumentSymbol = {
    range,
    selectionRange: toLspRange(document.lines, first.element.nameRange),
    name: `${rest.length} more interface${rest.length === 1 ? '' : 's'} (the outline lists ${maxItemsPerDocument})`,
    kind: symbolKinds.interface,
  };
  return [...listed, restSymbol];
}

function interfaceSymbol(document: LibvirtDocument, iface: DomainInterface): DocumentSymbol {
  return {
    ...placed(document, iface.element, undefined),
    name: `interface ${iface.index + 1}`,
    detail: interfaceSourceText(iface),
    kind: symbolKinds.interface,
  };
}

/** The whole element as the range; its name (when it lies inside the element) as what gets selected. */
function placed(document: LibvirtDocument, element: XmlElement, name: Ranged | undefined): Pick<DocumentSymbol, 'range' | 'selectionRange'> {
  const whole = { start: element.start, end: element.end };
  const inside = name && name.range.start >= whole.start && name.range.end <= whole.end;
  return { range: toLspRange(document.lines, whole), selectionRange: toLspRange(document.lines, inside ? name.range : element.nameRange) };
}
