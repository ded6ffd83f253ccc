import { libvirtTreeMethod, type LibvirtTreeParams, type LibvirtTreeResult } from '../../../protocol/src/libvirtTree';
import { buildLibvirtTree } from '../services/libvirtTree';
import type { LibvirtConnections } from './libvirtConnections';
import type { ServerContext } from './serverContext';

/** The Libvirt view's request: every configured connection with what it defines and each object's state (its storage read again first when asked). */
export function registerLibvirtTreeHandler(context: ServerContext, libvirt: LibvirtConnections): void {
  const { connection, guard, index } = context;
  connection.onRequest(libvirtTreeMethod, (params: unknown) =>
    guard.runPromise<LibvirtTreeResult>('the libvirt view', { connections: [] }, async () => {
      // Refresh: libvirt says nothing when a volume or a filter is defined; read them now.
      if (typeof params === 'object' && params !== null && (params as LibvirtTreeParams).reread === true) await libvirt.rereadStorage();
      return { connections: buildLibvirtTree(await libvirt.connectionInputs(), index) };
    }),
  );
}
