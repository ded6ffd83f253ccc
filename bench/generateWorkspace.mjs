#!/usr/bin/env node
// Generates the benchmark workspace: libvirt network and domain XML files, seeded and reproducible
// (same seed and size → byte-identical files). Output: bench/workspace/ (gitignored), plus
// bench/workspace/manifest.json describing the files the benchmark drives (not an .xml file, so the
// server does not index it).
//
//   node bench/generateWorkspace.mjs [--quick] [--seed N] [--out DIR] [--networks N] [--domains N]
//
// Full: 2,000 networks (1–3 KB) and 8,000 domains (3–6 KB); --quick: a tenth of that.
// Every 8th domain's first interface uses the "hot" network `fleet-lan`, so a network edit fans
// out to 1,000 domains in the full workspace (100 in the quick one).
import { mkdirSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomHex, randomMac, randomUuid, seededRandom } from './seededRandom.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export const generatorVersion = 4;

export function workspaceSpec(argv) {
  const quick = argv.includes('--quick');
  const value = (flag, fallback) => {
    const at = argv.indexOf(flag);
    return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
  };
  return {
    seed: Number(value('--seed', 20140601)),
    networks: Number(value('--networks', quick ? 200 : 2000)),
    domains: Number(value('--domains', quick ? 800 : 8000)),
    out: path.resolve(value('--out', path.join(here, 'workspace', quick ? 'quick' : 'full'))),
    version: generatorVersion,
  };
}

const tagWords = [
  'prod',
  'staging',
  'dev',
  'billing',
  'backup',
  'dmz',
  'mgmt',
  'storage',
  'frontend',
  'backend',
  'db',
  'cache',
  'edge',
  'lab',
  'gold',
  'silver',
  'bronze',
  'pci',
  'gdpr',
  'eu',
  'us',
  'apac',
];
const groupWords = ['standard', 'premium', 'office', 'guests', 'voice', 'video', 'bulk', 'admin', 'engineering', 'sales', 'lab', 'trunk'];

/** Forward modes, weighted as fleets use them. */
const forwardModes = ['nat', 'nat', 'nat', 'route', 'bridge', 'bridge-ovs', 'bridge-ovs', 'open', 'isolated', 'passthrough', 'private', 'vepa', 'hostdev'];

function networkName(i) {
  return i === 0 ? 'fleet-lan' : `net-${String(i).padStart(4, '0')}`;
}

function bandwidth(r, indent, withFloor) {
  const avg = r.int(1, 200) * 1000;
  const lines = [
    `${indent}<bandwidth>`,
    `${indent}  <inbound average='${avg}' peak='${avg * 2}' burst='${r.int(1, 64) * 1024}'${withFloor ? ` floor='${avg / 2}'` : ''}/>`,
  ];
  if (r.chance(0.7)) lines.push(`${indent}  <outbound average='${avg}' peak='${avg * 2}'/>`);
  lines.push(`${indent}</bandwidth>`);
  return lines;
}

function vlan(r, indent) {
  const trunk = r.chance(0.3);
  const lines = [`${indent}<vlan${trunk ? " trunk='yes'" : ''}>`];
  const count = trunk ? r.int(2, 4) : 1;
  for (let i = 0; i < count; i++) lines.push(`${indent}  <tag id='${r.int(2, 4000)}'${trunk && i === 0 && r.chance(0.5) ? " nativeMode='untagged'" : ''}/>`);
  lines.push(`${indent}</vlan>`);
  return lines;
}

