/*
 * What libvirt accepts as the name of a network or portgroup, and what this tool accepts as a
 * tag name: used to refuse a rename before it writes something libvirt would reject.
 * Each function answers undefined for a good name, else why it is not.
 */

/** virNetworkDefParseXML: not empty, no '/' (it becomes a file name), no newline. */
export function networkNameProblem(name: string): string | undefined {
  if (name === '') return 'a network name cannot be empty';
  if (name.includes('/')) return "a network name cannot contain '/' (libvirt: invalid char in name)";
  if (/[\r\n]/.test(name)) return 'a network name cannot contain a line break (libvirt: invalid char in name)';
  // The model reads `<name>` trimmed: leading or trailing blanks would not survive a round trip.
  if (name.trim() !== name) return 'a network name cannot start or end with white space';
  return undefined;
}

/** The schema's deviceName pattern (network.rng: `<portgroup name>`). */
const deviceNamePattern = /^[a-zA-Z0-9_.\-\\:/]+$/;

export function portGroupNameProblem(name: string): string | undefined {
  if (name === '') return 'a portgroup name cannot be empty';
  if (!deviceNamePattern.test(name)) return 'a portgroup name may only contain letters, digits and _ . - \\ : / (libvirt schema: deviceName)';
  return undefined;
}

/** The RFC leaves tag names free; an empty or multi-line one is only ever a mistake. */
export function tagNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a tag name cannot be empty';
  if (/[\r\n]/.test(name)) return 'a tag name cannot contain a line break';
  return undefined;
}
