import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkNetworkBody, withCode } from '../testing';

const hostBridge = `<forward mode='bridge'/><bridge name='br0'/>`;
/** A name of `bytes` UTF-8 bytes made of `pad`. */
const nameOfBytes = (bytes: number, pad: string) => pad.repeat(Math.floor(bytes / new TextEncoder().encode(pad).length));

describe('networkNameRules: the name as libvirt reads it', () => {
  test('spaces around the name are kept: a warning, not an error', () => {
    const { findings, errors } = checkNetworkBody(hostBridge, ' lan ');
    assert.deepEqual(errors, []);
    const [warning] = withCode(findings, 'network-name-whitespace');
    assert.equal(warning?.severity, 'warning');
    assert.match(warning.message, /the network is called ' lan '/);
  });

  test('a name without spaces around it gets no warning', () => {
    assert.deepEqual(withCode(checkNetworkBody(hostBridge, 'lan').findings, 'network-name-whitespace'), []);
  });

  test('a whitespace-only name is a name (libvirt defines it)', () => {
    const { findings } = checkNetworkBody(hostBridge, '  ');
    assert.deepEqual(withCode(findings, 'missing-network-name'), []);
  });

  test('an empty name is no name', () => {
    assert.deepEqual(checkNetworkBody(hostBridge, '').errors, [['missing-network-name', 'missing name information (libvirt requires <name>)']]);
  });

  test('a name over several lines has newlines: refused', () => {
    assert.deepEqual(checkNetworkBody(hostBridge, '\n  lan\n').errors, [['invalid-value', 'invalid char in name: \\n']]);
  });
});

describe('portgroup names as libvirt reads them', () => {
  test('an empty portgroup name is no name (virXPathString): refused', () => {
    assert.deepEqual(checkNetworkBody(`${hostBridge}<portgroup name=''/>`).errors, [
      ['invalid-value', 'XML error: Missing required name attribute in portgroup'],
    ]);
  });

  test('a portgroup name of spaces is a name', () => {
    assert.deepEqual(checkNetworkBody(`${hostBridge}<portgroup name=' '/>`).errors, []);
  });
});

describe('networkNameRules: the name as a file name', () => {
  test('247 bytes fit NAME.xml.new in 255', () => {
    assert.deepEqual(checkNetworkBody(hostBridge, nameOfBytes(247, 'x')).errors, []);
  });

  test('248 bytes do not: refused at define with the file libvirt fails to create', () => {
    const name = nameOfBytes(248, 'x');
    assert.deepEqual(checkNetworkBody(hostBridge, name).errors, [
      [
        'network-name-too-long',
        `Failed to create file '/etc/libvirt/qemu/networks/${name}.xml.new': File name too long (a network name may have at most 247 bytes; this one has 248)`,
      ],
    ]);
  });

  test('bytes count, not characters: 124 two-byte characters are 248 bytes', () => {
    assert.equal(withCode(checkNetworkBody(hostBridge, nameOfBytes(248, 'é')).findings, 'network-name-too-long').length, 1);
    assert.deepEqual(checkNetworkBody(hostBridge, nameOfBytes(246, 'é')).errors, []);
  });
});

describe('networkNameRules: values libvirt writes back unescaped', () => {
  for (const [value, error] of [
    ["a'b", 'attributes construct error'],
    ['a&lt;b', "Unescaped '<' not allowed in attributes values"],
    ['a&amp;b', "EntityRef: expecting ';'"],
    ['a&amp; b', 'xmlParseEntityRef: no name'],
    ['a&amp;nbsp;b', "Entity 'nbsp' not defined"],
  ] as const) {
    test(`a portgroup named ${value}: refused at net-start with "${error}"`, () => {
      const quote = value.includes("'") ? '"' : "'";
      const { errors } = checkNetworkBody(`${hostBridge}<portgroup name=${quote}${value}${quote}/>`);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0][0], 'unescaped-in-saved-file');
      assert.ok(errors[0][1].startsWith(`${error}: libvirt writes this portgroup name unescaped`), errors[0][1]);
    });
  }

  test('a double quote or &amp;amp; reads back without an error', () => {
    assert.deepEqual(checkNetworkBody(`${hostBridge}<portgroup name='a"b'/><portgroup name='a&amp;amp;b'/>`).errors, []);
  });

  test('DHCP host names and the domain name are written the same way', () => {
    const { errors } = checkNetworkBody(`<domain name="a'b"/><ip address='10.0.0.1' prefix='24'><dhcp><host name="h'1" ip='10.0.0.5'/></dhcp></ip>`);
    assert.deepEqual(
      errors.map(([code, message]) => [code, message.split(':')[0]]),
      [
        ['unescaped-in-saved-file', 'attributes construct error'],
        ['unescaped-in-saved-file', 'attributes construct error'],
      ],
    );
  });
});
