import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  connectionLabel,
  encodeUriSegment,
  libvirtObjectUri,
  libvirtStorageUri,
  parseLibvirtDocumentUri,
  parseLibvirtObjectUri,
  parseLibvirtStorageUri,
} from './libvirtUris';

describe('libvirt: URIs', () => {
  it('label the two local connections plainly and others by their letters', () => {
    assert.equal(connectionLabel('qemu:///system'), 'system');
    assert.equal(connectionLabel('qemu:///session'), 'session');
    assert.equal(connectionLabel('qemu+ssh://root@host.example/system'), 'qemu-ssh-root-host-example-system');
    assert.equal(connectionLabel('///'), 'connection');
  });

  it('round-trip any name: spaces, quotes, slashes of other scripts, percent signs', () => {
    for (const name of ['default', 'lx test "quoted" ü', "it's (a) net!*", '100%', '日本語', 'a#b?c']) {
      const uri = libvirtObjectUri({ connection: 'system', kind: 'network', name });
      assert.deepEqual(parseLibvirtObjectUri(uri), { connection: 'system', kind: 'network', name }, uri);
    }
  });

  it("escape as VS Code's URI printer does (so the client sends back the same string)", () => {
    assert.equal(encodeUriSegment("it's (a) net!*"), 'it%27s%20%28a%29%20net%21%2A');
    assert.equal(libvirtObjectUri({ connection: 'session', kind: 'domain', name: 'vm 1' }), 'libvirt://session/domain/vm%201.xml');
  });

  it('refuse other URIs and malformed escapes', () => {
    assert.equal(parseLibvirtObjectUri('file:///etc/libvirt/qemu/networks/default.xml'), undefined);
    assert.equal(parseLibvirtObjectUri('libvirt://system/pool/default.xml'), undefined);
    assert.equal(parseLibvirtObjectUri('libvirt://system/network/%E0%A4%A.xml'), undefined);
  });

  it('name pools and filters by name and volumes under their pool, any name round-tripping', () => {
    assert.equal(libvirtStorageUri({ connection: 'system', kind: 'pool', name: 'default' }), 'libvirt://system/pool/default.xml');
    assert.equal(
      libvirtStorageUri({ connection: 'system', kind: 'volume', pool: 'my pool', name: 'a/b.qcow2' }),
      'libvirt://system/volume/my%20pool/a%2Fb.qcow2.xml',
    );
    for (const ref of [
      { connection: 'system', kind: 'pool', name: "it's 100%" },
      { connection: 'session', kind: 'nwfilter', name: 'clean-traffic' },
      { connection: 'system', kind: 'volume', name: 'disk 1.qcow2', pool: 'network' },
    ] as const) {
      const uri = libvirtStorageUri(ref);
      assert.deepEqual(parseLibvirtStorageUri(uri), ref, uri);
      assert.deepEqual(parseLibvirtDocumentUri(uri), ref, uri);
    }
    assert.equal(parseLibvirtStorageUri('libvirt://system/network/default.xml'), undefined);
    assert.equal(parseLibvirtStorageUri('libvirt://system/volume/default.xml'), undefined, 'a volume without its pool');
    assert.deepEqual(parseLibvirtDocumentUri('libvirt://system/network/default.xml'), { connection: 'system', kind: 'network', name: 'default' });
  });
});
