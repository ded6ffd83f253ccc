import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readResolvedStatus } from './readResolvedStatus';
import { parseWebviewMessage } from './webviewMessages';

describe('parseWebviewMessage', () => {
  it('accepts the messages the panel sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', interface: 0, key: 'bandwidth' }), { type: 'reveal', interface: 0, key: 'bandwidth' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy' }), { type: 'copy' });
    assert.deepEqual(parseWebviewMessage({ type: 'copy', interface: 2, key: undefined }), { type: 'copy', interface: 2 });
    assert.deepEqual(parseWebviewMessage({ type: 'revealProblem', interface: 1, problem: 0 }), { type: 'revealProblem', interface: 1, problem: 0 });
    assert.deepEqual(parseWebviewMessage({ type: 'page', first: 400, interface: undefined }), { type: 'page', first: 400 });
    assert.deepEqual(parseWebviewMessage({ type: 'revealDisk', disk: 1, key: 'path', interface: undefined }), { type: 'revealDisk', disk: 1, key: 'path' });
    assert.deepEqual(parseWebviewMessage({ type: 'revealDiskProblem', disk: 0, problem: 0 }), { type: 'revealDiskProblem', disk: 0, problem: 0 });
  });

  it('rejects anything else', () => {
    for (const data of [
      null,
      'reveal',
      { type: 'open', uri: 'file:///etc/shadow' },
      { type: 'reveal', interface: -1, key: 'x' },
      { type: 'reveal', interface: 0.5, key: 'x' },
      { type: 'reveal', interface: 0 },
      { type: 'copy', interface: '0' },
      { type: 'page' },
      { type: 'page', first: -200 },
      { type: 'page', first: NaN },
      { type: 'revealDisk', disk: -1, key: 'path' },
      { type: 'revealDisk', disk: 0 },
      { type: 'revealDiskProblem', disk: 0 },
    ]) {
      assert.equal(parseWebviewMessage(data), undefined, JSON.stringify(data));
    }
  });
});

describe('readResolvedStatus', () => {
  const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
  const origin = { uri: 'file:///a', range, level: 'portgroup', ownerName: 'g', label: "portgroup 'g' in a" };

  it('keeps a well-formed answer as it is', () => {
    const answer = {
      uri: 'file:///d.xml',
      version: 3,
      kind: 'domain',
      name: 'd',
      tagsNote: 'tags',
      interfaces: [
        {
          index: 0,
          range,
          mac: 'm',
          network: 'n',
          portgroup: 'g',
          portgroupHow: 'default',
          type: 'network',
          forwardMode: 'nat',
          statusXml: '<interface/>',
          provenance: { bandwidth: origin },
          links: [{ start: 1, end: 10, key: 'bandwidth', from: origin }],
          otherNetworkDefinitions: [origin],
          tags: ['t'],
          notes: ['x'],
          problems: [{ range, severity: 2, code: 'c', source: 'libvirt-xml', message: 'm' }],
        },
      ],
      firstInterface: 200,
      totalInterfaces: 30000,
    };
    const read = readResolvedStatus(answer, 'file:///d.xml');
    assert.deepEqual(JSON.parse(JSON.stringify(read)), answer);
  });

  it('drops what has the wrong shape instead of failing', () => {
    const read = readResolvedStatus(
      {
        kind: 'domain',
        interfaces: [
          {
            statusXml: 42,
            mac: 7,
            provenance: { a: { uri: 1 }, b: { ...origin, range: {} }, c: origin },
            links: [{ start: 0, end: 99, key: 'c', from: origin }],
            notes: [1, 'n'],
            problems: [{ message: 'no range' }, { range, message: { kind: 'markdown', value: 'marked' } }],
          },
          'junk',
        ],
      },
      'file:///asked.xml',
    );
    assert.equal(read.uri, 'file:///asked.xml');
    assert.equal(read.version, 0);
    const [only] = read.interfaces;
    assert.equal(read.interfaces.length, 1);
    assert.equal(only.statusXml, '');
    assert.equal(only.mac, undefined);
    assert.deepEqual(Object.keys(only.provenance), ['c']);
    assert.deepEqual(only.links, [], 'a link past the end of the text is dropped');
    assert.deepEqual(only.notes, ['n']);
    assert.deepEqual(only.problems, [{ range, message: 'marked' }]);
    assert.deepEqual(readResolvedStatus(null, 'file:///x'), {
      uri: 'file:///x',
      version: 0,
      kind: 'other',
      interfaces: [],
      firstInterface: 0,
      totalInterfaces: 0,
    });
  });

  it('reads a page: without counts (an older server) the list is the whole; a total is never less than the page', () => {
    const iface = { statusXml: '<interface/>' };
    const whole = readResolvedStatus({ kind: 'domain', interfaces: [iface, iface] }, 'file:///d.xml');
    assert.deepEqual([whole.firstInterface, whole.totalInterfaces], [0, 2]);
    const short = readResolvedStatus({ kind: 'domain', interfaces: [iface, iface], firstInterface: 5, totalInterfaces: 3 }, 'file:///d.xml');
    assert.deepEqual([short.firstInterface, short.totalInterfaces], [5, 7]);
    const junk = readResolvedStatus({ kind: 'domain', interfaces: [iface], firstInterface: -1, totalInterfaces: 'many' }, 'file:///d.xml');
    assert.deepEqual([junk.firstInterface, junk.totalInterfaces], [0, 1]);
  });

  it('reads volume disks and filter chains, dropping fields of the wrong shape', () => {
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } };
    const answer = readResolvedStatus(
      {
        kind: 'domain',
        interfaces: [
          {
            statusXml: '',
            filterChain: {
              filter: 'top',
              parameters: [
                { name: 'IP', values: ['10.0.0.1', 7], given: 'libvirt' },
                { name: 'X', values: 'no', given: 'guest' },
              ],
              filters: ['top', null],
              rules: [
                {
                  filter: 'top',
                  chain: 'root',
                  priority: 'high',
                  action: 'accept',
                  match: [{ name: 'srcipaddr', written: '$IP', values: ['10.0.0.1'], missing: 'yes' }],
                },
                'x',
              ],
              totalRules: -3,
            },
          },
        ],
        volumeDisks: [
          {
            index: 0,
            range,
            pool: 'default',
            path: 42,
            provenance: { path: { uri: 'file:///p.xml', range, level: 'volume', label: 'v' }, bad: { uri: 1 } },
            notes: ['n', 2],
            problems: [],
          },
          'disk',
        ],
        firstVolumeDisk: 0,
        totalVolumeDisks: 0,
      },
      'file:///vm.xml',
    );
    const chain = answer.interfaces[0].filterChain;
    assert.deepEqual(chain?.parameters, [
      { name: 'IP', values: ['10.0.0.1'], given: 'libvirt' },
      { name: 'X', values: [], given: 'interface' },
    ]);
    assert.deepEqual(chain?.filters, ['top']);
    assert.deepEqual(
      [chain?.rules.length, chain?.rules[0].priority, chain?.rules[0].match[0].missing, chain?.totalRules, chain?.ipLearning],
      [1, 0, undefined, 1, 'any'],
    );
    const [disk] = answer.volumeDisks ?? [];
    assert.deepEqual(
      [disk.pool, disk.path, Object.keys(disk.provenance), disk.provenance.path.level, disk.notes],
      ['default', undefined, ['path'], 'volume', ['n']],
    );
    assert.equal(answer.totalVolumeDisks, 1);
  });
});
