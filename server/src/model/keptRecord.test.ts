import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { XmlAttribute, XmlElement, XmlText } from '../parser/xmlTree';
import { garbageCollector } from '../host/garbageCollector';
import { StringTable } from '../util/stringTable';
import { findCorpus, manyInterfaces, repoRoot } from '../testing';
import { KeptBytesReader, KeptBytesWriter } from './keptBytes';
import { keptModelOf } from './keptModel';
import { indexedFileOf } from './indexedFile';
import { packKeptRecord, unpackKeptRecord } from './keptRecord';
import { KeptElement, noItems } from './keptTree';
import { parseLibvirtDocument } from './libvirtDocument';
import type { LibvirtObject } from './libvirtModel';

/*
 * A closed file's record is packed (keptRecord.ts) and unpacked when read: every value, range and
 * element the features read must come back as the kept model had it, over the examples, libvirt's
 * own test files and those files cut short (unclosed elements, unterminated tags and values).
 */

function xmlFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() && entry.name.endsWith('.xml') ? [file] : [];
  });
}

const corpus = findCorpus();
const corpusFiles = corpus ? xmlFilesUnder(path.join(corpus, 'tests')) : [];
const exampleFiles = xmlFilesUnder(path.join(repoRoot(), 'examples'));

/** The text, then cut at a few places: the tolerant parser still makes a model of most. */
function versionsOf(text: string): string[] {
  const cuts = [0.3, 0.55, 0.8].map((share) => text.slice(0, Math.floor(text.length * share)));
  return [text, ...cuts];
}

/** Every field a feature can read of a tree, written out (the parent as where it starts). */
function elementFacts(element: XmlElement): unknown {
  return {
    name: element.name,
    nameRange: { ...element.nameRange },
    start: element.start,
    end: element.end,
    startTagEnd: element.startTagEnd,
    endTagStart: element.endTagStart,
    selfClosing: element.selfClosing,
    closed: element.closed,
    parent: element.parent?.start,
    attributes: element.attributes.map((attribute: XmlAttribute) => ({
      name: attribute.name,
      nameRange: { ...attribute.nameRange },
      value: attribute.value,
      valueRange: attribute.valueRange && { ...attribute.valueRange },
      quote: attribute.quote,
      valueClosed: attribute.valueClosed,
    })),
    texts: element.texts.map((text: XmlText) => ({ value: text.value, range: { ...text.range } })),
    children: element.children.map(elementFacts),
  };
}

/**
 * The model written out: values with their ranges, each element as the path to it from its tree's
 * root (so that an element the model holds is the same one its tree holds), and the trees.
 */
function modelFacts(object: LibvirtObject): unknown {
  const trees: XmlElement[] = [];
  const placeOf = (element: XmlElement): string => {
    const steps: number[] = [];
    let at = element;
    while (at.parent) {
      steps.unshift(at.parent.children.indexOf(at));
      at = at.parent;
    }
    if (!trees.includes(at)) trees.push(at);
    assert.ok(
      steps.every((step) => step >= 0),
      'an element the model holds is a child of its parent',
    );
    return `tree ${trees.indexOf(at)} at ${steps.join('.')}`;
  };
  const facts = (value: unknown): unknown => {
    if (value instanceof KeptElement) return placeOf(value);
    if (Array.isArray(value)) return value.map(facts);
    if (value instanceof Map) return [...value].map(([key, item]) => [key, facts(item)]);
    if (typeof value === 'object' && value !== null) {
      const ranged = value as { value?: unknown; range?: unknown };
      if ('range' in ranged && typeof ranged.value === 'string') return { value: ranged.value, range: { ...(ranged.range as object) } };
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, facts(item)]));
    }
    return value;
  };
  const model = facts(object);
  return { model, trees: trees.map(elementFacts) };
}

/** `strict`: deepStrictEqual as well (on a cyclic tree of thousands of elements it takes minutes). */
function roundTrip(uri: string, text: string, strict = true): number {
  const document = parseLibvirtDocument(uri, text);
  if (!document.object) return 0;
  const kept = keptModelOf(document.object, new StringTable(1000));
  const unpacked = unpackKeptRecord(packKeptRecord(kept));
  assert.deepEqual(modelFacts(unpacked), modelFacts(kept), uri);
  if (strict) assert.deepStrictEqual(unpacked, kept, uri);
  return 1;
}

