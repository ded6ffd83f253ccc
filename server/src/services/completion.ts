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
import { schemaSuggestions } from './schemaCompletionItems';
import type { SchemaCompletion } from '../schema/schemaTypes';

export interface CompletionOptions {
  /** Whether the client takes snippets (LSP completionItem.snippetSupport). */
  readonly snippets?: boolean;
  /** The character that triggered completion, if any: each one only opens the list where it means something. */
  readonly triggerCharacter?: string;
  readonly displayPath?: DisplayPath;
  /** libvirt's RelaxNG schemas, when installed: their names and values join our own. */
  readonly schemaFolder?: string;
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
  const schema = options.schemaFolder;
  switch (cursor.kind) {
    case 'attributeValue':
      return list(valueItems(context, cursor.element, cursor.attribute, offset, schema));
    case 'attributeName':
      return list(attributeItems(document, cursor.element, cursor.attribute, cursor.range, snippets, schemaSuggestions(document, offset, 'attribute', schema)));
    case 'elementName':
      return list(elementItems(document, cursor.parent, cursor.element, cursor.range, snippets, '', schemaSuggestions(document, offset, 'element', schema)));
    case 'content':
      return list(elementItems(document, cursor.parent, undefined, cursor.range, snippets, '<', schemaSuggestions(document, offset, 'element', schema)));
    case 'none':
      return emptyList();
  }
}

function valueItems(context: ServiceContext, element: XmlElement, attribute: XmlAttribute, offset: number, schemaFolder: string | undefined): CompletionItem[] {
  const fact = attributeFact(element, attribute.name);
  let items: CompletionItem[];
  if (fact?.reference === 'network') items = networkItems(context);
  else if (fact?.reference === 'portgroup') items = portGroupItems(context, element);
  else if (fact?.reference === 'tag') items = tagItems(context, element);
  else {
    items = (fact?.values ?? []).map((value) => ({
      label: value.name,
      kind: CompletionItemKind.EnumMember,
      documentation: { kind: MarkupKind.Markdown, value: value.description },
    }));
    for (const value of withoutLabels(schemaSuggestions(context.document, offset, 'value', schemaFolder), items)) {
      items.push({ label: value.label, kind: CompletionItemKind.EnumMember, detail: value.detail, documentation: schemaDocumentation(value) });
    }
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

function attributeItems(
  document: LibvirtDocument,
  element: XmlElement,
  editing: XmlAttribute | undefined,
  range: TextRange,
  snippets: boolean,
  fromSchema: readonly SchemaCompletion[],
): CompletionItem[] {
  const fact = elementFact(element.name, element.parent?.name);
  const present = new Set(element.attributes.filter((a) => a !== editing).map((a) => a.name));
  const interfaceType = element.name === 'source' && element.parent ? findAttribute(element.parent, 'type')?.value : undefined;
  const lspRange = toLspRange(document.lines, range);
  const items: CompletionItem[] = (fact?.attributes ?? [])
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
  for (const attribute of withoutLabels(fromSchema, items)) {
    if (present.has(attribute.label)) continue;
    items.push({
      label: attribute.label,
      kind: CompletionItemKind.Field,
      detail: attribute.detail,
      documentation: schemaDocumentation(attribute),
      ...insertion(lspRange, editing?.valueRange ? attribute.label : `${attribute.label}='$1'`, snippets),
    });
  }
  return items;
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
  fromSchema: readonly SchemaCompletion[],
): CompletionItem[] {
  if (!parent) return [];
  const present = new Set(parent.children.filter((child) => child !== editing).map((child) => child.name));
  const nameOnly = editing !== undefined && (editing.attributes.length > 0 || editing.startTagEnd !== undefined);
  const lspRange = toLspRange(document.lines, range);
  const items: CompletionItem[] = childElementFacts(parent.name)
    .filter((fact) => fact.repeatable || !present.has(fact.name))
    .map((fact) => ({
      label: fact.name,
      kind: CompletionItemKind.Property,
      detail: elementDetail(fact),
      documentation: { kind: MarkupKind.Markdown, value: fact.description },
      filterText: fact.name,
      ...insertion(lspRange, prefix + (nameOnly ? fact.name : (fact.snippet ?? `${fact.name}>$0</${fact.name}>`)), snippets),
    }));
  for (const element of withoutLabels(fromSchema, items)) {
    if (element.kind !== 'element') continue;
    items.push({
      label: element.label,
      kind: CompletionItemKind.Property,
      detail: element.detail,
      documentation: schemaDocumentation(element),
      filterText: element.label,
      ...insertion(lspRange, prefix + (nameOnly ? element.label : `${element.label}>$0</${element.label}>`), snippets),
    });
  }
  return items;
}

/** Schema answers whose label our own facts do not already offer (ours carry better text). */
function withoutLabels(fromSchema: readonly SchemaCompletion[], items: readonly CompletionItem[]): SchemaCompletion[] {
  const taken = new Set(items.map((item) => item.label));
  return fromSchema.filter((suggestion) => !taken.has(suggestion.label));
}

function schemaDocumentation(suggestion: SchemaCompletion): CompletionItem['documentation'] {
  return suggestion.documentation ? { kind: MarkupKind.Markdown, value: suggestion.documentation } : undefined;
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
