import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { createLspServer } from '../../server/src/lsp/lspServer';
import { withTimeout, type ServerProcess } from './serverProcess';

/**
 * The server created in this process by createLspServer, over a pair of in-memory streams: no
 * bundle and no child process, so a test can step through it in a debugger.
 */
export class InProcessServer implements ServerProcess {
  readonly connection: ProtocolConnection;
  /** No process to watch: the server's watchdog would exit this very process. */
  readonly clientProcessId = null;
  readonly exitCode = null;
  readonly pid = undefined;
  readonly stderr: readonly string[] = [];
  private readonly serverConnection: Connection;

  constructor() {
    const clientToServer = new PassThrough();
    const serverToClient = new PassThrough();
    // Message readers, not raw streams: on a raw stream's end, createConnection exits the process.
    this.serverConnection = createConnection(ProposedFeatures.all, new StreamMessageReader(clientToServer), new StreamMessageWriter(serverToClient));
    createLspServer(this.serverConnection).listen();
    this.connection = createProtocolConnection(new StreamMessageReader(serverToClient), new StreamMessageWriter(clientToServer));
  }

  /** Shutdown only: the exit notification would end this process, which is the test runner. */
  async stop(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 2000, 'the shutdown response');
    } catch {
      // Whatever went wrong, the connections are closed below.
    } finally {
      this.connection.dispose();
      this.serverConnection.dispose();
    }
  }
}
