import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import type { TagUse } from '../index/workspaceIndex';
import type { XmlElement } from '../parser/xmlTree';
import { findAttribute } from '../parser/xmlQueries';
import { forwardModeOf } from '../resolver/forwardMode';
import { describeNetwork, describePortGroup, isDefault } from './describeNetwork';
import { inlineCode } from './markdown';
import { linkTo, type ServiceContext } from './serviceContext';

/** Completion items for names defined elsewhere in the workspace: networks, portgroups, tags. */

/** Every known network, with its forward mode and file. */
export function networkItems(context: ServiceContext): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const name of context.index.networkNames()) {
    const definition = context.index.network(name);
    if (!definition) continue;
    const path = context.displayPath(definition.uri);
    items.push({
      label: name,
      kind: CompletionItemKind.Reference,
      detail: `forward ${forwardModeOf(definition.network)} · ${path}`,
      labelDetails: { description: path },
      documentation: { kind: MarkupKind.Markdown, value: describeNetwork(context, definition) },
    });
  }
  return items;
}

/** The portgroups of the network this `<source>` names; the default one first and preselected. */
export function portGroupItems(context: ServiceContext, source: XmlElement): CompletionItem[] {
  const networkName = findAttribute(source, 'network')?.value;
  const definition = networkName === undefined ? undefined : context.index.network(networkName);
  if (!definition) return [];
  const items: CompletionItem[] = [];
  for (const group of definition.network.portGroups) {
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
      documentation: { kind: MarkupKind.Markdown, value: describePortGroup(context, definition, group) },
    });
  }
  return items;
}

/** Every tag name used in the workspace, except the tag being typed right here. */
export function tagItems(context: ServiceContext, tagElement: XmlElement): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [name, allUses] of context.index.tags()) {
    const uses = allUses.filter((use) => !(use.uri === context.document.uri && use.tag.element.start === tagElement.start));
    if (uses.length === 0 || name.trim() === '') continue;
    items.push({
      label: name,
      kind: CompletionItemKind.Constant,
      detail: `on ${uses.slice(0, 3).map(ownerText).join(', ')}${uses.length > 3 ? ` and ${uses.length - 3} more` : ''}`,
      documentation: {
        kind: MarkupKind.Markdown,
        value: [`tag ${inlineCode(name)} is used on:`, '', ...uses.map((use) => `- ${useLink(context, use)}`)].join('\n'),
      },
    });
  }
  return items;
}

function ownerText(use: TagUse): string {
  return `${use.owner} ${use.ownerName ?? '?'}`;
}

function useLink(context: ServiceContext, use: TagUse): string {
  const label = `${use.owner} ${inlineCode(use.ownerName ?? '?')} in ${inlineCode(context.displayPath(use.uri))}`;
  return linkTo(context, label, use.uri, use.tag.element.start);
}
