/**
 * Names other code and the workbench tests rely on: command ids, the webview type, context keys
 * and settings. They are part of the extension's interface; renaming one is a breaking change.
 */

export const showStatusCommand = 'libvirtXml.showStatus';

/** The status panel's webview type (also its restore-after-reload activation event). */
export const statusPanelViewType = 'libvirtXml.status';

/**
 * Context key: the paths of open documents whose root is `<domain>`, for
 * `resourcePath in libvirtXml.domainPaths`. Paths, not URIs: in a remote window (code-server,
 * Remote-SSH) the workbench sees `vscode-remote:` URIs where the extension sees `file:` ones,
 * but both sides agree on the path.
 */
export const domainPathsContextKey = 'libvirtXml.domainPaths';

export const outputChannelName = 'libvirt XML';

/**
 * Opens a `libvirt:` object's read-only view at the line its URI's `#L12` fragment names. Hover and
 * completion links to `libvirt:` URIs are rewritten to call it: VS Code's markdown renderer
 * drops links whose scheme it does not know (it keeps http, https, mailto, file and command).
 */
export const openLibvirtObjectCommand = 'libvirtXml.openLibvirtObject';
