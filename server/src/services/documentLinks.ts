import type { DocumentLink } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Ranged } from '../model/libvirtModel';
import type { TextRange } from '../parser/xmlTree';
import type { DisplayPath } from './displayPath';
import { shortDisplayPath } from './displayPath';
import { linesOf, toLspRange } from './lspRanges';
import { maxItemsPerDocument } from './resultLimit';

export interface DocumentLinkOptions {
  readonly displayPath?: DisplayPath;
}

/**
 * In a domain, each `<source network>` links to the file defining that network at its
 * `<name>`, and each `<source portgroup>` to that portgroup. Editors open `file:///…#L12` at
 * line 12. Names no file defines get no link (the diagnostic says so). At most
 * maxItemsPerDocument links, the first in the text; past them Go to Definition still works.
 */
export function getDocumentLinks(document: LibvirtDocument, index: WorkspaceIndex, options: DocumentLinkOptions = {}): DocumentLink[] {
  const domain = document.object;
  if (domain?.kind !== 'domain') return [];
  const displayPath = options.displayPath ?? shortDisplayPath;
  const links: DocumentLink[] = [];
  const link = (written: Ranged, uri: string, target: TextRange, what: string) => {
    const line = linesOf(uri, document, index)?.positionAt(target.start).line;
    if (line === undefined) return;
    links.push({ range: toLspRange(document.lines, written.range), target: `${uri}#L${line + 1}`, tooltip: `Open ${what} in ${displayPath(uri)}` });
  };
  for (const iface of domain.interfaces) {
    if (links.length >= maxItemsPerDocument) break;
    const network = iface.source?.attributes.get('network');
    const definition = network && index.network(network.value);
    if (!network || !definition) continue;
    link(network, definition.uri, definition.network.name?.range ?? definition.network.element, `network '${network.value}'`);
    const portGroup = iface.source?.attributes.get('portgroup');
    const group = portGroup && definition.network.portGroups.find((candidate) => candidate.name?.value === portGroup.value);
    if (portGroup && group?.name) link(portGroup, definition.uri, group.name.range, `portgroup '${portGroup.value}'`);
  }
  return links.slice(0, maxItemsPerDocument);
}
