import { findChild } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import { orNone } from '../util/sharedEmpty';
import { runToEnd, type SlicedWork } from '../util/slicedWork';
import { readFilterRef } from './filterReader';
import type { Domain, DomainInterface, VolumeDisk } from './libvirtModel';
import { readBandwidth, readTags, readVirtualPort, readVlan } from './portSettings';
import { rangedAttribute, rangedAttributes, rangedChildText } from './ranged';

/** Children of `<interface>` that the model reads into fields of its own. */
const interpretedChildren = new Set(['source', 'mac', 'model', 'target', 'bandwidth', 'vlan', 'virtualport', 'tag', 'port']);

export function readDomain(element: XmlElement): Domain {
  return runToEnd(readDomainInSlices(element, Infinity));
}

/** readDomain in slices of `sliceInterfaces` interfaces (see SlicedWork). */
export function* readDomainInSlices(element: XmlElement, sliceInterfaces: number): SlicedWork<Domain> {
  const devices = findChild(element, 'devices');
  const interfaceElements = devices ? devices.children.filter((child) => child.name === 'interface') : [];
  const os = findChild(element, 'os');
  const osType = os && findChild(os, 'type');
  const interfaces: DomainInterface[] = [];
  for (const [index, child] of interfaceElements.entries()) {
    interfaces.push(readInterface(child, index));
    if ((index + 1) % sliceInterfaces === 0) yield;
  }
  return {
    kind: 'domain',
    element,
    name: rangedChildText(element, 'name'),
    domainType: rangedAttribute(element, 'type'),
    arch: rangedAttribute(osType, 'arch'),
    machine: rangedAttribute(osType, 'machine'),
    interfaces,
    volumeDisks: devices ? devices.children.filter(isVolumeDisk).map(readVolumeDisk) : [],
  };
}

function readInterface(element: XmlElement, index: number): DomainInterface {
  const source = findChild(element, 'source');
  const filterRef = findChild(element, 'filterref');
  return {
    element,
    index,
    type: rangedAttribute(element, 'type'),
    trustGuestRxFilters: rangedAttribute(element, 'trustGuestRxFilters'),
    source: source && { element: source, attributes: rangedAttributes(source) },
    mac: rangedAttribute(findChild(element, 'mac'), 'address'),
    model: rangedAttribute(findChild(element, 'model'), 'type'),
    target: rangedAttribute(findChild(element, 'target'), 'dev'),
    bandwidth: readBandwidth(element),
    vlan: readVlan(element),
    virtualPort: readVirtualPort(element),
    portIsolated: rangedAttribute(findChild(element, 'port'), 'isolated'),
    tags: readTags(element),
    filterRef: filterRef && readFilterRef(filterRef),
    otherChildren: orNone(element.children.filter((child) => !interpretedChildren.has(child.name))),
  };
}

function isVolumeDisk(element: XmlElement): boolean {
  return element.name === 'disk' && element.attributes.some((attribute) => attribute.name === 'type' && attribute.value === 'volume');
}

/** `<disk type='volume'>`: the pool and volume its source names (virDomainDiskSourcePoolDefParse). */
function readVolumeDisk(element: XmlElement): VolumeDisk {
  const source = findChild(element, 'source');
  return {
    element,
    device: rangedAttribute(element, 'device'),
    source,
    pool: rangedAttribute(source, 'pool'),
    volume: rangedAttribute(source, 'volume'),
    mode: rangedAttribute(source, 'mode'),
    target: rangedAttribute(findChild(element, 'target'), 'dev'),
  };
}
