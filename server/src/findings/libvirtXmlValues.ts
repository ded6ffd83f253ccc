import type { Ranged } from '../model/libvirtModel';
import type { FindingList } from '../model/findingList';
import { rangedAttribute } from '../model/ranged';
import type { XmlElement } from '../parser/xmlTree';

/*
 * How libvirt's XML helpers read a value, and their error messages (util/virxml.c), for the
 * rules of the network parser. Two readers differ on an empty value: virXMLPropString gives ""
 * (so `x=''` is present and usually invalid), virXPathString("string(./@x)") gives NULL (so
 * `x=''` is the same as no attribute at all).
 */

/** virXPathString("string(./@name)"): an empty value is no value. */
export function xpathAttribute(element: XmlElement | undefined, name: string): Ranged | undefined {
  const value = rangedAttribute(element, name);
  return value && value.value !== '' ? value : undefined;
}

/** virXMLPropTristateBool: 'yes' or 'no', exactly; anything else (also '') is refused. */
export function checkYesNo(findings: FindingList, element: XmlElement | undefined, name: string): void {
  const value = rangedAttribute(element, name);
  if (!element || !value || value.value === 'yes' || value.value === 'no') return;
  findings.add(
    value.range,
    'error',
    'invalid-value',
    `XML error: Invalid value for attribute '${name}' in element '${element.name}': '${value.value}'.`,
    undefined,
    ['yes', 'no'],
  );
}

/**
 * virStrToLong_ui/ul with base 10 and no trailing text, as virXMLPropUInt and the parser's own
 * numbers read them: optional spaces, optional sign (a '-' wraps around in C: refused here, as
 * the "p" variants refuse it), digits.
 */
export function unsignedValue(text: string): number | undefined {
  const match = /^\s*\+?(\d+)$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** virXMLPropUInt (base 10): a non-negative integer up to 2^32-1. */
export function checkUnsigned(findings: FindingList, element: XmlElement | undefined, name: string): number | undefined {
  const value = rangedAttribute(element, name);
  if (!element || !value) return undefined;
  const number = unsignedValue(value.value);
  if (number !== undefined && number <= 0xffffffff) return number;
  findings.add(
    value.range,
    'error',
    'invalid-value',
    `XML error: Invalid value for attribute '${name}' in element '${element.name}': '${value.value}'. Expected non-negative integer value`,
  );
  return undefined;
}
