/**
 * `check --schema`'s way of validating (batches, the RFC tags located by the sender, the text
 * parsed again only when libxml2 complains), and the host's xmllint when installed, give the
 * findings the editor's way gives, on every corpus file as it is and with mistakes and RFC tags
 * written into it.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sniffRootElementName } from '../../../../protocol/src/libvirtRoot';
import { parseXml } from '../../parser/xmlParser';
import { extensionTags } from '../../schema/extensionTags';
import type { SchemaFinding } from '../../schema/schemaTypes';
import { corpusFiles, corpusSchemas, skipWithoutCorpus } from '../../testing/schemaCorpus';
import { SchemaValidationWorker } from './schemaValidationWorker';
import { SchemaValidator } from './schemaValidator';
import { XmllintValidator, xmllintInstalled } from './xmllintValidator';

const options = { skip: skipWithoutCorpus };

/** The corpus file with RFC tags, an unknown element and an unknown attribute value written in. */
function withMistakes(text: string): string {
  return text
    .replace(/(<interface [^>]*>)/, "$1\n      <tag name='blue'/>\n      <bogus/>")
    .replace(/(<portgroup [^>]*>)/, "$1\n    <tag name='green'/>")
    .replace(/(<network[^>]*>)(\s*<name>)/, "$1\n  <tag name='lan'/>$2")
    .replace(/<type arch='([^']*)'/, "<type arch='$1x'")
    .replace(/<forward mode='([^']*)'/, "<forward mode='$1d'");
}

interface Sample {
  readonly name: string;
  readonly text: string;
  readonly rootName: string;
}

/** Texts where libxml2 is not asked the usual question: an external entity, malformed XML, no libvirt root. */
const unusual: readonly Sample[] = [
  {
    name: 'an external entity',
    text: `<?xml version="1.0"?>\n<!DOCTYPE network [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<network>\n  <name>&secret;</name>\n</network>`,
    rootName: 'network',
  },
  { name: 'malformed', text: "<network>\n  <name>n</name>\n  <forward mode='nat'>\n</network>", rootName: 'network' },
  { name: 'an undeclared prefix', text: '<network>\n  <name>n</name>\n  <q:x/>\n</network>', rootName: 'network' },
  { name: 'not libvirt', text: '<domstatus/>', rootName: 'domstatus' },
  { name: 'a tag on its own line after an error', text: "<network>\n  <nme>n</nme>\n  <tag name='a'/>\n  <bridge nam='x'/>\n</network>", rootName: 'network' },
];

function samples(): Sample[] {
  return unusual.concat(
    corpusFiles().flatMap((file) => {
      const text = readFileSync(file.path, 'utf8');
      const rootName = sniffRootElementName(text) ?? '';
      return [
        { name: `${file.folder}/${file.name}`, text, rootName },
        { name: `${file.folder}/${file.name} with mistakes`, text: withMistakes(text), rootName },
      ];
    }),
  );
}

const tagsOf = (text: string) => extensionTags(parseXml(text)).map(({ start, end }) => ({ start, end }));

async function editorFindings(all: readonly Sample[]): Promise<SchemaFinding[][]> {
  const validator = new SchemaValidator();
  const findings: SchemaFinding[][] = [];
  for (const sample of all) findings.push(await validator.validate(sample.text, sample.rootName, corpusSchemas ?? ''));
  return findings;
}

test('the tags located by the caller: the same findings as parsing first', options, async () => {
  const all = samples();
  const expected = await editorFindings(all);
  const validator = new SchemaValidator({ folderMayChange: false });
  for (const [at, sample] of all.entries()) {
    const found = await validator.validate(sample.text, sample.rootName, corpusSchemas ?? '', undefined, tagsOf(sample.text));
    assert.deepEqual(found, expected[at], sample.name);
  }
  // The mistakes are seen: the comparison is not between empty lists.
  assert.ok(expected.filter((findings) => findings.length > 0).length > 150, `${expected.filter((f) => f.length > 0).length} files with findings`);
});

test('a batch in the worker: each document answered in order, as the editor would', options, async () => {
  const all = samples();
  const expected = await editorFindings(all);
  const worker = new SchemaValidationWorker({ workerScript: join(__dirname, 'validationWorker.js'), validator: { folderMayChange: false } });
  try {
    const documents = all.map(({ text, rootName }) => ({ text, rootName, tags: tagsOf(text) }));
    const batches = [documents.slice(0, 7), documents.slice(7, 300), documents.slice(300)];
    const answers = await Promise.all(batches.map((batch) => worker.validateBatch(batch, corpusSchemas ?? '')));
    assert.deepEqual(answers.flat(), expected);
  } finally {
    await worker.dispose();
  }
});

const withXmllint = {
  skip: skipWithoutCorpus || (xmllintInstalled() ? false : 'xmllint not installed (Debian: libxml2-utils): the native libxml2 path is not compared'),
};

test("the host's xmllint (native libxml2): the same findings as libxml2-wasm", withXmllint, async () => {
  const all = samples();
  const expected = await editorFindings(all);
  const documents = all.map(({ text, rootName }) => ({ text, rootName, tags: tagsOf(text) }));
  const xmllint = new XmllintValidator();
  const found = [
    ...(await xmllint.validateBatch(documents.slice(0, 200), corpusSchemas ?? '')),
    ...(await xmllint.validateBatch(documents.slice(200), corpusSchemas ?? '')),
  ];
  const differing = all.filter((_, at) => JSON.stringify(found[at]) !== JSON.stringify(expected[at]));
  assert.deepEqual(
    differing.map((sample) => sample.name),
    [],
  );
  assert.deepEqual(found, expected);
});

test('xmllint gone (or failing): the batch is validated by libxml2-wasm', options, async () => {
  const all = samples().slice(0, 40);
  const expected = await editorFindings(all);
  const path = process.env.PATH;
  process.env.PATH = '';
  const xmllint = new XmllintValidator();
  try {
    const documents = all.map(({ text, rootName }) => ({ text, rootName, tags: tagsOf(text) }));
    assert.deepEqual(await xmllint.validateBatch(documents, corpusSchemas ?? ''), expected);
  } finally {
    process.env.PATH = path;
    xmllint.dispose();
  }
});
