import { inboundAttributes, outboundAttributes } from './bandwidthAttributes';
import { yesNoValues } from './commonValues';
import type { ElementFact } from './factTypes';

/** Where the settings shared by interfaces, portgroups and networks may stand. */
const settingOwners = ['interface', 'portgroup', 'network'] as const;

export const portSettingElements: readonly ElementFact[] = [
  {
    name: 'bandwidth',
    parents: settingOwners,
    description:
      "Quality of service. On an interface or portgroup it shapes that port; on a network it limits the whole bridge. An interface with its own `<bandwidth>` ignores the portgroup's entirely (not merged per direction), unless all its rates are 0: a direction with neither a non-zero average nor a floor is dropped, and a `<bandwidth>` with none left counts as absent, so the portgroup's applies.",
    attributes: [],
    snippet: "bandwidth>\n\t<inbound average='${1:1000}'/>\n\t<outbound average='${2:1000}'/>\n</bandwidth>",
  },
  {
    name: 'inbound',
    parents: ['bandwidth'],
    description: 'Traffic towards the guest. Rates in kB/s, burst in KiB.',
    attributes: inboundAttributes,
    snippet: "inbound average='${1:1000}'/>",
  },
  {
    name: 'outbound',
    parents: ['bandwidth'],
    description: 'Traffic from the guest. Rates in kB/s, burst in KiB; no floor.',
    attributes: outboundAttributes,
    snippet: "outbound average='${1:1000}'/>",
  },
  {
    name: 'vlan',
    parents: settingOwners,
    description:
      'VLAN tagging. Used from the interface, else the portgroup, else the network; needs a network that can carry it (openvswitch bridge, hostdev or passthrough).',
    attributes: [{ name: 'trunk', description: '`yes` to pass several VLANs (required with more than one `<tag>`).', values: yesNoValues }],
    snippet: "vlan>\n\t<tag id='${1:42}'/>\n</vlan>",
  },
  {
    name: 'tag',
    parents: ['vlan'],
    repeatable: true,
    description: 'One VLAN id.',
    attributes: [
      { name: 'id', description: 'VLAN id, 0–4095.' },
      {
        name: 'nativeMode',
        description: 'Makes this the native VLAN of a trunk.',
        values: [
          { name: 'tagged', description: 'Native VLAN traffic is tagged.' },
          { name: 'untagged', description: 'Native VLAN traffic is untagged.' },
        ],
      },
    ],
    snippet: "tag id='${1:42}'/>",
  },
  {
    name: 'tag',
    parents: settingOwners,
    repeatable: true,
    description:
      'A label for management tools (libvir-list RFC "network interface \'tags\' vs. portgroups"), implemented by libvirt-xml, **not by libvirt**: libvirt drops it when the file is defined. A running interface carries the union: interface, then network, then portgroup tags.',
    attributes: [{ name: 'name', description: 'The label.', reference: 'tag' }],
    snippet: "tag name='$1'/>",
  },
  {
    name: 'virtualport',
    parents: settingOwners,
    description: 'Switch port profile. Interface, network and portgroup virtualports are merged; a conflicting value is an error.',
    attributes: [
      {
        name: 'type',
        description: 'The kind of switch.',
        values: [
          { name: 'openvswitch', description: 'An Open vSwitch bridge.' },
          { name: '802.1Qbg', description: 'VEPA with VSI discovery (VDP).' },
          { name: '802.1Qbh', description: 'Cisco VN-Link port profile.' },
          { name: 'midonet', description: 'MidoNet virtual port.' },
        ],
      },
    ],
    snippet: "virtualport type='${1|openvswitch,802.1Qbg,802.1Qbh,midonet|}'/>",
  },
  {
    name: 'parameters',
    parents: ['virtualport'],
    description: 'Parameters of the port profile; which ones apply depends on the virtualport type.',
    attributes: [
      { name: 'interfaceid', description: 'openvswitch: the port UUID (generated when absent).' },
      { name: 'profileid', description: 'openvswitch or 802.1Qbh: the port profile name.' },
      { name: 'managerid', description: '802.1Qbg: VSI manager id.' },
      { name: 'typeid', description: '802.1Qbg: VSI type id.' },
      { name: 'typeidversion', description: '802.1Qbg: VSI type version.' },
      { name: 'instanceid', description: '802.1Qbg: VSI instance UUID (generated when absent).' },
    ],
  },
  {
    name: 'port',
    parents: ['interface', 'network'],
    description: 'Port options; `isolated` comes from the interface, else the network (portgroups have none).',
    attributes: [{ name: 'isolated', description: 'Isolated ports cannot talk to each other, only to the uplink.', values: yesNoValues }],
    snippet: "port isolated='${1|yes,no|}'/>",
  },
];
