#!/usr/bin/env node
// An executable that takes VS Code's command line and runs the extension tests it names in
// code-server and headless Chromium (./codeServerRunner.mjs), exiting with the suite's result.
// It is the `vscodeExecutablePath` @vscode/test-electron's runTests() is given where no VS Code
// desktop can run (no download, no display): runTests() spawns it exactly as it spawns `code`,
//
//   codeServerAsVscode.mjs [FOLDER] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//                          [--user-data-dir=DIR] [--extensions-dir=DIR] [VS Code desktop flags]
//
// so the same runTests() call runs real VS Code on a desktop and this in CI. Which code-server:
// WORKBENCH_CODE_SERVER (./workbenchTools.mjs). WORKBENCH_TIMEOUT_MS bounds the run (exit 124),
// WORKBENCH_SCREENSHOTS names a folder for a screenshot of the workbench at the end.
// Exit code: the suite's (0 passed, 1 failed), 124 timeout, 2 a command line it cannot run.
import fs from 'node:fs';
import { runExtensionTests } from './codeServerRunner.mjs';

// Flags of VS Code desktop (Electron) that ask for what this stand-in does anyway, or that only
// concern Electron: accepted and ignored, so runTests()'s own flags pass.
const MOOT_FLAGS = new Map([
  ['no-sandbox', 'Electron sandbox; Chromium here gets its own flags'],
  ['disable-gpu-sandbox', 'Electron GPU sandbox'],
  ['disable-gpu', 'Chromium here runs without a GPU anyway'],
  ['disable-updates', 'code-server is started with --disable-update-check'],
  ['skip-welcome', 'the payload asks to skip the welcome page'],
  ['skip-release-notes', 'a fresh profile shows none'],
  ['disable-workspace-trust', 'code-server is started with --disable-workspace-trust'],
  ['disable-extensions', 'the extensions folder is fresh: no other extension is installed'],
  ['new-window', 'every run is a new window'],
]);
// Flags that take a value, as `--flag=value` or `--flag value`.
const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);

const usage = (why) => {
  throw Object.assign(
    new Error(
      `${why}\nusage: codeServerAsVscode.mjs [FOLDER] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR]`,
    ),
    {
      exitCode: 2,
    },
  );
};

/** VS Code's command line, as much of it as extension tests use. */
export function parseVscodeArgs(argv) {
  const o = { extensionDevelopmentPath: [], folders: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      o.folders.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (MOOT_FLAGS.has(name)) continue;
    if (!VALUE_FLAGS.has(name)) usage(`${arg}: not a VS Code flag this stand-in knows (it runs extension tests only)`);
    let value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '') usage(`--${name} needs a value`);
    if (name === 'extensionDevelopmentPath') o.extensionDevelopmentPath.push(value);
    else o[name] = value;
  }
  if (!o.extensionTestsPath) usage('--extensionTestsPath is missing: this stand-in runs extension tests, it is no editor');
  if (o.extensionDevelopmentPath.length !== 1) usage('exactly one --extensionDevelopmentPath, please (the workbench loads one extension under development)');
  if (o.folders.length > 1) usage(`one folder at most, not ${o.folders.join(', ')}`);
  return o;
}

async function main() {
  const args = parseVscodeArgs(process.argv.slice(2));
  const timeoutMs = Number(process.env.WORKBENCH_TIMEOUT_MS) || undefined;
  return runExtensionTests({
    extensionDevelopmentPath: args.extensionDevelopmentPath[0],
    extensionTestsPath: args.extensionTestsPath,
    workspacePath: args.folders[0],
    userDataDir: args['user-data-dir'],
    extensionsDir: args['extensions-dir'],
    timeoutMs,
    screenshotsDir: process.env.WORKBENCH_SCREENSHOTS || undefined,
  });
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url))) {
  try {
    process.exitCode = await main();
  } catch (e) {
    console.error(`[codeServerAsVscode] ${e.message}`);
    process.exitCode = e.exitCode ?? 2;
  }
}
