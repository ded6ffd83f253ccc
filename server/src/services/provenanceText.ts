import type { Provenance } from '../resolver/provenance';
import type { DisplayPath } from './displayPath';
import { inlineCode } from './markdown';
import { linkTo, type ServiceContext } from './serviceContext';

/** Where a resolved value was written, said for people. */

/** "portgroup 'xyzzy' in networks/mynet.xml", for plain-text surfaces (the status view). */
export function provenanceLabel(from: Provenance, displayPath: DisplayPath): string {
  if (from.level === 'interface') return 'this interface';
  if (from.level === 'disk') return 'this disk';
  return `${from.level} '${from.ownerName ?? ''}' in ${displayPath(from.uri)}`;
}

/** "[portgroup `xyzzy` in `networks/mynet.xml`](file:///…/mynet.xml#L12)", for hovers. */
export function provenanceLink(context: ServiceContext, from: Provenance): string {
  const label =
    from.level === 'interface' ? 'this interface' : `${from.level} ${inlineCode(from.ownerName ?? '')} in ${inlineCode(context.displayPath(from.uri))}`;
  return linkTo(context, label, from.uri, from.range.start);
}
