/**
 * Where two versions of a text differ: the one replacement that turns `before` into `after`,
 * found from their common beginning and common end. An editor's keystroke is one such
 * replacement; the language server is given the new text, not the change, so it finds it here.
 */
export interface TextEdit {
  /** Offset of the first changed character (the same in both texts). */
  readonly start: number;
  /** Offset just past the replaced characters, in the text before. */
  readonly oldEnd: number;
  /** Offset just past the inserted characters, in the text after. */
  readonly newEnd: number;
}

/** Strings compared this many characters at a time first (native comparison), then one by one. */
const chunk = 4096;

/** The replacement that turns `before` into `after` (empty when they are equal: start = oldEnd = newEnd). */
export function editBetween(before: string, after: string): TextEdit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start + chunk <= shorter && before.substr(start, chunk) === after.substr(start, chunk)) start += chunk;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // The common end may not overlap the common beginning.
  const room = shorter - start;
  let common = 0;
  while (common + chunk <= room && before.substr(before.length - common - chunk, chunk) === after.substr(after.length - common - chunk, chunk)) common += chunk;
  while (common < room && before.charCodeAt(before.length - common - 1) === after.charCodeAt(after.length - common - 1)) common++;
  return { start, oldEnd: before.length - common, newEnd: after.length - common };
}
