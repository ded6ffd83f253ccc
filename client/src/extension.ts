import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { showReferencesCommand } from '../../protocol/src/commands';
import { defineLibvirtObjectMethod, type DefineLibvirtObjectParams, type DefineLibvirtObjectResult } from '../../protocol/src/libvirtDefine';
import { libvirtTreeChangedMethod, libvirtTreeMethod } from '../../protocol/src/libvirtTree';
import { libvirtUriScheme } from '../../protocol/src/libvirtUris';
import { compareWithLiveMethod, type CompareWithLiveParams } from '../../protocol/src/liveComparison';
import {
  libvirtObjectsChangedMethod,
  libvirtObjectTextMethod,
  resolvedStatusMethod,
  statusChangedMethod,
  type LibvirtObjectsChangedParams,
  type LibvirtObjectTextParams,
  type ResolvedStatusParams,
  type StatusChangedParams,
} from '../../protocol/src/messages';
import { DomainDocuments } from './domainDocuments';
import { openLibvirtObjectCommand, outputChannelName, showStatusCommand, statusPanelViewType } from './identifiers';
import { createLanguageClient } from './languageClient';
import { compareWithLive } from './libvirtView/compareWithLive';
import { keepLibvirtDocumentsXml } from './libvirtView/libvirtDocumentLanguage';
import { LibvirtFileSystem } from './libvirtView/libvirtFileSystem';
import { LibvirtTreeProvider } from './libvirtView/libvirtTreeProvider';
import { registerLibvirtViewCommands } from './libvirtView/libvirtViewCommands';
import { libvirtViewId } from './libvirtView/libvirtViewIdentifiers';
import { ReadOnlyTexts, readOnlyTextScheme } from './libvirtView/readOnlyTexts';
import { dialogPrompts, type SavePrompts } from './libvirtView/savePrompts';
import { openLibvirtObject } from './openLibvirtObjectCommand';
import { showReferences } from './showReferencesCommand';
import { showStatus } from './showStatusCommand';
import { followChanges } from './statusView/followChanges';
import { StatusPanel } from './statusView/statusPanel';
import { createTestApi, isTestMode, type LibvirtXmlTestApi } from './testApi';

let client: LanguageClient | undefined;

/**
 * Runs on the first XML document (or a status panel VS Code restores). Starting the language
 * server is not awaited: the editor stays responsive, and requests wait for it.
 */
