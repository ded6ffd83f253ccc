/**
 * A folder of libvirt XML created on disk while the editor runs (git checkout, cp -r, mkdir and
 * save) is indexed: an open domain that uses its pool, volume and filter stops reporting them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { codeOf, showFile, testApi, waitForDiagnostics, workspaceRoot } from '../helpers';

const domainXml = `<domain type='kvm'>
  <name>folder-watch</name>
  <memory unit='MiB'>512</memory>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
    <disk type='volume' device='disk'>
      <source pool='watchpool' volume='watch.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:00:00:31'/>
      <source network='mynet'/>
      <filterref filter='watchfilter'/>
    </interface>
  </devices>
</domain>
`;

const files: Record<string, string> = {
  'watchstorage/watchpool.xml': `<pool type='dir'>\n  <name>watchpool</name>\n  <target><path>/var/lib/libvirt/images</path></target>\n</pool>\n`,
  'watchstorage/watchpool/watch.xml': `<volume>\n  <name>watch.qcow2</name>\n  <capacity>1</capacity>\n</volume>\n`,
  'watchfilters/watch.xml': `<filter name='watchfilter' chain='root'>\n  <rule action='accept' direction='in'><all/></rule>\n</filter>\n`,
};

const storageCodes = ['unknown-pool', 'unknown-volume', 'unknown-filter'];

suite('a folder created on disk', () => {
  suiteSetup(async () => {
    await testApi();
  });

  test('is indexed: the open domain finds the pool, volume and filter it holds', async () => {
    const root = workspaceRoot().fsPath;
    writeFileSync(path.join(root, 'domains/folder-watch.xml'), domainXml);
    const editor = await showFile('domains/folder-watch.xml');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, 'unknown pool and filter', (ds) => ['unknown-pool', 'unknown-filter'].every((code) => ds.some((d) => codeOf(d) === code)));
    // Written at once, as cp -r does: the folders appear with their files already in them.
    for (const [relative, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), text);
    }
    await waitForDiagnostics(uri, 'the pool, volume and filter found', (ds) => !ds.some((d) => storageCodes.includes(codeOf(d))));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
