import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { domainWith, findingsOf, indexOf, network } from '../testing';
import { isRunTime } from './resolvedInterface';
import { resolveDocument, resolveInterfaces } from './resolveDocument';

/*
 * The interfaces of one domain allocate their ports in turn (networkAllocatePort): on a pool with
 * exclusive devices an interface gets none when the domain's earlier ones took them all
 * (observed on libvirt 9.0.0: the start fails with the message below).
 */

const iface = (n: number, net: string) => `<interface type='network'><mac address='52:54:00:00:00:0${n}'/><source network='${net}'/></interface>`;
const pool = (mode: string, devices: string[]) =>
  network(`${mode}-net`, `  <forward mode='${mode}'>\n${devices.map((d) => `    <interface dev='${d}'/>`).join('\n')}\n  </forward>`);

function resolved(networkText: string, net: string, count: number) {
  const { index, docs } = indexOf({ 'n.xml': networkText, 'd.xml': domainWith(...Array.from({ length: count }, (_, i) => iface(i + 1, net))) });
  return resolveDocument(docs['d.xml'], index);
}

describe('the interfaces of one domain on one pool', () => {
  test('passthrough: a second interface on a one-device pool finds none left', () => {
    const [first, second] = resolved(pool('passthrough', ['eth0']), 'passthrough-net', 2);
    assert.deepEqual(first.problems, []);
    assert.deepEqual(
      second.problems.map((p) => [p.code, p.severity]),
      [['device-pool-exhausted', 'error']],
    );
    assert.match(second.problems[0].message, /^internal error: network 'passthrough-net' requires exclusive access to interfaces, but none are available/);
  });

  test('passthrough: two devices for two interfaces, the second gets what the first left', () => {
    const [first, second] = resolved(pool('passthrough', ['eth0', 'eth1']), 'passthrough-net', 2);
    assert.deepEqual([...first.problems, ...second.problems], []);
    const dev = second.source.find((a) => a.name === 'dev')?.value;
    assert.ok(isRunTime(dev));
    assert.deepEqual(dev.candidates, ['eth1']);
  });

  test('bridge mode shares devices: no exhaustion, the next interface starts at the next device', () => {
    const all = resolved(pool('bridge', ['eth0', 'eth1']), 'bridge-net', 3);
    assert.deepEqual(
      all.flatMap((one) => one.problems),
      [],
    );
    const candidates = all.map((one) => {
      const dev = one.source.find((a) => a.name === 'dev')?.value;
      return isRunTime(dev) ? dev.candidates : dev;
    });
    assert.deepEqual(candidates, [
      ['eth0', 'eth1'],
      ['eth1', 'eth0'],
      ['eth0', 'eth1'],
    ]);
  });

  test('resolved a slice at a time (the diagnostics and the status do), the interfaces before the slice still hold their devices', () => {
    const text = domainWith(iface(1, 'passthrough-net'), iface(2, 'passthrough-net'));
    const { index, docs } = indexOf({ 'n.xml': pool('passthrough', ['eth0']), 'd.xml': text });
    const [second] = resolveInterfaces(docs['d.xml'], index, 1, 2);
    assert.deepEqual(
      second.problems.map((p) => p.code),
      ['device-pool-exhausted'],
    );
    const codes = findingsOf('d.xml', { 'n.xml': pool('passthrough', ['eth0']), 'd.xml': text }).map((f) => f.code);
    assert.deepEqual(codes, ['device-pool-exhausted']);
  });

  test('the findings of a domain resolved in slices of 200 count the ports of every slice before', () => {
    const mac = (n: number) => `52:54:00:00:${(n >> 8).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`;
    const many = Array.from({ length: 402 }, (_, i) => `<interface type='network'><mac address='${mac(i)}'/><source network='passthrough-net'/></interface>`);
    const devices = Array.from({ length: 201 }, (_, i) => `eth${i}`);
    const found = findingsOf('d.xml', { 'n.xml': pool('passthrough', devices), 'd.xml': domainWith(...many) });
    // Interfaces 1–201 take the 201 devices (the 201st in the second slice); 202–402 find none.
    assert.deepEqual(
      found.map((f) => f.code),
      Array.from({ length: 201 }, () => 'device-pool-exhausted'),
    );
  });
});
