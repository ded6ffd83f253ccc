import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeFindings } from '../../../server/src/findings/documentFindings';
import type { Finding } from '../../../server/src/model/finding';
import { crawl, fileUri } from '../../../server/src/host/fileCrawler';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../../../server/src/model/libvirtDocument';
import { checkWellFormedness } from '../../../server/src/parser/wellFormedness';
import { parseXml } from '../../../server/src/parser/xmlParser';
import { resolveDocument } from '../../../server/src/resolver/resolveDocument';
import { formatStatusXml } from '../../../server/src/resolver/statusXml';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { findCorpus } from '../../../server/src/testing';

/*
 * libvirt 9.0.0's own test data (../shared/corpus/libvirt, see its SOURCE.md). Each folder is
 * indexed on its own: libvirt's tests mock the networks that domain files refer to, so the
 * domain folders resolve against no network (unknown-network is expected there), and a domain
 * must not be judged against an unrelated corpus network that happens to share its name.
 */

const corpus = findCorpus();
const skipReason = `corpus not found at ${path.resolve(__dirname, '../../../../..', 'shared/corpus/libvirt')} (nor in any folder above); skipped`;

/** Files libvirt's own tests expect to be rejected when parsed or started (SOURCE.md). */
const rejectedByLibvirtTests: Record<string, readonly string[]> = {
  networkxml2xmlin: ['routed-network-no-dns-extra-elements.xml', 'open-network-with-forward-dev.xml', 'hostdev-duplicate.xml', 'passthrough-duplicate.xml'],
  qemuxml2argvdata: ['net-vhostuser-fail.xml', 'net-virtio-rxqueuesize-invalid-size.xml', 'net-hostdev-fail.xml'],
};

/**
 * Files the xml2xml tests accept but that libvirt itself rejects at `net-define`: networkxml2xmltest
 * only parses and formats, it never runs networkValidate (network/bridge_driver.c), whose vlan
 * rule refuses these. Each is expected to carry exactly the listed error codes.
 */
const rejectedByNetworkValidate: Record<string, Record<string, { codes: string[]; why: string }>> = {
  networkxml2xmlin: {
    // forward mode='bridge' with a network-level openvswitch virtualport, but every portgroup has a
    // type-less <virtualport> and a <vlan>: networkValidate's loop sets badVlanUse for a portgroup
    // with its own virtualport unless (forward bridge AND that virtualport's type is openvswitch);
    // a type-less one is not openvswitch → "<vlan> element specified for network openvswitch-net,
    // whose type doesn't support vlan configuration".
    'openvswitch-net.xml': { codes: ['vlan-unsupported'], why: 'portgroups with a type-less virtualport and a vlan' },
    // forward mode='private' with a network-level <vlan> and no portgroup: vlanAllowed is false
    // (only hostdev, passthrough, or bridge+openvswitch), vlanUsed is true and there is no default
    // portgroup → the same error.
    '8021Qbh-net.xml': { codes: ['vlan-unsupported'], why: 'network-level vlan on a private (macvtap) network' },
    // networkValidate: a PCI address in the pool of a mode other than hostdev.
    'passthrough-address-crash.xml': { codes: ['forward-pool-conflict'], why: 'a PCI address in a passthrough pool' },
    // networkValidate: <ip> on a passthrough network.
    'passthrough-pf.xml': { codes: ['forward-mode-conflict'], why: '<ip> on a passthrough network' },
  },
  networkxml2xmlout: {
    'openvswitch-net.xml': { codes: ['vlan-unsupported'], why: 'as networkxml2xmlin/openvswitch-net.xml' },
    '8021Qbh-net.xml': { codes: ['vlan-unsupported'], why: 'as networkxml2xmlin/8021Qbh-net.xml' },
    'passthrough-address-crash.xml': { codes: ['forward-pool-conflict'], why: 'as networkxml2xmlin/passthrough-address-crash.xml' },
    'passthrough-pf.xml': { codes: ['forward-mode-conflict'], why: 'as networkxml2xmlin/passthrough-pf.xml' },
  },
};

