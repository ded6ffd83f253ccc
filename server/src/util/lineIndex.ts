/**
 * Converts between offsets and zero-based line/character positions of one text.
 *
 * It keeps the line starts (2 bytes a line for a text shorter than 64 Ki code units, as nearly
 * every libvirt file is; 4 otherwise) and the text's length, not the text itself: the workspace
 * index holds one of these for every indexed file, long after the file's text is gone.
 */
export class LineIndex {
  private readonly starts: Uint16Array | Uint32Array;
  private readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    const starts = text.length <= 0xffff ? new Uint16Array(count) : new Uint32Array(count);
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): { line: number; character: number } {
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.starts[low] };
  }

  offsetAt(line: number, character: number): number {
    if (line >= this.starts.length) return this.length;
    const lineEnd = line + 1 < this.starts.length ? this.starts[line + 1] : this.length;
    return Math.min(this.starts[line] + Math.max(0, character), lineEnd);
  }
}
