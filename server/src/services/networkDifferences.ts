import type { Network, PortGroup } from '../model/libvirtModel';
import { forwardModeOf } from '../resolver/forwardMode';
import { bandwidthLines, virtualPortText, vlanText } from './settingsText';

/**
 * What differs between two definitions of one network (a file and a connection's copy), as the
 * parts an interface's resolution depends on: "forward mode", "portgroup 'x'", "bandwidth", …
 * Formatting and the order of portgroups do not count; ids libvirt adds (uuid, mac) do not either.
 */
export function networkDifferences(a: Network, b: Network): string[] {
  const differences: string[] = [];
  const compare = (label: string, of: (network: Network) => string) => {
    if (of(a) !== of(b)) differences.push(label);
  };
  compare('forward mode', forwardModeOf);
  compare('forward device', (network) => network.forward?.dev?.value ?? '');
  compare('device pool', (network) => (network.forward?.interfaces ?? []).map((device) => device.dev?.value ?? '').join(','));
  compare('bridge', (network) => network.bridge?.name?.value ?? '');
  compare('bandwidth', (network) => (network.bandwidth ? bandwidthLines(network.bandwidth).join(';') : ''));
  compare('vlan', (network) => (network.vlan ? vlanText(network.vlan) : ''));
  compare('virtualport', (network) => (network.virtualPort ? virtualPortText(network.virtualPort) : ''));
  compare('trustGuestRxFilters', (network) => network.trustGuestRxFilters?.value ?? '');
  compare('port isolation', (network) => network.portIsolated?.value ?? '');
  compare('tags', (network) => tagNames(network.tags).join(','));
  differences.push(...portGroupDifferences(a.portGroups, b.portGroups));
  return differences;
}

function portGroupDifferences(a: readonly PortGroup[], b: readonly PortGroup[]): string[] {
  const before = new Map(a.map((group) => [group.name?.value ?? '', portGroupText(group)]));
  const after = new Map(b.map((group) => [group.name?.value ?? '', portGroupText(group)]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.filter((name) => before.get(name) !== after.get(name)).map((name) => `portgroup '${name}'`);
}

function portGroupText(group: PortGroup): string {
  return [
    group.isDefault?.value ?? '',
    group.bandwidth ? bandwidthLines(group.bandwidth).join(';') : '',
    group.vlan ? vlanText(group.vlan) : '',
    group.virtualPort ? virtualPortText(group.virtualPort) : '',
    group.trustGuestRxFilters?.value ?? '',
    tagNames(group.tags).join(','),
  ].join('|');
}

function tagNames(tags: readonly { readonly name?: { readonly value: string } }[]): string[] {
  return tags.map((tag) => tag.name?.value ?? '').sort();
}
