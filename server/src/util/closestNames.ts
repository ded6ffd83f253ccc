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
  if (written.length > 200 || limit < 1) return [];
  /** The best `limit` so far, closest first: a candidate farther than the last of them cannot enter. */
  const best: Array<{ name: string; distance: number }> = [];
  const lowered = written.toLowerCase();
  for (const name of new Set(candidates)) {
    if (name === written || name.length > 200) continue;
    const candidate = name.toLowerCase();
    let allowed = Math.max(1, Math.floor(Math.max(written.length, name.length) / 3));
    if (best.length === limit) allowed = Math.min(allowed, best[limit - 1].distance);
    // Each edit changes the length by one at most: a name much longer or shorter is never close.
    if (Math.abs(candidate.length - lowered.length) > allowed) continue;
    const distance = candidate === lowered ? 0.5 : editDistance(lowered, candidate, allowed);
    if (distance <= allowed) keepBest(best, { name, distance }, limit);
  }
  return best.map((s) => s.name);
}

/** Inserts a scored name in its place (by distance, then name) and keeps the first `limit`. */
function keepBest(best: Array<{ name: string; distance: number }>, scored: { name: string; distance: number }, limit: number): void {
  let at = best.length;
  while (at > 0 && (best[at - 1].distance > scored.distance || (best[at - 1].distance === scored.distance && best[at - 1].name > scored.name))) at--;
  if (at >= limit) return;
  best.splice(at, 0, scored);
  if (best.length > limit) best.pop();
}
