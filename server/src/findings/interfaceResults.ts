import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Domain, DomainInterface } from '../model/libvirtModel';
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
 */

interface Kept {
  /** Offset of the interface's element in the text the findings were found in. */
  readonly start: number;
  readonly findings: readonly Finding[];
}

/** What was found for a document's interfaces, by each element's text. */
interface Found {
  /** What the findings depend on besides the element's text (factsOf, and the definitions for the resolution). */
  readonly key: string;
  readonly byText: Map<string, Kept>;
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
  const reusable = reusableFor(inherited.get(document)?.own, key);
  const own: Found = { key, byText: new Map(), complete: false };
  found.set(document, { ...found.get(document), own });
  const findings: Finding[] = [];
  for (const iface of domain.interfaces) {
    const text = elementText(document, iface);
    const kept = reusable?.get(text);
    if (kept) {
      own.byText.set(text, kept);
      findings.push(...moved(kept, iface.element.start));
      continue;
    }
    const ifaceFindings = interfaceFindings(document.uri, iface, domain.domainType?.value);
    keep(own.byText, text, iface, ifaceFindings, document.uri);
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
  private readonly reusable: Map<string, Kept> | undefined;

  constructor(
    private readonly document: LibvirtDocument,
    private readonly domain: Domain,
    private readonly index: WorkspaceIndex,
  ) {
    const key = `${factsOf(domain)}\n${index.definitionsGeneration}`;
    // This document's own resolution when it is checked again (its schema findings came), else its predecessors'.
    const before = found.get(document)?.resolved;
    this.reusable = reusableFor(before?.complete ? before : inherited.get(document)?.resolved, key);
    this.resolved = { key, byText: new Map(), complete: false };
    found.set(document, { ...found.get(document), resolved: this.resolved });
  }

  /** The problems of the interfaces from `from` to `to` (exclusive); `portsTaken` counts the ports of those before `from` (countPorts). */
  of(from: number, to: number, portsTaken: ReadonlyMap<string, number>): Finding[] {
    const { document, domain, index } = this;
    const interfaces = domain.interfaces.slice(from, to);
    const texts = interfaces.map((iface) => elementText(document, iface));
    const kept = texts.map((text) => this.reusable?.get(text));
    const fresh = withDomainPools(
      interfaces.filter((_, i) => !kept[i]).map((iface) => resolveInterface(document.uri, iface, index, domain)),
      portsTaken,
    );
    const problems: Finding[] = [];
    let next = 0;
    interfaces.forEach((iface, i) => {
      const reused = kept[i];
      if (reused) {
        this.resolved.byText.set(texts[i], reused);
        problems.push(...moved(reused, iface.element.start));
        return;
      }
      const resolved = fresh[next++];
      // A pool device depends on the interfaces before: such an interface is resolved each time.
      if (!takesPoolDevice(resolved)) keep(this.resolved.byText, texts[i], iface, resolved.problems, document.uri);
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

function reusableFor(part: Found | undefined, key: string): Map<string, Kept> | undefined {
  return part?.key === key ? part.byText : undefined;
}

/** The domain's values every interface's findings may depend on (see DomainFacts). */
function factsOf(domain: Domain): string {
  return `${domain.domainType?.value}\n${domain.arch?.value}\n${domain.machine?.value}`;
}

function elementText(document: LibvirtDocument, iface: DomainInterface): string {
  return document.xml.text.slice(iface.element.start, iface.element.end);
}

/** Keeps an interface's findings when every one lies inside its element and refers to no other place in this document. */
function keep(map: Map<string, Kept>, text: string, iface: DomainInterface, findings: readonly Finding[], uri: string): void {
  const { start, end } = iface.element;
  const movable = findings.every(
    (finding) =>
      finding.uri === uri && finding.range.start >= start && finding.range.end <= end && !(finding.related ?? []).some((related) => related.uri === uri),
  );
  if (movable) map.set(text, { start, findings });
}

/** Kept findings for the element now at `start`. */
function moved(kept: Kept, start: number): readonly Finding[] {
  const delta = start - kept.start;
  if (delta === 0) return kept.findings;
  return kept.findings.map((finding) => ({ ...finding, range: { start: finding.range.start + delta, end: finding.range.end + delta } }));
}
