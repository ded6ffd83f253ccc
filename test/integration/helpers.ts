/**
 * Helpers of the extension-host suite. They use the public `vscode` API only, as a user's editor
 * would: open files, apply WorkspaceEdits, run the providers through the `vscode.execute*`
 * commands, read diagnostics. Every wait is bounded and says what it waited for.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openLibvirtObjectCommand } from '../../client/src/identifiers';
import type { LibvirtXmlTestApi } from '../../client/src/testApi';
import { connectionsSetting, settingsSection } from '../../protocol/src/settings';
import type { StatusPanelModel } from '../../client/src/statusView/statusPanelModel';

export const extensionId = 'libvirt-xml.libvirt-xml';
/** `Diagnostic.source` of everything the language server publishes. */
export const diagnosticSource = 'libvirt-xml';

/** The fixture workspace (a fresh copy of test/integration/fixtures/workspace made by the runner). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the runner must open the fixture workspace');
  return folder.uri;
}

export function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export function extension(): vscode.Extension<LibvirtXmlTestApi | undefined> {
  const found = vscode.extensions.getExtension<LibvirtXmlTestApi | undefined>(extensionId);
  assert.ok(found, `extension ${extensionId} is not installed in this workbench`);
  return found;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until `accept` holds, at most `timeoutMs`. On timeout it fails with what it waited
 * for and the last value seen, so a failure says more than "timeout".
 */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await sleep(intervalMs);
  }
  const seen = lastError !== undefined ? `error ${String(lastError)}` : describe(last);
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
}

export function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof vscode.Uri ? v.toString() : v));
    return text === undefined ? String(value) : text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
  } catch {
    return String(value);
  }
}

export async function openDocument(relativePath: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(fileUri(relativePath));
}

/** Opens a workspace file in the first editor group and makes it the active editor. */
export async function showFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await openDocument(relativePath);
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

/** The extension's own diagnostics of a document (other extensions' are ignored). */
export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === diagnosticSource);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function summarize(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}: ${d.message}`);
}

/** Waits until the document's diagnostics satisfy `accept`; returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return waitFor(`${what} (diagnostics of ${vscode.workspace.asRelativePath(uri)})`, () => ourDiagnostics(uri), accept, timeoutMs).catch((error: Error) => {
    throw new Error(`${error.message.replace(/; last seen: .*$/s, '')}; diagnostics now: ${describe(summarize(ourDiagnostics(uri)))}`);
  });
}

/** The position `offset` characters into the `occurrence`-th (from 0) occurrence of `marker`. */
export function positionIn(document: vscode.TextDocument, marker: string, offset = 0, occurrence = 0): vscode.Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(marker, at + 1);
    assert.ok(at >= 0, `'${marker}' (occurrence ${occurrence}) not found in ${vscode.workspace.asRelativePath(document.uri)}`);
  }
  return document.positionAt(at + offset);
}

/** The position right after `marker` (e.g. right after the opening quote of `portgroup='`). */
export function positionAfter(document: vscode.TextDocument, marker: string, occurrence = 0): vscode.Position {
  return positionIn(document, marker, marker.length, occurrence);
}

/**
 * Replaces the `occurrence`-th occurrence of `search` with `replacement` through a WorkspaceEdit
 * (the document is opened if needed; it stays unsaved). Returns a function undoing it: the
 * inverse edit, then a save, so no dirty editor is left for the next test.
 */
