import { describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFindings } from '../findings/documentFindings';
import { WorkspaceIndex } from './workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../model/libvirtDocument';
import * as closestNamesModule from '../util/closestNames';
import { closestNames, editDistance } from '../util/closestNames';
import { domainWith, network, uriOf } from '../testing';

/**
 * The index keeps some answers between changes (sorted network and tag names, the interfaces
 * using each network, the uses of each tag), and the findings keep what depends on a document
 * alone. These tests change the index at random and compare, after every change, each answer
 * with that of a fresh index that never kept anything.
 */

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const networkNames = ['alpha', 'beta', 'gamma'];
const groupNames = ['std', 'gold'];
const tagNames = ['red', 'blue', 'green'];

function randomDocument(random: () => number, uri: string, version: number): LibvirtDocument {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  if (uri.includes('/net')) {
    const groups = groupNames
      .filter(() => random() < 0.5)
      .map((g) => `  <portgroup name='${g}'>${random() < 0.5 ? `<tag name='${pick(tagNames)}'/>` : ''}</portgroup>\n`)
      .join('');
    const tag = random() < 0.5 ? `  <tag name='${pick(tagNames)}'/>\n` : '';
    return parseLibvirtDocument(uri, network(pick(networkNames), `${tag}${groups}`), version);
  }
  const interfaces: string[] = [];
  for (let i = 0, n = Math.floor(random() * 4); i < n; i++) {
    const group = random() < 0.5 ? ` portgroup='${pick(groupNames)}'` : '';
    const tag = random() < 0.4 ? `<tag name='${pick(tagNames)}'/>` : '';
    interfaces.push(`<interface type='network'><source network='${pick([...networkNames, 'delta'])}'${group}/>${tag}</interface>`);
  }
  return parseLibvirtDocument(uri, domainWith(...interfaces), version);
}

/** Every answer that has a cache behind it, in a form deepEqual compares by value. */
function answers(index: WorkspaceIndex): unknown {
  const uses = (name: string, group?: string) =>
    index.interfacesUsing(name, group).map((use) => [use.uri, use.iface.index, use.domain === index.get(use.uri)?.object]);
  return {
    networkNames: index.networkNames(),
    interfacesUsing: [...networkNames, 'delta'].map((name) => [name, uses(name), ...groupNames.map((group) => uses(name, group))]),
    tags: [...index.tags()].map(([name, tagUses]) => [
      name,
      tagUses.map((use) => [use.uri, use.owner, use.ownerName, use.tag.element.start, use.tag === findTag(index, use.uri, use.tag.element.start)]),
    ]),
    closest: [...networkNames, 'delta'].map((name) => [
      closestNames(`${name}x`, index.networkNames()),
      index.closestNetworkNames(`${name}x`),
      index.closestNetworkNames(name.slice(1)),
    ]),
  };
}

function findTag(index: WorkspaceIndex, uri: string, start: number): unknown {
  const object = index.get(uri)?.object;
  if (!object || (object.kind !== 'network' && object.kind !== 'domain')) return undefined;
  const tags = object.kind === 'network' ? [...object.tags, ...object.portGroups.flatMap((g) => g.tags)] : object.interfaces.flatMap((i) => i.tags);
  return tags.find((tag) => tag.element.start === start);
}

