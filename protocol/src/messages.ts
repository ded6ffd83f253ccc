/*
 * The messages the server adds to LSP, shared with the client. Types and method names only:
 * the client bundles this file, so it must not pull in any runtime module.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { LibvirtRootName } from './libvirtRoot';

/** Request (client → server): the resolved status of every interface of a document. */
export const resolvedStatusMethod = 'libvirtXml/resolvedStatus';

export interface ResolvedStatusParams {
  readonly uri: string;
  /** The position (from 0) of the first interface wanted; 0 when absent. */
  readonly firstInterface?: number;
  /** At most this many interfaces; statusPageSize when absent, and never more. */
  readonly maxInterfaces?: number;
  /** The position (from 0) of the first volume disk wanted; 0 when absent. */
  readonly firstVolumeDisk?: number;
  /** At most this many volume disks; statusPageSize when absent, and never more. */
  readonly maxVolumeDisks?: number;
}

/**
 * The most interfaces one resolved-status answer holds. A domain may have tens of thousands
 * (a 5 MB domain of 30,000 is 130 MB of status): the answer is a page of them, with the total,
 * and the panel asks for the page it shows.
 */
export const statusPageSize = 200;

/**
 * Notification (server → client): the resolved status of these documents may have changed
 * (they were edited, or a network they use was). Sent for open documents.
 */
export const statusChangedMethod = 'libvirtXml/statusChanged';

export interface StatusChangedParams {
  readonly uris: readonly string[];
}

/**
 * Where a resolved value was written: the interface itself, the portgroup used, or the network;
 * for a volume disk, the disk itself, its pool or its volume; for a filter chain, a filter.
 */
export type ValueLevel = 'interface' | 'portgroup' | 'network' | 'disk' | 'pool' | 'volume' | 'filter';

export interface ValueOrigin {
  readonly uri: string;
  readonly range: Range;
  readonly level: ValueLevel;
  /** The portgroup's or network's name (absent for the interface itself). */
  readonly ownerName?: string;
  /** For people: "this interface", "portgroup 'xyzzy' in networks/mynet.xml". */
  readonly label: string;
}

/** A span of `statusXml` (UTF-16 offsets, end exclusive) and where its text came from. */
export interface StatusXmlLink {
  readonly start: number;
  readonly end: number;
  /** Its key in `InterfaceStatus.provenance`. */
  readonly key: string;
  readonly from: ValueOrigin;
}

export interface InterfaceStatus {
  /** Position among the domain's interfaces, from 0. */
  readonly index: number;
  /** The `<interface>` element in the requested document. */
  readonly range: Range;
  /** Absent when the interface has none (libvirt generates one). */
  readonly mac?: string;
  /** The network named by `<source network>`. */
  readonly network?: string;
  /** The portgroup applied: the one named, or the network's default; or the name written when the network lacks it. */
  readonly portgroup?: string;
  /** 'named' by the interface, the network's 'default', or named but 'unknown' to the network (libvirt then applies none). */
  readonly portgroupHow?: 'named' | 'default' | 'unknown';
  /** The type of the running interface (network, bridge, direct, hostdev, or as configured). */
  readonly type?: string;
  /** The network's forward mode as libvirt reads it ('none' when isolated). */
  readonly forwardMode?: string;
  /** The live `<interface>` libvirt will report, in its own formatting; run-time values are `…`. */
  readonly statusXml: string;
  /**
   * Where each value of `statusXml` came from, by the value's place under `<interface>`: element
   * names joined by '.', then the attribute name. `type` and `trustGuestRxFilters` (the
   * interface's own attributes), `mac.address`, `source.network`, `source.portgroup`,
   * `source.bridge`, `source.dev`, `source.mode`, `source.address.bus` (hostdev), `vlan` (the
   * element), `vlan.0.tag.N.id` and `vlan.0.tag.N.nativeMode` (N counts the vlan's tags from 0),
   * `virtualport.type`, `virtualport.parameters.profileid` (and the other parameters),
   * `bandwidth` (the element), `bandwidth.inbound.average` (and peak, burst, floor; outbound),
   * `port.isolated`, `tag.NAME` for the RFC tag NAME, and the element name (`model`, `driver`,
   * …) for an element copied as written. Besides those, `network` and `portgroup` point at the
   * definitions in the network file, when known.
   */
  readonly provenance: Readonly<Record<string, ValueOrigin>>;
  /** The same origins as spans of `statusXml`, for renderers that work on text. */
  readonly links: readonly StatusXmlLink[];
  /**
   * The other definitions of the network, not used by this interface, in precedence order (the
   * one used is `provenance.network`): other files, a connection's or the host's copy. Each
   * `label` says where ("host-networks/default.xml (libvirtXml.networkPaths)"). Absent or empty
   * when the name is defined once.
   */
  readonly otherNetworkDefinitions?: readonly ValueOrigin[];
  /** The RFC's tags, in libvirt-xml's union order (interface, network, portgroup). */
  readonly tags: readonly string[];
  readonly notes: readonly string[];
  /** Problems of this interface, as diagnostics of the requested document. */
  readonly problems: readonly Diagnostic[];
  /**
   * The interface's `<filterref>` expanded as libvirt instantiates it. Its origins are in
   * `provenance`: `filter` (the filter the interface names), `filter.N` (the N-th filter of the
   * walk), `filter.rule.N` (the N-th rule of `rules`), `filter.parameter.NAME` (where a
   * parameter's values were given).
   */
  readonly filterChain?: FilterChainStatus;
}

