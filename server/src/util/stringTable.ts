/**
 * One shared copy of each short string (element and attribute names, `virtio`, `pci`, `0x0000`…):
 * they repeat across thousands of indexed files. Bounded, so hostile input cannot grow it
 * forever: once full, a string not in it yet is answered as it is.
 */
export class StringTable {
  private readonly strings = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.strings.size;
  }

  /** The table's copy of the string, adding it while there is room. */
  shared(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.strings.size < this.capacity) this.strings.set(value, value);
    return value;
  }
}
