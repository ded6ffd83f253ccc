import { domainElements } from './domainElements';
import type { ElementFact } from './factTypes';
import { networkElements } from './networkElements';
import { portSettingElements } from './portSettingElements';

const allElementFacts: readonly ElementFact[] = [...domainElements, ...networkElements, ...portSettingElements];

/** The elements this extension knows inside a parent element, in the order they are offered. */
export function childElementFacts(parentName: string): ElementFact[] {
  return allElementFacts.filter((fact) => fact.parents.includes(parentName));
}

/** What an element means in its parent (`<tag>` in `<vlan>` is not the RFC's `<tag>`). */
export function elementFact(name: string, parentName: string | undefined): ElementFact | undefined {
  return allElementFacts.find((fact) => fact.name === name && parentName !== undefined && fact.parents.includes(parentName));
}
