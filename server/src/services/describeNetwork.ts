import { isUserFile } from '../index/definitionOrigin';
import type { NetworkDefinition } from '../index/workspaceIndex';
import type { PortGroup } from '../model/libvirtModel';
import { actualTypeOf, forwardModeOf } from '../resolver/forwardMode';
import { inlineCode } from './markdown';
import { networkDifferences } from './networkDifferences';
import { linkTo, type ServiceContext } from './serviceContext';
import { bandwidthLines, virtualPortText, vlanText } from './settingsText';

/*
 * Markdown summaries of a network and of a portgroup: their settings, where they are defined
 * and how many interfaces of the workspace use them. Shown by hover and as completion
 * documentation.
 */

export function describeNetwork(context: ServiceContext, definition: NetworkDefinition): string {
  const { network, uri } = definition;
  const name = network.name?.value ?? '';
  const mode = forwardModeOf(network);
  const actual = actualTypeOf(network);
  const heading = `**network ${inlineCode(name)}** · ${fileLink(context, uri, network.name?.range.start ?? network.element.start)}`;

  const lines: string[] = [];
  const implied = network.forward?.mode ? '' : network.forward ? ' (no mode: nat)' : ' (isolated, without a `<forward>` element)';
  // " · " between parts, never punctuation against a code span (VS Code pads inline code).
  const runsAs = actual ? ` · interfaces run as type ${inlineCode(actual.type)}` : '';
  lines.push(`forward mode ${inlineCode(mode)}${implied}${runsAs}`);
  if (network.bridge?.name) lines.push(`bridge ${inlineCode(network.bridge.name.value)}`);
  if (network.portGroups.length > 0) {
    const groups = network.portGroups.map((g) => `${inlineCode(g.name?.value ?? '?')}${isDefault(g) ? ' (default)' : ''}`);
    lines.push(`portgroups: ${groups.join(' · ')}`);
  }
  if (network.bandwidth) lines.push(...bandwidthLines(network.bandwidth).map((line) => `bandwidth of the whole network, ${line}`));
  if (network.vlan) lines.push(`vlan ${vlanText(network.vlan)}`);
  if (network.virtualPort) lines.push(`virtualport ${virtualPortText(network.virtualPort)}`);
  const tags = network.tags.map((t) => t.name?.value).filter((n): n is string => !!n);
  if (tags.length > 0) lines.push(`tags: ${tags.map(inlineCode).join(' · ')}`);

  lines.push(...otherDefinitionLines(context, definition));
  return [heading, '', ...lines.map((line) => `- ${line}`), '', usageOfNetwork(context, name)].join('\n');
}

export function describePortGroup(context: ServiceContext, definition: NetworkDefinition, group: PortGroup): string {
  const networkName = definition.network.name?.value ?? '';
  const groupName = group.name?.value ?? '';
  const heading =
    `**portgroup ${inlineCode(groupName)}**${isDefault(group) ? ' (default)' : ''} of network ${inlineCode(networkName)} · ` +
    fileLink(context, definition.uri, group.name?.range.start ?? group.element.start);
  const lines: string[] = [];
  if (group.bandwidth) lines.push(...bandwidthLines(group.bandwidth).map((line) => `bandwidth ${line}`));
  if (group.vlan) lines.push(`vlan ${vlanText(group.vlan)}`);
  if (group.virtualPort) lines.push(`virtualport ${virtualPortText(group.virtualPort)}`);
  if (group.trustGuestRxFilters) lines.push(`trustGuestRxFilters ${inlineCode(group.trustGuestRxFilters.value)}`);
  const tags = group.tags.map((t) => t.name?.value).filter((n): n is string => !!n);
  if (tags.length > 0) lines.push(`tags: ${tags.map(inlineCode).join(' · ')}`);
  if (lines.length === 0) lines.push('no settings of its own');
  return [heading, '', ...lines.map((line) => `- ${line}`), '', usageOfPortGroup(context, networkName, group)].join('\n');
}

/**
 * The network's other definitions: more files (a finding says so too), and the same network on a
 * libvirt connection or in the host's folder, where what differs is what the host would run.
 */
function otherDefinitionLines(context: ServiceContext, definition: NetworkDefinition): string[] {
  const { network, uri } = definition;
  const all = context.index.networks(network.name?.value ?? '');
  const others = all.filter((other) => other.uri !== uri);
  const lines: string[] = [];
  const userFiles = isUserFile(definition.origin) ? others.filter((other) => isUserFile(other.origin)) : [];
  if (userFiles.length > 0) {
    lines.push(`also defined in ${userFiles.map((o) => fileLink(context, o.uri, o.network.name?.range.start ?? 0)).join(' · ')}`);
  }
  for (const other of others) {
    if (userFiles.includes(other)) continue;
    const where =
      other.origin.kind === 'connection' ? `on ${inlineCode(other.origin.connectionUri)}` : other.origin.kind === 'host-folder' ? 'in the host folder' : 'in';
    const differences = networkDifferences(network, other.network);
    const how = differences.length === 0 ? 'the same' : `differs in ${differences.join(', ')}`;
    lines.push(`also defined ${where} · ${fileLink(context, other.uri, other.network.name?.range.start ?? 0)} · ${how}`);
  }
  const winner = all[0];
  if (winner && winner.uri !== uri) {
    lines.push(`references resolve to ${fileLink(context, winner.uri, winner.network.name?.range.start ?? 0)} · not to this definition`);
  } else if (others.length > 0) {
    lines.push('references resolve to this definition');
  }
  return lines;
}

/** Interfaces that use this network: "Used by **3 interfaces** in 2 domains." */
function usageOfNetwork(context: ServiceContext, networkName: string): string {
  const uses = context.index.interfacesUsing(networkName);
  return `Used by ${countText(uses.length, 'interface')}${inDomains(uses.map((use) => use.uri))}.`;
}

/** Those that name the portgroup, plus, for the default one, those that name none. */
function usageOfPortGroup(context: ServiceContext, networkName: string, group: PortGroup): string {
  const groupName = group.name?.value ?? '';
  const naming = context.index.interfacesUsing(networkName, groupName);
  let text = `Used by ${countText(naming.length, 'interface')} that name it${inDomains(naming.map((use) => use.uri))}`;
  if (isDefault(group)) {
    const byDefault = context.index.interfacesUsing(networkName).filter((use) => use.portGroup === undefined);
    text += `, and by ${countText(byDefault.length, 'interface')} that name no portgroup (it is the default)`;
  }
  return `${text}.`;
}

/** As the resolver chooses the default portgroup (libvirt reads the value case-sensitively). */
export function isDefault(group: PortGroup): boolean {
  return group.isDefault?.value === 'yes';
}

function fileLink(context: ServiceContext, uri: string, offset: number): string {
  return linkTo(context, inlineCode(context.displayPath(uri)), uri, offset);
}

function countText(count: number, noun: string): string {
  return `**${count} ${noun}${count === 1 ? '' : 's'}**`;
}

function inDomains(uris: readonly string[]): string {
  const domains = new Set(uris).size;
  return domains > 1 ? ` in ${domains} domains` : '';
}
