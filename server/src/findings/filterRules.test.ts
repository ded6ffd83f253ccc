import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFindings } from './documentFindings';
import { domainWithDevices, storageAndFilterFiles, workspaceOf } from '../testing';

function findingsOf(filterref: string, extra: Readonly<Record<string, string>> = {}) {
  const iface = `<interface type='bridge'><source bridge='br0'/>${filterref}</interface>`;
  const workspace = workspaceOf({ ...storageAndFilterFiles, ...extra, 'domains/guest.xml': domainWithDevices(iface) });
  return computeFindings(workspace.document('domains/guest.xml'), workspace.index).map((finding) => [finding.code, finding.message]);
}

function filterFindingsOf(name: string, files: Readonly<Record<string, string>>) {
  const workspace = workspaceOf(files);
  return computeFindings(workspace.document(name), workspace.index).map((finding) => [finding.code, finding.message]);
}

describe('interface filterref (virNWFilterInstantiateFilterUpdate)', () => {
  test('a chain whose variables are all given: nothing to say (IP is learned)', () => {
    assert.deepEqual(findingsOf("<filterref filter='s6-top'><parameter name='DEST' value='10.0.0.1'/></filterref>"), []);
  });

  test('an unknown filter, with the closest name', () => {
    assert.deepEqual(findingsOf("<filterref filter='s6-tpo'/>"), [
      ['unknown-filter', "internal error: referenced filter 's6-tpo' is missing (did you mean 's6-top'?)"],
    ]);
  });

  test('a chain that references a missing filter', () => {
    const dangling = `<filter name='s6-dangling' chain='root'><filterref filter='s6-nosuch'/></filter>`;
    assert.deepEqual(findingsOf("<filterref filter='s6-dangling'/>", { 'nwfilter/s6-dangling.xml': dangling }), [
      ['filter-chain-broken', "internal error: referenced filter 's6-nosuch' is missing"],
    ]);
  });

  test('a variable the chain uses and nothing gives', () => {
    assert.deepEqual(findingsOf("<filterref filter='s6-top'/>"), [
      ['filter-missing-parameter', 'internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: DEST'],
    ]);
  });

  test('IP alone is missing and learning is off', () => {
    const ref = "<filterref filter='s6-top'><parameter name='DEST' value='10.0.0.1'/><parameter name='CTRL_IP_LEARNING' value='none'/></filterref>";
    assert.deepEqual(findingsOf(ref), [
      ['filter-missing-parameter', 'internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: IP'],
    ]);
  });

  test("a filterref's own parameter gives the referenced filter its variable", () => {
    const top = `<filter name='s6-given' chain='root'><filterref filter='s6-child'><parameter name='DEST' value='10.0.0.9'/></filterref></filter>`;
    assert.deepEqual(findingsOf("<filterref filter='s6-given'/>", { 'nwfilter/s6-given.xml': top }), []);
  });

  test('a list element beyond the values given', () => {
    const indexed = `<filter name='s6-list' chain='root'><rule action='accept' direction='in'><ip dstipaddr='$DEST[1]'/></rule></filter>`;
    const ref = (values: string) => `<filterref filter='s6-list'>${values}</filterref>`;
    assert.deepEqual(findingsOf(ref("<parameter name='DEST' value='10.0.0.1'/>"), { 'nwfilter/s6-list.xml': indexed }), [
      ['filter-missing-parameter', 'internal error: Cannot instantiate filter due to unresolvable variables or unavailable list elements: DEST[1]'],
    ]);
    assert.deepEqual(
      findingsOf(ref("<parameter name='DEST' value='10.0.0.1'/><parameter name='DEST' value='10.0.0.2'/>"), { 'nwfilter/s6-list.xml': indexed }),
      [],
    );
  });
});

describe('filter documents (virNWFilterObjListDefLoopDetect)', () => {
  test('a filter that reaches itself through its chain', () => {
    const a = `<filter name='loop-a' chain='root'><filterref filter='loop-b'/></filter>`;
    const b = `<filter name='loop-b' chain='root'><filterref filter='loop-a'/></filter>`;
    assert.deepEqual(filterFindingsOf('nwfilter/a.xml', { 'nwfilter/a.xml': a, 'nwfilter/b.xml': b }), [
      ['filter-loop', 'operation failed: filter would introduce a loop'],
    ]);
    const self = `<filter name='loop-self' chain='root'><filterref filter='loop-self'/></filter>`;
    assert.deepEqual(filterFindingsOf('nwfilter/self.xml', { 'nwfilter/self.xml': self }), [
      ['filter-loop', 'operation failed: filter would introduce a loop'],
    ]);
  });

  test('a reference to a missing filter is a warning; a defined one is fine', () => {
    const dangling = `<filter name='s6-dangling' chain='root'><filterref filter='s6-nosuch'/></filter>`;
    assert.deepEqual(filterFindingsOf('nwfilter/d.xml', { ...storageAndFilterFiles, 'nwfilter/d.xml': dangling }), [
      ['unknown-filter', "internal error: referenced filter 's6-nosuch' is missing (when a domain using this filter starts)"],
    ]);
    assert.deepEqual(filterFindingsOf('nwfilter/s6-top.xml', storageAndFilterFiles), []);
  });
});
