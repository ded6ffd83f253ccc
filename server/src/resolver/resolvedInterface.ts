import type { NetworkDefinition } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import type { Bandwidth, DomainInterface, PortGroup, VirtualPortParameterName, Vlan } from '../model/libvirtModel';
import type { Provenance, Sourced } from './provenance';

/** The device type libvirt gives the running interface. */
export type ActualType = 'network' | 'bridge' | 'direct' | 'hostdev';

/**
 * A value only libvirt knows once the domain runs (port UUID, tap name, a pool device that
 * depends on other running domains). Shown as a placeholder, never invented.
 */
export interface RunTimeValue {
  readonly runTime: true;
  /** What libvirt will pick from, when that is known (the devices of a pool). */
  readonly candidates?: readonly string[];
}

export type StatusValue = string | RunTimeValue;

export interface StatusAttribute {
  readonly name: string;
  readonly value: StatusValue;
  readonly from?: Provenance;
}

export interface ResolvedVirtualPort {
  readonly type?: Sourced<string>;
  readonly parameters: ReadonlyArray<{ readonly name: VirtualPortParameterName; readonly value: StatusValue; readonly from?: Provenance }>;
}

export interface ChosenPortGroup {
  readonly group: PortGroup;
  /** 'named' when the interface names it, 'default' when libvirt falls back to default='yes'. */
  readonly how: 'named' | 'default';
}

export interface ResolvedInterface {
  readonly uri: string;
  readonly iface: DomainInterface;
  /** The network the interface refers to, when its type is 'network' and the network is known. */
  readonly network?: NetworkDefinition;
  readonly portGroup?: ChosenPortGroup;
  /** The network's forward mode as libvirt reads it ('none' without `<forward>`, 'nat' without a mode). */
  readonly forwardMode?: string;
  /** The running interface's type; for a type other than 'network' the configured type. */
  readonly type: string | undefined;
  readonly source: readonly StatusAttribute[];
  /** hostdev only: the VF's PCI address, or a run-time value when the pool decides. */
  readonly hostdevAddress?: ReadonlyArray<StatusAttribute> | RunTimeValue;
  readonly managed?: boolean;
  /** hostdev only: the PCI backend; QEMU picks vfio when the network names none. */
  readonly hostdevDriver?: string;
  readonly bandwidth?: Sourced<Bandwidth>;
  readonly vlan?: Sourced<Vlan>;
  readonly virtualPort?: ResolvedVirtualPort;
  readonly trustGuestRxFilters?: Sourced<string>;
  readonly portIsolated?: Sourced<string>;
  /** The NIC model libvirt reports: the interface's own (in libvirt's spelling), else the QEMU driver's default. */
  readonly model?: { readonly value: string; readonly from?: Provenance };
  /** The RFC's tags: interface's, then network's, then portgroup's, each name once. */
  readonly tags: readonly Sourced<string>[];
  /** Short explanations shown beside the status (how a value was chosen, what is left to run time). */
  readonly notes: readonly string[];
  readonly problems: readonly Finding[];
}

export function isRunTime(value: unknown): value is RunTimeValue {
  return typeof value === 'object' && value !== null && (value as Partial<RunTimeValue>).runTime === true;
}
