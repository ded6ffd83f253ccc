import type { ConnectionFailureKind, ConnectionNode, LibvirtTreeResult } from '../../../protocol/src/libvirtTree';

/**
 * What the Libvirt view shows: the connections (when one at least can be read or is being read),
 * or, when none can, the welcome content for why. `state` is the context key the welcome
 * contents of package.json test (`libvirtXml.libvirtViewState`).
 */
export type ViewState = 'starting' | 'none-configured' | 'ready' | ConnectionFailureKind;

export interface ViewContents {
  readonly state: ViewState;
  /** The connections to list: readable ones, and those that failed in a way worth saying. */
  readonly connections: readonly ConnectionNode[];
  /** When nothing is listed: the server's own reasons, one line per connection. */
  readonly message?: string;
}

export function viewContents(result: LibvirtTreeResult | undefined): ViewContents {
  if (!result) return { state: 'starting', connections: [] };
  if (result.connections.length === 0) return { state: 'none-configured', connections: [] };
  const readable = result.connections.some((connection) => connection.state !== 'failed');
  if (readable) return { state: 'ready', connections: result.connections.filter((connection) => connection.state !== 'failed' || !connection.quiet) };
  const failed = result.connections.filter((connection) => connection.failure);
  const telling = failed.find((connection) => !connection.quiet) ?? failed[0];
  return {
    state: telling?.failure?.kind ?? 'error',
    connections: [],
    message: failed
      .map(
        (connection) =>
          `${connection.uri}: ${connection.failure?.reason ?? 'not read'}. To fix: ${connection.failure?.remedy ?? 'see the libvirt XML output'}.`,
      )
      .join('\n'),
  };
}

/** The server's answer, checked to be a tree (a malformed one reads as none). */
export function readLibvirtTree(answer: unknown): LibvirtTreeResult | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined;
  const connections = (answer as { connections?: unknown }).connections;
  if (!Array.isArray(connections)) return undefined;
  const wellFormed = connections.every(
    (connection: unknown) =>
      typeof connection === 'object' &&
      connection !== null &&
      typeof (connection as ConnectionNode).uri === 'string' &&
      Array.isArray((connection as ConnectionNode).networks) &&
      Array.isArray((connection as ConnectionNode).domains),
  );
  // Pools and filters are optional on the wire (a server that read none may leave them out).
  const withStorage = (connections as ConnectionNode[]).map((connection) => ({
    ...connection,
    pools: Array.isArray(connection.pools) ? connection.pools : [],
    filters: Array.isArray(connection.filters) ? connection.filters : [],
  }));
  return wellFormed ? { connections: withStorage } : undefined;
}
