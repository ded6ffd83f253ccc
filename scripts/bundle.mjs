// Bundles the extension client, the language server, its schema-validation worker, the CLI and its check worker
// into one file each, so the VSIX ships no node_modules and activation loads one small module.
import { build } from 'esbuild';
import { chmod, cp, mkdir, readdir } from 'node:fs/promises';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/host/schema/validationWorker.ts'], outfile: 'dist/validationWorker.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // check's worker threads (server/src/cli/checkThreads.ts), beside the CLI.
  build({ ...common, entryPoints: ['server/src/cli/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
]);

// The CLI is the package's `bin`: make it executable so `npx libvirt-xml` can run it directly.
await chmod('dist/cli.js', 0o755);

// libxml2-wasm is ESM with top-level await and cannot be bundled into CommonJS: it is loaded with
// import() from a copy beside the bundle (server/src/host/schema/libxml2Loader.ts looks there first).
const libxml2Source = 'node_modules/libxml2-wasm';
const libxml2Target = 'dist/libxml2-wasm';
await mkdir(libxml2Target, { recursive: true });
// nodejs.mjs is left out: a side module (a file-reading input provider) that index.mjs does not import.
for (const name of await readdir(`${libxml2Source}/lib`)) {
  if (name.endsWith('.mjs') && name !== 'nodejs.mjs') await cp(`${libxml2Source}/lib/${name}`, `${libxml2Target}/${name}`);
}
for (const name of ['LICENSE', 'LICENSE.libxml2']) await cp(`${libxml2Source}/${name}`, `${libxml2Target}/${name}`);
