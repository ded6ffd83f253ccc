import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { largeDocumentLength, parseLibvirtDocument } from '../model/libvirtDocument';
import { manyInterfaces } from '../testing';
import type { SlicedWork } from '../util/slicedWork';
import { makeFifo, skipWithoutSpecialFiles } from '../testing/specialFiles';
import { WorkspaceIndexer } from './workspaceIndexer';

/** An indexer that logs nothing, with the documents `isOpen` says are open (none by default). */
function quietIndexer(index: WorkspaceIndex, isOpen: (uri: string) => boolean = () => false): WorkspaceIndexer {
  return new WorkspaceIndexer(index, isOpen, () => undefined);
}

const root = mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-indexer-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const networkXml = (name: string) => `<network>\n  <name>${name}</name>\n</network>\n`;

describe('the workspace indexer', () => {
  it("indexes a folder once, not again through libvirt's autostart links", async () => {
    const folder = path.join(root, 'links');
    write('links/mynet.xml', networkXml('mynet'));
    mkdirSync(path.join(folder, 'autostart'));
    symlinkSync(path.join(folder, 'mynet.xml'), path.join(folder, 'autostart/mynet.xml'));
    const index = new WorkspaceIndex();
    const indexer = quietIndexer(index);
    const changed = await indexer.reindex({ required: [folder], optional: [] });
    assert.deepEqual([...(changed?.networkNames ?? [])], ['mynet']);
    assert.equal(index.networks('mynet').length, 1);
  });

  it('reads the XML files of a created folder, but not of one in node_modules or outside the roots, nor a file', async () => {
    const folder = path.join(root, 'created');
    mkdirSync(folder);
    const index = new WorkspaceIndex();
    const indexer = quietIndexer(index);
    await indexer.reindex({ required: [folder], optional: [] });
    write('created/nets/deep/a.xml', networkXml('deepnet'));
    write('created/node_modules/pkg/b.xml', networkXml('modulenet'));
    const outside = write('elsewhere/c.xml', networkXml('outsidenet'));
    const notXml = write('created/notes.txt', networkXml('textnet'));
    const uri = (relative: string) => pathToFileURL(path.join(root, relative)).href;
    assert.deepEqual([...(await indexer.folderCreated(uri('created/node_modules/pkg'))).networkNames], []);
    assert.deepEqual([...(await indexer.folderCreated(pathToFileURL(path.dirname(outside)).href)).networkNames], []);
    assert.deepEqual([...(await indexer.folderCreated(pathToFileURL(notXml).href)).networkNames], []);
    assert.deepEqual([...(await indexer.folderCreated(uri('created/nets'))).networkNames], ['deepnet']);
    assert.deepEqual(index.networkNames(), ['deepnet']);
  });

  it('drops files that are gone or no longer under the roots, and leaves open documents alone', async () => {
    const folder = path.join(root, 'changes');
    const gone = write('changes/gone.xml', networkXml('gone'));
    write('changes/kept.xml', networkXml('kept'));
    const openFile = write('changes/open.xml', networkXml('ondisk'));
    const openUri = pathToFileURL(openFile).href;
    const index = new WorkspaceIndex();
    const indexer = quietIndexer(index, (uri) => uri === openUri);
    index.update(parseLibvirtDocument(openUri, networkXml('unsaved'), 3));
    await indexer.reindex({ required: [folder], optional: [path.join(root, 'missing')] });
    assert.deepEqual(index.networkNames(), ['gone', 'kept', 'unsaved']);

    unlinkSync(gone);
    const changed = await indexer.reindex({ required: [folder], optional: [] });
    assert.ok(changed?.networkNames.has('gone'));
    assert.deepEqual(index.networkNames(), ['kept', 'unsaved']);

    const outside = write('elsewhere/outside.xml', networkXml('outside'));
    await indexer.reloadFromDisk(pathToFileURL(outside).href);
    assert.ok(!index.networkNames().includes('outside'));
  });

  it('takes back the record it had of a file closed unchanged, and reads a file changed meanwhile anew', async () => {
    const folder = path.join(root, 'reopened');
    const file = write('reopened/lan.xml', networkXml('lan'));
    const uri = pathToFileURL(file).href;
    let open = false;
    const index = new WorkspaceIndex();
    const indexer = quietIndexer(index, () => open);
    await indexer.reindex({ required: [folder], optional: [] });
    const record = index.get(uri);
    open = true;
    index.update(parseLibvirtDocument(uri, networkXml('lan'), 1));
    open = false;
    await indexer.reloadFromDisk(uri);
    assert.equal(index.get(uri), record, 'the same record, not a new one');

    open = true;
    index.update(parseLibvirtDocument(uri, networkXml('lan'), 1));
    writeFileSync(file, networkXml('wan'));
    open = false;
    await indexer.reloadFromDisk(uri);
    assert.notEqual(index.get(uri), record);
    assert.deepEqual(index.networkNames(), ['wan']);
  });

  it('removes every file of a deleted folder', async () => {
    const folder = path.join(root, 'deleted');
    write('deleted/sub/a.xml', networkXml('a'));
    write('deleted/sub/b.xml', networkXml('b'));
    const index = new WorkspaceIndex();
    const indexer = quietIndexer(index);
    await indexer.reindex({ required: [folder], optional: [] });
    const changed = indexer.removeFromDisk(pathToFileURL(path.join(folder, 'sub')).href);
    assert.deepEqual([...changed.networkNames].sort(), ['a', 'b']);
    assert.equal(index.size, 0);
  });

  it('lets a newer crawl supersede one still running', async () => {
    const folder = path.join(root, 'race');
    for (let i = 0; i < 50; i++) write(`race/n${i}.xml`, networkXml(`n${i}`));
    const index = new WorkspaceIndex();
    const indexer = quietIndexer(index);
    const first = indexer.reindex({ required: [folder], optional: [] });
    const second = indexer.reindex({ required: [folder], optional: [] });
    assert.equal(await first, undefined);
    assert.ok(await second);
    assert.equal(index.size, 50);
  });
});

