import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver-types';
import { fileUri, listXmlFiles } from '../host/fileCrawler';
import { WorkspaceIndexer } from '../host/workspaceIndexer';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { indexedFileOf, isIndexedFile } from './indexedFile';
import { parseLibvirtDocument, type LibvirtDocument } from './libvirtDocument';
import { getLanguageService } from '../services/languageService';
import { noTexts, type TextSource } from '../services/textSource';
import { LineIndex } from '../util/lineIndex';
import { StringTable } from '../util/stringTable';
import { digestOf } from '../util/textDigest';
import { domainWith, network, repoRoot, tempTree } from '../testing';

/**
 * The index keeps files that are not open as records (model and line starts, no tree or text;
 * see indexedFile.ts). These tests hold it to "nothing changes but the memory": every feature
 * answers the same against an index of such records as against one of whole documents (the text
 * a quick fix needs is read through the indexer), and the text read back from disk is never a
 * stale one.
 */

const extraFiles: Record<string, string> = {
  'networks/lab.xml': network(
    'lab',
    `  <forward mode='nat'/>\n  <bridge name='virbr9' macTableManager='libvirt'/>\n  <bandwidth><inbound average='1000' floor='5'/></bandwidth>\n  <tag name='lab-wide'/>\n  <portgroup name='standard' default='yes'>\n    <tag name='std'/>\n    <bandwidth><inbound average='100' peak='200'/><outbound average='50'/></bandwidth>\n  </portgroup>\n  <portgroup name='extra' trustGuestRxFilters='yes'><vlan trunk='yes'><tag id='42' nativeMode='untagged'/><tag id='43'/></vlan></portgroup>\n  <ip address='10.9.0.1' netmask='255.255.255.0'>\n    <dhcp><range start='10.9.0.2' end='10.9.0.254'/><host mac='52:54:00:00:00:01' name='a-rather-long-host-name' ip='10.9.0.10'/></dhcp>\n  </ip>`,
  ),
  'networks/bare.xml': network('bare', `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <ip address='10.8.0.1'/>`),
  'networks/pool.xml': network(
    'pool',
    `  <forward mode='passthrough' dev='eth0'>\n    <interface dev='eth1'/>\n    <pf dev='eth2'/>\n  </forward>\n  <virtualport type='802.1Qbh'><parameters profileid='a-long-profile-identifier'/></virtualport>`,
  ),
  'networks/dup.xml': network('lab', `  <forward mode='route'/>`),
  'domains/guest.xml': domainWith(
    `<interface type='network' trustGuestRxFilters='no'>\n      <mac address='52:54:00:aa:bb:cc'/>\n      <source network='lab' portgroup='extra'/>\n      <bandwidth><inbound average='10' floor='5'/></bandwidth>\n      <tag name='frontend-and-then-some'/>\n      <model type='virtio'/>\n      <driver name='vhost' queues='4'/>\n      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>\n    </interface>`,
    `<interface type='network'><source network='lab' portgroup='standrd'/><model type='e1000e'/></interface>`,
    `<interface type='network'><source network='bare'/></interface>`,
    `<interface type='network'><source network='bare' portgroup='nope'/></interface>`,
    `<interface type='network'><source network='pool'/><virtualport type='802.1Qbh'/></interface>`,
    `<interface type='network'><source network='labb'/></interface>`,
    `<interface type='bridge'><source bridge='br0'/><target dev='vnet-with-a-long-name'/></interface>`,
  ),
  'domains/other.xml': `<domain type='kvm'>\n  <name>other-guest-with-a-long-name</name>\n  <memory>1</memory>\n  <devices>\n    <disk type='file'><source file='/var/lib/libvirt/images/x.qcow2'/></disk>\n    <interface type='network'>\n      <source network='lab'/>\n      <tag name='std'/>\n    </interface>\n  </devices>\n</domain>\n`,
};

function workspace(): { dir: string; cleanup: () => void } {
  const files: Record<string, string> = { ...extraFiles };
  const examples = path.join(repoRoot(), 'examples');
  for (const sub of ['networks', 'domains', 'storage', 'storage/default', 'nwfilter']) {
    for (const name of fs.readdirSync(path.join(examples, sub)).filter((entry) => entry.endsWith('.xml')))
      files[`examples/${sub}/${name}`] = fs.readFileSync(path.join(examples, sub, name), 'utf8');
  }
  return tempTree(files);
}

