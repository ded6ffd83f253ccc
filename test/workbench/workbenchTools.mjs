// Which code-server the workbench tests run, and where test/workbench/install.sh put it.
//
// WORKBENCH_CODE_SERVER names it, as install.sh's --code-server does: `oldest` (the default: the
// oldest VS Code package.json's engines.vscode accepts), `newest` (the registry's latest) or a
// code-server version. The runners never ask the registry: `oldest` and `newest` are the links
// install.sh left, so a run tests what the last set-up installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOOLS = process.env.WORKBENCH_TOOLS ? path.resolve(process.env.WORKBENCH_TOOLS) : path.join(ROOT, '.cache/workbench');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The name asked for: oldest, newest or a version. */
export const wantedCodeServer = () => process.env.WORKBENCH_CODE_SERVER || 'oldest';

/**
 * The installed code-server that `wanted` names, or null when install.sh has not installed it.
 * @returns {{ codeServer: string, vscode: string, node: string, nodeVersion: string, dir: string, entry: string, require: NodeRequire } | null}
 */
export function installedCodeServer(wanted = wantedCodeServer()) {
  const dir = path.join(TOOLS, /^\d/.test(wanted) ? `code-server-${wanted}` : wanted);
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(dir, 'workbench.json'), 'utf8'));
  } catch {
    return null;
  }
  const entry = path.join(dir, 'node_modules/code-server/out/node/entry.js');
  if (!fs.existsSync(entry) || !fs.existsSync(stamp.node)) return null;
  // realpath: `oldest` and `newest` are links; the folder's own name is what logs should show.
  return { ...stamp, dir: fs.realpathSync(dir), entry, require: createRequire(path.join(dir, 'package.json')) };
}

/** The installed code-server, installing it (and Chromium) first when it is missing. */
export function ensureCodeServer(wanted = wantedCodeServer(), log = console.log) {
  const installed = installedCodeServer(wanted);
  if (installed && fs.existsSync(CHROMIUM)) return installed;
  log(`code-server ${wanted} / Chromium not installed yet: running test/workbench/install.sh --code-server ${wanted}`);
  const r = spawnSync('bash', [path.join(ROOT, 'test/workbench/install.sh'), '--code-server', wanted], { stdio: 'inherit', timeout: 15 * 60_000 });
  if (r.status !== 0) throw new Error(`test/workbench/install.sh failed (exit ${r.status ?? r.signal})`);
  const now = installedCodeServer(wanted);
  if (!now) throw new Error(`test/workbench/install.sh succeeded but code-server ${wanted} is not in ${TOOLS}`);
  return now;
}

/** "code-server 4.139.1 (VS Code 1.139.1, node 24.22.3)": what a log should say it runs. */
export const describeCodeServer = (cs) => `code-server ${cs.codeServer} (VS Code ${cs.vscode}, node ${cs.nodeVersion})`;
