import { isLibvirtUri } from '../../../protocol/src/libvirtUris';
import type { Position, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { networkNameProblem, portGroupNameProblem, tagNameProblem } from '../languageFacts/nameRules';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { nameText } from './edits/nameText';
import { shortDisplayPath, type DisplayPath } from './displayPath';
import { canEdit, WorkspaceEditBuilder, type EditOptions } from './edits/workspaceEditBuilder';
import { offsetAt, toLspRange } from './lspRanges';
import { describeSymbol, symbolAt, type NamedSymbol } from './navigation/namedSymbol';
import { occurrencesOf, type Occurrence } from './navigation/symbolOccurrences';

/** A rename the service will not do, with the reason to show the user. */
export interface RenameRefusal {
  readonly refusal: string;
}

export function isRefusal(answer: object): answer is RenameRefusal {
  return 'refusal' in answer;
}

export type PrepareRenameAnswer = { readonly range: Range; readonly placeholder: string } | RenameRefusal;
export type RenameAnswer = { readonly edit: WorkspaceEdit } | RenameRefusal;

export interface RenameOptions extends EditOptions {
  readonly displayPath?: DisplayPath;
}

const notRenameable: RenameRefusal = {
  refusal: 'Only a network name (<name>, <source network>), a portgroup name (<portgroup name>, <source portgroup>) or a tag name (<tag name>) can be renamed.',
};

/** The name under the cursor and its range, when it is one this service can rename (everywhere it is written). */
export function prepareRename(document: LibvirtDocument, position: Position, index: WorkspaceIndex, options: RenameOptions = {}): PrepareRenameAnswer {
  if (isLibvirtUri(document.uri)) return onConnection;
  const at = symbolAt(document, offsetAt(document, position));
  if (!at) return notRenameable;
  const fixed = fixedNameRefusal(at.symbol);
  if (fixed) return fixed;
  const readOnly = readOnlyRefusal(at.symbol, writtenOccurrences(at.symbol, index), options);
  return readOnly ?? { range: toLspRange(document.lines, at.written.range), placeholder: at.written.value };
}

/**
 * Renames a network, portgroup or tag everywhere in the workspace, in one WorkspaceEdit that
 * replaces exactly the names the model read (the `<name>` text, `<portgroup name>`, each
 * `<source network|portgroup>`, each `<tag name>`), never other text spelled the same.
 */
export function doRename(document: LibvirtDocument, position: Position, newName: string, index: WorkspaceIndex, options: RenameOptions = {}): RenameAnswer {
  if (isLibvirtUri(document.uri)) return onConnection;
  const at = symbolAt(document, offsetAt(document, position));
  if (!at) return notRenameable;
  const { symbol } = at;
  const fixed = fixedNameRefusal(symbol);
  if (fixed) return fixed;
  const edits = new WorkspaceEditBuilder(options);
  if (newName === symbol.name) return { edit: edits.build() };
  const displayPath = options.displayPath ?? shortDisplayPath;
  const problem = nameProblem(symbol, newName) ?? takenProblem(symbol, newName, index, displayPath);
  if (problem) return { refusal: `Cannot rename ${describeSymbol(symbol)} to '${newName}': ${problem}.` };

  const written = writtenOccurrences(symbol, index);
  const readOnly = readOnlyRefusal(symbol, written, options);
  if (readOnly) return readOnly;
  for (const occurrence of written) {
    const file = occurrence.uri === document.uri ? document : index.get(occurrence.uri);
    if (file) edits.replace(occurrence.uri, file.lines, occurrence.range, nameText(occurrence.quote, newName));
  }
  return { edit: edits.build() };
}

/**
 * Where the name is written in files (an interface getting the default portgroup writes none).
 * What a libvirt connection defines is another copy, changed with virsh, not by this edit.
 */
function writtenOccurrences(symbol: NamedSymbol, index: WorkspaceIndex): Occurrence[] {
  return occurrencesOf(symbol, index).filter((occurrence) => occurrence.role !== 'implicit' && !isLibvirtUri(occurrence.uri));
}

/** A name in a connection's read-only view is not renamed from there. */
const onConnection: RenameRefusal = {
  refusal: 'This is what a libvirt connection defines, shown read-only: change it with virsh (net-edit, edit), or rename it in your own file.',
};

function readOnlyRefusal(symbol: NamedSymbol, written: readonly Occurrence[], options: RenameOptions): RenameRefusal | undefined {
  const readOnly = written.find((occurrence) => !canEdit(options, occurrence.uri));
  if (!readOnly) return undefined;
  const where = (options.displayPath ?? shortDisplayPath)(readOnly.uri);
  return { refusal: `Cannot rename ${describeSymbol(symbol)}: it is written in ${where}, outside the workspace, and files there are read, never written.` };
}

/**
 * libvirt cannot rename these: a storage pool's name is fixed once it is defined on a host
 * (virStoragePoolObjIsDuplicate refuses a definition with the same UUID and another name, and there
 * is no pool-rename), a volume has no rename either, and a filter of the same UUID with another
 * name is refused (virNWFilterObjListAssignDef: "filter with same UUID but different name").
 */
function fixedNameRefusal(symbol: NamedSymbol): RenameRefusal | undefined {
  switch (symbol.kind) {
    case 'pool':
      return {
        refusal: `Cannot rename ${describeSymbol(symbol)}: libvirt fixes a pool's name once it is defined on a host (there is no pool-rename); define a new pool instead.`,
      };
    case 'volume':
      return { refusal: `Cannot rename ${describeSymbol(symbol)}: libvirt has no way to rename a volume; clone it (vol-clone) under the new name instead.` };
    case 'filter':
      return { refusal: `Cannot rename ${describeSymbol(symbol)}: libvirt refuses a filter of the same UUID under another name; define a new filter instead.` };
    default:
      return undefined;
  }
}

function nameProblem(symbol: NamedSymbol, newName: string): string | undefined {
  switch (symbol.kind) {
    case 'network':
      return networkNameProblem(newName);
    case 'portgroup':
      return portGroupNameProblem(newName);
    case 'tag':
      return tagNameProblem(newName);
    default:
      return undefined;
  }
}

/** Renaming onto an existing name would merge two things into one: refused. */
function takenProblem(symbol: NamedSymbol, newName: string, index: WorkspaceIndex, displayPath: DisplayPath): string | undefined {
  switch (symbol.kind) {
    case 'network': {
      const taken = index.network(newName);
      return taken ? `a network named '${newName}' is already defined in ${displayPath(taken.uri)}` : undefined;
    }
    case 'portgroup': {
      const taken = index.networks(symbol.networkName).some(({ network }) => network.portGroups.some((group) => group.name?.value === newName));
      return taken ? `network '${symbol.networkName}' already has a portgroup named '${newName}'` : undefined;
    }
    case 'tag':
      return index.tags().has(newName) ? `the tag '${newName}' is already used in the workspace` : undefined;
    default:
      return undefined;
  }
}