async function closedIndexOf(dir: string): Promise<{ index: WorkspaceIndex; indexer: WorkspaceIndexer }> {
  const index = new WorkspaceIndex();
  const indexer = new WorkspaceIndexer(
    index,
    () => false,
    () => {},
  );
  await indexer.reindex({ required: [dir], optional: [] });
  return { index, indexer };
}

async function wholeIndexOf(dir: string): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex();
  for (const file of await listXmlFiles([dir])) index.update(parseLibvirtDocument(fileUri(file), fs.readFileSync(file, 'utf8')));
  return index;
}

/** Positions worth asking about: every attribute value and text of the document, at its start, inside and at its end. */
function positionsOf(document: LibvirtDocument): Position[] {
  const offsets = new Set<number>();
  const visit = (element: NonNullable<LibvirtDocument['xml']['roots'][0]>): void => {
    offsets.add(element.nameRange.start + 1);
    for (const attribute of element.attributes) {
      offsets.add(attribute.nameRange.start);
      if (attribute.valueRange) for (const at of [attribute.valueRange.start, attribute.valueRange.start + 1, attribute.valueRange.end]) offsets.add(at);
    }
    for (const text of element.texts) if (text.value.trim()) offsets.add(text.range.start + text.value.search(/\S/) + 1);
    for (const child of element.children) visit(child);
  };
  for (const root of document.xml.roots) visit(root);
  return [...offsets].sort((a, b) => a - b).map((offset) => document.lines.positionAt(offset));
}

/** Every answer of the language service about one open document, against an index (and the text of the files it holds closed). */
async function answers(document: LibvirtDocument, index: WorkspaceIndex, texts: TextSource): Promise<unknown> {
  const service = getLanguageService({ texts });
  const diagnostics = service.doValidation(document, index);
  const perPosition = positionsOf(document).map((position) => ({
    position,
    completion: service.doComplete(document, position, index),
    hover: service.doHover(document, position, index),
    definition: service.findDefinition(document, position, index),
    references: service.findReferences(document, position, index, true),
    prepareRename: service.prepareRename(document, position, index, { canEdit: () => true }),
    rename: service.doRename(document, position, 'renamed', index, { canEdit: () => true }),
  }));
  return {
    diagnostics,
    status: service.getResolvedStatus(document, index),
    codeActions: await service.getCodeActions(document, { diagnostics }, index, { canEdit: () => true }),
    codeLenses: service.getCodeLenses(document, index),
    links: service.getDocumentLinks(document, index),
    symbols: service.getWorkspaceSymbols('', index),
    perPosition,
  };
}