/** The most rules of one filter chain an answer holds (the rest are counted in `totalRules`). */
export const maxChainRules = 1000;

/** An interface's filter chain as libvirt will instantiate it when the domain starts. */
export interface FilterChainStatus {
  /** The filter the interface names. */
  readonly filter: string;
  /**
   * The binding's parameters, as `virsh nwfilter-binding-dumpxml` shows them once the domain
   * runs: the interface's own `<parameter>`s and MAC, by name. A learned IP is not among them.
   */
  readonly parameters: readonly FilterParameterStatus[];
  /** How libvirt finds IP when the interface gives none: `any` (the default), `dhcp` or `none` (CTRL_IP_LEARNING). */
  readonly ipLearning: string;
  /** The filters of the chain, in the order libvirt walks them (depth first, document order). */
  readonly filters: readonly string[];
  /** The rules in libvirt's instantiation order (root chain first, then by priority), at most maxChainRules. */
  readonly rules: readonly FilterRuleStatus[];
  readonly totalRules: number;
  /** libvirt's error when the domain starts (a missing filter, a variable without value). */
  readonly error?: string;
}

export interface FilterParameterStatus {
  readonly name: string;
  readonly values: readonly string[];
  /** `interface`: a `<parameter>` of the interface; `libvirt`: given by libvirt (MAC). */
  readonly given: 'interface' | 'libvirt';
}

export interface FilterRuleStatus {
  /** The filter the rule is written in. */
  readonly filter: string;
  /** Depth of that filter in the chain: 0 for the filter the interface names. */
  readonly depth: number;
  readonly chain: string;
  /** As written (500 when not). */
  readonly priority: number;
  /** What libvirt sorts by: a non-root chain's rule is raised to its chain's priority. */
  readonly effectivePriority: number;
  readonly action?: string;
  readonly direction?: string;
  /** The protocol element (`ip`, `tcp`, `mac`, …). */
  readonly protocol?: string;
  /** Its attributes, a variable's values filled in. */
  readonly match: readonly FilterMatchStatus[];
}

export interface FilterMatchStatus {
  readonly name: string;
  /** The value as written (`$IP` for a variable). */
  readonly written: string;
  /** A variable's values for this rule (several: one rule instance each); absent for a literal value. */
  readonly values?: readonly string[];
  /** The variable has no value here: libvirt learns it (`learned`: IP, unless CTRL_IP_LEARNING is none) or refuses to start. */
  readonly missing?: boolean;
  readonly learned?: boolean;
}

