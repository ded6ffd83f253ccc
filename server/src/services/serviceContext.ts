import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { DisplayPath } from './displayPath';
import { linesOf } from './lspRanges';
import { lineLink } from './markdown';

/** What every feature reads: the document at hand, the rest of the workspace, how to name files. */
export interface ServiceContext {
  readonly document: LibvirtDocument;
  readonly index: WorkspaceIndex;
  readonly displayPath: DisplayPath;
}

/** A markdown link to the line of an offset in any file the context knows. */
export function linkTo(context: ServiceContext, label: string, uri: string, offset: number): string {
  const line = linesOf(uri, context.document, context.index)?.positionAt(offset).line ?? 0;
  return lineLink(label, uri, line, `${context.displayPath(uri)}, line ${line + 1}`);
}
