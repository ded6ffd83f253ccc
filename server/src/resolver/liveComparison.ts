import { checkWellFormedness } from '../parser/wellFormedness';
import { parseXml } from '../parser/xmlParser';
import type { XmlElement } from '../parser/xmlTree';
import { LineIndex } from '../util/lineIndex';
import { isRunTime, type ResolvedInterface, type RunTimeValue } from './resolvedInterface';
import { formatStatusXml, runTimePlaceholder } from './statusXml';

/** One field in which our prediction and the running domain's `<interface>` differ. */
export interface LiveDifference {
  /**
   * Where, as a path below `<interface>`: `source@portgroup`, `bandwidth/inbound@average`,
   * `vlan/tag[1]@id` (an index when there are several of a name), `model` for the presence of a
   * whole element, `model/text()` for character data, `interface@type` for the element itself.
   */
  readonly field: string;
  /** Our value: an attribute's value, a whole element on one line, or `(absent)`. */
  readonly predicted: string;
  /** The running domain's value, in the same form. */
  readonly live: string;
}

/**
 * Whether a live value is one that a value of ours left to run time stands for. `field` is the
 * difference's field, so that a caller can narrow the rule for some fields.
 */
export type RunTimeAgreement = (predicted: RunTimeValue, live: string, field: string) => boolean;

export interface LiveComparisonOptions {
  /** Default `agreesAtRunTime`: any device of a pool, any non-empty value otherwise. */
  readonly runTimeAgreement?: RunTimeAgreement;
  /**
   * What the fields start with, to tell one interface of a domain from another
   * (`interface[mac='52:54:00:aa:00:01']`): its own attributes are `LABEL@type`, its children
   * `LABEL/source@portgroup`. Without a label: `interface@type`, `source@portgroup`.
   */
  readonly label?: string;
}

/** What stands in for a value that is absent on one side. */
export const absent = '(absent)';

/**
 * The rule for a real host: networkAllocatePort gives a pool's least used device, which may be
 * any of them once other domains run; a port UUID, tap name or a virtualport id the domain parser
 * generated (virNetDevVPortProfileParse with VIR_VPORT_XML_GENERATE_MISSING_DEFAULTS) is any
 * value, as long as there is one.
 */
export function agreesAtRunTime(predicted: RunTimeValue, live: string): boolean {
  return predicted.candidates ? predicted.candidates.includes(live) : live !== '';
}

/**
 * Children of `<interface>` that only the running domain decides (virDomainNetDefFormat prints
 * them from the live definition): `<target>` is the tap or macvtap the start created, `<alias>`
 * the name qemuAssignDeviceNetAlias gave, `<address>` the guest PCI slot the QEMU driver
 * assigned. The interface's `<tag>` is the RFC's, written by formatStatusXml only: libvirt 9 has
 * no such element, so a live one cannot appear to compare with.
 */
const ignoredChildren = new Set(['target', 'alias', 'address', 'tag']);

/** `<source portid>` is the UUID of the port networkAllocatePort created for this start. */
const ignoredAttributes = new Map([['source', new Set(['portid'])]]);

/**
 * Compares our prediction of an interface's live form (formatStatusXml) with the `<interface>`
 * of the running domain (`virsh dumpxml`), field by field: each attribute, each element's
 * presence and its character data, recursively. Run-time values (written `…`) agree with the live
 * values `runTimeAgreement` accepts; what only the running domain knows is left out (see
 * `ignoredChildren`). An unreadable live text is one difference, never an exception.
 */
export function compareWithLive(predicted: ResolvedInterface, liveInterfaceXml: string, options: LiveComparisonOptions = {}): LiveDifference[] {
  const label = options.label ?? 'interface';
  const live = readLiveElement(liveInterfaceXml, 'interface');
  const liveText = 'problem' in live ? live.problem : summary(live.element);
  // formatStatusXml always writes one <interface>: the guard only keeps the types honest.
  const ours = parseXml(formatStatusXml(predicted)).roots.at(0);
  if (!ours) return [{ field: label, predicted: absent, live: liveText }];
  if ('problem' in live) return [{ field: label, predicted: summary(ours), live: liveText }];
  const comparison = new ElementComparison(predicted, options.runTimeAgreement ?? agreesAtRunTime);
  comparison.compare(ours, live.element, { path: [], own: label, children: options.label ? `${options.label}/` : '' });
  return comparison.differences;
}

/** A live element read from virsh's text, or why it could not be. */
export type LiveElement = { readonly element: XmlElement } | { readonly problem: string };

/**
 * Reads the live XML with the project's parser; text that is not well-formed XML (virsh printed
 * an error, the output was cut short) or whose root is not `root` is a problem, said in words.
 */
export function readLiveElement(text: string, root: string): LiveElement {
  const document = parseXml(text);
  const lines = new LineIndex(text);
  const errors = checkWellFormedness(document, lines);
  if (errors.length > 0) {
    const { message, range } = errors[0];
    const { line, character } = lines.positionAt(range.start);
    return { problem: `not well-formed XML (line ${line + 1}, column ${character + 1}: ${message})` };
  }
  const element = document.roots.at(0);
  if (!element) return { problem: 'no XML element' };
  if (element.name !== root) return { problem: `<${element.name}>, not <${root}>` };
  return { element };
}

/** An element's start tag and `<source>`, enough to recognise an interface in a message. */
export function summary(element: XmlElement): string {
  const source = element.children.find((child) => child.name === 'source');
  return `<${element.name}${attributesOf(element)}>${source ? oneLine(source, 0) : ''}`;
}

