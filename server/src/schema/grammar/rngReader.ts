/**
 * Reads a RelaxNG schema (XML syntax) and the files it includes into the simplified pattern
 * tree. Uses our own tolerant parser: the schemas are plain XML without entities. The texts are
 * given (the edge reads the schema folder): this module does no I/O.
 *
 * RelaxNG rules kept: `<include>` merges the included grammar, whose defines are replaced by
 * those written inside the `<include>`; several defines of one name combine by their `combine`
 * attribute; `<div>` is transparent; a nested `<grammar>` opens a scope (`<parentRef>` leaves it).
 */
import { parseXml } from '../../parser/xmlParser';
import { findAttribute } from '../../parser/xmlQueries';
import type { XmlElement } from '../../parser/xmlTree';
import { localName, startKey, type NameClass, type Pattern, type Scope } from './rngPattern';

interface DefineEntry {
  readonly combine: string | undefined;
  readonly pattern: Pattern;
}

type Entries = Map<string, DefineEntry[]>;

/** The schema files of a folder: file name (relative to the folder, `/`-separated) → text. */
export type SchemaTexts = ReadonlyMap<string, string>;

export interface LoadedGrammar {
  readonly scope: Scope;
}

/**
 * Reads `file` and its includes from `texts`. Throws when a file it needs is not among them or
 * the root file is not a grammar (as reading a missing file from disk did).
 */
export function readGrammar(file: string, texts: SchemaTexts): LoadedGrammar {
  const reader = new GrammarReader(texts);
  const root = reader.rootOf(file);
  if (!root) throw new Error(`${file} is not a RelaxNG grammar`);
  const scope = reader.grammarScope(root, file, undefined);
  return { scope };
}

class GrammarReader {
  private readonly including: string[] = [];

  constructor(private readonly texts: SchemaTexts) {}

  rootOf(file: string): XmlElement | undefined {
    const text = this.texts.get(file);
    if (text === undefined) throw new Error(`${file}: no such schema file`);
    const root = parseXml(text).roots[0];
    return root && root.name === 'grammar' ? root : undefined;
  }

  grammarScope(grammar: XmlElement, file: string, parent: Scope | undefined): Scope {
    const scope: Scope = { defines: new Map(), parent };
    const entries: Entries = new Map();
    this.components(grammar, file, scope, entries);
    for (const [name, list] of entries) scope.defines.set(name, combineEntries(list));
    return scope;
  }

  private components(container: XmlElement, file: string, scope: Scope, entries: Entries): void {
    for (const child of rngChildren(container)) {
      if (child.name === 'start' || child.name === 'define') {
        const name = child.name === 'start' ? startKey : attr(child, 'name');
        if (!name) continue;
        const list = entries.get(name) ?? [];
        list.push({ combine: attr(child, 'combine'), pattern: this.group(child, file, scope) });
        entries.set(name, list);
      } else if (child.name === 'div') {
        this.components(child, file, scope, entries);
      } else if (child.name === 'include') {
        this.include(child, file, scope, entries);
      }
    }
  }

  private include(include: XmlElement, file: string, scope: Scope, entries: Entries): void {
    const href = attr(include, 'href');
    if (!href) return;
    const path = includedFile(file, href);
    if (this.including.includes(path)) return; // a cycle: RelaxNG forbids it, libxml2 reports it
    const root = this.rootOf(path);
    if (!root) return;
    this.including.push(path);
    const included: Entries = new Map();
    this.components(root, path, scope, included);
    this.including.pop();
    const overrides: Entries = new Map();
    this.components(include, file, scope, overrides);
    for (const [name, list] of overrides) included.set(name, list);
    for (const [name, list] of included) entries.set(name, [...(entries.get(name) ?? []), ...list]);
  }

  /** The children of a pattern container, as one pattern (several children form a group). */
  private group(container: XmlElement, file: string, scope: Scope): Pattern {
    const children = rngChildren(container).map((child) => this.pattern(child, file, scope));
    return children.length === 1 ? children[0] : children.length === 0 ? { kind: 'empty' } : { kind: 'group', children };
  }

