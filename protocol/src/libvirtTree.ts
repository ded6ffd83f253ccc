/*
 * The Libvirt view's data: what each configured connection defines, with each object's state,
 * asked of the server (which reads the connections) by the client's tree. Types and method names
 * only: the client bundles this file.
 */
import type { DiagnosticSeverity, Range } from 'vscode-languageserver-types';

/** Request (client → server): the connections and what they define; params LibvirtTreeParams or none. */
export const libvirtTreeMethod = 'libvirtXml/libvirtTree';

export interface LibvirtTreeParams {
  /**
   * The user asked (Refresh): read the connections' pools, volumes and network filters again
   * first. libvirt has no events for volumes or filters; networks, domains and pools follow
   * libvirt's events and need no asking.
   */
  readonly reread?: boolean;
}

/**
 * Notification (server → client): what the view shows may have changed (a connection was read
 * again after one of libvirt's events, connected, failed or was configured); ask again. No params.
 */
export const libvirtTreeChangedMethod = 'libvirtXml/libvirtTreeChanged';

/** virNetworkIsActive. */
export type NetworkRunState = 'active' | 'inactive';

/** virDomainState, as `virsh domstate` names it; `other`: blocked, crashed, suspended, in shutdown. */
export type DomainRunState = 'running' | 'paused' | 'shut off' | 'other';

/** Why a connection could not be read (connectionFailure.ts classifies virsh's message). */
export type ConnectionFailureKind = 'no-virsh' | 'permission' | 'not-running' | 'error';

export interface LibvirtTreeResult {
  /** In the configured order (`libvirtXml.connections`, or the defaults); empty when none is configured. */
  readonly connections: readonly ConnectionNode[];
}

export interface ConnectionNode {
  /** The libvirt URI: `qemu:///system`. */
  readonly uri: string;
  /** The label its objects' `libvirt:` URIs carry: `system`. */
  readonly label: string;
  readonly state: 'reading' | 'ready' | 'failed';
  readonly failure?: {
    readonly kind: ConnectionFailureKind;
    /** One line: "permission denied (…)". */
    readonly reason: string;
    /** What to do about it. */
    readonly remedy: string;
  };
  /** A failure not worth saying: a default connection whose daemon is not there (none is started for it). */
  readonly quiet?: boolean;
  /** Set when objects cannot be defined through this connection: why, in plain words. */
  readonly readOnly?: string;
  readonly networks: readonly NetworkNode[];
  readonly domains: readonly DomainNode[];
  readonly pools: readonly PoolNode[];
  readonly filters: readonly FilterNode[];
  /** Set when its pools, volumes and filters could not be read (its networks and domains may still be): why. */
  readonly storageFailure?: string;
}

/**
 * A network or a storage pool: libvirt starts, stops and autostarts both alike
 * (virNetworkIsActive, virStoragePoolIsActive; virNetworkGetAutostart, virStoragePoolGetAutostart).
 */
export interface HostObjectNode {
  readonly name: string;
  /** Its `libvirt:` URI (libvirtUris.ts). */
  readonly uri: string;
  readonly uuid: string;
  readonly state: NetworkRunState;
  readonly autostart: boolean;
  readonly persistent: boolean;
}

/** A storage pool, opened read-only (see storageReadOnlyReason on the server). */
export interface PoolNode extends HostObjectNode {
  /** `<pool type>`: dir, logical, netfs, … */
  readonly type?: string;
  readonly targetPath?: string;
  /** What `vol-list` gives; none while the pool is not active (libvirt lists no volumes then). */
  readonly volumes: readonly VolumeNode[];
  /** Disks of this connection's domains that name the pool. */
  readonly usedBy: number;
}

export interface VolumeNode {
  readonly name: string;
  readonly uri: string;
  /** `<volume type>`: file, block, dir, network, … */
  readonly type?: string;
  /** `<target><format type>`: qcow2, raw, … */
  readonly format?: string;
  readonly path?: string;
  /** Volume disks of this connection's domains that name it. */
  readonly usedBy: number;
}

export interface FilterNode {
  readonly name: string;
  readonly uri: string;
  readonly uuid: string;
  /** `<filter chain>`: root, ipv4, arp, … */
  readonly chain?: string;
  readonly rules: number;
  /** The filters it includes (`<filterref filter>`), in order. */
  readonly includes: readonly string[];
  /** Interfaces of this connection's domains and filters of this connection that reference it. */
  readonly usedBy: number;
}

export interface NetworkNode extends HostObjectNode {
  /** The forward mode as libvirt reads it: `nat`, `route`, `bridge`, …; `none` when isolated. */
  readonly forwardMode: string;
  /** `<bridge name>` (the network's own bridge), or `<forward dev>` when there is no bridge. */
  readonly bridge?: string;
  readonly portgroups: readonly PortgroupNode[];
}

export interface PortgroupNode {
  readonly name: string;
  readonly isDefault: boolean;
  /** Interfaces of this connection's domains that get this portgroup (named, or the default when none is named). */
  readonly usedBy: number;
  /** The domains those interfaces belong to, sorted, each once. */
  readonly usedByDomains: readonly string[];
  /** The `<portgroup>` element in the network's document. */
  readonly range: Range;
}

export interface DomainNode {
  readonly name: string;
  readonly uri: string;
  readonly uuid: string;
  readonly state: DomainRunState;
  readonly autostart: boolean;
  readonly persistent: boolean;
  readonly interfaces: readonly InterfaceNode[];
}

export interface InterfaceNode {
  /** Position among the domain's interfaces, from 0. */
  readonly index: number;
  /** The `<interface>` element in the domain's document. */
  readonly range: Range;
  /** `<interface type>` as written. */
  readonly type?: string;
  readonly mac?: string;
  readonly network?: string;
  /** The portgroup named, or the network's default one the engine found. */
  readonly portgroup?: string;
  readonly portgroupHow?: 'named' | 'default' | 'unknown';
  /** What the engine reports about this interface (its resolution). */
  readonly problems: readonly InterfaceProblem[];
}

export interface InterfaceProblem {
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly code?: string;
}
