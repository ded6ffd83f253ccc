import type {
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  SymbolInformation,
} from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { ModelledFile } from '../model/modelledFile';
import type { ResolvedStatusResult } from '../../../protocol/src/messages';
import { SchemaGrammars } from '../schema/grammar/schemaGrammars';
import { getCodeActions } from './codeActions';
import { getCodeLenses } from './codeLens';
import { doComplete, resolveCompletionItem } from './completion';
import { findDefinition } from './definition';
import { doValidation, doValidationInSlices } from './diagnostics';
import { shortDisplayPath, type DisplayPath } from './displayPath';
import { getDocumentLinks } from './documentLinks';
import { getDocumentSymbols } from './documentSymbols';
import type { EditOptions } from './edits/workspaceEditBuilder';
import { getFoldingRanges } from './foldingRanges';
import { doHover } from './hover';
import { findReferences } from './references';
import { doRename, prepareRename, type PrepareRenameAnswer, type RenameAnswer } from './rename';
import { getResolvedStatus, type StatusPage } from './status';
import type { SlicedWork } from '../util/slicedWork';
import { noTexts, type TextSource } from './textSource';
import { getWorkspaceSymbols } from './workspaceSymbols';

export interface LanguageServiceOptions {
  /** How files are named in hovers, details and the status view; default: the last two path segments. */
  readonly displayPath?: DisplayPath;
  /**
   * The grammars of libvirt's RelaxNG schemas now (they may be configured or reloaded later),
   * for completion and hover; the caller loads them (server/src/host/schema/). Default: none.
   */
  readonly schemaGrammars?: () => SchemaGrammars;
  /** The text of files that are not open, for the quick fixes that edit them; default: none (no such fixes). */
  readonly texts?: TextSource;
}

export interface CompletionRequestOptions {
  readonly snippets?: boolean;
  readonly triggerCharacter?: string;
  /** Leave workspace names' documentation for resolveCompletionItem (clients that resolve items). */
  readonly lazyDocumentation?: boolean;
  /** At most this many workspace names in a list (default 100); more make an incomplete list of the best matches. */
  readonly maxReferenceItems?: number;
}

/** Every feature, as functions of a parsed document, a position and the workspace index. */
export interface LanguageService {
  doComplete(document: LibvirtDocument, position: Position, index: WorkspaceIndex, options?: CompletionRequestOptions): CompletionList;
  /** The documentation of an item completion left out (with `lazyDocumentation`); `document` is the one completion was asked in. */
  resolveCompletionItem(item: CompletionItem, document: LibvirtDocument, index: WorkspaceIndex): CompletionItem;
  doHover(document: LibvirtDocument, position: Position, index: WorkspaceIndex): Hover | null;
  doValidation(document: LibvirtDocument, index: WorkspaceIndex): Diagnostic[];
  /** doValidation in slices (see SlicedWork), for a large document. */
  doValidationInSlices(document: LibvirtDocument, index: WorkspaceIndex): SlicedWork<Diagnostic[]>;
  /** For an open document or any indexed file: a page of its interfaces (see statusPageSize). */
  getResolvedStatus(document: ModelledFile, index: WorkspaceIndex, page?: StatusPage): ResolvedStatusResult;
  findDefinition(document: LibvirtDocument, position: Position, index: WorkspaceIndex): Location[];
  findReferences(document: LibvirtDocument, position: Position, index: WorkspaceIndex, includeDeclaration: boolean): Location[];
  prepareRename(document: LibvirtDocument, position: Position, index: WorkspaceIndex, edits?: EditOptions): PrepareRenameAnswer;
  doRename(document: LibvirtDocument, position: Position, newName: string, index: WorkspaceIndex, edits?: EditOptions): RenameAnswer;
  getCodeActions(document: LibvirtDocument, context: CodeActionContext, index: WorkspaceIndex, edits?: EditOptions): Promise<CodeAction[]>;
  getCodeLenses(document: LibvirtDocument, index: WorkspaceIndex): CodeLens[];
  getDocumentSymbols(document: LibvirtDocument): DocumentSymbol[];
  getWorkspaceSymbols(query: string, index: WorkspaceIndex): SymbolInformation[];
  /** At most `limit` ranges (the client's rangeLimit), never more than maxItemsPerDocument. */
  getFoldingRanges(document: LibvirtDocument, limit?: number): FoldingRange[];
  getDocumentLinks(document: LibvirtDocument, index: WorkspaceIndex): DocumentLink[];
}

/** Hands out the features bound to the options; holds no state of its own. */
export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const displayPath = options.displayPath ?? shortDisplayPath;
  const schemaGrammars = options.schemaGrammars ?? (() => SchemaGrammars.none);
  const texts = options.texts ?? noTexts;
  return {
    doComplete: (document, position, index, request = {}) =>
      doComplete(document, position, index, { ...request, displayPath, schemaGrammars: schemaGrammars() }),
    resolveCompletionItem: (item, document, index) => resolveCompletionItem(item, document, index, { displayPath }),
    doHover: (document, position, index) => doHover(document, position, index, { displayPath, schemaGrammars: schemaGrammars() }),
    doValidation: (document, index) => doValidation(document, index),
    doValidationInSlices: (document, index) => doValidationInSlices(document, index),
    getResolvedStatus: (document, index, page) => getResolvedStatus(document, index, { displayPath }, page),
    findDefinition,
    findReferences,
    prepareRename: (document, position, index, edits = {}) => prepareRename(document, position, index, { ...edits, displayPath }),
    doRename: (document, position, newName, index, edits = {}) => doRename(document, position, newName, index, { ...edits, displayPath }),
    getCodeActions: (document, context, index, edits = {}) => getCodeActions(document, context, index, edits, texts),
    getCodeLenses: (document, index) => getCodeLenses(document, index, displayPath),
    getDocumentSymbols,
    getWorkspaceSymbols,
    getFoldingRanges,
    getDocumentLinks: (document, index) => getDocumentLinks(document, index, { displayPath }),
  };
}
