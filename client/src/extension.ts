import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { showReferencesCommand } from '../../protocol/src/commands';
import { libvirtUriScheme } from '../../protocol/src/libvirtUris';
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
import { LibvirtObjectDocuments } from './libvirtObjectDocuments';
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
  // Read-only views of what the libvirt connections define, kept as fresh as the server's reading.
  const libvirtObjects = new LibvirtObjectDocuments(async (uri) => {
    await serverReady;
    const params: LibvirtObjectTextParams = { uri };
    return languageClient.sendRequest<unknown>(libvirtObjectTextMethod, params);
  });
  const libvirtObjectsChangedListener = languageClient.onNotification(libvirtObjectsChangedMethod, (params: LibvirtObjectsChangedParams) => {
    if (Array.isArray(params?.uris)) libvirtObjects.objectsChanged(params.uris.filter((uri): uri is string => typeof uri === 'string'));
  });

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
    libvirtObjects,
    libvirtObjectsChangedListener,
    vscode.workspace.registerTextDocumentContentProvider(libvirtUriScheme, libvirtObjects),
    vscode.commands.registerCommand(openLibvirtObjectCommand, openLibvirtObject),
    statusChanged,
    statusChangedListener,
    followChanges(panel, domains, xmlFileWatcher, statusChanged.event),
  );
  output.info(`activated in ${elapsed(activationStart)}`);
  return isTestMode(context) ? createTestApi(panel) : undefined;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function elapsed(since: number): string {
  return `${(performance.now() - since).toFixed(1)} ms`;
}
