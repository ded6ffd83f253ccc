// XML as libxml2 reads it (issue 18, family 5): names that differ only by XML details —
// entities, character references, whitespace in attribute values, encodings, a namespace on the
// root — against a real libvirt 9.0.0 (started by test/oracle/setup.sh).
//
// Each case is a network file and, for most, a domain whose interface names the network and a
// portgroup. libvirt defines both (net-define, define) and prints what it read (net-dumpxml
// --inactive, dumpxml --inactive: plain XML, read with our parser); our engine reads the same
// bytes as the host does (UTF-8). Then: the network's name, its portgroups' names and the
// interface's network and portgroup must be the same strings; our resolution must find the
// portgroup exactly when libvirt's names match; a refusal by libvirt must be an error of ours
// carrying libvirt's message (libxml2's, for XML errors), and an acceptance no error of ours.
// About 3 s. Without libvirt the test is SKIPPED with the reason.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeFindings } from '../../server/src/findings/documentFindings';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import type { Finding } from '../../server/src/model/finding';
import { parseLibvirtDocument } from '../../server/src/model/libvirtDocument';
import { decodeXmlEntities } from '../../server/src/parser/xmlEntities';
import { parseXml } from '../../server/src/parser/xmlParser';
import type { XmlElement } from '../../server/src/parser/xmlTree';
import { skippedWithoutLibvirt } from './libvirtOracle';

const URI = process.env.ORACLE_URI ?? 'qemu:///system';
/** teardown.sh sweeps objects named oracle-*. */
const NET = 'oracle-xml';

interface XmlCase {
  readonly id: string;
  /** The network file's bytes (a string is written as UTF-8). */
  readonly network: string | Buffer;
  /** The <interface>'s <source> attributes, as written in the domain file; omitted: no domain. */
  readonly source?: string;
  /** A DOCTYPE for the domain file. */
  readonly domainDoctype?: string;
}

const entities = `<!DOCTYPE network [\n<!ENTITY pg "off&#x69;ce">\n<!ENTITY nm "${NET}-&pg;">\n<!ENTITY xxe SYSTEM "file:///etc/hostname">\n]>\n`;

function network(body: string, name = NET, prolog = ''): string {
  return `${prolog}<network>\n  <name>${name}</name>\n  <bridge name='orxml0'/>\n${body}</network>\n`;
}

const CASES: readonly XmlCase[] = [
  {
    id: 'entities in names, expanded within entities',
    network: network(`  <portgroup name='p&pg;'/>\n  <portgroup name='&pg;&#9;x'/>\n`, '&nm;', entities),
    source: `network='${NET}-office' portgroup='poffice'`,
  },
  {
    id: 'the domain names them through its own entities and character references',
    network: network(`  <portgroup name='poffice'/>\n`, `${NET}-office`),
    domainDoctype: `<!DOCTYPE domain [<!ENTITY net "${NET}-off&#105;ce">]>\n`,
    source: `network='&net;' portgroup='p&#x6f;ffice'`,
  },
  {
    id: 'whitespace in attribute values: tab, line feed and CR LF read as spaces, references to them do not',
    network: network(`  <portgroup name='a\tb'/>\n  <portgroup name='c\r\nd'/>\n  <portgroup name='e&#10;f'/>\n`),
    source: `network='${NET}' portgroup='a b'`,
  },
  {
    id: 'a tab written as a reference is not the space a literal tab becomes',
    network: network(`  <portgroup name='a\tb'/>\n`),
    source: `network='${NET}' portgroup='a&#9;b'`,
  },
  {
    id: 'an attribute the DTD declares NMTOKEN has its spaces collapsed',
    network: network(`  <portgroup name='  p  q '/>\n`, NET, `<!DOCTYPE network [<!ATTLIST portgroup name NMTOKEN #IMPLIED>]>\n`),
    source: `network='${NET}' portgroup='p q'`,
  },
  { id: 'an external entity in text is never read: it is empty', network: network('', `${NET}&xxe;-x`, entities), source: `network='${NET}-x'` },
  { id: 'an external entity in an attribute value is refused', network: network(`  <portgroup name='&xxe;'/>\n`, NET, entities) },
  { id: 'an undeclared entity is refused', network: network('', `${NET}&undeclared;`) },
  { id: 'an entity that refers to itself is refused', network: network('', `${NET}&a;`, `<!DOCTYPE network [<!ENTITY a "x&b;"><!ENTITY b "&a;">]>\n`) },
  {
    id: "'<' brought into an attribute value by an entity is refused",
    network: network(`  <portgroup name='&lt2;'/>\n`, NET, `<!DOCTYPE network [<!ENTITY lt2 "&#60;">]>\n`),
  },
  { id: 'billion laughs is refused', network: network('', `${NET}&lol9;`, billionLaughs()) },
  {
    id: 'a UTF-8 byte order mark is read past',
    network: `\uFEFF${network(`  <portgroup name='caf\u00e9'/>\n`)}`,
    source: `network='${NET}' portgroup='caf\u00e9'`,
  },
  {
    id: 'the encoding declaration is not followed: a file declared UTF-16 is read as UTF-8',
    network: network(`  <portgroup name='caf\u00e9'/>\n`, NET, `<?xml version="1.0" encoding="UTF-16"?>\n`),
    source: `network='${NET}' portgroup='caf\u00e9'`,
  },
  {
    id: 'a file declared ISO-8859-1 with a byte that is not UTF-8 is refused',
    network: Buffer.concat([
      Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?>\n<network>\n  <name>${NET}</name>\n  <portgroup name='caf`),
      Buffer.from([0xe9]),
      Buffer.from(`'/>\n</network>\n`),
    ]),
  },
  {
    id: 'a default namespace on the root hides every element from libvirt',
    network: network('').replace('<network>', "<network xmlns='http://example.org/x'>"),
  },
];

