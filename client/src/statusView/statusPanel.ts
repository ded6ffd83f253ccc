import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { InterfaceStatus, ResolvedStatusResult, ValueOrigin } from '../../../protocol/src/messages';
import { statusPanelViewType } from '../identifiers';
import { readResolvedStatus } from './readResolvedStatus';
import { renderStatusHtml } from './renderStatusHtml';
import { revealLocation } from './revealLocation';
import { documentNameOf, ensureFinalNewline, statusXmlOfAll, type StatusPanelModel } from './statusPanelModel';
import { parseWebviewMessage, type CopiedMessage, type WebviewMessage } from './webviewMessages';

/** Asks the language server for a document's resolved status (the raw, unchecked answer). */
export type StatusRequester = (uri: string, firstInterface: number) => Promise<unknown>;

/** What the webview saves with `setState`, handed back by VS Code to restore the panel after a reload. */
interface SavedPanelState {
  readonly documentUri?: unknown;
}

/** Quiet time after the last edit before the status is asked for again. */
const refreshDelayMs = 200;
/** How many answers in a row may lag behind the editor's text before we stop asking again. */
const maxStaleRetries = 3;

/**
 * The one "resolved status" panel: which domain it shows, asking the server for that domain's
 * status, rendering it, and acting on the page's clicks. Opened beside the editor; when hidden
 * its page is dropped and rendered again from the model (the page keeps its scroll position
 * with `setState`), and after a reload VS Code hands it back through the serializer.
 */
export class StatusPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubscriptions: vscode.Disposable[] = [];
  private model: StatusPanelModel | undefined;
  private html: string | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Answers to older requests are dropped: the panel shows the newest state only. */
  private requestGeneration = 0;
  private staleRetries = 0;
  /** The page of a large domain's interfaces shown: the position of its first interface. */
  private firstInterface = 0;
  private readonly updated = new vscode.EventEmitter<StatusPanelModel>();

  /** Fires after each render, with what is now shown. */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly requestStatus: StatusRequester,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get documentUri(): string | undefined {
    return this.model?.documentUri;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  get currentModel(): StatusPanelModel | undefined {
    return this.model;
  }

  get currentHtml(): string | undefined {
    return this.html;
  }

  /** Shows the panel for a domain document, opening it beside the active editor if needed. */
  show(documentUri: vscode.Uri): void {
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        statusPanelViewType,
        'Resolved status',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { ...this.webviewOptions(), enableFindWidget: true },
      );
      this.adopt(panel);
    } else {
      this.panel.reveal(undefined, true);
    }
    this.showDocument(documentUri.toString());
  }

  /** Takes back a panel VS Code restored after a reload. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = (typeof state === 'object' && state !== null ? state : {}) as SavedPanelState;
    panel.webview.options = this.webviewOptions();
    this.adopt(panel);
    if (typeof saved.documentUri === 'string' && saved.documentUri !== '') this.showDocument(saved.documentUri);
    else
      this.render({
        documentUri: '',
        documentName: '',
        phase: 'unavailable',
        message: 'Open a libvirt domain file and run "Libvirt: Show Resolved Status".',
        interfaces: [],
      });
  }

  /** Switches to another domain document, when the panel is open. */
  follow(documentUri: vscode.Uri): void {
    if (this.panel && documentUri.toString() !== this.model?.documentUri) this.showDocument(documentUri.toString());
  }

  /** True when the shown status depends on this document (the domain or a file a value came from). */
  dependsOn(uri: vscode.Uri): boolean {
    const key = uri.toString();
    if (!this.model) return false;
    if (key === this.model.documentUri) return true;
    const disks = this.model.volumeDisks ?? [];
    return [...this.model.interfaces, ...disks].some((item) => Object.values(item.provenance).some((origin) => origin.uri === key));
  }

  /** Asks again after a short quiet time (edits come in bursts). */
  scheduleRefresh(): void {
    if (!this.panel || !this.model) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), refreshDelayMs);
  }

  async refresh(): Promise<void> {
    clearTimeout(this.refreshTimer);
    const documentUri = this.model?.documentUri;
    if (!this.panel || !documentUri) return;
    const generation = ++this.requestGeneration;
    let next: StatusPanelModel;
    try {
      const status = readResolvedStatus(await this.requestStatus(documentUri, this.firstInterface), documentUri);
      next = modelOf(documentUri, status);
      this.catchUpIfStale(documentUri, status.version);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn(`resolved status of ${documentUri}: ${message}`);
      next = {
        documentUri,
        documentName: documentNameOf(documentUri),
        phase: 'unavailable',
        message: `The language server gave no status: ${message}`,
        interfaces: [],
      };
    }
    if (generation === this.requestGeneration && this.panel) this.render(next);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    this.panel?.dispose();
    this.updated.dispose();
  }

  /**
   * The server answers for the text it has; if the editor is already further along (an edit
   * raced the answer), ask again. Bounded, so a server that lags for good cannot loop us.
   */
  private catchUpIfStale(documentUri: string, answeredVersion: number): void {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === documentUri);
    const stale = answeredVersion > 0 && open !== undefined && open.version > answeredVersion;
    this.staleRetries = stale ? this.staleRetries + 1 : 0;
    if (stale && this.staleRetries <= maxStaleRetries) this.scheduleRefresh();
  }

  private showDocument(documentUri: string): void {
    const documentName = documentNameOf(documentUri);
    if (this.panel) this.panel.title = `Status: ${documentName}`;
    this.firstInterface = 0;
    this.render({ documentUri, documentName, phase: 'loading', interfaces: [] });
    void this.refresh();
  }

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.panelSubscriptions = [
      panel.onDidDispose(() => this.forgetPanel()),
      panel.webview.onDidReceiveMessage((data: unknown) => void this.onMessage(data)),
      // Edits made while the panel was hidden were not followed: catch up when it is seen again.
      panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.visible) this.scheduleRefresh();
      }),
    ];
  }

  private forgetPanel(): void {
    for (const subscription of this.panelSubscriptions) subscription.dispose();
    this.panelSubscriptions = [];
    this.panel = undefined;
    this.model = undefined;
    this.html = undefined;
    clearTimeout(this.refreshTimer);
  }

  private render(model: StatusPanelModel): void {
    if (!this.panel) return;
    // Setting the HTML reloads the page: the reader's keyboard focus and selection would be lost
    // on every refresh that changed nothing.
    if (this.model && sameModel(this.model, model)) return;
    const webview = this.panel.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    const html = renderStatusHtml(model, {
      nonce: randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      scriptUri: media('statusPanel.js'),
      styleUri: media('statusPanel.css'),
    });
    this.model = model;
    this.html = html;
    webview.html = html;
    if (model.documentName) this.panel.title = `Status: ${model.documentName}`;
    this.updated.fire(model);
  }

  private async onMessage(data: unknown): Promise<void> {
    const message = parseWebviewMessage(data);
    const model = this.model;
    if (!message || !model) return;
    try {
      await this.act(message, model);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log.error(`status panel: ${message.type} failed: ${text}`);
      void vscode.window.showErrorMessage(`libvirt XML: ${text}`);
    }
  }

  private async act(message: WebviewMessage, model: StatusPanelModel): Promise<void> {
    switch (message.type) {
      case 'reveal': {
        const iface = model.interfaces[message.interface];
        const origin = iface && originOf(iface, message.key);
        if (origin) await revealLocation(origin.uri, origin.range, model.documentUri);
        return;
      }
      case 'revealProblem': {
        const problem = model.interfaces[message.interface]?.problems[message.problem];
        if (problem) await revealLocation(model.documentUri, problem.range, model.documentUri);
        return;
      }
      case 'revealDisk': {
        const disk = model.volumeDisks?.[message.disk];
        const origin = disk && Object.prototype.hasOwnProperty.call(disk.provenance, message.key) ? disk.provenance[message.key] : undefined;
        if (origin) await revealLocation(origin.uri, origin.range, model.documentUri);
        return;
      }
      case 'revealDiskProblem': {
        const problem = model.volumeDisks?.[message.disk]?.problems[message.problem];
        if (problem) await revealLocation(model.documentUri, problem.range, model.documentUri);
        return;
      }
      case 'copy': {
        const iface = message.interface === undefined ? undefined : model.interfaces[message.interface];
        if (message.interface !== undefined && !iface) return;
        await vscode.env.clipboard.writeText(iface ? ensureFinalNewline(iface.statusXml) : statusXmlOfAll(model));
        const copied: CopiedMessage = message.interface === undefined ? { type: 'copied' } : { type: 'copied', interface: message.interface };
        void this.panel?.webview.postMessage(copied);
        return;
      }
      case 'page': {
        // The server answers from the last interface's page when `first` is past the end.
        this.firstInterface = Math.min(message.first, Math.max(0, (model.totalInterfaces ?? 1) - 1));
        await this.refresh();
        return;
      }
    }
  }
}

