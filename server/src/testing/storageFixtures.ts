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

/** A dir pool of this name: written to disk, it makes a reference to the pool known. */
export function dirPoolNamed(name: string): string {
  return `<pool type='dir'>\n  <name>${name}</name>\n  <target><path>/tmp</path></target>\n</pool>\n`;
}

/** A volume of this name (put it in its pool's folder). */
export function volumeNamed(name: string): string {
  return `<volume>\n  <name>${name}</name>\n  <capacity>1</capacity>\n</volume>\n`;
}

/** A root-chain filter of this name that accepts everything. */
export function acceptFilterNamed(name: string): string {
  return `<filter name='${name}' chain='root'>\n  <rule action='accept' direction='in'><all/></rule>\n</filter>\n`;
}

/** A guest's devices (for guestWith): a disk on a volume of a pool, and an interface on mynet with a filter. */
export function volumeAndFilterDevices(pool: string, volume: string, filter: string): string {
  return `    <disk type='volume' device='disk'>
      <source pool='${pool}' volume='${volume}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:00:00:01'/>
      <source network='mynet'/>
      <filterref filter='${filter}'/>
    </interface>`;
}
