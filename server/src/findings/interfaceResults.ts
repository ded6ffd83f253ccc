import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Domain, DomainInterface } from '../model/libvirtModel';
import { editBetween } from '../parser/textEdit';
import { takesPoolDevice, withDomainPools } from '../resolver/domainPools';
import { resolveInterface } from '../resolver/resolveInterface';
import { interfaceFindings } from './domainRules';

/*
 * Each interface's findings, kept from one version of an open domain to the next: a keystroke
 * changes one interface (or none), and a 5 MB domain has 30,000. What an interface's rules and
 * its resolution find depends only on
 * - the interface's own text (its model is read from it alone),
 * - the domain's type, architecture and machine (DomainFacts: the NIC model, the type's rules),
 * - for the resolution, what the index defines (index.definitionsGeneration: a domain's edit does
 *   not change it), and the devices the domain's earlier interfaces take from a pool: an
 *   interface that takes one is resolved again each time;
 * so the findings of an interface whose text is unchanged are the ones found before, moved with
 * it. Only findings wholly inside the interface's element, with no related place in the same
 * document, are kept (the others could not be moved). The differential test
 * (interfaceResults.test.ts) compares with a fresh computation on random edits.
 *
 * An unchanged interface is found by its place, not by its text: the edit between the two texts
 * (editBetween: their common beginning and end) says which elements lie wholly before or after
 * it, where the text is the same by construction, and how far the latter moved. Comparing every
 * element's text instead (a 5 MB domain: 30,000 texts sliced, hashed and compared, twice) cost
 * about a fifth of a keystroke's check. An interface the edit touches is checked again.
 */

interface Kept {
  /** Offset of the interface's element in the text the findings were found in. */
  readonly start: number;
  /** Offset just past the element, in that text. */
  readonly end: number;
  readonly findings: readonly Finding[];
}

/** What was found for a document's interfaces, by each element's place. */
interface Found {
  /** What the findings depend on besides the element's text (factsOf, and the definitions for the resolution). */
  readonly key: string;
  /** The text of the document they were found for: the edit to a later version is found from it. */
  readonly text: string;
  /** By the element's start offset in the document (a kept entry may have been found for an earlier version: its own offsets say where). */
  readonly byStart: Map<number, Kept>;
  /** Whether every interface was done (a large document's resolution may be dropped half way). */
  complete: boolean;
}

interface Parts {
  readonly own?: Found;
  readonly resolved?: Found;
}

/** What was found for each open document, while its findings are computed. */
const found = new WeakMap<LibvirtDocument, Parts>();
/** What a document may reuse: what was found for the versions it replaced. */
const inherited = new WeakMap<LibvirtDocument, Parts>();

/**
 * A new version of an open document replaces `before`: its interfaces may reuse what was found
 * for before's (or, for what was not done for before, for the version before that).
 */
export function inheritInterfaceResults(before: LibvirtDocument, after: LibvirtDocument): void {
  if (before.uri !== after.uri) return;
  const done = found.get(before);
  const earlier = inherited.get(before);
  const parts: Parts = {
    own: done?.own?.complete ? done.own : earlier?.own,
    resolved: done?.resolved?.complete ? done.resolved : earlier?.resolved,
  };
  if (parts.own || parts.resolved) inherited.set(after, parts);
}

/** The interface rules' findings of every interface of a domain (domainRules), reusing those of unchanged interfaces. */
export function ownInterfaceFindings(document: LibvirtDocument, domain: Domain): Finding[] {
  const key = factsOf(domain);
  const reusable = reusableFor(inherited.get(document)?.own, key, document.xml.text);
  const own: Found = { key, text: document.xml.text, byStart: new Map(), complete: false };
  found.set(document, { ...found.get(document), own });
  const findings: Finding[] = [];
  for (const iface of domain.interfaces) {
    const { start, end } = iface.element;
    const kept = reusable?.(start, end);
    if (kept) {
      own.byStart.set(start, kept);
      findings.push(...moved(kept, start));
      continue;
    }
    const ifaceFindings = interfaceFindings(document.uri, iface, domain.domainType?.value);
    keep(own.byStart, iface, ifaceFindings, document.uri);
    findings.push(...ifaceFindings);
  }
  own.complete = true;
  return findings;
}

