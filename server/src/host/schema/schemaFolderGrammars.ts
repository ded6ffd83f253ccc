/**
 * The grammars the language service completes and hovers with, for the configured schema
 * folder. Read asynchronously when the folder is configured; afterwards the folder is re-checked
 * in the background (at most every few seconds, started by a request but never awaited by it),
 * so a libvirt upgrade that rewrites the schemas, or a configured folder whose files appear or
 * vanish later, is picked up without any request touching the disk.
 */
import { SchemaGrammars } from '../../schema/grammar/schemaGrammars';
import { readSchemaFolder, schemaFolderStamp } from './schemaFolderSnapshot';

const recheckAfterMs = 3000;

export class SchemaFolderGrammars {
  private grammars = SchemaGrammars.none;
  private folder: string | undefined;
  private stamp: string | undefined;
  private checkedAt = 0;
  private checking = false;
  /** Bumped by each load: a slower, older reading must not replace a newer one. */
  private generation = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Reads the folder's grammars (none when `folder` is undefined); resolves once they are in use. */
  async load(folder: string | undefined): Promise<void> {
    const generation = ++this.generation;
    this.folder = folder;
    this.checkedAt = this.now();
    await this.read(folder, generation);
  }

  /** The grammars now; starts a background re-check of the folder when the last one is old. */
  current(): SchemaGrammars {
    if (this.folder !== undefined && !this.checking && this.now() - this.checkedAt >= recheckAfterMs) {
      this.checking = true;
      this.checkedAt = this.now();
      void this.recheck(this.folder, this.generation).finally(() => (this.checking = false));
    }
    return this.grammars;
  }

  private async recheck(folder: string, generation: number): Promise<void> {
    let stamp: string | undefined;
    try {
      stamp = await schemaFolderStamp(folder);
    } catch {
      stamp = undefined; // the folder is gone: no grammars until it is back
    }
    if (generation !== this.generation || stamp === this.stamp) return;
    await this.read(stamp === undefined ? undefined : folder, generation);
  }

  private async read(folder: string | undefined, generation: number): Promise<void> {
    let grammars = SchemaGrammars.none;
    let stamp: string | undefined;
    if (folder !== undefined) {
      try {
        const snapshot = await readSchemaFolder(folder);
        // Parsed on first use, as a document of that kind asks: a server with no domain open
        // does not carry the domain grammar (tens of MiB).
        grammars = SchemaGrammars.lazy(snapshot.texts);
        stamp = snapshot.stamp;
      } catch {
        // An unreadable folder: completion and hover fall back to the extension's own facts.
      }
    }
    if (generation !== this.generation) return;
    this.grammars = grammars;
    this.stamp = stamp;
  }
}
