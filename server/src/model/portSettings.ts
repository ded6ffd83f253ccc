import { findChild, findChildren } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import {
  virtualPortParameterNames,
  type Bandwidth,
  type BandwidthDirection,
  type Tag,
  type VirtualPort,
  type VirtualPortParameterName,
  type Vlan,
} from './libvirtModel';
import { orNone } from '../util/sharedEmpty';
import { rangedAttribute } from './ranged';

/*
 * Readers for the settings that interfaces, portgroups and networks share: bandwidth, vlan,
 * virtualport and the RFC's tags.
 */

export function readBandwidth(parent: XmlElement): Bandwidth | undefined {
  const element = findChild(parent, 'bandwidth');
  if (!element) return undefined;
  return {
    element,
    inbound: readBandwidthDirection(findChild(element, 'inbound')),
    outbound: readBandwidthDirection(findChild(element, 'outbound')),
  };
}

function readBandwidthDirection(element: XmlElement | undefined): BandwidthDirection | undefined {
  if (!element) return undefined;
  return {
    element,
    average: rangedAttribute(element, 'average'),
    peak: rangedAttribute(element, 'peak'),
    burst: rangedAttribute(element, 'burst'),
    floor: rangedAttribute(element, 'floor'),
  };
}

export function readVlan(parent: XmlElement): Vlan | undefined {
  const element = findChild(parent, 'vlan');
  if (!element) return undefined;
  return {
    element,
    trunk: rangedAttribute(element, 'trunk'),
    tags: findChildren(element, 'tag').map((tag) => ({
      element: tag,
      id: rangedAttribute(tag, 'id'),
      nativeMode: rangedAttribute(tag, 'nativeMode'),
    })),
  };
}

export function readVirtualPort(parent: XmlElement): VirtualPort | undefined {
  const element = findChild(parent, 'virtualport');
  if (!element) return undefined;
  const parameters: Partial<Record<VirtualPortParameterName, ReturnType<typeof rangedAttribute>>> = {};
  const parametersElement = findChild(element, 'parameters');
  for (const name of virtualPortParameterNames) {
    const value = rangedAttribute(parametersElement, name);
    if (value) parameters[name] = value;
  }
  return { element, type: rangedAttribute(element, 'type'), parameters };
}

/** The RFC's `<tag name='x'/>` children (a vlan's `<tag id>` lives one level deeper, in `<vlan>`). */
export function readTags(parent: XmlElement): readonly Tag[] {
  return orNone(findChildren(parent, 'tag').map((element) => ({ element, name: rangedAttribute(element, 'name') })));
}
