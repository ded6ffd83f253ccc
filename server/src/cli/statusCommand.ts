import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resolveDocument } from '../resolver/resolveDocument';
import type { Provenance } from '../resolver/provenance';
import { isRunTime, type ResolvedInterface, type StatusAttribute } from '../resolver/resolvedInterface';
import { formatStatusXml, runTimePlaceholder } from '../resolver/statusXml';
import type { IndexedDocument, WorkspaceIndex } from '../index/workspaceIndex';
import type { BandwidthDirection } from '../model/libvirtModel';
import { fileUri } from '../host/fileCrawler';
import type { CommandOutput } from './commandOutput';
import { displayPath, formatFindingLine, locate } from './findingFormat';
import { loadWorkspace } from './workspaceLoader';
import { indexHostConnections } from './hostConnections';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { UsageError } from './usageError';
import { escapeControlCharacters } from './terminalText';
import {
  filterChainJson,
  filterChainOf,
  filterChainText,
  storageAndFilterFindings,
  volumeDiskJson,
  volumeDiskText,
  volumeDisksOf,
} from './storageAndFilterStatus';

export interface StatusOptions {
  readonly domainFile: string;
  readonly networkPaths: readonly string[];
  readonly format: 'text' | 'json';
  readonly hostNetworks: boolean;
  /** The libvirt connections whose networks the domain may use. */
  readonly connections: readonly ConnectionSetting[];
}

/** `libvirt-xml status`: the live `<interface>` XML libvirt will report for each interface of a domain. */
export async function runStatus(options: StatusOptions, out: CommandOutput): Promise<number> {
  const networkPaths = options.networkPaths.length > 0 ? options.networkPaths : [path.dirname(options.domainFile)];
  const workspace = await loadWorkspace([options.domainFile, ...networkPaths], {
    hostNetworks: options.hostNetworks,
    accepted: (named) => (named === options.domainFile ? 'file' : 'file or folder'),
  });
  // The domain file first: the command line's order.
  const [unread] = workspace.notChecked;
  if (unread) throw new Error(`${unread.path}: ${unread.reason}`);
  const { index } = workspace;
  await indexHostConnections(index, options.connections, out);
  const document = await domainDocument(options.domainFile, index);
  if (document?.object?.kind !== 'domain') throw new UsageError(`${options.domainFile} is not a libvirt domain (its root element must be <domain>)`);
  return printStatus(document, index, options.format, out);
}

