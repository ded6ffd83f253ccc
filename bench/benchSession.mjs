// The real language server over stdio, as the benchmarks start it: the protocol tests' LSP client
// (test/protocol/lspSession.ts, compiled into out/test/protocol/ by `npm run build`) with VS Code's
// capabilities, so the tests and the benchmarks speak to the server alike.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The protocol tests' LSP client, compiled. */
export const sessionModule = path.join(root, 'out', 'test', 'protocol', 'lspSession.js');
/** --server PATH: another build of the server (to compare against an older one in the same run conditions). */
export const serverPath = process.argv.includes('--server')
  ? path.resolve(process.argv[process.argv.indexOf('--server') + 1])
  : path.join(root, 'dist', 'server.js');
/** BENCH_SERVER_NODE_ARGS: extra node options for the server (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof). */
export const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Throws, saying what to do, when the server or the client is not built. */
export function assertBuilt() {
  for (const file of [serverPath, sessionModule]) if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
}

/**
 * Starts the server on a workspace folder (no network folders), with the session's hooks (e.g.
 * onInitialized, onIndexEnded); resolves once it is initialized.
 */
export function startSession(workspaceDir, hooks = {}) {
  const { LspSession, benchmarkClientCapabilities } = createRequire(import.meta.url)(sessionModule);
  return LspSession.start({
    workspaceFolder: workspaceDir,
    settings: { networkPaths: [] },
    capabilities: benchmarkClientCapabilities,
    server: { serverPath, nodeArgs: serverNodeArgs },
    ...hooks,
  });
}
