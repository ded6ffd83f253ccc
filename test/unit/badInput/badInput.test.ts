import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/main';
import { computeFindings } from '../../../server/src/findings/documentFindings';
import { crawl } from '../../../server/src/host/fileCrawler';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../../../server/src/model/libvirtDocument';
import { resolveDocument } from '../../../server/src/resolver/resolveDocument';
import { formatStatusXml } from '../../../server/src/resolver/statusXml';
import { captureOutput, domainWith, network, repoRoot, tempTree, uriOf } from '../../../server/src/testing';

/*
 * Bad input of every kind: the engine answers with a finding or a skip, never a throw or a hang.
 * Every test has a timeout so that a hang fails instead of blocking the suite.
 */

const timeout = 60_000;

function exampleFiles(): Record<string, string> {
  const root = repoRoot();
  const files: Record<string, string> = {};
  for (const folder of ['examples/networks', 'examples/domains']) {
    const dir = path.join(root, folder);
    for (const name of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.xml'))
      .sort())
      files[`${folder}/${name}`] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  return files;
}

/** Parses, indexes, judges, resolves and formats one document; returns the number of findings. */
function exercise(document: LibvirtDocument, index: WorkspaceIndex): number {
  index.update(document);
  const findings = computeFindings(document, index);
  for (const finding of findings) {
    assert.ok(Number.isInteger(finding.range.start) && Number.isInteger(finding.range.end), JSON.stringify(finding));
    assert.ok(finding.range.start >= 0 && finding.range.start <= finding.range.end && finding.range.end <= document.xml.text.length, JSON.stringify(finding));
  }
  for (const resolved of resolveDocument(document, index)) formatStatusXml(resolved);
  return findings.length;
}

describe('bad input: truncated files', () => {
  const files = exampleFiles();
  const networkNames = Object.keys(files).filter((name) => name.includes('/networks/'));

  for (const name of Object.keys(files)
    .filter((n) => n.includes('/domains/'))
    .concat(networkNames.slice(0, 2))) {
    test(`every prefix of ${name}: no throw from parse, findings, resolve or status`, { timeout }, () => {
      const index = new WorkspaceIndex();
      for (const network of networkNames) index.update(parseLibvirtDocument(uriOf(network), files[network]));
      const text = files[name];
      for (let length = 0; length <= text.length; length++) {
        const document = parseLibvirtDocument(uriOf(name), text.slice(0, length), length);
        try {
          exercise(document, index);
        } catch (error) {
          assert.fail(`prefix of ${length} characters: ${(error as Error).stack}`);
        }
      }
      // The whole file is back to its normal findings: no malformed-xml.
      const whole = parseLibvirtDocument(uriOf(name), text);
      index.update(whole);
      assert.deepEqual(
        computeFindings(whole, index).filter((f) => f.code === 'malformed-xml'),
        [],
      );
    });
  }

  test('a truncated prefix of a domain still reports what it can see (an unknown network)', () => {
    const text = domainWith(`<interface type='network'><source network='nowhere'/></interface>`);
    const cut = text.slice(0, text.indexOf('/>') + 2);
    const document = parseLibvirtDocument(uriOf('cut.xml'), cut);
    const codes = computeFindings(document, new WorkspaceIndex()).map((f) => f.code);
    assert.ok(codes.includes('malformed-xml'));
    assert.ok(codes.includes('unknown-network'));
  });
});

describe('bad input: binary junk', () => {
  function junk(size: number, seed: number): Buffer {
    const buffer = Buffer.alloc(size);
    let x = seed;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      buffer[i] = x >> 16;
    }
    return buffer;
  }

  test('junk behind a libvirt root element goes through the whole engine', { timeout }, () => {
    const index = new WorkspaceIndex();
    for (let seed = 1; seed <= 40; seed++) {
      const body = junk(4096, seed).toString('latin1');
      for (const prefix of ['<domain><devices><interface type="network">', '<network><portgroup name="', '<domain>']) {
        const document = parseLibvirtDocument(uriOf(`junk${seed}.xml`), prefix + body);
        assert.ok(exercise(document, index) >= 1, 'at least the malformed-xml finding');
      }
    }
  });

  test('binary junk with an .xml name: the CLI skips it and checks the rest', { timeout }, async () => {
    const { dir, cleanup } = tempTree({
      'junk.xml': junk(256 * 1024, 7),
      'utf16.xml': Buffer.from('\ufeff<network><name>u</name></network>', 'utf16le'),
      'net.xml': network('n', ''),
    });
    try {
      const out = captureOutput();
      const status = await runCli(['check', dir, '--no-host-networks'], out);
      assert.equal(status, 0, out.out + out.err);
      assert.match(out.out, /^checked 1 file \(1 network, 0 domains\): 0 errors/m);
    } finally {
      cleanup();
    }
  });
});

