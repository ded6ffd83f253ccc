/**
 * The server's handle on schema validation: sends documents to a worker thread so that libxml2
 * never blocks completion or hover, supersedes a document's older validation when a newer one is
 * requested, and honours cancellation tokens. Falls back to validating in this thread when the
 * worker script is missing (e.g. a bundle built without it).
 *
 * Bundling: the worker is its own entry point, `validationWorker.js`, next to the module using
 * this class (out/server/src/host/schema/ after tsc; dist/ after esbuild).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BatchDocument, FromWorker, ToWorker } from './schemaWorkerProtocol';
import { onCancelled, SchemaValidationCancelled, type CancellationLike, type SchemaFinding } from '../../schema/schemaTypes';
import { SchemaValidator, type SchemaValidatorOptions } from './schemaValidator';
import { restoreFlagsAfterWorkerStart } from '../garbageCollector';
import type { TextRange } from '../../parser/xmlTree';

export interface SchemaValidationRequest {
  /** Identifies the document (its URI): a newer request for the same key cancels the older one. */
  readonly key: string;
  readonly text: string;
  readonly rootName: string;
  readonly schemaFolder: string;
  /**
   * Where the RFC `<tag>`s are (extensionTags), when the sender has parsed the text: the worker
   * then parses it only when libxml2 complains. Without them it parses every text to find them
   * (a 5 MB domain: 65 MiB of tree in the worker, and its time).
   */
  readonly tags?: readonly TextRange[];
}

export interface SchemaValidationWorkerOptions {
  /** Path of the compiled validationWorker.js; default: beside this module. */
  readonly workerScript?: string;
  /** A job running longer is abandoned and the worker restarted (a pathological schema or input). */
  readonly timeoutMs?: number;
  /** Given to the worker's SchemaValidator (see SchemaValidatorOptions). */
  readonly validator?: SchemaValidatorOptions;
  /**
   * The worker stops after this long without work, and starts again when asked. libxml2's
   * WebAssembly memory grows to the largest document validated and never shrinks: a server that
   * validated 1,000 domains kept ~90 MB for good (issue 19: closing them gave nothing back).
   */
  readonly idleMs?: number;
}

interface Pending {
  /** The document's key; undefined for a batch, which nothing supersedes. */
  readonly key: string | undefined;
  /** One list of findings per document (one document unless a batch). */
  readonly resolve: (findings: SchemaFinding[][]) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class SchemaValidationWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly latestByKey = new Map<string, number>();
  private nextId = 1;
  private readonly workerScript: string;
  private readonly timeoutMs: number;
  private readonly validatorOptions: SchemaValidatorOptions;
  private readonly idleMs: number;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Validates in this thread when there is no worker script. */
  private inProcess: SchemaValidator | undefined;