export async function replaceText(relativePath: string, search: string, replacement: string, occurrence = 0): Promise<() => Promise<void>> {
  const document = await openDocument(relativePath);
  const start = positionIn(document, search, 0, occurrence);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(start, document.positionAt(document.offsetAt(start) + search.length)), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${relativePath}`);
  return async () => {
    const current = await openDocument(relativePath);
    const from = current.offsetAt(start);
    assert.equal(current.getText().slice(from, from + replacement.length), replacement, `${relativePath} changed under the test`);
    const undo = new vscode.WorkspaceEdit();
    undo.replace(current.uri, new vscode.Range(start, current.positionAt(from + replacement.length)), search);
    assert.ok(await vscode.workspace.applyEdit(undo), `could not restore ${relativePath}`);
    await current.save();
  };
}

/** The labels `vscode.executeCompletionItemProvider` returns at a position. */
export async function completionItems(uri: vscode.Uri, position: vscode.Position, triggerCharacter?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, triggerCharacter);
  return list?.items ?? [];
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export async function completionLabels(uri: vscode.Uri, position: vscode.Position, triggerCharacter?: string): Promise<string[]> {
  return (await completionItems(uri, position, triggerCharacter)).map(labelOf);
}

/** Sorted, for comparing sets of labels. */
export const sorted = (labels: readonly string[]): string[] => [...labels].sort();

/** The text of every hover at a position (all providers), markdown as written. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((hover) =>
    hover.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : String(content))),
  );
}

/** Activates the extension (if needed) and returns its test API; fails when it has none. */
export async function testApi(): Promise<LibvirtXmlTestApi> {
  const api = await extension().activate();
  assert.ok(
    api && typeof api.getStatusPanelModel === 'function',
    'activate() returned no test API: is test mode on (LIBVIRT_XML_TEST_MODE=1 or ExtensionMode.Test)?',
  );
  return api;
}

/** Waits for the status panel to show a model satisfying `accept` (now or after a later render). */
export function waitForPanel(
  api: LibvirtXmlTestApi,
  what: string,
  accept: (model: StatusPanelModel) => boolean,
  timeoutMs = 20_000,
): Promise<StatusPanelModel> {
  return new Promise((resolve, reject) => {
    const check = (model: StatusPanelModel | undefined): boolean => {
      if (model && accept(model)) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(model);
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => {
      subscription.dispose();
      const model = api.getStatusPanelModel();
      const shown = model && { ...model, interfaces: model.interfaces.map((i) => ({ index: i.index, portgroup: i.portgroup, statusXml: i.statusXml })) };
      reject(new Error(`timed out after ${timeoutMs} ms waiting for the status panel to show ${what}; it shows: ${describe(shown)}`));
    }, timeoutMs);
    const subscription = api.onDidUpdateStatusPanel((model) => void check(model));
    check(api.getStatusPanelModel());
  });
}

/** The open status-panel tabs (webviews of type libvirtXml.status). */
export function statusPanelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('libvirtXml.status'));
}

/** Closes the editor tabs showing `uri` (and no other: closing all editors also disposes untitled documents that are in none). */
export async function closeTabsOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
  await vscode.window.tabGroups.close(tabs);
}

/** The markdown of every hover at a position, as the editor gets it (after the client's middleware). */
export async function hoverMarkdown(uri: vscode.Uri, position: vscode.Position): Promise<vscode.MarkdownString[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((hover) => hover.contents.filter((content): content is vscode.MarkdownString => content instanceof vscode.MarkdownString));
}

/**
 * The `libvirt:` URIs (with their `#L` line) that the markdown's command links to
 * libvirtXml.openLibvirtObject open (a link may carry a title, its tooltip, after the destination).
 */
export function libvirtObjectLinks(markdown: string): string[] {
  const prefix = `command:${openLibvirtObjectCommand}?`;
  return [...markdown.matchAll(/\]\((command:[^()\s]+)(?: "(?:[^"\\]|\\.)*")?\)/g)]
    .map((m) => m[1])
    .filter((link) => link.startsWith(prefix))
    .map((link) => (JSON.parse(decodeURIComponent(link.slice(prefix.length))) as string[])[0]);
}

/** The text of an open document (a `libvirt:` view, say) by its URI; undefined when it is not open. */
export function openDocumentText(uri: string): string | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri)?.getText();
}

/** Sets `libvirtXml.connections` in the workspace's settings (the fixture's is `[]`: none). */
export async function setConnections(connections: readonly string[]): Promise<void> {
  await vscode.workspace.getConfiguration(settingsSection).update(connectionsSetting, connections, vscode.ConfigurationTarget.Workspace);
}