function generateNetwork(r, i) {
  const name = networkName(i);
  const kind = i === 0 ? 'nat' : r.pick(forwardModes);
  const lines = ['<network>', `  <name>${name}</name>`, `  <uuid>${randomUuid(r)}</uuid>`];
  const bandwidthAllowed = ['nat', 'route', 'open', 'isolated', 'bridge'].includes(kind);
  const vlanAllowed = kind === 'bridge-ovs' || kind === 'hostdev' || kind === 'passthrough';
  switch (kind) {
    case 'nat':
    case 'route':
    case 'open':
      lines.push(`  <forward mode='${kind}'/>`, `  <bridge name='virbr${i}' stp='on' delay='0'/>`);
      break;
    case 'isolated':
      lines.push(`  <bridge name='virbr${i}' stp='on' delay='0'/>`);
      break;
    case 'bridge':
      lines.push("  <forward mode='bridge'/>", `  <bridge name='br${i % 64}'/>`);
      break;
    case 'bridge-ovs':
      lines.push("  <forward mode='bridge'/>", `  <bridge name='ovsbr${i % 16}'/>`, "  <virtualport type='openvswitch'/>");
      break;
    case 'passthrough':
    case 'private':
    case 'vepa':
      lines.push(`  <forward mode='${kind}'>`);
      for (let d = 0, n = r.int(1, 4); d < n; d++) lines.push(`    <interface dev='eth${d + 1}'/>`);
      lines.push('  </forward>');
      break;
    case 'hostdev':
      lines.push("  <forward mode='hostdev' managed='yes'>", "    <driver name='vfio'/>");
      for (let d = 0, n = r.int(1, 4); d < n; d++)
        lines.push(`    <address type='pci' domain='0x0000' bus='0x0${r.int(1, 9)}' slot='0x${randomHex(r, 2)}' function='0x${r.int(0, 7)}'/>`);
      lines.push('  </forward>');
      break;
  }
  if (bandwidthAllowed && r.chance(0.4)) lines.push(...bandwidth(r, '  ', false));
  if (r.chance(0.5)) lines.push(`  <tag name='${r.pick(tagWords)}'/>`);
  // The hot network always has portgroups, so portgroup completion and fan-out have something to do.
  const groups = i === 0 ? 4 : r.int(0, 6);
  const used = new Set();
  let defaultGiven = false;
  for (let g = 0; g < groups; g++) {
    let group = r.pick(groupWords);
    if (used.has(group)) group = `${group}${g}`;
    used.add(group);
    const isDefault = !defaultGiven && r.chance(0.3);
    defaultGiven ||= isDefault;
    lines.push(`  <portgroup name='${group}'${isDefault ? " default='yes'" : ''}>`);
    if (bandwidthAllowed && r.chance(0.6)) lines.push(...bandwidth(r, '    ', false));
    if (vlanAllowed && r.chance(0.6)) lines.push(...vlan(r, '    '));
    for (let t = 0, n = r.int(0, 2); t < n; t++) lines.push(`    <tag name='${r.pick(tagWords)}-${r.int(1, 40)}'/>`);
    lines.push('  </portgroup>');
  }
  if (['nat', 'route', 'open', 'isolated'].includes(kind)) {
    const octet = i % 250;
    lines.push(
      `  <ip address='10.${(i >> 8) & 255}.${octet}.1' netmask='255.255.255.0'>`,
      '    <dhcp>',
      `      <range start='10.${(i >> 8) & 255}.${octet}.2' end='10.${(i >> 8) & 255}.${octet}.254'/>`,
    );
    for (let h = 0, n = r.int(0, 12); h < n; h++)
      lines.push(`      <host mac='${randomMac(r)}' name='host${i}-${h}' ip='10.${(i >> 8) & 255}.${octet}.${h + 10}'/>`);
    lines.push('    </dhcp>', '  </ip>');
  }
  lines.push('</network>', '');
  return { name, text: pad(lines, r.int(1100, 3000), '</network>'), groups: [...used] };
}

/** Pads a file towards a target size with comments before the closing root tag (capped to the target). */
function pad(lines, target, closing) {
  let text = lines.join('\n');
  if (text.length < target) {
    const filler = [];
    let length = text.length;
    let n = 0;
    while (length < target - 40) {
      const line = `  <!-- managed by fleet tooling: change ${n++} recorded, see the changelog -->`;
      filler.push(line);
      length += line.length + 1;
    }
    text = text.replace(`${closing}\n`, `${filler.join('\n')}\n${closing}\n`);
  }
  return text;
}

function misspell(r, word) {
  const at = r.int(0, word.length - 1);
  return r.chance(0.5) ? word.slice(0, at) + word.slice(at + 1) || `${word}x` : word.slice(0, at) + word[at] + word.slice(at);
}

