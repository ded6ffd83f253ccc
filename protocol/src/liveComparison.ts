/*
 * "Compare Predicted with Live" of the Libvirt view: for a running domain, the `<interface>`s
 * libvirt-xml predicts beside those the running domain has. Types and method names only.
 */

/** Request (client → server): the two texts to show in a diff editor. */
export const compareWithLiveMethod = 'libvirtXml/compareWithLive';

export interface CompareWithLiveParams {
  /** The domain's `libvirt:` URI. */
  readonly uri: string;
}

export interface CompareWithLiveResult {
  /** The predicted status XML of each interface, paired with `live` by MAC, one block each. */
  readonly predicted?: string;
  /** The running domain's `<interface>`s (`virsh dumpxml`), in the same blocks. */
  readonly live?: string;
  /** The fields that differ beyond values only a running domain knows (tap device, alias, port id). */
  readonly differences?: readonly string[];
  /** Why there is nothing to compare: not running, no such domain, connection not readable. */
  readonly error?: string;
}
