import type { TextRange } from '../parser/xmlTree';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  readonly uri: string;
  readonly range: TextRange;
  readonly message: string;
}

/**
 * A problem the engine found in a document: a plain, located value. It lives in the model, below
 * the resolver, because both the resolver (an interface's problems) and the rules in findings/
 * make them; services and the CLI only read them. The code is stable (tools and quick fixes key on
 * it); the message is for people and, where libvirt reports the same problem, carries libvirt's
 * own text.
 */
export interface Finding {
  readonly uri: string;
  readonly range: TextRange;
  readonly severity: Severity;
  readonly code: FindingCode;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  /** Names a quick fix may offer instead of the one written (closest first). */
  readonly suggestions?: readonly string[];
}

export type FindingCode =
  | 'malformed-xml'
  | 'unknown-network'
  | 'network-not-checked'
  | 'unknown-portgroup'
  | 'missing-network-name'
  | 'duplicate-network'
  | 'duplicate-portgroup'
  | 'multiple-default-portgroups'
  | 'portgroup-on-non-network-interface'
  | 'floor-unsupported-by-network'
  | 'floor-unsupported-for-interface'
  | 'floor-needs-network-inbound'
  | 'floor-on-outbound'
  | 'bandwidth-missing-average'
  | 'vlan-unsupported'
  | 'vlan-tag-out-of-range'
  | 'vlan-native-mode'
  | 'vlan-trunk'
  | 'virtualport-conflict'
  | 'virtualport-type-unsupported'
  | 'virtualport-incomplete'
  | 'empty-device-pool'
  | 'device-pool-exhausted'
  | 'interface-type-invalid'
  | 'interface-source-missing'
  | 'empty-source-device'
  | 'invalid-yes-no'
  | 'virtualport-unsupported-for-interface'
  | 'virtualport-type-missing'
  | 'port-isolated-unsupported'
  | 'bandwidth-duplicate-direction'
  | 'unmanaged-target-unsupported'
  | 'mtu-unsupported'
  | 'ip-unsupported-for-interface'
  | 'invalid-mac'
  | 'invalid-value'
  | 'tag-dropped-by-libvirt'
  | 'tag-missing-name'
  | 'forward-needs-ip'
  | 'forward-mode-conflict'
  | 'forward-pool-conflict'
  | 'duplicate-pool-device'
  | 'multiple-dhcp'
  | 'dns-disabled-extra-data'
  | 'network-name-whitespace'
  | 'network-name-too-long'
  | 'unescaped-in-saved-file'
  | 'network-name-too-long-for-dnsmasq'
  | 'bridge-name-too-long'
  | 'nat-port-range'
  | 'dhcp-range'
  | 'forward-pool-ignored'
  | 'unknown-pool'
  | 'pool-not-checked'
  | 'unknown-volume'
  | 'volume-mode-unsupported'
  | 'volume-pool-unsupported'
  | 'volume-type-unexpected'
  | 'iscsi-pool-hosts'
  | 'iscsi-volume-name'
  | 'unknown-filter'
  | 'filter-not-checked'
  | 'filter-chain-broken'
  | 'filter-loop'
  | 'filter-missing-parameter'
  /** What libvirt's RelaxNG schema refuses (the CLI's --schema, the editor's schema validation). */
  | 'schema';
