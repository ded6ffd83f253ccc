import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createLspServer } from './lsp/lspServer';
import { exitOnTerminationSignals, logUncaughtErrors } from './lsp/processErrorHandlers';

/*
 * The language server's entry (bundled as dist/server.js). Started by the VS Code client over
 * IPC, or by any editor with `--stdio`: createConnection picks the transport from the command line.
 */
const connection = createConnection(ProposedFeatures.all);
const server = createLspServer(connection);
logUncaughtErrors(server);
exitOnTerminationSignals();
server.listen();
