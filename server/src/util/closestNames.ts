/**
 * Levenshtein distance with adjacent transpositions (a typo such as 'xyzyz' for 'xyzzy' costs 1).
 * With a limit, any number above it as soon as the distance is sure to exceed it: a row's
 * smallest value never decreases in the next rows (the transposition looks two rows back, but
 * that row's minimum is at most one less), so the rest need not be computed. Suggestions ask
 * for names within a few edits of each of thousands of names; most are far, and known far early.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const cols = b.length + 1;
  // Three rows of the matrix are enough: the transposition looks two rows back.
  let before = new Int32Array(cols);
  let previous = new Int32Array(cols);
  let current = new Int32Array(cols);
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let smallest = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      if (value < smallest) smallest = value;
    }
    if (smallest > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[b.length];
}

/**
 * The candidates close enough to be what the author meant, closest first. "Close" scales with
 * the length of the name: one edit for short names, about a third of the letters for long ones.
 */
export function closestNames(written: string, candidates: Iterable<string>, limit = 3): string[] {
  if (written.length > 200) return [];
  const scored: Array<{ name: string; distance: number }> = [];
  const lowered = written.toLowerCase();
  for (const name of new Set(candidates)) {
    if (name === written || name.length > 200) continue;
    const candidate = name.toLowerCase();
    const allowed = Math.max(1, Math.floor(Math.max(written.length, name.length) / 3));
    // Each edit changes the length by one at most: a name much longer or shorter is never close.
    if (Math.abs(candidate.length - lowered.length) > allowed) continue;
    const distance = candidate === lowered ? 0.5 : editDistance(lowered, candidate, allowed);
    if (distance <= allowed) scored.push({ name, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.name);
}
