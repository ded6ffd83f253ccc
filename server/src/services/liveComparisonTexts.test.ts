import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guestWith, networks, workspaceOf } from '../testing';
import { liveComparisonTexts } from './liveComparisonTexts';

const guest = guestWith(`    <interface type='network'>
      <mac address='52:54:00:aa:bb:01'/>
      <source network='mynet' portgroup='xyzzy'/>
    </interface>
    <interface type='network'>
      <mac address='52:54:00:aa:bb:02'/>
      <source network='mynet'/>
    </interface>`);

/** `virsh dumpxml` of the running domain, as libvirt 9 indents it, with only the first interface. */
const live = `<domain type='kvm' id='3'>
  <name>guest</name>
  <devices>
    <interface type='bridge'>
      <mac address='52:54:00:aa:bb:01'/>
      <source network='mynet' portgroup='xyzzy' portid='0b7a0c3e-1b1e-4a51-9d0e-6f2b3c4d5e6f' bridge='br0'/>
      <target dev='vnet3'/>
    </interface>
  </devices>
</domain>
`;

describe('the texts of Compare Predicted with Live', () => {
  const workspace = workspaceOf({ ...networks, 'domains/guest.xml': guest });
  const texts = liveComparisonTexts(workspace.document('domains/guest.xml'), workspace.index, live, "domain 'guest' on qemu:///system");

  it('puts each pair under the same heading on both sides, the live interface at the prediction’s indent', () => {
    const predictedLines = texts.predicted.split('\n');
    const liveLines = texts.live.split('\n');
    const heading = "<!-- interface[mac='52:54:00:aa:bb:01'] -->";
    assert.ok(predictedLines.includes(heading) && liveLines.includes(heading));
    const at = liveLines.indexOf(heading);
    assert.deepEqual(liveLines.slice(at + 1, at + 3), ["<interface type='bridge'>", "  <mac address='52:54:00:aa:bb:01'/>"]);
    assert.equal(liveLines[at + 5], '</interface>');
  });

  it('says so beside an interface the running domain lacks, and lists the differences that matter on the prediction’s side', () => {
    assert.ok(texts.live.includes("<!-- interface[mac='52:54:00:aa:bb:02']: the running domain has no such interface -->"));
    assert.match(texts.differences[0], /^interface\[mac='52:54:00:aa:bb:02'\]: predicted .*, running \(absent\)$/);
    assert.ok(texts.predicted.includes(`<!-- ${texts.differences.length} differences from the prediction:`));
  });
});
