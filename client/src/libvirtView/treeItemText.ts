import type { ConnectionNode, DomainNode, InterfaceNode, NetworkNode, PortgroupNode } from '../../../protocol/src/libvirtTree';

/**
 * How each node of the Libvirt view reads: label, description, tooltip, icon (a codicon id and
 * a theme colour id, so every theme kind draws it in its own colours) and the context value the
 * view's menus test. No VS Code API here: the tree provider turns these into TreeItems.
 */
export interface ItemText {
  readonly label: string;
  readonly description?: string;
  /** Markdown-free plain lines. */
  readonly tooltip: readonly string[];
  readonly icon: string;
  readonly iconColor?: string;
  readonly contextValue: string;
}

const activeColor = 'testing.iconPassed';
const idleColor = 'disabledForeground';
const errorColor = 'list.errorForeground';
const warningColor = 'list.warningForeground';

/** LSP's DiagnosticSeverity.Error. */
const errorSeverity = 1;

export function connectionText(connection: ConnectionNode): ItemText {
  const base = { label: connection.uri, contextValue: 'libvirtConnection' };
  if (connection.state === 'reading')
    return { ...base, description: 'reading…', tooltip: [`${connection.uri}: reading its networks and domains`], icon: 'loading~spin' };
  if (connection.state === 'failed' && connection.failure) {
    const { reason, remedy } = connection.failure;
    return {
      ...base,
      description: reason,
      tooltip: [`${connection.uri} could not be read: ${reason}.`, `To fix: ${remedy}.`],
      icon: 'warning',
      iconColor: warningColor,
    };
  }
  const counts = `${count(connection.networks.length, 'network')} · ${count(connection.domains.length, 'domain')}`;
  return {
    ...base,
    description: connection.readOnly ? `${counts} · read-only` : counts,
    tooltip: [`${connection.uri}: ${counts}`, connection.readOnly ? `Read-only: ${connection.readOnly}.` : 'Saving an object defines it here (virsh define).'],
    icon: connection.readOnly ? 'lock' : 'server',
  };
}

/** "active · autostart · nat (virbr0)". */
export function networkText(network: NetworkNode): ItemText {
  const mode = network.forwardMode === 'none' ? 'isolated' : network.forwardMode || 'unread';
  const parts = [
    network.state,
    ...(network.autostart ? ['autostart'] : []),
    ...(network.persistent ? [] : ['transient']),
    network.bridge ? `${mode} (${network.bridge})` : mode,
  ];
  return {
    label: network.name,
    description: parts.join(' · '),
    tooltip: [
      `Network ${network.name}: ${network.state}${network.autostart ? ', started with the host' : ''}`,
      `Forward mode: ${mode}${network.bridge ? `, ${network.forwardMode === 'none' || network.forwardMode === 'nat' || network.forwardMode === 'route' || network.forwardMode === 'open' ? 'bridge' : 'device'} ${network.bridge}` : ''}`,
      `UUID ${network.uuid}`,
    ],
    icon: 'globe',
    iconColor: network.state === 'active' ? activeColor : idleColor,
    contextValue: 'libvirtNetwork',
  };
}

/** "default · used by 2 interfaces". */
export function portgroupText(group: PortgroupNode): ItemText {
  const used = `used by ${count(group.usedBy, 'interface')}`;
  return {
    label: group.name,
    description: group.isDefault ? `default · ${used}` : used,
    tooltip: [
      `Portgroup ${group.name}${group.isDefault ? ' (the default: interfaces on the network that name no portgroup get it)' : ''}`,
      group.usedByDomains.length > 0 ? `${capitalized(used)}, of ${group.usedByDomains.join(', ')}` : 'No interface of this connection gets it.',
    ],
    icon: group.isDefault ? 'layers-active' : 'layers',
    contextValue: 'libvirtPortgroup',
  };
}

/** "running · autostart · 1 problem". */
export function domainText(domain: DomainNode): ItemText {
  const problems = domain.interfaces.reduce((sum, iface) => sum + iface.problems.length, 0);
  const parts = [
    domain.state,
    ...(domain.autostart ? ['autostart'] : []),
    ...(domain.persistent ? [] : ['transient']),
    ...(problems > 0 ? [count(problems, 'problem')] : []),
  ];
  const icons: Record<DomainNode['state'], [string, string | undefined]> = {
    running: ['vm-running', activeColor],
    paused: ['debug-pause', undefined],
    'shut off': ['vm-outline', idleColor],
    other: ['vm', undefined],
  };
  const [icon, iconColor] = icons[domain.state];
  return {
    label: domain.name,
    description: parts.join(' · '),
    tooltip: [
      `Domain ${domain.name}: ${domain.state}${domain.autostart ? ', started with the host' : ''}`,
      `${count(domain.interfaces.length, 'interface')}`,
      `UUID ${domain.uuid}`,
    ],
    icon,
    iconColor,
    // Menus tell running domains (Compare Predicted with Live) by the suffix.
    contextValue: domain.state === 'running' || domain.state === 'paused' ? 'libvirtDomain.running' : 'libvirtDomain',
  };
}

/** "network default · portgroup standard (default)", an error or warning icon when the engine reports a problem. */
export function interfaceText(iface: InterfaceNode): ItemText {
  const where = iface.network
    ? `network ${iface.network}${iface.portgroup ? ` · portgroup ${iface.portgroup}${iface.portgroupHow === 'default' ? ' (default)' : ''}` : ''}`
    : `type ${iface.type ?? 'unknown'}`;
  const worst = iface.problems.some((problem) => problem.severity === errorSeverity) ? 'error' : iface.problems.length > 0 ? 'warning' : undefined;
  return {
    label: iface.mac ?? `interface ${iface.index + 1}`,
    // The problems first: a narrow view cuts the end of a description.
    description: iface.problems.length > 0 ? `${count(iface.problems.length, 'problem')} · ${where}` : where,
    tooltip: [
      `Interface ${iface.index + 1}${iface.mac ? ` (${iface.mac})` : ''}: ${where}`,
      ...iface.problems.map((problem) => `${problem.severity === errorSeverity ? 'Error' : 'Warning'}: ${problem.message}`),
    ],
    icon: worst ?? 'plug',
    iconColor: worst === 'error' ? errorColor : worst === 'warning' ? warningColor : undefined,
    contextValue: 'libvirtInterface',
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
