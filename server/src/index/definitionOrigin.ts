import { parseLibvirtObjectUri } from '../../../protocol/src/libvirtUris';

/**
 * Where an indexed definition comes from, which decides which one a reference resolves to when a
 * name is defined more than once: the user's own files (workspace folders, configured network
 * folders, open documents) first, then the libvirt connections in their configured order, then
 * the host's libvirt folders (read when readable: the connection's own files, a fallback).
 */
export type DefinitionOrigin =
  { readonly kind: 'workspace' } | { readonly kind: 'connection'; readonly label: string; readonly connectionUri: string } | { readonly kind: 'host-folder' };

export const workspaceOrigin: DefinitionOrigin = { kind: 'workspace' };
export const hostFolderOrigin: DefinitionOrigin = { kind: 'host-folder' };

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

/** The precedence of an origin: lower wins. */
export function originRank(origin: DefinitionOrigin, connections: readonly IndexedConnection[]): number {
  if (origin.kind === 'workspace') return 0;
  if (origin.kind === 'host-folder') return 1_000_000;
  const position = connections.findIndex((connection) => connection.label === origin.label);
  return 1 + (position < 0 ? connections.length : position);
}

/** The origin a URI implies: `libvirt:` URIs name a connection's object; other URIs are given theirs. */
export function connectionOriginOf(uri: string, connections: readonly IndexedConnection[]): DefinitionOrigin | undefined {
  const ref = uri.startsWith('libvirt:') ? parseLibvirtObjectUri(uri) : undefined;
  if (!ref) return undefined;
  const connection = connections.find((candidate) => candidate.label === ref.connection);
  return { kind: 'connection', label: ref.connection, connectionUri: connection?.uri ?? ref.connection };
}