  private pattern(element: XmlElement, file: string, scope: Scope): Pattern {
    switch (element.name) {
      case 'element':
      case 'attribute': {
        const name = nameClassOf(element);
        const content = rngChildren(element).filter((c) => !isNameClass(c.name));
        const body: Pattern =
          content.length === 0
            ? element.name === 'attribute'
              ? { kind: 'text' }
              : { kind: 'empty' }
            : content.length === 1
              ? this.pattern(content[0], file, scope)
              : { kind: 'group', children: content.map((c) => this.pattern(c, file, scope)) };
        return { kind: element.name, name, content: body, documentation: documentationOf(element) };
      }
      case 'choice':
      case 'group':
      case 'interleave':
        return { kind: element.name, children: rngChildren(element).map((c) => this.pattern(c, file, scope)) };
      case 'optional':
      case 'zeroOrMore':
      case 'oneOrMore':
      case 'mixed':
      case 'list':
        return { kind: element.name, child: this.group(element, file, scope) };
      case 'ref':
        return { kind: 'ref', name: attr(element, 'name') ?? '', scope };
      case 'parentRef':
        return scope.parent ? { kind: 'ref', name: attr(element, 'name') ?? '', scope: scope.parent } : { kind: 'notAllowed' };
      case 'grammar':
        return { kind: 'ref', name: startKey, scope: this.grammarScope(element, file, scope) };
      case 'externalRef': {
        const href = attr(element, 'href');
        const path = href ? includedFile(file, href) : undefined;
        const root = path && !this.including.includes(path) ? this.rootOf(path) : undefined;
        return root && path ? { kind: 'ref', name: startKey, scope: this.grammarScope(root, path, undefined) } : { kind: 'notAllowed' };
      }
      case 'value':
        return { kind: 'value', value: element.texts.map((t) => t.value).join('') };
      case 'data': {
        const params: Record<string, string> = {};
        for (const param of rngChildren(element)) {
          const name = param.name === 'param' ? attr(param, 'name') : undefined;
          if (name) params[name] = param.texts.map((t) => t.value).join('');
        }
        return { kind: 'data', type: attr(element, 'type') ?? 'string', params };
      }
      case 'text':
      case 'empty':
      case 'notAllowed':
        return { kind: element.name };
      default:
        return { kind: 'empty' };
    }
  }
}

/**
 * The file an `href` names, relative to the file that holds it (`/`-separated, `.` and `..`
 * resolved): the key of its text. An href leaving the folder names no file we have.
 */
function includedFile(from: string, href: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of href.split('/')) {
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part === '..') parts.push(part);
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function combineEntries(list: readonly DefineEntry[]): Pattern {
  if (list.length === 1) return list[0].pattern;
  const combine = list.find((entry) => entry.combine)?.combine === 'interleave' ? 'interleave' : 'choice';
  return { kind: combine, children: list.map((entry) => entry.pattern) };
}

/** RelaxNG elements only: annotations (`a:documentation`, any prefixed element) are skipped. */
function rngChildren(element: XmlElement): XmlElement[] {
  return element.children.filter((child) => !child.name.includes(':'));
}

function isNameClass(name: string): boolean {
  return name === 'name' || name === 'anyName' || name === 'nsName';
}

function attr(element: XmlElement, name: string): string | undefined {
  return findAttribute(element, name)?.value?.trim();
}

function nameClassOf(element: XmlElement): NameClass {
  const named = attr(element, 'name');
  if (named) return { kind: 'names', names: [localName(named)] };
  const nameElement = rngChildren(element).find((child) => isNameClass(child.name));
  return nameElement ? readNameClass(nameElement) : { kind: 'any', except: [] };
}

function readNameClass(element: XmlElement): NameClass {
  if (element.name === 'name')
    return {
      kind: 'names',
      names: [
        localName(
          element.texts
            .map((t) => t.value)
            .join('')
            .trim(),
        ),
      ],
    };
  if (element.name === 'choice') {
    const names = rngChildren(element)
      .map(readNameClass)
      .flatMap((nc) => (nc.kind === 'names' ? nc.names : []));
    return { kind: 'names', names };
  }
  const except = rngChildren(element).find((child) => child.name === 'except');
  const excluded = except
    ? rngChildren(except)
        .map(readNameClass)
        .flatMap((nc) => (nc.kind === 'names' ? nc.names : []))
    : [];
  return { kind: 'any', except: excluded };
}

/** `<a:documentation>` (RelaxNG DTD-compatibility annotations), whatever its prefix. */
function documentationOf(element: XmlElement): string | undefined {
  const doc = element.children.find((child) => child.name.endsWith(':documentation'));
  const text = doc?.texts
    .map((t) => t.value)
    .join('')
    .trim();
  return text ? text : undefined;
}
