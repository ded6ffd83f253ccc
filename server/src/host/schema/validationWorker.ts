/**
 * Worker-thread entry: runs a SchemaValidator (libxml2 is synchronous and takes tens of
 * milliseconds on a large domain) away from the language server's thread. Jobs run one at a
 * time; a job cancelled before it starts is skipped, one cancelled while running stops at its
 * next step. The compiled schemas stay cached in this thread between jobs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './schemaWorkerProtocol';
import { SchemaValidationCancelled, type SchemaFinding } from '../../schema/schemaTypes';
import { SchemaValidator, type SchemaValidatorOptions } from './schemaValidator';

const port = parentPort;
const validator = new SchemaValidator(validatorOptions(workerData));
const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();

/** The options SchemaValidationWorker passed as workerData (none from an older caller). */
function validatorOptions(data: unknown): SchemaValidatorOptions {
  const given = typeof data === 'object' && data !== null ? (data as { folderMayChange?: unknown }).folderMayChange : undefined;
  return typeof given === 'boolean' ? { folderMayChange: given } : {};
}

function post(message: FromWorker): void {
  port?.postMessage(message);
}

async function run(job: Extract<ToWorker, { type: 'validate' }>): Promise<void> {
  // Yield to the event loop first, so that a 'cancel' sent right after this job is seen.
  await new Promise<void>((resolve) => setImmediate(resolve));
  const token = {
    get isCancellationRequested() {
      return cancelled.has(job.id);
    },
  };
  try {
    if (token.isCancellationRequested) throw new SchemaValidationCancelled();
    const findings = await validator.validate(job.text, job.rootName, job.schemaFolder, token, job.tags);
    post({ type: 'result', id: job.id, findings });
  } catch (error) {
    if (error instanceof SchemaValidationCancelled) post({ type: 'cancelled', id: job.id });
    else post({ type: 'error', id: job.id, message: errorMessage(error) });
  } finally {
    cancelled.delete(job.id);
  }
}

/** A batch has no editor behind it: it is not cancelled, and is answered in one message. */
async function runBatch(job: Extract<ToWorker, { type: 'validateBatch' }>): Promise<void> {
  try {
    const findings: SchemaFinding[][] = [];
    for (const document of job.documents) findings.push(await validator.validate(document.text, document.rootName, job.schemaFolder, undefined, document.tags));
    post({ type: 'batchResult', id: job.id, findings });
  } catch (error) {
    post({ type: 'error', id: job.id, message: errorMessage(error) });
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

port?.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    cancelled.add(message.id);
  } else if (message.type === 'validateBatch') {
    queue = queue.then(() => runBatch(message));
  } else {
    queue = queue.then(() => run(message));
  }
});
