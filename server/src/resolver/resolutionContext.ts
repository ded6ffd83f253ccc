import type { NetworkDefinition } from '../index/workspaceIndex';
import type { FindingCode, RelatedLocation, Severity } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { DomainInterface, PortGroup, Ranged } from '../model/libvirtModel';
import type { TextRange, XmlElement } from '../parser/xmlTree';
import { parseMacAddress } from '../util/macAddress';
import type { Provenance, Sourced } from './provenance';
import type { ResolvedInterface, RunTimeValue } from './resolvedInterface';

export const runTime: RunTimeValue = { runTime: true };

/** What the resolution of one domain interface collects as it goes: its problems and notes. */
export class ResolutionContext {
  readonly problems: FindingList;
  /** Short explanations shown beside the status, in the order the steps made them. */
  readonly notes: string[] = [];

  constructor(
    readonly uri: string,
    readonly iface: DomainInterface,
  ) {
    this.problems = new FindingList(uri);
  }

  /** Where the interface itself wrote a value. */
  own(range: TextRange | XmlElement): Provenance {
    return { uri: this.uri, range: toRange(range), level: 'interface' };
  }

  ownValue(value: Ranged | undefined): Sourced<string> | undefined {
    return value && { value: value.value, from: this.own(value.range) };
  }

  /** A problem in the domain document; an element is reported on its name. */
  problem(where: TextRange | XmlElement, severity: Severity, code: FindingCode, message: string, suggestions?: string[]): void {
    const range = 'nameRange' in where ? where.nameRange : where;
    this.problems.add(range, severity, code, message, undefined, suggestions);
  }

  /** A problem with places elsewhere that explain it (related information). */
  problemWithRelated(range: TextRange, severity: Severity, code: FindingCode, message: string, related: RelatedLocation[], suggestions?: string[]): void {
    this.problems.add(range, severity, code, message, related, suggestions);
  }

  /** A problem caused by a value that may live in the network file: reported on the interface, pointing there. */
  problemAt(from: Provenance, severity: Severity, code: FindingCode, message: string): void {
    if (from.uri === this.uri) {
      this.problems.add(from.range, severity, code, message);
      return;
    }
    const owner = from.level === 'portgroup' ? `portgroup '${from.ownerName ?? ''}'` : `network '${from.ownerName ?? ''}'`;
    this.problems.add(this.iface.source?.element.nameRange ?? this.iface.element.nameRange, severity, code, `${message} (the value comes from ${owner})`, [
      { uri: from.uri, range: from.range, message: `set here, in ${owner}` },
    ]);
  }

  /** The MAC address as libvirt's messages print it. */
  macForMessages(): string {
    const mac = this.iface.mac?.value;
    return mac === undefined ? '(generated MAC)' : (parseMacAddress(mac) ?? mac);
  }

  result(fields: Omit<ResolvedInterface, 'uri' | 'iface' | 'notes' | 'problems'>): ResolvedInterface {
    return { uri: this.uri, iface: this.iface, ...fields, notes: [...this.notes], problems: [...this.problems.items] };
  }
}

/** Where the network itself wrote a value. */
export function inNetwork(definition: NetworkDefinition, range: TextRange | XmlElement): Provenance {
  return { uri: definition.uri, range: toRange(range), level: 'network', ownerName: definition.network.name?.value };
}

/** Where the portgroup the interface got wrote a value. */
export function inPortGroup(definition: NetworkDefinition, group: PortGroup, range: TextRange | XmlElement): Provenance {
  return { uri: definition.uri, range: toRange(range), level: 'portgroup', ownerName: group.name?.value };
}

export function sourced(value: Ranged | undefined, from: (range: TextRange) => Provenance): Sourced<string> | undefined {
  return value && { value: value.value, from: from(value.range) };
}

export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? ` (did you mean '${suggestions[0]}'?)` : '';
}

function toRange(value: TextRange | XmlElement): TextRange {
  return 'nameRange' in value ? { start: value.start, end: value.end } : value;
}
