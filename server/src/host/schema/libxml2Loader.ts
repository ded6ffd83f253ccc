/**
 * Loads libxml2-wasm (libxml2 compiled to WebAssembly: the RelaxNG engine of xmllint and
 * virt-xml-validate, with no native build) into this CommonJS program.
 *
 * The package is ESM-only and awaits its wasm instance at top level, so it cannot be bundled into
 * a CommonJS file: it is loaded with a real dynamic `import()`. From `out/` (tsc, tests) the bare
 * specifier resolves in node_modules; the esbuild bundle ships no node_modules, so the bundle step
 * copies the package's `lib/*.mjs` to `dist/libxml2-wasm/`, next to the bundle, where we look first.
 * The wasm binary is embedded in libxml2raw.mjs; there is no separate .wasm file to locate.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Libxml2 from 'libxml2-wasm' with { 'resolution-mode': 'import' };

export type Libxml2Module = typeof Libxml2;

let loading: Promise<Libxml2Module> | undefined;

/** The module, loaded once per process (or worker). */
export function loadLibxml2(): Promise<Libxml2Module> {
  loading ??= importLibxml2().then((module) => {
    module.xmlRegisterInputProvider(schemaFileProvider);
    return module;
  });
  return loading;
}

async function importLibxml2(): Promise<Libxml2Module> {
  const besideBundle = join(__dirname, 'libxml2-wasm', 'index.mjs');
  const specifier = existsSync(besideBundle) ? pathToFileURL(besideBundle).href : 'libxml2-wasm';
  // tsc keeps import() as is under module Node16; the value is the package's namespace object.
  return (await import(specifier)) as Libxml2Module;
}

/** Folders whose files libxml2 may read (a schema's <include href>); nothing else is readable. */
const readableFolders = new Set<string>();

export function allowSchemaFolder(folder: string): void {
  readableFolders.add(resolve(folder) + sep);
}

/**
 * libxml2 in wasm has no file system: includes are read through this provider. It serves whole
 * files from the allowed schema folders only, so a document cannot make libxml2 read
 * `/etc/passwd` through an external entity or XInclude.
 */
const open = new Map<number, { data: Buffer; position: number }>();
let nextHandle = 1;

function localPath(filename: string): string | undefined {
  let path = filename;
  if (filename.startsWith('file:')) {
    try {
      path = fileURLToPath(filename);
    } catch {
      return undefined;
    }
  }
  const absolute = resolve(path);
  for (const folder of readableFolders) if (absolute.startsWith(folder)) return absolute;
  return undefined;
}

const schemaFileProvider: Libxml2.XmlInputProvider = {
  match: (filename) => localPath(filename) !== undefined,
  open: (filename) => {
    const path = localPath(filename);
    if (!path) return undefined;
    try {
      const handle = nextHandle++;
      open.set(handle, { data: readFileSync(path), position: 0 });
      return handle;
    } catch {
      return undefined;
    }
  },
  read: (handle, buffer) => {
    const file = open.get(handle);
    if (!file) return -1;
    const count = Math.min(buffer.byteLength, file.data.length - file.position);
    buffer.set(file.data.subarray(file.position, file.position + count));
    file.position += count;
    return count;
  },
  close: (handle) => open.delete(handle),
};
