import { isUserFile } from '../index/definitionOrigin';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Bandwidth, Network, PortGroup, Ranged } from '../model/libvirtModel';
import { forwardModeOf, ipForwardingModes, knownForwardModes } from '../resolver/forwardMode';
import { networkAttributeRules } from './networkAttributeRules';
import { dnsRules } from './networkDnsRules';
import { forwardElementRules } from './networkForwardRules';
import { ipRules } from './networkIpRules';
import { forwardModeRules } from './networkModeRules';
import { networkNameRules } from './networkNameRules';
import { networkStartRules } from './networkStartRules';
import { checkBandwidthValues, checkVlanValues, checkVirtualPortValues } from './valueRules';

/**
 * What libvirt refuses (or silently changes) when this network is defined: the rules of
 * virNetworkDefParseXML and networkValidate that can be judged from the file alone, plus the
 * cross-file rule that a network name is defined once.
 */
export function networkFindings(document: LibvirtDocument, network: Network, index: WorkspaceIndex): Finding[] {
  const findings = new FindingList(document.uri);
  const name = network.name?.value ?? '';
  if (!network.name) {
    findings.add(network.element.nameRange, 'error', 'missing-network-name', 'missing name information (libvirt requires <name>)');
  } else if (name.includes('/') || name.includes('\n')) {
    findings.add(network.name.range, 'error', 'invalid-value', `invalid char in name: ${name.includes('/') ? '/' : '\\n'}`);
  }
  if (network.name) duplicateDefinitions(findings, document.uri, network.name, index);
  networkNameRules(findings, network);
  networkAttributeRules(findings, network, name);

  const mode = forwardModeOf(network);
  // 'none' is in libvirt's enum (virNetworkForward): an isolated network, as without <forward>.
  const modeKnown = mode === 'none' || (knownForwardModes as readonly string[]).includes(mode);
  if (network.forward?.mode && !modeKnown) {
    findings.add(network.forward.mode.range, 'error', 'invalid-value', `unsupported configuration: unknown forwarding type '${mode}'`, undefined, [
      ...knownForwardModes,
    ]);
  }
  if (modeKnown) {
    const pool = forwardElementRules(findings, network, name, mode);
    forwardModeRules(findings, network, name, mode, pool);
    networkStartRules(findings, network, mode);
  }
  dnsRules(findings, network.element, name);
  ipRules(findings, network.element, name);
  portGroupRules(findings, network, name);
  floorRules(findings, network.bandwidth);
  for (const group of network.portGroups) floorRules(findings, group.bandwidth);
  networkBandwidthAllowed(findings, network, mode, name);
  vlanSupport(findings, network, mode, name);
  if (network.virtualPort && !network.virtualPort.type) {
    findings.add(network.virtualPort.element.nameRange, 'error', 'invalid-value', 'XML error: missing required virtualport type');
  }

  for (const settings of [network, ...network.portGroups]) {
    checkBandwidthValues(findings, settings.bandwidth);
    checkVlanValues(findings, settings.vlan);
    checkVirtualPortValues(findings, settings.virtualPort);
  }
  return findings.items;
}

function duplicateDefinitions(findings: FindingList, uri: string, name: Ranged, index: WorkspaceIndex): void {
  // Only the user's own files compete: a connection's or the host folder's copy of a network is
  // the same network as libvirt knows it, and the file wins for editing (see describeNetwork).
  if (!isUserFile(index.originOf(uri))) return;
  const all = index.networks(name.value);
  const others = all.filter((definition) => definition.uri !== uri && isUserFile(definition.origin));
  if (others.length === 0) return;
  const winner = all[0];
  findings.add(
    name.range,
    'warning',
    'duplicate-network',
    `network '${name.value}' is also defined in ${others.length === 1 ? 'another file' : `${others.length} other files`}; references resolve to ${winner?.uri === uri ? 'this one' : 'another (open documents first, then workspace folders, then libvirtXml.networkPaths, then by path)'}`,
    others.map((other) => ({
      uri: other.uri,
      range: other.network.name?.range ?? other.network.element.nameRange,
      message: other.uri === winner?.uri ? `'${name.value}' is also defined here: references resolve to this one` : `'${name.value}' is also defined here`,
    })),
  );
}

