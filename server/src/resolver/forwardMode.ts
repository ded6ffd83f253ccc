import type { Forward, Network } from '../model/libvirtModel';
import type { ActualType } from './resolvedInterface';

/** The forward mode as libvirt reads it: no `<forward>` is an isolated network, a `<forward>` without mode is nat. */
export function forwardModeOf(network: Network): string {
  if (!network.forward) return 'none';
  // virXPathString("string(./@mode)"): an empty mode is no mode.
  return network.forward.mode?.value || 'nat';
}

export const ipForwardingModes: ReadonlySet<string> = new Set(['none', 'nat', 'route', 'open']);
const macvtapModes: ReadonlySet<string> = new Set(['private', 'vepa', 'passthrough']);
export const knownForwardModes = ['nat', 'route', 'open', 'bridge', 'private', 'vepa', 'passthrough', 'hostdev'] as const;

/** The devices of a direct-mode pool, in document order (`<forward dev>` first, as libvirt builds it). */
export function poolDevices(network: Network): string[] {
  const forward = network.forward;
  if (!forward) return [];
  const devices = forward.interfaces.map((device) => device.dev?.value).filter((dev): dev is string => !!dev);
  if (devices.length === 0 && forward.dev) devices.push(forward.dev.value);
  return devices;
}

/**
 * How an interface on a network is plugged, with the `<forward>` a macvtap or hostdev
 * connection takes its device from.
 */
export type Connection =
  | { readonly type: 'network' }
  | { readonly type: 'bridge' }
  | { readonly type: 'direct'; readonly directMode: string; readonly forward: Forward }
  | { readonly type: 'hostdev'; readonly forward: Forward };

/**
 * How an interface on this network is plugged (libvirt's forward-mode switch in
 * networkAllocatePort): a tap on the network's own bridge, a tap on a host bridge, a macvtap
 * on a pool device, or an SR-IOV VF. Undefined for a mode libvirt does not know.
 */
export function actualTypeOf(network: Network): Connection | undefined {
  const mode = forwardModeOf(network);
  const forward = network.forward;
  // Without a <forward> the mode is 'none', an IP-forwarding mode.
  if (ipForwardingModes.has(mode) || !forward) return { type: 'network' };
  if (mode === 'bridge') return network.bridge?.name ? { type: 'bridge' } : { type: 'direct', directMode: 'bridge', forward };
  if (macvtapModes.has(mode)) return { type: 'direct', directMode: mode, forward };
  if (mode === 'hostdev') return { type: 'hostdev', forward };
  return undefined;
}

/** What libvirt's "virtualport not supported" message says the network uses. */
export function connectionDescription(type: ActualType): string {
  switch (type) {
    case 'network':
      return 'uses IP forwarding';
    case 'bridge':
      return 'uses a bridge device';
    case 'direct':
      return 'uses a macvtap device';
    case 'hostdev':
      return 'uses an SR-IOV Virtual Function via PCI passthrough';
  }
}

/** The virtualport types each kind of connection accepts (networkAllocatePort). */
export function allowedVirtualPortTypes(type: ActualType): readonly string[] {
  switch (type) {
    case 'network':
      return [];
    case 'bridge':
      return ['openvswitch'];
    case 'direct':
    case 'hostdev':
      return ['802.1Qbg', '802.1Qbh'];
  }
}
