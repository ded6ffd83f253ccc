import type { FindingList } from '../model/findingList';
import type { Network } from '../model/libvirtModel';
import { rangedAttribute } from '../model/ranged';
import { findChild, findChildren } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import { xpathAttribute } from './libvirtXmlValues';
import { pciAddressKey } from './pciAddress';

/*
 * The <forward> element as virNetworkForwardDefParseXML (conf/network_conf.c) reads it: the
 * driver, the device pool (<interface dev>, <address type='pci'>, <pf>) and the forward dev.
 * Every message is libvirt's, prefix included.
 */

/** VIR_ENUM_IMPL(virNetworkForwardDriverName): 'default' is in the enum but refused (<= 0). */
const forwardDriverNames = ['kvm', 'vfio'];

/** What the pool holds after parsing: libvirt's def->forward.nifs and npfs. */
export interface ForwardPool {
  readonly nifs: number;
  readonly npfs: number;
  readonly usesInterface: boolean;
  readonly usesAddress: boolean;
}

export function forwardElementRules(findings: FindingList, network: Network, name: string, mode: string): ForwardPool {
  const forward = network.forward?.element;
  if (!forward) return { nifs: 0, npfs: 0, usesInterface: false, usesAddress: false };
  const driver = xpathAttribute(findChild(forward, 'driver'), 'name');
  if (driver && !forwardDriverNames.includes(driver.value)) {
    findings.add(
      driver.range,
      'error',
      'invalid-value',
      `unsupported configuration: Unknown forward <driver name='${driver.value}'/> in network ${name}`,
      undefined,
      forwardDriverNames,
    );
  }
  natRules(findings, forward, name, mode);
  const dev = xpathAttribute(forward, 'dev');
  const interfaces = findChildren(forward, 'interface');
  const addresses = findChildren(forward, 'address');
  const pfs = findChildren(forward, 'pf');
  if (dev && (addresses.length > 0 || pfs.length > 0)) {
    // libvirt passes this text as the format's argument, so its "%s" is printed as it stands.
    findings.add(
      dev.range,
      'error',
      'forward-pool-conflict',
      "XML error: the <forward> 'dev' attribute cannot be used when <address> or <pf> sub-elements are present in network %s",
    );
  }
  if (interfaces.length > 0 || dev) {
    if (!dev) ignoredPoolElements(findings, [...addresses, ...pfs], '<interface>');
    return { nifs: interfacePool(findings, interfaces, dev?.value, dev?.range, name), npfs: 0, usesInterface: true, usesAddress: false };
  }
  if (addresses.length > 0) {
    ignoredPoolElements(findings, pfs, '<address>');
    addressPool(findings, addresses, name);
    return { nifs: addresses.length, npfs: 0, usesInterface: false, usesAddress: true };
  }
  if (pfs.length > 1) {
    findings.add(pfs[1].nameRange, 'error', 'invalid-value', `XML error: Only one <pf> element is allowed in <forward> of network ${name}`);
  } else if (pfs[0] && rangedAttribute(pfs[0], 'dev') === undefined) {
    findings.add(pfs[0].nameRange, 'error', 'invalid-value', `XML error: Missing required dev attribute in <pf> element of network '${name}'`);
  }
  return { nifs: 0, npfs: pfs.length > 0 ? 1 : 0, usesInterface: false, usesAddress: false };
}

/**
 * libvirt reads one kind of pool, the first of <interface> (or the forward dev), <address>, <pf>,
 * and drops the others without a word (the else-if chain of virNetworkForwardDefParseXML), so
 * networkValidate's "mutually exclusive" check never sees them.
 */
function ignoredPoolElements(findings: FindingList, ignored: readonly XmlElement[], kept: string): void {
  for (const element of ignored) {
    findings.add(
      element.nameRange,
      'warning',
      'forward-pool-ignored',
      `libvirt ignores this <${element.name}>: a <forward> pool is of one kind, and ${kept} comes first; remove it, or the ${kept} entries`,
    );
  }
}

