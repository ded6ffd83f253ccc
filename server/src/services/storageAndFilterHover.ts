import { expandFilterChain, unresolvableVariables } from '../resolver/filterChain';
import { inlineCode } from './markdown';
import { symbolAt } from './navigation/namedSymbol';
import { occurrencesOf } from './navigation/symbolOccurrences';
import { linkTo, type ServiceContext } from './serviceContext';

/**
 * Hover on a pool, volume or filter name (where defined or referenced): what it is, where it is
 * defined, how many use it; on a filterref, the chain it expands to and the variables it uses.
 */
export function storageAndFilterHover(context: ServiceContext, offset: number): string | undefined {
  const at = symbolAt(context.document, offset);
  if (!at) return undefined;
  const { symbol } = at;
  const uses = occurrencesOf(symbol, context.index).filter((occurrence) => occurrence.role === 'reference').length;
  const used = `Used ${uses === 1 ? 'once' : `${uses} times`} in the workspace.`;
  if (symbol.kind === 'pool') {
    const definition = context.index.pool(symbol.name);
    if (!definition) return `storage pool ${inlineCode(symbol.name)} is not defined in any file read here.`;
    const { pool } = definition;
    const target = pool.targetPath ? `, target ${inlineCode(pool.targetPath.value)}` : '';
    const volumes = context.index.volumes(symbol.name).length;
    return `**storage pool** ${inlineCode(symbol.name)} (type ${inlineCode(pool.poolType?.value ?? '?')}${target}) — ${where(context, definition.uri, pool.element.start)}\n\n${volumes} volumes known. ${used}`;
  }
  if (symbol.kind === 'volume') {
    const definition = context.index.volume(symbol.poolName, symbol.name);
    if (!definition) return `volume ${inlineCode(symbol.name)} of pool ${inlineCode(symbol.poolName)} is not defined in any file read here.`;
    const path = definition.volume.targetPath ? `: ${inlineCode(definition.volume.targetPath.value)}` : '';
    return `**volume** ${inlineCode(symbol.name)} of pool ${inlineCode(symbol.poolName)}${path} — ${where(context, definition.uri, definition.volume.element.start)}\n\n${used}`;
  }
  if (symbol.kind === 'filter') return filterHover(context, symbol.name, offset, used);
  return undefined;
}

function filterHover(context: ServiceContext, name: string, offset: number, used: string): string {
  const definition = context.index.filter(name);
  if (!definition) return `network filter ${inlineCode(name)} is not defined in any file read here.`;
  const lines = [
    `**network filter** ${inlineCode(name)} (chain ${inlineCode(definition.filter.chain?.value ?? 'root')}) — ${where(context, definition.uri, definition.filter.element.start)}`,
  ];
  const object = context.document.object;
  const iface =
    object?.kind === 'domain'
      ? object.interfaces.find((candidate) => candidate.filterRef && candidate.element.start <= offset && offset <= candidate.element.end)
      : undefined;
  if (iface?.filterRef) {
    const chain = expandFilterChain(iface.filterRef, context.index);
    lines.push('', `Expands to ${chain.rules.length} rules from ${chain.filters.map((filter) => inlineCode(filter.filter.name?.value ?? '?')).join(' → ')}`);
    if (chain.usedVariables.length > 0) lines.push(`Variables: ${chain.usedVariables.map(inlineCode).join(' · ')}`); // no punctuation against code spans (VS Code pads them)
    const unresolved = unresolvableVariables(chain, iface.filterRef);
    if (unresolved.length > 0) lines.push(`Not given: ${unresolved.map(inlineCode).join(' · ')}`);
  }
  lines.push('', used);
  return lines.join('\n');
}

function where(context: ServiceContext, uri: string, offset: number): string {
  return linkTo(context, context.displayPath(uri), uri, offset);
}
