import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { incompleteStartTags } from '../parser/incompleteStartTags';
import { checkWellFormedness } from '../parser/wellFormedness';
import { countPorts } from '../resolver/resolveDocument';
import { runToEnd, type SlicedWork } from '../util/slicedWork';
import { InterfaceProblems, ownInterfaceFindings, settleInterfaceResults } from './interfaceResults';
import { filterDocumentFindings, interfaceFilterFindings } from './filterRules';
import { namespaceFindings } from './namespaceRules';
import { storageFindings } from './storageRules';
import { networkFindings } from './networkRules';
import { tagFindings } from './tagRules';

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

/** Every finding for one document: well-formedness, libvirt's rules, and dangling references. */
export function computeFindings(document: LibvirtDocument, index: WorkspaceIndex): Finding[] {
  return runToEnd(computeFindingsInSlices(document, index));
}

/** How many interfaces one slice of computeFindingsInSlices resolves. */
const sliceInterfaces = 200;

/**
 * computeFindings in slices (see SlicedWork): the document's own checks, then its interfaces
 * resolved two hundred at a time. The index must not change between slices (the caller drops
 * the work when it does).
 */
export function* computeFindingsInSlices(document: LibvirtDocument, index: WorkspaceIndex): SlicedWork<Finding[]> {
  // In the order they always came in (the sort below keeps it among equals).
  const local = yield* localFindings(document);
  const findings: Finding[] = [...local.head];
  const object = document.object;
  if (object?.kind === 'network') findings.push(...networkFindings(document, object, index));
  if (object?.kind === 'domain') {
    const portsTaken = new Map<string, number>();
    const problems = new InterfaceProblems(document, object, index);
    for (let from = 0; from < object.interfaces.length; from += sliceInterfaces) {
      yield;
      const to = from + sliceInterfaces;
      findings.push(...problems.of(from, to, portsTaken));
      countPorts(object.interfaces.slice(from, to), index, portsTaken);
    }
    yield;
    findings.push(...storageFindings(document, object, index), ...interfaceFilterFindings(document, object, index));
  }
  if (object?.kind === 'filter') findings.push(...filterDocumentFindings(document, object, index));
  findings.push(...local.tail);
  settleInterfaceResults(document);
  return withoutFindingsOnTagsBeingTyped(document, findings).sort(
    (a, b) => a.range.start - b.range.start || severityOrder[a.severity] - severityOrder[b.severity],
  );
}

/**
 * While a start tag is being typed (no `>` yet, an attribute without its value or closing quote),
 * findings about that element — those at its name (a required attribute missing, say) or at an
 * empty value still without its closing quote — are held
 * back: what it lacks is not known until the tag is complete, and the well-formedness error
 * already marks the spot. A language server does not know where the cursor is, so the rule is on
 * the text: the same for the editor and the CLI, and the findings come back with the `>`.
 */
function withoutFindingsOnTagsBeingTyped(document: LibvirtDocument, findings: Finding[]): Finding[] {
  if (!findings.some((f) => f.code === 'malformed-xml')) return findings;
  // At the element's name, or at an empty value whose closing quote is still missing (an empty
  // network name is a finding of its own once complete: it is looked up and not found).
  const names = new Set(
    incompleteStartTags(document.xml).flatMap((e) => [
      `${e.nameRange.start}:${e.nameRange.end}`,
      ...e.attributes.flatMap((a) => (a.valueRange && !a.valueClosed && a.value === '' ? [`${a.valueRange.start}:${a.valueRange.end}`] : [])),
    ]),
  );
  if (names.size === 0) return findings;
  return findings.filter((f) => f.code === 'malformed-xml' || f.uri !== document.uri || !names.has(`${f.range.start}:${f.range.end}`));
}

/**
 * The findings that depend on the document alone (well-formedness, a domain's own rules, tags),
 * kept per parsed document: when a network changes, the domains that use it only resolve their
 * interfaces again. A parsed document is never changed once made (a new text is a new parse),
 * so what is kept for it cannot go stale.
 */
interface LocalFindings {
  /** Well-formedness, then a domain's own rules: they come before the index's findings. */
  readonly head: readonly Finding[];
  /** Tags: they come last. */
  readonly tail: readonly Finding[];
}

const localFindingsOf = new WeakMap<LibvirtDocument, LocalFindings>();

function* localFindings(document: LibvirtDocument): SlicedWork<LocalFindings> {
  let found = localFindingsOf.get(document);
  if (found) return found;
  const wellFormedness = new FindingList(document.uri);
  for (const error of checkWellFormedness(document.xml, document.lines))
    wellFormedness.add(error.range, 'error', 'malformed-xml', `malformed XML: ${error.message}`);
  const head: Finding[] = [...wellFormedness.items, ...namespaceFindings(document)];
  const object = document.object;
  yield;
  if (object?.kind === 'domain') head.push(...ownInterfaceFindings(document, object));
  found = { head, tail: tagFindings(document) };
  localFindingsOf.set(document, found);
  return found;
}