/** Prints the status of every interface of a domain; exit 1 when one has an error. */
export function printStatus(document: IndexedDocument, index: WorkspaceIndex, format: 'text' | 'json', out: CommandOutput): number {
  if (document.object?.kind !== 'domain') throw new UsageError(`not a libvirt domain`);
  const options = { format };
  const resolved = resolveDocument(document, index);
  const linesOf = (uri: string) => index.get(uri)?.lines;
  const problems = [...resolved.flatMap((r) => r.problems), ...storageAndFilterFindings(document, index)].map((p) => locate(p, linesOf));
  const volumeDisks = volumeDisksOf(document, index);

  if (options.format === 'json') {
    const interfaces = resolved.map((r) => ({ ...toJson(r, index), filterChain: filterChainJson(document, r.iface, index) }));
    out.stdout(JSON.stringify({ domain: document.object.name?.value, interfaces, volumeDisks: volumeDisks.map(volumeDiskJson) }, null, 2) + '\n');
  } else {
    out.stdout(`<!-- ${runTimePlaceholder} marks values libvirt assigns when the domain starts -->\n`);
    for (const r of resolved) {
      out.stdout(`<!-- ${escapeControlCharacters(describe(r))} -->\n`);
      out.stdout(escapeEachLine(formatStatusXml(r)));
      const chain = filterChainOf(document, r.iface, index);
      if (chain) out.stdout(filterChainText(chain, r.iface.index));
    }
    if (resolved.length === 0) out.stdout('<!-- this domain has no <interface> -->\n');
    for (const disk of volumeDisks) out.stdout(volumeDiskText(disk));
  }
  for (const problem of problems) out.stderr(formatFindingLine(problem) + '\n');
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

/** The domain file's document: by the name given, or by its real path when the crawler read it through another name (a link). */
async function domainDocument(domainFile: string, index: WorkspaceIndex): Promise<IndexedDocument | undefined> {
  const byName = index.get(fileUri(domainFile));
  if (byName) return byName;
  const real = await fs.realpath(domainFile).catch(() => undefined);
  return real === undefined ? undefined : index.get(fileUri(real));
}

/** Status XML for the terminal: its own line breaks kept, control characters within a line escaped. */
function escapeEachLine(xml: string): string {
  return xml
    .split('\n')
    .map((line) => escapeControlCharacters(line))
    .join('\n');
}

function describe(r: ResolvedInterface): string {
  const parts = [`interface ${r.iface.index}`, `mac ${r.iface.mac?.value ?? '(generated)'}`];
  if (r.network) parts.push(`network '${r.network.network.name?.value}' (${displayPath(r.network.uri)})`);
  if (r.portGroup) parts.push(`portgroup '${r.portGroup.group.name?.value}'${r.portGroup.how === 'default' ? ' (default)' : ''}`);
  return parts.join(', ');
}

function rates(direction: BandwidthDirection | undefined) {
  if (!direction) return null;
  return {
    average: direction.average?.value ?? null,
    peak: direction.peak?.value ?? null,
    burst: direction.burst?.value ?? null,
    floor: direction.floor?.value ?? null,
  };
}

function toJson(r: ResolvedInterface, index: WorkspaceIndex) {
  const where = (from: Provenance | undefined) => {
    if (!from) return undefined;
    const at = index.get(from.uri)?.lines.positionAt(from.range.start) ?? { line: 0, character: 0 };
    return { file: displayPath(from.uri), line: at.line + 1, column: at.character + 1, level: from.level, owner: from.ownerName };
  };
  const attribute = (a: StatusAttribute) => ({
    name: a.name,
    value: isRunTime(a.value) ? null : a.value,
    runTime: isRunTime(a.value) || undefined,
    candidates: isRunTime(a.value) ? a.value.candidates : undefined,
    from: where(a.from),
  });
  const linesOf = (uri: string) => index.get(uri)?.lines;
  return {
    index: r.iface.index,
    mac: r.iface.mac?.value ?? null,
    type: r.type ?? null,
    network: r.network?.network.name?.value ?? null,
    portgroup: r.portGroup ? { name: r.portGroup.group.name?.value ?? null, how: r.portGroup.how } : null,
    forwardMode: r.forwardMode ?? null,
    statusXml: formatStatusXml(r),
    source: r.source.map(attribute),
    bandwidth: r.bandwidth ? { inbound: rates(r.bandwidth.value.inbound), outbound: rates(r.bandwidth.value.outbound), from: where(r.bandwidth.from) } : null,
    vlan: r.vlan
      ? {
          trunk: r.vlan.value.trunk?.value ?? null,
          tags: r.vlan.value.tags.map((t) => ({ id: t.id?.value ?? null, nativeMode: t.nativeMode?.value ?? null })),
          from: where(r.vlan.from),
        }
      : null,
    virtualport: r.virtualPort
      ? { type: r.virtualPort.type?.value ?? null, typeFrom: where(r.virtualPort.type?.from), parameters: r.virtualPort.parameters.map(attribute) }
      : null,
    trustGuestRxFilters: r.trustGuestRxFilters ? { value: r.trustGuestRxFilters.value, from: where(r.trustGuestRxFilters.from) } : null,
    portIsolated: r.portIsolated ? { value: r.portIsolated.value, from: where(r.portIsolated.from) } : null,
    tags: r.tags.map((t) => ({ name: t.value, from: where(t.from) })),
    notes: r.notes,
    problems: r.problems.map((p) => locate(p, linesOf)),
  };
}
