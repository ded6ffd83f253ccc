import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The repository's root folder, found by walking up to our package.json: tests run compiled
 * from out/, so paths relative to this file would differ between source and output.
 */
export function repositoryRoot(): string {
  let folder = __dirname;
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'libvirt-xml') return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no libvirt-xml package.json above ${__dirname}`);
    folder = parent;
  }
}
