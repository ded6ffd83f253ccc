/**
 * Validation with libxml2 (wasm) and libvirt's schemas: each libxml2 verdict lands on the element
 * or attribute at fault, with a readable message; the RFC's <tag> is blanked out, not judged.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SchemaValidator } from './schemaValidator';
import { SchemaValidationCancelled, type SchemaFinding } from '../../schema/schemaTypes';
import { corpusSchemas, skipWithoutCorpus } from '../../testing/schemaCorpus';

const options = { skip: skipWithoutCorpus };
const validator = new SchemaValidator();
const domain = (devices: string): string =>
  `<domain type='kvm'>\n  <name>vm</name>\n  <memory>1048576</memory>\n  <os><type>hvm</type></os>\n  <devices>\n${devices}\n  </devices>\n</domain>`;
const network = (inner: string): string => `<network>\n  <name>n</name>\n${inner}\n</network>`;

async function check(text: string, root: string): Promise<Array<{ at: string; severity: string; code: string; message: string }>> {
  const findings: SchemaFinding[] = await validator.validate(text, root, corpusSchemas ?? '');
  return findings.map((f) => ({ at: text.slice(f.range.start, f.range.end), severity: f.severity, code: f.code, message: f.message }));
}

test('a valid domain and a valid network: nothing', options, async () => {
  assert.deepEqual(await check(domain("    <interface type='network'>\n      <source network='default'/>\n    </interface>"), 'domain'), []);
  assert.deepEqual(await check(network("  <forward mode='nat'/>"), 'network'), []);
});

test('a misspelt element inside <devices>, with a suggestion', options, async () => {
  const [finding, ...rest] = await check(domain("    <interfce type='network'/>"), 'domain');
  assert.deepEqual(rest, []);
  assert.equal(finding.at, 'interfce');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.code, 'schema');
  assert.match(finding.message, /<interfce> is not allowed in <devices> \(did you mean 'interface'\?\)/);
});

test('an unknown attribute is underlined itself', options, async () => {
  const findings = await check(domain("    <interface type='network' colour='red'>\n      <source network='x'/>\n    </interface>"), 'domain');
  assert.deepEqual(
    findings.map((f) => [f.at, f.message]),
    [['colour', "Attribute 'colour' is not allowed on <interface type='network'>"]],
  );
});

test('a value outside the enumeration: the value, with what is allowed', options, async () => {
  const [mode] = await check(network("  <forward mode='bridged'/>"), 'network');
  assert.equal(mode.at, 'bridged');
  assert.match(mode.message, /^value 'bridged' is not a valid forward mode: expected `nat` \| `route`/);
  const [type] = await check(domain("    <interface type='bogus'/>"), 'domain');
  assert.equal(type.at, 'bogus');
  const [yesNo] = await check(domain("    <interface type='network' trustGuestRxFilters='maybe'>\n      <source network='x'/>\n    </interface>"), 'domain');
  assert.equal(yesNo.at, 'maybe');
  assert.match(yesNo.message, /expected `yes` \| `no`/);
});

test('a name the pattern refuses says what is wrong first, and the pattern in words', options, async () => {
  const [name, ...rest] = await check(network("  <bridge name='virbr9'/>\n  <portgroup name='x!'/>"), 'network');
  assert.deepEqual(rest, []);
  assert.equal(name.at, 'x!');
  assert.equal(name.message, "value 'x!' is not a valid portgroup name: expected text of letters, digits and _ . - \\ : /");
});

test('datatypes and patterns: a MAC address, a number', options, async () => {
  const [mac] = await check(domain("    <interface type='network'>\n      <mac address='zz'/>\n      <source network='x'/>\n    </interface>"), 'domain');
  assert.equal(mac.at, 'zz');
  const [memory] = await check("<domain type='kvm'>\n  <name>vm</name>\n  <memory>lots</memory>\n  <os><type>hvm</type></os>\n</domain>", 'domain');
  assert.deepEqual([memory.at, memory.message], ['lots', "'lots' is not a valid unsignedLong"]);
});

test('a missing required element or attribute', options, async () => {
  const [source] = await check(domain("    <interface type='network'>\n      <model type='virtio'/>\n    </interface>"), 'domain');
  assert.deepEqual([source.at, source.message], ['interface', "<interface type='network'> needs a <source> element"]);
  const [name] = await check("<network>\n  <forward mode='nat'/>\n</network>", 'network');
  assert.deepEqual([name.at, name.message], ['network', 'Missing required element <name>']);
});

test(
  "the RFC's <tag>s are no schema finding (the tag rule says once per file that libvirt drops them), and libvirt's VLAN <tag> is judged as usual",
  options,
  async () => {
    const text = network("  <tag name='prod'/>\n  <vlan><tag id='42'/></vlan>\n  <portgroup name='web'>\n    <tag name='frontend'/>\n  </portgroup>");
    assert.deepEqual(await check(text, 'network'), []);
    const domainTags = await check(domain("    <interface type='network'>\n      <source network='x'/>\n      <tag name='web'/>\n    </interface>"), 'domain');
    assert.deepEqual(domainTags, []);
    const badVlan = await check(network("  <tag name='prod'/>\n  <vlan><tag id='x'/></vlan>"), 'network');
    assert.deepEqual(
      badVlan.map((f) => f.at),
      ['x'],
    );
  },
);

test('errors after a <tag> keep their positions (tags are blanked, not removed)', options, async () => {
  const text = network("  <tag name='a'/>\n  <tag name='b'/>\n  <forward mode='bridged'/>");
  const findings = await check(text, 'network');
  assert.deepEqual(
    findings.map((f) => f.at),
    ['bridged'],
  );
});

test('malformed XML is left to the core: only <tag> remarks', options, async () => {
  assert.deepEqual(await check("<network>\n  <name>n</name>\n  <forward mode='nat'>\n</network>", 'network'), []);
});

test('roots without a libvirt schema are not validated', options, async () => {
  assert.deepEqual(await check('<domstatus/>', 'domstatus'), []);
});

test('a cancelled token stops the validation', options, async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(validator.validate(domain(''), 'domain', corpusSchemas ?? '', controller.signal), SchemaValidationCancelled);
  await assert.rejects(validator.validate(domain(''), 'domain', corpusSchemas ?? '', { isCancellationRequested: true }), SchemaValidationCancelled);
});

test('a document cannot make libxml2 read files outside the schema folder', options, async () => {
  const text = `<?xml version="1.0"?>\n<!DOCTYPE network [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<network>\n  <name>&secret;</name>\n</network>`;
  const findings = await check(text, 'network');
  assert.ok(
    findings.every((f) => !f.message.includes('root:')),
    JSON.stringify(findings),
  );
});

test('a validator told the folder does not change reads it once; one not told looks at it before each file', options, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'libvirt-xml-schemas-'));
  cpSync(corpusSchemas ?? '', folder, { recursive: true });
  const batch = new SchemaValidator({ folderMayChange: false });
  const editor = new SchemaValidator();
  const text = domain("    <interface type='network'>\n      <source network='default'/>\n    </interface>");
  try {
    assert.deepEqual(await batch.validate(text, 'domain', folder), []);
    assert.deepEqual(await editor.validate(text, 'domain', folder), []);
    rmSync(folder, { recursive: true, force: true });
    assert.deepEqual(await batch.validate(text, 'domain', folder), [], 'the batch keeps what it compiled');
    await assert.rejects(editor.validate(text, 'domain', folder), 'the editor sees the folder gone');
  } finally {
    batch.dispose();
    editor.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});
