import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The package whose version the tool reports. */
const packageName = 'libvirt-xml';

/**
 * The version in libvirt-xml's package.json, found by walking up from this module: the bundle
 * runs from dist/ (also when installed globally), the compiled tests from out/server/src/cli/;
 * package.json lies outside the server's TypeScript project, so it cannot be imported. Undefined
 * when no such package.json is above.
 */
export function toolVersion(from: string = __dirname): string | undefined {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const manifest = readManifest(path.join(folder, 'package.json'));
    if (manifest?.name === packageName && typeof manifest.version === 'string') return manifest.version;
    if (path.dirname(folder) === folder) return undefined;
  }
}

function readManifest(file: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined; // none here, or not ours to read: keep looking further up
  }
}
