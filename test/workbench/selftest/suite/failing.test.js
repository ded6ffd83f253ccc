const assert = require('assert');
const vscode = require('vscode');

suite('workbench selftest (expected to fail)', () => {
  test('passes', () => assert.ok(vscode.version));
  test('fails on purpose', () => {
    assert.strictEqual(vscode.version, '0.0.0', 'SELFTEST-EXPECTED-FAILURE: version mismatch');
  });
});
