import type {
  ConnectionNode,
  DomainNode,
  FilterNode,
  InterfaceNode,
  NetworkNode,
  PoolNode,
  PortgroupNode,
  VolumeNode,
} from '../../../protocol/src/libvirtTree';

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
  const storage = connection.storageFailure
    ? `Pools and filters not read: ${connection.storageFailure}.`
    : `${count(connection.pools.length, 'pool')} · ${count(connection.filters.length, 'network filter')} (read-only)`;
  return {
    ...base,
    description: connection.readOnly ? `${counts} · read-only` : counts,
    tooltip: [
      `${connection.uri}: ${counts}`,
      connection.readOnly ? `Read-only: ${connection.readOnly}.` : 'Saving a network or domain defines it here (virsh define).',
      storage,
    ],
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

/** "active · autostart · dir (/var/lib/libvirt/images) · 2 volumes". */
export function poolText(pool: PoolNode): ItemText {
  const kind = pool.type ? `${pool.type}${pool.targetPath ? ` (${pool.targetPath})` : ''}` : 'unread';
  const volumes = pool.state === 'active' ? count(pool.volumes.length, 'volume') : 'volumes not listed';
  const parts = [pool.state, ...(pool.autostart ? ['autostart'] : []), ...(pool.persistent ? [] : ['transient']), kind, volumes];
  return {
    label: pool.name,
    description: parts.join(' · '),
    tooltip: [
      `Storage pool ${pool.name}: ${pool.state}${pool.autostart ? ', started with the host' : ''}`,
      pool.state === 'active' ? `${capitalized(count(pool.volumes.length, 'volume'))}` : 'Not active: libvirt lists the volumes of active pools only.',
      `Used by ${count(pool.usedBy, 'volume disk')} of this connection's domains`,
      `UUID ${pool.uuid}`,
      'Read-only here (virsh pool-edit changes it).',
    ],
    icon: 'database',
    iconColor: pool.state === 'active' ? activeColor : idleColor,
    contextValue: 'libvirtPool',
  };
}

/** "file · qcow2 · used by 1 disk". */
export function volumeText(volume: VolumeNode): ItemText {
  const parts = [
    ...(volume.type ? [volume.type] : []),
    ...(volume.format ? [volume.format] : []),
    ...(volume.usedBy > 0 ? [`used by ${count(volume.usedBy, 'disk')}`] : []),
  ];
  return {
    label: volume.name,
    description: parts.join(' · '),
    tooltip: [
      `Volume ${volume.name}${volume.path ? `: ${volume.path}` : ''}`,
      volume.usedBy > 0 ? `Used by ${count(volume.usedBy, 'volume disk')} of this connection's domains` : "No disk of this connection's domains names it.",
      'Read-only: libvirt cannot redefine a volume (no vol-define).',
    ],
    icon: 'file',
    contextValue: 'libvirtVolume',
  };
}

/** "chain ipv4 · 3 rules · includes 1 · used by 2". */
export function filterText(filter: FilterNode): ItemText {
  const parts = [
    ...(filter.chain ? [`chain ${filter.chain}`] : []),
    count(filter.rules, 'rule'),
    ...(filter.includes.length > 0 ? [`includes ${filter.includes.join(', ')}`] : []),
    ...(filter.usedBy > 0 ? [`used by ${filter.usedBy}`] : []),
  ];
  return {
    label: filter.name,
    description: parts.join(' · '),
    tooltip: [
      `Network filter ${filter.name}${filter.chain ? ` (chain ${filter.chain})` : ''}: ${count(filter.rules, 'rule')}`,
      filter.includes.length > 0 ? `Includes ${filter.includes.join(', ')}` : 'Includes no other filter.',
      `Referenced by ${count(filter.usedBy, 'interface or filter', 'interfaces or filters')} of this connection`,
      `UUID ${filter.uuid}`,
      'Read-only here (virsh nwfilter-edit changes it).',
    ],
    icon: 'shield',
    contextValue: 'libvirtFilter',
  };
}

function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
