import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-protocol';
import { guestWith } from '../../server/src/testing';
import { LspSession } from './lspSession';
import { withCursor } from './sessionFixture';
import { WorkspaceFixture } from './workspaceFixture';

/** libvirt's own schemas from the shared corpus, beside the repository. */
const corpusSchemas = path.resolve(__dirname, '../../../..', 'shared/corpus/libvirt/src/conf/schemas');
const skip = existsSync(path.join(corpusSchemas, 'domain.rng')) ? false : `libvirt's schemas not found at ${corpusSchemas}`;

describe('schema validation and completion over LSP', { skip }, () => {
  let fixture: WorkspaceFixture;
  let session: LspSession;
  before(async () => {
    fixture = new WorkspaceFixture();
    session = await LspSession.start({
      workspaceFolder: fixture.workspaceFolder,
      settings: { networkPaths: [fixture.networkFolder], schemaPath: corpusSchemas },
    });
    await session.indexed();
  });
  after(async () => {
    await session?.stop();
    fixture?.remove();
  });

  it("reports what libvirt's schema refuses, beside the core findings, and clears it after the fix", async () => {
    const uri = fixture.uri('workspace/domains/typo.xml');
    const broken = guestWith(`    <interfce type='network'>
      <source network='mynet'/>
    </interfce>`);
    await session.open(uri, broken);
    const published = await session.diagnosticsFor(uri, 'a schema error', (p) => p.diagnostics.some((d) => d.code === 'schema'));
    const error = published.diagnostics.find((d) => d.code === 'schema')!;
    assert.equal(error.severity, 1);
    assert.match(String(error.message), /interfce/);
    assert.equal(
      error.range.start.line,
      broken.split('\n').findIndex((line) => line.includes('<interfce')),
    );

    const version = await session.change(uri, broken.replace(/interfce/g, 'interface'));
    const fixed = await session.diagnosticsFor(
      uri,
      'no schema error after the fix',
      (p) => p.version === version && !p.diagnostics.some((d) => d.code === 'schema'),
    );
    assert.ok(fixed.diagnostics.every((d) => d.code !== 'schema'));
  });

  it('completes element names the schema allows inside <devices>', async () => {
    const uri = fixture.uri('workspace/domains/devices.xml');
    const { text, position } = withCursor(guestWith('    <|'));
    await session.open(uri, text);
    const list = await session.completion(uri, position);
    const labels = list.items.map((item) => item.label);
    for (const name of ['interface', 'disk', 'controller', 'graphics']) assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
  });

  it('hovers an element name outside the interfaces with what the schema allows', async () => {
    const uri = fixture.uri('workspace/domains/hover.xml');
    const { text, position } = withCursor(guestWith('').replace('<devices>', '<devi|ces>'));
    await session.open(uri, text);
    const hover = await session.hover(uri, position);
    assert.ok(hover, 'a hover on <model>');
    assert.match((hover.contents as MarkupContent).value, /libvirt schema/);
  });
});
