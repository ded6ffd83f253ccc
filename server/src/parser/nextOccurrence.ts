/**
 * The next occurrence of one character at or after an offset, remembered between questions.
 *
 * The parser asks from offsets that only grow, and many questions share one far answer: each of
 * 150,000 attributes in one start tag asked for the next '<' (the tag's end) and scanned there
 * again, which made parsing quadratic. With the last answer kept, a question from an offset up
 * to that answer costs nothing, and each new scan starts past the previous answer, so all scans
 * together read the text at most once.
 */
export class NextOccurrence {
  /** The last question was asked from here... */
  private askedFrom = Number.POSITIVE_INFINITY;
  /** ...and answered with this offset (-1: the character does not occur after `askedFrom`). */
  private answer = -1;

  constructor(
    private readonly text: string,
    private readonly character: string,
  ) {}

  /** The offset of the first occurrence at or after `offset`, or -1 when there is none. */
  from(offset: number): number {
    if (offset >= this.askedFrom && (this.answer < 0 || offset <= this.answer)) return this.answer;
    this.askedFrom = offset;
    this.answer = this.text.indexOf(this.character, offset);
    return this.answer;
  }
}
