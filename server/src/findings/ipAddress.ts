/**
 * The family of an address as getaddrinfo(AI_NUMERICHOST) would read it (virSocketAddrParse),
 * where that is certain: a dotted quad is IPv4, an address with ':' in the IPv6 grammar is IPv6.
 * Other texts (inet_aton's short forms such as '10.1', typos) are left to libvirt: undefined.
 */
export function addressFamily(text: string): 'ipv4' | 'ipv6' | undefined {
  if (ipv4Parts(text)) return 'ipv4';
  return isIpv6(text) ? 'ipv6' : undefined;
}

/**
 * The four numbers of a dotted quad (decimal, each 0-255), or undefined. A part with a leading 0
 * is left alone: inet_aton would read it as octal.
 */
export function ipv4Parts(text: string): number[] | undefined {
  const part = '(0|[1-9]\\d{0,2})';
  const match = new RegExp(`^${part}\\.${part}\\.${part}\\.${part}$`).exec(text);
  if (!match) return undefined;
  const parts = match.slice(1).map(Number);
  return parts.every((part) => part <= 255) ? parts : undefined;
}

function isIpv6(text: string): boolean {
  const bare = text.replace(/%[\w.-]+$/, '');
  let groups = bare;
  const quad = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (quad) {
    if (!ipv4Parts(quad[1])) return false;
    groups = bare.slice(0, bare.length - quad[1].length) + '0:0';
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const count = (half: string) => (half === '' ? 0 : half.split(':').length);
  const valid = (half: string) => half === '' || half.split(':').every((group) => /^[0-9a-fA-F]{1,4}$/.test(group));
  if (!halves.every(valid)) return false;
  const total = halves.reduce((sum, half) => sum + count(half), 0);
  return halves.length === 2 ? total <= 7 : total === 8;
}
