/**
 * Which of libvirt's RelaxNG schemas validates which root element. The schemas are never shipped
 * with the extension: the edge finds the host's libvirt install or a configured folder
 * (server/src/host/schema/schemaLocation.ts).
 */

/**
 * Root element → schema file, as libvirt's virt-xml-validate chooses it. Exact names here
 * (virt-xml-validate matches substrings, which only matters for names libvirt never writes).
 */
const schemaByRoot: Readonly<Record<string, string>> = {
  domain: 'domain.rng',
  network: 'network.rng',
  networkport: 'networkport.rng',
  domainsnapshot: 'domainsnapshot.rng',
  domaincheckpoint: 'domaincheckpoint.rng',
  domainbackup: 'domainbackup.rng',
  domainCapabilities: 'domaincaps.rng',
  cpu: 'cpu.rng',
  pool: 'storagepool.rng',
  storagepoolCapabilities: 'storagepoolcaps.rng',
  volume: 'storagevol.rng',
  capabilities: 'capability.rng',
  device: 'nodedev.rng',
  filter: 'nwfilter.rng',
  filterbinding: 'nwfilterbinding.rng',
  secret: 'secret.rng',
  interface: 'interface.rng',
};

/** The schema file name for a root element, or undefined when libvirt has no schema for it. */
export function schemaFileForRoot(rootName: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(schemaByRoot, rootName) ? schemaByRoot[rootName] : undefined;
}
