import { isLibvirtUri, parseLibvirtDocumentUri } from '../../../protocol/src/libvirtUris';

/**
 * Where an indexed definition comes from, which decides which one a reference resolves to when a
 * name is defined more than once: the user's own files first — open documents (their unsaved
 * text), then the workspace folders' files, then the folders of `libvirtXml.networkPaths` — then
 * the libvirt connections in their configured order, then the host's libvirt folders (read when
 * readable: the system connection's own files, a fallback).
 */
export type DefinitionOrigin =
  | { readonly kind: 'workspace' }
  | { readonly kind: 'network-folder' }
  | { readonly kind: 'connection'; readonly label: string; readonly connectionUri: string }
  | { readonly kind: 'host-folder' };

export const workspaceOrigin: DefinitionOrigin = { kind: 'workspace' };
export const networkFolderOrigin: DefinitionOrigin = { kind: 'network-folder' };
export const hostFolderOrigin: DefinitionOrigin = { kind: 'host-folder' };

/** The user's own files: they compete as duplicates; a connection's or the host's copy does not. */
export function isUserFile(origin: DefinitionOrigin): boolean {
  return origin.kind === 'workspace' || origin.kind === 'network-folder';
}

/** A libvirt connection as the index knows it: its URI and the label its `libvirt:` URIs carry. */
export interface IndexedConnection {
  readonly uri: string;
  readonly label: string;
}

/**
 * A source of definitions that could not be read, so a name missing from the index may exist
 * there: a connection refused or failed (said in `reason`, with the remedy).
 */
export interface UnreadableSource {
  readonly name: string;
  readonly reason: string;
}

/** The precedence of an origin: lower wins. `open`: the document is open in the editor with unsaved edits. */
export function originRank(origin: DefinitionOrigin, connections: readonly IndexedConnection[], open: boolean): number {
  switch (origin.kind) {
    case 'workspace':
      return open ? 0 : 1;
    case 'network-folder':
      return open ? 0 : 2;
    case 'host-folder':
      return 1_000_000;
    case 'connection': {
      const position = connections.findIndex((connection) => connection.label === origin.label);
      return 3 + (position < 0 ? connections.length : position);
    }
  }
}

/** The origin a URI implies: `libvirt:` URIs name a connection's object; other URIs are given theirs. */
export function connectionOriginOf(uri: string, connections: readonly IndexedConnection[]): DefinitionOrigin | undefined {
  const ref = isLibvirtUri(uri) ? parseLibvirtDocumentUri(uri) : undefined;
  if (!ref) return undefined;
  const connection = connections.find((candidate) => candidate.label === ref.connection);
  return { kind: 'connection', label: ref.connection, connectionUri: connection?.uri ?? ref.connection };
}