describe('the workspace indexer and FIFOs', { skip: skipWithoutSpecialFiles, timeout: 5000 }, () => {
  it('skips a FIFO in a crawl, on a watcher event and as the text of a file it indexed, saying why, without waiting', async () => {
    const folder = path.join(root, 'fifos');
    write('fifos/swapped.xml', networkXml('swapped'));
    makeFifo(path.join(folder, 'found.xml'));
    const index = new WorkspaceIndex();
    const log: string[] = [];
    const indexer = new WorkspaceIndexer(
      index,
      () => false,
      (message) => log.push(message),
    );
    await indexer.reindex({ required: [folder], optional: [] });
    assert.deepEqual(index.networkNames(), ['swapped']);
    assert.deepEqual(log, [`not indexed: ${path.join(folder, 'found.xml')}: is a FIFO`]);

    const swapped = path.join(folder, 'swapped.xml');
    unlinkSync(swapped);
    makeFifo(swapped);
    assert.equal(await indexer.readText(pathToFileURL(swapped).href), undefined);
    // readText saw the file change and reloads it on the next turn too: whichever reload comes
    // first withdraws the network, the other finds nothing left to change.
    await indexer.reloadFromDisk(pathToFileURL(swapped).href);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(index.networkNames(), []);
    assert.ok(log.includes(`not indexed: ${swapped}: is a FIFO`), log.join('\n'));
  });
});

describe('the workspace indexer and large files', () => {
  it('indexes a large file read from disk through its runner, in slices, and drops the read when the file is opened meanwhile', async () => {
    const folder = path.join(root, 'large');
    const file = write('large/big.xml', manyInterfaces(6000));
    assert.ok(readFileSync(file, 'utf8').length >= largeDocumentLength);
    const uri = pathToFileURL(file).href;
    const index = new WorkspaceIndex();
    let open = false;
    let slices = 0;
    /** Runs the work to its end, counting its slices; `opensAt`: the file is opened in the editor after that many. */
    let opensAt = Infinity;
    const stepping = async <T>(work: SlicedWork<T>): Promise<T> => {
      for (;;) {
        const step = work.next();
        if (step.done) return step.value;
        if (++slices === opensAt) open = true;
      }
    };
    const indexer = new WorkspaceIndexer(
      index,
      () => open,
      () => undefined,
      stepping,
    );
    await indexer.reindex({ required: [folder], optional: [] });
    index.remove(uri);
    slices = 0;
    await indexer.reloadFromDisk(uri);
    assert.ok(slices > 10, `${slices} slices`);
    assert.equal(index.get(uri)?.object?.kind, 'domain');

    // Opened while it is indexed: the editor's text wins, the read gives way.
    index.remove(uri);
    slices = 0;
    opensAt = 5;
    await indexer.reloadFromDisk(uri);
    assert.equal(slices, 5);
    assert.equal(index.get(uri), undefined);
  });
});