/** Where a compared element stands: its names from `<interface>` down, and its field prefixes. */
interface Place {
  readonly path: readonly string[];
  /** The field of the element itself (presence, attributes, text). */
  readonly own: string;
  /** What its children's fields start with. */
  readonly children: string;
}

class ElementComparison {
  readonly differences: LiveDifference[] = [];

  constructor(
    private readonly resolved: ResolvedInterface,
    private readonly agreement: RunTimeAgreement,
  ) {}

  /**
   * One element pair, then its children. The depth is the prediction's, which formatStatusXml
   * bounds (maxCopyDepth): a pair exists only where both sides have the element.
   */
  compare(ours: XmlElement, live: XmlElement, place: Place): void {
    const wholeAtRunTime = this.elementAtRunTime(place.path);
    if (wholeAtRunTime) {
      this.expect(this.agreement(wholeAtRunTime, oneLine(live, 0), place.own), place.own, oneLine(ours, 0), oneLine(live, 0));
      return;
    }
    this.compareAttributes(ours, live, place);
    const ourText = textOf(ours);
    const liveText = textOf(live);
    if (ourText !== liveText) this.differences.push({ field: `${place.own}/text()`, predicted: ourText || absent, live: liveText || absent });
    const ourChildrenByName = childrenByName(ours);
    const liveChildrenByName = childrenByName(live);
    for (const name of new Set([...ourChildrenByName.keys(), ...liveChildrenByName.keys()])) {
      if (place.path.length === 0 && ignoredChildren.has(name)) continue;
      const ourChildren = ourChildrenByName.get(name) ?? [];
      const liveChildren = liveChildrenByName.get(name) ?? [];
      const count = Math.max(ourChildren.length, liveChildren.length);
      for (let i = 0; i < count; i++) {
        const own = `${place.children}${count > 1 ? `${name}[${i}]` : name}`;
        const [our, their] = [ourChildren[i], liveChildren[i]];
        if (our && their) this.compare(our, their, { path: [...place.path, name], own, children: `${own}/` });
        else this.differences.push({ field: own, predicted: our ? oneLine(our, 0) : absent, live: their ? oneLine(their, 0) : absent });
      }
    }
  }

  private compareAttributes(ours: XmlElement, live: XmlElement, place: Place): void {
    const ignored = ignoredAttributes.get(place.path.join('/'));
    const names = [...new Set([...ours.attributes, ...live.attributes].map((a) => a.name))];
    for (const name of names) {
      if (ignored?.has(name)) continue;
      const field = `${place.own}@${name}`;
      const our = attributeValue(ours, name);
      const their = attributeValue(live, name);
      const runTime = our === runTimePlaceholder ? this.attributeAtRunTime(place.path, name) : undefined;
      if (runTime) this.expect(their !== undefined && this.agreement(runTime, their, field), field, describeRunTime(runTime), their ?? absent);
      else this.expect(our === their, field, our ?? absent, their ?? absent);
    }
  }

  private expect(agrees: boolean, field: string, predicted: string, live: string): void {
    if (!agrees) this.differences.push({ field, predicted, live });
  }

  /**
   * The run-time value behind a `…` formatStatusXml wrote (it writes that for run-time values
   * only): the resolved `<source>` attribute's own, which knows a pool's devices; any other is a
   * value without candidates (mac address, virtualport ids, a hostdev's PCI domain).
   */
  private attributeAtRunTime(path: readonly string[], name: string): RunTimeValue {
    if (path.length === 1 && path[0] === 'source') {
      const value = this.resolved.source.find((a) => a.name === name)?.value;
      if (isRunTime(value)) return value;
    }
    return { runTime: true };
  }

  /** A hostdev's VF picked from a pool when the domain starts: the whole `<source><address>` is run-time. */
  private elementAtRunTime(path: readonly string[]): RunTimeValue | undefined {
    const address = this.resolved.hostdevAddress;
    const isVfAddress = path.length === 2 && path[0] === 'source' && path[1] === 'address';
    return isVfAddress && this.resolved.type === 'hostdev' && isRunTime(address) ? address : undefined;
  }
}

/** The children by name, names in document order (ours are listed first, then those only live has). */
function childrenByName(element: XmlElement): Map<string, XmlElement[]> {
  const byName = new Map<string, XmlElement[]>();
  for (const child of element.children) {
    const named = byName.get(child.name);
    if (named) named.push(child);
    else byName.set(child.name, [child]);
  }
  return byName;
}

function attributeValue(element: XmlElement, name: string): string | undefined {
  const attribute = element.attributes.find((a) => a.name === name);
  return attribute && (attribute.value ?? '');
}

function textOf(element: XmlElement): string {
  return element.texts
    .map((t) => t.value)
    .join('')
    .trim();
}

function describeRunTime(value: RunTimeValue): string {
  return value.candidates ? `${runTimePlaceholder} (one of ${value.candidates.join(', ')})` : runTimePlaceholder;
}

function attributesOf(element: XmlElement): string {
  return element.attributes.map((a) => ` ${a.name}='${a.value ?? ''}'`).join('');
}

/** Deeper than this, an element on one line is cut short: a difference is for reading. */
const maxShownDepth = 8;

/** An element on one line, in libvirt's quoting (values as decoded, for reading, not re-parsing). */
function oneLine(element: XmlElement, depth: number): string {
  const inner = depth >= maxShownDepth && element.children.length > 0 ? '…' : textOf(element) + element.children.map((c) => oneLine(c, depth + 1)).join('');
  return inner ? `<${element.name}${attributesOf(element)}>${inner}</${element.name}>` : `<${element.name}${attributesOf(element)}/>`;
}