  constructor(options: SchemaValidationWorkerOptions = {}) {
    this.workerScript = options.workerScript ?? join(__dirname, 'validationWorker.js');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.validatorOptions = options.validator ?? {};
    this.idleMs = options.idleMs ?? 20_000;
  }

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Findings for the request. Rejects with SchemaValidationCancelled when the token is cancelled
   * or a newer request for the same key arrives; the caller then simply drops the answer.
   */
  validate(request: SchemaValidationRequest, token?: CancellationLike): Promise<SchemaFinding[]> {
    if (!existsSync(this.workerScript)) {
      this.inProcess ??= new SchemaValidator(this.validatorOptions);
      return this.inProcess.validate(request.text, request.rootName, request.schemaFolder, token, request.tags);
    }
    const id = this.nextId++;
    const superseded = this.latestByKey.get(request.key);
    this.latestByKey.set(request.key, id);
    if (superseded !== undefined) this.cancel(superseded);
    return new Promise<SchemaFinding[][]>((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(id), this.timeoutMs);
      this.pending.set(id, { key: request.key, resolve, reject, timer });
      const { text, rootName, schemaFolder, tags } = request;
      const message: ToWorker = { type: 'validate', id, text, rootName, schemaFolder, tags };
      this.ensureWorker().postMessage(message);
      onCancelled(token, () => this.cancel(id));
    }).then(([findings = []]) => findings);
  }

  /**
   * Findings for each of `documents`, in order, validated one after the other in one message
   * each way (`check --schema`: per-message costs stay small next to libxml2's). Not cancellable;
   * the timeout applies to the whole batch.
   */
  validateBatch(documents: readonly BatchDocument[], schemaFolder: string): Promise<SchemaFinding[][]> {
    if (!existsSync(this.workerScript)) return this.validateBatchHere(documents, schemaFolder);
    const id = this.nextId++;
    return new Promise<SchemaFinding[][]>((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(id), this.timeoutMs);
      this.pending.set(id, { key: undefined, resolve, reject, timer });
      this.ensureWorker().postMessage({ type: 'validateBatch', id, documents, schemaFolder } satisfies ToWorker);
    });
  }

  /** Stops the worker; pending validations are rejected as cancelled. */
  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    for (const id of [...this.pending.keys()]) this.settle(id, new SchemaValidationCancelled());
    this.inProcess?.dispose();
    this.inProcess = undefined;
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  /**
   * Ends the worker when it is idle, so that the memory libxml2 took for a large document goes
   * back to the system: WebAssembly memory only grows (a 5 MB domain's validation leaves about
   * 500 MB behind), without waiting for the idle time. The next validation starts a new worker.
   * Says whether it was ended.
   */
  releaseMemory(): boolean {
    if (!this.worker || this.pending.size > 0) return false;
    clearTimeout(this.idleTimer);
    this.stopWhenIdle();
    return true;
  }

  private async validateBatchHere(documents: readonly BatchDocument[], schemaFolder: string): Promise<SchemaFinding[][]> {
    this.inProcess ??= new SchemaValidator(this.validatorOptions);
    const findings: SchemaFinding[][] = [];
    for (const { text, rootName, tags } of documents) findings.push(await this.inProcess.validate(text, rootName, schemaFolder, undefined, tags));
    return findings;
  }

  private cancel(id: number): void {
    if (!this.pending.has(id)) return;
    this.worker?.postMessage({ type: 'cancel', id } satisfies ToWorker);
    this.settle(id, new SchemaValidationCancelled());
  }

  private ensureWorker(): Worker {
    clearTimeout(this.idleTimer);
    if (!this.worker) {
      const worker = new Worker(this.workerScript, { workerData: this.validatorOptions });
      worker.once('online', restoreFlagsAfterWorkerStart);
      worker.on('message', (message: FromWorker) => this.received(message));
      // A worker replaced after a timeout may still report its end: only the current one counts.
      worker.on('error', (error) => {
        if (this.worker === worker) this.failAll(error);
      });
      worker.on('exit', () => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.failAll(new Error('schema validation worker stopped'));
      });
      this.worker = worker;
    }
    // Keep the process alive only while answers are awaited (the CLI and tests must be able to exit).
    this.worker.ref();
    return this.worker;
  }

  private received(message: FromWorker): void {
    if (message.type === 'result') this.settle(message.id, undefined, [message.findings]);
    else if (message.type === 'batchResult') this.settle(message.id, undefined, message.findings);
    else if (message.type === 'cancelled') this.settle(message.id, new SchemaValidationCancelled());
    else this.settle(message.id, new Error(message.message));
  }

  private settle(id: number, error: Error | undefined, findings: SchemaFinding[][] = []): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (pending.key !== undefined && this.latestByKey.get(pending.key) === id) this.latestByKey.delete(pending.key);
    if (error) pending.reject(error);
    else pending.resolve(findings);
    if (this.pending.size === 0 && this.worker) {
      this.worker.unref();
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.stopWhenIdle(), this.idleMs);
      this.idleTimer.unref();
    }
  }

  /** Stops the worker, its memory with it, when no work came since it went idle. */
  private stopWhenIdle(): void {
    if (this.pending.size > 0) return;
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private timedOut(id: number): void {
    if (!this.pending.has(id)) return;
    this.settle(id, new Error(`schema validation took more than ${this.timeoutMs} ms and was abandoned`));
    // The worker is stuck in synchronous code: only terminating it frees it. Jobs queued behind
    // the stuck one are lost with it; their documents are validated again on their next change.
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('schema validation worker restarted'));
    void worker?.terminate();
  }

  private failAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id, error);
  }
}
