import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver-types';
import { fileUri, listXmlFiles } from '../../../server/src/host/fileCrawler';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../../../server/src/model/libvirtDocument';
import { digestOf, isSlimDocument, slimDocument } from '../../../server/src/model/slimDocument';
import { getLanguageService } from '../../../server/src/services/languageService';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { WorkspaceIndexer } from '../../../server/src/host/workspaceIndexer';
import { domainWith, network, repoRoot, tempTree } from '../coreSupport';

/**
 * The index keeps files that are not open in slim form (model and line index, no tree or text;
 * see slimDocument.ts). These tests hold it to "nothing changes but the memory": every feature
 * answers the same against an index of slim documents as against one of whole documents, and the
 * tree read back from disk is never a stale one.
 */

const extraFiles: Record<string, string> = {
  'networks/lab.xml': network('lab', `  <forward mode='nat'/>\n  <bridge name='virbr9' macTableManager='libvirt'/>\n  <bandwidth><inbound average='1000' floor='5'/></bandwidth>\n  <tag name='lab-wide'/>\n  <portgroup name='standard' default='yes'>\n    <tag name='std'/>\n    <bandwidth><inbound average='100' peak='200'/><outbound average='50'/></bandwidth>\n  </portgroup>\n  <portgroup name='extra' trustGuestRxFilters='yes'><vlan trunk='yes'><tag id='42' nativeMode='untagged'/><tag id='43'/></vlan></portgroup>\n  <ip address='10.9.0.1' netmask='255.255.255.0'>\n    <dhcp><range start='10.9.0.2' end='10.9.0.254'/><host mac='52:54:00:00:00:01' name='a-rather-long-host-name' ip='10.9.0.10'/></dhcp>\n  </ip>`),
  'networks/bare.xml': network('bare', `  <forward mode='bridge'/>\n  <bridge name='br0'/>\n  <ip address='10.8.0.1'/>`),
  'networks/pool.xml': network('pool', `  <forward mode='passthrough' dev='eth0'>\n    <interface dev='eth1'/>\n    <pf dev='eth2'/>\n  </forward>\n  <virtualport type='802.1Qbh'><parameters profileid='a-long-profile-identifier'/></virtualport>`),
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
  for (const sub of ['networks', 'domains']) {
    for (const name of fs.readdirSync(path.join(examples, sub))) files[`examples/${sub}/${name}`] = fs.readFileSync(path.join(examples, sub, name), 'utf8');
  }
  return tempTree(files);
}

async function slimIndexOf(dir: string): Promise<{ index: WorkspaceIndex; indexer: WorkspaceIndexer }> {
  const index = new WorkspaceIndex();
  const indexer = new WorkspaceIndexer(index, () => false, () => {});
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

/** Every answer of the language service about one open document, against an index. */
function answers(document: LibvirtDocument, index: WorkspaceIndex): unknown {
  const service = getLanguageService();
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
    codeActions: service.getCodeActions(document, { diagnostics }, index, { canEdit: () => true }),
    codeLenses: service.getCodeLenses(document, index),
    links: service.getDocumentLinks(document, index),
    symbols: service.getWorkspaceSymbols('', index),
    perPosition,
  };
}

