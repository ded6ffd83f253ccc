import type { TextRange, XmlElement } from '../parser/xmlTree';

/**
 * The libvirt objects a document describes, on top of the positioned XML tree. Every value keeps
 * the range it was read from, so any feature can point back into the source.
 */

export interface Ranged {
  readonly value: string;
  readonly range: TextRange;
}

export interface BandwidthDirection {
  readonly element: XmlElement;
  readonly average?: Ranged;
  readonly peak?: Ranged;
  readonly burst?: Ranged;
  readonly floor?: Ranged;
}

export interface Bandwidth {
  readonly element: XmlElement;
  readonly inbound?: BandwidthDirection;
  readonly outbound?: BandwidthDirection;
}

export interface VlanTag {
  readonly element: XmlElement;
  readonly id?: Ranged;
  readonly nativeMode?: Ranged;
}

export interface Vlan {
  readonly element: XmlElement;
  readonly trunk?: Ranged;
  readonly tags: readonly VlanTag[];
}

/** The `<parameters>` attributes of a virtualport, in libvirt's order. */
export const virtualPortParameterNames = ['managerid', 'typeid', 'typeidversion', 'instanceid', 'interfaceid', 'profileid'] as const;
export type VirtualPortParameterName = (typeof virtualPortParameterNames)[number];

export interface VirtualPort {
  readonly element: XmlElement;
  readonly type?: Ranged;
  readonly parameters: Partial<Record<VirtualPortParameterName, Ranged>>;
}

/** The RFC's `<tag name='x'/>`: a label for management tools, not part of libvirt. */
export interface Tag {
  readonly element: XmlElement;
  readonly name?: Ranged;
}

export interface PortGroup {
  readonly element: XmlElement;
  readonly name?: Ranged;
  readonly isDefault?: Ranged;
  readonly trustGuestRxFilters?: Ranged;
  readonly bandwidth?: Bandwidth;
  readonly vlan?: Vlan;
  readonly virtualPort?: VirtualPort;
  readonly tags: readonly Tag[];
}

export interface ForwardPoolDevice {
  readonly element: XmlElement;
  readonly dev?: Ranged;
}

export interface ForwardPoolAddress {
  readonly element: XmlElement;
  /** The PCI address as libvirt writes it: domain, bus, slot, function attributes. */
  readonly attributes: ReadonlyMap<string, Ranged>;
}

export interface Forward {
  readonly element: XmlElement;
  /** The mode as written; an absent attribute means nat, as in libvirt. */
  readonly mode?: Ranged;
  readonly dev?: Ranged;
  readonly managed?: Ranged;
  /** `<driver name='vfio|kvm'/>` of a hostdev network. */
  readonly driverName?: Ranged;
  readonly interfaces: readonly ForwardPoolDevice[];
  readonly pfs: readonly ForwardPoolDevice[];
  readonly addresses: readonly ForwardPoolAddress[];
}

export interface NetworkBridge {
  readonly element: XmlElement;
  readonly name?: Ranged;
}

export interface Network {
  readonly kind: 'network';
  readonly element: XmlElement;
  readonly name?: Ranged;
  readonly uuid?: Ranged;
  readonly forward?: Forward;
  readonly bridge?: NetworkBridge;
  readonly virtualPort?: VirtualPort;
  readonly vlan?: Vlan;
  readonly bandwidth?: Bandwidth;
  readonly portGroups: readonly PortGroup[];
  readonly tags: readonly Tag[];
  readonly trustGuestRxFilters?: Ranged;
  /** `<port isolated='yes|no'/>` */
  readonly portIsolated?: Ranged;
}

export interface InterfaceSource {
  readonly element: XmlElement;
  /** Every attribute of `<source>` (network, portgroup, bridge, dev, mode, …) by name. */
  readonly attributes: ReadonlyMap<string, Ranged>;
}

export interface DomainInterface {
  readonly element: XmlElement;
  /** Position among the domain's interfaces, from 0. */
  readonly index: number;
  readonly type?: Ranged;
  readonly trustGuestRxFilters?: Ranged;
  readonly source?: InterfaceSource;
  readonly mac?: Ranged;
  readonly model?: Ranged;
  readonly target?: Ranged;
  readonly bandwidth?: Bandwidth;
  readonly vlan?: Vlan;
  readonly virtualPort?: VirtualPort;
  readonly portIsolated?: Ranged;
  readonly tags: readonly Tag[];
  /** `<filterref filter='F'>` with its parameters (the element stays in otherChildren too). */
  readonly filterRef?: FilterRef;
  /** Children this model does not interpret (driver, address, link, …), kept as written. */
  readonly otherChildren: readonly XmlElement[];
}

