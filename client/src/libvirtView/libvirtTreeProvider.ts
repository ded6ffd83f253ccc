import * as vscode from 'vscode';
import type {
  ConnectionNode,
  DomainNode,
  FilterNode,
  InterfaceNode,
  LibvirtTreeParams,
  LibvirtTreeResult,
  NetworkNode,
  PoolNode,
  PortgroupNode,
  VolumeNode,
} from '../../../protocol/src/libvirtTree';
import { openLibvirtObjectCommand } from '../identifiers';
import { connectionText, domainText, filterText, interfaceText, networkText, poolText, portgroupText, volumeText, type ItemText } from './treeItemText';
import { readLibvirtTree, viewContents, type ViewContents } from './viewState';

/** Asks the language server for the tree (libvirtXml/libvirtTree); the raw answer. */
export type LibvirtTreeRequester = (params?: LibvirtTreeParams) => Promise<unknown>;

/** The groups under a connection, in the order shown, with their labels. */
const groups = { networks: 'Networks', domains: 'Domains', pools: 'Storage Pools', filters: 'Network Filters' } as const;
type GroupKind = keyof typeof groups;

/** The context key the welcome contents of the view test. */
export const libvirtViewStateKey = 'libvirtXml.libvirtViewState';

/** A node of the Libvirt view, with what it was made from. */
export type LibvirtTreeElement =
  | { readonly kind: 'connection'; readonly connection: ConnectionNode }
  | { readonly kind: GroupKind; readonly connection: ConnectionNode }
  | { readonly kind: 'network'; readonly connection: ConnectionNode; readonly network: NetworkNode }
  | { readonly kind: 'portgroup'; readonly connection: ConnectionNode; readonly network: NetworkNode; readonly portgroup: PortgroupNode }
  | { readonly kind: 'domain'; readonly connection: ConnectionNode; readonly domain: DomainNode }
  | { readonly kind: 'interface'; readonly connection: ConnectionNode; readonly domain: DomainNode; readonly iface: InterfaceNode }
  | { readonly kind: 'pool'; readonly connection: ConnectionNode; readonly pool: PoolNode }
  | { readonly kind: 'volume'; readonly connection: ConnectionNode; readonly pool: PoolNode; readonly volume: VolumeNode }
  | { readonly kind: 'filter'; readonly connection: ConnectionNode; readonly filter: FilterNode };

/**
 * The Libvirt view's data: the server's tree, asked again when the server says it changed (after
 * libvirt's events; the client never polls). Items keep their ids across refreshes, so what the
 * user expanded stays expanded. When no connection can be read, the view is empty and its
 * welcome content (package.json, by `libvirtXml.libvirtViewState`) says why; the server's exact
 * reasons go in the view's message.
 */
