import { yesNoValues } from './commonValues';
import type { ElementFact } from './factTypes';
import { directModeValues, interfaceTypeValues, nicModelValues } from './interfaceTypes';

/** The parts of a domain this extension understands: its network interfaces. */
export const domainElements: readonly ElementFact[] = [
  {
    name: 'devices',
    parents: ['domain'],
    description: 'The devices of the domain.',
    attributes: [],
    snippet: 'devices>\n\t$0\n</devices>',
  },
  {
    name: 'interface',
    repeatable: true,
    parents: ['devices'],
    description: 'A network interface of the guest.',
    attributes: [
      { name: 'type', description: 'How the interface is connected to the host.', values: interfaceTypeValues },
      { name: 'trustGuestRxFilters', description: "Trust the guest's MAC and multicast filter changes (macvtap only).", values: yesNoValues },
    ],
    snippet: "interface type='network'>\n\t<source network='$1'/>\n\t<model type='${2:virtio}'/>\n</interface>",
  },
  {
    name: 'source',
    parents: ['interface'],
    description: 'Where the interface is connected.',
    attributes: [
      { name: 'network', description: 'The libvirt network to connect to.', reference: 'network', interfaceTypes: ['network'] },
      {
        name: 'portgroup',
        description:
          "A portgroup of that network. A name the network does not have is silently ignored by libvirt: no portgroup applies, not even the default one. An empty name (portgroup='') names none: the network's default portgroup applies.",
        reference: 'portgroup',
        interfaceTypes: ['network'],
      },
      { name: 'bridge', description: 'The host bridge to attach to.', interfaceTypes: ['bridge'] },
      { name: 'dev', description: 'The host device (macvtap) or vDPA device.', interfaceTypes: ['direct', 'vdpa'] },
      { name: 'mode', description: 'The macvtap mode.', values: directModeValues, interfaceTypes: ['direct'] },
    ],
    snippet: "source network='$1'/>",
  },
  {
    name: 'mac',
    parents: ['interface'],
    description: 'The guest-visible MAC address; libvirt generates one (52:54:00:…) when absent.',
    attributes: [{ name: 'address', description: 'A unicast MAC address, e.g. 52:54:00:12:34:56.' }],
    snippet: "mac address='${1:52:54:00:}'/>",
  },
  {
    name: 'model',
    parents: ['interface'],
    description: 'The NIC model the guest sees.',
    attributes: [{ name: 'type', description: 'The device model.', values: nicModelValues }],
    snippet: "model type='${1:virtio}'/>",
  },
  {
    name: 'target',
    parents: ['interface'],
    description: 'The host-side device name; libvirt picks vnetN when absent.',
    attributes: [{ name: 'dev', description: 'The tap device name.' }],
    snippet: "target dev='$1'/>",
  },
];
