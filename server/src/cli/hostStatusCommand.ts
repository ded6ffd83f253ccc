import { libvirtObjectUri } from '../../../protocol/src/libvirtUris';
import { failureText } from '../host/libvirt/connectionFailure';
import { readLiveDomainXml } from '../host/libvirt/connectionReader';
import { indexSnapshots, readSnapshots } from '../host/libvirt/connectionSnapshot';
import type { ConnectionSetting } from '../host/libvirt/connectionSources';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import type { CommandOutput } from './commandOutput';
import { printStatus } from './statusCommand';

export interface HostStatusOptions {
  readonly connection: ConnectionSetting;
  readonly domainName: string;
  readonly format: 'text' | 'json';
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
  return printStatus(document, index, options.format, out);
}
