import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ModelledFile } from '../model/modelledFile';
import { withDomainPools } from './domainPools';
import type { ResolvedInterface } from './resolvedInterface';
import { resolveInterface } from './resolveInterface';

/** The resolved status of every interface of a domain document (none for other documents). */
export function resolveDocument(document: ModelledFile, index: WorkspaceIndex): ResolvedInterface[] {
  const object = document.object;
  if (object?.kind !== 'domain') return [];
  return withDomainPools(object.interfaces.map((iface) => resolveInterface(document.uri, iface, index, object)));
}

/** The resolved status of the domain's interfaces from `from` to `to` (exclusive), by position. */
export function resolveInterfaces(document: ModelledFile, index: WorkspaceIndex, from: number, to: number): ResolvedInterface[] {
  const object = document.object;
  if (object?.kind !== 'domain') return [];
  return object.interfaces.slice(from, to).map((iface) => resolveInterface(document.uri, iface, index));
}