describe('a closed file’s packed record', () => {
  test('unpacks to the kept model of every example, whole and cut short', () => {
    let models = 0;
    for (const file of exampleFiles) for (const text of versionsOf(fs.readFileSync(file, 'utf8'))) models += roundTrip(`file://${file}`, text);
    assert.ok(models > 20, `${models} models`);
  });

  test(
    'unpacks to the kept model of libvirt’s test files, whole and cut short',
    { skip: corpus ? false : 'libvirt corpus not found (shared/corpus/libvirt above the repository): skipped' },
    () => {
      let models = 0;
      for (const file of corpusFiles) for (const text of versionsOf(fs.readFileSync(file, 'utf8'))) models += roundTrip(`file://${file}`, text);
      assert.ok(models > 500, `${models} models`);
    },
  );

  test('a large domain: the same values, in a fraction of the objects’ memory', () => {
    const text = manyInterfaces(2000);
    assert.equal(roundTrip('file:///many.xml', text, false), 1);
    const record = packKeptRecord(keptModelOf(parseLibvirtDocument('file:///many.xml', text).object as LibvirtObject, new StringTable(1000)));
    // Positions as differences: a few bytes an attribute, not the objects' 88–128 bytes.
    assert.ok(record.packed.length < 1.5 * text.length, `${record.packed.length} bytes packed for ${text.length} of text`);
  });

  test('empty lists come back as the one shared empty list, strings as the record’s own', () => {
    const text = "<network>\n  <name>n</name>\n  <bridge name='virbr0'/>\n</network>\n";
    const object = unpackKeptRecord(packKeptRecord(keptModelOf(parseLibvirtDocument('file:///n.xml', text).object as LibvirtObject, new StringTable(10))));
    assert.equal(object.kind, 'network');
    if (object.kind !== 'network') return;
    assert.equal(object.portGroups, noItems);
    assert.equal(object.bridge?.element.attributes, object.bridge?.element.attributes);
    assert.equal(object.bridge?.element.parent, object.element);
  });

  test('a value of a kind the stream does not know is refused, not packed wrong', () => {
    const object = keptModelOf(parseLibvirtDocument('file:///n.xml', '<network><name>n</name></network>').object as LibvirtObject, new StringTable(10));
    assert.throws(() => packKeptRecord({ ...object, extra: new Set() } as unknown as LibvirtObject), /cannot pack/);
  });
});

describe('a closed file’s record in the index', () => {
  test('gives the same model while it is held, and unpacks an equal one once it was collected', async () => {
    const collect = garbageCollector();
    assert.ok(collect, 'V8 gives a full collection');
    const text = fs.readFileSync(path.join(repoRoot(), 'examples', 'networks', 'default.xml'), 'utf8');
    const file = indexedFileOf(parseLibvirtDocument('file:///default.xml', text), new StringTable(100));
    let held = file.object;
    assert.equal(file.object, held);
    const facts = held && modelFacts(held);
    const first = new WeakRef(held ?? {});
    held = undefined;
    // V8 keeps a weakly held object until the task that made or read it ends.
    await new Promise((resolve) => setTimeout(resolve, 1));
    collect();
    assert.equal(first.deref(), undefined, 'the unpacked model was collected');
    const again = file.object;
    assert.ok(again);
    assert.deepEqual(modelFacts(again), facts);
  });
});

describe('the record’s byte stream', () => {
  test('numbers and positions come back as written, up to 2^52 either way', () => {
    const values = [0, 1, 127, 128, 255, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, 2 ** 52];
    const positions = [5, 3, 1_000_000, 0, 4_000_000_000, 7];
    const writer = new KeptBytesWriter();
    for (const value of values) writer.unsigned(value);
    for (const value of values) writer.signed(value === 0 ? 0 : -value);
    for (const position of positions) writer.position(position);
    const packed = writer.packed();
    assert.ok([...packed].every((char) => char.charCodeAt(0) < 256));
    const reader = new KeptBytesReader(packed);
    assert.deepEqual(
      values.map(() => reader.unsigned()),
      values,
    );
    assert.deepEqual(
      values.map(() => reader.signed()),
      values.map((value) => (value === 0 ? 0 : -value)),
    );
    assert.deepEqual(
      positions.map(() => reader.position()),
      positions,
    );
    assert.ok(reader.done);
  });
});
