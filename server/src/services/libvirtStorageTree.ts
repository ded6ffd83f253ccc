import type { FilterNode, PoolNode, VolumeNode } from '../../../protocol/src/libvirtTree';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Domain, NetworkFilter } from '../model/libvirtModel';
import { hostObjectNode, sortedByName, type HostObjectInput } from './hostObjectInput';

/** A pool a connection defines, as the edge read it: where the index holds it and its volumes, and its state. */
export interface PoolInput extends HostObjectInput {
  readonly volumes: readonly { readonly uri: string; readonly name: string }[];
}

/** A network filter a connection defines, as the edge read it. */
export interface FilterInput {
  readonly uri: string;
  readonly uuid: string;
  readonly name: string;
}

/**
 * A connection's pools (type, target, volumes, and how many of the connection's volume disks
 * name each) from the documents the index holds under their `libvirt:` URIs. Sorted by name, as
 * `virsh pool-list` and `vol-list` do.
 */
export function poolNodes(pools: readonly PoolInput[], domainUris: readonly string[], index: WorkspaceIndex): PoolNode[] {
  const disks = domainsOf(domainUris, index).flatMap((domain) => domain.volumeDisks);
  return sortedByName(pools).map((input) => {
    const object = index.get(input.uri)?.object;
    const pool = object?.kind === 'pool' ? object : undefined;
    const onPool = disks.filter((disk) => disk.pool?.value === input.name);
    const volumes = sortedByName(input.volumes).map((volume): VolumeNode => {
      const modelled = index.get(volume.uri)?.object;
      const read = modelled?.kind === 'volume' ? modelled : undefined;
      return {
        name: volume.name,
        uri: volume.uri,
        type: read?.volumeType?.value,
        format: read?.format?.value,
        path: read?.targetPath?.value,
        usedBy: onPool.filter((disk) => disk.volume?.value === volume.name).length,
      };
    });
    return {
      ...hostObjectNode(input),
      type: pool?.poolType?.value,
      targetPath: pool?.targetPath?.value,
      volumes,
      usedBy: onPool.length,
    };
  });
}

/**
 * A connection's network filters: chain, rules, the filters each includes, and how many of the
 * connection's interfaces and filters reference it. Sorted by name, as `virsh nwfilter-list`.
 */
export function filterNodes(filters: readonly FilterInput[], domainUris: readonly string[], index: WorkspaceIndex): FilterNode[] {
  const modelled = new Map(filters.map((input) => [input.name, modelledFilter(input.uri, index)]));
  const references = [
    ...domainsOf(domainUris, index).flatMap((domain) => domain.interfaces.flatMap((iface) => (iface.filterRef ? [iface.filterRef] : []))),
    ...[...modelled.values()].flatMap((filter) => (filter ? includedRefs(filter) : [])),
  ];
  return sortedByName(filters).map((input) => {
    const filter = modelled.get(input.name);
    return {
      name: input.name,
      uri: input.uri,
      uuid: input.uuid,
      chain: filter?.chain?.value,
      rules: filter?.entries.filter((entry) => entry.kind === 'rule').length ?? 0,
      includes: filter ? includedRefs(filter).flatMap((ref) => (ref.filter ? [ref.filter.value] : [])) : [],
      usedBy: references.filter((ref) => ref.filter?.value === input.name).length,
    };
  });
}

function modelledFilter(uri: string, index: WorkspaceIndex): NetworkFilter | undefined {
  const object = index.get(uri)?.object;
  return object?.kind === 'filter' ? object : undefined;
}

function includedRefs(filter: NetworkFilter) {
  return filter.entries.flatMap((entry) => (entry.kind === 'filterref' ? [entry.ref] : []));
}

function domainsOf(uris: readonly string[], index: WorkspaceIndex): Domain[] {
  return uris.flatMap((uri) => {
    const object = index.get(uri)?.object;
    return object?.kind === 'domain' ? [object] : [];
  });
}