/**
 * The resolution's problems of a domain's interfaces, as resolveInterfaces gives them, a slice at
 * a time (in order, from the first), reusing those of unchanged interfaces.
 */
export class InterfaceProblems {
  private readonly resolved: Found;
  private readonly reusable: Reusable | undefined;

  constructor(
    private readonly document: LibvirtDocument,
    private readonly domain: Domain,
    private readonly index: WorkspaceIndex,
  ) {
    const key = `${factsOf(domain)}\n${index.definitionsGeneration}`;
    // This document's own resolution when it is checked again (its schema findings came), else its predecessors'.
    const before = found.get(document)?.resolved;
    this.reusable = reusableFor(before?.complete ? before : inherited.get(document)?.resolved, key, document.xml.text);
    this.resolved = { key, text: document.xml.text, byStart: new Map(), complete: false };
    found.set(document, { ...found.get(document), resolved: this.resolved });
  }

  /** The problems of the interfaces from `from` to `to` (exclusive); `portsTaken` counts the ports of those before `from` (countPorts). */
  of(from: number, to: number, portsTaken: ReadonlyMap<string, number>): Finding[] {
    const { document, domain, index } = this;
    const interfaces = domain.interfaces.slice(from, to);
    const kept = interfaces.map(({ element }) => this.reusable?.(element.start, element.end));
    const fresh = withDomainPools(
      interfaces.filter((_, i) => !kept[i]).map((iface) => resolveInterface(document.uri, iface, index, domain)),
      portsTaken,
    );
    const problems: Finding[] = [];
    let next = 0;
    interfaces.forEach((iface, i) => {
      const reused = kept[i];
      if (reused) {
        this.resolved.byStart.set(iface.element.start, reused);
        problems.push(...moved(reused, iface.element.start));
        return;
      }
      const resolved = fresh[next++];
      // A pool device depends on the interfaces before: such an interface is resolved each time.
      if (!takesPoolDevice(resolved)) keep(this.resolved.byStart, iface, resolved.problems, document.uri);
      problems.push(...resolved.problems);
    });
    if (to >= domain.interfaces.length) this.resolved.complete = true;
    return problems;
  }
}

/** A document's kept findings are let go once its own are complete (they hold the text before). */
export function settleInterfaceResults(document: LibvirtDocument): void {
  const done = found.get(document);
  if (done?.own?.complete && done.resolved?.complete) inherited.delete(document);
}

/** The kept findings of the element at start–end of the new text, if its text is unchanged. */
type Reusable = (start: number, end: number) => Kept | undefined;

/** What of `part` the document of `text` may reuse: the elements the edit between their texts leaves whole. */
function reusableFor(part: Found | undefined, key: string, text: string): Reusable | undefined {
  if (part?.key !== key) return undefined;
  const { byStart } = part;
  // The same text (a document checked again): no edit, every element where it was.
  const edit = part.text === text ? { start: text.length, oldEnd: text.length, newEnd: text.length } : editBetween(part.text, text);
  const shift = edit.newEnd - edit.oldEnd;
  return (start, end) => {
    // Wholly in the common beginning: the same place; wholly in the common end: moved by the edit.
    const before = end <= edit.start ? start : start >= edit.newEnd ? start - shift : undefined;
    if (before === undefined) return undefined;
    const kept = byStart.get(before);
    return kept && kept.end - kept.start === end - start ? kept : undefined;
  };
}

/** The domain's values every interface's findings may depend on (see DomainFacts). */
function factsOf(domain: Domain): string {
  return `${domain.domainType?.value}\n${domain.arch?.value}\n${domain.machine?.value}`;
}

/** Keeps an interface's findings when every one lies inside its element and refers to no other place in this document. */
function keep(map: Map<number, Kept>, iface: DomainInterface, findings: readonly Finding[], uri: string): void {
  const { start, end } = iface.element;
  const movable = findings.every(
    (finding) =>
      finding.uri === uri && finding.range.start >= start && finding.range.end <= end && !(finding.related ?? []).some((related) => related.uri === uri),
  );
  if (movable) map.set(start, { start, end, findings });
}

/** Kept findings for the element now at `start`. */
function moved(kept: Kept, start: number): readonly Finding[] {
  const delta = start - kept.start;
  if (delta === 0) return kept.findings;
  return kept.findings.map((finding) => ({ ...finding, range: { start: finding.range.start + delta, end: finding.range.end + delta } }));
}
