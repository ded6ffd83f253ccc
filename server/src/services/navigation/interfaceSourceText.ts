import type { DomainInterface } from '../../model/libvirtModel';

/**
 * What an interface connects to, in a few words: "network mynet · portgroup web", "bridge br0",
 * "type user". Shown beside interfaces in the outline and workspace symbols.
 */
export function interfaceSourceText(iface: DomainInterface): string {
  const attributes = iface.source?.attributes;
  const network = attributes?.get('network')?.value;
  if (network !== undefined) {
    const portGroup = attributes?.get('portgroup')?.value;
    return portGroup === undefined ? `network ${network}` : `network ${network} · portgroup ${portGroup}`;
  }
  for (const name of ['bridge', 'dev']) {
    const value = attributes?.get(name)?.value;
    if (value !== undefined) return `${name} ${value}`;
  }
  return `type ${iface.type?.value ?? '?'}`;
}
