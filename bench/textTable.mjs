// How every benchmark prints its results: a plain text table, one padded column per cell, the
// header underlined, so the numbers of all sections line up the same way in a log.

/** Prints `rows` (the first is the header) as aligned columns. */
export function printTextTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  for (const [i, row] of rows.entries()) {
    console.log(
      row
        .map((cell, j) => String(cell).padEnd(widths[j]))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
