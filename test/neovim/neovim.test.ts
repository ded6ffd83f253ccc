import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findOrInstall } from '../debianPackage';

/**
 * The language server in a real editor other than VS Code: Debian's Neovim, headless, with the
 * very config README shows (editors/neovim/libvirt-xml.lua), opens a domain of a small workspace
 * and is asked, as a user's keystrokes would ask, for diagnostics and portgroup completion.
 */

/** The repository root (this file runs from out/test/neovim). */
const repositoryRoot = path.resolve(__dirname, '../../..');
const neovimConfig = path.join(repositoryRoot, 'editors/neovim/libvirt-xml.lua');
const testFolder = path.join(repositoryRoot, 'test/neovim');

const labNetwork = `<network>
  <name>lab</name>
  <forward mode='nat'/>
  <bridge name='virbr7'/>
  <ip address='192.168.7.1' netmask='255.255.255.0'/>
  <portgroup name='office' default='yes'/>
  <portgroup name='guests'/>
</network>
`;

/** One interface with a misspelled portgroup, one being typed: `portgroup='|'`. */
const webDomain = `<domain type='kvm'>
  <name>web</name>
  <memory unit='MiB'>512</memory>
  <os>
    <type arch='x86_64'>hvm</type>
  </os>
  <devices>
    <interface type='network'>
      <mac address='52:54:00:00:00:01'/>
      <source network='lab' portgroup='ofice'/>
    </interface>
    <interface type='network'>
      <mac address='52:54:00:00:00:02'/>
      <source network='lab' portgroup=''/>
    </interface>
  </devices>
</domain>
`;

/** What askServer.lua writes: Neovim's own diagnostics and the completion responses. */
interface NeovimAnswers {
  readonly error?: string;
  readonly clients: ReadonlyArray<{ name: string; root: string }>;
  readonly diagnostics: ReadonlyArray<{ lnum: number; col: number; end_col: number; severity: number; code?: string; message: string; source?: string }>;
  readonly completion?: ReadonlyArray<{ items?: ReadonlyArray<{ label: string }> } | ReadonlyArray<{ label: string }>>;
}

/**
 * A workspace (a git repository, so the config takes it as the root) with the domain, a network
 * folder outside it that only `networkPaths` names, and `libvirt-xml` on PATH as an install puts it.
 */
function makeFixture(root: string): { workspace: string; domainFile: string; networkFolder: string; bin: string } {
  const workspace = path.join(root, 'workspace');
  const networkFolder = path.join(root, 'netdefs');
  const bin = path.join(root, 'bin');
  for (const folder of [path.join(workspace, '.git'), path.join(workspace, 'domains'), networkFolder, bin]) mkdirSync(folder, { recursive: true });
  const domainFile = path.join(workspace, 'domains/web.xml');
  writeFileSync(domainFile, webDomain);
  writeFileSync(path.join(networkFolder, 'lab.xml'), labNetwork);
  symlinkSync(path.join(repositoryRoot, 'dist/cli.js'), path.join(bin, 'libvirt-xml'));
  return { workspace, domainFile, networkFolder, bin };
}

/** Zero-based line and character just inside `portgroup=''`. */
function emptyPortgroupPosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => candidate.includes("portgroup=''"));
  return { line, character: lines[line].indexOf("portgroup=''") + "portgroup='".length };
}