function portGroupRules(findings: FindingList, network: Network, networkName: string): void {
  let firstDefault: { readonly group: PortGroup; readonly isDefault: Ranged } | undefined;
  const seen = new Map<string, Ranged>();
  for (const group of network.portGroups) {
    // virXPathString("string(./@name)"): an empty name is no name.
    if (!group.name?.value) {
      findings.add(group.element.nameRange, 'error', 'invalid-value', 'XML error: Missing required name attribute in portgroup');
    }
    const isDefault = group.isDefault;
    if (isDefault?.value.toLowerCase() === 'yes') {
      if (firstDefault) {
        findings.add(
          isDefault.range,
          'error',
          'multiple-default-portgroups',
          `unsupported configuration: network '${networkName}' has multiple default <portgroup> elements (${firstDefault.group.name?.value ?? ''} and ${group.name?.value ?? ''}), but only one default is allowed`,
          [{ uri: findings.uri, range: firstDefault.isDefault.range, message: 'the first default portgroup' }],
        );
      } else {
        firstDefault = { group, isDefault };
      }
    }
    const name = group.name;
    if (name === undefined) continue;
    const groupName = name.value;
    const earlier = seen.get(groupName);
    if (earlier) {
      findings.add(
        name.range,
        'error',
        'duplicate-portgroup',
        `unsupported configuration: multiple <portgroup> elements with the same name (${groupName}) in network '${networkName}'`,
        [{ uri: findings.uri, range: earlier.range, message: `the first portgroup '${groupName}'` }],
      );
    } else {
      seen.set(groupName, name);
    }
  }
}

/** A network's or portgroup's bandwidth may never carry a floor (libvirt parses it with floor disallowed). */
function floorRules(findings: FindingList, bandwidth: Bandwidth | undefined): void {
  const floor = bandwidth?.inbound?.floor;
  if (floor && isNonZero(floor)) {
    findings.add(
      floor.range,
      'error',
      'floor-unsupported-by-network',
      'unsupported configuration: floor attribute is not supported for this config (a floor belongs on the interfaces of a nat, route, open or isolated network, not on the network or its portgroups)',
    );
  }
}

function networkBandwidthAllowed(findings: FindingList, network: Network, mode: string, name: string): void {
  const allowed = ipForwardingModes.has(mode) || (mode === 'bridge' && network.bridge?.name !== undefined);
  if (allowed) return;
  if (network.bandwidth) {
    findings.add(
      network.bandwidth.element.nameRange,
      'error',
      'invalid-value',
      `unsupported configuration: Unsupported network-wide <bandwidth> element in network ${name} with forward mode='${mode}'`,
    );
  }
  for (const group of network.portGroups) {
    if (!group.bandwidth) continue;
    findings.add(
      group.bandwidth.element.nameRange,
      'error',
      'invalid-value',
      `unsupported configuration: Unsupported <bandwidth> element in network '${name}' in portgroup '${group.name?.value ?? ''}' with forward mode='${mode}'`,
    );
  }
}

/**
 * networkValidate's vlan rule: vlans need a network that can carry them (hostdev, passthrough,
 * or a bridge driven by openvswitch); a portgroup with its own virtualport must itself be
 * openvswitch on a bridge network.
 */
function vlanSupport(findings: FindingList, network: Network, mode: string, name: string): void {
  const vlanAllowed = mode === 'hostdev' || mode === 'passthrough' || (mode === 'bridge' && network.virtualPort?.type?.value === 'openvswitch');
  const message = `unsupported configuration: <vlan> element specified for network ${name}, whose type doesn't support vlan configuration`;
  let bad = false;
  let where = network.vlan?.element.nameRange;
  for (const group of network.portGroups) {
    if (!network.vlan && !group.vlan) continue;
    const groupBad = group.virtualPort ? !(mode === 'bridge' && group.virtualPort.type?.value === 'openvswitch') : !vlanAllowed;
    if (groupBad) {
      bad = true;
      where = group.vlan?.element.nameRange ?? where ?? group.element.nameRange;
    }
  }
  const hasDefault = network.portGroups.some((g) => g.isDefault?.value.toLowerCase() === 'yes');
  if (network.vlan && !vlanAllowed && !hasDefault) bad = true;
  if (bad && where) findings.add(where, 'error', 'vlan-unsupported', message);
}

function isNonZero(value: Ranged): boolean {
  return !/^\s*\+?0*\s*$/.test(value.value);
}
