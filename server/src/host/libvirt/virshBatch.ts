import { randomBytes } from 'node:crypto';
import { classifyConnectionFailure, virshMissing, type ConnectionFailure } from './connectionFailure';
import { batchMarker, splitBatchOutput, type CommandOutput } from './virshOutput';
import { runVirsh, type VirshTarget } from './virshProcess';

export type BatchResult = { readonly ok: true; readonly outputs: readonly CommandOutput[] } | { readonly ok: false; readonly failure: ConnectionFailure };

/** How long one batch may take: 1,000 dumps take well under a second on a local daemon. */
const batchTimeoutMs = 60_000;

/**
 * One command line may hold at most 128 KiB (Linux's MAX_ARG_STRLEN for one argument); a batch
 * stays well below, and a longer list of commands is split into several batches.
 */
const maxBatchChars = 60_000;
/** Batches of one list run this many virsh processes at a time (a small pool). */
const poolSize = 2;

/**
 * Runs many virsh commands in as few virsh processes as the command-line limit allows (each one
 * connection, one process start), a small pool of them at a time. See runOneBatch.
 */
export async function runVirshBatch(target: VirshTarget, commands: readonly string[]): Promise<BatchResult> {
  const chunks = chunked(commands);
  const results: BatchResult[] = new Array<BatchResult>(chunks.length);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const at = next++;
      results[at] = await runOneBatch(target, chunks[at]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(poolSize, chunks.length) }, worker));
  const failed = results.find((result) => !result.ok);
  if (failed) return failed;
  return { ok: true, outputs: results.flatMap((result) => (result.ok ? result.outputs : [])) };
}

function chunked(commands: readonly string[]): string[][] {
  const chunks: string[][] = [[]];
  let length = 0;
  for (const command of commands) {
    const cost = command.length + markerCost;
    if (length + cost > maxBatchChars && chunks[chunks.length - 1].length > 0) {
      chunks.push([]);
      length = 0;
    }
    chunks[chunks.length - 1].push(command);
    length += cost;
  }
  return chunks;
}

/** What the two echo commands after each command add to the line. */
const markerCost = 2 * (batchMarker('0123456789abcdef', 99999).length + 16);

/**
 * Runs many virsh commands in one virsh process: after each, `echo` prints a marker on stdout
 * and on stderr, so each command's output and error can be told apart. virsh goes on after a
 * command fails, so one missing object does not lose the rest. The markers carry a random nonce:
 * no XML a daemon returns can forge one.
 */
async function runOneBatch(target: VirshTarget, commands: readonly string[]): Promise<BatchResult> {
  const nonce = randomBytes(8).toString('hex');
  const line = commands.map((command, i) => `${command}; echo ${batchMarker(nonce, i)}; echo --err ${batchMarker(nonce, i)}`).join('; ');
  const run = await runVirsh(target, line, batchTimeoutMs);
  if (run.spawnError?.code === 'ENOENT') return { ok: false, failure: virshMissing() };
  if (run.spawnError)
    return { ok: false, failure: { kind: 'error', reason: `virsh could not be started (${run.spawnError.message})`, remedy: 'check the virsh installation' } };
  if (run.timedOut) {
    return {
      ok: false,
      failure: {
        kind: 'error',
        reason: `virsh did not answer within ${batchTimeoutMs / 1000} s`,
        remedy: `check that 'virsh -c ${target.connectionUri} list' answers`,
      },
    };
  }
  // No marker at all: virsh never ran the commands, so it could not connect.
  if (commands.length > 0 && !run.stdout.includes(batchMarker(nonce, 0))) {
    return { ok: false, failure: classifyConnectionFailure(target.connectionUri, run.stderr) };
  }
  return { ok: true, outputs: splitBatchOutput(run.stdout, run.stderr, nonce, commands.length) };
}
