import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from './main';
import { captureOutput, childFilter, defaultPool, diskVolume, domainWith, domainWithDevices, network, repoRoot, tempTree, topFilter } from '../testing';
import { makeFifo, skipWithoutSpecialFiles } from '../testing/specialFiles';

const findingLine = /^(.+):(\d+):(\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/;
const summaryLine = /^checked (\d+) files? \((\d+) networks?, (\d+) domains?\): (\d+) errors?, (\d+) warnings?, (\d+) infos?$/;

const lanNetwork = network(
  'lan',
  `  <forward mode='nat'/><ip address='192.168.122.1' prefix='24'/>\n  <bridge name='virbr3'/>\n  <portgroup name='office' default='yes'/>`,
);
const goodDomain = domainWith(
  `<interface type='network'>\n      <mac address='52:54:00:00:00:01'/>\n      <source network='lan'/>\n      <model type='virtio'/>\n    </interface>`,
);
const badDomain = domainWith(
  `<interface type='network'>\n      <mac address='52:54:00:00:00:02'/>\n      <source network='lann' portgroup='ofice'/>\n    </interface>`,
);

async function run(...argv: string[]) {
  const out = captureOutput();
  const status = await runCli(argv, out);
  return { status, out: out.out, err: out.err };
}

describe('cli: check', () => {
  test('a clean tree: exit 0 and only the summary line', async () => {
    const { dir, cleanup } = tempTree({ 'networks/lan.xml': lanNetwork, 'domains/good.xml': goodDomain, 'notes.txt': 'x' });
    try {
      const { status, out, err } = await run('check', dir, '--no-host-networks');
      assert.equal(status, 0);
      assert.equal(err, '');
      assert.equal(out, 'checked 2 files (1 network, 1 domain): 0 errors, 0 warnings, 0 infos\n');
    } finally {
      cleanup();
    }
  });

  test('an error: exit 1, one line per finding in FILE:LINE:COL: severity: MESSAGE [CODE] form, 1-based', async () => {
    const { dir, cleanup } = tempTree({ 'networks/lan.xml': lanNetwork, 'domains/bad.xml': badDomain });
    try {
      const { status, out } = await run('check', dir, '--no-host-networks');
      assert.equal(status, 1);
      const lines = out.trimEnd().split('\n');
      const summary = lines.pop()!;
      assert.match(summary, summaryLine);
      assert.equal(summary, 'checked 2 files (1 network, 1 domain): 1 error, 0 warnings, 0 infos');
      assert.equal(lines.length, 1);
      const [, file, line, column, severity, message, code] = findingLine.exec(lines[0])!;
      assert.equal(path.resolve(file), path.join(dir, 'domains/bad.xml'), 'the path as given, relative to the working folder when below it');
      // badDomain line 6 is `      <source network='lann' portgroup='ofice'/>`; the value starts after the quote.
      const sourceLine = badDomain.split('\n')[5];
      assert.equal(Number(line), 6);
      assert.equal(Number(column), sourceLine.indexOf('lann') + 1);
      assert.equal(severity, 'error');
      assert.equal(message, "Network not found: no network with matching name 'lann' (did you mean 'lan'?)");
      assert.equal(code, 'unknown-network');
    } finally {
      cleanup();
    }
  });

  test('warnings and infos alone keep exit 0', async () => {
    const { dir, cleanup } = tempTree({
      'a.xml': network('dup', `  <tag name='t'/>`),
      'b.xml': network('dup', ''),
    });
    try {
      const { status, out } = await run('check', dir, '--no-host-networks');
      assert.equal(status, 0);
      const lines = out.trimEnd().split('\n');
      for (const line of lines.slice(0, -1)) assert.match(line, findingLine);
      assert.match(lines.at(-1)!, /: 0 errors, 2 warnings, 1 info$/);
    } finally {
      cleanup();
    }
  });

  test('--format json: the same findings, parseable, with totals', async () => {
    const { dir, cleanup } = tempTree({ 'networks/lan.xml': lanNetwork, 'domains/bad.xml': badDomain });
    try {
      const { status, out } = await run('check', '--format', 'json', dir, '--no-host-networks');
      assert.equal(status, 1);
      const json = JSON.parse(out);
      assert.deepEqual([json.files, json.networks, json.domains, json.errors, json.warnings, json.infos], [2, 1, 1, 1, 0, 0]);
      assert.equal(json.findings.length, 1);
      const [finding] = json.findings;
      assert.equal(finding.code, 'unknown-network');
      assert.equal(finding.severity, 'error');
      assert.equal(finding.line, 6);
      assert.deepEqual(finding.suggestions, ['lan']);
      assert.equal(path.resolve(finding.file), path.join(dir, 'domains/bad.xml'));
    } finally {
      cleanup();
    }
  });

  test('a single file can be named; related findings of other files are not reported', async () => {
    const { dir, cleanup } = tempTree({ 'lan.xml': lanNetwork, 'broken.xml': '<network><name>x</name>' });
    try {
      const { status, out } = await run('check', path.join(dir, 'lan.xml'), '--no-host-networks');
      assert.equal(status, 0);
      assert.match(out, /^checked 1 file \(1 network, 0 domains\)/);
    } finally {
      cleanup();
    }
  });

  test('pools, volumes and filters are counted in the summary (and in JSON) when some were checked', async () => {
    const pool = `<pool type='dir'>\n  <name>default</name>\n  <target><path>/var/lib/libvirt/images</path></target>\n</pool>\n`;
    const volume = `<volume type='file'>\n  <name>root.qcow2</name>\n  <capacity unit='GiB'>1</capacity>\n</volume>\n`;
    const filter = (name: string) => `<filter name='${name}' chain='ipv4'>\n  <rule action='accept' direction='in'><all/></rule>\n</filter>\n`;
    const { dir, cleanup } = tempTree({
      'storage/default.xml': pool,
      'storage/default/root.xml': volume,
      'nwfilter/a.xml': filter('a'),
      'nwfilter/b.xml': filter('b'),
      'domains/good.xml': goodDomain,
      'networks/lan.xml': lanNetwork,
    });
    try {
      const text = await run('check', dir, '--no-host-networks');
      assert.equal(text.status, 0);
      assert.equal(text.out, 'checked 6 files (1 network, 1 domain, 1 pool, 1 volume, 2 filters): 0 errors, 0 warnings, 0 infos\n');
      const json = JSON.parse((await run('check', '--format', 'json', dir, '--no-host-networks')).out);
      assert.deepEqual([json.files, json.networks, json.domains, json.pools, json.volumes, json.filters], [6, 1, 1, 1, 1, 2]);
    } finally {
      cleanup();
    }
  });

  test('malformed XML is an error with its position', async () => {
    const { dir, cleanup } = tempTree({ 'n.xml': `<network>\n  <name>x</nam>\n</network>\n` });
    try {
      const { status, out } = await run('check', dir, '--no-host-networks');
      assert.equal(status, 1);
      const [, , line, column, severity, message, code] = findingLine.exec(out.split('\n')[0])!;
      assert.deepEqual([line, column, severity, code], ['2', '10', 'error', 'malformed-xml']);
      assert.match(message, /^malformed XML: Expected closing tag 'name'/);
    } finally {
      cleanup();
    }
  });
});

describe('cli: check of a folder with files it cannot read', () => {
  test('a skipped file is a warning, listed in the summary with its reason; exit 0 when nothing is an error', async () => {
    const { dir, cleanup } = tempTree({ 'lan.xml': lanNetwork, 'big.xml': '' });
    try {
      fs.truncateSync(path.join(dir, 'big.xml'), 8 * 1024 * 1024 + 1);
      const { status, out, err } = await run('check', dir, '--no-host-networks');
      assert.equal(err, '');
      const lines = out.trimEnd().split('\n');
      assert.match(lines[0], /big\.xml:1:1: warning: not checked: larger than 8 MiB, not indexed \[file-skipped\]$/);
      assert.equal(
        lines[1],
        `checked 1 file (1 network, 0 domains): 0 errors, 1 warning, 0 infos; skipped 1: ${path.join(dir, 'big.xml')} (larger than 8 MiB, not indexed)`,
      );
      assert.equal(status, 0);
      const json = JSON.parse((await run('check', dir, '--no-host-networks', '--format', 'json')).out);
      assert.deepEqual(json.skipped, [{ file: path.join(dir, 'big.xml'), reason: 'larger than 8 MiB, not indexed' }]);
    } finally {
      cleanup();
    }
  });
});

describe('cli: check of a folder holding a FIFO and a device link', { skip: skipWithoutSpecialFiles }, () => {
  test('each is listed as skipped with what it is, and never opened', async () => {
    const { dir, cleanup } = tempTree({ 'lan.xml': lanNetwork });
    try {
      makeFifo(path.join(dir, 'pipe.xml'));
      fs.symlinkSync('/dev/zero', path.join(dir, 'zero.xml'));
      const { status, out } = await run('check', dir, '--no-host-networks');
      const lines = out.trimEnd().split('\n');
      assert.equal(
        lines.at(-1),
        `checked 1 file (1 network, 0 domains): 0 errors, 2 warnings, 0 infos; skipped 2: ${path.join(dir, 'pipe.xml')} (is a FIFO), ${path.join(dir, 'zero.xml')} (is a character device)`,
      );
      assert.equal(status, 0);
    } finally {
      cleanup();
    }
  });
});

describe('cli: usage errors and unreadable input (exit 2)', () => {
  test('an unreadable path', async () => {
    const { status, out, err } = await run('check', '/definitely/not/here', '--no-host-networks');
    assert.equal(status, 2);
    assert.equal(out, '');
    assert.equal(err, 'libvirt-xml: /definitely/not/here: not checked: no such file or folder\n');
  });

  test('a bad flag, a bad format, an unknown command: usage on stderr', async () => {
    for (const argv of [['check', '--bogus'], ['check', '--format', 'xml'], ['frobnicate'], ['status']]) {
      const { status, err } = await run(...argv);
      assert.equal(status, 2, argv.join(' '));
      assert.match(err, /^libvirt-xml: /, argv.join(' '));
      assert.match(err, /usage:/, argv.join(' '));
    }
  });

  test('no command: usage and exit 2; --help: usage and exit 0', async () => {
    const none = await run();
    assert.equal(none.status, 2);
    assert.match(none.out, /^usage:/);
    const help = await run('--help');
    assert.equal(help.status, 0);
    assert.match(help.out, /libvirt-xml check \[PATH\.\.\.\]/);
  });

  test("--version: package.json's version", async () => {
    const { status, out } = await run('--version');
    assert.equal(status, 0);
    assert.equal(out, `${(JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  test('status on a file that is not a domain', async () => {
    const { dir, cleanup } = tempTree({ 'lan.xml': lanNetwork });
    try {
      const { status, err } = await run('status', path.join(dir, 'lan.xml'), '--no-host-networks');
      assert.equal(status, 2);
      assert.match(err, /is not a libvirt domain/);
    } finally {
      cleanup();
    }
  });
});

describe('cli: status', () => {
  const storageFiles = {
    'storage/default.xml': defaultPool,
    'storage/default/disk1.qcow2.xml': diskVolume,
    'nwfilter/s6-child.xml': childFilter,
    'nwfilter/s6-top.xml': topFilter,
    'domains/app.xml': domainWithDevices(`<disk type='volume' device='disk'><source pool='default' volume='disk1.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <interface type='bridge'><mac address='52:54:00:00:00:09'/><source bridge='br0'/><filterref filter='s6-top'/></interface>`),
  };

  test("prints a volume disk's source and an interface's filter chain, with libvirt's error; exit 1", async () => {
    const { dir, cleanup } = tempTree(storageFiles);
    try {
      const { status, out, err } = await run('status', path.join(dir, 'domains/app.xml'), dir, '--no-host-networks');
      assert.equal(status, 1);
      assert.match(out, /<!-- volume disk vda: pool 'default' \(dir\), volume 'disk1.qcow2' -->/);
      assert.match(out, /<!-- {3}runs as a file disk: \/var\/lib\/libvirt\/images\/disk1.qcow2 \(from volume 'disk1.qcow2' in .*disk1.qcow2.xml\) -->/);
      assert.match(out, /<!-- filter chain of interface 0: s6-top → s6-child; binding parameters MAC=52:54:00:00:00:09; IP learning any -->/);
      assert.match(out, /<!-- {3}1\. \[root 500\] accept out ip srcipaddr=\$IP \(learned when the guest sends\) \(filter 's6-child'\) -->/);
      assert.match(
        err,
        /error: internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: DEST \[filter-missing-parameter\]/,
      );
    } finally {
      cleanup();
    }
  });

  test('gives the same as JSON, each value with the file and line it comes from', async () => {
    const { dir, cleanup } = tempTree(storageFiles);
    try {
      const { out } = await run('status', '--format', 'json', path.join(dir, 'domains/app.xml'), dir, '--no-host-networks');
      const json = JSON.parse(out);
      const [disk] = json.volumeDisks;
      assert.deepEqual([disk.actualType, disk.path, disk.error], ['file', '/var/lib/libvirt/images/disk1.qcow2', null]);
      assert.equal(path.resolve(disk.from.path.file), path.join(dir, 'storage/default/disk1.qcow2.xml'));
      assert.equal(disk.from.path.line, 5);
      const chain = json.interfaces[0].filterChain;
      assert.deepEqual(chain.filters, ['s6-top', 's6-child']);
      assert.equal(chain.error, 'internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: DEST');
      assert.deepEqual(chain.rules[1].from.line, 5);
      assert.equal(path.resolve(chain.rules[1].from.file), path.join(dir, 'nwfilter/s6-child.xml'));
    } finally {
      cleanup();
    }
  });

  test('prints each interface as status XML preceded by a comment naming it; exit 0', async () => {
    const { dir, cleanup } = tempTree({ 'networks/lan.xml': lanNetwork, 'domains/good.xml': goodDomain });
    try {
      const { status, out, err } = await run('status', path.join(dir, 'domains/good.xml'), path.join(dir, 'networks'), '--no-host-networks');
      assert.equal(err, '');
      assert.equal(status, 0);
      const lines = out.split('\n');
      assert.equal(lines[0], '<!-- … marks values libvirt assigns when the domain starts -->');
      const comment = /^<!-- interface 0, mac 52:54:00:00:00:01, network 'lan' \((.+)\), portgroup 'office' \(default\) -->$/.exec(lines[1]);
      assert.ok(comment, lines[1]);
      assert.equal(path.resolve(comment[1]), path.join(dir, 'networks/lan.xml'));
      assert.equal(
        lines.slice(2).join('\n'),
        [
          "<interface type='network'>",
          "  <mac address='52:54:00:00:00:01'/>",
          "  <source network='lan' portid='…' bridge='virbr3'/>",
          "  <target dev='…'/>",
          "  <model type='virtio'/>",
          "  <alias name='…'/>",
          '</interface>',
          '',
        ].join('\n'),
      );
    } finally {
      cleanup();
    }
  });

  test("networks default to the domain file's folder; problems go to stderr in the check format; exit 1", async () => {
    const { dir, cleanup } = tempTree({ 'lan.xml': lanNetwork, 'bad.xml': badDomain });
    try {
      const { status, out, err } = await run('status', path.join(dir, 'bad.xml'), '--no-host-networks');
      assert.equal(status, 1);
      assert.match(out, /<!-- interface 0, mac 52:54:00:00:00:02 -->/);
      assert.match(out, /<source network='lann' portgroup='ofice'\/>/);
      const lines = err.trimEnd().split('\n');
      assert.equal(lines.length, 1);
      const [, file, line, , severity, message, code] = findingLine.exec(lines[0])!;
      assert.deepEqual([path.resolve(file), line, severity, code], [path.join(dir, 'bad.xml'), '6', 'error', 'unknown-network']);
      assert.match(message, /did you mean 'lan'/);
    } finally {
      cleanup();
    }
  });

  test('a domain without interfaces says so', async () => {
    const { dir, cleanup } = tempTree({ 'd.xml': '<domain><name>x</name></domain>' });
    try {
      const { status, out } = await run('status', path.join(dir, 'd.xml'), '--no-host-networks');
      assert.equal(status, 0);
      assert.match(out, /<!-- this domain has no <interface> -->/);
    } finally {
      cleanup();
    }
  });

  test('--format json: status, provenance and problems per interface', async () => {
    const { dir, cleanup } = tempTree({
      'lan.xml': lanNetwork,
      'd.xml': domainWith(`<interface type='network'><source network='lan'/></interface>`, `<interface type='network'><source network='gone'/></interface>`),
    });
    try {
      const { status, out } = await run('status', path.join(dir, 'd.xml'), '--format', 'json', '--no-host-networks');
      assert.equal(status, 1);
      const json = JSON.parse(out);
      assert.equal(json.domain, 'guest');
      assert.equal(json.interfaces.length, 2);
      const [first, second] = json.interfaces;
      assert.equal(first.type, 'network');
      assert.equal(first.network, 'lan');
      assert.deepEqual(first.portgroup, { name: 'office', how: 'default' });
      assert.match(first.statusXml, /^<interface type='network'>/);
      const bridge = first.source.find((a: { name: string }) => a.name === 'bridge');
      assert.equal(bridge.value, 'virbr3');
      assert.equal(path.resolve(bridge.from.file), path.join(dir, 'lan.xml'));
      assert.equal(bridge.from.line, 4);
      assert.equal(bridge.from.level, 'network');
      const portid = first.source.find((a: { name: string }) => a.name === 'portid');
      assert.deepEqual([portid.value, portid.runTime], [null, true]);
      assert.deepEqual(first.problems, []);
      assert.equal(second.problems[0].code, 'unknown-network');
    } finally {
      cleanup();
    }
  });
});

describe('cli: the bundled dist/cli.js', () => {
  test('runs as a child process with the same exit codes and output format', (t) => {
    const cli = path.join(repoRoot(), 'dist', 'cli.js');
    if (!fs.existsSync(cli)) {
      t.skip(`dist/cli.js not built (run npm run build); skipped`);
      return;
    }
    const { dir, cleanup } = tempTree({ 'networks/lan.xml': lanNetwork, 'domains/bad.xml': badDomain, 'domains/good.xml': goodDomain });
    try {
      const check = spawnSync(process.execPath, [cli, 'check', dir, '--no-host-networks'], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(check.status, 1, check.stderr);
      const lines = check.stdout.trimEnd().split('\n');
      assert.match(lines[0], findingLine);
      assert.match(lines.at(-1)!, /^checked 3 files \(1 network, 2 domains\): 1 error, 0 warnings, 0 infos$/);

      const status = spawnSync(process.execPath, [cli, 'status', path.join(dir, 'domains/good.xml'), path.join(dir, 'networks'), '--no-host-networks'], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(status.status, 0, status.stderr);
      assert.match(status.stdout, /<source network='lan' portid='…' bridge='virbr3'\/>/);

      const usage = spawnSync(process.execPath, [cli, 'check', '--nope'], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(usage.status, 2);
      const missing = spawnSync(process.execPath, [cli, 'check', path.join(dir, 'missing'), '--no-host-networks'], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /: not checked: no such file or folder$/m);
    } finally {
      cleanup();
    }
  });
});
