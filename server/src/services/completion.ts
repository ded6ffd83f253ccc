import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { childElementFacts, elementFact } from '../languageFacts/elementFacts';
import type { AttributeFact, ElementFact } from '../languageFacts/factTypes';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { findAttribute } from '../parser/xmlQueries';
import type { TextRange, XmlAttribute, XmlElement } from '../parser/xmlTree';
import { cursorContext, type CursorContext } from './cursorContext';
import { shortDisplayPath, type DisplayPath } from './displayPath';
import { offsetAt, toLspRange } from './lspRanges';
import { networkItems, portGroupItems, tagItems } from './referenceCompletion';
import type { ServiceContext } from './serviceContext';
import { snippetToPlainText } from './snippetText';

export interface CompletionOptions {
  /** Whether the client takes snippets (LSP completionItem.snippetSupport). */
  readonly snippets?: boolean;
  /** The character that triggered completion, if any: each one only opens the list where it means something. */
  readonly triggerCharacter?: string;
  readonly displayPath?: DisplayPath;
}

/** Which cursor contexts each trigger character opens the list in. */
const contextsOfTrigger: Readonly<Record<string, ReadonlyArray<CursorContext['kind']>>> = {
  "'": ['attributeValue'],
  '"': ['attributeValue'],
  '<': ['elementName'],
  ' ': ['attributeName'],
};

/**
 * Completion at a position: element names, attribute names and values from the language facts,
 * and, for references, the names the workspace defines (networks, that network's portgroups,
 * tags). Every item replaces the whole token it stands on, so choosing one inside an existing
 * value replaces the value rather than inserting into it.
 */
export function doComplete(document: LibvirtDocument, position: Position, index: WorkspaceIndex, options: CompletionOptions = {}): CompletionList {
  const context: ServiceContext = { document, index, displayPath: options.displayPath ?? shortDisplayPath };
  const offset = offsetAt(document, position);
  const cursor = cursorContext(document.xml, offset);
  const allowed = options.triggerCharacter === undefined ? undefined : contextsOfTrigger[options.triggerCharacter];
  if (allowed && !allowed.includes(cursor.kind)) return emptyList();
  // A trigger such as ' ' fires within a half-typed attribute too; only an empty spot is a new one.
  if (options.triggerCharacter === ' ' && cursor.kind === 'attributeName' && cursor.attribute) return emptyList();

  const snippets = options.snippets ?? true;
  switch (cursor.kind) {
    case 'attributeValue':
      return list(valueItems(context, cursor.element, cursor.attribute, offset));
    case 'attributeName':
      return list(attributeItems(document, cursor.element, cursor.attribute, cursor.range, snippets));
    case 'elementName':
      return list(elementItems(document, cursor.parent, cursor.element, cursor.range, snippets, ''));
    case 'content':
      return list(elementItems(document, cursor.parent, undefined, cursor.range, snippets, '<'));
    case 'none':
      return emptyList();
  }
}

function valueItems(context: ServiceContext, element: XmlElement, attribute: XmlAttribute, offset: number): CompletionItem[] {
  const fact = attributeFact(element, attribute.name);
  if (!fact) return [];
  let items: CompletionItem[];
  if (fact.reference === 'network') items = networkItems(context);
  else if (fact.reference === 'portgroup') items = portGroupItems(context, element);
  else if (fact.reference === 'tag') items = tagItems(context, element);
  else {
    items = (fact.values ?? []).map((value) => ({
      label: value.name,
      kind: CompletionItemKind.EnumMember,
      documentation: { kind: MarkupKind.Markdown, value: value.description },
    }));
  }
  const edit = valueEdit(context.document, attribute, offset);
  return items.map((item) => ({ ...item, filterText: item.label, textEdit: { range: edit.range, newText: edit.text(item.label) } }));
}

/**
 * The range a chosen value replaces and the text it is written as. A closed value is replaced
 * whole; an unclosed one (`network='my`) up to where the value plausibly ends, and the missing
 * quote is added; an unquoted one gets quotes.
 */
