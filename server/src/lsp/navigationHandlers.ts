import { isLibvirtUri } from '../../../protocol/src/libvirtUris';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { EditOptions } from '../services/edits/workspaceEditBuilder';
import { isRefusal, type RenameRefusal } from '../services/rename';
import { codeActionContext, documentPosition, referencesContext, textDocumentUri } from './requestParams';
import { answerFromDocument, documentForRequest, type ServerContext } from './serverContext';

/** Navigation and refactoring: definition, references, rename, quick fixes and code lenses. */
export function registerNavigationHandlers(context: ServerContext): void {
  const { connection, guard, service, index } = context;

  connection.onDefinition((params, token) => {
    const { uri, position } = documentPosition(params);
    return answerFromDocument(context, 'definition', uri, (document) => service.findDefinition(document, position, index), token);
  });

  connection.onReferences((params, token) => {
    const { uri, position } = documentPosition(params);
    const { includeDeclaration } = referencesContext(params);
    return answerFromDocument(context, 'references', uri, (document) => service.findReferences(document, position, index, includeDeclaration), token);
  });

  connection.onPrepareRename(async (params, token) => {
    const { uri, position } = documentPosition(params);
    const answer = await answerFromDocument(
      context,
      'prepare rename',
      uri,
      (document) => service.prepareRename(document, position, index, editOptions(context)),
      token,
    );
    return answer && isRefusal(answer) ? refused(answer) : answer;
  });

  connection.onRenameRequest(async (params, token) => {
    const { uri, position } = documentPosition(params);
    const answer = await answerFromDocument(
      context,
      'rename',
      uri,
      (document) => service.doRename(document, position, params.newName, index, editOptions(context)),
      token,
    );
    return answer && isRefusal(answer) ? refused(answer) : (answer?.edit ?? null);
  });

  connection.onCodeAction(async (params, token) => {
    const uri = textDocumentUri(params);
    const actionContext = codeActionContext(params);
    const document = await documentForRequest(context, uri, token);
    return guard.runPromise('code actions', null, async () =>
      document ? await service.getCodeActions(document, actionContext, index, editOptions(context)) : null,
    );
  });

  connection.onCodeLens((params, token) => {
    const uri = textDocumentUri(params);
    return answerFromDocument(context, 'code lens', uri, (document) => service.getCodeLenses(document, index), token);
  });
}

/**
 * Edits as the client takes them; files outside the workspace folders (network folders) are never
 * edited unless open, and what a libvirt connection defines never (it is changed with virsh).
 */
function editOptions({ client, documents }: ServerContext): EditOptions {
  return {
    documentChanges: client.capabilities.workspace?.workspaceEdit?.documentChanges ?? false,
    openVersion: (uri) => documents.get(uri)?.version,
    canEdit: (uri) =>
      (!isLibvirtUri(uri) && documents.get(uri) !== undefined) ||
      client.workspaceFolderUris.some((folder) => uri.startsWith(folder.endsWith('/') ? folder : `${folder}/`)),
  };
}

/** A refused rename becomes an error response, which editors show to the user. */
function refused(answer: RenameRefusal): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, answer.refusal);
}
