import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createLspServer } from '../lsp/lspServer';
import { exitOnTerminationSignals, logUncaughtErrors } from '../lsp/processErrorHandlers';

/**
 * `libvirt-xml lsp`: the same server as dist/server.js, created in this process; createConnection
 * reads --stdio (or --node-ipc) from the command line, as the server's own entry does. A module of
 * its own, loaded only for this command: the language server's transport costs `check` 11 MB of
 * memory at start (issue 19: its RSS at 1,000 files was 3–7 MB above its bound).
 */
export function startLanguageServer(): void {
  const server = createLspServer(createConnection(ProposedFeatures.all));
  logUncaughtErrors(server);
  exitOnTerminationSignals();
  server.listen();
}
