import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crawl, fileUri, listXmlFiles, maxIndexedFileBytes, readLibvirtFile } from './fileCrawler';
import { tempTree } from '../testing';
import { makeFifo, skipWithoutSpecialFiles } from '../testing/specialFiles';

describe('file crawler', () => {
  test('recursive *.xml in a stable order; other files and tool folders are left out', async () => {
    const { dir, cleanup } = tempTree({
      'b/net.xml': '<network><name>b</name></network>',
      'a/dom.XML': '<domain><name>a</name></domain>',
      'a/readme.txt': '<network><name>txt</name></network>',
      'node_modules/x/net.xml': '<network><name>nm</name></network>',
      '.git/net.xml': '<network><name>git</name></network>',
      'c/deeper/still/net.xml': '<network><name>c</name></network>',
    });
    try {
      const files = (await listXmlFiles([dir])).map((f) => path.relative(dir, f));
      assert.deepEqual(files, [path.join('a', 'dom.XML'), path.join('b', 'net.xml'), path.join('c', 'deeper', 'still', 'net.xml')]);
    } finally {
      cleanup();
    }
  });

  test('an explicitly named file is taken whatever its extension', async () => {
    const { dir, cleanup } = tempTree({ 'net.conf': '<network><name>x</name></network>' });
    try {
      assert.deepEqual(await listXmlFiles([path.join(dir, 'net.conf')]), [path.join(dir, 'net.conf')]);
    } finally {
      cleanup();
    }
  });

  test('a missing explicit path is an error; a missing optional root is not', async () => {
    await assert.rejects(listXmlFiles(['/definitely/not/here']), /cannot read \/definitely\/not\/here/);
    const result = await crawl([], ['/definitely/not/here']);
    assert.deepEqual(result.documents, []);
  });

  test('a symlink loop does not hang the crawl', async () => {
    const { dir, cleanup } = tempTree({ 'a/net.xml': '<network><name>a</name></network>' });
    try {
      fs.symlinkSync(dir, path.join(dir, 'a', 'loop'));
      const files = await listXmlFiles([dir]);
      assert.equal(files.length, 1);
    } finally {
      cleanup();
    }
  });

  test('non-libvirt XML is recognised from its first bytes and not indexed; libvirt files are', async () => {
    const { dir, cleanup } = tempTree({
      'pom.xml': '<?xml version="1.0"?><project><network/></project>',
      'net.xml': '<?xml version="1.0"?>\n<!-- c -->\n<network><name>n</name></network>',
      'port.xml': '<networkport><uuid>x</uuid></networkport>',
    });
    try {
      const result = await crawl([dir]);
      assert.equal(result.examined, 3);
      assert.deepEqual(result.documents.map((d) => path.basename(new URL(d.uri).pathname)).sort(), ['net.xml', 'port.xml']);
      assert.deepEqual(result.skipped, []);
      assert.equal(await readLibvirtFile(path.join(dir, 'pom.xml')), undefined);
    } finally {
      cleanup();
    }
  });

  test('binary junk with an .xml name is skipped, not crashed on', async () => {
    const junk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) & 0xff;
    const { dir, cleanup } = tempTree({ 'junk.xml': junk, 'zeros.xml': Buffer.alloc(4096), 'net.xml': '<network><name>n</name></network>' });
    try {
      const result = await crawl([dir]);
      assert.equal(result.examined, 3);
      assert.deepEqual(
        result.documents.map((d) => path.basename(d.uri)),
        ['net.xml'],
      );
    } finally {
      cleanup();
    }
  });

  test('a file larger than the limit is reported as skipped, with the reason', async () => {
    const { dir, cleanup } = tempTree({});
    try {
      const big = path.join(dir, 'big.xml');
      const fd = fs.openSync(big, 'w');
      fs.writeSync(fd, '<network><name>big</name>');
      fs.ftruncateSync(fd, maxIndexedFileBytes + 1);
      fs.closeSync(fd);
      const result = await crawl([dir]);
      assert.deepEqual(result.documents, []);
      assert.equal(result.skipped.length, 1);
      assert.equal(result.skipped[0].path, big);
      assert.match(result.skipped[0].reason, /larger than 8 MiB/);
    } finally {
      cleanup();
    }
  });

  test('fileUri gives an absolute file: URI', () => {
    assert.equal(fileUri('/tmp/a b.xml'), 'file:///tmp/a%20b.xml');
    assert.match(fileUri('rel.xml'), /^file:\/\/\/.*\/rel\.xml$/);
  });
});

describe('listXmlFiles and symbolic links', () => {
  test('lists a file once when a link to it (libvirt autostart) is found too, keeping the real path', async () => {
    const { dir, cleanup } = tempTree({ 'default.xml': '<network><name>default</name></network>' });
    try {
      fs.mkdirSync(path.join(dir, 'autostart'));
      fs.symlinkSync('../default.xml', path.join(dir, 'autostart', 'default.xml'));
      const files = await listXmlFiles([dir]);
      assert.deepEqual(files, [path.join(dir, 'default.xml')]);
    } finally {
      cleanup();
    }
  });
});

describe('the crawler and files that are not regular files', { skip: skipWithoutSpecialFiles, timeout: 5000 }, () => {
  test('a FIFO and a link to a device named *.xml are skipped with what they are, without waiting on them', async () => {
    const { dir, cleanup } = tempTree({ 'net.xml': '<network><name>n</name></network>' });
    try {
      makeFifo(path.join(dir, 'fifo.xml'));
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.xml'));
      fs.symlinkSync('gone.xml', path.join(dir, 'dangling.xml'));
      const result = await crawl([dir]);
      assert.deepEqual(
        result.documents.map((d) => path.basename(d.uri)),
        ['net.xml'],
      );
      assert.deepEqual(result.skipped, [
        { path: path.join(dir, 'fifo.xml'), reason: 'is a FIFO' },
        { path: path.join(dir, 'zero.xml'), reason: 'is a character device' },
      ]);
      assert.deepEqual(await readLibvirtFile(path.join(dir, 'fifo.xml')), { skipped: 'is a FIFO' });
    } finally {
      cleanup();
    }
  });

  test('a FIFO named explicitly is skipped with its reason; a link loop says ELOOP', async () => {
    const { dir, cleanup } = tempTree({});
    try {
      const fifo = path.join(dir, 'named.conf');
      makeFifo(fifo);
      assert.deepEqual((await crawl([fifo])).skipped, [{ path: fifo, reason: 'is a FIFO' }]);
      const loop = path.join(dir, 'loop.xml');
      fs.symlinkSync('loop.xml', loop);
      await assert.rejects(listXmlFiles([loop]), /^Error: cannot read .*loop\.xml: too many symbolic links encountered \(ELOOP\)$/);
      const walked = await crawl([dir]);
      assert.deepEqual(walked.skipped, [{ path: loop, reason: 'too many symbolic links encountered (ELOOP)' }]);
    } finally {
      cleanup();
    }
  });
});
