import { documentOfItemData } from '../services/referenceCompletion';
import { documentPosition, symbolQuery, textDocumentUri } from './requestParams';
import { answerFromDocument, documentForRequest, type ServerContext } from './serverContext';

/** Completion, hover, outline, folding and links: requests answered from one open document. */
export function registerLanguageFeatureHandlers(context: ServerContext): void {
  const { connection, guard, service, index, client } = context;

  connection.onCompletion((params, token) => {
    const { uri, position } = documentPosition(params);
    return answerFromDocument(
      context,
      'completion',
      uri,
      (document) => {
        const completionItem = client.capabilities.textDocument?.completion?.completionItem;
        return service.doComplete(document, position, index, {
          snippets: completionItem?.snippetSupport ?? false,
          triggerCharacter: params.context?.triggerCharacter,
          lazyDocumentation: completionItem?.resolveSupport?.properties.includes('documentation') ?? false,
        });
      },
      token,
    );
  });

  connection.onCompletionResolve(async (item, token) => {
    const uri = documentOfItemData(item.data);
    const document = uri === undefined ? undefined : await documentForRequest(context, uri, token);
    return guard.run('completion resolve', item, () => (document ? service.resolveCompletionItem(item, document, index) : item));
  });

  connection.onHover((params, token) => {
    const { uri, position } = documentPosition(params);
    return answerFromDocument(context, 'hover', uri, (document) => service.doHover(document, position, index), token);
  });

  connection.onDocumentSymbol((params, token) => {
    const uri = textDocumentUri(params);
    return answerFromDocument(context, 'document symbols', uri, (document) => service.getDocumentSymbols(document), token);
  });

  connection.onWorkspaceSymbol((params) => {
    const query = symbolQuery(params);
    return guard.run('workspace symbols', null, () => service.getWorkspaceSymbols(query, index));
  });

  connection.onFoldingRanges((params, token) => {
    const uri = textDocumentUri(params);
    const rangeLimit = client.capabilities.textDocument?.foldingRange?.rangeLimit;
    return answerFromDocument(context, 'folding ranges', uri, (document) => service.getFoldingRanges(document, rangeLimit), token);
  });

  connection.onDocumentLinks((params, token) => {
    const uri = textDocumentUri(params);
    return answerFromDocument(context, 'document links', uri, (document) => service.getDocumentLinks(document, index), token);
  });
}
