import { availableParallelism } from 'node:os';
import { SchemaValidationWorker } from '../host/schema/schemaValidationWorker';
import type { Finding } from '../model/finding';
import type { LibvirtDocument } from '../model/libvirtDocument';

/**
 * `check --schema`'s validators: one worker thread per core (libxml2 in WebAssembly is most of
 * the cost), each keeping its compiled schemas for the whole run, while this thread reads,
 * parses and checks the next files. A file goes to the worker with the fewest files waiting.
 */
export class SchemaPool {
  /** Each worker, with the length of the text it has been given and not answered yet. */
  private readonly workers: Array<{ readonly worker: SchemaValidationWorker; waiting: number }>;

  constructor(
    private readonly schemaFolder: string,
    size = Math.min(4, Math.max(1, availableParallelism())),
  ) {
    // A batch has no editor waiting on it: a 5 MB domain may take a while, and is not abandoned.
    // The schema folder is read once for the run, not looked at again before each file.
    const options = { timeoutMs: 600_000, validator: { folderMayChange: false } };
    this.workers = Array.from({ length: size }, () => ({ worker: new SchemaValidationWorker(options), waiting: 0 }));
  }

  /** How many files can be waiting in all before the caller should wait for the first. */
  get capacity(): number {
    // Enough that the workers keep busy while the file first in line (a 5 MB domain) is validated.
    return this.workers.length * 256;
  }

  /**
   * libvirt's schema verdict on one document, as findings (its remarks on RFC tags are the
   * core's already). It goes to the worker with the least text waiting; nothing of the document
   * but its URI is kept while the verdict is awaited.
   */
  findings(document: LibvirtDocument): Promise<Finding[]> {
    const rootName = document.xml.roots[0]?.name;
    if (!rootName) return Promise.resolve([]);
    const { uri, text } = { uri: document.uri, text: document.xml.text };
    const slot = this.workers.reduce((least, candidate) => (candidate.waiting < least.waiting ? candidate : least));
    const cost = text.length;
    slot.waiting += cost;
    const verdict = slot.worker.validate({ key: uri, text, rootName, schemaFolder: this.schemaFolder });
    return verdict.then(
      (found) => {
        slot.waiting -= cost;
        return found
          .filter((finding) => finding.code === 'schema')
          .map((finding) => ({ uri, range: finding.range, severity: finding.severity, code: 'schema', message: finding.message }));
      },
      (error: unknown) => {
        slot.waiting -= cost;
        throw error;
      },
    );
  }

  async dispose(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.dispose()));
  }
}
