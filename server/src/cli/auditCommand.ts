import { computeFindings } from '../findings/documentFindings';
import { indexSnapshots, readSnapshots, type ConnectionSnapshot } from '../host/libvirt/connectionSnapshot';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { CommandOutput } from './commandOutput';
import { formatFindingLine, locate, plural, summarize, type LocatedFinding } from './findingFormat';
import { reportFailures } from './hostConnections';
import type { CheckFormat } from './checkCommand';
import { sarifLog } from './sarifLog';
import { toolVersion } from './toolVersion';

export interface AuditOptions {
  readonly connections: readonly ConnectionSetting[];
  readonly format: CheckFormat;
}

/**
 * `libvirt-xml check --connect URI` without paths: every domain defined on each host, checked
 * against that host's own networks (a domain runs where it is defined), as if it were started
 * now: dangling networks and portgroups, bandwidth that would not apply, floor, vlan and
 * virtualport rules. Findings carry the domain's name for a file name, and line numbers of
 * `virsh dumpxml --inactive NAME`.
 */
export async function runAudit(options: AuditOptions, out: CommandOutput): Promise<number> {
  const snapshots = await readSnapshots(options.connections, { domains: true });
  reportFailures(snapshots, out);
  const findings: LocatedFinding[] = [];
  const hosts: { connection: string; networks: number; domains: number }[] = [];
  for (const snapshot of snapshots) {
    if (snapshot.failure) continue;
    const { domains, index } = indexedHost(snapshot);
    hosts.push({ connection: snapshot.setting.uri, networks: snapshot.networks.length, domains: domains.length });
    const fileName = (domain: LibvirtDocument) => {
      const name = domain.object?.kind === 'domain' ? (domain.object.name?.value ?? '?') : '?';
      return snapshots.length > 1 ? `${snapshot.setting.uri} ${name}` : name;
    };
    for (const domain of [...domains].sort((a, b) => fileName(a).localeCompare(fileName(b)))) {
      const linesOf = (uri: string) => index.get(uri)?.lines;
      const found = computeFindings(domain, index).sort((a, b) => a.range.start - b.range.start);
      for (const finding of found) findings.push({ ...locate(finding, linesOf), file: fileName(domain), related: undefined });
    }
  }
  const totals = summarize(findings);
  if (options.format === 'sarif') {
    // Each finding's URI is its domain's libvirt: URI (see sarifLog's artifactLocation).
    out.stdout(JSON.stringify(sarifLog(findings, { toolVersion: toolVersion(), workingFolder: process.cwd() }), null, 2) + '\n');
  } else if (options.format === 'json') {
    out.stdout(JSON.stringify({ hosts, ...totals, findings }, null, 2) + '\n');
  } else {
    for (const finding of findings) out.stdout(formatFindingLine(finding) + '\n');
    for (const host of hosts) {
      out.stdout(`audited ${plural(host.domains, 'domain')} on ${host.connection} against its ${plural(host.networks, 'network')}\n`);
    }
    out.stdout(`${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'info')}\n`);
  }
  if (snapshots.some((snapshot) => snapshot.failure)) return 2;
  return totals.errors > 0 ? 1 : 0;
}

/** One host's networks and domains in an index of their own. */
function indexedHost(snapshot: ConnectionSnapshot): { index: WorkspaceIndex; domains: LibvirtDocument[] } {
  const index = new WorkspaceIndex();
  const domains = indexSnapshots(index, [snapshot]).get(snapshot) ?? [];
  return { index, domains };
}
