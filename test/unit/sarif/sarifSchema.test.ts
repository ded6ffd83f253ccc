import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { runCli } from '../../../server/src/cli/main';
import { captureOutput, domainWith, network, repoRoot, tempTree } from '../../../server/src/testing';
import { makeFifo, skipWithoutSpecialFiles } from '../../../server/src/testing/specialFiles';

/**
 * `check --format sarif` end to end, its log validated against the SARIF 2.1.0 schema (the copy
 * beside this file, see sarif-2.1.0.LICENSE) with ajv in strict mode, formats (uri,
 * uri-reference) checked too.
 */

const schema = JSON.parse(readFileSync(path.join(repoRoot(), 'test/unit/sarif/sarif-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

function assertValidSarif(log: unknown): asserts log is Sarif.Log {
  const valid = validateSarif(log);
  assert.ok(valid, JSON.stringify(validateSarif.errors, null, 2));
}

async function checkAsSarif(...argv: string[]): Promise<{ status: number; log: Sarif.Log; err: string }> {
  const out = captureOutput();
  const status = await runCli(['check', '--format', 'sarif', ...argv], out);
  const log = JSON.parse(out.out) as unknown;
  assertValidSarif(log);
  return { status, log, err: out.err };
}

const lan = network('lan', `  <forward mode='nat'/><ip address='192.168.122.1' prefix='24'/>\n  <portgroup name='office'/>\n  <portgroup name='office'/>`);
const web = domainWith(
  `<interface type='network'>\n      <mac address='52:54:00:00:00:01'/>\n      <source network='lan' portgroup='ofice'/>\n    </interface>`,
);
const tagged = network('tagged', `  <tag name='frontend'/>`);

describe('check --format sarif against the SARIF 2.1.0 schema', () => {
  const workingFolder = process.cwd();
  let tree: ReturnType<typeof tempTree>;

  before(() => {
    // Names a URI must escape, a warning, a note and a related location; the run starts in the tree.
    tree = tempTree({
      'networks/lan.xml': lan,
      'my domains/web #1.xml': web,
      'networks/tagged.xml': tagged,
      'dup/a.xml': network('dup', ''),
      'dup/b.xml': network('dup', ''),
    });
    process.chdir(tree.dir);
  });

  after(() => {
    process.chdir(workingFolder);
    tree.cleanup();
  });

  test('errors, warnings and notes with relative, escaped URIs and related locations', async () => {
    const { status, log } = await checkAsSarif('.', '--no-host-networks');
    assert.equal(status, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'libvirt-xml');
    assert.equal(run.tool.driver.version, (JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version);
    const results = run.results ?? [];
    const byRule = (id: string) => results.filter((result) => result.ruleId === id);
    assert.deepEqual([...new Set(results.map((result) => `${result.ruleId} ${result.level}`))].sort(), [
      'duplicate-network warning',
      'duplicate-portgroup error',
      'tag-dropped-by-libvirt note',
      'unknown-portgroup warning',
    ]);
    const [typo] = byRule('unknown-portgroup');
    const typoLocation = typo.locations?.[0].physicalLocation;
    assert.deepEqual(typoLocation?.artifactLocation, { uri: 'my%20domains/web%20%231.xml', uriBaseId: '%SRCROOT%' });
    const sourceLine = web.split('\n').findIndex((line) => line.includes("portgroup='ofice'"));
    const column = web.split('\n')[sourceLine].indexOf('ofice') + 1;
    assert.deepEqual(typoLocation?.region, { startLine: sourceLine + 1, startColumn: column, endLine: sourceLine + 1, endColumn: column + 'ofice'.length });
    assert.match(typo.message.text ?? '', /did you mean 'office'/);
    const [duplicate] = byRule('duplicate-portgroup');
    assert.equal(duplicate.relatedLocations?.[0].physicalLocation?.artifactLocation?.uri, 'networks/lan.xml');
    assert.equal(duplicate.relatedLocations?.[0].physicalLocation?.region?.startLine, 4);
  });

  test('the same findings as the text format, in the same order', async () => {
    const text = captureOutput();
    await runCli(['check', '.', '--no-host-networks'], text);
    const lines = text.out.trimEnd().split('\n').slice(0, -1);
    const { log } = await checkAsSarif('.', '--no-host-networks');
    const asLines = (log.runs[0].results ?? []).map((result) => {
      const location = result.locations?.[0].physicalLocation;
      return `${decodeURIComponent(location?.artifactLocation?.uri ?? '')}:${location?.region?.startLine}:${location?.region?.startColumn} [${result.ruleId}]`;
    });
    assert.deepEqual(
      asLines,
      lines.map((line) => line.replace(/^(.+?:\d+:\d+): .* (\[[a-z-]+\])$/, '$1 $2')),
    );
  });

  test('a file skipped in a folder is a warning at its start', { skip: skipWithoutSpecialFiles }, async () => {
    makeFifo(path.join(tree.dir, 'networks/pipe.xml'));
    const { log } = await checkAsSarif('networks', '--no-host-networks');
    const skipped = (log.runs[0].results ?? []).find((result) => result.ruleId === 'file-skipped');
    assert.equal(skipped?.level, 'warning');
    assert.deepEqual(skipped?.locations?.[0].physicalLocation, {
      artifactLocation: { uri: 'networks/pipe.xml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    });
  });

  test('a file outside the working folder: its absolute file URI', async () => {
    const { dir, cleanup } = tempTree({ 'web.xml': web });
    try {
      const { log } = await checkAsSarif(dir, '--no-host-networks');
      const uris = (log.runs[0].results ?? []).map((result) => result.locations?.[0].physicalLocation?.artifactLocation);
      assert.deepEqual(uris, [{ uri: `file://${dir}/web.xml` }]);
    } finally {
      cleanup();
    }
  });

  test('status has no SARIF: a usage error', async () => {
    const out = captureOutput();
    assert.equal(await runCli(['status', 'x.xml', '--format', 'sarif'], out), 2);
    assert.match(out.err, /--format sarif is for check/);
  });
});

const hasVirsh = spawnSync('virsh', ['--version']).status === 0;

describe('the host audit as SARIF (libvirt test driver)', { skip: hasVirsh ? false : 'virsh is not installed (libvirt-clients)' }, () => {
  test("a domain's finding at its libvirt: URI, the domain as a logical location", async () => {
    const { dir, cleanup } = tempTree({});
    try {
      const host = path.join(dir, 'host.xml');
      const domain = `<domain type='test'>\n  <name>web01</name>\n  <uuid>5d4f2c1a-8e3b-4a6f-9c2d-7b1e0a9f3c11</uuid>\n  <memory>65536</memory>\n  <os><type>hvm</type></os>\n  <devices>\n    <interface type='network'>\n      <mac address='52:54:00:00:00:09'/>\n      <source network='lan' portgroup='ofice'/>\n    </interface>\n  </devices>\n</domain>`;
      // UUIDs written out: the test driver would make new ones in each virsh process.
      const bridged = network(
        'lan',
        `  <uuid>0e6a7d3b-1f24-4c8e-b5a9-3d2c1b0a9f88</uuid>\n  <forward mode='bridge'/>\n  <bridge name='br9'/>\n  <portgroup name='office'/>`,
      );
      writeFileSync(host, `<node>\n${bridged}${domain}\n</node>\n`);
      const { status, log } = await checkAsSarif('--connect', `test://${host}`);
      assert.equal(status, 0, 'a misspelled portgroup alone is a warning: libvirt starts the domain');
      const results = (log.runs[0].results ?? []).filter((result) => result.ruleId === 'unknown-portgroup');
      assert.equal(results.length, 1, JSON.stringify(log.runs[0].results));
      const [location] = results[0].locations ?? [];
      assert.match(location.physicalLocation?.artifactLocation?.uri ?? '', /^libvirt:\/\/[a-z0-9-]+\/domain\/web01\.xml$/);
      assert.equal(location.physicalLocation?.artifactLocation?.uriBaseId, undefined);
      assert.deepEqual(location.logicalLocations, [{ name: 'web01', kind: 'domain' }]);
    } finally {
      cleanup();
    }
  });
});
