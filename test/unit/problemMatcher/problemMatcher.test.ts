import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../server/src/cli/main';
import { captureOutput, domainWith, network, repoRoot, tempTree } from '../../../server/src/testing';

/**
 * The problem matcher package.json contributes (`$libvirt-xml` in a tasks.json) read against what
 * `check` really prints: each finding line gives back the finding's file, place, severity,
 * message and code (as the JSON format has them), and no other line matches. VS Code evaluates the
 * pattern as a JavaScript regular expression, as here.
 */

interface ProblemPattern {
  readonly regexp: string;
  readonly file: number;
  readonly line: number;
  readonly column: number;
  readonly severity: number;
  readonly message: number;
  readonly code: number;
}

interface ProblemMatcher {
  readonly name: string;
  readonly owner: string;
  readonly fileLocation: readonly string[];
  readonly pattern: ProblemPattern;
}

const manifest = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { problemMatchers: ProblemMatcher[] } };
const matcher = manifest.contributes.problemMatchers.find((candidate) => candidate.name === 'libvirt-xml');

const lan = network('lan', `  <forward mode='nat'/><ip address='192.168.122.1' prefix='24'/>\n  <portgroup name='office'/>`);
const typo = domainWith(
  `<interface type='network'>\n      <mac address='52:54:00:00:00:01'/>\n      <source network='lan' portgroup='ofice'/>\n    </interface>`,
  `<interface type='user'>\n      <mac address='52:54:00:00:00:02'/>\n      <vlan><tag id='5'/></vlan>\n    </interface>`,
);

describe('the libvirt-xml problem matcher', () => {
  test('is contributed as $libvirt-xml, with paths relative to the workspace folder or absolute', () => {
    assert.ok(matcher);
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });

  test("reads every finding line of check's text output, and nothing else", async () => {
    assert.ok(matcher);
    const pattern = matcher.pattern;
    // An error, warnings, an info, and file names with a space and a colon.
    const { dir, cleanup } = tempTree({
      'networks/lan.xml': lan,
      'domains/web 1.xml': typo,
      'a:b/dup.xml': network('dup', `  <tag name='t'/>`),
      'dup2.xml': network('dup', ''),
    });
    try {
      const text = captureOutput();
      const json = captureOutput();
      await runCli(['check', dir, '--no-host-networks'], text);
      await runCli(['check', dir, '--no-host-networks', '--format', 'json'], json);
      const expected = (
        JSON.parse(json.out) as { findings: Array<{ file: string; line: number; column: number; severity: string; message: string; code: string }> }
      ).findings;
      assert.deepEqual([...new Set(expected.map((finding) => finding.severity))].sort(), ['error', 'info', 'warning']);
      const regexp = new RegExp(pattern.regexp);
      const matched = text.out
        .trimEnd()
        .split('\n')
        .map((line) => regexp.exec(line))
        .filter((match) => match !== null);
      assert.deepEqual(
        matched.map((match) => ({
          file: match[pattern.file],
          line: Number(match[pattern.line]),
          column: Number(match[pattern.column]),
          severity: match[pattern.severity],
          message: match[pattern.message],
          code: match[pattern.code],
        })),
        expected.map(({ file, line, column, severity, message, code }) => ({ file, line, column, severity, message, code })),
      );
      assert.equal(text.out.trimEnd().split('\n').length, matched.length + 1, 'the summary line is not a problem');
    } finally {
      cleanup();
    }
  });

  test('is the one README documents', () => {
    assert.ok(matcher);
    const readme = readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    assert.ok(readme.includes(JSON.stringify(matcher.pattern.regexp)), 'README.md shows the pattern');
  });
});