function billionLaughs(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<!DOCTYPE network [\n${levels.join('\n')}\n]>\n`;
}

function domainText(c: XmlCase): string {
  return `${c.domainDoctype ?? ''}<domain type='qemu'>
  <name>${NET}-vm</name>
  <memory unit='MiB'>64</memory>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices>
    <interface type='network'>
      <source ${c.source ?? ''}/>
      <mac address='52:54:00:00:0f:01'/>
    </interface>
  </devices>
</domain>
`;
}

// --- libvirt -------------------------------------------------------------------------------------

interface Virsh {
  readonly ok: boolean;
  readonly stdout: string;
  /** libvirt's own message: the XML detail line ("(network_definition):3: …") without its location. */
  readonly message: string;
}

function virsh(...args: string[]): Promise<Virsh> {
  return new Promise((resolve) => {
    execFile('virsh', ['-c', URI, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const lines = stderr
        .split('\n')
        .map((line) => line.replace(/^error: /, '').trim())
        .filter((line) => line !== '' && !line.startsWith('Failed to define'));
      const message = (lines[0] ?? '').replace(/^\(\w+\):\d+: |^at line \d+: /, '');
      resolve({ ok: !error, stdout, message });
    });
  });
}

interface LibvirtRead {
  readonly refusal?: string;
  readonly networkName?: string;
  readonly portgroups?: string[];
  readonly source?: { network?: string; portgroup?: string };
}

async function libvirtReads(c: XmlCase, dir: string): Promise<LibvirtRead> {
  const networkFile = join(dir, 'network.xml');
  writeFileSync(networkFile, c.network);
  const defined = await virsh('net-define', networkFile);
  if (!defined.ok) return { refusal: defined.message };
  const name = /Network (.*) defined from/s.exec(defined.stdout)?.[1] ?? '';
  const dumped = await virsh('net-dumpxml', '--inactive', name);
  await virsh('net-undefine', name);
  const root = parseXml(dumped.stdout).roots[0];
  const read: LibvirtRead = {
    networkName: textOf(child(root, 'name')),
    portgroups: (root?.children ?? []).filter((e) => e.name === 'portgroup').map((e) => attribute(e, 'name', dumped.stdout) ?? ''),
  };
  if (c.source === undefined) return read;
  const domainFile = join(dir, 'domain.xml');
  writeFileSync(domainFile, domainText(c));
  const domain = await virsh('define', domainFile);
  if (!domain.ok) return { ...read, refusal: `domain: ${domain.message}` };
  const live = await virsh('dumpxml', '--inactive', `${NET}-vm`);
  await virsh('undefine', `${NET}-vm`);
  const source = child(child(child(parseXml(live.stdout).roots[0], 'devices'), 'interface'), 'source');
  return {
    ...read,
    source: { network: source && attribute(source, 'network', live.stdout), portgroup: source && attribute(source, 'portgroup', live.stdout) },
  };
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((e) => e.name === name);
}

/**
 * An attribute of libvirt's output, as libvirt meant it: libvirt writes a tab or a line feed in a
 * value as it is (virBufferEscapeString escapes only markup characters), which an XML reader
 * would read as a space; the raw text with its escapes undone is the value libvirt holds.
 */
function attribute(element: XmlElement, name: string, output: string): string | undefined {
  const range = element.attributes.find((a) => a.name === name)?.valueRange;
  return range && decodeXmlEntities(output.slice(range.start, range.end));
}

function textOf(element: XmlElement | undefined): string | undefined {
  return element?.texts.map((t) => t.value).join('');
}

// --- ours ------------------------------------------------------------------------------------------

interface OurRead {
  readonly errors: Finding[];
  readonly networkName?: string;
  readonly portgroups: string[];
  readonly source?: { network?: string; portgroup?: string };
  readonly portgroupFound?: boolean;
}

function oursReads(c: XmlCase): OurRead {
  // The host reads files as UTF-8 (bytes that are not become U+FFFD), as libvirt does.
  const text = typeof c.network === 'string' ? c.network : new TextDecoder().decode(c.network);
  const index = new WorkspaceIndex();
  const networkDocument = parseLibvirtDocument('file:///oracle/network.xml', text);
  index.update(networkDocument);
  const errors = computeFindings(networkDocument, index).filter((f) => f.severity === 'error');
  const model = networkDocument.object?.kind === 'network' ? networkDocument.object : undefined;
  const read = { errors, networkName: model?.name?.value, portgroups: model?.portGroups.map((g) => g.name?.value ?? '') ?? [] };
  if (c.source === undefined) return read;
  const domain = parseLibvirtDocument('file:///oracle/domain.xml', domainText(c));
  index.update(domain);
  const iface = domain.object?.kind === 'domain' ? domain.object.interfaces[0] : undefined;
  const domainErrors = computeFindings(domain, index).filter((f) => f.severity === 'error' || f.code === 'unknown-portgroup');
  return {
    ...read,
    errors: [...errors, ...domainErrors.filter((f) => f.code !== 'unknown-portgroup')],
    source: { network: iface?.source?.attributes.get('network')?.value, portgroup: iface?.source?.attributes.get('portgroup')?.value },
    portgroupFound: !domainErrors.some((f) => f.code === 'unknown-portgroup'),
  };
}

// --- the comparison -------------------------------------------------------------------------------

function disagreements(c: XmlCase, libvirt: LibvirtRead, ours: OurRead): string[] {
  const found: string[] = [];
  const show = (value: unknown) => JSON.stringify(value);
  if (libvirt.refusal !== undefined) {
    const match = ours.errors.find((f) => f.message.includes(libvirt.refusal ?? ''));
    if (!match) found.push(`libvirt refused with ${show(libvirt.refusal)}; ours: ${show(ours.errors.map((f) => `${f.code}: ${f.message}`))}`);
    return found;
  }
  if (ours.errors.length > 0) found.push(`libvirt accepted; ours refused: ${show(ours.errors.map((f) => `${f.code}: ${f.message}`))}`);
  if (ours.networkName !== libvirt.networkName) found.push(`network name: ours ${show(ours.networkName)}, libvirt ${show(libvirt.networkName)}`);
  if (show(ours.portgroups) !== show(libvirt.portgroups)) found.push(`portgroups: ours ${show(ours.portgroups)}, libvirt ${show(libvirt.portgroups)}`);
  if (c.source !== undefined) {
    if (show(ours.source) !== show(libvirt.source)) found.push(`interface source: ours ${show(ours.source)}, libvirt ${show(libvirt.source)}`);
    const libvirtFinds = libvirt.source?.portgroup !== undefined && (libvirt.portgroups ?? []).includes(libvirt.source.portgroup);
    if (libvirt.source?.portgroup !== undefined && ours.portgroupFound !== libvirtFinds) {
      found.push(`portgroup found: ours ${String(ours.portgroupFound)}, libvirt ${String(libvirtFinds)}`);
    }
  }
  return found;
}

test('XML details: names as libxml2 reads them, ours vs. a real libvirt', { timeout: 5 * 60_000 }, async (t) => {
  if (await skippedWithoutLibvirt(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'oracle-xml-'));
  const started = Date.now();
  const failures: string[] = [];
  try {
    for (const c of CASES) {
      const libvirt = await libvirtReads(c, dir);
      const list = disagreements(c, libvirt, oursReads(c));
      t.diagnostic(`${list.length === 0 ? 'agree' : 'DISAGREE'}  ${c.id}${libvirt.refusal ? ` (refused: ${libvirt.refusal})` : ''}`);
      failures.push(...list.map((d) => `${c.id}: ${d}`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.diagnostic(`${CASES.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; disagreements: ${failures.length}`);
  assert.deepEqual(failures, []);
});
