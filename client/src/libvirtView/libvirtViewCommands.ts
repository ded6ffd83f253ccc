import * as vscode from 'vscode';
import { openLibvirtObjectCommand } from '../identifiers';
import { libvirtViewCommands } from './libvirtViewIdentifiers';
import type { LibvirtTreeElement, LibvirtTreeProvider } from './libvirtTreeProvider';

/** What the context actions need besides the element they act on. */
export interface LibvirtViewActions {
  readonly tree: LibvirtTreeProvider;
  showStatus(uri: vscode.Uri): Promise<void>;
  /** Opens a domain's document with its security info; resolves with why libvirt refused it, if it did. */
  openWithSecurityInfo(uri: string): Promise<string | undefined>;
  compareWithLive(uri: string, name: string): Promise<void>;
}

/** The Libvirt view's commands: refresh, and the context actions of its items. */
export function registerLibvirtViewCommands(actions: LibvirtViewActions): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(libvirtViewCommands.refresh, () => actions.tree.refresh(true)),
    vscode.commands.registerCommand(libvirtViewCommands.openXml, (element: unknown) => {
      const uri = objectUriOf(element);
      return uri ? vscode.commands.executeCommand(openLibvirtObjectCommand, uri) : undefined;
    }),
    vscode.commands.registerCommand(libvirtViewCommands.openXmlWithSecurityInfo, (element: unknown) => {
      const target = asElement(element);
      return target?.kind === 'domain' ? actions.openWithSecurityInfo(target.domain.uri) : undefined;
    }),
    vscode.commands.registerCommand(libvirtViewCommands.showStatus, (element: unknown) => {
      const domain = asElement(element)?.kind === 'domain' ? objectUriOf(element) : undefined;
      return domain ? actions.showStatus(vscode.Uri.parse(domain)) : undefined;
    }),
    vscode.commands.registerCommand(libvirtViewCommands.compareWithLive, (element: unknown) => {
      const target = asElement(element);
      return target?.kind === 'domain' ? actions.compareWithLive(target.domain.uri, target.domain.name) : undefined;
    }),
    vscode.commands.registerCommand(libvirtViewCommands.copyName, async (element: unknown) => {
      const name = nameOf(element);
      if (name !== undefined) await vscode.env.clipboard.writeText(name);
    }),
  ];
}

function asElement(element: unknown): LibvirtTreeElement | undefined {
  return typeof element === 'object' && element !== null && 'kind' in element && 'connection' in element ? (element as LibvirtTreeElement) : undefined;
}

/** The `libvirt:` URI of the object an element shows (a portgroup's network, an interface's domain). */
function objectUriOf(element: unknown): string | undefined {
  const target = asElement(element);
  switch (target?.kind) {
    case 'network':
    case 'portgroup':
      return target.network.uri;
    case 'domain':
    case 'interface':
      return target.domain.uri;
    case 'pool':
      return target.pool.uri;
    case 'volume':
      return target.volume.uri;
    case 'filter':
      return target.filter.uri;
    default:
      return undefined;
  }
}

function nameOf(element: unknown): string | undefined {
  const target = asElement(element);
  switch (target?.kind) {
    case 'network':
      return target.network.name;
    case 'portgroup':
      return target.portgroup.name;
    case 'domain':
      return target.domain.name;
    case 'interface':
      return target.iface.mac;
    case 'pool':
      return target.pool.name;
    case 'volume':
      return target.volume.name;
    case 'filter':
      return target.filter.name;
    case 'connection':
      return target.connection.uri;
    default:
      return undefined;
  }
}
