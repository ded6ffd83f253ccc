import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import type { SchemaValidationRequest } from '../host/schema/schemaValidationWorker';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { isCollected } from '../testing/collection';
import { corpusSchemas, skipWithoutCorpus } from '../testing/schemaCorpus';
import { SchemaDiagnostics } from './schemaDiagnostics';

const uri = 'file:///work/lan.xml';
const invalid = "<network>\n  <name>lan</name>\n  <forward mode='bridged'/>\n</network>\n";

/** Asks validation of a fresh parse and gives back only a weak reference to it. */
function requestValidation(schema: SchemaDiagnostics, version: number): WeakRef<object> {
  const document = parseLibvirtDocument(uri, invalid, version);
  schema.request(document, version);
  return new WeakRef(document);
}

describe('schema validation of an open document', { skip: skipWithoutCorpus }, () => {
  it('holds its text, not its parse, while it waits and while the worker validates (issue 14: a superseded 5 MB version stayed alive)', async () => {
    const schema = new SchemaDiagnostics(
      () => undefined,
      () => undefined,
    );
    try {
      await schema.configure(corpusSchemas);
      const inFlight = requestValidation(schema, 1);
      await new Promise((resolve) => setTimeout(resolve, 450));
      assert.equal(await isCollected(inFlight), true, 'the parse is garbage while the worker validates');
      const waiting = requestValidation(schema, 2);
      assert.equal(await isCollected(waiting), true, 'the parse is garbage during the debounce');
      while (schema.diagnostics(uri, 2).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      const diagnostics = schema.diagnostics(uri, 2);
      assert.equal(diagnostics.length, 1, 'the latest version was validated');
      assert.deepEqual(diagnostics[0].range.start, { line: 2, character: 17 });
    } finally {
      await schema.dispose();
    }
  });

  it('tells the worker where the RFC tags of a large document are, so that it does not parse the text again to find them', async () => {
    const sent: SchemaValidationRequest[] = [];
    const worker = {
      validate: (request: SchemaValidationRequest) => (sent.push(request), Promise.resolve([])),
      releaseMemory: () => true,
      dispose: () => Promise.resolve(),
    };
    const schema = new SchemaDiagnostics(
      () => undefined,
      () => undefined,
      worker,
    );
    await schema.configure(corpusSchemas);
    const padding = `<!--${' '.repeat(256 * 1024)}-->\n`;
    const text = `<network>\n  <name>lan</name>\n  <tag name='blue'/>\n${padding}</network>\n`;
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      schema.request(parseLibvirtDocument(uri, text, 1), 1);
      mock.timers.tick(400);
      assert.equal(sent.length, 0, 'a large document waits for a longer pause in the typing');
      mock.timers.tick(1600);
    } finally {
      mock.timers.reset();
    }
    assert.equal(sent.length, 1);
    assert.deepEqual(
      sent[0].tags?.map((range) => text.slice(range.start, range.end)),
      ["<tag name='blue'/>"],
    );
    await schema.dispose();
  });
});
