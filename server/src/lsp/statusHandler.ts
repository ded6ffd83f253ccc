import { resolvedStatusMethod, type ResolvedStatusParams, type ResolvedStatusResult } from '../../../protocol/src/messages';
import { isCandidateUri } from './documentStore';
import { requestUri } from './requestParams';
import type { ServerContext } from './serverContext';

/** The status panel's request: the resolved status of a domain's interfaces. */
export function registerStatusHandler(context: ServerContext): void {
  const { connection, documents, guard, service, index } = context;
  const notLibvirt = (uri: string): ResolvedStatusResult => ({ uri, version: documents.get(uri)?.version ?? 0, kind: 'other', interfaces: [] });

  connection.onRequest(resolvedStatusMethod, (params: ResolvedStatusParams): ResolvedStatusResult => {
    const uri = requestUri(params);
    return guard.run('resolved status', notLibvirt(uri), () => {
      // An open document answers with its unsaved text; otherwise the file as indexed.
      const document = documents.get(uri) ? context.openDocument(uri) : isCandidateUri(uri) ? index.get(uri) : undefined;
      return document ? service.getResolvedStatus(document, index) : notLibvirt(uri);
    });
  });
}
