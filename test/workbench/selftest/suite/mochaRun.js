// Shared by the self-test entries: runs the given mocha files inside the extension host, the same
// contract @vscode/test-electron uses (run() resolves = pass, rejects = fail).
const path = require('path');

// The real project has mocha as a devDependency; the self-test borrows the copy that
// test/workbench/install.sh put under .cache/code-server (or $WORKBENCH_TOOLS, which the extension
// host inherits from the runner).
function loadMocha() {
  try {
    return require('mocha');
  } catch {
    const tools = process.env.WORKBENCH_TOOLS || path.resolve(__dirname, '../../../../.cache/code-server');
    return require(path.join(tools, 'node_modules/mocha'));
  }
}

async function runMocha(files) {
  const m = loadMocha();
  const Mocha = m.default || m; // mocha 12 is ESM: require() gives its namespace
  // color: false — the output ends up in a log/console, not a TTY.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000 });
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync(); // works for CommonJS and ESM test files, mocha 11 and 12
  await new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}

module.exports = { runMocha };
