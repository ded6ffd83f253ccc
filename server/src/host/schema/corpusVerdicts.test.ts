/**
 * Every corpus file validated with the corpus' schemas. libvirt's schema refuses exactly the
 * test files named `*-invalid.xml` (PCI addresses out of range, an empty ROM file, negative
 * queues); the files libvirt rejects only when parsing or starting (`net-vhostuser-fail`,
 * `hostdev-duplicate`, …) are schema-valid, as virt-xml-validate also says.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sniffRootElementName } from '../../../../protocol/src/libvirtRoot';
import { SchemaValidator } from './schemaValidator';
import { explainInvalid } from '../../schema/grammar/explainInvalid';
import { elementPatternsAt } from '../../schema/grammar/elementPath';
import { parseXml } from '../../parser/xmlParser';
import { corpusFiles, corpusGrammars, corpusSchemas, skipWithoutCorpus } from '../../testing/schemaCorpus';

const options = { skip: skipWithoutCorpus };

test('verdict table: every corpus file against the expectation', options, async (t) => {
  const validator = new SchemaValidator();
  const rows: string[] = [];
  const mismatches: string[] = [];
  for (const file of corpusFiles()) {
    const text = readFileSync(file.path, 'utf8');
    const errors = (await validator.validate(text, sniffRootElementName(text) ?? '', corpusSchemas ?? '')).filter((f) => f.severity === 'error');
    const verdict = errors.length === 0 ? 'valid' : 'invalid';
    const expected = file.name.endsWith('-invalid.xml') ? 'invalid' : 'valid';
    if (verdict !== expected) mismatches.push(`${file.folder}/${file.name}: ${verdict}, expected ${expected}`);
    if (verdict === 'invalid') rows.push(`${file.folder}/${file.name}: ${errors.map((e) => e.message).join('; ')}`);
    // Every schema error is pinned to a real place, not the start of the file.
    for (const error of errors) assert.ok(error.range.end > error.range.start, `${file.name}: empty range for ${error.message}`);
  }
  t.diagnostic(`${corpusFiles().length} files; invalid ones:\n${rows.join('\n')}`);
  assert.deepEqual(mismatches, []);
  assert.equal(rows.length, 7);
});

test('the simplified grammar refuses nothing in a file libxml2 accepts (no false pinpointing)', options, async () => {
  const grammars = await corpusGrammars();
  const refused: string[] = [];
  for (const file of corpusFiles().filter((f) => !f.name.endsWith('-invalid.xml'))) {
    const root = parseXml(readFileSync(file.path, 'utf8')).roots[0];
    const grammar = grammars.grammar(root.name);
    assert.ok(grammar, root.name);
    const problems = explainInvalid(root, elementPatternsAt(grammar, [root.name]), new Set());
    if (problems.length > 0) refused.push(`${file.name}: ${problems[0].message}`);
  }
  assert.deepEqual(refused, []);
});