describe('slim documents in the workspace index', () => {
  test('files not open are held slim; an open document is held whole', async () => {
    const { dir, cleanup } = workspace();
    try {
      const { index } = await slimIndexOf(dir);
      assert.ok(index.size >= 10);
      for (const uri of index.uris()) assert.ok(isSlimDocument(index.get(uri)!), uri);
      const uri = fileUri(path.join(dir, 'domains/guest.xml'));
      index.update(parseLibvirtDocument(uri, extraFiles['domains/guest.xml'], 3));
      assert.equal(isSlimDocument(index.get(uri)!), false);
    } finally {
      cleanup();
    }
  });

  test('a slim document shares one frozen empty list for all its empty ones, model and tree alike', async () => {
    const { dir, cleanup } = workspace();
    try {
      const { index } = await slimIndexOf(dir);
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

  test('every feature answers the same against slim documents as against whole ones', async () => {
    const { dir, cleanup } = workspace();
    try {
      const slim = (await slimIndexOf(dir)).index;
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
        assert.deepEqual(answers(open, slim), answers(open, whole), path.relative(dir, file));
        slim.update(slimBefore);
        whole.update(wholeBefore);
      }
    } finally {
      cleanup();
    }
  });

  test('the status of a file that is not open is the same from its slim form', async () => {
    const { dir, cleanup } = workspace();
    try {
      const slim = (await slimIndexOf(dir)).index;
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
      const slim = (await slimIndexOf(dir)).index;
      const whole = await wholeIndexOf(dir);
      // Elements are compared by what they are (name, ranges, attributes); the model's own root lost its unreferenced children.
      const isRoot = (v: unknown) => typeof v === 'object' && v !== null && 'children' in v && 'parent' in v && (v as { parent: unknown }).parent === undefined;
      const strip = (value: unknown): unknown =>
        JSON.parse(JSON.stringify(value, (key, v) => (key === 'parent' ? undefined : key === 'texts' ? undefined : isRoot(v) ? { ...v, children: undefined } : v instanceof Map ? [...v] : v)));
      assert.deepEqual(slim.networkNames(), whole.networkNames());
      for (const name of whole.networkNames()) {
        assert.deepEqual(slim.networks(name).map((d) => d.uri), whole.networks(name).map((d) => d.uri));
        // The network model (values, ranges, the elements it refers to) is kept whole.
        assert.deepEqual(strip(slim.networks(name).map((d) => d.network)), strip(whole.networks(name).map((d) => d.network)));
        assert.deepEqual(strip(slim.interfacesUsing(name).map((u) => u.iface)), strip(whole.interfacesUsing(name).map((u) => u.iface)));
      }
      assert.deepEqual(strip([...slim.tags()]), strip([...whole.tags()]));
    } finally {
      cleanup();
    }
  });

  test('xml is read back from disk, equal to a fresh parse, and cached per document', () => {
    const { dir, cleanup } = tempTree({ 'n.xml': extraFiles['networks/lab.xml'] });
    try {
      const file = path.join(dir, 'n.xml');
      const text = fs.readFileSync(file, 'utf8');
      let reads = 0;
      let stale = 0;
      const slim = slimDocument(parseLibvirtDocument(fileUri(file), text), () => (reads++, fs.readFileSync(file, 'utf8')), () => stale++);
      assert.deepEqual(slim.xml, parseLibvirtDocument(fileUri(file), text).xml);
      assert.equal(slim.xml, slim.xml);
      assert.equal(reads, 1);
      assert.equal(stale, 0);
      // Its line index still knows the whole text.
      const fresh = new LineIndex(text);
      for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(slim.lines.positionAt(offset), fresh.positionAt(offset));
    } finally {
      cleanup();
    }
  });

  test('a file changed on disk since it was indexed: xml answers the new text, never the cached old one, and says it is stale', () => {
    const { dir, cleanup } = tempTree({ 'n.xml': extraFiles['networks/bare.xml'] });
    try {
      const file = path.join(dir, 'n.xml');
      let stale = 0;
      const read = () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
      const slim = slimDocument(parseLibvirtDocument(fileUri(file), fs.readFileSync(file, 'utf8')), read, () => stale++);
      fs.writeFileSync(file, network('changed', ''));
      assert.equal(slim.xml.text, network('changed', ''));
      assert.equal(stale, 1);
      fs.rmSync(file);
      assert.equal(slim.xml.text, '');
      assert.equal(stale, 2);
      // A replacement document (the index read the file again) has a cache of its own.
      fs.writeFileSync(file, network('again', ''));
      const again = slimDocument(parseLibvirtDocument(fileUri(file), fs.readFileSync(file, 'utf8')), read, () => stale++);
      assert.equal(again.xml.text, network('again', ''));
      assert.equal(stale, 2);
    } finally {
      cleanup();
    }
  });

  test('the indexer reads a file again when its slim document finds it changed', async () => {
    const { dir, cleanup } = tempTree({ 'networks/a.xml': network('alpha', '') });
    try {
      const { index } = await slimIndexOf(dir);
      const uri = fileUri(path.join(dir, 'networks/a.xml'));
      assert.deepEqual(index.networkNames(), ['alpha']);
      fs.writeFileSync(path.join(dir, 'networks/a.xml'), network('beta', ''));
      assert.match(index.get(uri)!.xml.text, /beta/);
      for (let i = 0; i < 50 && index.networkNames()[0] !== 'beta'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.deepEqual(index.networkNames(), ['beta']);
      assert.match(index.get(uri)!.xml.text, /beta/);
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
          const expected = line >= starts.length ? text.length : Math.min(starts[line] + Math.max(0, character), line + 1 < starts.length ? starts[line + 1] : text.length);
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
