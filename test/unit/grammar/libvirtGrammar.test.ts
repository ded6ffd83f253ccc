import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, before } from 'node:test';
import { minimalXmlGrammar } from './minimalXmlGrammar';
import { repositoryRoot } from './repositoryRoot';
import { loadTextMate, textMateInstalled, type Token, type Tokenizer } from './textMateHarness';

const root = repositoryRoot();
const injection = JSON.parse(fs.readFileSync(path.join(root, 'syntaxes/libvirt-xml.injection.json'), 'utf8')) as InjectionGrammar;

interface InjectionGrammar {
  scopeName: string;
  injectionSelector: string;
  patterns: unknown[];
  repository: Record<string, unknown>;
}

describe('libvirt grammar injection: the file itself', () => {
  it('is contributed in package.json as an injection into text.xml', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes?: { grammars?: Array<{ scopeName: string; path: string; injectTo?: string[] }> };
    };
    const entry = manifest.contributes?.grammars?.find((g) => g.scopeName === injection.scopeName);
    assert.ok(entry, 'package.json contributes the grammar');
    assert.deepEqual(entry.injectTo, ['text.xml']);
    assert.equal(path.normalize(entry.path), path.normalize('./syntaxes/libvirt-xml.injection.json'));
    assert.match(injection.injectionSelector, /^L:text\.xml\b/);
  });

  it('has only regular expressions that compile and includes that resolve', () => {
    const patterns = collect(injection, ['match', 'begin', 'end']);
    assert.ok(patterns.length > 10);
    // JavaScript's engine is not Oniguruma, but these rules stay in the subset both understand.
    for (const source of patterns) assert.doesNotThrow(() => new RegExp(source), source);
    for (const include of collect(injection, ['include'])) {
      assert.match(include, /^#/, 'self-contained: no include of another grammar');
      assert.ok(include.slice(1) in injection.repository, `repository has ${include}`);
    }
  });
});

/** The example files plus the shapes a person meets while typing. */
const sampleLines = [
  "<interface type='network'>",
  '  <source network=\'mynet\' portgroup="xyzzy"/>',
  "  <tag name='twisty'/>",
  "  <vlan trunk='yes'><tag id='42' nativeMode='untagged'/></vlan>",
  "  <portgroup name='standard' default='yes'>",
  "  <!-- <source network='commented'/> -->",
  '  <source',
  "      network='split'",
  "      portgroup='lines'/>",
  "  <source network='unterminated",
  "  <model type='virtio'/>",
  "  <source file='/var/lib/a&amp;b.img'/>",
  '</interface>',
].join('\n');

const noTextMate = textMateInstalled() ? false : 'vscode-textmate and vscode-oniguruma are not installed';

for (const base of baseGrammars()) {
  describe(`libvirt grammar injection over ${base.name}`, () => {
    let injected: Tokenizer | undefined;
    let plain: Tokenizer | undefined;
    before(async () => {
      injected = await loadTextMate(base.grammar, injection);
      plain = await loadTextMate(base.grammar, undefined);
    });

    it('marks network and portgroup references in <source>', { skip: noTextMate }, () => {
      const lines = injected!(sampleLines);
      assertScope(lines[1], 'mynet', ['meta.tag.xml', 'string.quoted.single.xml', 'entity.name.type.libvirt.network']);
      assertScope(lines[1], 'xyzzy', ['meta.tag.xml', 'string.quoted.double.xml', 'entity.name.type.libvirt.portgroup']);
      assertScope(lines[1], 'network', ['meta.tag.xml', 'entity.other.attribute-name.localname.xml']);
      assertScope(lines[7], 'split', ['entity.name.type.libvirt.network']);
      assertScope(lines[8], 'lines', ['entity.name.type.libvirt.portgroup']);
    });

    it('marks the RFC <tag name> element and its name, not a VLAN <tag id>', { skip: noTextMate }, () => {
      const lines = injected!(sampleLines);
      assertScope(lines[2], 'tag', ['entity.name.tag.localname.xml', 'entity.name.tag.libvirt.tag']);
      assertScope(lines[2], 'twisty', ['string.quoted.single.xml', 'entity.name.type.libvirt.tag']);
      assert.equal(libvirtScopes(lines[3]).length, 0, JSON.stringify(lines[3]));
    });

    it('marks a portgroup definition like its references', { skip: noTextMate }, () => {
      assertScope(injected!(sampleLines)[4], 'standard', ['entity.name.type.libvirt.portgroup']);
    });

    it('leaves comments, other elements and unfinished values alone', { skip: noTextMate }, () => {
      const lines = injected!(sampleLines);
      for (const at of [0, 5, 9, 10, 11, 12]) assert.deepEqual(libvirtScopes(lines[at]), [], `line ${at}: ${JSON.stringify(lines[at])}`);
    });

    it('keeps every scope ordinary XML colouring gives, on every character of the examples', { skip: noTextMate }, () => {
      const texts = [sampleLines, ...exampleFiles().map((file) => fs.readFileSync(file, 'utf8'))];
      for (const text of texts) {
        const withInjection = characterScopes(injected!(text));
        const withoutInjection = characterScopes(plain!(text));
        assert.equal(withInjection.length, withoutInjection.length);
        withoutInjection.forEach((scopes, at) => {
          for (const scope of scopes) {
            assert.ok(withInjection[at].includes(scope), `character ${at} lost ${scope}: has ${withInjection[at].join(' ')}`);
          }
        });
      }
    });
  });
}

function baseGrammars(): Array<{ name: string; grammar: object }> {
  const result = [{ name: 'a minimal XML grammar', grammar: minimalXmlGrammar as object }];
  // VS Code's own XML grammar, when the workbench tests' code-server is installed (not shipped here).
  const vscodeXml = path.join(root, '.cache/code-server/node_modules/code-server/lib/vscode/extensions/xml/syntaxes/xml.tmLanguage.json');
  if (fs.existsSync(vscodeXml)) result.push({ name: "VS Code's XML grammar", grammar: JSON.parse(fs.readFileSync(vscodeXml, 'utf8')) as object });
  return result;
}

function exampleFiles(): string[] {
  const folders = ['examples/domains', 'examples/networks'].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  return folders.flatMap((folder) =>
    fs
      .readdirSync(folder)
      .filter((n) => n.endsWith('.xml'))
      .map((n) => path.join(folder, n)),
  );
}

function assertScope(line: Token[], text: string, expected: string[]): void {
  const token = line.find((t) => t.text === text);
  assert.ok(token, `a token '${text}' in ${JSON.stringify(line)}`);
  for (const scope of expected) assert.ok(token.scopes.includes(scope), `'${text}' has ${scope}: ${token.scopes.join(' ')}`);
}

/** The scopes that make a theme colour something as a libvirt reference or element. */
function libvirtScopes(line: Token[]): string[] {
  return line.flatMap((t) => t.scopes).filter((s) => s.startsWith('entity.') && s.includes('libvirt'));
}

/** The scopes of each character, as a list over the whole text (line breaks excluded). */
function characterScopes(lines: Token[][]): string[][] {
  return lines.flatMap((line) => line.flatMap((t) => Array.from({ length: t.text.length }, () => [...t.scopes])));
}

function collect(node: unknown, keys: string[]): string[] {
  if (Array.isArray(node)) return node.flatMap((n) => collect(n, keys));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) => (keys.includes(key) && typeof value === 'string' ? [value] : collect(value, keys)));
}
