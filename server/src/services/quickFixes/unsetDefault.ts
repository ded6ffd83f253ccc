import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { LibvirtDocument } from '../../model/libvirtDocument';
import type { PortGroup } from '../../model/libvirtModel';
import { findAttribute } from '../../parser/xmlQueries';
import { attributeRemovalRange } from '../edits/attributeRemoval';
import { WorkspaceEditBuilder, type EditOptions } from '../edits/workspaceEditBuilder';
import { attributeOfDiagnostic } from './diagnosticTarget';
import type { QuickFix } from './quickFix';

/**
 * For a network with several default portgroups: keep this one as the default and unset the
 * others, or unset this one. Unsetting removes the `default` attribute (libvirt's "no").
 */
export const unsetDefault: QuickFix = ({ document, diagnostic, editOptions }) => {
  const network = document.object;
  const target = attributeOfDiagnostic(document, diagnostic);
  if (network?.kind !== 'network' || target?.attribute.name !== 'default') return [];
  // libvirt counts default='yes' case-insensitively.
  const defaults = network.portGroups.filter((group) => group.isDefault?.value.toLowerCase() === 'yes');
  const self = defaults.find((group) => group.element === target.element);
  if (!self) return [];
  const name = self.name?.value ?? '';
  const others = defaults.filter((group) => group !== self);
  const actions: CodeAction[] = [];
  const keepThis = removal(document, others, diagnostic, editOptions, `Unset default on the other portgroups (keep '${name}')`);
  const dropThis = removal(document, [self], diagnostic, editOptions, `Unset default on portgroup '${name}'`);
  if (keepThis) actions.push(keepThis);
  if (dropThis) actions.push(dropThis);
  return actions;
};

function removal(
  document: LibvirtDocument,
  groups: readonly PortGroup[],
  diagnostic: Diagnostic,
  editOptions: EditOptions,
  title: string,
): CodeAction | undefined {
  const edits = new WorkspaceEditBuilder(editOptions);
  for (const group of groups) {
    const attribute = findAttribute(group.element, 'default');
    const range = attribute && attributeRemovalRange(document.xml.text, attribute);
    if (range) edits.replace(document.uri, document.lines, range, '');
  }
  return edits.isEmpty ? undefined : { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edits.build() };
}