describe('bad input: a 20 MB file', () => {
  test('the CLI skips it with a reason, without a crash', { timeout }, async () => {
    const { dir, cleanup } = tempTree({ 'net.xml': network('n', '') });
    try {
      const iface = `<interface type='network'><mac address='52:54:00:00:00:01'/><source network='n'/></interface>\n`;
      const big = `<domain><name>big</name><devices>\n${iface.repeat(Math.ceil(20_000_000 / iface.length))}</devices></domain>\n`;
      fs.writeFileSync(path.join(dir, 'big.xml'), big);
      assert.ok(fs.statSync(path.join(dir, 'big.xml')).size >= 20_000_000);
      const out = captureOutput();
      const status = await runCli(['check', dir, '--no-host-networks'], out);
      assert.equal(status, 0, out.err);
      const skipped = out.out.split('\n').find((line) => line.includes('big.xml'))!;
      assert.match(skipped, /big\.xml:1:1: warning: not checked: larger than 8 MiB, not indexed \[file-skipped\]$/);
      assert.match(out.out, /checked 1 file \(1 network, 0 domains\): 0 errors, 1 warning, 0 infos/);
    } finally {
      cleanup();
    }
  });

  test('the crawler reports it as skipped', { timeout }, async () => {
    const { dir, cleanup } = tempTree({ 'big.xml': '<network><name>big</name>' + ' '.repeat(20 * 1024 * 1024) + '</network>' });
    try {
      const result = await crawl([dir]);
      assert.deepEqual(result.documents, []);
      assert.equal(result.skipped.length, 1);
    } finally {
      cleanup();
    }
  });

  test('opened directly (as an editor would), a 20 MB document parses and is judged', { timeout }, () => {
    const text = `<domain><name>big</name><devices><interface type='network'><source network='n'/></interface>\n<!--${'x'.repeat(20_000_000)}-->\n</devices></domain>`;
    const document = parseLibvirtDocument(uriOf('big.xml'), text);
    const codes = computeFindings(document, new WorkspaceIndex()).map((f) => f.code);
    assert.deepEqual(codes, ['unknown-network']);
  });
});

describe('bad input: deep nesting', () => {
  test('100 000 nested elements inside an interface: findings, resolution and status without a stack overflow', { timeout }, () => {
    const depth = 100_000;
    const text = `<domain><devices><interface type='network'><source network='n'/><driver>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</driver></interface></devices></domain>`;
    const index = new WorkspaceIndex();
    index.update(parseLibvirtDocument(uriOf('n.xml'), network('n', `  <forward mode='nat'/><ip address='192.168.122.1' prefix='24'/>`)));
    const document = parseLibvirtDocument(uriOf('deep.xml'), text);
    assert.equal(exercise(document, index), 0);
    const [resolved] = resolveDocument(document, index);
    const status = formatStatusXml(resolved);
    assert.ok(status.length < 10_000, 'the copy of the deep element is cut short');
  });

  test('100 000 unclosed nested elements as a network: findings, no crash', { timeout }, () => {
    const document = parseLibvirtDocument(uriOf('deep.xml'), '<network><name>deep</name>' + '<portgroup>'.repeat(100_000));
    const index = new WorkspaceIndex();
    const findings = computeFindings((index.update(document), document), index);
    assert.ok(findings.some((f) => f.code === 'malformed-xml'));
  });

  test('deep nesting through the CLI', { timeout }, async () => {
    const depth = 100_000;
    const { dir, cleanup } = tempTree({ 'deep.xml': `<domain>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</domain>` });
    try {
      const out = captureOutput();
      assert.equal(await runCli(['check', dir, '--no-host-networks'], out), 0, out.out + out.err);
      const status = await runCli(['status', path.join(dir, 'deep.xml'), '--no-host-networks'], out);
      assert.equal(status, 0);
    } finally {
      cleanup();
    }
  });
});

