import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeFindings, computeFindingsInSlices } from './documentFindings';
import { codes, indexOf, manyInterfaces, network } from '../testing';

describe("a large domain's findings in slices", () => {
  const { index, docs } = indexOf({
    'net0.xml': network('net0', ''),
    'net1.xml': network('net1', ''),
    'net2.xml': network('net2', ''),
    'domain.xml': manyInterfaces(1200),
  });
  const domain = docs['domain.xml'];

  it('are the findings computeFindings gives, found in several slices', () => {
    const work = computeFindingsInSlices(domain, index);
    let slices = 1;
    let step = work.next();
    for (; !step.done; step = work.next()) slices++;
    assert.ok(slices >= 6, `${slices} slices`);
    assert.deepEqual(step.value, computeFindings(domain, index));
    assert.equal(codes(step.value).filter((code) => code === 'unknown-network').length, 200);
  });
});
