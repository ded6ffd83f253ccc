import { CodeLensRefreshRequest, type Connection } from 'vscode-languageserver/node';
import type { HandlerGuard } from './handlerGuard';
import type { ClientState } from './serverContext';

/** Changes closer together than this share one refresh. */
const burstMs = 300;

/**
 * The "used by N interfaces" lenses of open network files count interfaces in other files: after
 * the index changed, ask the client (once per burst of changes) to fetch them again.
 */
export class CodeLensRefresher {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly client: ClientState,
    private readonly guard: HandlerGuard,
  ) {}

  request(): void {
    if (!this.client.capabilities.workspace?.codeLens?.refreshSupport || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => this.guard.logError('refreshing code lenses', error));
    }, burstMs);
  }

  /** After shutdown the client takes no more requests. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
