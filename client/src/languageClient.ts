import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { libvirtUriScheme } from '../../protocol/src/libvirtUris';
import { connectionsSetting, networkPathsSetting, settingsSection } from '../../protocol/src/settings';
import { libvirtLinkMiddleware } from './libvirtLinkMiddleware';

/**
 * The documents given to the server. XML files are claimed by language *and* by file name, so
 * libvirt files are served even when another extension gave `.xml` another language; the
 * server then keeps only documents whose root is `<domain>`, `<network>` or `<networkport>`.
 * The read-only views of objects a libvirt connection defines (`libvirt:`, libvirtObjectDocuments.ts)
 * are served too: hover, diagnostics and navigation work in them as in a file.
 * We add features to the `xml` language; Red Hat's XML extension keeps serving it too.
 */
const libvirtDocumentSelector = [
  { scheme: 'file', language: 'xml' },
  { scheme: 'untitled', language: 'xml' },
  { scheme: libvirtUriScheme, language: 'xml' },
  { scheme: 'file', pattern: '**/*.xml' },
];

/**
 * The language server in `dist/server.js`, started over IPC in its own node process.
 *
 * No `synchronize` options: the server registers its own file watchers (`**\/*.xml` in the
 * workspace and in each network folder outside it) and its settings section dynamically, and
 * pulls `libvirtXml.networkPaths` and `libvirtXml.connections`; registering them here as well
 * would deliver every event twice.
 *
 * The middleware makes the server's links to `libvirt:` objects clickable (libvirtLinkMiddleware.ts).
 */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: libvirtDocumentSelector,
    outputChannel,
    // The settings at start; later changes reach the server through its own registration.
    initializationOptions: () => ({ networkPaths: readNetworkPaths(), connections: readConnections() }),
    middleware: libvirtLinkMiddleware,
  };
  // The id makes the client read `libvirtXml.trace.server` on its own.
  return new LanguageClient(settingsSection, 'libvirt XML language server', serverOptions, clientOptions);
}

/** `libvirtXml.networkPaths` as configured; empty means the host's libvirt folders (the server decides). */
export function readNetworkPaths(): string[] {
  const value = vscode.workspace.getConfiguration(settingsSection).get<unknown>(networkPathsSetting);
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}

/**
 * `libvirtXml.connections` as configured: a list of libvirt URIs (`[]`: none), or null when unset
 * (the server then reads qemu:///system and qemu:///session when virsh is installed).
 */
export function readConnections(): string[] | null {
  const value = vscode.workspace.getConfiguration(settingsSection).get<unknown>(connectionsSetting);
  return Array.isArray(value) ? value.filter((uri): uri is string => typeof uri === 'string' && uri.trim() !== '').map((uri) => uri.trim()) : null;
}
