import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { readFilterRef } from '../model/filterReader';
import { findAttribute } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import { expandFilterChain } from '../resolver/filterChain';
import { inlineCode } from './markdown';
import { linkTo, type ServiceContext } from './serviceContext';

/**
 * Values that name pools, volumes, filters and filter variables: `<disk type='volume'><source
 * pool='|'>` (the known pools), `<source volume='|'>` (the volumes of *that* pool),
 * `<filterref filter='|'>` (the known filters) and `<filterref><parameter name='|'>` (the
 * variables the filter chain uses). Undefined where the value is none of these.
 */
export function storageAndFilterItems(context: ServiceContext, element: XmlElement, attributeName: string): CompletionItem[] | undefined {
  const parent = element.parent;
  if (element.name === 'source' && parent?.name === 'disk' && findAttribute(parent, 'type')?.value === 'volume') {
    if (attributeName === 'pool') return poolItems(context);
    if (attributeName === 'volume') return volumeItems(context, findAttribute(element, 'pool')?.value);
  }
  if (element.name === 'filterref' && attributeName === 'filter') return filterItems(context);
  if (element.name === 'parameter' && parent?.name === 'filterref' && attributeName === 'name') return parameterItems(context, parent);
  return undefined;
}

function poolItems(context: ServiceContext): CompletionItem[] {
  return context.index.poolNames().flatMap((name) => {
    const definition = context.index.pool(name);
    if (!definition) return [];
    const path = context.displayPath(definition.uri);
    const target = definition.pool.targetPath?.value;
    return [
      {
        label: name,
        kind: CompletionItemKind.Reference,
        detail: `${definition.pool.poolType?.value ?? '?'} pool · ${path}`,
        labelDetails: { description: path },
        documentation: markdown(
          `storage pool ${inlineCode(name)} (type ${inlineCode(definition.pool.poolType?.value ?? '?')})${target ? `, target ${inlineCode(target)}` : ''}`,
        ),
      },
    ];
  });
}

function volumeItems(context: ServiceContext, poolName: string | undefined): CompletionItem[] {
  if (poolName === undefined) return [];
  return context.index.volumes(poolName).flatMap(({ uri, volume }) => {
    const name = volume.name?.value;
    if (name === undefined) return [];
    const path = volume.targetPath?.value;
    return [
      {
        label: name,
        kind: CompletionItemKind.File,
        detail: `volume of ${poolName}${volume.format ? ` · ${volume.format.value}` : ''}`,
        documentation: markdown(
          `volume ${inlineCode(name)} of pool ${inlineCode(poolName)}${path ? `: ${inlineCode(path)}` : ''} — ${linkTo(context, context.displayPath(uri), uri, volume.element.start)}`,
        ),
      },
    ];
  });
}

function filterItems(context: ServiceContext): CompletionItem[] {
  const own = context.document.object?.kind === 'filter' ? context.document.object.name?.value : undefined;
  return context.index.filterNames().flatMap((name) => {
    const definition = context.index.filter(name);
    if (!definition || name === own) return [];
    const path = context.displayPath(definition.uri);
    return [
      {
        label: name,
        kind: CompletionItemKind.Reference,
        detail: `filter, chain ${definition.filter.chain?.value ?? 'root'} · ${path}`,
        labelDetails: { description: path },
        documentation: markdown(`network filter ${inlineCode(name)}: ${definition.filter.entries.length} rules and references`),
      },
    ];
  });
}

/** The variables the chain of this filterref uses, those it gives no value first. */
function parameterItems(context: ServiceContext, filterRefElement: XmlElement): CompletionItem[] {
  const ref = readFilterRef(filterRefElement);
  const chain = expandFilterChain(ref, context.index);
  const given = new Set(ref.parameters.map((parameter) => parameter.name?.value));
  const names = [...chain.usedVariables, 'CTRL_IP_LEARNING', 'DHCPSERVER'].filter((name, i, all) => all.indexOf(name) === i);
  return names.map((name) => {
    // IP is learned when not given (CTRL_IP_LEARNING any, the default): not one the chain lacks.
    const missing = name !== 'IP' && !given.has(name) && [...chain.missingVariables].some((access) => access === name || access.startsWith(`${name}[`));
    const detail = missing
      ? 'used by the filter chain, not given'
      : name === 'IP'
        ? 'used by the filter chain; libvirt learns it when not given'
        : chain.usedVariables.includes(name)
          ? 'used by the filter chain'
          : 'a variable libvirt reads itself';
    return {
      label: name,
      kind: CompletionItemKind.Variable,
      detail,
      sortText: `${missing ? '0' : '1'}${name}`,
      preselect: missing || undefined,
    };
  });
}

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}
