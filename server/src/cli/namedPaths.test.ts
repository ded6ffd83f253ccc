import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from './main';
import { fileSystemReason } from './namedPaths';
import { captureOutput, domainWith, network, repoRoot, tempTree } from '../testing';

/*
 * A path named on the command line that is not checked: exit 2 and the reason, never a silent
 * "checked 0 files". Every kind of unreadable input a user (or a fuzzer) can name.
 */

async function run(...argv: string[]) {
  const out = captureOutput();
  const status = await runCli(argv, out);
  return { status, out: out.out, err: out.err };
}

const oversize = 8 * 1024 * 1024 + 1;

/** A folder holding one of each kind of path that cannot be checked, and a good network. */
function unreadableTree() {
  const tree = tempTree({
    'lan.xml': network('lan', ''),
    'caps.xml': `<?xml version='1.0'?>\n<capabilities><host/></capabilities>\n`,
    'utf16.xml': Buffer.from('\ufeff<network><name>u</name></network>', 'utf16le'),
    'binary.xml': Buffer.from([0x3c, 0x6e, 0x00, 0xff, 0xfe, 0x00, 0x01]),
    'empty.xml': '',
    'folder.xml/readme.txt': 'not xml',
  });
  const at = (name: string) => path.join(tree.dir, name);
  execFileSync('mkfifo', [at('fifo.xml')]);
  fs.symlinkSync('/dev/zero', at('zero.xml'));
  fs.symlinkSync('loop.xml', at('loop.xml'));
  fs.symlinkSync('gone.xml', at('dangling.xml'));
  fs.writeFileSync(at('big.xml'), '');
  fs.truncateSync(at('big.xml'), oversize); // sparse: nothing written to disk
  return { ...tree, at };
}

describe('cli check: a named path that is not checked is exit 2 with the reason', () => {
  const cases: Array<[string, string]> = [
    ['fifo.xml', 'is a FIFO'],
    ['zero.xml', 'is a character device'],
    ['big.xml', 'is larger than 8 MiB'],
    ['utf16.xml', 'is UTF-16 text, not UTF-8'],
    ['binary.xml', 'is not UTF-8 text'],
    ['empty.xml', 'is empty'],
    ['caps.xml', 'is not a libvirt document (root element <capabilities>)'],
    ['loop.xml', 'too many levels of symbolic links'],
    ['dangling.xml', 'is a symbolic link to a missing file'],
    ['missing.xml', 'no such file or folder'],
  ];
  for (const [name, reason] of cases) {
    test(`${name}: ${reason}`, { timeout: 10_000 }, async () => {
      const tree = unreadableTree();
      try {
        const { status, out, err } = await run('check', tree.at(name), '--no-host-networks');
        assert.equal(err, `libvirt-xml: ${tree.at(name)}: not checked: ${reason}\n`);
        assert.equal(out, '', 'nothing was checked: no summary');
        assert.equal(status, 2);
      } finally {
        tree.cleanup();
      }
    });
  }

  test('the other paths are still checked and reported; the exit status is 2', { timeout: 10_000 }, async () => {
    const tree = unreadableTree();
    try {
      const { status, out, err } = await run('check', tree.at('lan.xml'), tree.at('fifo.xml'), tree.at('caps.xml'), '--no-host-networks');
      assert.equal(out, 'checked 1 file (1 network, 0 domains): 0 errors, 0 warnings, 0 infos\n');
      assert.equal(
        err,
        `libvirt-xml: ${tree.at('fifo.xml')}: not checked: is a FIFO\n` +
          `libvirt-xml: ${tree.at('caps.xml')}: not checked: is not a libvirt document (root element <capabilities>)\n`,
      );
      assert.equal(status, 2);
    } finally {
      tree.cleanup();
    }
  });

  test('a named folder is walked, even one named x.xml', async () => {
    const tree = unreadableTree();
    try {
      const { status, out, err } = await run('check', tree.at('folder.xml'), '--no-host-networks');
      assert.deepEqual([status, err], [0, '']);
      assert.match(out, /^checked 0 files/);
    } finally {
      tree.cleanup();
    }
  });

  test('a file reached through a named symbolic link is checked once, without a complaint', async () => {
    const tree = unreadableTree();
    try {
      fs.symlinkSync('lan.xml', tree.at('alias.xml'));
      const { status, out, err } = await run('check', tree.at('lan.xml'), tree.at('alias.xml'), '--no-host-networks');
      assert.deepEqual([status, err], [0, '']);
      assert.match(out, /^checked 1 file /);
    } finally {
      tree.cleanup();
    }
  });
});

