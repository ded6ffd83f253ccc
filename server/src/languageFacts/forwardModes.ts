import type { ValueFact } from './factTypes';

/**
 * `<forward mode>` of a network and what it makes of the interfaces that use it (the core's
 * resolver/forwardMode.ts decides; these are the words shown to the author).
 */
export const forwardModeValues: readonly ValueFact[] = [
  { name: 'nat', description: "The default: guests on the network's own bridge, NATed to the host's uplinks. Interfaces stay type `network`." },
  { name: 'route', description: "Routed to the host's uplinks without NAT. Interfaces stay type `network`." },
  { name: 'open', description: 'Like route, but libvirt adds no firewall rules. Interfaces stay type `network`.' },
  {
    name: 'bridge',
    description: 'An existing host bridge (`<bridge name>`, running interfaces become type `bridge`) or a macvtap pool (`<interface dev>`, type `direct`).',
  },
  { name: 'private', description: 'macvtap in private mode on a pool of host devices; interfaces become type `direct`.' },
  { name: 'vepa', description: 'macvtap in vepa mode on a pool of host devices; interfaces become type `direct`.' },
  { name: 'passthrough', description: 'macvtap passthrough: each interface takes one pool device exclusively; type `direct`.' },
  { name: 'hostdev', description: 'SR-IOV virtual functions assigned by PCI passthrough; interfaces become type `hostdev`.' },
];