describe('indexed files (the records of files not open) in the workspace index', () => {
  test('files not open are held as records; an open document is held whole', async () => {
    const { dir, cleanup } = workspace();
    try {
      const { index } = await closedIndexOf(dir);
      assert.ok(index.size >= 10);
      for (const uri of index.uris()) assert.ok(isIndexedFile(index.get(uri)!), uri);
      const uri = fileUri(path.join(dir, 'domains/guest.xml'));
      index.update(parseLibvirtDocument(uri, extraFiles['domains/guest.xml'], 3));
      assert.equal(isIndexedFile(index.get(uri)!), false);
    } finally {
      cleanup();
    }
  });

  test('an indexed file shares one frozen empty list for all its empty ones, model and tree alike', async () => {
    const { dir, cleanup } = workspace();
    try {
      const { index } = await closedIndexOf(dir);
      const empties = new Set<unknown>();
      let lists = 0;
      const seen = new Set<unknown>();
      const visit = (value: unknown): void => {
        if (typeof value !== 'object' || value === null || seen.has(value)) return;
        seen.add(value);
        if (Array.isArray(value)) {
          lists++;
          if (value.length === 0) empties.add(value);
        }
        for (const entry of value instanceof Map ? value.values() : Object.values(value)) visit(entry);
      };
      for (const uri of index.uris()) visit(index.get(uri)!.object);
      assert.ok(lists > 100, `${lists} lists`);
      assert.equal(empties.size, 1);
      const [none] = empties as Set<unknown[]>;
      assert.ok(Object.isFrozen(none));
      assert.throws(() => none.push(1), TypeError);
    } finally {
      cleanup();
    }
  });

  test('every feature answers the same against indexed files as against whole documents', async () => {
    const { dir, cleanup } = workspace();
    try {
      const { index: slim, indexer } = await closedIndexOf(dir);
      const texts: TextSource = { read: (uri) => indexer.readText(uri) };
      const whole = await wholeIndexOf(dir);
      assert.deepEqual([...slim.uris()].sort(), [...whole.uris()].sort());
      for (const file of await listXmlFiles([dir])) {
        const uri = fileUri(file);
        // The document is open (whole) in both indexes; all the others differ in form only.
        const open = parseLibvirtDocument(uri, fs.readFileSync(file, 'utf8'), 7);
        const slimBefore = slim.get(uri)!;
        const wholeBefore = whole.get(uri)!;
        slim.update(open);
        whole.update(open);
        assert.deepEqual(await answers(open, slim, texts), await answers(open, whole, noTexts), path.relative(dir, file));
        slim.update(slimBefore);
        whole.update(wholeBefore);
      }
    } finally {
      cleanup();
    }
  });

  test('the status of a file that is not open is the same from its indexed record', async () => {
    const { dir, cleanup } = workspace();
    try {
      const slim = (await closedIndexOf(dir)).index;
      const whole = await wholeIndexOf(dir);
      const service = getLanguageService();
      for (const uri of whole.uris()) {
        assert.deepEqual(service.getResolvedStatus(slim.get(uri)!, slim), service.getResolvedStatus(whole.get(uri)!, whole), uri);
      }
    } finally {
      cleanup();
    }
  });

  test('lookups of the index are the same', async () => {
    const { dir, cleanup } = workspace();
    try {
      const slim = (await closedIndexOf(dir)).index;
      const whole = await wholeIndexOf(dir);
      // Elements are compared by what they are (name, ranges, attributes); the model's own root lost its unreferenced children.
      const isRoot = (v: unknown) => typeof v === 'object' && v !== null && 'children' in v && 'parent' in v && (v as { parent: unknown }).parent === undefined;
      const strip = (value: unknown): unknown =>
        JSON.parse(
          JSON.stringify(value, (key, v) =>
            key === 'parent' ? undefined : key === 'texts' ? undefined : isRoot(v) ? { ...v, children: undefined } : v instanceof Map ? [...v] : v,
          ),
        );
      assert.deepEqual(slim.networkNames(), whole.networkNames());
      for (const name of whole.networkNames()) {
        assert.deepEqual(
          slim.networks(name).map((d) => d.uri),
          whole.networks(name).map((d) => d.uri),
        );
        // The network model (values, ranges, the elements it refers to) is kept whole.
        assert.deepEqual(strip(slim.networks(name).map((d) => d.network)), strip(whole.networks(name).map((d) => d.network)));
        assert.deepEqual(strip(slim.interfacesUsing(name).map((u) => u.iface)), strip(whole.interfacesUsing(name).map((u) => u.iface)));
      }
      assert.deepEqual(strip([...slim.tags()]), strip([...whole.tags()]));
      assert.deepEqual(slim.poolNames(), ['default']);
      assert.deepEqual(strip(slim.pools('default')), strip(whole.pools('default')));
      assert.deepEqual(strip(slim.volumes('default')), strip(whole.volumes('default')));
      assert.deepEqual(strip(slim.volumeDisksUsing('default')), strip(whole.volumeDisksUsing('default')));
      assert.deepEqual(slim.filterNames(), ['app-ports', 'app-traffic']);
      for (const name of whole.filterNames()) {
        assert.deepEqual(strip(slim.filters(name)), strip(whole.filters(name)));
        assert.deepEqual(strip(slim.filterRefsTo(name)), strip(whole.filterRefsTo(name)));
      }
    } finally {
      cleanup();
    }
  });

  test('an indexed file is a new value: the parsed document is left as it was; its line index still knows the whole text', () => {
    const text = extraFiles['networks/lab.xml'];
    const document = parseLibvirtDocument('file:///n.xml', text);
    const strings = new StringTable(10);
    const indexed = indexedFileOf(document, strings);
    assert.deepEqual(document, parseLibvirtDocument('file:///n.xml', text));
    assert.notEqual(indexed.object, document.object);
    assert.notEqual(indexed.object?.element, document.object?.element);
    assert.equal(indexed.digest, digestOf(text));
    assert.ok(strings.size <= 10);
    const fresh = new LineIndex(text);
    for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(indexed.lines.positionAt(offset), fresh.positionAt(offset));
  });

  test('a file changed on disk since it was indexed: its text is read anew, never an old one, and the index reads it again', async () => {
    const { dir, cleanup } = tempTree({ 'n.xml': extraFiles['networks/bare.xml'] });
    try {
      const file = path.join(dir, 'n.xml');
      const uri = fileUri(file);
      const { index, indexer } = await closedIndexOf(dir);
      assert.equal(await indexer.readText(uri), extraFiles['networks/bare.xml']);
      assert.deepEqual(index.networkNames(), ['bare']);
      fs.writeFileSync(file, network('changed', ''));
      assert.equal(await indexer.readText(uri), network('changed', ''));
      await until(() => index.networkNames()[0] === 'changed');
      fs.rmSync(file);
      assert.equal(await indexer.readText(uri), undefined);
      await until(() => index.size === 0);
    } finally {
      cleanup();
    }
  });

  test('the indexer reads a file again when the text read from it is not the one indexed', async () => {
    const { dir, cleanup } = tempTree({ 'networks/a.xml': network('alpha', '') });
    try {
      const { index, indexer } = await closedIndexOf(dir);
      const uri = fileUri(path.join(dir, 'networks/a.xml'));
      assert.deepEqual(index.networkNames(), ['alpha']);
      fs.writeFileSync(path.join(dir, 'networks/a.xml'), network('beta', ''));
      assert.match((await indexer.readText(uri)) ?? '', /beta/);
      await until(() => index.networkNames()[0] === 'beta');
      assert.deepEqual(index.networkNames(), ['beta']);
      assert.match((await indexer.readText(uri)) ?? '', /beta/);
    } finally {
      cleanup();
    }
  });

  test('digest tells texts apart', () => {
    assert.equal(digestOf('<network/>'), digestOf('<network/>'));
    assert.notEqual(digestOf('<network/>'), digestOf('<network/> '));
    assert.notEqual(digestOf('ab'), digestOf('ba'));
  });
});

