import type { XmlAttribute, XmlElement, XmlText } from '../parser/xmlTree';
import { detachedString } from '../util/detachedString';
import { runToEnd, type SlicedWork } from '../util/slicedWork';
import type { StringTable } from '../util/stringTable';
import { KeptAttribute, KeptElement, KeptRanged, noItems, noList } from './keptTree';
import {
  virtualPortParameterNames,
  type Bandwidth,
  type BandwidthDirection,
  type Domain,
  type DomainInterface,
  type FilterEntry,
  type FilterRef,
  type NetworkFilter,
  type StoragePool,
  type StorageVolume,
  type VolumeDisk,
  type Forward,
  type ForwardPoolDevice,
  type LibvirtObject,
  type Network,
  type PortGroup,
  type Ranged,
  type Tag,
  type VirtualPort,
  type VirtualPortParameterName,
  type Vlan,
} from './libvirtModel';

/**
 * The part of a libvirt model the workspace index keeps for a file that is not open, built as a
 * new value (the parsed tree and model it comes from are left as they were). A whole positioned
 * tree costs about twenty times the file's size; a workspace of thousands of files cannot keep
 * one per file. The copy keeps:
 *
 * - every value of the model, with its range (held as numbers, see keptTree.ts);
 * - every element the model refers to (an interface, a portgroup, a bandwidth, a tag…) with its
 *   whole subtree, and the elements on the way to them from the root. What nothing refers to (a
 *   domain's disks and controllers, a network's dhcp hosts) is left out; a network's top-level
 *   elements are kept, without their unreferenced contents, so that edits can still be placed
 *   among them;
 * - not the text: every string is a copy (V8 keeps a substring of 13 characters or more as a
 *   view into the whole text, which would keep the text alive), short ones shared through the
 *   index's string table; the whitespace between child elements (indentation) is left out.
 */
export function keptModelOf(object: LibvirtObject, strings: StringTable): LibvirtObject {
  return runToEnd(keptModelOfInSlices(object, strings));
}

/** How many elements, interfaces or model values one slice of a large file's copy handles. */
export const keptSlice = 500;

/** keptModelOf in slices (see SlicedWork), for a large file read from disk while the server answers requests. */
export function* keptModelOfInSlices(object: LibvirtObject, strings: StringTable): SlicedWork<LibvirtObject> {
  const copier = new KeptModelCopier(strings, yield* referencedElements(object), object.kind === 'network');
  yield* copier.copyTree(object.element);
  return yield* copier.object(object);
}

/**
 * Walks a model's values, calling `visit` on each value of its fields, and lets a slice end
 * between the items of its lists (a domain's 30,000 interfaces).
 */
function* visitModelInSlices(object: LibvirtObject, visit: (value: unknown, key: string) => void): SlicedWork<void> {
  for (const [key, value] of Object.entries(object)) {
    if (!Array.isArray(value)) {
      visit(value, key);
      continue;
    }
    for (let i = 0; i < value.length; i++) {
      visit(value[i], key);
      if (i % keptSlice === keptSlice - 1) yield;
    }
  }
}

/**
 * Every property of T, the optional ones too: a copy written as one of these does not compile
 * when it forgets a field the model gained. (The readers write every field, undefined or not;
 * the copies, written as literals of their own, keep V8's compact in-object layout.)
 */
type EveryField<T> = { [K in keyof Required<T>]: T[K] };

/** An exact-size copy of a list (the parser's lists grew by pushing and have room to spare), or noItems. */
function exactList<T, U>(items: readonly T[], copy: (item: T) => U): U[] {
  return items.length === 0 ? noList<U>() : items.map(copy);
}

class KeptModelCopier {
  /** The copy of each element of the tree that is kept. */
  private readonly copies = new Map<XmlElement, XmlElement>();
  /** Long strings of this file, one copy of each. */
  private readonly longStrings = new Map<string, string>();
  /** Elements the model does not refer to that hold one that it does. */
  private readonly onTheWay = new Set<XmlElement>();

  constructor(
    private readonly strings: StringTable,
    /** The elements the model refers to: kept with their whole subtree. */
    private readonly referenced: ReadonlySet<XmlElement>,
    /** A network keeps its top-level elements (without their unreferenced contents). */
    private readonly keepsTopLevel: boolean,
  ) {}

  /** Elements walked so far: a slice ends every keptSlice of them. */
  private walked = 0;

  /** Copies the part of the tree under the model's root that is kept (see keptModelOf). */
  *copyTree(root: XmlElement): SlicedWork<void> {
    yield* this.findTheWay(root);
    yield* this.copyElement(root, undefined, 0, false);
  }

  /** Whether a slice ends after this element. */
  private sliceEnds(): boolean {
    return ++this.walked % keptSlice === 0;
  }

