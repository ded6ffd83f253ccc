import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspSession, type SessionOptions } from '../protocol/lspSession';
import { FuzzFailure } from './actionRunner';

/** How long diagnostics (schema validation included, debounced) may take to settle. */
const settleTimeoutMs = 15_000;
/** Agreement counts once neither server has published anything for this long (schema validation waits 400 ms for typing to pause). */
const quietMs = 1500;

/** A document's latest published diagnostics, in an order-free form. */
function latestDiagnostics(session: LspSession, uri: string): string[] {
  const published = [...session.diagnostics].reverse().find((params) => params.uri === uri);
  return (published?.diagnostics ?? []).map((diagnostic: Diagnostic) => JSON.stringify(diagnostic)).sort();
}

function differences(main: LspSession, fresh: LspSession, texts: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const uri of texts.keys()) {
    const ours = latestDiagnostics(main, uri);
    const theirs = latestDiagnostics(fresh, uri);
    if (JSON.stringify(ours) === JSON.stringify(theirs)) continue;
    const missing = theirs.filter((d) => !ours.includes(d));
    const extra = ours.filter((d) => !theirs.includes(d));
    found.push(`${uri}:\n  stale (not on a fresh server): ${extra.join('\n    ') || '-'}\n  missing (a fresh server has): ${missing.join('\n    ') || '-'}`);
  }
  return found;
}

/**
 * Starts a fresh server on the same workspace, opens the same final texts in the same order, and
 * waits until each open document's diagnostics agree between the two servers; fails with the
 * difference when they still disagree after the settling time.
 */
export async function compareWithFreshServer(main: LspSession, texts: ReadonlyMap<string, string>, options: SessionOptions): Promise<void> {
  const fresh = await LspSession.start(options);
  try {
    await fresh.indexed();
    for (const [uri, text] of texts) await fresh.open(uri, text);
    const deadline = Date.now() + settleTimeoutMs;
    let published = -1;
    let quietSince = Date.now();
    for (;;) {
      const total = main.diagnostics.length + fresh.diagnostics.length;
      if (total !== published) [published, quietSince] = [total, Date.now()];
      const found = differences(main, fresh, texts);
      if (found.length === 0 && Date.now() - quietSince >= quietMs) return;
      if (Date.now() > deadline || main.exitCode !== null || fresh.exitCode !== null) {
        if (found.length === 0) return;
        throw new FuzzFailure('stale diagnostics', `the diagnostics differ from a fresh server's on the same texts:\n${found.join('\n').slice(0, 6000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await fresh.stop();
  }
}
