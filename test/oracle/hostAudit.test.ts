// `libvirt-xml check --connect qemu:///system` with no paths: every domain defined on the host,
// checked against the host's networks as if it were started now.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { libvirtAvailable } from './libvirtOracle';
import { bridgeNetworkXml, cli, define, domainXml, run, systemUri, undefine, virsh } from './liveHost';

const bridgeNet = 'oracle-audit-br';
const natNet = 'oracle-audit-nat';
const networks: Record<string, string> = {
  [bridgeNet]: bridgeNetworkXml(
    bridgeNet,
    "  <portgroup name='gold'><bandwidth><inbound average='1000'/></bandwidth></portgroup>\n  <portgroup name='silver'/>\n",
  ),
  [natNet]: `<network>\n  <name>${natNet}</name>\n  <forward mode='nat'/>\n  <ip address='192.168.251.1' netmask='255.255.255.0'/>\n</network>\n`,
};
const on = (network: string, extra = '', source = '') => `    <interface type='network'><source network='${network}'${source}/>${extra}</interface>\n`;
const domains: Record<string, string> = {
  'oracle-audit-typo': domainXml('oracle-audit-typo', on(bridgeNet, '', " portgroup='gld'")),
  'oracle-audit-floor': domainXml('oracle-audit-floor', on(bridgeNet, "<bandwidth><inbound average='100' floor='50'/></bandwidth>")),
  'oracle-audit-gone': domainXml('oracle-audit-gone', on('oracle-audit-nonet')),
  'oracle-audit-ok': domainXml('oracle-audit-ok', on(natNet) + on(bridgeNet, '', " portgroup='gold'")),
};

