import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { NetworkDefinition, WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Domain, Network } from '../model/libvirtModel';
import type { XmlElement } from '../parser/xmlTree';
import { resolveInterface } from '../resolver/resolveInterface';
import { closestNames } from '../util/closestNames';
import { describeInterface } from './describeInterface';
import { describeNetwork, describePortGroup } from './describeNetwork';
import { shortDisplayPath, type DisplayPath } from './displayPath';
import { offsetAt, toLspRange } from './lspRanges';
import { escapeMarkdown, inlineCode } from './markdown';
import type { ServiceContext } from './serviceContext';
import { storageAndFilterHover } from './storageAndFilterHover';
import { tokenAt, type Token } from './tokenAt';
import type { SchemaGrammars } from '../schema/grammar/schemaGrammars';
import { schemaHover } from '../schema/schemaCompletion';
import { pathTo } from '../schema/schemaCursor';

export interface HoverOptions {
  readonly displayPath?: DisplayPath;
  /** libvirt's RelaxNG schemas, when installed: element and attribute names not covered above say what the schema allows. */
  readonly schemaGrammars?: SchemaGrammars;
}

/** Elements of a network whose hover is the network's summary (not `<ip>`, `<dns>` and the like). */
const networkSettingElements = new Set([
  'network',
  'name',
  'forward',
  'bridge',
  'bandwidth',
  'inbound',
  'outbound',
  'vlan',
  'tag',
  'virtualport',
  'parameters',
  'port',
]);

/**
 * Hover on a domain interface (any of its elements or attributes) shows what it resolves to;
 * on a network or portgroup name, in a network file or in a reference, that object's settings
 * and how many interfaces use it.
 */
export function doHover(document: LibvirtDocument, position: Position, index: WorkspaceIndex, options: HoverOptions = {}): Hover | null {
  const context: ServiceContext = { document, index, displayPath: options.displayPath ?? shortDisplayPath };
  const token = tokenAt(document.xml, offsetAt(document, position));
  const object = document.object;
  if (!token || !object) return null;
  // A pool, volume or filter name first: a filterref sits inside an interface, whose hover is the interface's.
  let markdown = storageAndFilterHover(context, offsetAt(document, position));
  if (markdown === undefined && object.kind === 'domain') markdown = domainHover(context, object, token);
  else if (markdown === undefined && object.kind === 'network') markdown = networkHover(context, object, token);
  markdown ??= schemaHoverText(document, token, options.schemaGrammars);
  if (markdown === undefined) return null;
  return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: toLspRange(document.lines, token.range) };
}

/** On an element or attribute name our own hovers do not cover: what libvirt's schema allows there. */
function schemaHoverText(document: LibvirtDocument, token: Token, grammars: SchemaGrammars | undefined): string | undefined {
  const rootName = document.xml.roots[0]?.name;
  if (!grammars || !rootName) return undefined;
  try {
    if (token.part === 'elementName') return schemaHover(grammars, rootName, pathTo(token.element), { kind: 'element' });
    if (token.part === 'attributeName' && token.attribute) {
      return schemaHover(grammars, rootName, pathTo(token.element), { kind: 'attribute', name: token.attribute.name });
    }
  } catch {
    // A schema the grammar reader cannot follow leaves the hover empty rather than failing it.
  }
  return undefined;
}

function domainHover(context: ServiceContext, domain: Domain, token: Token): string | undefined {
  const ifaceElement = ancestorNamed(token.element, 'interface');
  const iface = domain.interfaces.find((candidate) => candidate.element === ifaceElement);
  if (!iface) return undefined;
  const resolved = describeInterface(context, resolveInterface(context.document.uri, iface, context.index, domain));
  const onSource = token.element.name === 'source' && token.element.parent === iface.element && token.part === 'attributeValue';
  if (onSource && token.attribute?.name === 'network') return `${referencedNetwork(context, token.attribute.value ?? '')}\n\n---\n\n${resolved}`;
  if (onSource && token.attribute?.name === 'portgroup') {
    const networkName = iface.source?.attributes.get('network')?.value ?? '';
    return `${referencedPortGroup(context, networkName, token.attribute.value ?? '')}\n\n---\n\n${resolved}`;
  }
  return resolved;
}

function networkHover(context: ServiceContext, network: Network, token: Token): string | undefined {
  const definition = { uri: context.document.uri, network, origin: context.index.originOf(context.document.uri) };
  const groupElement = ancestorNamed(token.element, 'portgroup');
  const group = network.portGroups.find((candidate) => candidate.element === groupElement);
  if (group) return describePortGroup(context, definition, group);
  if (!networkSettingElements.has(token.element.name)) return undefined;
  return describeNetwork(context, definition);
}

function referencedNetwork(context: ServiceContext, name: string): string {
  const definition = context.index.network(name);
  if (definition) return describeNetwork(context, definition);
  const unreadable = context.index.unreadableSources();
  if (unreadable.length > 0) {
    const sources = unreadable.map((source) => `${inlineCode(source.name)} (${escapeMarkdown(source.reason)})`).join(' · ');
    return `**network ${inlineCode(name)} could not be checked** — no indexed file defines it, and ${sources} could not be read`;
  }
  const where = context.index.connections().length > 0 ? 'in any indexed file or libvirt connection' : 'in any indexed file';
  return unknownText(`network ${inlineCode(name)} is not defined ${where}`, name, context.index.networkNames());
}

function referencedPortGroup(context: ServiceContext, networkName: string, groupName: string): string {
  const definition = context.index.network(networkName);
  if (!definition) return `portgroup ${inlineCode(groupName)} of the unknown network ${inlineCode(networkName)}`;
  if (groupName === '') return emptyPortGroupText(definition);
  const group = definition.network.portGroups.find((candidate) => candidate.name?.value === groupName);
  if (group) return describePortGroup(context, definition, group);
  const names = definition.network.portGroups.map((g) => g.name?.value).filter((n): n is string => n !== undefined);
  return unknownText(
    `network ${inlineCode(networkName)} has no portgroup ${inlineCode(groupName)} — libvirt ignores the name and applies no portgroup, not even the default one`,
    groupName,
    names,
  );
}

/** An empty name names no portgroup: the port's `<group></group>` reads as absent, so the default applies. */
function emptyPortGroupText(definition: NetworkDefinition): string {
  const fallback = definition.network.portGroups.find((g) => g.isDefault?.value.toLowerCase() === 'yes');
  const network = inlineCode(definition.network.name?.value ?? '');
  return fallback
    ? `**an empty portgroup names none**: libvirt applies network ${network}'s default portgroup ${inlineCode(fallback.name?.value ?? '')}`
    : `**an empty portgroup names none**: network ${network} has no default portgroup, so none applies`;
}

function unknownText(message: string, written: string, candidates: readonly string[]): string {
  const suggestions = closestNames(written, candidates);
  return `**${message}**${suggestions.length > 0 ? ` — did you mean: ${suggestions.map(inlineCode).join(' or ')}` : ''}`;
}

function ancestorNamed(element: XmlElement, name: string): XmlElement | undefined {
  for (let at: XmlElement | undefined = element; at; at = at.parent) if (at.name === name) return at;
  return undefined;
}
