import { compareWithLiveMethod, type CompareWithLiveParams, type CompareWithLiveResult } from '../../../protocol/src/liveComparison';
import { failureText } from '../host/libvirt/connectionFailure';
import { readLiveDomainXml } from '../host/libvirt/connectionReader';
import { liveComparisonTexts } from '../services/liveComparisonTexts';
import type { LibvirtConnections } from './libvirtConnections';
import { requestUri } from './requestParams';
import type { ServerContext } from './serverContext';

/**
 * "Compare Predicted with Live": the prediction from the domain as the index holds it (the
 * editor's text when it is open) against the running domain, read now (`virsh dumpxml`, by
 * UUID, read-only).
 */
export function registerLiveComparisonHandler(context: ServerContext, libvirt: LibvirtConnections): void {
  const { connection, guard, index } = context;
  connection.onRequest(compareWithLiveMethod, (params: CompareWithLiveParams) => {
    const uri = requestUri(params);
    return guard.runPromise<CompareWithLiveResult>('comparing with the running domain', { error: 'the language server failed to compare' }, async () => {
      const located = libvirt.sources.locate(uri);
      const object = located?.object;
      if (!located || !object) return { error: `${uri} names no domain a configured connection defines` };
      const where = `domain '${object.name}' on ${located.view.setting.uri}`;
      if (object.state.runState !== 'running' && object.state.runState !== 'paused') return { error: `${where} is not running` };
      const live = await readLiveDomainXml(located.view.target, object.uuid, false);
      if (live.failure) return { error: failureText(located.view.setting.uri, live.failure) };
      if (live.xml === undefined) return { error: `${where}: ${live.error ?? 'no live definition'}` };
      const document = index.get(uri);
      if (document?.object?.kind !== 'domain') return { error: `${where} is not read yet` };
      return liveComparisonTexts(document, index, live.xml, where);
    });
  });
}