export function activate(context: vscode.ExtensionContext): LibvirtXmlTestApi | undefined {
  const activationStart = performance.now();
  const output = vscode.window.createOutputChannel(outputChannelName, { log: true });
  // XML files changing on disk (virsh net-edit, git pull) may change the shown status.
  const xmlFileWatcher = vscode.workspace.createFileSystemWatcher('**/*.xml');
  const domains = new DomainDocuments();
  const languageClient = createLanguageClient(context, output);
  client = languageClient;

  // The server says which documents' status may have changed (a network they use was edited).
  const statusChanged = new vscode.EventEmitter<readonly string[]>();
  const statusChangedListener = languageClient.onNotification(statusChangedMethod, (params: StatusChangedParams) => {
    if (Array.isArray(params?.uris)) statusChanged.fire(params.uris);
  });
  const serverReady = languageClient.start().then(
    () => output.info(`language server ready ${elapsed(activationStart)} after activation started`),
    (error: unknown) => output.error(`language server failed to start: ${error instanceof Error ? error.message : String(error)}`),
  );
  const panel = new StatusPanel(
    context.extensionUri,
    async (uri, firstInterface) => {
      await serverReady;
      const params: ResolvedStatusParams = { uri, firstInterface };
      return languageClient.sendRequest<unknown>(resolvedStatusMethod, params);
    },
    output,
  );
  // What the libvirt connections define, as editable documents (saving defines them) and as the Libvirt view.
  const request = async <R>(method: string, params?: object): Promise<R> => {
    await serverReady;
    return languageClient.sendRequest<R>(method, params);
  };
  const diffTexts = new ReadOnlyTexts();
  let savePrompts: SavePrompts = dialogPrompts;
  const libvirtFiles = new LibvirtFileSystem(
    (uri, securityInfo) => request<unknown>(libvirtObjectTextMethod, { uri, ...(securityInfo ? { securityInfo } : {}) } satisfies LibvirtObjectTextParams),
    (params: DefineLibvirtObjectParams) => request<DefineLibvirtObjectResult>(defineLibvirtObjectMethod, params),
    () => savePrompts,
    diffTexts,
  );
  const libvirtTree = new LibvirtTreeProvider((params) => request<unknown>(libvirtTreeMethod, params));
  const libvirtView = vscode.window.createTreeView(libvirtViewId, { treeDataProvider: libvirtTree, showCollapseAll: true });
  libvirtTree.attach(libvirtView);
  void serverReady.then(() => libvirtTree.refresh());
  const libvirtObjectsChangedListener = languageClient.onNotification(libvirtObjectsChangedMethod, (params: LibvirtObjectsChangedParams) => {
    if (Array.isArray(params?.uris)) void libvirtFiles.objectsChanged(params.uris.filter((uri): uri is string => typeof uri === 'string'));
  });
  const libvirtTreeChangedListener = languageClient.onNotification(libvirtTreeChangedMethod, () => void libvirtTree.refresh());
  const libvirtLanguages = keepLibvirtDocumentsXml();

  context.subscriptions.push(
    output,
    xmlFileWatcher,
    domains,
    panel,
    vscode.commands.registerCommand(showStatusCommand, (argument: unknown) => showStatus(panel, domains, argument)),
    vscode.commands.registerCommand(showReferencesCommand, (uri: unknown, position: unknown, locations: unknown) =>
      showReferences(languageClient, uri, position, locations),
    ),
    vscode.window.registerWebviewPanelSerializer(statusPanelViewType, {
      deserializeWebviewPanel: async (webviewPanel, state: unknown) => panel.restore(webviewPanel, state),
    }),
    libvirtFiles,
    libvirtObjectsChangedListener,
    vscode.workspace.registerFileSystemProvider(libvirtUriScheme, libvirtFiles, { isCaseSensitive: true }),
    diffTexts,
    vscode.workspace.registerTextDocumentContentProvider(readOnlyTextScheme, diffTexts),
    libvirtTree,
    libvirtView,
    libvirtTreeChangedListener,
    libvirtLanguages,
    ...registerLibvirtViewCommands({
      tree: libvirtTree,
      showStatus: (uri) => showStatus(panel, domains, uri),
      openWithSecurityInfo: (uri) => openWithSecurityInfo(libvirtFiles, uri),
      compareWithLive: (uri, name) =>
        compareWithLive((domainUri) => request<unknown>(compareWithLiveMethod, { uri: domainUri } satisfies CompareWithLiveParams), diffTexts, uri, name),
    }),
    vscode.commands.registerCommand(openLibvirtObjectCommand, openLibvirtObject),
    vscode.workspace.onDidCloseTextDocument((document) => libvirtFiles.closed(document.uri)),
    statusChanged,
    statusChangedListener,
    followChanges(panel, domains, xmlFileWatcher, statusChanged.event),
  );
  output.info(`activated in ${elapsed(activationStart)}`);
  const setSavePrompts = (prompts: SavePrompts | undefined) => {
    savePrompts = prompts ?? dialogPrompts;
  };
  return isTestMode(context) ? createTestApi(panel, libvirtTree, setSavePrompts) : undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function elapsed(since: number): string {
  return `${(performance.now() - since).toFixed(1)} ms`;
}

/** "Open XML with Security Info": the domain's document, now with its secrets; libvirt's refusal said plainly. */
async function openWithSecurityInfo(files: LibvirtFileSystem, uri: string): Promise<string | undefined> {
  const refused = await files.useSecurityInfo(vscode.Uri.parse(uri));
  if (refused !== undefined) {
    void vscode.window.showErrorMessage(`libvirt XML: cannot open with security info: ${refused}.`);
    return refused;
  }
  await openLibvirtObject(uri);
  return undefined;
}