describe('cli status: says why the domain file or a network path was not read', () => {
  const cases: Array<[string, string]> = [
    ['fifo.xml', 'is a FIFO'],
    ['zero.xml', 'is a character device'],
    ['big.xml', 'is larger than 8 MiB'],
    ['folder.xml', 'is a folder'],
    ['utf16.xml', 'is UTF-16 text, not UTF-8'],
    ['loop.xml', 'too many levels of symbolic links'],
    ['missing.xml', 'no such file or folder'],
  ];
  for (const [name, reason] of cases) {
    test(`domain file ${name}: ${reason}`, { timeout: 10_000 }, async () => {
      const tree = unreadableTree();
      try {
        const { status, out, err } = await run('status', tree.at(name), tree.at('lan.xml'), '--no-host-networks');
        assert.equal(err, `libvirt-xml: ${tree.at(name)}: ${reason}\n`, 'the reason, and no usage text: the command line was right');
        assert.equal(out, '');
        assert.equal(status, 2);
      } finally {
        tree.cleanup();
      }
    });
  }

  test('a network path that cannot be read', { timeout: 10_000 }, async () => {
    const tree = unreadableTree();
    try {
      fs.writeFileSync(tree.at('d.xml'), domainWith(`<interface type='network'><source network='lan'/></interface>`));
      const { status, err } = await run('status', tree.at('d.xml'), tree.at('fifo.xml'), '--no-host-networks');
      assert.equal(err, `libvirt-xml: ${tree.at('fifo.xml')}: is a FIFO\n`);
      assert.equal(status, 2);
    } finally {
      tree.cleanup();
    }
  });
});

describe('permission denied', () => {
  test('the reason of an error the file system gives', () => {
    const error = (code: string) => Object.assign(new Error(`${code}: something, stat '/x'`), { code });
    assert.equal(fileSystemReason(error('EACCES')), 'permission denied');
    assert.equal(fileSystemReason(error('EPERM')), 'permission denied');
    assert.equal(fileSystemReason(error('ELOOP')), 'too many levels of symbolic links');
    assert.equal(fileSystemReason(error('ENOTDIR')), 'a part of the path is not a folder');
    assert.equal(fileSystemReason(error('ENAMETOOLONG')), 'the name is too long');
    assert.equal(fileSystemReason(error('EIO')), 'EIO: something');
  });

  test('as a user who may not read the file: exit 2, "permission denied"', { timeout: 20_000 }, (t) => {
    const cli = path.join(repoRoot(), 'dist', 'cli.js');
    if (process.getuid?.() !== 0 || !fs.existsSync(cli)) {
      t.skip('needs root (to run the CLI as nobody) and dist/cli.js');
      return;
    }
    const tree = tempTree({ 'd.xml': domainWith() }); // a folder of mode 0700 owned by root
    try {
      const nobody = { uid: 65534, gid: 65534, encoding: 'utf8' as const, timeout: 15_000 };
      const check = spawnSync(process.execPath, [cli, 'check', path.join(tree.dir, 'd.xml'), '--no-host-networks'], nobody);
      assert.equal(check.stderr, `libvirt-xml: ${path.join(tree.dir, 'd.xml')}: not checked: permission denied\n`);
      assert.equal(check.status, 2);
      const status = spawnSync(process.execPath, [cli, 'status', path.join(tree.dir, 'd.xml'), '--no-host-networks'], nobody);
      assert.equal(status.stderr, `libvirt-xml: ${path.join(tree.dir, 'd.xml')}: permission denied\n`);
      assert.equal(status.status, 2);
    } finally {
      tree.cleanup();
    }
  });
});
