import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { objectStateCommands, readObjectStates } from './objectStates';

const a = 'dd8fe884-6c02-601e-7551-cca97df1c5df';
const b = '6695EB01-F6A4-8304-79AA-97F2502E193F';

/* The lists as libvirt 9.0's virsh prints them with -q: one UUID a line, then an empty line. */
describe('object states from virsh list filters', () => {
  it('asks networks for active, autostart and persistent; domains for running, paused, shut off, autostart and persistent', () => {
    assert.deepEqual(objectStateCommands('network'), ['net-list --uuid', 'net-list --all --uuid --autostart', 'net-list --all --uuid --persistent']);
    assert.equal(objectStateCommands('domain').length, 5);
    assert.ok(objectStateCommands('domain').every((command) => command.startsWith('list ') && command.includes('--uuid')));
  });

  it('reads a network active when listed active, inactive otherwise, and its flags', () => {
    const stateOf = readObjectStates('network', [`${a}\n\n`, '\n', `${a}\n${b}\n\n`]);
    assert.deepEqual(stateOf(a), { runState: 'active', autostart: false, persistent: true });
    assert.deepEqual(stateOf(b.toLowerCase()), { runState: 'inactive', autostart: false, persistent: true });
  });

  it('reads a domain by the state list it is on, `other` when on none, whatever the UUID case', () => {
    const stateOf = readObjectStates('domain', [`${b}\n`, '', `${a}\n`, `${b}\n`, '']);
    assert.deepEqual(stateOf(b.toLowerCase()), { runState: 'running', autostart: true, persistent: false });
    assert.deepEqual(stateOf(a), { runState: 'shut off', autostart: false, persistent: false });
    assert.equal(stateOf('00000000-0000-0000-0000-000000000000').runState, 'other');
  });

  it('takes missing outputs (a batch cut short) as empty lists', () => {
    assert.deepEqual(readObjectStates('network', [])(a), { runState: 'inactive', autostart: false, persistent: false });
  });
});
