import type { Connection } from 'vscode-languageserver/node';

/**
 * Keeps the server alive through a failing handler: whatever a handler throws is logged to the
 * client's output and a fallback answered, never a crash.
 */
export class HandlerGuard {
  constructor(private readonly connection: Connection) {}

  /** Runs a handler; on a throw, logs it and answers the fallback. */
  run<T>(what: string, fallback: T, handler: () => T): T {
    try {
      return handler();
    } catch (error) {
      this.logError(what, error);
      return fallback;
    }
  }

  /**
   * Runs a handler that answers later; on a rejection, logs it and answers the fallback. A
   * rejection with an instance of `passOn` is no failure (work dropped on purpose): it is passed on.
   */
  async runPromise<T>(what: string, fallback: T, handler: () => Promise<T>, passOn?: abstract new (...args: never[]) => Error): Promise<T> {
    try {
      return await handler();
    } catch (error) {
      if (passOn && error instanceof passOn) throw error;
      this.logError(what, error);
      return fallback;
    }
  }

  /** Runs an async handler whose rejection is logged rather than left unhandled. */
  runAsync(what: string, handler: () => Promise<void>): void {
    handler().catch((error: unknown) => this.logError(what, error));
  }

  logError(what: string, error: unknown): void {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    try {
      this.connection.console.error(`libvirt-xml: ${what} failed: ${detail}`);
    } catch {
      // The connection itself is gone; nothing left to tell.
    }
  }
}