  *object(object: LibvirtObject): SlicedWork<LibvirtObject> {
    switch (object.kind) {
      case 'network':
        return this.network(object);
      case 'domain':
        return yield* this.domain(object);
      case 'networkport':
        return { kind: 'networkport', element: this.element(object.element), group: this.ranged(object.group) };
      case 'pool':
        return this.pool(object);
      case 'volume':
        return this.volume(object);
      case 'filter':
        return this.filter(object);
    }
  }

  private pool(pool: StoragePool): StoragePool {
    const copy: EveryField<StoragePool> = {
      kind: 'pool',
      element: this.element(pool.element),
      name: this.ranged(pool.name),
      uuid: this.ranged(pool.uuid),
      poolType: this.ranged(pool.poolType),
      targetPath: this.ranged(pool.targetPath),
      sourceHost: this.ranged(pool.sourceHost),
      sourcePort: this.ranged(pool.sourcePort),
      sourceHostCount: pool.sourceHostCount,
      sourceDevice: this.ranged(pool.sourceDevice),
    };
    return copy;
  }

  private volume(volume: StorageVolume): StorageVolume {
    const copy: EveryField<StorageVolume> = {
      kind: 'volume',
      element: this.element(volume.element),
      name: this.ranged(volume.name),
      volumeType: this.ranged(volume.volumeType),
      key: this.ranged(volume.key),
      targetPath: this.ranged(volume.targetPath),
      format: this.ranged(volume.format),
    };
    return copy;
  }

  private filter(filter: NetworkFilter): NetworkFilter {
    const entry = (item: FilterEntry): FilterEntry =>
      item.kind === 'filterref'
        ? { kind: 'filterref', ref: this.filterRef(item.ref) }
        : {
            kind: 'rule',
            rule: {
              element: this.element(item.rule.element),
              action: this.ranged(item.rule.action),
              direction: this.ranged(item.rule.direction),
              variables: exactList(item.rule.variables, (variable) => this.rangedValue(variable)),
            },
          };
    const copy: EveryField<NetworkFilter> = {
      kind: 'filter',
      element: this.element(filter.element),
      name: this.ranged(filter.name),
      uuid: this.ranged(filter.uuid),
      chain: this.ranged(filter.chain),
      priority: this.ranged(filter.priority),
      entries: exactList(filter.entries, entry),
    };
    return copy;
  }

  private filterRef(ref: FilterRef): FilterRef {
    const copy: EveryField<FilterRef> = {
      element: this.element(ref.element),
      filter: this.ranged(ref.filter),
      parameters: exactList(ref.parameters, (parameter) => ({
        element: this.element(parameter.element),
        name: this.ranged(parameter.name),
        value: this.ranged(parameter.value),
      })),
    };
    return copy;
  }

  private volumeDisk(disk: VolumeDisk): VolumeDisk {
    const copy: EveryField<VolumeDisk> = {
      element: this.element(disk.element),
      device: this.ranged(disk.device),
      source: disk.source && this.element(disk.source),
      pool: this.ranged(disk.pool),
      volume: this.ranged(disk.volume),
      mode: this.ranged(disk.mode),
      target: this.ranged(disk.target),
    };
    return copy;
  }

  private network(network: Network): Network {
    const copy: EveryField<Network> = {
      kind: 'network',
      element: this.element(network.element),
      name: this.ranged(network.name),
      uuid: this.ranged(network.uuid),
      forward: network.forward && this.forward(network.forward),
      bridge: network.bridge && { element: this.element(network.bridge.element), name: this.ranged(network.bridge.name) },
      virtualPort: network.virtualPort && this.virtualPort(network.virtualPort),
      vlan: network.vlan && this.vlan(network.vlan),
      bandwidth: network.bandwidth && this.bandwidth(network.bandwidth),
      portGroups: exactList(network.portGroups, (group) => this.portGroup(group)),
      tags: exactList(network.tags, (tag) => this.tag(tag)),
      trustGuestRxFilters: this.ranged(network.trustGuestRxFilters),
      portIsolated: this.ranged(network.portIsolated),
    };
    return copy;
  }

  private portGroup(group: PortGroup): PortGroup {
    const copy: EveryField<PortGroup> = {
      element: this.element(group.element),
      name: this.ranged(group.name),
      isDefault: this.ranged(group.isDefault),
      trustGuestRxFilters: this.ranged(group.trustGuestRxFilters),
      bandwidth: group.bandwidth && this.bandwidth(group.bandwidth),
      vlan: group.vlan && this.vlan(group.vlan),
      virtualPort: group.virtualPort && this.virtualPort(group.virtualPort),
      tags: exactList(group.tags, (tag) => this.tag(tag)),
    };
    return copy;
  }

