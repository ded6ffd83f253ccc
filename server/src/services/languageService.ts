import type { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { ResolvedStatusResult } from '../protocol';
import { doComplete } from './completion';
import { doValidation } from './diagnostics';
import { shortDisplayPath, type DisplayPath } from './displayPath';
import { doHover } from './hover';
import { getResolvedStatus } from './status';

export interface LanguageServiceOptions {
  /** How files are named in hovers, details and the status view; default: the last two path segments. */
  readonly displayPath?: DisplayPath;
  /** Where libvirt's RelaxNG schemas are now (they may be configured later); undefined when unknown. */
  readonly schemaFolder?: () => string | undefined;
}

export interface CompletionRequestOptions {
  readonly snippets?: boolean;
  readonly triggerCharacter?: string;
}

/** Every feature, as functions of a parsed document, a position and the workspace index. */
export interface LanguageService {
  doComplete(document: LibvirtDocument, position: Position, index: WorkspaceIndex, options?: CompletionRequestOptions): CompletionList;
  doHover(document: LibvirtDocument, position: Position, index: WorkspaceIndex): Hover | null;
  doValidation(document: LibvirtDocument, index: WorkspaceIndex): Diagnostic[];
  getResolvedStatus(document: LibvirtDocument, index: WorkspaceIndex): ResolvedStatusResult;
}

/** Hands out the features bound to the options; holds no state of its own. */
export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const displayPath = options.displayPath ?? shortDisplayPath;
  const schemaFolder = options.schemaFolder ?? (() => undefined);
  return {
    doComplete: (document, position, index, request = {}) => doComplete(document, position, index, { ...request, displayPath, schemaFolder: schemaFolder() }),
    doHover: (document, position, index) => doHover(document, position, index, { displayPath, schemaFolder: schemaFolder() }),
    doValidation: (document, index) => doValidation(document, index),
    getResolvedStatus: (document, index) => getResolvedStatus(document, index, { displayPath }),
  };
}