interface AuditFinding {
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

describe('host audit (check --connect)', async () => {
  const available = await libvirtAvailable();
  const skip = available === true ? false : `libvirt is not available: ${available}`;

  before(async () => {
    if (skip) return;
    for (const name of Object.keys(domains)) await undefine('domain', name);
    for (const name of Object.keys(networks)) await undefine('network', name);
    for (const xml of Object.values(networks)) await define('network', xml);
    for (const xml of Object.values(domains)) await define('domain', xml);
  });

  after(async () => {
    if (skip) return;
    for (const name of Object.keys(domains)) await undefine('domain', name);
    for (const name of Object.keys(networks)) await undefine('network', name);
  });

  it('reports each domain’s dangling network, misspelled portgroup and floor on a bridge network, by domain name', { skip }, async () => {
    const result = await run(process.execPath, [cli, 'check', '--connect', systemUri, '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { hosts: { connection: string; domains: number }[]; findings: AuditFinding[] };
    assert.equal(report.hosts[0].connection, systemUri);
    const ours = report.findings.filter((finding) => finding.file.startsWith('oracle-audit-')).map((f) => [f.file, f.severity, f.code]);
    assert.deepEqual(ours, [
      ['oracle-audit-floor', 'error', 'floor-unsupported-for-interface'],
      ['oracle-audit-gone', 'error', 'unknown-network'],
      ['oracle-audit-typo', 'warning', 'unknown-portgroup'],
    ]);
    const typo = report.findings.find((finding) => finding.file === 'oracle-audit-typo');
    assert.match(typo?.message ?? '', /'gld'.*did you mean 'gold'/);
  });

  it('prints findings as DOMAIN:LINE:COL, lines of virsh dumpxml --inactive', { skip }, async () => {
    const result = await run(process.execPath, [cli, 'check', '--connect', systemUri]);
    const line = result.stdout.split('\n').find((text) => text.startsWith('oracle-audit-gone:'));
    assert.ok(line, result.stdout);
    const [, lineNumber] = /^oracle-audit-gone:(\d+):\d+: error: /.exec(line) ?? [];
    const dumped = (await run('virsh', ['-c', systemUri, 'dumpxml', '--inactive', 'oracle-audit-gone'])).stdout.split('\n');
    assert.match(dumped[Number(lineNumber) - 1], /<source network='oracle-audit-nonet'/);
    assert.match(result.stdout, /audited \d+ domains? on qemu:\/\/\/system against its \d+ networks?/);
  });

  it('status --connect: a defined domain’s interfaces with the host’s networks', { skip }, async () => {
    const result = await run(process.execPath, [cli, 'status', '--connect', systemUri, 'oracle-audit-ok']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /<source network='oracle-audit-br' portgroup='gold' portid='…' bridge='br0'\/>/);
    assert.match(result.stdout, /network 'oracle-audit-br' \(qemu:\/\/\/system network oracle-audit-br\), portgroup 'gold'/);
    assert.match(result.stdout, /<inbound average='1000'\/>/);
    const missing = await run(process.execPath, [cli, 'status', '--connect', systemUri, 'oracle-audit-none']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /failed to get domain 'oracle-audit-none'/);
  });
});

// `status --connect URI --verify NAME`: the prediction against the running domain, field by
// field, on domains this host can start (QEMU without a guest OS; no bandwidth: this kernel
// lacks the sfq qdisc libvirt's bandwidth needs).
const verifyNetworks: Record<string, string> = {
  'oracle-verify-br': bridgeNetworkXml('oracle-verify-br', "  <portgroup name='lab'/>\n"),
  'oracle-verify-nat': `<network>\n  <name>oracle-verify-nat</name>\n  <forward mode='nat'/>\n  <bridge name='orvnat0'/>\n  <ip address='192.168.252.1' netmask='255.255.255.0'/>\n</network>\n`,
  'oracle-verify-iso': `<network>\n  <name>oracle-verify-iso</name>\n  <bridge name='orviso0'/>\n</network>\n`,
  'oracle-verify-direct': `<network>\n  <name>oracle-verify-direct</name>\n  <forward mode='bridge'>\n    <interface dev='ordev2'/>\n    <interface dev='ordev3'/>\n  </forward>\n</network>\n`,
};
const verifyDomain = 'oracle-verify-run';
const verifyInterfaces =
  on('oracle-verify-br', '', " portgroup='lab'") +
  on('oracle-verify-nat', "<model type='virtio'/>") +
  on('oracle-verify-iso') +
  on('oracle-verify-direct') +
  "    <interface type='network'><mac address='52:54:00:0e:00:05'/><source network='oracle-verify-br'/></interface>\n";

describe('status --verify against the running domain', async () => {
  const available = await libvirtAvailable();
  const skip = available === true ? false : `libvirt is not available: ${available}`;
  const verify = () => run(process.execPath, [cli, 'status', '--connect', systemUri, '--verify', verifyDomain]);

  before(async () => {
    if (skip) return;
    await undefine('domain', verifyDomain);
    for (const name of Object.keys(verifyNetworks)) await undefine('network', name);
    for (const [name, xml] of Object.entries(verifyNetworks)) {
      await define('network', xml);
      await virsh('net-start', name);
    }
    await define('domain', domainXml(verifyDomain, verifyInterfaces));
  });

  after(async () => {
    if (skip) return;
    await undefine('domain', verifyDomain);
    for (const name of Object.keys(verifyNetworks)) await undefine('network', name);
  });

  it('a defined domain that is not running: said, exit 2', { skip }, async () => {
    const result = await verify();
    assert.equal(result.status, 2);
    assert.match(result.stderr, /domain 'oracle-verify-run' is not running/);
  });

  it('agrees field by field with the running domain on bridge, nat, isolated and macvtap networks', { skip }, async () => {
    await virsh('start', verifyDomain);
    const result = await verify();
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /domain 'oracle-verify-run' on qemu:\/\/\/system: the running interfaces are as predicted/);
  });

  it('reports what changed since the domain started: a network redefined with another bridge', { skip }, async () => {
    const redefined = (await virsh('net-dumpxml', '--inactive', 'oracle-verify-br')).replace("<bridge name='br0'", "<bridge name='orvother0'");
    await define('network', redefined);
    const result = await verify();
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.deepEqual(
      lines.slice(0, -1).map((line) => line.replace(/mac='[^']*'/, "mac='…'")),
      ["interface[mac='…']/source@bridge: predicted orvother0, running br0", "interface[mac='…']/source@bridge: predicted orvother0, running br0"],
    );
    assert.match(lines[lines.length - 1], /2 differences from the prediction$/);
  });
});