/** Waits (a little) for the index to catch up with the disk. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition());
}

describe('line index', () => {
  test('positions and offsets, as a naive computation over the text gives them', () => {
    for (const text of ['', 'a', '\n', 'ab\ncd\r\nef\n', '\n\nx\n', '<a>\n  <b/>\n</a>']) {
      const lines = new LineIndex(text);
      assert.equal(lines.lineCount, text.split('\n').length);
      for (let offset = -2; offset <= text.length + 2; offset++) {
        const clamped = Math.max(0, Math.min(offset, text.length));
        const before = text.slice(0, clamped);
        const line = before.split('\n').length - 1;
        assert.deepEqual(lines.positionAt(offset), { line, character: clamped - (before.lastIndexOf('\n') + 1) });
      }
      const starts = [0, ...[...text].flatMap((c, i) => (c === '\n' ? [i + 1] : []))];
      for (let line = 0; line <= starts.length; line++) {
        for (let character = -1; character <= 4; character++) {
          const expected =
            line >= starts.length ? text.length : Math.min(starts[line] + Math.max(0, character), line + 1 < starts.length ? starts[line + 1] : text.length);
          assert.equal(lines.offsetAt(line, character), expected);
        }
      }
    }
  });

  test('long texts: line starts past 16 bits are kept whole', () => {
    // Line starts are kept in 16 bits up to a text of 0xffff code units, in 32 beyond: texts on both sides of that bound.
    const long = (length: number) => '<a x="1"/>\n'.repeat(Math.ceil(length / 11)).slice(0, length);
    for (const text of [long(0xfffe) + '\n', long(0xffff), long(0x10000), long(0xffff) + '\n', long(0x10001) + '\nz', long(0x12345)]) {
      const lines = new LineIndex(text);
      const starts = [0, ...[...text].flatMap((c, i) => (c === '\n' ? [i + 1] : []))];
      assert.equal(lines.lineCount, starts.length);
      let line = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
        assert.deepEqual(lines.positionAt(offset), { line, character: offset - starts[line] }, `offset ${offset} of ${text.length}`);
      }
      assert.deepEqual(lines.positionAt(text.length + 5), lines.positionAt(text.length));
      for (let l = 0; l < starts.length; l++) {
        assert.equal(lines.offsetAt(l, 0), starts[l]);
        assert.equal(lines.offsetAt(l, 1_000_000), l + 1 < starts.length ? starts[l + 1] : text.length);
      }
      assert.equal(lines.offsetAt(starts.length, 0), text.length);
    }
  });
});
