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

/**
 * A server told to stop by a signal exits through process.exit, so that what it started (virsh
 * event loops) is stopped with it (see stopWithThisProcess); by default node would end at once.
 */
export function exitOnTerminationSignals(): void {
  for (const [signal, number] of [
    ['SIGTERM', 15],
    ['SIGINT', 2],
    ['SIGHUP', 1],
  ] as const) {
    process.once(signal, () => process.exit(128 + number));
  }
}
