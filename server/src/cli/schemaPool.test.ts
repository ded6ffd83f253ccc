/** check --schema's pool: the same findings with either engine, in the order the files were given. */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { xmllintInstalled } from '../host/schema/xmllintValidator';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { corpusSchemas, skipWithoutCorpus } from '../testing/schemaCorpus';
import { SchemaPool, type SchemaEngine } from './schemaPool';

const documents = Array.from({ length: 70 }, (_, at) =>
  parseLibvirtDocument(
    `file:///w/vm-${at}.xml`,
    `<domain type='kvm'>\n  <name>vm-${at}</name>\n  <memory>1024</memory>\n  <os><type>hvm</type></os>\n  <devices>\n` +
      `    <interface type='network'>\n      <tag name='blue'/>\n      <source network='lan'/>\n${at % 3 === 0 ? "      <modl type='virtio'/>\n" : ''}    </interface>\n` +
      `  </devices>\n</domain>\n`,
  ),
);

async function findingsWith(engine: SchemaEngine): Promise<string[]> {
  const pool = new SchemaPool(corpusSchemas ?? '', engine, 2);
  try {
    const verdicts = await Promise.all(documents.map((document) => pool.findings(document)));
    return verdicts.flat().map((f) => `${f.uri} ${f.range.start}-${f.range.end} ${f.message}`);
  } finally {
    await pool.dispose();
  }
}

test('libxml2-wasm in worker threads: each file its own findings', { skip: skipWithoutCorpus }, async () => {
  const found = await findingsWith('wasm');
  assert.equal(found.length, 24, found.join('\n'));
  assert.ok(found[1].startsWith('file:///w/vm-3.xml ') && found[1].includes('<modl>'), found[1]);
});

test(
  "the host's xmllint: the same findings",
  { skip: skipWithoutCorpus || (xmllintInstalled() ? false : 'xmllint not installed (Debian: libxml2-utils)') },
  async () => {
    assert.deepEqual(await findingsWith('xmllint'), await findingsWith('wasm'));
  },
);
