import { resolvedStatusMethod, type ResolvedStatusParams, type ResolvedStatusResult } from '../../../protocol/src/messages';
import type { CancellationToken } from 'vscode-languageserver/node';
import { isCandidateUri } from './documentStore';
import { requestPage, requestUri } from './requestParams';
import { documentForRequest, requestCancelled, type ServerContext } from './serverContext';

/**
 * The status panel's request: the resolved status of a domain's interfaces, a page of them (see
 * statusPageSize). A large open document is parsed in slices first; a cancelled request is
 * answered with RequestCancelled.
 */
export function registerStatusHandler(context: ServerContext): void {
  const { connection, documents, guard, service, index } = context;
  const notLibvirt = (uri: string): ResolvedStatusResult => ({
    uri,
    version: documents.get(uri)?.version ?? 0,
    kind: 'other',
    interfaces: [],
    firstInterface: 0,
    totalInterfaces: 0,
  });

  connection.onRequest(resolvedStatusMethod, async (params: ResolvedStatusParams, token: CancellationToken): Promise<ResolvedStatusResult> => {
    const uri = requestUri(params);
    const page = requestPage(params);
    // An open document answers with its unsaved text; otherwise the file as indexed.
    const document = documents.get(uri) ? await documentForRequest(context, uri, token) : isCandidateUri(uri) ? index.get(uri) : undefined;
    if (token.isCancellationRequested) throw requestCancelled();
    return guard.run('resolved status', notLibvirt(uri), () => (document ? service.getResolvedStatus(document, index, page) : notLibvirt(uri)));
  });
}
