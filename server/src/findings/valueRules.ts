import type { FindingList } from '../model/findingList';
import type { Bandwidth, BandwidthDirection, VirtualPort, Vlan } from '../model/libvirtModel';
import { parameterAllowed } from '../resolver/virtualPortMerge';

/*
 * Rules on the values of bandwidth, vlan and virtualport wherever they stand (interface,
 * portgroup, network), with libvirt's parser messages.
 */

const unsignedInteger = /^\s*\+?\d+$/;

export function checkBandwidthValues(findings: FindingList, bandwidth: Bandwidth | undefined): void {
  if (!bandwidth) return;
  checkDuplicateDirections(findings, bandwidth);
  checkDirection(findings, bandwidth.inbound);
  checkDirection(findings, bandwidth.outbound);
  const outboundFloor = bandwidth.outbound?.floor;
  if (outboundFloor && !/^\s*\+?0+$/.test(outboundFloor.value)) {
    findings.add(outboundFloor.range, 'error', 'floor-on-outbound', "unsupported configuration: 'floor' attribute allowed only in <inbound> element");
  }
}

/** virNetDevBandwidthParse: one <inbound> and one <outbound> at most (other children are ignored). */
function checkDuplicateDirections(findings: FindingList, bandwidth: Bandwidth): void {
  for (const name of ['inbound', 'outbound']) {
    const second = bandwidth.element.children.filter((child) => child.name === name)[1];
    if (second) findings.add(second.nameRange, 'error', 'bandwidth-duplicate-direction', `Only one child <${name}> element allowed`);
  }
}

function checkDirection(findings: FindingList, direction: BandwidthDirection | undefined): void {
  if (!direction) return;
  if (!direction.average && !direction.floor) {
    findings.add(direction.element.nameRange, 'error', 'bandwidth-missing-average', 'Missing mandatory average or floor attributes');
  }
  for (const key of ['average', 'peak', 'burst', 'floor'] as const) {
    const value = direction[key];
    if (value && !unsignedInteger.test(value.value)) {
      findings.add(value.range, 'error', 'invalid-value', `unsupported configuration: could not convert bandwidth ${key} value '${value.value}'`);
    }
  }
  const rate = direction.peak ?? direction.burst;
  if (rate && !direction.average) {
    findings.add(rate.range, 'error', 'bandwidth-missing-average', "unsupported configuration: 'peak' and 'burst' require 'average' attribute");
  }
}

export function checkVlanValues(findings: FindingList, vlan: Vlan | undefined): void {
  if (!vlan) return;
  if (vlan.tags.length === 0) {
    findings.add(vlan.element.nameRange, 'error', 'invalid-value', "XML error: missing tag id - each <vlan> must have at least one <tag id='n'/> subelement");
    return;
  }
  let natives = 0;
  for (const tag of vlan.tags) {
    if (!tag.id) {
      findings.add(tag.element.nameRange, 'error', 'invalid-value', "XML error: Missing required attribute 'id' in element 'tag'");
    } else if (!unsignedInteger.test(tag.id.value)) {
      findings.add(
        tag.id.range,
        'error',
        'invalid-value',
        `XML error: Invalid value for attribute 'id' in element 'tag': '${tag.id.value}'. Expected non-negative integer value`,
      );
    } else if (Number(tag.id.value) > 4095) {
      findings.add(tag.id.range, 'error', 'vlan-tag-out-of-range', `XML error: vlan tag id ${Number(tag.id.value)} too large (maximum 4095)`);
    }
    if (tag.nativeMode) {
      natives++;
      if (tag.nativeMode.value !== 'tagged' && tag.nativeMode.value !== 'untagged') {
        findings.add(
          tag.nativeMode.range,
          'error',
          'vlan-native-mode',
          `XML error: Invalid value for attribute 'nativeMode' in element 'tag': '${tag.nativeMode.value}'.`,
        );
      } else if (natives > 1) {
        findings.add(tag.nativeMode.range, 'error', 'vlan-native-mode', 'XML error: duplicate native vlan setting');
      }
    }
  }
  const trunk = vlan.trunk;
  if (trunk && trunk.value.toLowerCase() !== 'yes') {
    if (vlan.tags.length > 1) {
      findings.add(
        trunk.range,
        'error',
        'vlan-trunk',
        `XML error: invalid "trunk='${trunk.value}'" in <vlan> - trunk='yes' is required for more than one vlan tag`,
      );
    } else if (natives > 0) {
      findings.add(trunk.range, 'error', 'vlan-trunk', `XML error: invalid configuration in <vlan> - "trunk='no'" is not allowed with a native vlan id`);
    } else if (trunk.value.toLowerCase() !== 'no') {
      findings.add(trunk.range, 'error', 'vlan-trunk', `XML error: invalid "trunk='${trunk.value}'" in <vlan> - must be yes or no`);
    }
  }
}

const virtualPortTypes = ['802.1Qbg', '802.1Qbh', 'openvswitch', 'midonet'];

export function checkVirtualPortValues(findings: FindingList, virtualPort: VirtualPort | undefined): void {
  const type = virtualPort?.type;
  if (!virtualPort || !type) return;
  if (!virtualPortTypes.includes(type.value)) {
    findings.add(type.range, 'error', 'invalid-value', `unsupported configuration: unknown virtualport type ${type.value}`, undefined, virtualPortTypes);
    return;
  }
  for (const [name, value] of Object.entries(virtualPort.parameters)) {
    if (value && type.value !== 'midonet' && !parameterAllowed(type.value, name as keyof VirtualPort['parameters'])) {
      findings.add(value.range, 'error', 'invalid-value', `XML error: extra ${name} unsupported in <virtualport type='${type.value}'>`);
    }
  }
}
