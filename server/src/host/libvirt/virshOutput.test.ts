import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameOfDump } from './connectionObjects';
import { batchMarker, parseLifecycleEvent, parseUuidList, splitBatchOutput } from './virshOutput';

/* Shapes as libvirt 9.0's virsh prints them (seen with `virsh -r -q -c qemu:///system …`). */

describe('virsh output: batches', () => {
  const nonce = '0123456789abcdef';
  const marker = (i: number) => batchMarker(nonce, i);

  it('splits each command’s stdout and stderr at the markers, with or without a newline after them', () => {
    const stdout = `<network>\n  <name>a</name>\n</network>\n${marker(0)}${marker(1)}\n<network>\n  <name>c</name>\n</network>\n\n${marker(2)}`;
    const stderr = `error: ${marker(0)}\nerror: failed to get network 'b'\nerror: Network not found: no network with matching name 'b'\nerror: ${marker(1)}\nerror: ${marker(2)}\n`;
    const outputs = splitBatchOutput(stdout, stderr, nonce, 3);
    assert.equal(outputs.length, 3);
    assert.equal(outputs[0].stdout, '<network>\n  <name>a</name>\n</network>\n');
    assert.equal(outputs[0].stderr, '');
    assert.equal(outputs[1].stdout, '');
    assert.match(outputs[1].stderr, /Network not found: no network with matching name 'b'/);
    assert.equal(outputs[2].stdout, '<network>\n  <name>c</name>\n</network>\n\n');
  });

  it('gives a command whose marker never came what was left, and the rest nothing', () => {
    const outputs = splitBatchOutput(`first\n${marker(0)}\npartial`, '', nonce, 3);
    assert.deepEqual(
      outputs.map((output) => output.stdout),
      ['first\n', 'partial', ''],
    );
  });

  it('is not fooled by a marker of another batch (another nonce) inside a dump', () => {
    const forged = batchMarker('ffffffffffffffff', 0);
    const outputs = splitBatchOutput(`<description>${forged}</description>\n${marker(0)}\n`, '', nonce, 1);
    assert.equal(outputs[0].stdout, `<description>${forged}</description>\n`);
  });
});

describe('virsh output: lists, events, names', () => {
  it('reads UUIDs a line each and ignores the blank line virsh ends with; an empty list is empty', () => {
    assert.deepEqual(parseUuidList('5cab60c7-c3fc-4520-a51a-eb40e07691d8\nF586DC73-3632-4758-BF03-2AB2FDB318FA\n\n'), [
      '5cab60c7-c3fc-4520-a51a-eb40e07691d8',
      'F586DC73-3632-4758-BF03-2AB2FDB318FA',
    ]);
    assert.deepEqual(parseUuidList('\n'), []);
    assert.deepEqual(parseUuidList(''), []);
    assert.deepEqual(parseUuidList(' Name   State\n----\n'), []);
  });

  it('reads lifecycle events of networks, domains and pools (and pool refreshes), names with spaces, quotes and any script', () => {
    const events = [
      "event 'lifecycle' for network default: Started",
      "event 'lifecycle' for domain 'lx-dom ü': Defined Added",
      `event 'lifecycle' for network a "b" 'c' d: Undefined\r`,
      "event 'lifecycle' for domain 'it's: odd': Stopped Destroyed",
    ].map(parseLifecycleEvent);
    assert.deepEqual(events, [
      { kind: 'network', name: 'default', detail: 'Started' },
      { kind: 'domain', name: 'lx-dom ü', detail: 'Defined Added' },
      { kind: 'network', name: `a "b" 'c' d`, detail: 'Undefined' },
      { kind: 'domain', name: "it's: odd", detail: 'Stopped Destroyed' },
    ]);
    assert.equal(parseLifecycleEvent('error: Disconnected from qemu:///system due to end of file'), undefined);
    // As virsh pool-event printed them on libvirt 9.0 (lifecycle, and refresh, which has no detail).
    assert.deepEqual(
      [
        "event 'lifecycle' for storage pool s7pc-pool: Defined",
        "event 'lifecycle' for storage pool my pool: Undefined",
        "event 'refresh' for storage pool s7pc-pool",
      ].map(parseLifecycleEvent),
      [
        { kind: 'pool', name: 's7pc-pool', detail: 'Defined' },
        { kind: 'pool', name: 'my pool', detail: 'Undefined' },
        { kind: 'pool', name: 's7pc-pool', detail: 'Refreshed' },
      ],
    );
    assert.equal(parseLifecycleEvent(''), undefined);
  });

  it('takes a dump’s name with its XML escapes undone', () => {
    assert.equal(nameOfDump('<network>\n  <name>lx test &quot;quoted&quot; ü &amp; &lt;x&gt;</name>\n  <uuid>x</uuid>'), 'lx test "quoted" ü & <x>');
    assert.equal(nameOfDump('<domain type="kvm"><name>日本</name></domain>'), '日本');
    assert.equal(nameOfDump('<network/>'), undefined);
  });
});
