import { CompletionItemKind, MarkupKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver-types';
import type { TagUse } from '../index/workspaceIndex';
import type { XmlElement } from '../parser/xmlTree';
import { findAttribute } from '../parser/xmlQueries';
import { forwardModeOf } from '../resolver/forwardMode';
import { describeNetwork, describePortGroup, isDefault } from './describeNetwork';
import { inlineCode } from './markdown';
import { linkTo, type ServiceContext } from './serviceContext';

/** Completion items for names defined elsewhere in the workspace: networks, portgroups, tags. */

/**
 * With lazy documentation (a client that resolves completion items), the items carry this in
 * `data` instead of their documentation, and resolveReferenceDocumentation writes it when the
 * editor shows the item: a list of thousands of networks or tags then costs a few kilobytes per
 * hundred items instead of a megabyte, and documentation is computed for the one item looked at.
 */
export type ReferenceItemData = { readonly uri: string } & (
  | { readonly libvirtXml: 'network'; readonly name: string }
  | { readonly libvirtXml: 'portgroup'; readonly network: string; readonly group: number }
  | { readonly libvirtXml: 'tag'; readonly name: string; readonly exceptAt?: number }
);

/** The document a lazily documented item was offered in (its `data.uri`). */
export function documentOfItemData(data: unknown): string | undefined {
  const uri = typeof data === 'object' && data !== null ? (data as { uri?: unknown }).uri : undefined;
  return typeof uri === 'string' ? uri : undefined;
}

/**
 * Which of the candidate names become items (in the order given back): a long list is cut down
 * to what matches the typed text before any item is made (see completion.ts).
 */
export type NameSelection = (names: string[]) => string[];

/** Every known network, with its forward mode and file. */
export function networkItems(context: ServiceContext, lazyDocumentation = false, select: NameSelection = (names) => names): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const name of select(context.index.networkNames())) {
    const definition = context.index.network(name);
    if (!definition) continue;
    const path = context.displayPath(definition.uri);
    items.push({
      label: name,
      kind: CompletionItemKind.Reference,
      detail: `forward ${forwardModeOf(definition.network)} · ${path}`,
      labelDetails: { description: path },
      ...(lazyDocumentation
        ? { data: { uri: context.document.uri, libvirtXml: 'network', name } satisfies ReferenceItemData }
        : { documentation: { kind: MarkupKind.Markdown, value: describeNetwork(context, definition) } }),
    });
  }
  return items;
}

/** The portgroups of the network this `<source>` names; the default one first and preselected. */
export function portGroupItems(context: ServiceContext, source: XmlElement, lazyDocumentation = false): CompletionItem[] {
  const networkName = findAttribute(source, 'network')?.value;
  if (networkName === undefined) return [];
  const definition = context.index.network(networkName);
  if (!definition) return [];
  const items: CompletionItem[] = [];
  for (const [position, group] of definition.network.portGroups.entries()) {
    const name = group.name?.value;
    if (name === undefined) continue;
    const fallback = isDefault(group);
    items.push({
      label: name,
      kind: CompletionItemKind.Reference,
      detail: `${fallback ? 'default portgroup' : 'portgroup'} of ${networkName}`,
      labelDetails: fallback ? { detail: ' (default)' } : undefined,
      sortText: `${fallback ? '0' : '1'}${name}`,
      preselect: fallback || undefined,
      ...(lazyDocumentation
        ? { data: { uri: context.document.uri, libvirtXml: 'portgroup', network: networkName, group: position } satisfies ReferenceItemData }
        : { documentation: { kind: MarkupKind.Markdown, value: describePortGroup(context, definition, group) } }),
    });
  }
  return items;
}

/** Every tag name used in the workspace, except the tag being typed right here. */
export function tagItems(
  context: ServiceContext,
  tagElement: XmlElement,
  lazyDocumentation = false,
  select: NameSelection = (names) => names,
): CompletionItem[] {
  const items: CompletionItem[] = [];
  const usesByName = new Map<string, TagUse[]>();
  for (const [name, allUses] of context.index.tags()) {
    const uses = allUses.filter((use) => !(use.uri === context.document.uri && use.tag.element.start === tagElement.start));
    if (uses.length > 0 && name.trim() !== '') usesByName.set(name, uses);
  }
  for (const name of select([...usesByName.keys()])) {
    const uses = usesByName.get(name) ?? [];
    items.push({
      label: name,
      kind: CompletionItemKind.Constant,
      detail: `on ${uses.slice(0, 3).map(ownerText).join(', ')}${uses.length > 3 ? ` and ${uses.length - 3} more` : ''}`,
      ...(lazyDocumentation
        ? { data: { uri: context.document.uri, libvirtXml: 'tag', name, exceptAt: tagElement.start } satisfies ReferenceItemData }
        : { documentation: { kind: MarkupKind.Markdown, value: tagDocumentation(context, name, uses) } }),
    });
  }
  return items;
}

function tagDocumentation(context: ServiceContext, name: string, uses: readonly TagUse[]): string {
  return [`tag ${inlineCode(name)} is used on:`, '', ...uses.map((use) => `- ${useLink(context, use)}`)].join('\n');
}

/**
 * The documentation a lazily documented item left out, as the index has it now (context.document
 * is the document completion was asked in); undefined when what it names is gone.
 */
export function resolveReferenceDocumentation(context: ServiceContext, data: unknown): MarkupContent | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const item = data as Partial<Record<string, unknown>>;
  const markdown = (value: string): MarkupContent => ({ kind: MarkupKind.Markdown, value });
  if (item.libvirtXml === 'network' && typeof item.name === 'string') {
    const definition = context.index.network(item.name);
    return definition && markdown(describeNetwork(context, definition));
  }
  if (item.libvirtXml === 'portgroup' && typeof item.network === 'string' && typeof item.group === 'number') {
    const definition = context.index.network(item.network);
    const group = definition?.network.portGroups[item.group];
    return definition && group && markdown(describePortGroup(context, definition, group));
  }
  if (item.libvirtXml === 'tag' && typeof item.name === 'string') {
    const name = item.name;
    const uses = (context.index.tags().get(name) ?? []).filter((use) => !(use.uri === context.document.uri && use.tag.element.start === item.exceptAt));
    return uses.length > 0 ? markdown(tagDocumentation(context, name, uses)) : undefined;
  }
  return undefined;
}

function ownerText(use: TagUse): string {
  return `${use.owner} ${use.ownerName ?? '?'}`;
}

function useLink(context: ServiceContext, use: TagUse): string {
  const label = `${use.owner} ${inlineCode(use.ownerName ?? '?')} in ${inlineCode(context.displayPath(use.uri))}`;
  return linkTo(context, label, use.uri, use.tag.element.start);
}