function modelOf(documentUri: string, status: ResolvedStatusResult): StatusPanelModel {
  const documentName = documentNameOf(documentUri);
  if (status.kind !== 'domain') {
    const what = status.kind === 'other' ? 'not a libvirt document the server knows' : `a <${status.kind}>`;
    return {
      documentUri,
      documentName,
      phase: 'unavailable',
      message: `${documentName} is ${what}; the resolved status is shown for <domain> files.`,
      interfaces: [],
    };
  }
  return {
    documentUri,
    documentName,
    phase: 'ready',
    interfaces: status.interfaces,
    firstInterface: status.firstInterface,
    totalInterfaces: status.totalInterfaces,
    ...(status.name !== undefined ? { domainName: status.name } : {}),
    ...(status.tagsNote !== undefined ? { tagsNote: status.tagsNote } : {}),
    volumeDisks: status.volumeDisks ?? [],
    totalVolumeDisks: status.totalVolumeDisks ?? status.volumeDisks?.length ?? 0,
  };
}

/**
 * Where value `key` came from: the interface's provenance, a status XML link with that key, or
 * (`otherNetworkDefinitions.N`) another definition of its network.
 */
function originOf(iface: InterfaceStatus, key: string): ValueOrigin | undefined {
  if (Object.prototype.hasOwnProperty.call(iface.provenance, key)) return iface.provenance[key];
  const other = /^otherNetworkDefinitions\.(\d+)$/.exec(key);
  if (other) return iface.otherNetworkDefinitions?.[Number(other[1])];
  return iface.links.find((link) => link.key === key)?.from;
}

function sameModel(a: StatusPanelModel, b: StatusPanelModel): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
