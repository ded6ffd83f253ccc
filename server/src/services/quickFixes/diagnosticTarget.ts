import type { Diagnostic } from 'vscode-languageserver-types';
import type { LibvirtDocument } from '../../model/libvirtDocument';
import type { XmlAttribute, XmlElement } from '../../parser/xmlTree';
import { tokenAt } from '../tokenAt';

/** The attribute whose value a diagnostic covers exactly, if it still does in this text. */
export function attributeOfDiagnostic(document: LibvirtDocument, diagnostic: Diagnostic): { element: XmlElement; attribute: XmlAttribute } | undefined {
  const start = document.lines.offsetAt(diagnostic.range.start.line, diagnostic.range.start.character);
  const end = document.lines.offsetAt(diagnostic.range.end.line, diagnostic.range.end.character);
  const token = tokenAt(document.xml, start);
  const value = token?.attribute?.valueRange;
  if (!token?.attribute || !value || value.start !== start || value.end !== end) return undefined;
  return { element: token.element, attribute: token.attribute };
}

/** `Diagnostic.data.suggestions` as this server wrote it (see DiagnosticData), checked, since it comes back from the client. */
export function suggestionsOf(diagnostic: Diagnostic): string[] {
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null || !('suggestions' in data)) return [];
  const suggestions: unknown = data.suggestions;
  return Array.isArray(suggestions) ? suggestions.filter((s): s is string => typeof s === 'string') : [];
}
