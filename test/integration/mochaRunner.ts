/**
 * Runs mocha test files inside the extension host: the contract of VS Code's extension tests
 * (`run()` resolves = the suite passed, rejects = it failed), the same for @vscode/test-electron
 * and for the code-server runner (test/workbench/codeServerRunner.mjs).
 */
import * as path from 'node:path';
import Mocha from 'mocha';

export function runMochaFiles(files: readonly string[]): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    // The output goes to a log (the runner relays it), not to a terminal.
    color: false,
    // First activation starts the language server and indexes the workspace; waits inside the
    // tests have their own, shorter, deadlines with better messages.
    timeout: 60_000,
    // LIBVIRT_XML_IT_GREP=pattern runs only the matching tests (like mocha --grep).
    grep: process.env.LIBVIRT_XML_IT_GREP || undefined,
  });
  for (const file of files) mocha.addFile(path.resolve(__dirname, file));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
