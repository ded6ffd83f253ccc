import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mynet, othernet } from '../../server/src/testing';

/**
 * A temporary workspace on disk: `workspace/` is the editor's folder (with `networks/mynet.xml`),
 * `netdefs/` a network folder outside it given through `libvirtXml.networkPaths` (with
 * `othernet.xml`).
 */
export class WorkspaceFixture {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-protocol-'));
  readonly workspaceFolder = path.join(this.root, 'workspace');
  readonly networkFolder = path.join(this.root, 'netdefs');

  constructor() {
    this.write('workspace/networks/mynet.xml', mynet);
    this.write('netdefs/othernet.xml', othernet);
  }

  /** Writes a file under the fixture root and returns its URI. */
  write(relativePath: string, text: string): string {
    const file = path.join(this.root, relativePath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return this.uri(relativePath);
  }

  uri(relativePath: string): string {
    return pathToFileURL(path.join(this.root, relativePath)).href;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
