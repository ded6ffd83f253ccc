/**
 * The shape of the libvirt knowledge the editor features use: which elements exist where, their
 * attributes, and the values an attribute takes. Data only; the services decide what to do with it.
 */

export interface ValueFact {
  readonly name: string;
  readonly description: string;
}

/** Attribute values that come from the workspace rather than from a fixed list. */
export type ReferenceKind = 'network' | 'portgroup' | 'tag';

export interface AttributeFact {
  readonly name: string;
  readonly description: string;
  /** The values libvirt accepts, when they form a fixed list. */
  readonly values?: readonly ValueFact[];
  /** The values are names defined elsewhere in the workspace. */
  readonly reference?: ReferenceKind;
  /** On `<source>`: the interface types the attribute belongs to (others ignore it). */
  readonly interfaceTypes?: readonly string[];
}

export interface ElementFact {
  readonly name: string;
  /** Names of the elements this one may stand in; the same name can mean different things in different parents (`<tag>`). */
  readonly parents: readonly string[];
  readonly description: string;
  readonly attributes: readonly AttributeFact[];
  /** True when the parent may hold several (otherwise it is not offered once present). */
  readonly repeatable?: boolean;
  /**
   * The element as inserted after its `<`, in LSP snippet syntax (`$1`, `${1:default}`,
   * `${1|a,b|}`, tabs for one indent level). Absent: an empty element with its closing tag.
   */
  readonly snippet?: string;
}