function generateDomain(r, i, networks) {
  const name = `vm-${String(i).padStart(5, '0')}`;
  const target = r.int(3100, 6100);
  const lines = [
    "<domain type='kvm'>",
    `  <name>${name}</name>`,
    `  <uuid>${randomUuid(r)}</uuid>`,
    `  <memory unit='GiB'>${r.pick([1, 2, 4, 8, 16, 32])}</memory>`,
    `  <currentMemory unit='GiB'>${r.pick([1, 2, 4])}</currentMemory>`,
    `  <vcpu placement='static'>${r.pick([1, 2, 4, 8])}</vcpu>`,
    '  <os>',
    "    <type arch='x86_64' machine='pc-q35-8.2'>hvm</type>",
    "    <boot dev='hd'/>",
    '  </os>',
    '  <features>',
    '    <acpi/>',
    '    <apic/>',
    '  </features>',
    "  <cpu mode='host-passthrough' check='none' migratable='on'/>",
    "  <clock offset='utc'>",
    "    <timer name='rtc' tickpolicy='catchup'/>",
    "    <timer name='pit' tickpolicy='delay'/>",
    "    <timer name='hpet' present='no'/>",
    '  </clock>',
    '  <on_poweroff>destroy</on_poweroff>',
    '  <on_reboot>restart</on_reboot>',
    '  <on_crash>destroy</on_crash>',
    '  <devices>',
    '    <emulator>/usr/bin/qemu-system-x86_64</emulator>',
  ];
  const disks = r.int(1, 4);
  for (let d = 0; d < disks; d++) {
    lines.push(
      "    <disk type='file' device='disk'>",
      "      <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>",
      `      <source file='/var/lib/libvirt/images/${name}-disk${d}.qcow2'/>`,
      `      <target dev='vd${'abcdefgh'[d]}' bus='virtio'/>`,
      `      <address type='pci' domain='0x0000' bus='0x0${d + 4}' slot='0x00' function='0x0'/>`,
      '    </disk>',
    );
  }
  lines.push(
    "    <controller type='usb' index='0' model='qemu-xhci' ports='15'>",
    "      <address type='pci' domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>",
    '    </controller>',
  );
  lines.push("    <controller type='pci' index='0' model='pcie-root'/>");
  for (let c = 1, n = r.int(2, 6); c <= n; c++) {
    lines.push(
      `    <controller type='pci' index='${c}' model='pcie-root-port'>`,
      "      <model name='pcie-root-port'/>",
      `      <target chassis='${c}' port='0x${(15 + c).toString(16)}'/>`,
      `      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x${c - 1}'/>`,
      '    </controller>',
    );
  }
  const ifaceCount = r.int(1, 4);
  const uses = [];
  for (let k = 0; k < ifaceCount; k++) {
    const network = k === 0 && i % 8 === 0 ? networks[0] : networks[r.int(1, networks.length - 1)];
    let networkRef = network.name;
    let group = network.groups.length > 0 && r.chance(0.7) ? r.pick(network.groups) : undefined;
    // Some references are misspelled (never the hot network's, so it has exactly 1 in 8 domains).
    if (network !== networks[0] && r.chance(0.03)) networkRef = misspell(r, networkRef);
    else if (group && r.chance(0.05)) group = misspell(r, group);
    uses.push({ network: networkRef, portgroup: group });
    lines.push(
      "    <interface type='network'>",
      `      <mac address='${randomMac(r)}'/>`,
      `      <source network='${networkRef}'${group ? ` portgroup='${group}'` : ''}/>`,
    );
    if (r.chance(0.15)) lines.push(...bandwidth(r, '      ', r.chance(0.3)));
    // Every domain's first interface carries a tag, so tag completion has a place to happen.
    if (k === 0 || r.chance(0.3)) lines.push(`      <tag name='${r.pick(tagWords)}'/>`);
    lines.push("      <model type='virtio'/>", `      <address type='pci' domain='0x0000' bus='0x0${k + 1}' slot='0x00' function='0x0'/>`, '    </interface>');
  }
  lines.push(
    "    <serial type='pty'>",
    "      <target type='isa-serial' port='0'>",
    "        <model name='isa-serial'/>",
    '      </target>',
    '    </serial>',
    "    <console type='pty'>",
    "      <target type='serial' port='0'/>",
    '    </console>',
    "    <channel type='unix'>",
    "      <target type='virtio' name='org.qemu.guest_agent.0'/>",
    "      <address type='virtio-serial' controller='0' bus='0' port='1'/>",
    '    </channel>',
    "    <input type='tablet' bus='usb'>",
    "      <address type='usb' bus='0' port='1'/>",
    '    </input>',
    "    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>",
    '    <video>',
    "      <model type='virtio' heads='1' primary='yes'/>",
    '    </video>',
    "    <memballoon model='virtio'>",
    "      <address type='pci' domain='0x0000' bus='0x07' slot='0x00' function='0x0'/>",
    '    </memballoon>',
    "    <rng model='virtio'>",
    "      <backend model='random'>/dev/urandom</backend>",
    '    </rng>',
    '  </devices>',
    '</domain>',
    '',
  );
  return { name, text: pad(lines, target, '</domain>'), uses };
}

