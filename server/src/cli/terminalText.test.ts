import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from './main';
import { escapeControlCharacters } from './terminalText';
import { captureOutput, domainWith, network, tempTree } from '../testing';

async function run(...argv: string[]) {
  const out = captureOutput();
  const status = await runCli(argv, out);
  return { status, out: out.out, err: out.err };
}

const findingLine = /^(.+):(\d+):(\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/;

describe('escapeControlCharacters', () => {
  test('C0, DEL, C1, line and paragraph separators and bidi controls are written as escapes', () => {
    assert.equal(escapeControlCharacters('a\nb\rc\td'), 'a\\nb\\rc\\td');
    assert.equal(escapeControlCharacters('\x1b[31mred\x00\x07\x7f'), '\\x1b[31mred\\x00\\x07\\x7f');
    assert.equal(escapeControlCharacters('\x85\x9b'), '\\x85\\x9b');
    assert.equal(escapeControlCharacters('\u2028\u2029'), '\\u2028\\u2029');
    assert.equal(escapeControlCharacters('abc\u202edcba\u2066\u2069\u200e\u200f\u061c'), 'abc\\u202edcba\\u2066\\u2069\\u200e\\u200f\\u061c');
  });

  test('other text, non-ASCII letters included, is unchanged', () => {
    for (const text of ['plain', 'réseau-é', '网络', 'a\\nb', "<source network='x'/>", '…', '😀']) assert.equal(escapeControlCharacters(text), text);
  });
});

describe('cli: control characters in file names and document values reach the terminal escaped', () => {
  test('a newline in a file name does not split its FILE:LINE:COL line', async () => {
    const { dir, cleanup } = tempTree({ 'a\nb.xml': '<network>\n  <name>x</nam>\n</network>\n' });
    try {
      const { status, out } = await run('check', dir, '--no-host-networks');
      assert.equal(status, 1);
      const lines = out.trimEnd().split('\n');
      assert.equal(lines.length, 2, out);
      const [, file, line] = findingLine.exec(lines[0]) ?? [];
      assert.deepEqual([file, line], [path.join(dir, 'a\\nb.xml'), '2']);
    } finally {
      cleanup();
    }
  });

  test('an escape sequence in a network name, in check and status text; JSON keeps the value', async () => {
    const evil = 'lan\x1b[2J\u202e';
    const { dir, cleanup } = tempTree({
      'lan.xml': network(evil, ''),
      'd.xml': domainWith(
        `<interface type='network'><source network='${evil}'/></interface>`,
        `<interface type='network'><source network='x${evil}'/></interface>`,
      ),
    });
    try {
      const check = await run('check', dir, '--no-host-networks');
      assert.equal(check.status, 1);
      assert.doesNotMatch(check.out, /\x1b|\u202e/);
      assert.match(check.out, /'xlan\\x1b\[2J\\u202e'/);

      const status = await run('status', path.join(dir, 'd.xml'), '--no-host-networks');
      assert.doesNotMatch(status.out + status.err, /\x1b|\u202e/);
      assert.match(status.out, /network 'lan\\x1b\[2J\\u202e'/);
      assert.match(status.err, /'xlan\\x1b\[2J\\u202e'/);

      const json = JSON.parse((await run('status', path.join(dir, 'd.xml'), '--no-host-networks', '--format', 'json')).out);
      assert.equal(json.interfaces[0].network, evil);
    } finally {
      cleanup();
    }
  });

  test('a named path that is not checked: its name escaped on stderr', async () => {
    const { dir, cleanup } = tempTree({});
    try {
      const { status, err } = await run('check', path.join(dir, 'gone\x1b]0;title\x07.xml'), '--no-host-networks');
      assert.equal(status, 2);
      assert.equal(err, `libvirt-xml: ${path.join(dir, 'gone\\x1b]0;title\\x07.xml')}: not checked: no such file or folder\n`);
      assert.equal(fs.readdirSync(dir).length, 0);
    } finally {
      cleanup();
    }
  });
});
