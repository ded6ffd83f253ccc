import { libvirtTreeMethod, type LibvirtTreeResult } from '../../../protocol/src/libvirtTree';
import { buildLibvirtTree } from '../services/libvirtTree';
import type { LibvirtConnections } from './libvirtConnections';
import type { ServerContext } from './serverContext';

/** The Libvirt view's request: every configured connection with what it defines and each object's state. */
export function registerLibvirtTreeHandler(context: ServerContext, libvirt: LibvirtConnections): void {
  const { connection, guard, index } = context;
  connection.onRequest(libvirtTreeMethod, () =>
    guard.runPromise<LibvirtTreeResult>('the libvirt view', { connections: [] }, async () => ({
      connections: buildLibvirtTree(await libvirt.connectionInputs(), index),
    })),
  );
}
