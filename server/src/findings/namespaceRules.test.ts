import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, slice } from '../testing';

describe('namespace on the root', () => {
  test('a default namespace on the root is an error at xmlns: libvirt sees none of the children', () => {
    const text = `<network xmlns='http://example.org/x'>\n  <name>n</name>\n  <bridge name='br9'/>\n</network>\n`;
    const findings = findingsOf('n.xml', { 'n.xml': text }).filter((f) => f.severity === 'error');
    assert.equal(findings.length, 1, JSON.stringify(findings));
    assert.equal(
      findings[0].message,
      `remove xmlns='http://example.org/x': libvirt reads no element in a namespace, so it refuses this <network> with "missing name information"`,
    );
    assert.equal(slice(text, findings[0].range), 'xmlns');
  });

  test('no namespace, or an empty one, or a prefixed declaration: nothing said', () => {
    for (const root of [`<network>`, `<network xmlns=''>`, `<network xmlns:x='http://example.org/x'>`]) {
      const text = `${root}\n  <name>n</name>\n  <bridge name='br9'/>\n</network>\n`;
      assert.deepEqual(findingsOf('n.xml', { 'n.xml': text }), [], root);
    }
  });
});
