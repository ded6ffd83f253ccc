// Extension load time without VS Code: require() of the bundled client (dist/client.js) in a bare
// node process, with a stub `vscode` module supplied through Module._resolveFilename. This is the
// cost of loading the extension's code, not VS Code's whole activation (activate() itself starts
// the language client and is not called here). Prints JSON: {ms}.
const Module = require('node:module');
const path = require('node:path');
const stub = path.join(__dirname, 'vscodeStub.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return stub;
  return original.call(this, request, ...rest);
};
const client = process.argv[2] || path.join(__dirname, '..', 'dist', 'client.js');
const started = performance.now();
const extension = require(client);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, exports: Object.keys(extension) }));
