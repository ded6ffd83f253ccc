import type { NetworkDefinition } from '../index/workspaceIndex';
import type { Ranged } from '../model/libvirtModel';
import type { Provenance, Sourced } from './provenance';
import { inNetwork, inPortGroup, type ResolutionContext } from './resolutionContext';
import type { ChosenPortGroup } from './resolvedInterface';

/*
 * The RFC's tags (libvir-list "network interface 'tags' vs. portgroups"): libvirt has no such
 * element, so these rules are the RFC's, not a libvirt function's.
 */

/** The interface's, then the network's, then the portgroup's tags, each name once. */
export function unionTags(context: ResolutionContext, definition: NetworkDefinition, portGroup: ChosenPortGroup | undefined): Sourced<string>[] {
  const seen = new Set<string>();
  const tags: Sourced<string>[] = [];
  const add = (name: Ranged | undefined, from: Provenance) => {
    if (!name || seen.has(name.value)) return;
    seen.add(name.value);
    tags.push({ value: name.value, from });
  };
  for (const tag of context.iface.tags) add(tag.name, context.own(tag.element));
  for (const tag of definition.network.tags) add(tag.name, inNetwork(definition, tag.element));
  const group = portGroup?.group;
  if (group) for (const tag of group.tags) add(tag.name, inPortGroup(definition, group, tag.element));
  return tags;
}

/** The interface's own tags, each name once. */
export function ownTags(context: ResolutionContext): Sourced<string>[] {
  const seen = new Set<string>();
  return context.iface.tags.flatMap((tag) => {
    const name = tag.name;
    if (!name || seen.has(name.value)) return [];
    seen.add(name.value);
    return [{ value: name.value, from: context.own(tag.element) }];
  });
}
