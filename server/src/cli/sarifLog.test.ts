import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { LocatedFinding } from './findingFormat';
import { findingRuleDescriptions } from './findingRules';
import { artifactLocation, sarifLog, workingFolderBaseId } from './sarifLog';

const workingFolder = path.resolve('/srv/infra');

function finding(overrides: Partial<LocatedFinding>): LocatedFinding {
  return {
    uri: pathToFileURL(path.join(workingFolder, 'domains/web.xml')).href,
    file: 'domains/web.xml',
    line: 6,
    column: 40,
    endLine: 6,
    endColumn: 45,
    severity: 'error',
    code: 'unknown-portgroup',
    message: "network 'lan' has no portgroup 'ofice'",
    ...overrides,
  };
}

describe('sarifLog', () => {
  test('one run of libvirt-xml with its version and a rule for every code, described', () => {
    const log = sarifLog([], { toolVersion: '1.2.3', workingFolder });
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0].tool;
    assert.equal(driver.name, 'libvirt-xml');
    assert.equal(driver.version, '1.2.3');
    assert.deepEqual(
      driver.rules?.map((rule) => rule.id),
      Object.keys(findingRuleDescriptions),
    );
    assert.equal(driver.rules?.find((rule) => rule.id === 'unknown-portgroup')?.shortDescription?.text, findingRuleDescriptions['unknown-portgroup']);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(sarifLog([], { toolVersion: undefined, workingFolder }).runs[0].tool.driver.version, undefined);
  });

  test('a result per finding: rule id and index, level, message, 1-based region', () => {
    const log = sarifLog([finding({})], { toolVersion: '1.2.3', workingFolder });
    const [result] = log.runs[0].results ?? [];
    const rules = log.runs[0].tool.driver.rules ?? [];
    assert.equal(result.ruleId, 'unknown-portgroup');
    assert.equal(rules[result.ruleIndex ?? -1].id, 'unknown-portgroup');
    assert.equal(result.level, 'error');
    assert.equal(result.message.text, "network 'lan' has no portgroup 'ofice'");
    assert.deepEqual(result.locations?.[0].physicalLocation, {
      artifactLocation: { uri: 'domains/web.xml', uriBaseId: workingFolderBaseId },
      region: { startLine: 6, startColumn: 40, endLine: 6, endColumn: 45 },
    });
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(log.runs[0].originalUriBaseIds, { [workingFolderBaseId]: { uri: `${pathToFileURL(workingFolder).href}/` } });
  });

  test('severities become SARIF levels: info is a note', () => {
    const levels = sarifLog([finding({ severity: 'error' }), finding({ severity: 'warning' }), finding({ severity: 'info', code: 'tag-dropped-by-libvirt' })], {
      toolVersion: '1',
      workingFolder,
    }).runs[0].results?.map((result) => result.level);
    assert.deepEqual(levels, ['error', 'warning', 'note']);
  });

  test('related locations keep their message and place', () => {
    const other = pathToFileURL(path.join(workingFolder, 'networks/lan.xml')).href;
    const related = [{ uri: other, file: 'networks/lan.xml', line: 3, column: 14, message: 'the first portgroup' }];
    const [result] = sarifLog([finding({ related })], { toolVersion: '1', workingFolder }).runs[0].results ?? [];
    assert.deepEqual(result.relatedLocations, [
      {
        id: 0,
        message: { text: 'the first portgroup' },
        physicalLocation: { artifactLocation: { uri: 'networks/lan.xml', uriBaseId: workingFolderBaseId }, region: { startLine: 3, startColumn: 14 } },
      },
    ]);
  });

  test('a domain of a libvirt connection (the host audit): its libvirt: URI and the domain as a logical location', () => {
    const [result] =
      sarifLog([finding({ uri: 'libvirt://system/domain/web01.xml', file: 'web01' })], { toolVersion: '1', workingFolder }).runs[0].results ?? [];
    const [location] = result.locations ?? [];
    assert.deepEqual(location.physicalLocation?.artifactLocation, { uri: 'libvirt://system/domain/web01.xml' });
    assert.deepEqual(location.logicalLocations, [{ name: 'web01', kind: 'domain' }]);
  });

  test('a code the rule table does not know still gets a rule of its own', () => {
    const log = sarifLog([finding({ code: 'something-new' })], { toolVersion: '1', workingFolder });
    const rules = log.runs[0].tool.driver.rules ?? [];
    const [result] = log.runs[0].results ?? [];
    assert.equal(rules[result.ruleIndex ?? -1].id, 'something-new');
  });
});

describe('artifactLocation', () => {
  const at = (relative: string) => pathToFileURL(path.join(workingFolder, relative)).href;

  test('below the working folder: relative, each segment percent-encoded', () => {
    assert.deepEqual(artifactLocation(at('my domains/a#1.xml'), workingFolder), { uri: 'my%20domains/a%231.xml', uriBaseId: workingFolderBaseId });
    assert.deepEqual(artifactLocation(at('..hidden/x.xml'), workingFolder), { uri: '..hidden/x.xml', uriBaseId: workingFolderBaseId });
  });

  test('elsewhere: the absolute file URI', () => {
    const outside = pathToFileURL(path.resolve('/etc/libvirt/qemu/networks/default.xml')).href;
    assert.deepEqual(artifactLocation(outside, workingFolder), { uri: outside });
    assert.deepEqual(artifactLocation(at('../other/x.xml'), workingFolder), { uri: pathToFileURL(path.resolve('/srv/other/x.xml')).href });
  });

  test('a libvirt: object as it is', () => {
    assert.deepEqual(artifactLocation('libvirt://system/network/default.xml', workingFolder), { uri: 'libvirt://system/network/default.xml' });
  });
});
