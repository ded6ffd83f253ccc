/*
 * Helpers for the core engine's tests: domains and networks from parts, resolution, findings, CLI
 * output, temporary folders and the corpus.
 * Not a test file itself.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeFindings } from '../findings/documentFindings';
import type { Finding } from '../model/finding';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { Domain, DomainInterface, Network } from '../model/libvirtModel';
import type { ResolvedInterface } from '../resolver/resolvedInterface';
import { resolveInterface } from '../resolver/resolveInterface';
import type { CommandOutput } from '../cli/commandOutput';
import { indexOf, uriOf } from './workspace';

export function networkOf(document: LibvirtDocument): Network {
  if (document.object?.kind !== 'network') throw new Error(`${document.uri} is not a network`);
  return document.object;
}

export function domainOf(document: LibvirtDocument): Domain {
  if (document.object?.kind !== 'domain') throw new Error(`${document.uri} is not a domain`);
  return document.object;
}

/** A one-interface domain around the given `<interface>` text. */
export function domainWith(...interfaces: string[]): string {
  return `<domain type='kvm'>\n  <name>guest</name>\n  <devices>\n${interfaces.map((i) => `    ${i}\n`).join('')}  </devices>\n</domain>\n`;
}

export interface Resolved {
  readonly resolved: ResolvedInterface;
  readonly index: WorkspaceIndex;
  readonly docs: Record<string, LibvirtDocument>;
  readonly iface: DomainInterface;
}

/**
 * Resolves interface `which` (default 0) of `domain.xml` against the other files. The domain text
 * may be a whole `<domain>` or a bare `<interface>` (wrapped by domainWith).
 */
export function resolve(domainText: string, networks: Record<string, string> = {}, which = 0): Resolved {
  const text = domainText.trimStart().startsWith('<interface') ? domainWith(domainText) : domainText;
  const { index, docs } = indexOf({ ...networks, 'domain.xml': text });
  const iface = domainOf(docs['domain.xml']).interfaces[which];
  if (!iface) throw new Error(`no interface ${which}`);
  return { resolved: resolveInterface(uriOf('domain.xml'), iface, index), index, docs, iface };
}

/** A network file's text from its parts. */
export function network(name: string, body: string): string {
  return `<network>\n  <name>${name}</name>\n${body}\n</network>\n`;
}

/** Findings of one document of an inline workspace. */
export function findingsOf(name: string, files: Record<string, string>): Finding[] {
  const { index, docs } = indexOf(files);
  return computeFindings(docs[name], index);
}

export function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

/** The findings with a code, failing loudly in the assertion message when there are others. */
export function withCode(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** A CommandOutput that keeps what a command writes. */
export function captureOutput(): CommandOutput & { out: string; err: string } {
  const capture = {
    out: '',
    err: '',
    stdout(text: string) {
      capture.out += text;
    },
    stderr(text: string) {
      capture.err += text;
    },
  };
  return capture;
}

/** A fresh temporary folder with the given files (paths relative to it); removed by the returned cleanup. */
export function tempTree(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'libvirt-xml-test-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Walks up from this file to the folder that holds `shared/corpus/libvirt`, if any. */
export function findCorpus(): string | undefined {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'shared', 'corpus', 'libvirt');
    if (fs.existsSync(path.join(candidate, 'tests'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The repository root (the folder with package.json above this file). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'server', 'src'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
}

/** A domain of `count` interfaces on networks net0, net1 and net2 (each sixth on a network nobody defines). */
export function manyInterfaces(count: number): string {
  const network = (i: number) => (i % 6 === 5 ? 'nowhere' : `net${i % 3}`);
  return domainWith(...Array.from({ length: count }, (_, i) => `<interface type='network'><source network='${network(i)}'/></interface>`));
}
