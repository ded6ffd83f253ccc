import type { NetworkDefinition } from '../index/workspaceIndex';
import { closestNames } from '../util/closestNames';
import { didYouMean, type ResolutionContext } from './resolutionContext';
import type { ChosenPortGroup } from './resolvedInterface';

/**
 * The portgroup networkAllocatePort applies (virPortGroupFindByName): the one the interface
 * names, else the network's default. A name the network lacks applies none, not even the default.
 * An empty name is no name: the domain hands the port to the network driver as XML, whose
 * parser reads `<group></group>` as absent (virXPathString), so the default portgroup applies.
 */
export function choosePortGroup(context: ResolutionContext, definition: NetworkDefinition): ChosenPortGroup | undefined {
  const groups = definition.network.portGroups;
  const named = context.iface.source?.attributes.get('portgroup');
  if (named?.value === '') context.notes.push("portgroup='' names no portgroup: libvirt applies the network's default portgroup, if any.");
  if (named && named.value !== '') {
    const group = groups.find((g) => g.name?.value === named.value);
    if (group) return { group, how: 'named' };
    const networkName = definition.network.name?.value ?? '';
    const names = groups.map((g) => g.name?.value).filter((n): n is string => !!n);
    const suggestions = closestNames(named.value, names);
    // The name and the suggestion first, so that both show in a narrow Problems view; the
    // portgroups there are in the related information.
    const defined = names.length > 0 ? `its portgroups: ${names.map((n) => `'${n}'`).join(', ')}` : 'it has no portgroups';
    context.problemWithRelated(
      named.range,
      // A warning: networkAllocatePort starts the domain all the same (observed on libvirt 9.0.0).
      'warning',
      'unknown-portgroup',
      `Unknown portgroup '${named.value}'${didYouMean(suggestions)}: not in network '${networkName}', so libvirt applies no portgroup settings`,
      [
        {
          uri: definition.uri,
          range: definition.network.name?.range ?? definition.network.element.nameRange,
          message: `network '${networkName}' is defined here; ${defined}. libvirt ignores a portgroup it does not have: no bandwidth, vlan or virtualport of a portgroup applies`,
        },
      ],
      suggestions,
    );
    context.notes.push(`Portgroup '${named.value}' does not exist: libvirt applies no portgroup, not even the default one.`);
    return undefined;
  }
  // libvirt reads default='yes' case-insensitively (STRCASEEQ).
  const fallback = groups.find((g) => g.isDefault?.value.toLowerCase() === 'yes');
  if (fallback) {
    context.notes.push(`No portgroup named: the network's default portgroup '${fallback.name?.value ?? ''}' applies (libvirt does not show its name).`);
    return { group: fallback, how: 'default' };
  }
  return undefined;
}
