import { findChildren } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import type { FilterEntry, FilterRef, FilterRule, NetworkFilter, Ranged } from './libvirtModel';
import { rangedAttribute, rangedChildText } from './ranged';

/** A `<filter>` (nwfilter_conf.c virNWFilterDefParseXML): its rules and filterrefs in document order. */
export function readNetworkFilter(element: XmlElement): NetworkFilter {
  const entries: FilterEntry[] = [];
  for (const child of element.children) {
    if (child.name === 'rule') entries.push({ kind: 'rule', rule: readRule(child) });
    else if (child.name === 'filterref') entries.push({ kind: 'filterref', ref: readFilterRef(child) });
  }
  return {
    kind: 'filter',
    element,
    name: rangedAttribute(element, 'name'),
    uuid: rangedChildText(element, 'uuid'),
    chain: rangedAttribute(element, 'chain'),
    priority: rangedAttribute(element, 'priority'),
    entries,
  };
}

/** `<filterref filter='F'><parameter name='N' value='V'/>…` (virNWFilterIncludeParse). */
export function readFilterRef(element: XmlElement): FilterRef {
  return {
    element,
    filter: rangedAttribute(element, 'filter'),
    parameters: findChildren(element, 'parameter').map((parameter) => ({
      element: parameter,
      name: rangedAttribute(parameter, 'name'),
      value: rangedAttribute(parameter, 'value'),
    })),
  };
}

/**
 * A `<rule>`: the variables its protocol elements' attributes use. libvirt takes a value that
 * starts with `$` as a variable access (virNWFilterRuleDetailsParse → virNWFilterVarAccessParse).
 */
function readRule(element: XmlElement): FilterRule {
  const variables: Ranged[] = [];
  for (const protocol of element.children) {
    for (const attribute of protocol.attributes) {
      if (attribute.value?.startsWith('$') && attribute.valueRange) variables.push({ value: attribute.value.slice(1), range: attribute.valueRange });
    }
  }
  return { element, action: rangedAttribute(element, 'action'), direction: rangedAttribute(element, 'direction'), variables };
}
