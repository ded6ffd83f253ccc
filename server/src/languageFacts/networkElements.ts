import { yesNoValues } from './commonValues';
import type { ElementFact } from './factTypes';
import { forwardModeValues } from './forwardModes';

/** The parts of a network definition that decide what its interfaces become. */
export const networkElements: readonly ElementFact[] = [
  {
    name: 'name',
    parents: ['network'],
    description: "The network's name, what `<source network='…'/>` refers to.",
    attributes: [],
    snippet: 'name>$1</name>',
  },
  {
    name: 'forward',
    parents: ['network'],
    description: 'How the network reaches the outside. Without `<forward>` the network is isolated; without a mode it is nat.',
    attributes: [
      { name: 'mode', description: 'The forwarding mode.', values: forwardModeValues },
      { name: 'dev', description: 'Restrict forwarding to this host device.' },
      { name: 'managed', description: 'hostdev: detach the VFs from the host driver automatically.', values: yesNoValues },
    ],
    snippet: "forward mode='${1|nat,route,open,bridge,private,vepa,passthrough,hostdev|}'/>",
  },
  {
    name: 'interface',
    repeatable: true,
    parents: ['forward'],
    description: 'One host device of a macvtap or passthrough pool.',
    attributes: [{ name: 'dev', description: 'The host network device.' }],
    snippet: "interface dev='$1'/>",
  },
  {
    name: 'bridge',
    parents: ['network'],
    description: "The bridge: the network's own (nat, route, open, isolated) or an existing host bridge (forward mode bridge).",
    attributes: [
      { name: 'name', description: 'The bridge device name, e.g. virbr1 or br0.' },
      {
        name: 'stp',
        description: 'Spanning tree protocol.',
        values: [
          { name: 'on', description: 'Enabled.' },
          { name: 'off', description: 'Disabled.' },
        ],
      },
      { name: 'delay', description: 'Forward delay in seconds.' },
      {
        name: 'macTableManager',
        description: 'Who manages the MAC table of the bridge.',
        values: [
          { name: 'kernel', description: 'The kernel learns addresses (the default).' },
          { name: 'libvirt', description: "libvirt adds the guests' addresses and turns learning off." },
        ],
      },
    ],
    snippet: "bridge name='$1'/>",
  },
  {
    name: 'portgroup',
    repeatable: true,
    parents: ['network'],
    description:
      "A named set of settings (bandwidth, vlan, virtualport, tags) an interface picks with `portgroup='…'`; the one with `default='yes'` applies when the interface names none.",
    attributes: [
      { name: 'name', description: 'The name interfaces refer to.' },
      { name: 'default', description: 'Applies to interfaces that name no portgroup (at most one).', values: yesNoValues },
      { name: 'trustGuestRxFilters', description: 'Default for the interfaces of this portgroup.', values: yesNoValues },
    ],
    snippet: "portgroup name='$1'>\n\t$0\n</portgroup>",
  },
];
