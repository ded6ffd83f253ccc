import type { Domain } from '../model/libvirtModel';
import type { ResolutionContext } from './resolutionContext';
import type { ResolvedInterface } from './resolvedInterface';

/** virDomainNetModel's names, in libvirt's spelling; a model is matched case-insensitively (virDomainNetSetModelString). */
export const knownNicModels = [
  'netfront',
  'rtl8139',
  'virtio',
  'e1000',
  'e1000e',
  'virtio-transitional',
  'virtio-non-transitional',
  'usb-net',
  'spapr-vlan',
  'lan9118',
  'scm91c111',
  'vlance',
  'vmxnet',
  'vmxnet2',
  'vmxnet3',
  'Am79C970A',
  'Am79C973',
  '82540EM',
  '82545EM',
  '82543GC',
];

/** What resolving needs of the domain around an interface. */
export type DomainFacts = Pick<Domain, 'domainType' | 'arch' | 'machine'>;

/**
 * The `<model>` libvirt reports: the interface's own, in libvirt's spelling of a known model
 * ('VIRTIO' is 'virtio'; 'unknown' and '' are no model), else the QEMU driver's default, which it
 * adds when the domain is defined (qemuDomainDeviceNetDefPostParse) to any interface that does not
 * end up a hostdev.
 */
export function resolvedModel(context: ResolutionContext, domain: DomainFacts | undefined, actualType: string | undefined): ResolvedInterface['model'] {
  const own = context.iface.model;
  const known = own && knownNicModels.find((name) => name.toLowerCase() === own.value.toLowerCase());
  if (own && own.value !== '' && own.value.toLowerCase() !== 'unknown') return { value: known ?? own.value, from: context.own(own.range) };
  if (actualType === 'hostdev' || context.iface.type?.value === 'hostdev' || !domain) return undefined;
  const model = qemuDefaultNetModel(domain);
  if (model) context.notes.push(`No NIC model is given: libvirt's QEMU driver picks '${model}' for this machine.`);
  return model === undefined ? undefined : { value: model };
}

/**
 * qemuDomainDefaultNetModel (src/qemu/qemu_domain.c) for the QEMU driver's domain types: virtio on
 * s390 and on the ARM and RISC-V 'virt' machines, the board's NIC on other ARM machines, else the
 * first of rtl8139, e1000, virtio that QEMU has (rtl8139 on every x86 QEMU). A domain without an
 * arch gets the host's: taken here to be x86_64, the common case.
 */
function qemuDefaultNetModel(domain: DomainFacts): string | undefined {
  const type = domain.domainType?.value;
  if (type !== 'qemu' && type !== 'kvm') return undefined;
  const arch = domain.arch?.value ?? 'x86_64';
  const machine = domain.machine?.value ?? '';
  const virtMachine = machine === 'virt' || machine.startsWith('virt-');
  if (arch.startsWith('s390')) return 'virtio';
  if (arch === 'armv6l' || arch === 'armv7l' || arch === 'aarch64') {
    if (machine === 'versatilepb') return 'scm91c111';
    return virtMachine ? 'virtio' : 'lan9118';
  }
  if (arch.startsWith('riscv') && virtMachine) return 'virtio';
  return 'rtl8139';
}
