// Shared by the self-test entries: runs the given mocha files inside the extension host, the same
// contract @vscode/test-electron uses (run() resolves = pass, rejects = fail).
const path = require('path');

// The real project has mocha as a devDependency; the self-test borrows the copy that
// test/workbench/install.sh put under .cache/code-server.
function loadMocha() {
  try { return require('mocha'); } catch {
    return require(path.resolve(__dirname, '../../../../.cache/code-server/node_modules/mocha'));
  }
}

function runMocha(files) {
  const Mocha = loadMocha();
  // color: false — the output ends up in a log/console, not a TTY.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000 });
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => failures ? reject(new Error(`${failures} test(s) failed`)) : resolve());
  });
}

module.exports = { runMocha };
