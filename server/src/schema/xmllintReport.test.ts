import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseXml } from '../parser/xmlParser';
import { asErrorDetails, xmllintVerdicts } from './xmllintReport';

const files = ['/tmp/b/0.xml', '/tmp/b/1.xml', '/tmp/b/2.xml', '/tmp/b/3.xml'];

test("xmllint's report is split by file: context lines go with the located line after them", () => {
  const stderr = [
    '/tmp/b/0.xml validates',
    'Relax-NG validity error : Extra element devices in interleave',
    '/tmp/b/1.xml:15: element devices: Relax-NG validity error : Element domain failed to validate content',
    '/tmp/b/1.xml fails to validate',
    '/tmp/b/2.xml:2: element bogus: Relax-NG validity error : Element domain has extra content: bogus',
    'Relax-NG validity error : Invalid sequence in interleave',
    '/tmp/b/2.xml fails to validate',
    '/tmp/b/3.xml validates',
    '',
  ].join('\n');
  assert.deepEqual(xmllintVerdicts(stderr, files), [
    [],
    [
      { message: 'Extra element devices in interleave', line: 0 },
      { message: 'Element domain failed to validate content', line: 15, element: 'devices' },
    ],
    [
      { message: 'Element domain has extra content: bogus', line: 2, element: 'bogus' },
      { message: 'Invalid sequence in interleave', line: 0 },
    ],
    [],
  ]);
});

test('a file xmllint could not parse is malformed, and its quoted lines go nowhere; warnings are not errors', () => {
  const stderr = [
    '/tmp/b/0.xml:3: parser error : Opening and ending tag mismatch: source line 3 and interface',
    'm</type></os><devices><interface type="network"><source network="a"></interface>',
    '                                                                               ^',
    '/tmp/b/1.xml:1: namespace warning : xmlns: URI x is not absolute',
    '<domain xmlns:x="x">',
    '         ^',
    '/tmp/b/1.xml validates',
    '/tmp/b/2.xml validation generated an internal error',
    '/tmp/b/3.xml:1: namespace error : Namespace prefix q on a is not defined',
    '/tmp/b/3.xml validates',
  ].join('\n');
  assert.deepEqual(xmllintVerdicts(stderr, files), ['malformed', [], 'failed', 'malformed']);
});

test('a file without a verdict line was not validated', () => {
  assert.deepEqual(xmllintVerdicts('/tmp/b/0.xml validates\n', files.slice(0, 2)), [[], 'malformed']);
});

test("xmllint's line and name become libxml2's node path: the element whose start tag ends on that line", () => {
  const text = [
    '<domain type="kvm">',
    '  <devices>',
    '    <interface type="network"><source network="a"/></interface>',
    '    <interface',
    '      type="network"><bad/></interface>',
    '    <a/><a/>',
    '  </devices>',
    '</domain>',
  ].join('\n');
  const details = asErrorDetails(parseXml(text), [
    { message: 'context', line: 0 },
    { message: 'second interface', line: 5, element: 'interface' },
    { message: 'bad', line: 5, element: 'bad' },
    { message: 'on the line where it starts: not it', line: 4, element: 'interface' },
    { message: 'two of them on the line', line: 6, element: 'a' },
  ]);
  assert.deepEqual(
    details.map((d) => [d.message, d.line, d.xpath]),
    [
      ['context', 0, undefined],
      ['second interface', 5, '/domain/devices/interface[2]'],
      ['bad', 5, '/domain/devices/interface[2]/bad'],
      ['on the line where it starts: not it', 4, undefined],
      ['two of them on the line', 6, undefined],
    ],
  );
});

test('a prefixed element is found by its local name, and named with its prefix as libxml2 does', () => {
  const text = '<domain xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0">\n<qemu:commandline><qemu:bogus/></qemu:commandline>\n</domain>';
  const [detail] = asErrorDetails(parseXml(text), [{ message: 'm', line: 2, element: 'bogus' }]);
  assert.equal(detail.xpath, '/domain/qemu:commandline/qemu:bogus');
});
