/** Levenshtein distance with adjacent transpositions (a typo such as 'xyzyz' for 'xyzzy' costs 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
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
    const distance = name.toLowerCase() === lowered ? 0.5 : editDistance(lowered, name.toLowerCase());
    const allowed = Math.max(1, Math.floor(Math.max(written.length, name.length) / 3));
    if (distance <= allowed) scored.push({ name, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || (x.name < y.name ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.name);
}