export function generate(spec) {
  const r = seededRandom(spec.seed);
  rmSync(spec.out, { recursive: true, force: true });
  mkdirSync(path.join(spec.out, 'networks'), { recursive: true });
  mkdirSync(path.join(spec.out, 'domains'), { recursive: true });
  const networks = [];
  let bytes = 0;
  for (let i = 0; i < spec.networks; i++) {
    const network = generateNetwork(r, i);
    const file = path.join(spec.out, 'networks', `${network.name}.xml`);
    writeFileSync(file, network.text);
    bytes += Buffer.byteLength(network.text);
    networks.push({ ...network, file, text: undefined });
  }
  const hotDomains = [];
  let largest = { file: '', size: 0 };
  for (let i = 0; i < spec.domains; i++) {
    const domain = generateDomain(r, i, networks);
    const file = path.join(spec.out, 'domains', `${domain.name}.xml`);
    writeFileSync(file, domain.text);
    const size = Buffer.byteLength(domain.text);
    bytes += size;
    if (domain.uses[0]?.network === networks[0].name) hotDomains.push(file);
    // The keystroke probe: the largest hot domain with several interfaces and a portgroup on its first.
    if (size > largest.size && domain.uses.length >= 3 && domain.uses[0]?.portgroup && domain.uses[0].network === networks[0].name) largest = { file, size };
  }
  const manifest = {
    spec: { seed: spec.seed, networks: spec.networks, domains: spec.domains, version: spec.version },
    files: spec.networks + spec.domains,
    bytes,
    hotNetwork: { name: networks[0].name, file: networks[0].file, portgroups: networks[0].groups },
    hotDomains,
    probeDomain: largest.file,
  };
  writeFileSync(path.join(spec.out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The workspace for these arguments, generated unless an identical one is already there. */
export function ensureWorkspace(argv) {
  const spec = workspaceSpec(argv);
  const manifestFile = path.join(spec.out, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    const same = JSON.stringify(manifest.spec) === JSON.stringify({ seed: spec.seed, networks: spec.networks, domains: spec.domains, version: spec.version });
    if (same) return { dir: spec.out, manifest, generated: false };
  }
  return { dir: spec.out, manifest: generate(spec), generated: true };
}

/** The server-at-scale shape (one network for four domains) of `files` files, as serverScale.mjs and keptRecordProbe.mjs use it. */
export function ensureServerScaleWorkspace(files) {
  return ensureWorkspace(['--networks', String(files / 5), '--domains', String((files * 4) / 5), '--out', path.join(here, 'workspace', `server-${files}`)]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const spec = workspaceSpec(process.argv.slice(2));
  const manifest = generate(spec);
  console.log(
    `generated ${manifest.files} files (${(manifest.bytes / 1e6).toFixed(1)} MB) in ${spec.out} in ${Math.round(performance.now() - started)} ms; hot network ${manifest.hotNetwork.name} used by ${manifest.hotDomains.length} domains`,
  );
}
