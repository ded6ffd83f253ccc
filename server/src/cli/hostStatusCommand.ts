import { libvirtObjectUri } from '../../../protocol/src/libvirtUris';
import { failureText } from '../host/libvirt/connectionFailure';
import { readLiveDomainXml } from '../host/libvirt/connectionReader';
import { indexSnapshots, readSnapshots } from '../host/libvirt/connectionSnapshot';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import type { CommandOutput } from './commandOutput';
import { printStatus } from './statusCommand';
import { escapeControlCharacters } from './terminalText';
import { resolveDocument } from '../resolver/resolveDocument';
import { compareDomainWithLive } from '../resolver/liveDomainComparison';
import type { LiveDifference } from '../resolver/liveComparison';

export interface HostStatusOptions {
  readonly connection: ConnectionSetting;
  readonly domainName: string;
  readonly format: 'text' | 'json';
  /** Compare the prediction with the running domain (`virsh dumpxml`) instead of printing it. */
  readonly verify: boolean;
}

/**
 * `libvirt-xml status --connect URI DOMAIN`: the status of a domain defined on a host, from its
 * persistent definition (`virsh dumpxml --inactive`) and that host's networks.
 */
export async function runHostStatus(options: HostStatusOptions, out: CommandOutput): Promise<number> {
  const [snapshot] = await readSnapshots([options.connection], { domains: false });
  const uri = options.connection.uri;
  if (snapshot.failure) throw new Error(failureText(uri, snapshot.failure));
  const index = new WorkspaceIndex();
  indexSnapshots(index, [snapshot]);
  const target = { connectionUri: uri, autostart: options.connection.explicit };
  const dumped = await readLiveDomainXml(target, options.domainName, true);
  if (dumped.failure) throw new Error(failureText(uri, dumped.failure));
  if (dumped.xml === undefined) throw new Error(`${uri}: ${dumped.error ?? `no domain '${options.domainName}'`}`);
  const document = parseLibvirtDocument(libvirtObjectUri({ connection: snapshot.label, kind: 'domain', name: options.domainName }), dumped.xml);
  index.update(document, index.originOf(document.uri));
  if (!options.verify) return printStatus(document, index, options.format, out);

  const live = await readLiveDomainXml(target, options.domainName, false);
  if (live.failure) throw new Error(failureText(uri, live.failure));
  if (live.xml === undefined) throw new Error(`${uri}: ${live.error ?? `no domain '${options.domainName}'`}`);
  if (!/<domain[^>]*\sid='\d+'/.test(live.xml))
    throw new Error(`domain '${options.domainName}' is not running: --verify compares with the running domain (virsh start ${options.domainName})`);
  const differences = compareDomainWithLive(resolveDocument(document, index), live.xml);
  printDifferences(options, differences, out);
  return differences.length > 0 ? 1 : 0;
}

/**
 * The fields where the prediction (from the domain's definition and the host's networks as they
 * are defined now) and the running domain differ; run-time values (tap device, alias, port id,
 * the device a pool gave) are not differences.
 */
function printDifferences(options: HostStatusOptions, differences: readonly LiveDifference[], out: CommandOutput): void {
  const where = `domain '${options.domainName}' on ${options.connection.uri}`;
  if (options.format === 'json') {
    out.stdout(
      JSON.stringify({ domain: options.domainName, connection: options.connection.uri, agrees: differences.length === 0, differences }, null, 2) + '\n',
    );
    return;
  }
  if (differences.length === 0) {
    out.stdout(`${escapeControlCharacters(where)}: the running interfaces are as predicted\n`);
    return;
  }
  for (const difference of differences) {
    out.stdout(escapeControlCharacters(`${difference.field}: predicted ${difference.predicted}, running ${difference.live}`) + '\n');
  }
  out.stdout(`${escapeControlCharacters(where)}: ${differences.length} difference${differences.length === 1 ? '' : 's'} from the prediction\n`);
}
