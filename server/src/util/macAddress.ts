/**
 * libvirt's MAC syntax (virMacAddrParse): six groups of one or two hex digits separated by ':',
 * no leading space or sign; after the sixth group any character up to ' ' (or the end) ends it.
 * Returns the address as libvirt prints it (lower-case, two digits per group), or undefined.
 */
export function parseMacAddress(value: string): string | undefined {
  const match = /^([0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5})(?:[\x00-\x20]|$)/.exec(value);
  if (!match) return undefined;
  return match[1]
    .split(':')
    .map((group) => group.toLowerCase().padStart(2, '0'))
    .join(':');
}
