import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findOrInstall, type ProgramAvailability } from '../debianPackage';

/**
 * .pre-commit-hooks.yaml as the pre-commit framework uses it: a scratch git repository whose
 * .pre-commit-config.yaml names this repository's hook; pre-commit installs it (npm install, npm
 * pack, the packed CLI: some 20 s, once) and runs it on what each commit stages.
 */

/** The repository root (this file runs from out/test/preCommit). */
const repositoryRoot = path.resolve(__dirname, '../../..');

const lab = (portgroups: string) =>
  `<network>\n  <name>lab</name>\n  <forward mode='nat'/>\n  <bridge name='virbr7'/>\n  <ip address='192.168.7.1' netmask='255.255.255.0'/>\n${portgroups}</network>\n`;
const web = `<domain type='kvm'>
  <name>web</name>
  <devices>
    <interface type='network'>
      <mac address='52:54:00:00:00:01'/>
      <source network='lab' portgroup='guests'/>
    </interface>
  </devices>
</domain>
`;

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  let preCommit: ProgramAvailability;
  let root: string;
  let repo: string;

  const gitIn = (cwd: string, ...args: string[]) => {
    const run = spawnSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout;
  };
  const git = (...args: string[]) => gitIn(repo, ...args);
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
    writeFileSync(path.join(repo, relative), text);
  };
  /** The hook on what is staged, as `git commit` would run it. */
  const runHook = () => {
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(root, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never' };
    const run = spawnSync('pre-commit', ['run', '--color', 'never'], { cwd: repo, env, encoding: 'utf8', timeout: 540_000 });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  };

  /**
   * This repository as it is now, changes and new files included, committed in a clone of its
   * own: pre-commit installs a hook from a commit, and a developer's changes are not committed yet.
   */
  const snapshotOfRepository = (into: string): string => {
    gitIn(root, 'clone', '-q', repositoryRoot, into);
    const diff = spawnSync('git', ['diff', 'HEAD', '--binary'], { cwd: repositoryRoot, maxBuffer: 256 * 1024 * 1024 });
    if (diff.stdout.length > 0)
      assert.equal(spawnSync('git', ['apply', '--whitespace=nowarn'], { cwd: into, input: diff.stdout }).status, 0, "the working tree's changes apply");
    const added = gitIn(repositoryRoot, 'ls-files', '--others', '--exclude-standard', '-z').split('\0').filter(Boolean);
    for (const file of added) cpSync(path.join(repositoryRoot, file), path.join(into, file));
    gitIn(into, 'add', '-A');
    gitIn(into, 'commit', '-q', '--allow-empty', '--no-verify', '-m', 'the working tree under test');
    return gitIn(into, 'rev-parse', 'HEAD').trim();
  };

  before(() => {
    preCommit = findOrInstall({ command: 'pre-commit', debianPackage: 'pre-commit' });
    if ('skip' in preCommit) return;
    root = mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-pre-commit-'));
    const hookSource = path.join(root, 'libvirt-xml');
    const rev = snapshotOfRepository(hookSource);
    repo = path.join(root, 'repo');
    mkdirSync(repo);
    git('init', '-q');
    write('.pre-commit-config.yaml', `repos:\n  - repo: ${hookSource}\n    rev: ${rev}\n    hooks:\n      - id: libvirt-xml\n`);
    git('add', '.pre-commit-config.yaml');
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it("is a valid manifest whose hook runs the package's CLI", (t) => {
    if ('skip' in preCommit) return t.skip(preCommit.skip);
    const validation = spawnSync('pre-commit', ['validate-manifest', path.join(repositoryRoot, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
    assert.equal(validation.status, 0, `${validation.stdout}${validation.stderr}`);
    const manifest = readFileSync(path.join(repositoryRoot, '.pre-commit-hooks.yaml'), 'utf8');
    assert.match(manifest, /^- id: libvirt-xml$/m);
    assert.match(manifest, /^ {2}entry: libvirt-xml check\b/m);
    const bin = (JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    assert.ok(bin['libvirt-xml'], 'the entry is the package.json bin');
  });

  it('passes a clean commit of a network and a domain', { timeout: 600_000 }, (t) => {
    if ('skip' in preCommit) return t.skip(preCommit.skip);
    write('networks/lab.xml', lab("  <portgroup name='guests'/>\n"));
    write('domains/web.xml', web);
    git('add', '.');
    const { status, output } = runHook();
    assert.equal(status, 0, output);
    assert.match(output, /libvirt-xml check\.+Passed/);
    git('commit', '-q', '-m', 'lab and web');
  });

  it('fails when a network change breaks a domain the commit does not touch', { timeout: 600_000 }, (t) => {
    if ('skip' in preCommit) return t.skip(preCommit.skip);
    // A macvtap mode without devices: the domain's port cannot be allocated (an error on the domain).
    write('networks/lab.xml', "<network>\n  <name>lab</name>\n  <forward mode='passthrough'/>\n  <portgroup name='guests'/>\n</network>\n");
    git('add', 'networks/lab.xml');
    const { status, output } = runHook();
    assert.equal(status, 1, output);
    assert.match(output, /libvirt-xml check\.+Failed/);
    assert.match(
      output,
      /domains\/web\.xml:6:\d+: error: internal error: network 'lab' uses a direct mode, but has no forward dev and no interface pool \[empty-device-pool\]/,
    );
    git('checkout', '-q', 'HEAD', '--', 'networks/lab.xml');
  });

  it('is skipped when the commit changes no XML', { timeout: 600_000 }, (t) => {
    if ('skip' in preCommit) return t.skip(preCommit.skip);
    write('notes.txt', 'not XML\n');
    git('add', 'notes.txt');
    const { status, output } = runHook();
    assert.equal(status, 0, output);
    assert.match(output, /libvirt-xml check\.+\(no files to check\)Skipped/);
  });
});
