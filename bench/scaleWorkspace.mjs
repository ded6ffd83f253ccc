#!/usr/bin/env node
// The scale benchmark's workspace (issue 19): the shape an independent benchmark used, seeded and
// reproducible (same seed and size → byte-identical files).
//   - networks (10% of the files) with 0–40 portgroups,
//   - domains (70%) of 100–400 lines with 1–16 interfaces, some references misspelled,
//   - 20% XML that is not libvirt's (Maven poms, Ant builds, SVG),
//   - a nested tree (site-N/rack-N/host-N/...), networks and domains mixed in the same folders,
//   - a few domains of 1–5 MB (one per 5,000 files, at least two).
//
//   node bench/scaleWorkspace.mjs --files N [--seed N] [--out DIR]
// Output: bench/workspace/scale-N/ (gitignored) with manifest.json ({files, bytes, libvirtBytes, ...}).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomHex, randomMac, randomUuid, seededRandom } from './seededRandom.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const scaleGeneratorVersion = 1;

const groupWords = ['standard', 'premium', 'office', 'guests', 'voice', 'video', 'bulk', 'admin', 'engineering', 'sales', 'lab', 'trunk'];
const tagWords = ['prod', 'staging', 'dev', 'billing', 'backup', 'dmz', 'mgmt', 'storage', 'edge', 'lab'];

/** Where the i-th file goes: a tree three folders deep, about 50 files a folder. */
function folderOf(i) {
  const leaf = Math.floor(i / 50);
  return path.join(`site-${leaf % 4}`, `rack-${Math.floor(leaf / 4) % 10}`, `host-${leaf}`);
}

function generateNetwork(r, i) {
  const name = `lan-${String(i).padStart(5, '0')}`;
  const mode = r.pick(['nat', 'nat', 'route', 'bridge', 'open', 'isolated']);
  const lines = ['<network>', `  <name>${name}</name>`, `  <uuid>${randomUuid(r)}</uuid>`];
  if (mode === 'bridge') lines.push("  <forward mode='bridge'/>", `  <bridge name='br${i % 64}'/>`);
  else {
    if (mode !== 'isolated') lines.push(`  <forward mode='${mode}'/>`);
    lines.push(`  <bridge name='virbr${i}' stp='on' delay='0'/>`);
  }
  const groups = [];
  for (let g = 0, n = r.int(0, 40); g < n; g++) {
    const group = `${r.pick(groupWords)}-${g}`;
    groups.push(group);
    lines.push(`  <portgroup name='${group}'${g === 0 && r.chance(0.3) ? " default='yes'" : ''}>`);
    if (mode !== 'bridge' && r.chance(0.5))
      lines.push('    <bandwidth>', `      <inbound average='${r.int(1, 100) * 1000}' peak='${r.int(100, 200) * 1000}'/>`, '    </bandwidth>');
    if (r.chance(0.3)) lines.push(`    <tag name='${r.pick(tagWords)}'/>`);
    lines.push('  </portgroup>');
  }
  if (mode !== 'bridge') {
    const [a, b] = [(i >> 8) & 255, i & 255];
    lines.push(`  <ip address='10.${a}.${b}.1' netmask='255.255.255.0'>`, '    <dhcp>', `      <range start='10.${a}.${b}.2' end='10.${a}.${b}.254'/>`);
    for (let h = 0, n = r.int(0, 8); h < n; h++) lines.push(`      <host mac='${randomMac(r)}' name='h${i}-${h}' ip='10.${a}.${b}.${h + 10}'/>`);
    lines.push('    </dhcp>', '  </ip>');
  }
  lines.push('</network>', '');
  return { name, groups, text: lines.join('\n') };
}

function interfaceLines(r, networks, k) {
  const network = r.pick(networks);
  let ref = network.name;
  let group = network.groups.length > 0 && r.chance(0.6) ? r.pick(network.groups) : undefined;
  // A few references are misspelled: the did-you-mean suggestions have work to do.
  if (r.chance(0.03)) ref = `${ref.slice(0, -1)}${'xyz'[r.int(0, 2)]}`;
  else if (group && r.chance(0.03)) group = `${group}x`;
  const lines = [
    "    <interface type='network'>",
    `      <mac address='${randomMac(r)}'/>`,
    `      <source network='${ref}'${group ? ` portgroup='${group}'` : ''}/>`,
  ];
  if (r.chance(0.3)) lines.push(`      <tag name='${r.pick(tagWords)}'/>`);
  lines.push(
    "      <model type='virtio'/>",
    `      <address type='pci' domain='0x0000' bus='0x${(k + 1).toString(16).padStart(2, '0')}' slot='0x00' function='0x0'/>`,
    '    </interface>',
  );
  return lines;
}

const diskLines = (name, d) => [
  "    <disk type='file' device='disk'>",
  "      <driver name='qemu' type='qcow2' cache='none'/>",
  `      <source file='/var/lib/libvirt/images/${name}-${d}.qcow2'/>`,
  `      <target dev='vd${String.fromCharCode(97 + (d % 26))}${d >= 26 ? d : ''}' bus='virtio'/>`,
  '    </disk>',
];