const folders = [
  'networkxml2xmlin',
  'networkxml2xmlout',
  'networkxml2xmlupdatein',
  'virnetworkportxml2xmldata',
  'qemuxml2argvdata',
  'qemuxml2xmloutdata',
  'qemustatusxml2xmldata',
];

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** Every document of one corpus folder in its own index, with the findings of each. */
function checkFolder(folder: string): Array<{ file: string; document: LibvirtDocument; findings: Finding[] }> {
  const dir = path.join(corpus!, 'tests', folder);
  const index = new WorkspaceIndex();
  const documents = walk(dir)
    .filter((file) => file.endsWith('.xml'))
    .map((file) => ({ file, document: parseLibvirtDocument(fileUri(file), fs.readFileSync(file, 'utf8')) }));
  for (const { document } of documents) index.update(document);
  return documents.map(({ file, document }) => ({ file: path.basename(file), document, findings: computeFindings(document, index) }));
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity} ${f.code}: ${f.message}`).join('\n  ');
}

describe('corpus: libvirt 9.0.0 test data', () => {
  test('every XML file (test data and RelaxNG schemas) parses and is judged without a crash', (t) => {
    if (!corpus) return t.skip(skipReason);
    const files = walk(corpus).filter((file) => /\.(xml|rng)$/.test(file));
    assert.ok(files.length > 300, `only ${files.length} files found`);
    let libvirtDocuments = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const xml = parseXml(text);
      assert.ok(xml.roots.length >= 1, `${file}: no root element`);
      // libvirt's data is well-formed: neither the validator nor the tolerant parser complains.
      assert.deepEqual(checkWellFormedness(xml, new LineIndex(text)), [], file);
      assert.deepEqual(xml.recoveries, [], file);
      const document = parseLibvirtDocument(fileUri(file), text);
      if (document.object) libvirtDocuments++;
      const index = new WorkspaceIndex();
      index.update(document);
      assert.doesNotThrow(() => computeFindings(document, index), file);
      for (const resolved of resolveDocument(document, index)) assert.doesNotThrow(() => formatStatusXml(resolved), file);
    }
    t.diagnostic(`${files.length} files parsed, ${libvirtDocuments} of them libvirt documents`);
  });

  test('every network file of networkxml2xmlin/out indexes under its name, with its portgroups', (t) => {
    if (!corpus) return t.skip(skipReason);
    for (const folder of ['networkxml2xmlin', 'networkxml2xmlout']) {
      const dir = path.join(corpus, 'tests', folder);
      const index = new WorkspaceIndex();
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.xml'))
        .sort();
      assert.ok(files.length >= 40, `${folder}: ${files.length} files`);
      for (const file of files) {
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        const document = parseLibvirtDocument(fileUri(path.join(dir, file)), text);
        assert.equal(document.object?.kind, 'network', `${folder}/${file}`);
        index.update(document);
        const name = document.object.kind === 'network' ? document.object.name?.value : undefined;
        assert.ok(name, `${folder}/${file}: no name read`);
        assert.ok(
          index.networks(name).some((d) => d.uri === document.uri),
          `${folder}/${file}: not found as '${name}'`,
        );
        const groups = (text.match(/<portgroup\b/g) ?? []).length;
        assert.equal(document.object.kind === 'network' && document.object.portGroups.length, groups, `${folder}/${file}: portgroups`);
      }
      assert.equal(index.size, files.length);
    }
  });

  for (const folder of folders) {
    test(`${folder}: no error finding on files libvirt accepts (other than unknown-network)`, (t) => {
      if (!corpus) return t.skip(skipReason);
      if (!fs.existsSync(path.join(corpus, 'tests', folder))) return t.skip(`${folder} not in the corpus`);
      const rejected = new Set(rejectedByLibvirtTests[folder] ?? []);
      const validateRejects = rejectedByNetworkValidate[folder] ?? {};
      let checked = 0;
      for (const { file, findings } of checkFolder(folder)) {
        if (rejected.has(file)) continue;
        const errors = findings.filter((f) => f.severity === 'error' && f.code !== 'unknown-network');
        const expected = validateRejects[file];
        if (expected) {
          assert.deepEqual(
            errors.map((f) => f.code),
            expected.codes,
            `${folder}/${file} should be rejected as networkValidate does (${expected.why}):\n  ${describeFindings(errors)}`,
          );
        } else {
          assert.deepEqual(errors, [], `${folder}/${file}:\n  ${describeFindings(errors)}`);
        }
        checked++;
      }
      t.diagnostic(`${folder}: ${checked} files checked`);
    });
  }

  test('domain files resolve with the right unknown-network findings and nothing else of note', (t) => {
    if (!corpus) return t.skip(skipReason);
    const results = checkFolder('qemuxml2xmloutdata');
    const networkInterfaces = results
      .flatMap(({ document }) => (document.object?.kind === 'domain' ? document.object.interfaces : []))
      .filter((i) => i.type?.value === 'network');
    const unknown = results.flatMap(({ findings }) => findings.filter((f) => f.code === 'unknown-network'));
    assert.ok(networkInterfaces.length > 10);
    assert.equal(unknown.length, networkInterfaces.length, 'one unknown-network per type=network interface, none elsewhere');
    // No bogus "portgroup on a non-network interface" on interfaces whose network is merely unknown.
    assert.deepEqual(
      results.flatMap(({ findings }) => findings.filter((f) => f.code === 'portgroup-on-non-network-interface')),
      [],
    );
  });

  test("status XML of every non-network interface libvirt formatted equals libvirt's own text (apart from run-time target/alias)", (t) => {
    if (!corpus) return t.skip(skipReason);
    let compared = 0;
    for (const { document } of checkFolder('qemuxml2xmloutdata')) {
      if (document.object?.kind !== 'domain') continue;
      const index = new WorkspaceIndex();
      for (const resolved of resolveDocument(document, index)) {
        if (resolved.iface.type?.value === 'network') continue;
        const normalise = (xml: string) =>
          xml
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== '' && !/^<(target dev|alias name)='…'\/>$/.test(line))
            .join('\n');
        const element = resolved.iface.element;
        assert.equal(
          normalise(formatStatusXml(resolved)),
          normalise(document.xml.text.slice(element.start, element.end)),
          `${document.uri} interface ${resolved.iface.index}`,
        );
        compared++;
      }
    }
    assert.ok(compared > 100, `only ${compared} interfaces compared`);
    t.diagnostic(`${compared} interfaces compared`);
  });

  // Times are printed for information only: performance is judged by the benchmark (bench/run.mjs).
  test('indexes the whole corpus (crawl + parse + index + findings)', async (t) => {
    if (!corpus) return t.skip(skipReason);
    const started = performance.now();
    const result = await crawl([path.join(corpus, 'tests')]);
    const crawled = performance.now();
    const index = new WorkspaceIndex();
    for (const document of result.documents) index.update(document);
    const indexed = performance.now();
    let findings = 0;
    for (const document of result.documents) findings += computeFindings(document, index).length;
    const done = performance.now();
    const line =
      `corpus: ${result.examined} files examined, ${result.documents.length} libvirt documents; ` +
      `crawl+parse ${(crawled - started).toFixed(0)} ms, index ${(indexed - crawled).toFixed(1)} ms, ` +
      `findings ${(done - indexed).toFixed(0)} ms (${findings} findings); total ${(done - started).toFixed(0)} ms`;
    t.diagnostic(line);
    console.log(line);
    assert.ok(result.documents.length > 250);
  });
});
