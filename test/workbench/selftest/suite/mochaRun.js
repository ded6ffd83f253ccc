// Shared by the self-test entries: runs the given mocha files inside the extension host, the same
// contract @vscode/test-electron uses (run() resolves = pass, rejects = fail).

async function runMocha(files) {
  // The project's own mocha (a devDependency), found from here like any module of the repository.
  const m = require('mocha');
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
