import type { SymbolInformation } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ModelledFile } from '../model/modelledFile';
import type { TextRange } from '../parser/xmlTree';
import { symbolKinds } from './documentSymbols';
import { toLspRange } from './lspRanges';
import { interfaceSourceText } from './navigation/interfaceSourceText';

/** Enough for any picker; a workspace with more matches needs a longer query anyway. */
const maximumResults = 1000;

/**
 * Networks, portgroups, domains and interfaces of every indexed file whose name holds the
 * query's characters in order, ignoring case (as editors filter symbols).
 */
export function getWorkspaceSymbols(query: string, index: WorkspaceIndex): SymbolInformation[] {
  const matches = fuzzyMatcher(query);
  const symbols: SymbolInformation[] = [];
  const add = (document: ModelledFile, name: string, kind: SymbolInformation['kind'], range: TextRange, containerName?: string) => {
    if (symbols.length < maximumResults && matches(name)) {
      symbols.push({ name, kind, location: { uri: document.uri, range: toLspRange(document.lines, range) }, containerName });
    }
  };
  for (const uri of [...index.uris()].sort()) {
    const document = index.get(uri);
    const object = document?.object;
    if (!document || !object) continue;
    if (object.kind === 'network' && object.name) {
      add(document, object.name.value, symbolKinds.network, object.name.range);
      for (const group of object.portGroups) {
        if (group.name) add(document, group.name.value, symbolKinds.portgroup, group.name.range, object.name.value);
      }
    } else if (object.kind === 'domain') {
      const domainName = object.name?.value;
      if (object.name) add(document, object.name.value, symbolKinds.domain, object.name.range);
      for (const iface of object.interfaces) {
        const name = `interface ${iface.index + 1} (${interfaceSourceText(iface)})`;
        add(document, name, symbolKinds.interface, { start: iface.element.start, end: iface.element.end }, domainName);
      }
    }
  }
  return symbols;
}

function fuzzyMatcher(query: string): (name: string) => boolean {
  const wanted = [...query.toLowerCase()].filter((c) => c.trim() !== '');
  return (name) => {
    const lowered = name.toLowerCase();
    let at = 0;
    for (const c of wanted) {
      at = lowered.indexOf(c, at);
      if (at < 0) return false;
      at += c.length;
    }
    return true;
  };
}
