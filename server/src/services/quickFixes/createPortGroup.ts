import { CodeActionKind } from 'vscode-languageserver-types';
import { portGroupNameProblem } from '../../languageFacts/nameRules';
import type { IndexedDocument } from '../../index/workspaceIndex';
import { isLibvirtDocument } from '../../model/libvirtDocument';
import { escapeXmlAttributeIn } from '../../util/xmlEscape';
import { parseXml } from '../../parser/xmlParser';
import { findAttribute } from '../../parser/xmlQueries';
import type { XmlDocument, XmlElement } from '../../parser/xmlTree';
import { fileStyleOf, indentationOf } from '../edits/fileStyle';
import { canEdit, WorkspaceEditBuilder } from '../edits/workspaceEditBuilder';
import { attributeOfDiagnostic } from './diagnosticTarget';
import type { TextSource } from '../textSource';
import type { QuickFix } from './quickFix';

/**
 * "Create portgroup 'y' in network 'x'": adds `<portgroup name='y'/>` to the network's file
 * (open or not), after its last portgroup, else after its last child, indented and quoted as
 * that file is. A network file that is not open is read through the text source for that.
 */
export const createPortGroup: QuickFix = async ({ document, diagnostic, index, editOptions, texts }) => {
  const target = attributeOfDiagnostic(document, diagnostic);
  const groupName = target?.attribute.value;
  const networkName = target && findAttribute(target.element, 'network')?.value;
  if (groupName === undefined || networkName === undefined || portGroupNameProblem(groupName)) return [];
  const definition = index.network(networkName);
  const networkFile = definition && (definition.uri === document.uri ? document : index.get(definition.uri));
  if (!definition || !networkFile || !canEdit(editOptions, definition.uri)) return [];
  const xml = await treeOf(networkFile, texts);
  const insertion = xml && portGroupInsertion(xml, definition.network.element, groupName);
  if (!insertion) return [];
  return [
    {
      title: `Create portgroup '${groupName}' in network '${networkName}'`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: new WorkspaceEditBuilder(editOptions).insert(definition.uri, networkFile.lines, insertion.offset, insertion.text).build(),
    },
  ];
};

/** The file's text and tree: held whole when it is open; else its text is read (none when it cannot be). */
async function treeOf(file: IndexedDocument, texts: TextSource): Promise<XmlDocument | undefined> {
  if (isLibvirtDocument(file)) return file.xml;
  const text = await texts.read(file.uri);
  return text === undefined ? undefined : parseXml(text);
}

function portGroupInsertion(xml: XmlDocument, network: XmlElement, groupName: string): { offset: number; text: string } | undefined {
  // Only a complete `<network>…</network>` has a safe place inside it.
  if (!network.closed || network.selfClosing || network.startTagEnd === undefined || network.endTagStart === undefined) return undefined;
  const text = xml.text;
  const style = fileStyleOf(xml);
  const element = `<portgroup name=${style.quote}${escapeXmlAttributeIn(groupName, style.quote)}${style.quote}/>`;
  const groups = network.children.filter((child) => child.name === 'portgroup');
  const anchor = groups[groups.length - 1] ?? network.children[network.children.length - 1];
  if (anchor) return { offset: anchor.end, text: `${style.newline}${indentationOf(text, anchor)}${element}` };
  const outer = indentationOf(text, network);
  return { offset: network.endTagStart, text: `${style.newline}${outer}${style.indentUnit}${element}${style.newline}${outer}` };
}
