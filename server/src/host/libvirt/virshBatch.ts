import { randomBytes } from 'node:crypto';
import { classifyConnectionFailure, virshMissing, type ConnectionFailure } from './connectionFailure';
import { batchMarker, splitBatchOutput, type CommandOutput } from './virshOutput';
import { runVirsh, type VirshTarget } from './virshProcess';

export type BatchResult = { readonly ok: true; readonly outputs: readonly CommandOutput[] } | { readonly ok: false; readonly failure: ConnectionFailure };

/** How long one batch may take: 1,000 dumps take well under a second on a local daemon. */
const batchTimeoutMs = 60_000;

/**
 * Runs many virsh commands in one virsh process (one connection, one process start): after
 * each, `echo` prints a marker on stdout and on stderr, so each command's output and error can
 * be told apart. virsh goes on after a command fails, so one missing object does not lose the
 * rest. The markers carry a random nonce: no XML a daemon returns can forge one.
 */
export async function runVirshBatch(target: VirshTarget, commands: readonly string[]): Promise<BatchResult> {
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