/** Runs headless Neovim on the domain and returns what askServer.lua wrote; kills it (by PID) after a minute. */
async function askThroughNeovim(
  root: string,
  fixture: ReturnType<typeof makeFixture>,
): Promise<{ status: number | null; answers: NeovimAnswers; stderr: string }> {
  const outFile = path.join(root, 'answers.json');
  const position = emptyPortgroupPosition(webDomain);
  const state = path.join(root, 'xdg');
  const env = {
    ...process.env,
    PATH: `${fixture.bin}${path.delimiter}${process.env.PATH ?? ''}`,
    // Neovim's own files (lsp.log, shada, plugins) in the fixture, never the user's.
    XDG_CONFIG_HOME: path.join(state, 'config'),
    XDG_DATA_HOME: path.join(state, 'data'),
    XDG_STATE_HOME: path.join(state, 'state'),
    XDG_CACHE_HOME: path.join(state, 'cache'),
    NVIM_TEST_CONFIG: neovimConfig,
    NVIM_TEST_NETWORK_FOLDER: fixture.networkFolder,
    NVIM_TEST_OUT: outFile,
    NVIM_TEST_DIAGNOSTIC_CODE: 'unknown-portgroup',
    NVIM_TEST_COMPLETION_LINE: String(position.line),
    NVIM_TEST_COMPLETION_CHARACTER: String(position.character),
  };
  const args = [
    '--headless',
    '-n',
    '-i',
    'NONE',
    '-u',
    path.join(testFolder, 'init.lua'),
    '-c',
    `luafile ${path.join(testFolder, 'askServer.lua')}`,
    'domains/web.xml',
  ];
  const child = spawn('nvim', args, { cwd: fixture.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(killer);
  let answers: NeovimAnswers;
  try {
    answers = JSON.parse(readFileSync(outFile, 'utf8')) as NeovimAnswers;
  } catch {
    answers = { error: `no answers written (exit ${status})`, clients: [], diagnostics: [] };
  }
  return { status, answers, stderr };
}

function completionLabels(answers: NeovimAnswers): string[] {
  return (answers.completion ?? [])
    .flatMap((response) => ('items' in response ? (response.items ?? []) : (response as ReadonlyArray<{ label: string }>)))
    .map((item) => item.label);
}

/** The oldest Neovim the config supports: nvim_create_autocmd came in 0.7. */
const oldestMinor = 7;

/** Debian's Neovim, or why the test cannot run it. */
function neovimOrSkip(): { version: string } | { skip: string } {
  const neovim = findOrInstall({ command: 'nvim', debianPackage: 'neovim' });
  if ('skip' in neovim) return neovim;
  const minor = /^NVIM v0\.(\d+)\./.exec(neovim.version)?.[1];
  return minor !== undefined && Number(minor) < oldestMinor
    ? { skip: `${neovim.version} is older than Neovim 0.${oldestMinor}, which the config needs` }
    : neovim;
}

describe('Neovim with editors/neovim/libvirt-xml.lua', () => {
  let neovim: ReturnType<typeof neovimOrSkip>;
  let root: string;
  let result: Awaited<ReturnType<typeof askThroughNeovim>> | undefined;

  before(async () => {
    neovim = neovimOrSkip();
    if ('skip' in neovim) return;
    root = mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-neovim-'));
    result = await askThroughNeovim(root, makeFixture(root));
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('shows the unknown-portgroup warning with libvirt-xml as source, found through networkPaths', (t) => {
    if ('skip' in neovim) return t.skip(neovim.skip);
    assert.ok(result);
    assert.equal(result.answers.error, undefined, `${result.answers.error}\n${result.stderr}`);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(
      result.answers.clients.map((client) => client.name),
      ['libvirt-xml'],
    );
    assert.equal(result.answers.clients[0].root, path.join(root, 'workspace'), 'the git repository is the root');
    const misspelled = result.answers.diagnostics.find((d) => d.message.includes("'ofice'"));
    assert.ok(misspelled, JSON.stringify(result.answers.diagnostics));
    assert.equal(misspelled.message, "Unknown portgroup 'ofice' (did you mean 'office'?): not in network 'lab', so libvirt applies no portgroup settings");
    assert.equal(misspelled.severity, 2, 'a warning: libvirt starts the domain all the same');
    assert.equal(misspelled.source, 'libvirt-xml');
    assert.deepEqual([misspelled.lnum, misspelled.col, misspelled.end_col], [9, 39, 44], "the range of 'ofice'");
    assert.ok(
      result.answers.diagnostics.every((d) => !/Network not found|could not be checked/.test(d.message)),
      'network lab comes from the networkPaths folder',
    );
  });

  it("completes the network's portgroups at portgroup='|'", (t) => {
    if ('skip' in neovim) return t.skip(neovim.skip);
    assert.ok(result);
    assert.deepEqual(completionLabels(result.answers), ['office', 'guests']);
  });

  it("is the config README shows under 'For other editors'", () => {
    const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8');
    const config = readFileSync(neovimConfig, 'utf8');
    assert.ok(readme.includes('```lua\n' + config + '```'), 'README.md carries editors/neovim/libvirt-xml.lua verbatim in a lua block');
  });
});