/** A domain of about `targetLines` lines: devices first, then as many disks and channels as it takes. */
function generateDomain(r, i, networks, targetLines) {
  const name = `vm-${String(i).padStart(6, '0')}`;
  const lines = [
    "<domain type='kvm'>",
    `  <name>${name}</name>`,
    `  <uuid>${randomUuid(r)}</uuid>`,
    `  <memory unit='GiB'>${r.pick([1, 2, 4, 8])}</memory>`,
    `  <vcpu placement='static'>${r.pick([1, 2, 4])}</vcpu>`,
    '  <os>',
    "    <type arch='x86_64' machine='pc-q35-8.2'>hvm</type>",
    '  </os>',
    '  <features>',
    '    <acpi/>',
    '    <apic/>',
    '  </features>',
    '  <devices>',
    '    <emulator>/usr/bin/qemu-system-x86_64</emulator>',
  ];
  for (let k = 0, n = r.int(1, 16); k < n; k++) lines.push(...interfaceLines(r, networks, k));
  const tail = ["    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>", '  </devices>', '</domain>', ''];
  for (let d = 0; lines.length + tail.length < targetLines; d++) {
    if (d % 3 === 2) lines.push("    <channel type='unix'>", `      <target type='virtio' name='org.example.agent.${d}'/>`, '    </channel>');
    else lines.push(...diskLines(name, d));
  }
  return { name, text: [...lines, ...tail].join('\n') };
}

/** XML that is not libvirt's: build files and images found in the same repositories. */
function generateOther(r, i) {
  const kind = i % 3;
  if (kind === 0) {
    const deps = Array.from(
      { length: r.int(2, 30) },
      (_, d) => `    <dependency><groupId>org.example</groupId><artifactId>lib-${d}</artifactId><version>1.${d}</version></dependency>`,
    );
    return {
      ext: 'pom.xml',
      text: [
        '<?xml version="1.0"?>',
        '<project>',
        '  <modelVersion>4.0.0</modelVersion>',
        '  <dependencies>',
        ...deps,
        '  </dependencies>',
        '</project>',
        '',
      ].join('\n'),
    };
  }
  if (kind === 1) {
    const targets = Array.from({ length: r.int(2, 20) }, (_, t) => `  <target name='t${t}'><echo message='step ${t}'/></target>`);
    return { ext: 'build.xml', text: ['<project name="p" default="t0">', ...targets, '</project>', ''].join('\n') };
  }
  const shapes = Array.from(
    { length: r.int(5, 80) },
    () => `  <rect x='${r.int(0, 500)}' y='${r.int(0, 500)}' width='${r.int(1, 90)}' height='${r.int(1, 90)}'/>`,
  );
  return { ext: 'icon.xml', text: ["<svg xmlns='http://www.w3.org/2000/svg'>", ...shapes, '</svg>', ''].join('\n') };
}

export function scaleSpec(argv) {
  const value = (flag, fallback) => {
    const at = argv.indexOf(flag);
    return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
  };
  const files = Number(value('--files', 1000));
  return {
    seed: Number(value('--seed', 19)),
    files,
    out: path.resolve(value('--out', path.join(here, 'workspace', `scale-${files}`))),
    version: scaleGeneratorVersion,
  };
}

export function generateScale(spec) {
  const r = seededRandom(spec.seed);
  rmSync(spec.out, { recursive: true, force: true });
  const networkCount = Math.max(1, Math.round(spec.files * 0.1));
  const otherCount = Math.round(spec.files * 0.2);
  const domainCount = spec.files - networkCount - otherCount;
  const hugeCount = Math.max(2, Math.floor(spec.files / 5000));
  const networks = Array.from({ length: networkCount }, (_, i) => generateNetwork(r, i));
  // Files are written in a shuffled order of kinds, so networks sit among the domains in the tree.
  const kinds = [...Array(networkCount).fill('n'), ...Array(domainCount).fill('d'), ...Array(otherCount).fill('o')];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  let [bytes, libvirtBytes, n, d, o] = [0, 0, 0, 0, 0];
  const hugeEvery = Math.floor(domainCount / hugeCount);
  for (const [i, kind] of kinds.entries()) {
    const folder = path.join(spec.out, folderOf(i));
    mkdirSync(folder, { recursive: true });
    let file;
    let text;
    if (kind === 'n') {
      const network = networks[n++];
      [file, text] = [`${network.name}.xml`, network.text];
    } else if (kind === 'd') {
      const huge = d % hugeEvery === hugeEvery - 1 && d / hugeEvery < hugeCount;
      const domain = generateDomain(r, d++, networks, huge ? r.int(20_000, 100_000) : r.int(100, 400));
      [file, text] = [`${domain.name}.xml`, domain.text];
    } else {
      const other = generateOther(r, o);
      [file, text] = [`other-${String(o++).padStart(6, '0')}-${other.ext}`, other.text];
    }
    writeFileSync(path.join(folder, file), text);
    const size = Buffer.byteLength(text);
    bytes += size;
    if (kind !== 'o') libvirtBytes += size;
  }
  const manifest = {
    spec: { seed: spec.seed, files: spec.files, version: spec.version },
    files: spec.files,
    networks: networkCount,
    domains: domainCount,
    others: otherCount,
    hugeDomains: hugeCount,
    bytes,
    libvirtBytes,
  };
  writeFileSync(path.join(spec.out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** The workspace for this spec, generated unless an identical one is already there. */
export function ensureScaleWorkspace(spec) {
  const manifestFile = path.join(spec.out, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (JSON.stringify(manifest.spec) === JSON.stringify({ seed: spec.seed, files: spec.files, version: spec.version }))
      return { dir: spec.out, manifest, generated: false };
  }
  return { dir: spec.out, manifest: generateScale(spec), generated: true };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const spec = scaleSpec(process.argv.slice(2));
  const manifest = generateScale(spec);
  console.log(
    `generated ${manifest.files} files (${(manifest.bytes / 1e6).toFixed(1)} MB, libvirt ${(manifest.libvirtBytes / 1e6).toFixed(1)} MB) in ${spec.out} in ${Math.round(performance.now() - started)} ms`,
  );
}
