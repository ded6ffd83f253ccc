import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyConnectionFailure, isWorthSaying, virshMissing } from './connectionFailure';

/* What virsh 9.0 prints when it cannot connect (LC_ALL=C), as seen on this project's test hosts. */

describe('connection failures', () => {
  it('a socket the user may not open is a permission problem, with the libvirt group as the remedy for the system daemon', () => {
    const failure = classifyConnectionFailure(
      'qemu:///system',
      "error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/var/run/libvirt/libvirt-sock-ro': Permission denied\n",
    );
    assert.equal(failure.kind, 'permission');
    assert.match(failure.reason, /^permission denied \(Failed to connect socket to '\/var\/run\/libvirt\/libvirt-sock-ro': Permission denied\)$/);
    assert.match(failure.remedy, /'libvirt' group/);
  });

  it('polkit refusing (no agent, no system bus) is a permission problem too', () => {
    for (const text of [
      "error: authentication unavailable: no polkit agent available to authenticate action 'org.libvirt.unix.manage'",
      'error: internal error: Unable to get system bus connection: Could not connect: No such file or directory',
    ]) {
      assert.equal(classifyConnectionFailure('qemu:///system', `error: failed to connect to the hypervisor\n${text}\n`).kind, 'permission', text);
    }
  });

  it('no socket, or nobody listening, is a daemon that is not running', () => {
    for (const errno of ['No such file or directory', 'Connection refused']) {
      const failure = classifyConnectionFailure(
        'qemu:///session',
        `error: failed to connect to the hypervisor\nerror: Failed to connect socket to '/run/user/1000/libvirt/virtqemud-sock': ${errno}\n`,
      );
      assert.equal(failure.kind, 'not-running', errno);
      assert.match(failure.remedy, /session daemon/);
    }
  });

  it('anything else is said as virsh printed it', () => {
    const failure = classifyConnectionFailure(
      'qemu:///nosuch',
      "error: failed to connect to the hypervisor\nerror: internal error: unexpected qemu URI path '/nosuch', try qemu:///system\n",
    );
    assert.equal(failure.kind, 'error');
    assert.equal(failure.reason, "internal error: unexpected qemu URI path '/nosuch', try qemu:///system");
  });

  it('a default connection without its daemon, or without virsh, is not worth saying; a named one always is', () => {
    const notRunning = classifyConnectionFailure('qemu:///session', "error: Failed to connect socket to '/x': No such file or directory");
    assert.equal(isWorthSaying(false, notRunning), false);
    assert.equal(isWorthSaying(false, virshMissing()), false);
    assert.equal(isWorthSaying(true, notRunning), true);
    assert.equal(isWorthSaying(false, classifyConnectionFailure('qemu:///system', 'error: Permission denied')), true);
  });
});
