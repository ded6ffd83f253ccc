// Users on a libvirt host, as the daemon of setup.sh gives its sockets to the `libvirt` group:
// a member sees the host's networks with zero configuration (editor and CLI); an outsider is
// told once, plainly, what to do, and gets "could not be checked", never a false "not found".
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspSession } from '../protocol/lspSession';
import { libvirtAvailable } from './libvirtOracle';
import { bridgeNetworkXml, cli, define, domainXml, runAs, sharedFolder, testUser, undefine, type TestUser } from './liveHost';

const lan = 'oracle-group-lan';
const guestText = domainXml('oracle-group-guest', `    <interface type='network'><source network='${lan}'/></interface>\n`);
const permissionMessage =
  /qemu:\/\/\/system could not be read: permission denied \(Failed to connect socket to '[^']*libvirt-sock-ro': Permission denied\)\. To fix: .*'libvirt' group/;

describe('the libvirt group', async () => {
  const available = await libvirtAvailable();
  const skip = available === true ? (process.getuid?.() === 0 ? false : 'needs root to create the test users') : `libvirt is not available: ${available}`;
  let folder: string;
  let guestUri: string;
  let member: TestUser;
  let outsider: TestUser;

  before(async () => {
    if (skip) return;
    await undefine('network', lan);
    await define('network', bridgeNetworkXml(lan));
    folder = sharedFolder({ 'guest.xml': guestText });
    guestUri = pathToFileURL(path.join(folder, 'guest.xml')).href;
    member = testUser('lvxml-member', true);
    outsider = testUser('lvxml-outsider', false);
  });

  after(async () => {
    if (skip) return;
    await undefine('network', lan);
    for (const folderToRemove of [folder, member?.home, outsider?.home]) if (folderToRemove) rmSync(folderToRemove, { recursive: true, force: true });
  });

  /** The server as that user, with the default connections (no setting at all). */
  async function diagnosticsAs(user: TestUser) {
    const session = await LspSession.start({ workspaceFolder: folder, settings: { connections: null }, server: { runAs: user } });
    try {
      await session.open(guestUri, guestText);
      const published = await session.diagnosticsFor(guestUri, 'after the connections were read');
      return { diagnostics: published.diagnostics, shown: [...session.shownMessages] };
    } finally {
      await session.stop();
    }
  }

  it('a member of the group sees the system daemon’s networks with zero configuration', { skip }, async () => {
    const { diagnostics, shown } = await diagnosticsAs(member);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(shown, []);
  });

  it('an outsider is told once what to do, and the network is "not checked", not "not found"', { skip }, async () => {
    const { diagnostics, shown } = await diagnosticsAs(outsider);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['network-not-checked', 2]],
    );
    assert.match(String(diagnostics[0].message), new RegExp(`^Network '${lan}' could not be checked: `));
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0].message, permissionMessage);
  });

  it('the CLI: a member checks against the host’s networks; an outsider is told why they were not read', { skip }, async () => {
    const asMember = await runAs(member, process.execPath, [cli, 'check', folder]);
    assert.equal(asMember.status, 0, asMember.stdout + asMember.stderr);
    assert.match(asMember.stdout, /0 errors, 0 warnings/);
    const asOutsider = await runAs(outsider, process.execPath, [cli, 'check', folder]);
    assert.equal(asOutsider.status, 0, asOutsider.stdout + asOutsider.stderr);
    assert.match(asOutsider.stderr, permissionMessage);
    assert.match(asOutsider.stdout, /warning: Network 'oracle-group-lan' could not be checked: .* \[network-not-checked\]/);
  });
});
