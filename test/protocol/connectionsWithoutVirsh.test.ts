// The libvirt connections on a machine without virsh: a connection the user named is said to be
// unreadable, once, and unknown networks are "not checked"; with the defaults, nothing is said
// and an unknown network is simply not found. (networkPaths keeps the host's own folders out.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspSession } from './lspSession';

const guest = `<domain type='kvm'>\n  <name>guest</name>\n  <devices>\n    <interface type='network'><source network='no-virsh-lan'/></interface>\n  </devices>\n</domain>\n`;

describe('libvirt connections without virsh', () => {
  let folder: string;
  let uri: string;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'no-virsh-'));
    writeFileSync(path.join(folder, 'guest.xml'), guest);
    uri = pathToFileURL(path.join(folder, 'guest.xml')).href;
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  async function session(connections: string[] | null) {
    const started = await LspSession.start({
      workspaceFolder: folder,
      settings: { connections, networkPaths: [folder] },
      server: { env: { PATH: path.join(folder, 'no-such-bin') } },
    });
    await started.open(uri, guest);
    return started;
  }

  it('a named connection: said once with the remedy; the network is not checked', async () => {
    const s = await session(['qemu:///system']);
    try {
      const published = await s.diagnosticsFor(uri, 'network-not-checked', (p) => p.diagnostics.some((d) => d.code === 'network-not-checked'));
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['network-not-checked'],
      );
      assert.match(String(published.diagnostics[0].message), /qemu:\/\/\/system: 'virsh' is not installed; install libvirt-clients/);
      assert.equal(s.shownMessages.length, 1, JSON.stringify(s.shownMessages));
      assert.match(s.shownMessages[0].message, /^libvirt XML: qemu:\/\/\/system could not be read: 'virsh' is not installed\. To fix: install libvirt-clients/);
    } finally {
      await s.stop();
    }
  });

  it('the defaults: nothing said, the unknown network not found', async () => {
    const s = await session(null);
    try {
      const published = await s.diagnosticsFor(uri, 'unknown-network', (p) => p.diagnostics.length > 0);
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        ['unknown-network'],
      );
      assert.deepEqual(s.shownMessages, []);
    } finally {
      await s.stop();
    }
  });
});