/** `<parameter name='IP' value='10.0.0.1'/>` of a filterref. */
export interface FilterParameter {
  readonly element: XmlElement;
  readonly name?: Ranged;
  readonly value?: Ranged;
}

/** `<filterref filter='F'>`: on a domain interface, or inside a `<filter>` (a chain). */
export interface FilterRef {
  readonly element: XmlElement;
  readonly filter?: Ranged;
  readonly parameters: readonly FilterParameter[];
}

/**
 * A domain disk whose source is a storage volume, `<disk type='volume'><source pool='P'
 * volume='V' mode='host|direct'/>` (other disks are not modelled: they name no libvirt object).
 */
export interface VolumeDisk {
  readonly element: XmlElement;
  readonly device?: Ranged;
  readonly source?: XmlElement;
  readonly pool?: Ranged;
  readonly volume?: Ranged;
  readonly mode?: Ranged;
  /** `<target dev='vda'/>`, to name the disk. */
  readonly target?: Ranged;
}

export interface Domain {
  readonly kind: 'domain';
  readonly element: XmlElement;
  readonly name?: Ranged;
  readonly domainType?: Ranged;
  /** `<os><type arch machine>`: QEMU's default NIC model depends on them. */
  readonly arch?: Ranged;
  readonly machine?: Ranged;
  readonly interfaces: readonly DomainInterface[];
  readonly volumeDisks: readonly VolumeDisk[];
}

/** A libvirt network port (`<networkport>`): recognised so that it is indexed as libvirt XML. */
export interface NetworkPort {
  readonly kind: 'networkport';
  readonly element: XmlElement;
  readonly group?: Ranged;
}

/** A storage pool (`<pool type='dir'>`, storage_conf.c virStoragePoolDefParseXML). */
export interface StoragePool {
  readonly kind: 'pool';
  readonly element: XmlElement;
  readonly name?: Ranged;
  readonly uuid?: Ranged;
  readonly poolType?: Ranged;
  /** `<target><path>` */
  readonly targetPath?: Ranged;
  /** `<source><host name port>`: the first host (an iscsi pool has one), and how many there are. */
  readonly sourceHost?: Ranged;
  readonly sourcePort?: Ranged;
  readonly sourceHostCount: number;
  /** `<source><device path>`: the first device (an iscsi pool's target IQN). */
  readonly sourceDevice?: Ranged;
}

/** A storage volume (`<volume>`, storage_conf.c virStorageVolDefParseXML). */
export interface StorageVolume {
  readonly kind: 'volume';
  readonly element: XmlElement;
  readonly name?: Ranged;
  /** `<volume type='file|block|dir|network|netdir|ploop'>` */
  readonly volumeType?: Ranged;
  readonly key?: Ranged;
  /** `<target><path>`: present in what libvirt reports (vol-dumpxml). */
  readonly targetPath?: Ranged;
  readonly format?: Ranged;
}

/** A rule of a filter: only what the chain needs, the variables its attributes use. */
export interface FilterRule {
  readonly element: XmlElement;
  readonly action?: Ranged;
  readonly direction?: Ranged;
  /**
   * Each variable access (`$IP`, `$IP[1]`, `$IP[@1]`), the value without its `$`, ranged at
   * the whole attribute value (nwfilter_conf.c virNWFilterRuleDetailsParse).
   */
  readonly variables: readonly Ranged[];
}

/** An entry of a filter, in document order: a rule or a reference to another filter. */
export type FilterEntry = { readonly kind: 'rule'; readonly rule: FilterRule } | { readonly kind: 'filterref'; readonly ref: FilterRef };

/** A network filter (`<filter name='F' chain='root'>`, nwfilter_conf.c virNWFilterDefParseXML). */
export interface NetworkFilter {
  readonly kind: 'filter';
  readonly element: XmlElement;
  readonly name?: Ranged;
  readonly uuid?: Ranged;
  readonly chain?: Ranged;
  readonly priority?: Ranged;
  readonly entries: readonly FilterEntry[];
}

export type LibvirtObject = Network | Domain | NetworkPort | StoragePool | StorageVolume | NetworkFilter;
