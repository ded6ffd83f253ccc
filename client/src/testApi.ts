import * as vscode from 'vscode';
import type { LibvirtTreeElement, LibvirtTreeProvider } from './libvirtView/libvirtTreeProvider';
import type { SavePrompts } from './libvirtView/savePrompts';
import type { ViewContents } from './libvirtView/viewState';
import type { StatusPanel } from './statusView/statusPanel';
import type { StatusPanelModel } from './statusView/statusPanelModel';

/** One item of the Libvirt view as VS Code draws it, with its element (for the view's commands). */
export interface LibvirtViewItem {
  readonly element: LibvirtTreeElement;
  /** Labels from the root down to this item. */
  readonly path: readonly string[];
  readonly description: string;
  readonly tooltip: string;
  readonly contextValue: string;
  readonly icon: string | undefined;
}

/**
 * What `activate` returns to the workbench tests (only in test mode), so they can read what the
 * status panel and the Libvirt view show without reaching into the webview or the tree's DOM,
 * and answer the questions a save asks instead of a modal dialog.
 */
export interface LibvirtXmlTestApi {
  /** The HTML last given to the panel's webview; undefined while no panel is open. */
  getStatusPanelHtml(): string | undefined;
  /** What the panel last rendered (document, phase, interfaces with status XML and provenance). */
  getStatusPanelModel(): StatusPanelModel | undefined;
  /** Fires after every render of the panel. */
  readonly onDidUpdateStatusPanel: vscode.Event<StatusPanelModel>;
  /** What the Libvirt view shows now (its state and connections). */
  getLibvirtView(): ViewContents;
  /** Every item of the Libvirt view, depth first, as its tree provider makes them. */
  getLibvirtViewItems(): LibvirtViewItem[];
  /** Fires after the view took in an answer of the server. */
  readonly onDidRefreshLibvirtView: vscode.Event<ViewContents>;
  /** Answers a save's questions with these prompts (undefined: the modal dialogs again). */
  setSavePrompts(prompts: SavePrompts | undefined): void;
}

/** Test mode: the extension runs under a test runner, or `LIBVIRT_XML_TEST_MODE=1` is set. */
export function isTestMode(context: vscode.ExtensionContext): boolean {
  return process.env.LIBVIRT_XML_TEST_MODE === '1' || context.extensionMode === vscode.ExtensionMode.Test;
}

export function createTestApi(panel: StatusPanel, tree: LibvirtTreeProvider, setSavePrompts: (prompts: SavePrompts | undefined) => void): LibvirtXmlTestApi {
  return {
    getStatusPanelHtml: () => panel.currentHtml,
    getStatusPanelModel: () => panel.currentModel,
    onDidUpdateStatusPanel: panel.onDidUpdate,
    getLibvirtView: () => tree.current,
    getLibvirtViewItems: () => itemsOf(tree),
    onDidRefreshLibvirtView: tree.onDidRefresh,
    setSavePrompts,
  };
}

function itemsOf(tree: LibvirtTreeProvider): LibvirtViewItem[] {
  const items: LibvirtViewItem[] = [];
  const walk = (element: LibvirtTreeElement | undefined, path: readonly string[]) => {
    for (const child of tree.getChildren(element)) {
      const item = tree.getTreeItem(child);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
      const itemPath = [...path, label];
      items.push({
        element: child,
        path: itemPath,
        description: typeof item.description === 'string' ? item.description : '',
        tooltip: typeof item.tooltip === 'string' ? item.tooltip : '',
        contextValue: item.contextValue ?? '',
        icon,
      });
      walk(child, itemPath);
    }
  };
  walk(undefined, []);
  return items;
}