function valueEdit(document: LibvirtDocument, attribute: XmlAttribute, offset: number): { range: Range; text: (value: string) => string } {
  const value = attribute.valueRange!;
  const lines = document.lines;
  if (attribute.quote === undefined) return { range: toLspRange(lines, value), text: (v) => `'${v.replace(/'/g, '&apos;')}'` };
  const quote = attribute.quote;
  const escape = (v: string) => v.replace(new RegExp(quote, 'g'), quote === "'" ? '&apos;' : '&quot;');
  const text = document.xml.text;
  const written = text.slice(value.start, value.end);
  // `network='my| portgroup='x'`: the missing quote made the value swallow the next attribute.
  const swallowed = attribute.valueClosed && /\s[A-Za-z_:][-\w:.]*\s*=\s*$/.test(written);
  if (attribute.valueClosed && !swallowed) return { range: toLspRange(lines, value), text: escape };
  let end = value.start;
  while (end < value.end && !/[\s>]/.test(text[end]) && !text.startsWith('/>', end)) end++;
  return { range: toLspRange(lines, { start: value.start, end: Math.max(end, offset) }), text: (v) => escape(v) + quote };
}

function attributeItems(document: LibvirtDocument, element: XmlElement, editing: XmlAttribute | undefined, range: TextRange, snippets: boolean): CompletionItem[] {
  const fact = elementFact(element.name, element.parent?.name);
  if (!fact) return [];
  const present = new Set(element.attributes.filter((a) => a !== editing).map((a) => a.name));
  const interfaceType = element.name === 'source' && element.parent ? findAttribute(element.parent, 'type')?.value : undefined;
  const lspRange = toLspRange(document.lines, range);
  return fact.attributes
    .filter((attribute) => !present.has(attribute.name))
    .filter((attribute) => !attribute.interfaceTypes || interfaceType === undefined || attribute.interfaceTypes.includes(interfaceType))
    .map((attribute) => {
      // Renaming an attribute that already has a value keeps the value.
      const snippet = editing?.valueRange ? attribute.name : `${attribute.name}='${valuePlaceholder(attribute)}'`;
      return {
        label: attribute.name,
        kind: CompletionItemKind.Field,
        documentation: { kind: MarkupKind.Markdown, value: attribute.description },
        ...insertion(lspRange, snippet, snippets),
      };
    });
}

function valuePlaceholder(attribute: AttributeFact): string {
  return attribute.values && attribute.values.length > 0 ? `\${1|${attribute.values.map((v) => v.name).join(',')}|}` : '$1';
}

/**
 * Elements the parent may hold. A name typed into a bare `<` gets the whole element (with its
 * attributes and closing); renaming an element that already has attributes or content changes
 * the name only.
 */
function elementItems(
  document: LibvirtDocument,
  parent: XmlElement | undefined,
  editing: XmlElement | undefined,
  range: TextRange,
  snippets: boolean,
  prefix: '' | '<',
): CompletionItem[] {
  if (!parent) return [];
  const present = new Set(parent.children.filter((child) => child !== editing).map((child) => child.name));
  const nameOnly = editing !== undefined && (editing.attributes.length > 0 || editing.startTagEnd !== undefined);
  const lspRange = toLspRange(document.lines, range);
  return childElementFacts(parent.name)
    .filter((fact) => fact.repeatable || !present.has(fact.name))
    .map((fact) => ({
      label: fact.name,
      kind: CompletionItemKind.Property,
      detail: elementDetail(fact),
      documentation: { kind: MarkupKind.Markdown, value: fact.description },
      filterText: fact.name,
      ...insertion(lspRange, prefix + (nameOnly ? fact.name : (fact.snippet ?? `${fact.name}>$0</${fact.name}>`)), snippets),
    }));
}

function elementDetail(fact: ElementFact): string | undefined {
  const first = fact.attributes[0];
  return first ? `<${fact.name} ${first.name}=…>` : undefined;
}

function insertion(range: Range, snippet: string, snippets: boolean): Pick<CompletionItem, 'textEdit' | 'insertTextFormat'> {
  return snippets
    ? { textEdit: { range, newText: snippet }, insertTextFormat: InsertTextFormat.Snippet }
    : { textEdit: { range, newText: snippetToPlainText(snippet) }, insertTextFormat: InsertTextFormat.PlainText };
}

function attributeFact(element: XmlElement, name: string): AttributeFact | undefined {
  return elementFact(element.name, element.parent?.name)?.attributes.find((attribute) => attribute.name === name);
}

function list(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

function emptyList(): CompletionList {
  return list([]);
}
