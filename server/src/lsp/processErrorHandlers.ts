import type { LspServer } from './lspServer';

/**
 * A language server process must outlive a bug: errors no handler caught go to the client's
 * output instead of ending the process. Installed by whoever owns the process (the server entry,
 * the CLI's `lsp` command), never by an in-process server.
 */
export function logUncaughtErrors(server: LspServer): void {
  process.on('uncaughtException', (error) => server.logError('unexpected error', error));
  process.on('unhandledRejection', (reason) => server.logError('unexpected rejection', reason));
}
