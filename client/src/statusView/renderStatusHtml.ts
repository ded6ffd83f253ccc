import type { Diagnostic } from 'vscode-languageserver-types';
import type { InterfaceStatus } from '../../../protocol/src/messages';
import { escapeHtml, escapeHtmlAttribute, escapeHtmlText } from './htmlEscape';
import { renderPageGuard } from './renderPageGuard';
import { linked, renderStatusXml } from './renderStatusXml';
import { renderFilterChain, renderVolumeDisks } from './renderStorageAndFilters';
import type { StatusPanelModel } from './statusPanelModel';

/**
 * The status panel's page, as a pure function of what it shows (no `vscode` here, so it is
 * tested on hostile input in plain node). Everything taken from documents is escaped; the page
 * runs only the nonce'd script and loads only the extension's stylesheet.
 */

export interface WebviewResources {
  /** A fresh random value per page; only `<script>`/`<link>` elements carrying it may load. */
  readonly nonce: string;
  /** The webview's own origin for local resources (`webview.cspSource`). */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** Longest status XML shown per interface; longer text is cut in the view (copy still gets all). */
export const maxShownXmlLength = 256 * 1024;
/** Longest header value (MAC, network, portgroup) shown in full. */
const maxHeaderValueLength = 120;

export function renderStatusHtml(model: StatusPanelModel, resources: WebviewResources): string {
  const nonce = checkedNonce(resources.nonce);
  const cspSource = checkedCspSource(resources.cspSource);
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(resources.styleUri)}">
<title>Resolved status: ${escapeHtml(model.documentName)}</title>
</head>
<body data-document-uri="${escapeHtmlAttribute(model.documentUri)}" data-first-interface="${model.firstInterface ?? 0}" data-phase="${escapeHtmlAttribute(model.phase)}">
${renderToolbar(model)}
<main>
${renderBody(model)}
</main>
<script nonce="${nonce}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>
`;
}

function renderToolbar(model: StatusPanelModel): string {
  const copyAll =
    model.phase === 'ready' && model.interfaces.length > 0
      ? '<button type="button" class="copy-button" data-action="copy" title="Copy the status XML of every interface">Copy all as XML</button>'
      : '';
  return `<header class="toolbar">
<div class="toolbar-title"><h1>Resolved status</h1><span class="document-name" title="${escapeHtmlAttribute(model.documentUri)}">${escapeHtmlText(model.documentName)}</span></div>
${copyAll}
</header>`;
}

function renderBody(model: StatusPanelModel): string {
  if (model.phase === 'loading') return '<p class="placeholder">Resolving…</p>';
  if (model.phase === 'unavailable') return `<p class="placeholder">${escapeHtmlText(model.message ?? 'No status to show.')}</p>`;
  const disks = renderVolumeDisks(model.volumeDisks ?? [], model.totalVolumeDisks ?? 0);
  if (model.interfaces.length === 0) return ['<p class="placeholder">This domain has no &lt;interface&gt;.</p>', disks].join('\n');
  const tagsNote = model.tagsNote ? `<div class="banner banner-info" role="note">${escapeHtmlText(model.tagsNote)}</div>` : '';
  const guard = renderPageGuard(model);
  return [renderLegend(), tagsNote, guard, ...model.interfaces.map((iface, position) => renderInterface(iface, position)), guard, disks].join('\n');
}

function renderLegend(): string {
  return `<p class="legend">What libvirt will report for each interface once the domain runs (<code>virsh dumpxml</code>).
Values link to where they were written:
<span class="source-link level-interface">interface</span>
<span class="source-link level-portgroup">portgroup</span>
<span class="source-link level-network">network</span>.
<span class="x-runtime">…</span> is assigned by libvirt when the domain starts;
<span class="ours">&lt;tag&gt;</span> is added by this extension, not by libvirt.</p>`;
}

function renderInterface(iface: InterfaceStatus, position: number): string {
  const shown = iface.statusXml.length > maxShownXmlLength ? iface.statusXml.slice(0, maxShownXmlLength) : iface.statusXml;
  const cut =
    shown.length < iface.statusXml.length
      ? `<p class="placeholder">Only the first ${maxShownXmlLength} characters are shown; Copy XML copies all ${iface.statusXml.length}.</p>`
      : '';
  const portgroupHow =
    iface.portgroupHow === 'default' ? " (the network's default)" : iface.portgroupHow === 'unknown' ? ' (not in the network: none applied)' : '';
  const type = iface.type ? ` ${fieldValue(iface, 'type', iface.type, position, 'interface-type')}` : '';
  return `<section class="interface" aria-labelledby="interface-${position}-title">
<header class="interface-header">
<h2 id="interface-${position}-title">Interface ${iface.index + 1}${type}</h2>
<dl class="interface-facts">
${fact('MAC', iface, 'mac.address', iface.mac, position, 'generated by libvirt', '', 'field-value mac')}
${fact('Network', iface, 'network', iface.network, position, '—')}
${fact('Portgroup', iface, 'portgroup', iface.portgroup, position, 'none', portgroupHow)}
${iface.forwardMode ? fact('Forward', iface, 'type', iface.forwardMode, position, '') : ''}
</dl>
<button type="button" class="copy-button" data-action="copy" data-interface="${position}" title="Copy this interface's status XML">Copy XML</button>
</header>
${renderOtherDefinitions(iface, position)}
${iface.problems.map((problem, at) => renderProblem(problem, position, at)).join('\n')}
${renderNotes(iface.notes)}
<pre class="status-xml" aria-label="Status XML of interface ${position + 1}: Tab enters it at its first link, arrow keys move between its links"><code>${renderStatusXml(shown, position, iface.links)}</code></pre>
${cut}
${renderFilterChain(iface, position)}
</section>`;
}

function fact(
  label: string,
  iface: InterfaceStatus,
  key: string,
  value: string | undefined,
  position: number,
  absent: string,
  suffix = '',
  className = 'field-value',
): string {
  if (value === undefined || value === '') return `<div><dt>${label}</dt><dd class="absent">${escapeHtmlText(absent)}</dd></div>`;
  return `<div><dt>${label}</dt><dd>${fieldValue(iface, key, value, position, className)}${escapeHtmlText(suffix)}</dd></div>`;
}

/** A header value, shortened when long, linked to its origin when the server knows it. */
function fieldValue(iface: InterfaceStatus, key: string, value: string, position: number, className = 'field-value'): string {
  const shown = value.length > maxHeaderValueLength ? `${value.slice(0, maxHeaderValueLength)}…` : value;
  const title = shown.length < value.length ? ` title="${escapeHtmlAttribute(value.slice(0, 4 * maxHeaderValueLength))}"` : '';
  const html = `<span class="${className}"${title}>${escapeHtmlText(shown)}</span>`;
  const from = Object.prototype.hasOwnProperty.call(iface.provenance, key) ? iface.provenance[key] : undefined;
  return from ? linked(html, { key, from }, position) : html;
}

/**
 * Which definition of the network the interface uses when there are several (files, a
 * connection's or the host's copy), and the others, each opening where it is.
 */
function renderOtherDefinitions(iface: InterfaceStatus, position: number): string {
  const others = iface.otherNetworkDefinitions ?? [];
  const used = iface.provenance.network;
  if (others.length === 0 || !used) return '';
  const usedLink = linked(escapeHtmlText(used.label), { key: 'network', from: used }, position);
  const otherLinks = others.map((from, at) => linked(escapeHtmlText(from.label), { key: `otherNetworkDefinitions.${at}`, from }, position));
  return `<p class="definitions">Network defined ${others.length + 1} times: uses ${usedLink}; also defined in ${otherLinks.join(' · ')}, not used.</p>`;
}

const severityNames: Readonly<Record<number, string>> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function renderProblem(problem: Diagnostic, position: number, at: number): string {
  const severity = severityNames[problem.severity ?? 1] ?? 'error';
  const code = problem.code !== undefined && problem.code !== '' ? ` <code class="problem-code">${escapeHtmlText(String(problem.code))}</code>` : '';
  return `<div class="banner banner-${severity}" role="${severity === 'error' ? 'alert' : 'note'}">
<span class="banner-severity">${severity}</span>
<span class="banner-message source-link" role="link" tabindex="0" data-action="revealProblem" data-interface="${position}" data-problem="${at}" title="Show where">${escapeHtmlText(typeof problem.message === 'string' ? problem.message : problem.message.value)}</span>${code}
</div>`;
}

function renderNotes(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  return `<ul class="notes">${notes.map((note) => `<li>${escapeHtmlText(note)}</li>`).join('')}</ul>`;
}

/** A nonce is put into the page unescaped, so it must be plain base64/hex characters. */
function checkedNonce(nonce: string): string {
  if (!/^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(nonce)) throw new Error('a nonce needs at least 16 base64 characters');
  return nonce;
}

/**
 * The CSP source comes from VS Code (such as `'self' https://*.vscode-cdn.net`); refuse
 * anything that could end the directive or the attribute it is written into.
 */
function checkedCspSource(source: string): string {
  const trimmed = source.trim();
  if (trimmed === '' || /[;,"<>`\r\n]/.test(trimmed)) throw new Error(`unexpected webview CSP source: ${source}`);
  return trimmed;
}