describe('bad input: hostile attribute names and values', () => {
  test('prototype names as attributes, network and portgroup names', { timeout }, () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const { index, documents } = (() => {
      const idx = new WorkspaceIndex();
      const docs = [
        parseLibvirtDocument(
          uriOf('p.xml'),
          `<network __proto__='x' constructor='y'><name>__proto__</name><portgroup name='constructor' default='yes' __proto__='z'/><portgroup name='toString'/></network>`,
        ),
        parseLibvirtDocument(
          uriOf('d.xml'),
          domainWith(
            `<interface type='network' __proto__='a' constructor='b'><source network='__proto__' portgroup='toString' __proto__='c'/></interface>`,
            `<interface type='network'><source network='constructor'/></interface>`,
            `<interface type='network'><source network='hasOwnProperty' portgroup='__proto__'/></interface>`,
            `<interface type='__proto__'><source network='__proto__' portgroup='valueOf'/></interface>`,
          ),
        ),
      ];
      for (const d of docs) idx.update(d);
      return { index: idx, documents: docs };
    })();
    const [, domain] = documents;
    const findings = computeFindings(domain, index);
    const results = resolveDocument(domain, index);
    assert.equal(results[0].network?.network.name?.value, '__proto__');
    assert.equal(results[0].portGroup?.group.name?.value, 'toString');
    assert.deepEqual(
      findings.filter((f) => f.code === 'unknown-network').map((f) => f.message.split("'")[1]),
      ['constructor', 'hasOwnProperty'],
    );
    assert.ok(findings.some((f) => f.code === 'portgroup-on-non-network-interface'));
    for (const r of results) formatStatusXml(r);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  test('huge, control-character and markup-like values', { timeout }, () => {
    const huge = 'n'.repeat(1_000_000);
    const index = new WorkspaceIndex();
    for (let i = 0; i < 200; i++) index.update(parseLibvirtDocument(uriOf(`net${i}.xml`), network(`${'n'.repeat(190)}${i}`, '')));
    const text = domainWith(
      `<interface type='network'><mac address='${huge}'/><source network='${huge}' portgroup='${huge}'/><bandwidth><inbound average='${'9'.repeat(100_000)}' floor='&#0;'/></bandwidth><vlan trunk='&#x1;'><tag id='${'9'.repeat(400)}' nativeMode='&lt;x&gt;'/></vlan></interface>`,
      `<interface type='network'><source network='&lt;/source&gt;&amp;&quot;' portgroup='a&#10;b'/><virtualport type='${'q'.repeat(10_000)}'><parameters managerid='-1' interfaceid='&amp;'/></virtualport></interface>`,
      `<interface type='network'><source network='\u0000\u0001\u202e\ud800'/></interface>`,
    );
    const document = parseLibvirtDocument(uriOf('hostile.xml'), text);
    const findings = computeFindings((index.update(document), document), index);
    for (const r of resolveDocument(document, index)) formatStatusXml(r);
    const codes = new Set<string>(findings.map((f) => f.code));
    for (const code of ['invalid-mac', 'unknown-network', 'vlan-tag-out-of-range', 'vlan-native-mode', 'invalid-value']) assert.ok(codes.has(code), code);
  });

  test('thousands of attributes on one element', { timeout }, () => {
    const attributes = Array.from({ length: 10_000 }, (_, i) => `a${i}='${i}'`).join(' ');
    const text = domainWith(`<interface type='network' ${attributes}><source network='n' ${attributes}/></interface>`);
    const document = parseLibvirtDocument(uriOf('many.xml'), text);
    const index = new WorkspaceIndex();
    index.update(parseLibvirtDocument(uriOf('n.xml'), network('n', '')));
    assert.equal(exercise(document, index), 0);
  });

  test('a repeated attribute is malformed XML, and the first value is the one read', () => {
    const document = parseLibvirtDocument(uriOf('dup.xml'), domainWith(`<interface type='network'><source network='a' network='b'/></interface>`));
    const index = new WorkspaceIndex();
    index.update(parseLibvirtDocument(uriOf('a.xml'), network('a', '')));
    const findings = computeFindings(document, index);
    assert.deepEqual(
      findings.map((f) => f.code),
      ['malformed-xml'],
    );
  });
});
