import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckedFile } from './fileCheck';
import type { ReportedFile } from './workspaceSurvey';

/** What a check worker is started with: the survey's definitions, to build the same index. */
export interface CheckWorkerSetup {
  readonly definitions: readonly ReportedFile[];
  readonly hostNetworks: boolean;
}

export interface CheckRequest {
  readonly id: number;
  readonly file: ReportedFile;
}

export type CheckAnswer = { readonly id: number; readonly checked: CheckedFile } | { readonly id: number; readonly error: string };

/** Files given to one worker and not answered yet: enough to keep it busy while another checks a 5 MB domain. */
const queuedPerWorker = 32;

/**
 * V8's young generation of a worker, in MB: a large domain's tree outlives many scavenges, and a
 * young generation grown to V8's default (48 MB) would stay resident for the rest of the run.
 */
const youngGenerationMb = 6;

/**
 * How many worker threads check the files: none unless LIBVIRT_XML_CHECK_THREADS asks (1: the
 * main thread only). Measured on the scale benchmark (issue 19, 2 cores, shared machine), two
 * workers cost a third more CPU than the main thread alone (each builds the index again, and
 * findings cross between threads) and 100 MB more memory at 10,000 files, beyond the bound of
 * 3× the bytes + 60 MB, for no gain in wall time: so they are for machines with idle cores.
 */
export function checkThreadCount(environment: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(environment.LIBVIRT_XML_CHECK_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? Math.min(asked, 16) : 1;
}

/**
 * `check`'s worker threads: each builds the survey's index again from its definitions, then
 * reads, parses and checks the files it is given and answers with their findings (plain data),
 * while the main thread prints the answers in the survey's order. A file goes to the worker with
 * the fewest files waiting.
 */
export class CheckThreads {
  private readonly workers: Array<{ readonly worker: Worker; waiting: Set<number> }>;
  private readonly pending = new Map<number, { resolve: (checked: CheckedFile) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  constructor(count: number, setup: CheckWorkerSetup, script = join(__dirname, 'checkWorker.js')) {
    this.workers = Array.from({ length: count }, () => {
      const worker = new Worker(script, { workerData: setup, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb } });
      const slot = { worker, waiting: new Set<number>() };
      worker.on('message', (answer: CheckAnswer) => this.answered(slot.waiting, answer));
      worker.on('error', (error) => this.failed(slot.waiting, error));
      worker.on('exit', (code) => this.failed(slot.waiting, new Error(`a check worker stopped (exit code ${code})`)));
      return slot;
    });
  }

  /** How many files can be waiting in all before the caller should wait for the first. */
  get capacity(): number {
    return this.workers.length * queuedPerWorker;
  }

  check(file: ReportedFile): Promise<CheckedFile> {
    const slot = this.workers.reduce((least, candidate) => (candidate.waiting.size < least.waiting.size ? candidate : least));
    const id = this.nextId++;
    slot.waiting.add(id);
    const answer = new Promise<CheckedFile>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    slot.worker.postMessage({ id, file } satisfies CheckRequest);
    return answer;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private answered(waiting: Set<number>, answer: CheckAnswer): void {
    waiting.delete(answer.id);
    const promised = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    if ('error' in answer) promised?.reject(new Error(answer.error));
    else promised?.resolve(answer.checked);
  }

  /** A worker that failed or stopped: what it was given will not be answered. */
  private failed(waiting: Set<number>, error: Error): void {
    for (const id of waiting) {
      this.pending.get(id)?.reject(error);
      this.pending.delete(id);
    }
    waiting.clear();
  }
}
