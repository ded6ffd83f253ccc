import type { FindingList } from '../model/findingList';
import type { Network } from '../model/libvirtModel';
import { rangedAttribute } from '../model/ranged';
import { findChild, findChildren } from '../parser/xmlQueries';
import type { TextRange, XmlElement } from '../parser/xmlTree';
import type { ForwardPool } from './networkForwardRules';
import { unsignedValue, xpathAttribute } from './libvirtXmlValues';

/*
 * What each forward mode allows: the switch at the end of virNetworkDefParseXML
 * (conf/network_conf.c) and the one at the start of networkValidate (network/bridge_driver.c),
 * which net-define runs right after parsing. Messages are libvirt's, prefix included.
 */

const l3Modes = new Set(['nat', 'route', 'open']);
const directModes = new Set(['private', 'vepa', 'passthrough', 'hostdev']);

export function forwardModeRules(findings: FindingList, network: Network, name: string, mode: string, pool: ForwardPool): void {
  const root = network.element;
  const forwardRange = network.forward?.mode?.range ?? network.forward?.element.nameRange ?? root.nameRange;
  const ips = findChildren(root, 'ip');
  if (l3Modes.has(mode)) {
    if (ips.length === 0) {
      findings.add(forwardRange, 'error', 'forward-needs-ip', `XML error: ${mode} forwarding requested, but no IP address provided for network '${name}'`);
    }
    if (pool.nifs > 1) {
      findings.add(
        forwardRange,
        'error',
        'forward-mode-conflict',
        `XML error: multiple forwarding interfaces specified for network '${name}', only one is supported`,
      );
    } else if (mode === 'open' && pool.nifs > 0) {
      findings.add(forwardRange, 'error', 'forward-mode-conflict', `XML error: forward dev not allowed for network '${name}' with forward mode='${mode}'`);
    }
  }
  if (mode === 'bridge' || directModes.has(mode)) bridgeAttributeRules(findings, network, name, mode, pool);
  const mtu = rangedAttribute(findChild(root, 'mtu'), 'size');
  if (mtu && (unsignedValue(mtu.value) ?? 0) > 0 && (mode === 'bridge' || directModes.has(mode))) {
    findings.add(
      mtu.range,
      'error',
      'forward-mode-conflict',
      `XML error: mtu size only allowed in open, route, nat, and isolated mode, not in ${mode} (network '${name}')`,
    );
  }
  if (mode === 'bridge' || directModes.has(mode)) hostSideRules(findings, root, name, mode, ips);
  poolTypeRules(findings, network, name, mode);
}

/** The <bridge> attributes: only the L3 modes configure a bridge of their own. */
function bridgeAttributeRules(findings: FindingList, network: Network, name: string, mode: string, pool: ForwardPool): void {
  const bridge = findChild(network.element, 'bridge');
  const bridgeName = xpathAttribute(bridge, 'name');
  const zone = xpathAttribute(bridge, 'zone');
  const macTableManager = xpathAttribute(bridge, 'macTableManager');
  if (directModes.has(mode)) {
    if (bridgeName) findings.add(bridgeName.range, 'error', 'forward-mode-conflict', `XML error: bridge name not allowed in ${mode} mode (network '${name}')`);
    if (zone) findings.add(zone.range, 'error', 'forward-mode-conflict', `XML error: bridge zone not allowed in ${mode} mode (network '${name}')`);
    if (macTableManager && (macTableManager.value === 'kernel' || macTableManager.value === 'libvirt')) {
      findings.add(
        macTableManager.range,
        'error',
        'forward-mode-conflict',
        `XML error: bridge macTableManager setting not allowed in ${mode} mode (network '${name}')`,
      );
    }
  }
  const delay = xpathAttribute(bridge, 'delay');
  const stp = xpathAttribute(bridge, 'stp');
  const offending = (delay && (unsignedValue(delay.value) ?? 0) > 0 ? delay : undefined) ?? stp ?? zone;
  if (offending) {
    findings.add(
      offending.range,
      'error',
      'forward-mode-conflict',
      `XML error: bridge delay/stp/zone options only allowed in route, nat, and isolated mode, not in ${mode} (network '${name}')`,
    );
  }
  if (bridgeName && (pool.nifs > 0 || pool.npfs > 0)) {
    findings.add(
      bridgeName.range,
      'error',
      'forward-pool-conflict',
      `XML error: A network with forward mode='${mode}' can specify a bridge name or a forward dev, but not both (network '${name}')`,
    );
  }
}

/** networkValidate: a MAC, IP addresses, DNS records or a domain belong to a bridge libvirt configures. */
function hostSideRules(findings: FindingList, root: XmlElement, name: string, mode: string, ips: readonly XmlElement[]): void {
  const unsupported = (range: TextRange, element: string) =>
    findings.add(
      range,
      'error',
      'forward-mode-conflict',
      `unsupported configuration: Unsupported <${element}> element in network ${name} with forward mode='${mode}'`,
    );
  const mac = findChild(root, 'mac');
  if (mac && xpathAttribute(mac, 'address')) unsupported(mac.nameRange, 'mac');
  if (ips[0]) unsupported(ips[0].nameRange, 'ip');
  const dns = findChild(root, 'dns');
  if (dns && ['txt', 'host', 'srv'].some((record) => findChild(dns, record))) unsupported(dns.nameRange, 'dns');
  const domain = findChild(root, 'domain');
  // virXMLPropString: an empty name is still a name here.
  if (domain && rangedAttribute(domain, 'name') !== undefined) unsupported(domain.nameRange, 'domain');
}

/** networkValidate: hostdev pools list PCI addresses, every other pool network devices. */
function poolTypeRules(findings: FindingList, network: Network, name: string, mode: string): void {
  const forward = network.forward;
  if (!forward) return;
  const dev = xpathAttribute(forward.element, 'dev');
  const firstInterface = forward.interfaces.find((device) => device.dev)?.dev;
  const netdev = dev ?? firstInterface;
  if (mode === 'hostdev' && netdev) {
    findings.add(
      netdev.range,
      'error',
      'forward-pool-conflict',
      `unsupported configuration: hostdev network '${name}' lists '${netdev.value}' in the device pool, but hostdev networks require all devices to be listed by PCI address, not network device name`,
    );
  }
  const pciAddress = !netdev && forward.addresses.find((address) => address.attributes.get('type')?.value === 'pci');
  if (mode !== 'hostdev' && pciAddress) {
    findings.add(
      pciAddress.element.nameRange,
      'error',
      'forward-pool-conflict',
      `unsupported configuration: network '${name}' has forward mode '${mode}'  but lists a device by PCI address in the device pool. This is only supported for networks with forward mode 'hostdev'`,
    );
  }
}
