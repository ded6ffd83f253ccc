import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource, toDiagnostic } from './diagnostics';
import { getLanguageService } from './languageService';
import { uriOf, workspaceOf } from '../testing';
import { guestWith, mynet, mynetPath, networks } from '../testing';

const service = getLanguageService();

function validate(files: Record<string, string>, name: string): Diagnostic[] {
  const workspace = workspaceOf(files);
  return service.doValidation(workspace.document(name), workspace.index);
}

function withCode(diagnostics: Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code);
  assert.ok(found, `no ${code} among ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return found;
}

describe('diagnostics from findings', () => {
  it('turns an unknown network into an error on the value, with its suggestions as data', () => {
    const diagnostics = validate(
      { ...networks, 'domains/guest.xml': guestWith("    <interface type='network'>\n      <source network='mynte'/>\n    </interface>") },
      'domains/guest.xml',
    );
    const unknown = withCode(diagnostics, 'unknown-network');
    assert.equal(unknown.severity, DiagnosticSeverity.Error);
    assert.equal(unknown.source, diagnosticSource);
    assert.deepEqual(unknown.range, { start: { line: 4, character: 23 }, end: { line: 4, character: 28 } });
    assert.deepEqual(unknown.data, { suggestions: ['mynet'] });
    assert.equal(unknown.relatedInformation, undefined);
  });

  it('maps warning and info severities', () => {
    const diagnostics = validate({ ...networks, 'networks/copy.xml': mynet }, 'networks/copy.xml');
    assert.equal(withCode(diagnostics, 'duplicate-network').severity, DiagnosticSeverity.Warning);
    assert.equal(withCode(diagnostics, 'tag-dropped-by-libvirt').severity, DiagnosticSeverity.Information);
  });

  it('points related information into the other file, in its own lines', () => {
    const diagnostics = validate({ ...networks, 'networks/copy.xml': `\n\n${mynet}` }, 'networks/copy.xml');
    const duplicate = withCode(diagnostics, 'duplicate-network');
    assert.deepEqual(duplicate.range.start, { line: 3, character: 8 });
    assert.deepEqual(duplicate.relatedInformation, [
      {
        location: { uri: uriOf(mynetPath), range: { start: { line: 1, character: 8 }, end: { line: 1, character: 13 } } },
        message: "'mynet' is also defined here",
      },
    ]);
  });

  it('reports a problem caused by the network file on the interface, related to where it is written', () => {
    // A nat network cannot carry a vlan; the portgroup's vlan breaks the interface that uses it.
    const natVlan =
      "<network>\n  <name>natvlan</name>\n  <forward mode='nat'/>\n  <portgroup name='v'>\n    <vlan>\n      <tag id='5'/>\n    </vlan>\n  </portgroup>\n</network>\n";
    const diagnostics = validate(
      {
        'networks/natvlan.xml': natVlan,
        'domains/guest.xml': guestWith("    <interface type='network'>\n      <source network='natvlan' portgroup='v'/>\n    </interface>"),
      },
      'domains/guest.xml',
    );
    const vlan = withCode(diagnostics, 'vlan-unsupported');
    assert.match(typeof vlan.message === 'string' ? vlan.message : vlan.message.value, /\(the value comes from portgroup 'v'\)$/);
    assert.equal(vlan.relatedInformation?.[0].location.uri, uriOf('networks/natvlan.xml'));
    assert.equal(vlan.relatedInformation?.[0].location.range.start.line, 4);
  });

  it('reports malformed XML', () => {
    const diagnostics = validate({ 'networks/broken.xml': '<network>\n  <name>broken</name>\n' }, 'networks/broken.xml');
    assert.equal(withCode(diagnostics, 'malformed-xml').severity, DiagnosticSeverity.Error);
  });

  it('drops related locations in files it cannot place', () => {
    const workspace = workspaceOf({ 'networks/a.xml': '<network>\n  <name>a</name>\n</network>\n' });
    const document = workspace.document('networks/a.xml');
    const diagnostic = toDiagnostic(
      {
        uri: document.uri,
        range: { start: 0, end: 1 },
        severity: 'warning',
        code: 'duplicate-network',
        message: 'x',
        related: [{ uri: 'file:///elsewhere.xml', range: { start: 0, end: 1 }, message: 'there' }],
      },
      document,
      workspace.index,
    );
    assert.equal(diagnostic.relatedInformation, undefined);
  });
});
