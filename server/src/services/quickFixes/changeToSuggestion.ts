import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { escapeXmlAttributeIn } from '../../util/xmlEscape';
import { WorkspaceEditBuilder } from '../edits/workspaceEditBuilder';
import { attributeOfDiagnostic, suggestionsOf } from './diagnosticTarget';
import type { QuickFix } from './quickFix';

/** "Change to 'mynet'" for each name the diagnostic suggests (closest first, the first preferred). */
export const changeToSuggestion: QuickFix = ({ document, diagnostic, editOptions }) => {
  const target = attributeOfDiagnostic(document, diagnostic);
  const quote = target?.attribute.quote;
  const value = target?.attribute.valueRange;
  if (!target || !quote || !value) return [];
  return suggestionsOf(diagnostic).map((suggestion, position): CodeAction => ({
    title: `Change to '${suggestion}'`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: position === 0 || undefined,
    edit: new WorkspaceEditBuilder(editOptions).replace(document.uri, document.lines, value, escapeXmlAttributeIn(suggestion, quote)).build(),
  }));
};