describe('index caches', () => {
  test('after any sequence of updates and removals, every kept answer equals a fresh computation', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = prng(seed);
      const uris = [
        ...['net1', 'net2', 'net3', 'net4'].map((n) => uriOf(`networks/${n}.xml`)),
        ...['dom1', 'dom2', 'dom3', 'dom4', 'dom5'].map((n) => uriOf(`domains/${n}.xml`)),
      ];
      const index = new WorkspaceIndex();
      const current = new Map<string, LibvirtDocument>();
      for (let step = 0; step < 300; step++) {
        const uri = uris[Math.floor(random() * uris.length)];
        if (random() < 0.2) {
          index.remove(uri);
          current.delete(uri);
        } else {
          const document = randomDocument(random, uri, step);
          index.update(document);
          current.set(uri, document);
        }
        // Ask (and so fill the caches) only now and then, so that some changes pile up between asks.
        if (random() < 0.5) continue;
        const fresh = new WorkspaceIndex();
        for (const document of current.values()) fresh.update(document);
        assert.deepEqual(answers(index), answers(fresh), `seed ${seed}, step ${step}`);
      }
    }
  });

  test('an edit of a network that keeps its name keeps the suggestions among the network names', () => {
    const computed = mock.method(closestNamesModule, 'closestNames');
    try {
      const index = new WorkspaceIndex();
      const alpha = uriOf('networks/alpha.xml');
      index.update(parseLibvirtDocument(alpha, network('alpha', '')));
      index.update(parseLibvirtDocument(uriOf('networks/beta.xml'), network('beta', '')));
      assert.deepEqual(index.closestNetworkNames('alphx'), ['alpha']);
      index.update(parseLibvirtDocument(alpha, network('alpha', "  <portgroup name='gold'/>"), 1));
      assert.deepEqual(index.closestNetworkNames('alphx'), ['alpha']);
      assert.equal(computed.mock.callCount(), 1, 'the names are the same: the answer is kept');
      index.update(parseLibvirtDocument(alpha, network('alphb', ''), 2));
      assert.deepEqual(index.closestNetworkNames('alphx'), ['alphb']);
      index.remove(alpha);
      assert.deepEqual(index.closestNetworkNames('alphx'), []);
      assert.equal(computed.mock.callCount(), 3, 'a name renamed, a name removed: computed again');
    } finally {
      computed.mock.restore();
    }
  });

  test('answers are copies: changing one does not change the next', () => {
    const index = new WorkspaceIndex();
    index.update(parseLibvirtDocument(uriOf('n.xml'), network('alpha', "  <tag name='red'/>")));
    index.update(parseLibvirtDocument(uriOf('d.xml'), domainWith("<interface type='network'><source network='alpha'/></interface>")));
    index.networkNames().push('intruder');
    index.interfacesUsing('alpha').pop();
    index.tags().get('red')!.pop();
    assert.deepEqual(index.networkNames(), ['alpha']);
    assert.equal(index.interfacesUsing('alpha').length, 1);
    assert.equal(index.tags().get('red')!.length, 1);
  });
});

describe('findings kept per parsed document', () => {
  test('the same findings as before, in the same order, as the networks they depend on change', () => {
    const domainUri = uriOf('domains/d.xml');
    const domain = parseLibvirtDocument(
      domainUri,
      domainWith(
        "<interface type='network'><source network='alpha' portgroup='gold'/><tag name=''/><bandwidth><inbound floor='10'/></bandwidth></interface>",
        "<interface type='network'><source network='alpha' portgroup='std'/><vlan><tag/></vlan></interface>",
      ).replace('</domain>', '</domain><extra/>'),
    );
    const index = new WorkspaceIndex();
    index.update(domain);
    const seen: string[] = [];
    for (const body of [
      '',
      "  <portgroup name='gold'/>",
      "  <forward mode='bridge'/>\n  <portgroup name='std' default='yes'/>",
      "  <portgroup name='gold'><vlan><tag id='5'/></vlan></portgroup>",
    ]) {
      index.update(parseLibvirtDocument(uriOf('networks/alpha.xml'), network('alpha', body)));
      const kept = computeFindings(domain, index);
      // A document parsed anew (nothing kept for it) gets the very same findings.
      const fresh = computeFindings(parseLibvirtDocument(domainUri, domain.xml.text), index);
      assert.deepEqual(kept, fresh);
      seen.push(JSON.stringify(kept.map((f) => f.code)));
    }
    assert.ok(new Set(seen).size > 1, 'the network changes change the findings');
  });
});

describe('closest names', () => {
  /** The matrix form the three-row one replaced. */
  function reference(a: string, b: string): number {
    if (a === b) return 0;
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  test('edit distance equals the full-matrix computation', () => {
    const random = prng(7);
    for (let k = 0; k < 20000; k++) {
      const word = () => Array.from({ length: Math.floor(random() * 8) }, () => 'abcx'[Math.floor(random() * 4)]).join('');
      const a = word();
      const b = word();
      assert.equal(editDistance(a, b), reference(a, b), `${a} / ${b}`);
    }
  });
});
