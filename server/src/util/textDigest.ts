/** FNV-1a over the UTF-16 code units, mixed with the length: tells a changed file from the indexed one. */
export function digestOf(text: string): number {
  let hash = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
