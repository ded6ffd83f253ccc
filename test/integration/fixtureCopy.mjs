// A fresh copy of test/integration/fixtures (workspace/ + host-networks/) for one workbench run,
// under .cache/ (ignored by git), so tests may edit and save files without touching the fixtures.
// The workspace's .vscode/settings.json points libvirtXml.networkPaths at ../host-networks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/integration/fixtures');
const RUNS = path.join(ROOT, '.cache/test-workspaces');

/** @returns {{ dir: string, workspace: string, remove: () => void }} */
export function copyFixtures(label) {
  const dir = path.join(RUNS, `${label}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(FIXTURES, dir, { recursive: true });
  pruneOld();
  return { dir, workspace: path.join(dir, 'workspace'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

// Copies left behind by runs that were killed: drop those whose process is gone.
function pruneOld() {
  for (const name of fs.readdirSync(RUNS)) {
    const pid = Number(name.split('-').at(-2));
    if (!pid || pid === process.pid) continue;
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch (e) {
      alive = e.code === 'EPERM';
    }
    if (!alive) fs.rmSync(path.join(RUNS, name), { recursive: true, force: true });
  }
}
