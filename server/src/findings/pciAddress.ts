import { rangedAttribute } from '../model/ranged';
import type { XmlElement } from '../parser/xmlTree';

/**
 * strtoul with base 0, as virXMLPropUInt(…, 0, …) reads a PCI address part: "0x…" is hex, a
 * leading "0" octal, anything else decimal. Undefined when libvirt would refuse the text.
 */
function baseZero(text: string): number | undefined {
  const match = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!match) return undefined;
  const digits = match[1];
  if (/^0[xX]/.test(digits)) return parseInt(digits.slice(2), 16);
  if (digits.startsWith('0')) return digits.length > 1 ? parseInt(digits.slice(1), 8) : 0;
  return Number(digits);
}

/**
 * A PCI <address> of a hostdev pool as libvirt compares and prints it (virPCIDeviceAddressEqual,
 * '%04x:%02x:%02x.%x'); undefined when a part does not parse (libvirt refuses the file then).
 */
export function pciAddressKey(address: XmlElement): { readonly text: string } | undefined {
  const parts: number[] = [];
  for (const name of ['domain', 'bus', 'slot', 'function']) {
    const value = rangedAttribute(address, name);
    const number = value === undefined ? 0 : baseZero(value.value);
    if (number === undefined) return undefined;
    parts.push(number);
  }
  const [domain, bus, slot, fn] = parts.map((part) => part.toString(16));
  return { text: `${domain.padStart(4, '0')}:${bus.padStart(2, '0')}:${slot.padStart(2, '0')}.${fn}` };
}