/** <forward dev> and <interface dev> entries: libvirt's pool of network devices, in order. */
function interfacePool(
  findings: FindingList,
  interfaces: readonly XmlElement[],
  dev: string | undefined,
  devRange: { start: number; end: number } | undefined,
  name: string,
): number {
  const pool: string[] = dev !== undefined ? [dev] : [];
  interfaces.forEach((element, i) => {
    const device = rangedAttribute(element, 'dev');
    if (!device) {
      findings.add(
        element.nameRange,
        'error',
        'invalid-value',
        `XML error: Missing required dev attribute in <forward> <interface> element of network ${name}`,
      );
      return;
    }
    if (i === 0 && dev !== undefined) {
      if (device.value !== dev) {
        findings.add(
          device.range,
          'error',
          'forward-pool-conflict',
          `XML error: <forward dev='${dev}'> must match first <interface dev='${device.value}'/> in network ${name}`,
          [{ uri: findings.uri, range: devRange ?? device.range, message: 'the forward dev' }],
        );
      }
      return;
    }
    if (pool.includes(device.value)) {
      findings.add(device.range, 'error', 'duplicate-pool-device', `XML error: interface '${device.value}' can only be listed once in network ${name}`);
    }
    pool.push(device.value);
  });
  return Math.max(pool.length, interfaces.length, dev !== undefined ? 1 : 0);
}

function addressPool(findings: FindingList, addresses: readonly XmlElement[], name: string): void {
  const seen = new Set<string>();
  for (const address of addresses) {
    const type = rangedAttribute(address, 'type');
    if (!type) {
      findings.add(address.nameRange, 'error', 'invalid-value', `XML error: missing address type in network ${name}`);
      continue;
    }
    if (!['none', 'pci', 'netdev'].includes(type.value)) {
      findings.add(type.range, 'error', 'invalid-value', `unsupported configuration: unknown address type '${type.value}' in network ${name}`, undefined, [
        'pci',
      ]);
      continue;
    }
    if (type.value !== 'pci') {
      findings.add(type.range, 'error', 'invalid-value', `XML error: unsupported address type '${type.value}' in network ${name}`, undefined, ['pci']);
      continue;
    }
    const key = pciAddressKey(address);
    if (key === undefined) continue;
    if (seen.has(key.text)) {
      findings.add(address.nameRange, 'error', 'duplicate-pool-device', `XML error: PCI device '${key.text}' can only be listed once in network ${name}`);
    }
    seen.add(key.text);
  }
}

/** virNetworkForwardNatDefParseXML: <nat> only in mode nat, one <address> and one <port> at most. */
function natRules(findings: FindingList, forward: XmlElement, name: string, mode: string): void {
  const nats = findChildren(forward, 'nat');
  if (nats.length > 1) {
    findings.add(nats[1].nameRange, 'error', 'forward-mode-conflict', `XML error: Only one <nat> element is allowed in <forward> of network ${name}`);
    return;
  }
  const nat = nats[0];
  if (!nat) return;
  if (mode !== 'nat') {
    findings.add(
      nat.nameRange,
      'error',
      'forward-mode-conflict',
      `XML error: The <nat> element can only be used when <forward> 'mode' is 'nat' in network ${name}`,
    );
    return;
  }
  const natAddresses = findChildren(nat, 'address');
  if (natAddresses.length > 1) {
    findings.add(
      natAddresses[1].nameRange,
      'error',
      'invalid-value',
      `XML error: Only one <address> element is allowed in <nat> in <forward> in network ${name}`,
    );
  } else if (natAddresses[0]) {
    const start = rangedAttribute(natAddresses[0], 'start');
    const end = rangedAttribute(natAddresses[0], 'end');
    if (!start) {
      findings.add(
        natAddresses[0].nameRange,
        'error',
        'invalid-value',
        `XML error: missing 'start' attribute in <address> element in <nat> in <forward> in network ${name}`,
      );
    } else if (!end) {
      findings.add(
        natAddresses[0].nameRange,
        'error',
        'invalid-value',
        `XML error: missing 'end' attribute in <address> element in <nat> in <forward> in network ${name}`,
      );
    }
  }
  const ports = findChildren(nat, 'port');
  if (ports.length > 1) {
    findings.add(ports[1].nameRange, 'error', 'invalid-value', `XML error: Only one <port> element is allowed in <nat> in <forward> in network ${name}`);
  } else if (ports[0]) {
    natPortRange(findings, ports[0], name);
  }
}

/** virXPathUInt of start and end (an absent or empty value is an error), each at most 65535, start <= end. */
function natPortRange(findings: FindingList, port: XmlElement, name: string): void {
  const number = (attribute: string) => {
    const text = rangedAttribute(port, attribute)?.value;
    const match = text === undefined ? null : /^\s*\+?(\d+)$/.exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const start = number('start');
  if (start === undefined || start > 65535) {
    findings.add(port.nameRange, 'error', 'invalid-value', `Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network ${name}`);
    return;
  }
  const end = number('end');
  if (end === undefined || end > 65535 || end < start) {
    findings.add(port.nameRange, 'error', 'invalid-value', `Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network ${name}`);
  }
}
