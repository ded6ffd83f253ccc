import { CodeActionKind, type CodeAction, type CodeActionContext } from 'vscode-languageserver-types';
import type { FindingCode } from '../model/finding';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { diagnosticSource } from './diagnostics';
import type { EditOptions } from './edits/workspaceEditBuilder';
import { changeToSuggestion } from './quickFixes/changeToSuggestion';
import { createPortGroup } from './quickFixes/createPortGroup';
import type { QuickFix } from './quickFixes/quickFix';
import { removeFloor } from './quickFixes/removeFloor';
import { unsetDefault } from './quickFixes/unsetDefault';
import { noTexts, type TextSource } from './textSource';

/** The quick fixes of each finding code; any finding with suggestions also gets "Change to". */
const fixesByCode = new Map<string, readonly QuickFix[]>(
  Object.entries({
    'unknown-portgroup': [createPortGroup],
    'floor-unsupported-by-network': [removeFloor],
    'floor-unsupported-for-interface': [removeFloor],
    'multiple-default-portgroups': [unsetDefault],
  } satisfies Partial<Record<FindingCode, readonly QuickFix[]>>),
);

/**
 * Quick fixes for this server's diagnostics in the requested range. Each action is one
 * WorkspaceEdit (one undo step) that keeps the file's indentation and quotes; `texts` gives the
 * text of files that are not open, which a fix may edit too.
 */
export async function getCodeActions(
  document: LibvirtDocument,
  context: CodeActionContext,
  index: WorkspaceIndex,
  editOptions: EditOptions = {},
  texts: TextSource = noTexts,
): Promise<CodeAction[]> {
  if (context.only && !context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== diagnosticSource || typeof diagnostic.code !== 'string') continue;
    const fixes = [changeToSuggestion, ...(fixesByCode.get(diagnostic.code) ?? [])];
    for (const fix of fixes) actions.push(...(await fix({ document, diagnostic, index, editOptions, texts })));
  }
  return actions;
}
