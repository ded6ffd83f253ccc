import * as vscode from 'vscode';
import type { StatusPanel } from './statusView/statusPanel';
import type { StatusPanelModel } from './statusView/statusPanelModel';

/**
 * What `activate` returns to the workbench tests (only in test mode), so they can read what the
 * status panel shows without reaching into the webview's iframe.
 */
export interface LibvirtXmlTestApi {
  /** The HTML last given to the panel's webview; undefined while no panel is open. */
  getStatusPanelHtml(): string | undefined;
  /** What the panel last rendered (document, phase, interfaces with status XML and provenance). */
  getStatusPanelModel(): StatusPanelModel | undefined;
  /** Fires after every render of the panel. */
  readonly onDidUpdateStatusPanel: vscode.Event<StatusPanelModel>;
}

/** Test mode: the extension runs under a test runner, or `LIBVIRT_XML_TEST_MODE=1` is set. */
export function isTestMode(context: vscode.ExtensionContext): boolean {
  return process.env.LIBVIRT_XML_TEST_MODE === '1' || context.extensionMode === vscode.ExtensionMode.Test;
}

export function createTestApi(panel: StatusPanel): LibvirtXmlTestApi {
  return {
    getStatusPanelHtml: () => panel.currentHtml,
    getStatusPanelModel: () => panel.currentModel,
    onDidUpdateStatusPanel: panel.onDidUpdate,
  };
}
