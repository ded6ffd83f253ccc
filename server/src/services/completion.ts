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
import { xmlNamePattern } from '../../../protocol/src/xmlNames';
import type { TextRange, XmlAttribute, XmlElement } from '../parser/xmlTree';
import { cursorContext, type CursorContext } from './cursorContext';
import { shortDisplayPath, type DisplayPath } from './displayPath';
import { offsetAt, toLspRange } from './lspRanges';
import { networkItems, portGroupItems, resolveReferenceDocumentation, tagItems } from './referenceCompletion';
import { storageAndFilterItems } from './storageAndFilterCompletion';
import type { ServiceContext } from './serviceContext';
import { snippetToPlainText } from './snippetText';
import { schemaSuggestions } from './schemaCompletionItems';
import type { SchemaGrammars } from '../schema/grammar/schemaGrammars';
import type { SchemaCompletion } from '../schema/schemaTypes';
import { escapeXmlAttributeIn } from '../util/xmlEscape';

export interface CompletionOptions {
  /** Whether the client takes snippets (LSP completionItem.snippetSupport). */
  readonly snippets?: boolean;
  /**
   * Leave the documentation of workspace names (networks, portgroups, tags) out of the list, for
   * resolveCompletionItem to add when the item is shown (for clients that resolve items).
   */
  readonly lazyDocumentation?: boolean;
  /** At most this many workspace names (default defaultMaxReferenceItems); more make an incomplete list. */
  readonly maxReferenceItems?: number;
  /** The character that triggered completion, if any: each one only opens the list where it means something. */
  readonly triggerCharacter?: string;
  readonly displayPath?: DisplayPath;
  /** libvirt's RelaxNG schemas, when installed: their names and values join our own. */
  readonly schemaGrammars?: SchemaGrammars;
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
  const schema = options.schemaGrammars;
  switch (cursor.kind) {
    case 'attributeValue': {
      const limit = new ListLimit(typedValue(document, cursor.attribute, offset), options.maxReferenceItems ?? defaultMaxReferenceItems);
      const items = valueItems(context, cursor.element, cursor.attribute, offset, schema, options.lazyDocumentation ?? false, limit);
      return { isIncomplete: limit.cut, items };
    }
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

/** Beyond this many workspace names (networks, tags), the list holds the best matches of what is typed, and is incomplete. */
export const defaultMaxReferenceItems = 100;

/**
 * A workspace may define thousands of networks or tags: sending all of them on every keystroke
 * costs tens of milliseconds. Up to `max` names go as they are (the editor filters them); beyond
 * that, only the names that hold the typed characters in order (what editors' fuzzy filters
 * keep), those that start with them first, at most `max`, in a list marked incomplete so the
 * editor asks again as the user types.
 */
class ListLimit {
  /** Whether names were left out: the list is then incomplete. */
  cut = false;

  constructor(
    private readonly typed: string,
    private readonly max: number,
  ) {}

  readonly select = (names: string[]): string[] => {
    if (names.length <= this.max) return names;
    this.cut = true;
    const lowered = this.typed.toLowerCase();
    const starting: string[] = [];
    const containing: string[] = [];
    for (const name of names) {
      const label = name.toLowerCase();
      if (label.startsWith(lowered)) starting.push(name);
      else if (holdsInOrder(label, lowered)) containing.push(name);
      if (starting.length >= this.max) break;
    }
    return [...starting, ...containing].slice(0, this.max);
  };
}

function holdsInOrder(label: string, typed: string): boolean {
  let at = 0;
  for (const c of typed) {
    at = label.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** What is typed of the value, from its start to the cursor. */
function typedValue(document: LibvirtDocument, attribute: XmlAttribute, offset: number): string {
  const value = attribute.valueRange;
  if (!value) return '';
  return document.xml.text.slice(value.start, Math.max(value.start, Math.min(offset, value.end)));
}

function valueItems(
  context: ServiceContext,
  element: XmlElement,
  attribute: XmlAttribute,
  offset: number,
  schemaGrammars: SchemaGrammars | undefined,
  lazy: boolean,
  limit: ListLimit,
): CompletionItem[] {
  const fact = attributeFact(element, attribute.name);
  let items: CompletionItem[];
  const storageOrFilter = storageAndFilterItems(context, element, attribute.name);
  if (storageOrFilter) items = storageOrFilter;
  else if (fact?.reference === 'network') items = networkItems(context, lazy, limit.select);
  else if (fact?.reference === 'portgroup') items = portGroupItems(context, element, lazy);
  else if (fact?.reference === 'tag') items = tagItems(context, element, lazy, limit.select);
  else {
    items = (fact?.values ?? []).map((value) => ({
      label: value.name,
      kind: CompletionItemKind.EnumMember,
      documentation: { kind: MarkupKind.Markdown, value: value.description },
    }));
    for (const value of withoutLabels(schemaSuggestions(context.document, offset, 'value', schemaGrammars), items)) {
      items.push({ label: value.label, kind: CompletionItemKind.EnumMember, detail: value.detail, documentation: schemaDocumentation(value) });
    }
  }
  const value = attribute.valueRange;
  if (!value) return []; // not reached: the cursor is in this value
  const edit = valueEdit(context.document, attribute, value, offset);
  // The editor filters by what is written in the document, which is the escaped name.
  const filterText = (label: string) => escapeXmlAttributeIn(label, attribute.quote ?? "'");
  return items.map((item) => ({ ...item, filterText: filterText(item.label), textEdit: { range: edit.range, newText: edit.text(item.label) } }));
}

/**
 * The range a chosen value replaces and the text it is written as. A closed value is replaced
 * whole; an unclosed one (`network='my`) up to where the value plausibly ends, and the missing
 * quote is added; an unquoted one gets quotes.
 */
/** An attribute (` name=`) at the end of a value: the value's closing quote was missing. */
const swallowedAttribute = new RegExp(`\\s${xmlNamePattern}\\s*=\\s*$`);

function valueEdit(document: LibvirtDocument, attribute: XmlAttribute, value: TextRange, offset: number): { range: Range; text: (value: string) => string } {
  const lines = document.lines;
  // Names are written escaped for the quote they stand in, as rename writes them (a network name may hold '<', '&', quotes).
  if (attribute.quote === undefined) return { range: toLspRange(lines, value), text: (v) => `'${escapeXmlAttributeIn(v, "'")}'` };
  const quote = attribute.quote;
  const escape = (v: string) => escapeXmlAttributeIn(v, quote);
  const text = document.xml.text;
  const written = text.slice(value.start, value.end);
  // `network='my| portgroup='x'`: the missing quote made the value swallow the next attribute.
  const swallowed = attribute.valueClosed && swallowedAttribute.test(written);
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

/** Adds what a lazily documented item left out (see CompletionOptions.lazyDocumentation). */
export function resolveCompletionItem(
  item: CompletionItem,
  document: LibvirtDocument,
  index: WorkspaceIndex,
  options: Pick<CompletionOptions, 'displayPath'> = {},
): CompletionItem {
  if (item.documentation !== undefined) return item;
  const documentation = resolveReferenceDocumentation({ document, index, displayPath: options.displayPath ?? shortDisplayPath }, item.data);
  return documentation ? { ...item, documentation } : item;
}
