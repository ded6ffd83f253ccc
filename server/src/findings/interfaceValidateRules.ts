import type { FindingList } from '../model/findingList';
import type { DomainInterface } from '../model/libvirtModel';
import { findAttribute, findChild, findChildren } from '../parser/xmlQueries';
import { portIsolationProblem, vlanCapable, vlanUnsupportedMessage } from '../resolver/portChecks';
import { parseMacAddress } from '../util/macAddress';
import { interfaceTypeOf } from './interfaceParseRules';

/*
 * What libvirt refuses in a parsed <interface>: at `virsh define`, virDomainNetDefValidate
 * (src/conf/domain_validate.c) and QEMU's qemuValidateDomainDeviceDefNetwork
 * (src/qemu/qemu_validate.c); at `virsh start`, virDomainActualNetDefValidate for the types
 * libvirt resolves nothing for (a type='network' interface is checked on the port it gets, by
 * the resolver).
 */

/** Domain types the QEMU driver runs, whose own validation applies. */
const qemuDomainTypes = new Set(['qemu', 'kvm']);

export function interfaceValidateRules(findings: FindingList, iface: DomainInterface, domainType: string | undefined): void {
  const type = interfaceTypeOf(iface);
  if (type === undefined) return;
  const mac = macForMessages(iface);
  checkHostSideIp(findings, iface, type);
  checkUnmanagedTarget(findings, iface, type);
  if (type !== 'network') checkPortIsolation(findings, iface, type, mac);
  checkPasstBackend(findings, iface, type);
  if (qemuDomainTypes.has(domainType ?? '')) {
    checkGuestIp(findings, iface, type);
    checkMtu(findings, iface, type);
  }
  if (type !== 'network') checkConnectionAtStart(findings, iface, type, mac);
}

/** The MAC as libvirt's messages print it (it generates one when none is written). */
function macForMessages(iface: DomainInterface): string {
  const mac = iface.mac?.value;
  return mac === undefined ? '(generated MAC)' : (parseMacAddress(mac) ?? mac);
}

/** virDomainNetDefValidate: host-side <source><ip>/<route> only on type='ethernet'. */
function checkHostSideIp(findings: FindingList, iface: DomainInterface, type: string): void {
  const source = iface.source?.element;
  const hostIp = source && [...findChildren(source, 'ip'), ...findChildren(source, 'route')][0];
  if (!hostIp || type === 'ethernet') return;
  findings.add(
    hostIp.nameRange,
    'error',
    'ip-unsupported-for-interface',
    `unsupported configuration: Invalid attempt to set network interface host-side IP route and/or address info on interface of type '${type}'. This is only supported on interfaces of type 'ethernet'`,
  );
}

/** virDomainNetDefValidate: <target managed='no'> only on type='ethernet'. */
function checkUnmanagedTarget(findings: FindingList, iface: DomainInterface, type: string): void {
  const target = findChild(iface.element, 'target');
  const managed = target && findAttribute(target, 'managed');
  if (managed?.value !== 'no' || type === 'ethernet') return;
  findings.add(
    managed.valueRange ?? managed.nameRange,
    'error',
    'unmanaged-target-unsupported',
    `unsupported configuration: unmanaged target dev is not supported on interfaces of type '${type}'`,
  );
}

/** virDomainNetDefValidatePortOptions on the configured type and the interface's own virtualport. */
function checkPortIsolation(findings: FindingList, iface: DomainInterface, type: string, mac: string): void {
  if (iface.portIsolated?.value !== 'yes') return;
  const problem = portIsolationProblem(mac, type, iface.virtualPort?.type?.value);
  if (problem) findings.add(iface.portIsolated.range, 'error', 'port-isolated-unsupported', problem);
}

/** virDomainNetDefValidate: the passt backend is for type='user' only. */
function checkPasstBackend(findings: FindingList, iface: DomainInterface, type: string): void {
  const backend = findChild(iface.element, 'backend');
  const backendType = backend && findAttribute(backend, 'type');
  if (backendType?.value !== 'passt' || type === 'user') return;
  findings.add(
    backendType.valueRange ?? backendType.nameRange,
    'error',
    'invalid-value',
    "internal error: The 'passt' backend can only be used with interface type='user'",
  );
}

/** qemuValidateDomainDeviceDefNetwork: guest-side <ip>/<route> only on user (and vdpa) interfaces. */
function checkGuestIp(findings: FindingList, iface: DomainInterface, type: string): void {
  const guestIp = [...findChildren(iface.element, 'ip'), ...findChildren(iface.element, 'route')][0];
  if (!guestIp || type === 'user' || type === 'vdpa') return;
  findings.add(
    guestIp.nameRange,
    'error',
    'ip-unsupported-for-interface',
    'unsupported configuration: Invalid attempt to set network interface guest-side IP route and/or address info, not supported by QEMU',
  );
}

/** qemuDomainNetSupportsMTU: QEMU sets the MTU of network, bridge, ethernet and vhostuser (user with passt). */
function checkMtu(findings: FindingList, iface: DomainInterface, type: string): void {
  const size = findAttribute(findChild(iface.element, 'mtu') ?? iface.element, 'size');
  if (!findChild(iface.element, 'mtu') || !size?.value || !/^\s*\+?\d+$/.test(size.value) || Number(size.value) === 0) return;
  const passt = findAttribute(findChild(iface.element, 'backend') ?? iface.element, 'type')?.value === 'passt';
  if (['network', 'bridge', 'ethernet', 'vhostuser'].includes(type) || (type === 'user' && passt)) return;
  findings.add(
    size.valueRange ?? size.nameRange,
    'error',
    'mtu-unsupported',
    `unsupported configuration: setting MTU on interface type ${type} is not supported yet`,
  );
}

/**
 * virDomainActualNetDefValidate when the domain starts, for a type libvirt resolves nothing for:
 * a vlan needs hostdev, a passthrough macvtap or an Open vSwitch bridge; a hostdev takes no
 * bandwidth. A direct interface's mode defaults to vepa.
 */
function checkConnectionAtStart(findings: FindingList, iface: DomainInterface, type: string, mac: string): void {
  const directMode = iface.source?.attributes.get('mode')?.value ?? 'vepa';
  if (iface.vlan && iface.vlan.tags.length > 0 && !vlanCapable(type, directMode, iface.virtualPort?.type?.value)) {
    findings.add(iface.vlan.element.nameRange, 'error', 'vlan-unsupported', vlanUnsupportedMessage(mac));
  }
  if (iface.bandwidth && type === 'hostdev' && (iface.bandwidth.inbound || iface.bandwidth.outbound)) {
    findings.add(
      iface.bandwidth.element.nameRange,
      'error',
      'invalid-value',
      `unsupported configuration: interface ${mac} - bandwidth settings are not supported for hostdev interfaces`,
    );
  }
}
