/**
 * Schema completion at cursor markers: the cursor context comes from the positioned parser
 * (schemaCursorAt), the answer from libvirt's schemas in the corpus.
 */
import { strict as assert } from 'node:assert';
import { before, test } from 'node:test';
import { parseXml } from '../parser/xmlParser';
import { SchemaGrammars } from './grammar/schemaGrammars';
import { schemaCompletions, schemaHover } from './schemaCompletion';
import { schemaCursorAt } from './schemaCursor';
import type { SchemaCompletion } from './schemaTypes';
import { corpusGrammars, cursor, skipWithoutCorpus } from '../testing/schemaCorpus';

let grammars = SchemaGrammars.none;
before(async () => {
  if (!skipWithoutCorpus) grammars = await corpusGrammars();
});

function complete(marked: string): SchemaCompletion[] {
  const { text, offset } = cursor(marked);
  const document = parseXml(text);
  const at = schemaCursorAt(document, offset);
  const root = document.roots[0]?.name ?? 'domain';
  return schemaCompletions(grammars, root, at.path, at.kind, at.attributeName);
}

function labels(items: readonly SchemaCompletion[]): string[] {
  return items.map((item) => item.label);
}

const options = { skip: skipWithoutCorpus };
const domain = (devices: string): string => `<domain type='kvm'>\n  <name>vm</name>\n  <devices>\n${devices}\n  </devices>\n</domain>`;

test('inside <devices>: the device elements', options, () => {
  const names = labels(complete(domain('    |')));
  for (const name of ['interface', 'disk', 'controller', 'graphics', 'hostdev']) assert.ok(names.includes(name), name);
  assert.ok(!names.includes('devices') && !names.includes('name'), 'only children of <devices>');
});

test('typing a tag name inside <devices> completes among its children', options, () => {
  const names = labels(complete(domain('    <inter|')));
  assert.ok(names.includes('interface'));
});

test('attributes of <interface>: type is required', options, () => {
  const items = complete(domain('    <interface |>\n    </interface>'));
  const type = items.find((item) => item.label === 'type');
  assert.equal(type?.required, true);
  assert.match(type?.documentation ?? '', /`network`/);
  assert.ok(labels(items).includes('trustGuestRxFilters'));
});

test('interface type values, even while the quote is unclosed', options, () => {
  for (const marked of [domain("    <interface type='|'/>"), domain("    <interface type='net|\n")]) {
    const names = labels(complete(marked));
    for (const value of ['network', 'bridge', 'direct', 'ethernet', 'hostdev', 'user', 'vhostuser']) assert.ok(names.includes(value), `${value} in ${marked}`);
  }
});

test("inside <interface type='network'>: its children, <source> required", options, () => {
  const items = complete(domain("    <interface type='network'>\n      |\n    </interface>"));
  const names = labels(items);
  for (const name of ['source', 'mac', 'model', 'bandwidth', 'vlan', 'virtualport', 'target']) assert.ok(names.includes(name), name);
  assert.equal(items.find((item) => item.label === 'source')?.detail, 'required element');
});

test('<source> of a network interface offers network and portgroup, not bridge-only names', options, () => {
  const names = labels(complete(domain("    <interface type='network'>\n      <source |/>\n    </interface>")));
  assert.ok(names.includes('network') && names.includes('portgroup'));
  assert.ok(!names.includes('dev') && !names.includes('path'), 'direct/vhostuser attributes stay out');
});

test('yes|no attributes', options, () => {
  assert.deepEqual(labels(complete(domain("    <interface type='network' trustGuestRxFilters='|'>\n    </interface>"))), ['yes', 'no']);
});

test('inside <forward>: its children; mode values', options, () => {
  const network = (inner: string): string => `<network>\n  <name>n</name>\n${inner}\n</network>`;
  const children = labels(complete(network("  <forward mode='nat'>\n    |\n  </forward>")));
  for (const name of ['nat', 'interface', 'pf']) assert.ok(children.includes(name), name);
  const modes = labels(complete(network("  <forward mode='|'/>")));
  assert.deepEqual(modes, ['nat', 'route', 'open', 'bridge', 'passthrough', 'private', 'vepa', 'hostdev']);
});

test('network children and the root', options, () => {
  const names = labels(complete('<network>\n  |\n</network>'));
  for (const name of ['name', 'bridge', 'forward', 'portgroup', 'bandwidth', 'ip', 'dns']) assert.ok(names.includes(name), name);
  assert.deepEqual(labels(complete('|')), ['domain']);
});

test('element text values (on_poweroff)', options, () => {
  assert.deepEqual(labels(complete("<domain type='kvm'>\n  <on_poweroff>|</on_poweroff>\n</domain>")), ['destroy', 'restart', 'preserve', 'rename-restart']);
});

test('hover: what the schema allows for an element and an attribute', options, () => {
  const element = schemaHover(grammars, 'domain', ['domain', 'devices', { name: 'interface', attributes: { type: 'network' } }], { kind: 'element' });
  assert.match(element ?? '', /\*\*<interface>\*\*/);
  assert.match(element ?? '', /`<source>` \(required\)/);
  const attribute = schemaHover(grammars, 'network', ['network', 'forward'], { kind: 'attribute', name: 'mode' });
  assert.match(attribute ?? '', /`nat` \| `route`/);
  const unknown = schemaHover(grammars, 'network', ['network', 'forward'], { kind: 'attribute', name: 'colour' });
  assert.match(unknown ?? '', /not an attribute of <forward>/);
  assert.equal(schemaHover(grammars, 'network', ['network', 'nonsense'], { kind: 'element' }), undefined);
});

test('no schema for the root: no completion', options, () => {
  assert.deepEqual(schemaCompletions(grammars, 'domstatus', ['domstatus'], 'element'), []);
});
