import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { resolvedStatusMethod } from '../../protocol/src/messages';
import { useServer } from './sessionFixture';

const position = { line: 0, character: 1 };

/** Requests whose document or position is not what LSP says it is: refused, never a server failure. */
const malformedRequests: readonly { method: string; params: unknown }[] = [
  { method: resolvedStatusMethod, params: { uri: 42 } },
  { method: resolvedStatusMethod, params: {} },
  { method: resolvedStatusMethod, params: null },
  { method: resolvedStatusMethod, params: { uri: 'file:///a.xml', firstVolumeDisk: -1 } },
  { method: resolvedStatusMethod, params: { uri: 'file:///a.xml', maxVolumeDisks: 'all' } },
  { method: 'textDocument/hover', params: { textDocument: { uri: null }, position } },
  { method: 'textDocument/hover', params: { position } },
  { method: 'textDocument/hover', params: { textDocument: { uri: 'file:///a.xml' }, position: { line: 'x', character: 0 } } },
  { method: 'textDocument/completion', params: { textDocument: { uri: ['file:///a.xml'] }, position } },
  { method: 'textDocument/definition', params: { textDocument: { uri: {} }, position } },
  { method: 'textDocument/references', params: { textDocument: { uri: 7 }, position, context: { includeDeclaration: true } } },
  { method: 'textDocument/prepareRename', params: { textDocument: { uri: false }, position } },
  { method: 'textDocument/rename', params: { textDocument: { uri: 1 }, position, newName: 'x' } },
  { method: 'textDocument/codeAction', params: { textDocument: { uri: 1 }, range: { start: position, end: position }, context: { diagnostics: [] } } },
  { method: 'textDocument/references', params: { textDocument: { uri: 'file:///a.xml' }, position } },
  { method: 'textDocument/codeAction', params: { textDocument: { uri: 'file:///a.xml' }, range: { start: position, end: position } } },
  { method: 'textDocument/codeLens', params: { textDocument: { uri: 1 } } },
  { method: 'textDocument/documentSymbol', params: { textDocument: { uri: 1 } } },
  { method: 'textDocument/foldingRange', params: { textDocument: { uri: 1 } } },
  { method: 'textDocument/documentLink', params: { textDocument: { uri: 1 } } },
  { method: 'workspace/symbol', params: { query: 5 } },
];

describe('requests with invalid params over LSP', () => {
  const server = useServer();

  for (const { method, params } of malformedRequests) {
    it(`refuses ${method} ${JSON.stringify(params)} as invalid params`, async () => {
      const { session } = server();
      const logged = session.log.length;
      const answer = await session.timedRequest(method, params as object).then(
        () => undefined,
        (error: unknown) => error,
      );
      assert.ok(answer instanceof ResponseError, `expected an error response, got ${String(answer)}`);
      assert.equal(answer.code, ErrorCodes.InvalidParams, answer.message);
      assert.deepEqual(
        session.log.slice(logged).filter((message) => message.includes('failed')),
        [],
        'the server logged the request as its own failure',
      );
    });
  }
});
