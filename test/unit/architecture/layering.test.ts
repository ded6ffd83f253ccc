/**
 * The linter is what keeps ARCHITECTURE.md's rules true; these tests keep the linter honest. Each
 * case lints a small source text as if it were a file at some place in the tree (nothing is
 * written) and checks that the rule meant to refuse it does, and that what is allowed passes.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';
import { repositoryRoot } from '../grammar/repositoryRoot';

const root = repositoryRoot();
let eslint: ESLint | undefined;

/** The rule ids ESLint reports for `code` placed at `file` (relative to the repository root). */
async function rulesBroken(file: string, code: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe('layering rules (eslint.config.mjs)', () => {
  test('a lower layer may not import a higher one', async () => {
    const broken = await rulesBroken('server/src/util/probe.ts', "import { parseXml } from '../parser/xmlParser';\nexport const probe = parseXml;\n");
    assert.deepEqual(broken, ['boundaries/dependencies']);
  });

  test('a higher layer may import a lower one', async () => {
    const broken = await rulesBroken('server/src/services/probe.ts', "import { parseXml } from '../parser/xmlParser';\nexport const probe = parseXml;\n");
    assert.deepEqual(broken, []);
  });

  test('the client may not import the server, only protocol/', async () => {
    assert.deepEqual(
      await rulesBroken('client/src/probe.ts', "import { parseXml } from '../../server/src/parser/xmlParser';\nexport const probe = parseXml;\n"),
      ['boundaries/dependencies'],
    );
    assert.deepEqual(
      await rulesBroken('client/src/probe.ts', "import { settingsSection } from '../../protocol/src/settings';\nexport const probe = settingsSection;\n"),
      [],
    );
  });

  test('production code may not import a test kit', async () => {
    const broken = await rulesBroken('server/src/lsp/probe.ts', "import { uriOf } from '../testing/workspace';\nexport const probe = uriOf;\n");
    assert.deepEqual(broken, ['boundaries/dependencies']);
  });

  test('the core does no I/O and schedules nothing; the edges may', async () => {
    assert.deepEqual(await rulesBroken('server/src/resolver/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"), [
      'no-restricted-imports',
    ]);
    assert.deepEqual(await rulesBroken('server/src/services/probe.ts', 'export const probe = (f: () => void) => setTimeout(f, 1);\n'), [
      'no-restricted-globals',
    ]);
    assert.deepEqual(
      await rulesBroken(
        'server/src/services/probe.ts',
        "import { createConnection } from 'vscode-languageserver/node';\nexport const probe = createConnection;\n",
      ),
      ['no-restricted-imports'],
    );
    assert.deepEqual(await rulesBroken('server/src/host/probe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"), []);
  });

  test('protocol/ uses no Node API: the client bundles it', async () => {
    assert.deepEqual(await rulesBroken('protocol/src/probe.ts', 'export const probe = () => process.pid;\n'), ['no-restricted-globals']);
  });

  test('no import cycles, even within a layer', async () => {
    // xmlParser imports valueReader, which imports xmlEntities: an xmlEntities that imported xmlParser would close a loop.
    const broken = await rulesBroken('server/src/parser/xmlEntities.ts', "import { parseXml } from './xmlParser';\nexport const probe = parseXml;\n");
    assert.ok(broken.includes('import-x/no-cycle'), `expected a cycle, got ${broken.join(', ')}`);
  });

  test('no non-null assertions outside tests', async () => {
    assert.deepEqual(await rulesBroken('server/src/model/probe.ts', 'export const probe = (value: string | undefined) => value!.length;\n'), [
      '@typescript-eslint/no-non-null-assertion',
    ]);
    assert.deepEqual(await rulesBroken('server/src/model/probe.test.ts', 'export const probe = (value: string | undefined) => value!.length;\n'), []);
  });
});
