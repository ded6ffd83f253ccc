/**
 * A storage pool with volumes and a chain of network filters, for the tests of pools, volumes
 * and filters. A volume file belongs to the pool named like its folder (see poolOfVolume).
 */

export const defaultPoolPath = 'storage/default.xml';
export const defaultPool = `<pool type='dir'>
  <name>default</name>
  <target>
    <path>/var/lib/libvirt/images</path>
  </target>
</pool>
`;

export const rbdPoolPath = 'storage/ceph.xml';
export const rbdPool = `<pool type='rbd'>
  <name>ceph</name>
  <source><name>rbd</name><host name='mon1'/></source>
</pool>
`;

export const diskVolumePath = 'storage/default/disk1.qcow2.xml';
export const diskVolume = `<volume type='file'>
  <name>disk1.qcow2</name>
  <capacity unit='G'>10</capacity>
  <target>
    <path>/var/lib/libvirt/images/disk1.qcow2</path>
    <format type='qcow2'/>
  </target>
</volume>
`;

export const dataVolumePath = 'storage/default/data.img.xml';
export const dataVolume = `<volume>
  <name>data.img</name>
  <capacity unit='G'>1</capacity>
</volume>
`;

/** Uses $IP (libvirt may learn it) and $DEST (only the interface can give it). */
export const childFilterPath = 'nwfilter/s6-child.xml';
export const childFilter = `<filter name='s6-child' chain='root'>
  <rule action='accept' direction='out'>
    <ip srcipaddr='$IP'/>
  </rule>
  <rule action='accept' direction='in'>
    <ip dstipaddr='$DEST'/>
  </rule>
</filter>
`;

export const topFilterPath = 'nwfilter/s6-top.xml';
export const topFilter = `<filter name='s6-top' chain='root'>
  <filterref filter='s6-child'/>
</filter>
`;

/** A domain around the given `<devices>` content. */
export function domainWithDevices(devices: string): string {
  return `<domain type='qemu'>
  <name>guest</name>
  <devices>
    ${devices}
  </devices>
</domain>
`;
}

export const storageAndFilterFiles: Readonly<Record<string, string>> = {
  [defaultPoolPath]: defaultPool,
  [rbdPoolPath]: rbdPool,
  [diskVolumePath]: diskVolume,
  [dataVolumePath]: dataVolume,
  [childFilterPath]: childFilter,
  [topFilterPath]: topFilter,
};
