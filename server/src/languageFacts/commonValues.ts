import type { ValueFact } from './factTypes';

/** libvirt's tristate booleans (virTristateBool), as written in XML. */
export const yesNoValues: readonly ValueFact[] = [
  { name: 'yes', description: 'Enabled.' },
  { name: 'no', description: 'Disabled.' },
];