export class LibvirtTreeProvider implements vscode.TreeDataProvider<LibvirtTreeElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LibvirtTreeElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshed = new vscode.EventEmitter<ViewContents>();
  /** Fires after each answer of the server has been taken in. */
  readonly onDidRefresh = this.refreshed.event;
  private contents: ViewContents = viewContents(undefined);
  private asking: Promise<void> | undefined;
  private askAgain = false;
  private rereadNext = false;
  private view: vscode.TreeView<LibvirtTreeElement> | undefined;

  constructor(private readonly requestTree: LibvirtTreeRequester) {
    void vscode.commands.executeCommand('setContext', libvirtViewStateKey, this.contents.state);
  }

  /** The view this provider fills, for its message. */
  attach(view: vscode.TreeView<LibvirtTreeElement>): void {
    this.view = view;
  }

  get current(): ViewContents {
    return this.contents;
  }

  /**
   * Asks the server again; one request at a time, and once more if asked meanwhile. `reread`
   * (the Refresh command): the server reads the pools, volumes and filters again first (libvirt
   * has no events for volumes and filters).
   */
  refresh(reread = false): Promise<void> {
    if (reread) this.rereadNext = true;
    if (this.asking) {
      this.askAgain = true;
      return this.asking;
    }
    this.asking = (async () => {
      do {
        this.askAgain = false;
        const params = this.rereadNext ? { reread: true } : undefined;
        this.rereadNext = false;
        let answer: LibvirtTreeResult | undefined;
        try {
          answer = readLibvirtTree(await this.requestTree(params));
        } catch {
          answer = undefined; // the server is gone or restarting: keep showing what was shown
          if (this.contents.state !== 'starting') continue;
        }
        this.show(viewContents(answer));
      } while (this.askAgain);
    })().finally(() => (this.asking = undefined));
    return this.asking;
  }

  getTreeItem(element: LibvirtTreeElement): vscode.TreeItem {
    switch (element.kind) {
      case 'connection':
        return item(element, connectionText(element.connection), vscode.TreeItemCollapsibleState.Expanded);
      case 'networks':
      case 'domains':
      case 'pools':
      case 'filters': {
        const objects = element.connection[element.kind];
        // Networks and domains open; pools and filters, read-only and often many, wait for a click.
        const expanded = element.kind === 'networks' || element.kind === 'domains';
        const group = new vscode.TreeItem(
          groups[element.kind],
          expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
        );
        group.id = idOf(element);
        group.description =
          element.kind === 'pools' || element.kind === 'filters' ? storageGroupDescription(element.connection, objects.length) : String(objects.length);
        group.contextValue = `libvirt${element.kind.charAt(0).toUpperCase()}${element.kind.slice(1)}`;
        return group;
      }
      case 'network':
        return item(element, networkText(element.network), collapsible(element.network.portgroups.length), openAt(element.network.uri));
      case 'portgroup':
        return item(
          element,
          portgroupText(element.portgroup),
          vscode.TreeItemCollapsibleState.None,
          openAt(element.network.uri, element.portgroup.range.start),
        );
      case 'domain':
        return item(element, domainText(element.domain), collapsible(element.domain.interfaces.length), openAt(element.domain.uri));
      case 'interface':
        return item(element, interfaceText(element.iface), vscode.TreeItemCollapsibleState.None, openAt(element.domain.uri, element.iface.range.start));
      case 'pool':
        return item(element, poolText(element.pool), collapsible(element.pool.volumes.length), openAt(element.pool.uri));
      case 'volume':
        return item(element, volumeText(element.volume), vscode.TreeItemCollapsibleState.None, openAt(element.volume.uri));
      case 'filter':
        return item(element, filterText(element.filter), vscode.TreeItemCollapsibleState.None, openAt(element.filter.uri));
    }
  }

  getChildren(element?: LibvirtTreeElement): LibvirtTreeElement[] {
    if (!element) return this.contents.connections.map((connection) => ({ kind: 'connection', connection }));
    const { connection } = element;
    switch (element.kind) {
      case 'connection':
        return connection.state === 'failed' ? [] : (Object.keys(groups) as GroupKind[]).map((kind) => ({ kind, connection }));
      case 'pools':
        return connection.pools.map((pool) => ({ kind: 'pool', connection, pool }));
      case 'pool':
        return element.pool.volumes.map((volume) => ({ kind: 'volume', connection, pool: element.pool, volume }));
      case 'filters':
        return connection.filters.map((filter) => ({ kind: 'filter', connection, filter }));
      case 'networks':
        return connection.networks.map((network) => ({ kind: 'network', connection, network }));
      case 'domains':
        return connection.domains.map((domain) => ({ kind: 'domain', connection, domain }));
      case 'network':
        return element.network.portgroups.map((portgroup) => ({ kind: 'portgroup', connection, network: element.network, portgroup }));
      case 'domain':
        return element.domain.interfaces.map((iface) => ({ kind: 'interface', connection, domain: element.domain, iface }));
      default:
        return [];
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.refreshed.dispose();
  }

  private show(contents: ViewContents): void {
    this.contents = contents;
    void vscode.commands.executeCommand('setContext', libvirtViewStateKey, contents.state);
    if (this.view) this.view.message = contents.message;
    this.changed.fire(undefined);
    this.refreshed.fire(contents);
  }
}

function item(element: LibvirtTreeElement, text: ItemText, state: vscode.TreeItemCollapsibleState, command?: vscode.Command): vscode.TreeItem {
  const treeItem = new vscode.TreeItem(text.label, state);
  treeItem.id = idOf(element);
  treeItem.description = text.description;
  treeItem.tooltip = text.tooltip.join('\n');
  treeItem.iconPath = new vscode.ThemeIcon(text.icon, text.iconColor ? new vscode.ThemeColor(text.iconColor) : undefined);
  treeItem.contextValue = text.contextValue;
  treeItem.command = command;
  return treeItem;
}

/** "3 · read-only", or why they were not read. */
function storageGroupDescription(connection: ConnectionNode, count: number): string {
  return connection.storageFailure ? `not read: ${connection.storageFailure}` : `${count} · read-only`;
}

function collapsible(children: number): vscode.TreeItemCollapsibleState {
  return children > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
}

/** A click opens the object's document (at the element's line for a portgroup or an interface). */
function openAt(uri: string, position?: { line: number; character: number }): vscode.Command {
  const target = position ? `${uri}#L${position.line + 1},${position.character + 1}` : uri;
  return { title: 'Open XML', command: openLibvirtObjectCommand, arguments: [target] };
}

/** Stable across refreshes: the connection's label and the path of names. */
function idOf(element: LibvirtTreeElement): string {
  const base = element.connection.label;
  switch (element.kind) {
    case 'connection':
      return base;
    case 'networks':
    case 'domains':
    case 'pools':
    case 'filters':
      return `${base}/${element.kind}`;
    case 'pool':
      return `${base}/pool/${element.pool.name}`;
    case 'volume':
      return `${base}/pool/${element.pool.name}/${element.volume.name}`;
    case 'filter':
      return `${base}/nwfilter/${element.filter.name}`;
    case 'network':
      return `${base}/network/${element.network.name}`;
    case 'portgroup':
      return `${base}/network/${element.network.name}/${element.portgroup.name}`;
    case 'domain':
      return `${base}/domain/${element.domain.name}`;
    case 'interface':
      return `${base}/domain/${element.domain.name}/${element.iface.index}`;
  }
}
