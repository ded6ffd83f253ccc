import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../../index/workspaceIndex';
import type { LibvirtDocument } from '../../model/libvirtDocument';
import type { EditOptions } from '../edits/workspaceEditBuilder';
import type { TextSource } from '../textSource';

/** What every quick fix is given: the diagnostic it fixes, where it stands, and the workspace. */
export interface QuickFixContext {
  readonly document: LibvirtDocument;
  readonly diagnostic: Diagnostic;
  readonly index: WorkspaceIndex;
  readonly editOptions: EditOptions;
  /** The text of files that are not open (a fix that edits another file reads its style from it). */
  readonly texts: TextSource;
}

/** Quick fixes for one kind of diagnostic; none when the text no longer allows them. */
export type QuickFix = (context: QuickFixContext) => CodeAction[] | Promise<CodeAction[]>;
