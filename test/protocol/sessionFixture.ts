import { after, before } from 'node:test';
import type { Position } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/util/lineIndex';
import { splitCursor } from '../../server/src/testing';
import { LspSession } from './lspSession';
import { WorkspaceFixture } from './workspaceFixture';

export interface Running {
  readonly fixture: WorkspaceFixture;
  readonly session: LspSession;
}

/**
 * Starts the real server (the bundle in a child process, or createLspServer in this process
 * with `inProcess`) on a fresh temporary workspace before the tests of a file, waits for
 * the first crawl, and always stops the server and deletes the workspace afterwards.
 */
export function useServer(options: { inProcess?: boolean; withoutSchemas?: boolean } = {}): () => Running {
  let running: Running | undefined;
  let fixture: WorkspaceFixture | undefined;
  before(async () => {
    fixture = new WorkspaceFixture();
    // Without schemas (a schema folder holding no domain.rng), no publication comes from a schema
    // verdict arriving late: a test can tell which change re-published a document.
    const schemaPath = options.withoutSchemas ? fixture.root : undefined;
    const sessionOptions = { workspaceFolder: fixture.workspaceFolder, settings: { networkPaths: [fixture.networkFolder], schemaPath } };
    const session = await (options.inProcess ? LspSession.startInProcess(sessionOptions) : LspSession.start(sessionOptions));
    running = { fixture, session };
    await session.indexed();
  });
  after(async () => {
    await running?.session.stop();
    fixture?.remove();
  });
  return () => {
    if (!running) throw new Error('the server did not start');
    return running;
  };
}

/** A text with a `|` marker: the text without it and the LSP position of the marker. */
export function withCursor(textWithCursor: string): { text: string; position: Position } {
  const { text, offset } = splitCursor(textWithCursor);
  return { text, position: new LineIndex(text).positionAt(offset) };
}
