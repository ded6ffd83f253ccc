import { CodeActionKind } from 'vscode-languageserver-types';
import { attributeRemovalRange } from '../edits/attributeRemoval';
import { WorkspaceEditBuilder } from '../edits/workspaceEditBuilder';
import { attributeOfDiagnostic } from './diagnosticTarget';
import type { QuickFix } from './quickFix';

/** "Remove floor" where libvirt refuses one (on a network, a portgroup, or a non-network interface). */
export const removeFloor: QuickFix = ({ document, diagnostic, editOptions }) => {
  const target = attributeOfDiagnostic(document, diagnostic);
  if (target?.attribute.name !== 'floor') return [];
  const range = attributeRemovalRange(document.xml.text, target.attribute);
  if (!range) return [];
  return [
    {
      title: 'Remove floor',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: new WorkspaceEditBuilder(editOptions).replace(document.uri, document.lines, range, '').build(),
    },
  ];
};
