import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CheckAnswer, CheckRequest, CheckWorkerSetup } from './checkThreads';
import { checkListedFile } from './fileCheck';
import { HeapTrim } from './heapTrim';
import { indexDefinitions } from './workspaceSurvey';

/**
 * A worker thread of `check` (see CheckThreads): the survey's index built again, then each file
 * it is given read, parsed, checked and dropped, its findings sent back. Files are answered in
 * the order they came.
 */
function serve(port: MessagePort, setup: CheckWorkerSetup): void {
  HeapTrim.beforeParsing();
  const ready = indexDefinitions(setup.definitions, setup);
  const heap = new HeapTrim();
  port.on('message', (request: CheckRequest) => {
    void ready.then((index) => {
      let answer: CheckAnswer;
      try {
        answer = { id: request.id, checked: checkListedFile(request.file, index) };
      } catch (error) {
        answer = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      port.postMessage(answer);
      heap.dropped('checked' in answer && 'length' in answer.checked ? answer.checked.length : 0);
    });
  });
}

if (!isMainThread && parentPort) serve(parentPort, workerData as CheckWorkerSetup);
