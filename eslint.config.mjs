// The project's rules, checked by `npm test` (see ARCHITECTURE.md for why each exists).
import boundaries from 'eslint-plugin-boundaries';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/**
 * The layers, bottom to top, and what each may import of ours. A layer not listed for another is
 * out of its reach: `boundaries/dependencies` refuses the import.
 */
const layers = {
  protocol: [],
  util: ['protocol'],
  parser: ['util', 'protocol'],
  model: ['parser', 'util', 'protocol'],
  index: ['model', 'parser', 'util', 'protocol'],
  resolver: ['index', 'model', 'parser', 'util', 'protocol'],
  findings: ['resolver', 'index', 'model', 'parser', 'util', 'protocol'],
  languageFacts: ['util', 'protocol'],
  schema: ['parser', 'util', 'protocol'],
  services: ['findings', 'resolver', 'index', 'model', 'parser', 'util', 'languageFacts', 'schema', 'protocol'],
  host: ['findings', 'resolver', 'index', 'model', 'parser', 'util', 'schema', 'protocol'],
  lsp: ['host', 'services', 'findings', 'resolver', 'index', 'model', 'parser', 'util', 'schema', 'protocol'],
  cli: ['lsp', 'host', 'services', 'findings', 'resolver', 'index', 'model', 'parser', 'util', 'schema', 'protocol'],
  serverEntry: ['lsp', 'protocol'],
  client: ['protocol'],
};

/** Folders of the core: no I/O, no processes, no LSP transport, no VS Code. */
const coreLayers = ['util', 'parser', 'model', 'index', 'resolver', 'findings', 'languageFacts', 'schema', 'services'];

const elements = [
  ...Object.keys(layers)
    .filter((name) => !['serverEntry', 'protocol', 'client'].includes(name))
    .map((name) => ({ type: name, pattern: `server/src/${name}` })),
  { type: 'testing', pattern: 'server/src/testing' },
  { type: 'testing', pattern: 'client/src/testing' },
  { type: 'protocol', pattern: 'protocol/src' },
  { type: 'client', pattern: 'client/src' },
  // Last: what no folder above claims, the files at the top of server/src (the entry point).
  { type: 'serverEntry', pattern: 'server/src' },
];

/** Globals through which code would schedule work or reach the process: the edges' business. */
const nodeGlobals = [
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'process',
  'require',
  '__dirname',
  '__filename',
];

const ioModules = ['fs', 'fs/promises', 'child_process', 'worker_threads', 'net', 'http', 'https', 'dgram', 'readline', 'cluster'];
const restrictedInCore = [
  ...ioModules
    .flatMap((name) => [name, `node:${name}`])
    .map((name) => ({ name, message: 'The core does no I/O: read and write at the edge (server/src/host, lsp, cli) and pass values in.' })),
  { name: 'vscode', message: 'Only the client (client/src) talks to VS Code.' },
  { name: 'vscode-languageserver', message: 'The LSP transport belongs to server/src/lsp; services use vscode-languageserver-types.' },
  { name: 'vscode-languageserver/node', message: 'The LSP transport belongs to server/src/lsp; services use vscode-languageserver-types.' },
  { name: 'vscode-languageclient', message: 'Only the client (client/src) starts the language client.' },
  { name: 'vscode-languageclient/node', message: 'Only the client (client/src) starts the language client.' },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'bench/workspace/**',
      'bench/results/**',
      'test-results/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['server/src/**/*.ts', 'client/src/**/*.ts', 'protocol/src/**/*.ts'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts'],
      'import/resolver': { typescript: { project: 'tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            ...Object.entries(layers).map(([from, to]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
            })),
          ],
        },
      ],
      'import-x/no-cycle': 'error',
      // A handler set up before the value it reports to exists reads the variable before its one assignment.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: coreLayers.map((name) => `server/src/${name}/**/*.ts`),
    rules: {
      'no-restricted-imports': ['error', { paths: restrictedInCore }],
      'no-restricted-globals': [
        'error',
        ...nodeGlobals.map((name) => ({ name, message: 'The core is pure: timers, the process and module loading belong to the edges.' })),
      ],
    },
  },
  {
    // Bundled into the client as well: no Node API at all.
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: restrictedInCore, patterns: [{ group: ['node:*'], message: 'protocol/ is bundled into the client: no Node API.' }] },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate'].map((name) => ({
          name,
          message: 'protocol/ is bundled into the client: no Node API.',
        })),
      ],
    },
  },
  {
    // Tests state what they expect: `value!` there says "the test fails right here if it is missing".
    // Tests and their kits (server/src/testing, client/src/testing) may reach any layer and do I/O;
    // nothing else may import a kit (no layer lists 'testing').
    files: ['test/**/*.ts', '**/*.test.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
      'no-restricted-globals': 'off',
      'boundaries/dependencies': 'off',
    },
  },
);
