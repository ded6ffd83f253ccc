/**
 * Parity with libvirt's own checker: virt-xml-validate (package libvirt-clients; it runs
 * xmllint --relaxng with the installed /usr/share/libvirt/schemas) and our in-process libxml2
 * (wasm) with the corpus' schemas give the same verdict, file by file, on a sample of the corpus
 * that holds every schema-invalid file. Skipped where virt-xml-validate or xmllint is missing.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sniffRootElementName } from '../../../../protocol/src/libvirtRoot';
import { SchemaValidator } from './schemaValidator';
import { corpusFiles, corpusSchemas, skipWithoutCorpus } from '../../testing/schemaCorpus';

function virtXmlValidateVersion(): string | undefined {
  const version = spawnSync('virt-xml-validate', ['--version'], { encoding: 'utf8' });
  const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0 || xmllint.status !== 0) return undefined;
  return /\(libvirt\)\s+(\S+)/.exec(version.stdout)?.[1] ?? 'unknown';
}

const validator = new SchemaValidator();
const version = skipWithoutCorpus ? undefined : virtXmlValidateVersion();
const skip =
  skipWithoutCorpus || (version ? false : 'virt-xml-validate or xmllint not installed (apt-get install libvirt-clients libxml2-utils): parity test skipped');

/** Every schema-invalid file plus every 7th other file: about 40, spread over the five folders. */
function sample() {
  const files = corpusFiles();
  return files.filter((file, i) => file.name.endsWith('-invalid.xml') || i % 7 === 0);
}

test('same verdict as virt-xml-validate on a corpus sample', { skip }, async (t) => {
  // virt-xml-validate reads the installed schemas; the corpus is libvirt 9.0.0's.
  if (version !== '9.0.0') t.diagnostic(`virt-xml-validate is libvirt ${version}, the corpus is 9.0.0: verdicts may differ where the schemas changed`);
  const files = sample();
  const disagreements: string[] = [];
  let invalid = 0;
  for (const file of files) {
    const text = readFileSync(file.path, 'utf8');
    const ours = (await validator.validate(text, sniffRootElementName(text) ?? '', corpusSchemas ?? '')).every((f) => f.severity !== 'error');
    const theirs = spawnSync('virt-xml-validate', [file.path], { encoding: 'utf8' }).status === 0;
    if (!theirs) invalid++;
    if (ours !== theirs)
      disagreements.push(`${file.folder}/${file.name}: ours ${ours ? 'valid' : 'invalid'}, virt-xml-validate ${theirs ? 'valid' : 'invalid'}`);
  }
  t.diagnostic(`${files.length} files compared (${invalid} invalid per virt-xml-validate), ${files.length - disagreements.length} agree`);
  assert.ok(files.length >= 40, `sample of ${files.length}`);
  assert.deepEqual(disagreements, []);
});