  private forward(forward: Forward): Forward {
    const device = (pooled: ForwardPoolDevice): ForwardPoolDevice => ({ element: this.element(pooled.element), dev: this.ranged(pooled.dev) });
    const copy: EveryField<Forward> = {
      element: this.element(forward.element),
      mode: this.ranged(forward.mode),
      dev: this.ranged(forward.dev),
      managed: this.ranged(forward.managed),
      driverName: this.ranged(forward.driverName),
      interfaces: exactList(forward.interfaces, device),
      pfs: exactList(forward.pfs, device),
      addresses: exactList(forward.addresses, (address) => ({ element: this.element(address.element), attributes: this.rangedMap(address.attributes) })),
    };
    return copy;
  }

  private *domain(domain: Domain): SlicedWork<Domain> {
    const interfaces = domain.interfaces.length === 0 ? noList<DomainInterface>() : new Array<DomainInterface>(domain.interfaces.length);
    for (let i = 0; i < domain.interfaces.length; i++) {
      interfaces[i] = this.domainInterface(domain.interfaces[i]);
      if (i % keptSlice === keptSlice - 1) yield;
    }
    const copy: EveryField<Domain> = {
      kind: 'domain',
      element: this.element(domain.element),
      name: this.ranged(domain.name),
      domainType: this.ranged(domain.domainType),
      arch: this.ranged(domain.arch),
      machine: this.ranged(domain.machine),
      interfaces,
      volumeDisks: exactList(domain.volumeDisks, (disk) => this.volumeDisk(disk)),
    };
    return copy;
  }

  private domainInterface(iface: DomainInterface): DomainInterface {
    const copy: EveryField<DomainInterface> = {
      element: this.element(iface.element),
      index: iface.index,
      type: this.ranged(iface.type),
      trustGuestRxFilters: this.ranged(iface.trustGuestRxFilters),
      source: iface.source && { element: this.element(iface.source.element), attributes: this.rangedMap(iface.source.attributes) },
      mac: this.ranged(iface.mac),
      model: this.ranged(iface.model),
      target: this.ranged(iface.target),
      bandwidth: iface.bandwidth && this.bandwidth(iface.bandwidth),
      vlan: iface.vlan && this.vlan(iface.vlan),
      virtualPort: iface.virtualPort && this.virtualPort(iface.virtualPort),
      portIsolated: this.ranged(iface.portIsolated),
      tags: exactList(iface.tags, (tag) => this.tag(tag)),
      filterRef: iface.filterRef && this.filterRef(iface.filterRef),
      otherChildren: exactList(iface.otherChildren, (child) => this.element(child)),
    };
    return copy;
  }

  private bandwidth(bandwidth: Bandwidth): Bandwidth {
    const direction = (rates: BandwidthDirection): BandwidthDirection => {
      const copy: EveryField<BandwidthDirection> = {
        element: this.element(rates.element),
        average: this.ranged(rates.average),
        peak: this.ranged(rates.peak),
        burst: this.ranged(rates.burst),
        floor: this.ranged(rates.floor),
      };
      return copy;
    };
    const copy: EveryField<Bandwidth> = {
      element: this.element(bandwidth.element),
      inbound: bandwidth.inbound && direction(bandwidth.inbound),
      outbound: bandwidth.outbound && direction(bandwidth.outbound),
    };
    return copy;
  }

  private vlan(vlan: Vlan): Vlan {
    const copy: EveryField<Vlan> = {
      element: this.element(vlan.element),
      trunk: this.ranged(vlan.trunk),
      tags: exactList(vlan.tags, (tag) => ({ element: this.element(tag.element), id: this.ranged(tag.id), nativeMode: this.ranged(tag.nativeMode) })),
    };
    return copy;
  }

  private virtualPort(port: VirtualPort): VirtualPort {
    // As the reader writes them: only the parameters present, in libvirt's order.
    const parameters: Partial<Record<VirtualPortParameterName, Ranged>> = {};
    for (const name of virtualPortParameterNames) {
      const value = port.parameters[name];
      if (value) parameters[name] = this.rangedValue(value);
    }
    const copy: EveryField<VirtualPort> = { element: this.element(port.element), type: this.ranged(port.type), parameters };
    return copy;
  }

  private tag(tag: Tag): Tag {
    const copy: EveryField<Tag> = { element: this.element(tag.element), name: this.ranged(tag.name) };
    return copy;
  }

  private ranged(ranged: Ranged | undefined): Ranged | undefined {
    return ranged && this.rangedValue(ranged);
  }

  private rangedValue(ranged: Ranged): Ranged {
    return new KeptRanged(this.copyString(ranged.value), ranged.range);
  }

