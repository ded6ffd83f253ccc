import { findChild } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import type { StoragePool, StorageVolume } from './libvirtModel';
import { rangedAttribute, rangedChildText } from './ranged';

/** A `<pool>` (storage_conf.c virStoragePoolDefParseXML): its name, type and target path. */
export function readStoragePool(element: XmlElement): StoragePool {
  const target = findChild(element, 'target');
  return {
    kind: 'pool',
    element,
    name: rangedChildText(element, 'name'),
    uuid: rangedChildText(element, 'uuid'),
    poolType: rangedAttribute(element, 'type'),
    targetPath: target && rangedChildText(target, 'path'),
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
