import { findChild, findChildren } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import type { StoragePool, StorageVolume } from './libvirtModel';
import { rangedAttribute, rangedChildText } from './ranged';

/**
 * A `<pool>` (storage_conf.c virStoragePoolDefParseXML): its name, type, target path, and the
 * source host and device an iscsi pool's direct-mode volume disks are given
 * (virDomainDiskAddISCSIPoolSourceHost).
 */
export function readStoragePool(element: XmlElement): StoragePool {
  const target = findChild(element, 'target');
  const source = findChild(element, 'source');
  const hosts = source ? findChildren(source, 'host') : [];
  return {
    kind: 'pool',
    element,
    name: rangedChildText(element, 'name'),
    uuid: rangedChildText(element, 'uuid'),
    poolType: rangedAttribute(element, 'type'),
    targetPath: target && rangedChildText(target, 'path'),
    sourceHost: rangedAttribute(hosts[0], 'name'),
    sourcePort: rangedAttribute(hosts[0], 'port'),
    sourceHostCount: hosts.length,
    sourceDevice: rangedAttribute(source && findChild(source, 'device'), 'path'),
  };
}

/** A `<volume>` (storage_conf.c virStorageVolDefParseXML): its name, type, key and target. */
export function readStorageVolume(element: XmlElement): StorageVolume {
  const target = findChild(element, 'target');
  return {
    kind: 'volume',
    element,
    name: rangedChildText(element, 'name'),
    volumeType: rangedAttribute(element, 'type'),
    key: rangedChildText(element, 'key'),
    targetPath: target && rangedChildText(target, 'path'),
    format: target && rangedAttribute(findChild(target, 'format'), 'type'),
  };
}
