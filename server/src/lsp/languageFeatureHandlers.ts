import { documentOfItemData } from '../services/referenceCompletion';
import type { ServerContext } from './serverContext';

/** Completion, hover, outline, folding and links: requests answered from one open document. */
export function registerLanguageFeatureHandlers(context: ServerContext): void {
  const { connection, guard, service, index, client } = context;

  connection.onCompletion((params) =>
    guard.run('completion', null, () => {
      const document = context.openDocument(params.textDocument.uri);
      if (!document) return null;
      const completionItem = client.capabilities.textDocument?.completion?.completionItem;
      return service.doComplete(document, params.position, index, {
        snippets: completionItem?.snippetSupport ?? false,
        triggerCharacter: params.context?.triggerCharacter,
        lazyDocumentation: completionItem?.resolveSupport?.properties.includes('documentation') ?? false,
      });
    }),
  );

  connection.onCompletionResolve((item) =>
    guard.run('completion resolve', item, () => {
      const uri = documentOfItemData(item.data);
      const document = uri === undefined ? undefined : context.openDocument(uri);
      return document ? service.resolveCompletionItem(item, document, index) : item;
    }),
  );

  connection.onHover((params) =>
    guard.run('hover', null, () => {
      const document = context.openDocument(params.textDocument.uri);
      return document ? service.doHover(document, params.position, index) : null;
    }),
  );

  connection.onDocumentSymbol((params) =>
    guard.run('document symbols', null, () => {
      const document = context.openDocument(params.textDocument.uri);
      return document ? service.getDocumentSymbols(document) : null;
    }),
  );

  connection.onWorkspaceSymbol((params) => guard.run('workspace symbols', null, () => service.getWorkspaceSymbols(params.query, index)));

  connection.onFoldingRanges((params) =>
    guard.run('folding ranges', null, () => {
      const document = context.openDocument(params.textDocument.uri);
      return document ? service.getFoldingRanges(document) : null;
    }),
  );

  connection.onDocumentLinks((params) =>
    guard.run('document links', null, () => {
      const document = context.openDocument(params.textDocument.uri);
      return document ? service.getDocumentLinks(document, index) : null;
    }),
  );
}
