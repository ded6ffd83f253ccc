/*
 * The byte stream a closed file's record is packed into (keptRecord.ts): unsigned numbers as
 * variable-length integers (7 bits a byte, the high bit saying "more"), positions as the signed
 * difference from the position written before (a record's positions mostly come in document
 * order, so most take one byte). The bytes end up as the characters of a one-byte string: no
 * typed array's ArrayBuffer and external backing store for each of thousands of small records.
 */

/** Writes the stream; `packed` gives it as a string of char codes 0–255. */
export class KeptBytesWriter {
  private bytes = new Uint8Array(256);
  private length = 0;
  private lastPosition = 0;

  byte(value: number): void {
    if (this.length === this.bytes.length) this.grow();
    this.bytes[this.length++] = value;
  }

  /** A number ≥ 0 (an integer up to 2^53). */
  unsigned(value: number): void {
    while (value >= 0x80) {
      this.byte((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    this.byte(value);
  }

  /** An integer of either sign up to 2^52 (zigzag: 0, -1, 1, -2… as 0, 1, 2, 3…). */
  signed(value: number): void {
    this.unsigned(value < 0 ? -2 * value - 1 : 2 * value);
  }

  /** An offset into the file's text, as the difference from the last one written. */
  position(value: number): void {
    this.signed(value - this.lastPosition);
    this.lastPosition = value;
  }

  packed(): string {
    // latin1 maps each byte to the char code of the same number (TextDecoder's "latin1" is windows-1252).
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length).toString('latin1');
  }

  private grow(): void {
    const bigger = new Uint8Array(this.bytes.length * 2);
    bigger.set(this.bytes);
    this.bytes = bigger;
  }
}

/** Reads back what KeptBytesWriter wrote, in the same order. */
export class KeptBytesReader {
  private at = 0;
  private lastPosition = 0;

  constructor(private readonly packed: string) {}

  byte(): number {
    return this.packed.charCodeAt(this.at++);
  }

  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const next = this.packed.charCodeAt(this.at++);
      value += (next & 0x7f) * scale;
      if (next < 0x80) return value;
      scale *= 0x80;
    }
  }

  signed(): number {
    const zigzag = this.unsigned();
    return zigzag % 2 === 1 ? -(zigzag + 1) / 2 : zigzag / 2;
  }

  position(): number {
    this.lastPosition += this.signed();
    return this.lastPosition;
  }

  get done(): boolean {
    return this.at >= this.packed.length;
  }
}
