import { findChild, findChildren } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import type { Forward, Network, PortGroup } from './libvirtModel';
import { readBandwidth, readTags, readVirtualPort, readVlan } from './portSettings';
import { rangedAttribute, rangedAttributes, rangedChildRawText, rangedChildText } from './ranged';

export function readNetwork(element: XmlElement): Network {
  const bridge = findChild(element, 'bridge');
  return {
    kind: 'network',
    element,
    // libvirt keeps the name as written, spaces included (virNetworkDefParseXML).
    name: rangedChildRawText(element, 'name') ?? rangedChildText(element, 'name'),
    uuid: rangedChildText(element, 'uuid'),
    forward: readForward(findChild(element, 'forward')),
    bridge: bridge && { element: bridge, name: rangedAttribute(bridge, 'name') },
    virtualPort: readVirtualPort(element),
    vlan: readVlan(element),
    bandwidth: readBandwidth(element),
    portGroups: findChildren(element, 'portgroup').map(readPortGroup),
    tags: readTags(element),
    trustGuestRxFilters: rangedAttribute(element, 'trustGuestRxFilters'),
    portIsolated: rangedAttribute(findChild(element, 'port'), 'isolated'),
  };
}

function readPortGroup(element: XmlElement): PortGroup {
  return {
    element,
    name: rangedAttribute(element, 'name'),
    isDefault: rangedAttribute(element, 'default'),
    trustGuestRxFilters: rangedAttribute(element, 'trustGuestRxFilters'),
    bandwidth: readBandwidth(element),
    vlan: readVlan(element),
    virtualPort: readVirtualPort(element),
    tags: readTags(element),
  };
}

function readForward(element: XmlElement | undefined): Forward | undefined {
  if (!element) return undefined;
  const device = (child: XmlElement) => ({ element: child, dev: rangedAttribute(child, 'dev') });
  return {
    element,
    mode: rangedAttribute(element, 'mode'),
    dev: rangedAttribute(element, 'dev'),
    managed: rangedAttribute(element, 'managed'),
    driverName: rangedAttribute(findChild(element, 'driver'), 'name'),
    interfaces: findChildren(element, 'interface').map(device),
    pfs: findChildren(element, 'pf').map(device),
    addresses: findChildren(element, 'address').map((child) => ({ element: child, attributes: rangedAttributes(child) })),
  };
}