  private rangedMap(map: ReadonlyMap<string, Ranged>): ReadonlyMap<string, Ranged> {
    return new Map([...map].map(([name, value]) => [this.copyString(name), this.rangedValue(value)]));
  }

  /** The copy of an element of the tree (copied first, with copyTree). */
  private element(element: XmlElement): XmlElement {
    // Every element the model refers to was copied with the tree; were one not, it is copied alone.
    return this.copies.get(element) ?? runToEnd(this.copyElement(element, undefined, 0, true));
  }

  /** Whether the element is or holds one the model refers to; notes those on the way. */
  private *findTheWay(element: XmlElement): SlicedWork<boolean> {
    if (this.sliceEnds()) yield;
    if (this.referenced.has(element)) return true;
    let holds = false;
    for (const child of element.children) if (yield* this.findTheWay(child)) holds = true;
    if (holds) this.onTheWay.add(element);
    return holds;
  }

  private stays(element: XmlElement, depth: number): boolean {
    return this.referenced.has(element) || this.onTheWay.has(element) || (this.keepsTopLevel && depth === 1);
  }

  /** `inWhole`: the element lies inside one the model refers to, and is kept whole as it is. */
  private *copyElement(element: XmlElement, parent: XmlElement | undefined, depth: number, inWhole: boolean): SlicedWork<XmlElement> {
    if (this.sliceEnds()) yield;
    const whole = inWhole || this.referenced.has(element);
    const children = whole ? element.children : element.children.filter((child) => this.stays(child, depth + 1));
    const copy = new KeptElement(
      this.copyString(element.name),
      element.nameRange,
      element.start,
      element.end,
      element.startTagEnd,
      element.endTagStart,
      element.selfClosing,
      element.closed,
      exactList(element.attributes, (attribute) => this.copyAttribute(attribute)),
      exactList(this.keptTexts(element, whole, depth, children.length), (text) => this.copyText(text)),
      parent,
      noList<XmlElement>(), // its children are set below: their parent is this copy
    );
    this.copies.set(element, copy);
    if (children.length === 0) return copy;
    const copies = new Array<XmlElement>(children.length);
    for (let i = 0; i < children.length; i++) copies[i] = yield* this.copyElement(children[i], copy, depth + 1, whole);
    copy.children = copies;
    return copy;
  }

  /**
   * An element kept only on the way to others has lost children: its texts (the whitespace
   * between them) go too; a network's top-level element keeps its own (`<name>` and the like).
   * Between child elements, whitespace is only the file's indentation: it goes.
   */
  private keptTexts(element: XmlElement, whole: boolean, depth: number, keptChildren: number): readonly XmlText[] {
    const topLevel = this.keepsTopLevel && depth === 1;
    if (!whole && !topLevel) return noItems;
    return keptChildren > 0 ? element.texts.filter((text) => text.value.trim() !== '') : element.texts;
  }

  private copyAttribute(attribute: XmlAttribute): XmlAttribute {
    const value = attribute.value === undefined ? undefined : this.copyString(attribute.value);
    return new KeptAttribute(this.copyString(attribute.name), attribute.nameRange, value, attribute.valueRange, attribute.quote, attribute.valueClosed);
  }

  private copyText(text: XmlText): XmlText {
    return new KeptRanged(this.copyString(text.value), text.range);
  }

  /** A string that does not keep the file's text alive; equal strings share one copy. */
  private copyString(value: string): string {
    if (value.length < 13) return this.strings.shared(value);
    let copy = this.longStrings.get(value);
    if (copy === undefined) this.longStrings.set(value, (copy = detachedString(value)));
    return copy;
  }
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && 'nameRange' in value && 'children' in value && 'attributes' in value && 'texts' in value;
}

function isRanged(value: object): boolean {
  return value instanceof KeptRanged || (typeof (value as { value?: unknown }).value === 'string' && 'range' in value && Object.keys(value).length === 2);
}

/** Every element the model refers to (the root aside: it is the model's own element). */
function* referencedElements(object: LibvirtObject): SlicedWork<Set<XmlElement>> {
  const found = new Set<XmlElement>();
  const seen = new Set<unknown>();
  const visit = (value: unknown, isRoot: boolean): void => {
    // A value with its range holds no element: most of the model, not worth remembering.
    if (typeof value !== 'object' || value === null || isRanged(value) || seen.has(value)) return;
    seen.add(value);
    if (isElement(value)) {
      if (!isRoot) found.add(value);
      return;
    }
    if (value instanceof Map) {
      for (const entry of value.values()) visit(entry, false);
      return;
    }
    for (const entry of Object.values(value)) visit(entry, false);
  };
  yield* visitModelInSlices(object, (value, key) => visit(value, key === 'element'));
  return found;
}