/** A `<disk type='volume'>` as libvirt will run it (virDomainStorageSourceTranslateSourcePool). */
export interface VolumeDiskStatus {
  /** Position among the domain's volume disks, from 0. */
  readonly index: number;
  /** The `<disk>` element in the requested document. */
  readonly range: Range;
  /** `<target dev>` (vda). */
  readonly target?: string;
  readonly pool?: string;
  readonly volume?: string;
  readonly poolType?: string;
  /** The disk type libvirt runs: file, block, dir or network. Absent when the domain cannot start. */
  readonly actualType?: string;
  /** The file or device path; for a network disk, the iSCSI target name (IQN/LUN). Absent when only the host knows it. */
  readonly path?: string;
  /** A network disk's protocol (iscsi), host and port. */
  readonly protocol?: string;
  readonly host?: string;
  readonly port?: string;
  /** The mode used on an iscsi pool (host or direct). */
  readonly mode?: string;
  /** Where each value came from: `pool`, `volume` (the definitions), `poolType`, `actualType`, `path`, `host`, `port`. */
  readonly provenance: Readonly<Record<string, ValueOrigin>>;
  /** What only the host knows, in plain words. */
  readonly notes: readonly string[];
  /** libvirt's error when the domain starts, as diagnostics of the requested document. */
  readonly problems: readonly Diagnostic[];
}

export type DocumentKind = LibvirtRootName | 'other';

export interface ResolvedStatusResult {
  readonly uri: string;
  /** The version of the text this was computed from (0 for a file read from disk). */
  readonly version: number;
  readonly kind: DocumentKind;
  /** The domain's (or network's) name. */
  readonly name?: string;
  /** Empty unless kind is 'domain'; at most statusPageSize, from `firstInterface` on. */
  readonly interfaces: readonly InterfaceStatus[];
  /** Position of `interfaces[0]` among the domain's interfaces (0 unless a later page was asked). */
  readonly firstInterface: number;
  /** How many interfaces the domain has: more than `interfaces` holds when the rest are on other pages. */
  readonly totalInterfaces: number;
  /** Set when some interface carries tags: they are a libvirt-xml extension that libvirt drops. */
  readonly tagsNote?: string;
  /** The domain's `<disk type='volume'>`s, a page of them (as interfaces): at most statusPageSize from `firstVolumeDisk` on. */
  readonly volumeDisks?: readonly VolumeDiskStatus[];
  readonly firstVolumeDisk?: number;
  readonly totalVolumeDisks?: number;
}

/**
 * Request (client → server): the XML of a network or domain a libvirt connection defines, by its
 * `libvirt:` URI (see libvirtUris.ts), as the server last read it (`virsh net-dumpxml --inactive`,
 * `virsh dumpxml --inactive`). The client shows it, editable unless `readOnly` says why not.
 */
export const libvirtObjectTextMethod = 'libvirtXml/libvirtObjectText';

export interface LibvirtObjectTextParams {
  readonly uri: string;
  /**
   * Domains only: the persistent definition with its secrets (`virsh dumpxml --inactive
   * --security-info`, VIR_DOMAIN_XML_SECURE: graphics passwords and the like), read from the host
   * now over a read-write connection. libvirt refuses it on a read-only connection (and, with
   * access control, without the domain:read_secure permission): the answer's `error` says so.
   */
  readonly securityInfo?: boolean;
}

export interface LibvirtObjectTextResult {
  /** The XML, when the server knows the object. */
  readonly text?: string;
  /** Why there is no text: unknown connection, object gone, connection not read (plain words). */
  readonly error?: string;
  /**
   * Set when saving cannot define the object (libvirtDefine.ts): why, in plain words (the user
   * may not change the connection, libvirt's test driver keeps nothing). Absent: it can be edited.
   */
  readonly readOnly?: string;
}

/**
 * Notification (server → client): these `libvirt:` objects were read again (defined, changed or
 * undefined on their connection); views showing them should ask for their text again.
 */
export const libvirtObjectsChangedMethod = 'libvirtXml/libvirtObjectsChanged';

export interface LibvirtObjectsChangedParams {
  readonly uris: readonly string[];
}
