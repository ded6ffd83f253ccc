import type { ValueFact } from './factTypes';

/** The `type` of a domain `<interface>` (virDomainNetType), the common ones first. */
export const interfaceTypeValues: readonly ValueFact[] = [
  {
    name: 'network',
    description:
      "Connects to a libvirt virtual network named by `<source network='…'/>`; libvirt applies the network's (and portgroup's) bandwidth, vlan and virtualport when the domain starts.",
  },
  { name: 'bridge', description: "Attaches a tap device to an existing host bridge: `<source bridge='br0'/>`." },
  { name: 'direct', description: "macvtap on a host device: `<source dev='eth0' mode='bridge|vepa|private|passthrough'/>`." },
  { name: 'user', description: 'Userspace networking (SLIRP or passt); no host configuration needed, no inbound connections.' },
  { name: 'ethernet', description: 'A tap device the host configures itself (scripts or a pre-made tap).' },
  { name: 'hostdev', description: 'Assigns an SR-IOV virtual function to the guest by PCI passthrough.' },
  { name: 'vhostuser', description: 'A vhost-user socket served by a userspace switch (e.g. OVS-DPDK).' },
  { name: 'vdpa', description: "A vDPA device: `<source dev='/dev/vhost-vdpa-0'/>`." },
  { name: 'mcast', description: 'A multicast socket tunnel shared by several guests.' },
  { name: 'server', description: 'A TCP socket tunnel; this guest listens.' },
  { name: 'client', description: 'A TCP socket tunnel; this guest connects.' },
  { name: 'udp', description: 'A UDP socket tunnel.' },
  { name: 'null', description: 'A device with no host side (bhyve, Xen).' },
  { name: 'vds', description: 'A VMware distributed switch port (ESX).' },
];

/** `<source mode>` of a direct (macvtap) interface. */
export const directModeValues: readonly ValueFact[] = [
  { name: 'vepa', description: 'Virtual Ethernet Port Aggregator: all traffic goes out to the external switch (the default).' },
  { name: 'bridge', description: 'Guests on the same device talk to each other directly.' },
  { name: 'private', description: 'Like vepa, but guests cannot talk to each other even through the external switch.' },
  { name: 'passthrough', description: 'The device (usually an SR-IOV VF) is given to one guest exclusively.' },
];

/** Common `<model type>` values for QEMU/KVM. */
export const nicModelValues: readonly ValueFact[] = [
  { name: 'virtio', description: 'Paravirtualised NIC, the fastest choice for KVM guests with virtio drivers.' },
  { name: 'e1000e', description: 'Emulated Intel 82574 (PCIe); drivers in most guests.' },
  { name: 'e1000', description: 'Emulated Intel 82540EM (PCI).' },
  { name: 'rtl8139', description: 'Emulated Realtek 8139, for very old guests.' },
];
