import { parseXml } from '../parser/xmlParser';
import type { XmlElement } from '../parser/xmlTree';
import { parseMacAddress } from '../util/macAddress';
import { absent, compareWithLive, readLiveElement, summary, type LiveComparisonOptions, type LiveDifference } from './liveComparison';
import type { ResolvedInterface } from './resolvedInterface';
import { formatStatusXml } from './statusXml';

/** A predicted interface and the running domain's `<interface>` that is the same device. */
export interface InterfacePair {
  /** How the differences name it: `interface[mac='52:54:00:aa:00:01']`, or `interface[2]` (its position) without a MAC. */
  readonly label: string;
  readonly predicted: ResolvedInterface;
  /** The live `<interface>` as virsh printed it. */
  readonly live: string;
}

export interface InterfacePairing {
  readonly pairs: readonly InterfacePair[];
  /** Interfaces on one side only, or a live text that is not a domain: one difference each. */
  readonly differences: readonly LiveDifference[];
}

/**
 * Pairs our interfaces with the live domain's (`virsh dumpxml`, `<domain><devices><interface>`)
 * by MAC address, libvirt's identity for an interface (virDomainNetFindIdx matches on it). An
 * interface of ours without a MAC gets one libvirt generates at define time
 * (virDomainNetGenerateMAC), so it can only be matched by position: it takes the first live
 * interface no MAC claimed, in document order. What is left on either side is a difference.
 */
export function pairInterfacesByMac(resolved: readonly ResolvedInterface[], liveDomainXml: string): InterfacePairing {
  const domain = readLiveElement(liveDomainXml, 'domain');
  if ('problem' in domain) {
    return { pairs: [], differences: [{ field: 'domain', predicted: `<domain> with ${countOf(resolved.length)}`, live: domain.problem }] };
  }
  const live = domain.element.children.filter((c) => c.name === 'devices').flatMap((devices) => devices.children.filter((c) => c.name === 'interface'));
  const liveMacs = live.map(macOf);
  const taken = new Set<number>();
  const pairs: InterfacePair[] = [];
  const differences: LiveDifference[] = [];
  const pairWith = (predicted: ResolvedInterface, label: string, at: number) => {
    taken.add(at);
    pairs.push({ label, predicted, live: liveDomainXml.slice(live[at].start, live[at].end) });
  };
  const withoutMac: Array<{ predicted: ResolvedInterface; label: string }> = [];
  resolved.forEach((predicted, position) => {
    const mac = predicted.iface.mac && normalMac(predicted.iface.mac.value);
    if (!mac) return void withoutMac.push({ predicted, label: `interface[${position}]` });
    const label = `interface[mac='${mac}']`;
    const at = liveMacs.findIndex((liveMac, i) => liveMac === mac && !taken.has(i));
    if (at >= 0) pairWith(predicted, label, at);
    else differences.push({ field: label, predicted: predictedSummary(predicted), live: absent });
  });
  for (const { predicted, label } of withoutMac) {
    const at = live.findIndex((_element, i) => !taken.has(i));
    if (at >= 0) pairWith(predicted, label, at);
    else differences.push({ field: label, predicted: predictedSummary(predicted), live: absent });
  }
  live.forEach((element, i) => {
    if (!taken.has(i)) differences.push({ field: `interface[mac='${liveMacs[i] ?? ''}']`, predicted: absent, live: summary(element) });
  });
  return { pairs, differences };
}

/**
 * The whole domain: its interfaces paired by MAC, then each pair compared field by field, each
 * field starting with the pair's label. Interfaces on one side only come first.
 */
export function compareDomainWithLive(
  resolved: readonly ResolvedInterface[],
  liveDomainXml: string,
  options: Omit<LiveComparisonOptions, 'label'> = {},
): LiveDifference[] {
  const { pairs, differences } = pairInterfacesByMac(resolved, liveDomainXml);
  return [...differences, ...pairs.flatMap((pair) => compareWithLive(pair.predicted, pair.live, { ...options, label: pair.label }))];
}

/** libvirt prints a MAC lower-case with two digits a group (virMacAddrFormat); ours may be written otherwise. */
function normalMac(value: string): string {
  return parseMacAddress(value) ?? value.trim().toLowerCase();
}

function macOf(element: XmlElement): string | undefined {
  const address = element.children.find((c) => c.name === 'mac')?.attributes.find((a) => a.name === 'address')?.value;
  return address === undefined ? undefined : normalMac(address);
}

function predictedSummary(predicted: ResolvedInterface): string {
  const element = parseXml(formatStatusXml(predicted)).roots.at(0);
  return element ? summary(element) : '<interface>';
}

function countOf(n: number): string {
  return n === 1 ? '1 interface' : `${n} interfaces`;
}
