/*
 * Saving a `libvirt:` document defines it on its connection (`virsh net-define`, `virsh define`):
 * the client's file system of `libvirt:` documents asks the server, which alone talks to libvirt.
 * Types and method names only: the client bundles this file.
 */

/** Request (client → server): define the saved text on the connection its URI names. */
export const defineLibvirtObjectMethod = 'libvirtXml/defineLibvirtObject';

export interface DefineLibvirtObjectParams {
  /** The `libvirt:` URI of the document saved: `libvirt://system/network/default.xml`. */
  readonly uri: string;
  /** The text the user saved, as it is. */
  readonly text: string;
  /**
   * The host's definition the text was made from (what the editor last read); the server
   * compares it with the host's definition now and answers `conflict` when they differ. Absent
   * to overwrite whatever the host holds.
   */
  readonly base?: string;
  /** The user agreed to define an object of the name the text gives, beside the one the URI names. */
  readonly allowNewName?: boolean;
  /** The user chose to define although libvirt's schemas find errors in the text. */
  readonly skipValidation?: boolean;
  /**
   * The text was read with its security info (LibvirtObjectTextParams.securityInfo): `base` is
   * compared with the host's definition read the same way, and the answer's text includes it.
   */
  readonly securityInfo?: boolean;
}

export type DefineLibvirtObjectResult =
  /** Defined: the definition as the host holds it now (libvirt adds what it generates: UUID, MAC), and its URI. */
  | { readonly status: 'defined'; readonly uri: string; readonly text: string; readonly message: string }
  /** The text names another object than the URI: defining it makes a second object; ask first. */
  | { readonly status: 'new-name'; readonly kind: 'network' | 'domain'; readonly name: string; readonly currentName: string; readonly message: string }
  /** The object changed (or was undefined) on the host since the text was read from it: `hostText` is its definition now. */
  | { readonly status: 'conflict'; readonly hostText?: string; readonly message: string }
  /** libvirt's schemas find errors (shown as diagnostics); nothing was defined. */
  | { readonly status: 'invalid'; readonly message: string }
  /** libvirt refused the definition: its own message; nothing was defined. */
  | { readonly status: 'refused'; readonly message: string }
  /** The connection may not be changed by this user (or at all): why; nothing was defined. */
  | { readonly status: 'read-only'; readonly message: string }
  /** Nothing was tried: not a `libvirt:` URI, no such connection, virsh did not answer. */
  | { readonly status: 'unavailable'; readonly message: string };

export type DefineStatus = DefineLibvirtObjectResult['status'];
