import type { Network, PortGroup, Ranged } from '../model/libvirtModel';
import type { ModelledFile } from '../model/modelledFile';
import type { XmlElement } from '../parser/xmlTree';
import type { LineIndex } from '../util/lineIndex';

/**
 * What a new version of a network document can change for the interfaces that use the network,
 * when it keeps its name: the network's own settings, or only some portgroups. The resolver reads
 * a network only through its model (choosePortGroup, inheritedSettings, statusXml…), and a
 * finding on an interface points into the network at places the model holds; so two versions
 * whose summaries (every value with its line and character, see modelSummary) are equal give every
 * interface the same findings and status, and a portgroup whose summary is unchanged changes
 * nothing for the interfaces that name it.
 */
export interface NetworkEditScope {
  /** Portgroup names added, removed, or whose summary changed. */
  readonly portGroups: ReadonlySet<string>;
  /** The list of portgroup names changed (choosePortGroup's unknown-portgroup message lists them, in order). */
  readonly portGroupNames: boolean;
  /** The default portgroup (libvirt's for an interface naming none) is another one, or changed. */
  readonly defaultPortGroup: boolean;
  /** The portgroup names after the edit. */
  readonly portGroupsAfter: ReadonlySet<string>;
}

/**
 * The scope of an edit from `before` to `after`, two versions of one network document; undefined
 * when the edit can change every interface using it (its name, or its own settings, changed).
 */
export function networkEditScope(before: ModelledFile, after: ModelledFile): NetworkEditScope | undefined {
  const [old, now] = [before.object, after.object];
  if (old?.kind !== 'network' || now?.kind !== 'network' || old.name?.value === undefined || old.name.value !== now.name?.value) return undefined;
  if (networkSummary(old, before.lines) !== networkSummary(now, after.lines)) return undefined;
  const oldGroups = groupSummaries(old.portGroups, before.lines);
  const newGroups = groupSummaries(now.portGroups, after.lines);
  const portGroups = new Set<string>();
  for (const [name, summary] of oldGroups) if (newGroups.get(name) !== summary) portGroups.add(name);
  for (const name of newGroups.keys()) if (!oldGroups.has(name)) portGroups.add(name);
  const names = (network: Network) => network.portGroups.map((group) => group.name?.value).join('\n');
  return {
    portGroups,
    portGroupNames: names(old) !== names(now),
    defaultPortGroup: defaultSummary(old, before.lines) !== defaultSummary(now, after.lines),
    portGroupsAfter: new Set(newGroups.keys()),
  };
}

/** Whether an interface naming this portgroup (undefined or '': none) can resolve differently after the edit. */
export function touchesPortGroup(scope: NetworkEditScope, portGroup: string | undefined): boolean {
  // choosePortGroup: an empty name is no name, the default applies.
  if (portGroup === undefined || portGroup === '') return scope.defaultPortGroup;
  if (scope.portGroups.has(portGroup)) return true;
  // Unknown before and after: its message lists the network's portgroups and suggests the closest.
  return scope.portGroupNames && !scope.portGroupsAfter.has(portGroup);
}

/** The network's own part: every field but its portgroups; of the root element, its name and where it starts. */
function networkSummary(network: Network, lines: LineIndex): string {
  const own: Record<string, unknown> = { ...network, portGroups: undefined, element: undefined };
  const root = network.element;
  return modelSummary({ own, root: { name: root.name, start: root.start, nameRange: root.nameRange } }, lines);
}

function groupSummaries(groups: readonly PortGroup[], lines: LineIndex): Map<string, string> {
  const summaries = new Map<string, string>();
  // A repeated name: virPortGroupFindByName finds the first.
  for (const group of groups) {
    const name = group.name?.value;
    if (name !== undefined && !summaries.has(name)) summaries.set(name, modelSummary(group, lines));
  }
  return summaries;
}

/** The default portgroup as choosePortGroup finds it (default='yes', case-insensitively), with its summary. */
function defaultSummary(network: Network, lines: LineIndex): string {
  const fallback = network.portGroups.find((group) => group.isDefault?.value.toLowerCase() === 'yes');
  return fallback ? modelSummary(fallback, lines) : '';
}

/**
 * A canonical text of a part of a model: every value, and every offset as line:character (an edit
 * elsewhere in the file that does not add or remove lines leaves it as it was). Elements are
 * written with their subtree, never their parent; whitespace between elements is left out (the
 * index's copy of a closed file has none).
 */
export function modelSummary(value: unknown, lines: LineIndex): string {
  const out: string[] = [];
  // A stack, not recursion: an element's subtree nests as deep as the file does (the fuzz test's
  // 100,000 levels overflowed the call stack). Each item pushes what it contains, in reverse.
  const stack: unknown[] = [value];
  const then = (...items: unknown[]): void => {
    for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
  };
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Written) out.push(item.text);
    else if (item === undefined || item === null) out.push('~');
    else if (typeof item === 'string') out.push(JSON.stringify(item));
    else if (typeof item !== 'object') out.push(String(item));
    else if (Array.isArray(item)) {
      out.push('[');
      then(...item, new Written(']'));
    } else if (item instanceof Map) {
      out.push('{');
      const entries = [...item].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
      then(...entries.flatMap(([key, entry]) => [new Written(String(key)), entry]), new Written('}'));
    } else if (isElement(item)) then(...elementParts(item, out, lines));
    // A value with its range, the reader's or the index's copy (keptTree.ts: the range a getter).
    else if (isRanged(item)) {
      out.push('=');
      then(item.value, item.range);
    } else {
      out.push('{');
      const parts = Object.keys(item)
        .sort()
        .flatMap((key) => {
          const entry = (item as Record<string, unknown>)[key];
          if (typeof entry === 'number' && (key === 'start' || key === 'end')) return [new Written(`${key}@${position(lines, entry)}`)];
          return [new Written(key), entry];
        });
      then(...parts, new Written('}'));
    }
  }
  return out.join(' ');
}

/** Text modelSummary writes as it is, in its place among the items. */
class Written {
  constructor(readonly text: string) {}
}

/** Writes an element's header; gives what follows it, in order: its ranges, attributes, texts, children and its end. */
function elementParts(element: XmlElement, out: string[], lines: LineIndex): unknown[] {
  const at = (offset: number | undefined) => (offset === undefined ? '~' : position(lines, offset));
  out.push(
    `<${element.name}`,
    at(element.start),
    at(element.end),
    at(element.startTagEnd),
    at(element.endTagStart),
    String(element.selfClosing),
    String(element.closed),
  );
  return [
    element.nameRange,
    ...element.attributes.map((attribute) => [
      attribute.name,
      attribute.nameRange,
      attribute.value,
      attribute.valueRange,
      attribute.quote,
      attribute.valueClosed,
    ]),
    ...element.texts.filter((text) => text.value.trim() !== '').map((text) => [text.value, text.range]),
    ...element.children,
    new Written('>'),
  ];
}

function position(lines: LineIndex, offset: number): string {
  const { line, character } = lines.positionAt(offset);
  return `${line}:${character}`;
}

function isRanged(value: object): value is Ranged {
  return 'value' in value && 'range' in value && typeof value.value === 'string';
}

function isElement(value: object): value is XmlElement {
  return 'nameRange' in value && 'children' in value && 'attributes' in value && 'texts' in value;
}
