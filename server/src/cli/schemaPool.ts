import { availableParallelism } from 'node:os';
import { SchemaValidationWorker } from '../host/schema/schemaValidationWorker';
import type { BatchDocument } from '../host/schema/schemaWorkerProtocol';
import { XmllintValidator, xmllintInstalled } from '../host/schema/xmllintValidator';
import type { Finding } from '../model/finding';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { extensionTags } from '../schema/extensionTags';
import type { SchemaFinding } from '../schema/schemaTypes';

/** What validates a batch: a worker thread running libxml2-wasm, or the host's xmllint. */
interface BatchValidator {
  validateBatch(documents: readonly BatchDocument[], schemaFolder: string): Promise<SchemaFinding[][]>;
  dispose(): unknown;
}

/**
 * A batch is sent when it holds this much text or this many files (or when this thread waits):
 * small for a worker (one message each way), larger for xmllint (a process and a schema
 * compilation each).
 */
const batchLimits = { wasm: { text: 256 * 1024, files: 32 }, xmllint: { text: 2 * 1024 * 1024, files: 128 } };

export type SchemaEngine = keyof typeof batchLimits;

interface Answer {
  readonly resolve: (findings: SchemaFinding[]) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * `check --schema`'s validators, while this thread reads, parses and checks the next files: the
 * host's `xmllint` when installed (native libxml2, one process per batch, up to one running per
 * core), else one worker thread per core running libxml2-wasm, each keeping its compiled schemas
 * for the whole run. Both give the same findings (host/schema/batchValidation.test.ts). Files go
 * in batches, each to the validator with the least text waiting; with each file go the places
 * of its RFC `<tag>`s, found in this thread's parse, so that a file is parsed again only when
 * libxml2 finds it invalid.
 */
export class SchemaPool {
  /** Each worker, with the length of the text it has been given and not answered yet. */
  private readonly workers: Array<{ readonly worker: BatchValidator; waiting: number }>;
  private readonly limits: { readonly text: number; readonly files: number };
  private batch: { documents: BatchDocument[]; answers: Answer[]; length: number } | undefined;

  constructor(
    private readonly schemaFolder: string,
    readonly engine: SchemaEngine = xmllintInstalled() ? 'xmllint' : 'wasm',
    size = Math.min(4, Math.max(1, availableParallelism())),
  ) {
    // A batch has no editor waiting on it: a 5 MB domain may take a while, and is not abandoned.
    // The schema folder is read once for the run, not looked at again before each file.
    const options = { timeoutMs: 600_000, validator: { folderMayChange: false } };
    const validator = (): BatchValidator => (engine === 'xmllint' ? new XmllintValidator() : new SchemaValidationWorker(options));
    this.workers = Array.from({ length: size }, () => ({ worker: validator(), waiting: 0 }));
    this.limits = batchLimits[engine];
  }

  /** How many files can be waiting in all before the caller should wait for the first. */
  get capacity(): number {
    // Enough that the workers keep busy while the file first in line (a 5 MB domain) is validated.
    return this.workers.length * 256;
  }

  /**
   * libvirt's schema verdict on one document, as findings (its remarks on RFC tags are the
   * core's already). Nothing of the document but its URI is kept here once its batch is sent.
   */
  findings(document: LibvirtDocument): Promise<Finding[]> {
    const rootName = document.xml.roots[0]?.name;
    if (!rootName) return Promise.resolve([]);
    const { uri, text } = { uri: document.uri, text: document.xml.text };
    const tags = extensionTags(document.xml).map(({ start, end }) => ({ start, end }));
    const verdict = new Promise<SchemaFinding[]>((resolve, reject) => this.enqueue({ text, rootName, tags }, { resolve, reject }));
    return verdict.then((found) =>
      found
        .filter((finding) => finding.code === 'schema')
        .map((finding) => ({ uri, range: finding.range, severity: finding.severity, code: 'schema', message: finding.message })),
    );
  }

  async dispose(): Promise<void> {
    this.send();
    await Promise.all(this.workers.map(({ worker }) => worker.dispose()));
  }

  private enqueue(document: BatchDocument, answer: Answer): void {
    if (!this.batch) {
      this.batch = { documents: [], answers: [], length: 0 };
      // Whatever is left goes as soon as this thread waits (for a verdict, or at the end).
      setImmediate(() => this.send());
    }
    this.batch.documents.push(document);
    this.batch.answers.push(answer);
    this.batch.length += document.text.length;
    if (this.batch.length >= this.limits.text || this.batch.documents.length >= this.limits.files) this.send();
  }

  /** Sends the batch being filled to the worker with the least text waiting. */
  private send(): void {
    if (!this.batch) return;
    // Only the answers are kept while the worker works: the texts may go once they are posted.
    const { documents, answers, length } = this.batch;
    this.batch = undefined;
    const slot = this.workers.reduce((least, candidate) => (candidate.waiting < least.waiting ? candidate : least));
    slot.waiting += length;
    slot.worker.validateBatch(documents, this.schemaFolder).then(
      (findings) => {
        slot.waiting -= length;
        answers.forEach((answer, at) => answer.resolve(findings[at] ?? []));
      },
      (error: unknown) => {
        slot.waiting -= length;
        for (const answer of answers) answer.reject(error);
      },
    );
  }
}
