import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from './main';
import { FindingReport } from './findingReport';
import type { LocatedFinding } from './findingFormat';
import { captureOutput, domainWith, network, tempTree } from '../testing';

/*
 * `check` reads networks first and then every other file one at a time, printing as it goes
 * (checkCommand, workspaceSurvey): what a user sees must not depend on that order of work.
 */

const lanNetwork = network('lan', `  <forward mode='nat'/><ip address='192.168.122.1' prefix='24'/>\n  <bridge name='virbr3'/>\n  <portgroup name='office'/>`);
const domainOn = (networkName: string, name: string) =>
  domainWith(`<interface type='network'>\n      <source network='${networkName}'/>\n    </interface>`).replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`);

async function check(dir: string) {
  const out = captureOutput();
  const status = await runCli(['check', dir, '--no-host-networks'], out);
  return { status, lines: out.out.trimEnd().split('\n'), err: out.err };
}

describe('cli: check reads networks first, then each file in turn', () => {
  test('a network listed after the domains that use it (in the walk) still resolves them', async () => {
    // The walk visits a/ before z/: every domain is met before the network it names.
    const { dir, cleanup } = tempTree({ 'a/one.xml': domainOn('lan', 'one'), 'a/two.xml': domainOn('lan', 'two'), 'z/lan.xml': lanNetwork });
    try {
      const { status, lines } = await check(dir);
      assert.equal(status, 0, lines.join('\n'));
      assert.deepEqual(lines, ['checked 3 files (1 network, 2 domains): 0 errors, 0 warnings, 0 infos']);
    } finally {
      cleanup();
    }
  });

  test('findings come in URI order of the files, networks and domains mixed, not in the order of the walk', async () => {
    // The walk goes a/ then a-b.xml (entry names sorted); URIs sort a-b.xml ('-') before a/ ('/').
    const duplicate = network('lan', `  <bridge name='virbr9'/>`);
    const { dir, cleanup } = tempTree({
      'a/x.xml': domainOn('nowhere', 'x'),
      'a-b.xml': domainOn('elsewhere', 'b'),
      'lan.xml': lanNetwork,
      'm/lan.xml': duplicate,
    });
    try {
      const { lines } = await check(dir);
      const files = lines.slice(0, -1).map((line) => path.relative(dir, path.resolve(line.split(':')[0])));
      assert.deepEqual(files, ['a-b.xml', 'a/x.xml', 'lan.xml', 'm/lan.xml']);
    } finally {
      cleanup();
    }
  });

  test('every file is reported once, in order, when the output is written in several chunks', async () => {
    const files: Record<string, string> = { 'lan.xml': lanNetwork };
    for (let i = 0; i < 700; i++) files[`d${String(i).padStart(4, '0')}.xml`] = domainOn(`missing-network-with-a-long-name-${i}`, `vm${i}`);
    const { dir, cleanup } = tempTree(files);
    try {
      const { status, lines } = await check(dir);
      assert.equal(status, 1);
      const reported = lines.slice(0, -1).map((line) => path.basename(line.split(':')[0]));
      assert.equal(reported.length, 700);
      assert.deepEqual(reported, [...reported].sort());
      assert.equal(new Set(reported).size, 700);
      assert.equal(lines.at(-1), 'checked 701 files (1 network, 700 domains): 700 errors, 0 warnings, 0 infos');
    } finally {
      cleanup();
    }
  });
});

describe('FindingReport', () => {
  const finding = (i: number): LocatedFinding => ({
    uri: `file:///w/d${i}.xml`,
    file: `d${i}.xml`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    severity: i % 2 === 0 ? 'error' : 'info',
    code: 'unknown-network',
    message: `Network not found: no network with matching name 'n${i}' ${'x'.repeat(100)}`,
  });

  test('text is written while findings come, not held until the end', () => {
    const out = captureOutput();
    const report = new FindingReport('text', out);
    for (let i = 0; i < 1000; i++) report.add([finding(i)]);
    assert.ok(out.out.length > 0, 'written before flush');
    assert.equal(report.kept.length, 0, 'text keeps no finding');
    report.flush();
    assert.equal(out.out.split('\n').length - 1, 1000);
    assert.deepEqual(report.totals, { errors: 500, warnings: 0, infos: 500 });
  });

  test('JSON keeps the findings for the one document it writes at the end, and writes nothing meanwhile', () => {
    const out = captureOutput();
    const report = new FindingReport('json', out);
    for (let i = 0; i < 1000; i++) report.add([finding(i)]);
    assert.equal(out.out, '');
    assert.equal(report.kept.length, 1000);
  });
});
