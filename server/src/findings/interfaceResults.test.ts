import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../model/libvirtDocument';
import { findCorpus, randomlyEdited, repoRoot, seededRandom } from '../testing';
import { computeFindings } from './documentFindings';
import { inheritInterfaceResults } from './interfaceResults';

const examples = path.join(repoRoot(), 'examples');
const read = (folder: string) =>
  fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => fs.readFileSync(path.join(folder, name), 'utf8'));

/** Domains with interfaces of every kind on the examples' networks (a direct pool among them), more than one slice of them. */
function manyKinds(): string {
  const kinds = [
    "<interface type='network'><mac address='52:54:00:00:00:01'/><source network='mynet' portgroup='office'/></interface>",
    "<interface type='network'><source network='default'/><bandwidth><inbound average='10' floor='5'/></bandwidth></interface>",
    "<interface type='network'><source network='macvtap-pool'/></interface>",
    "<interface type='network'><source network='ovs-trunk'/><vlan><tag id='42'/></vlan></interface>",
    "<interface type='network'><source network='nowhere'/></interface>",
    "<interface type='bridge'><source bridge='br0' portgroup='x'/><mac address='01:00:00:00:00:00'/></interface>",
    "<interface type='network'><source network='pass'/></interface>",
    "<interface type='network'><source network='default'/><ip address='192.168.122.5' prefix='24'/><mtu size='9000'/></interface>",
    "<interface type='direct'><source dev='eth0' mode='bridge'/><ip address='192.168.122.6' prefix='24'/><mtu size='9000'/></interface>",
  ];
  const interfaces = Array.from({ length: 250 }, (_, i) => `    ${kinds[i % kinds.length]}`);
  return `<domain type='kvm'>\n  <name>many</name>\n  <os><type arch='x86_64' machine='q35'>hvm</type></os>\n  <devices>\n${interfaces.join('\n')}\n  </devices>\n</domain>\n`;
}

function domainTexts(): string[] {
  const texts = [...read(path.join(examples, 'domains')), manyKinds()];
  const corpus = findCorpus();
  if (corpus) {
    const folder = path.join(corpus, 'tests', 'qemuxml2argvdata');
    texts.push(
      ...read(folder)
        .filter((text) => text.includes('<interface'))
        .slice(0, 25),
    );
  }
  return texts;
}

/** A network of three devices that each take exclusively: a fourth interface on it finds none. */
const passthrough =
  "<network>\n  <name>pass</name>\n  <forward mode='passthrough'>\n    <interface dev='eth1'/>\n    <interface dev='eth2'/>\n    <interface dev='eth3'/>\n  </forward>\n</network>\n";

/** Edits that change what many interfaces' findings depend on, each undone by itself. */
const domainToggles: readonly [string, string][] = [
  ["<domain type='kvm'>", "<domain type='xen'>"],
  ["machine='q35'", "machine='virt'"],
  ["<source network='pass'/>", "<source network='pasx'/>"],
];
const networkToggles: readonly [string, string][] = [
  ['<name>mynet</name>', '<name>mynetx</name>'],
  ['<name>pass</name>', '<name>pasx</name>'],
  ["<interface dev='eth3'/>", ''],
];

/** The text with one of the toggles applied one way or back, when it holds either side. */
function toggled(text: string, toggles: readonly [string, string][], random: (n: number) => number): string {
  const [one, other] = toggles[random(toggles.length)];
  if (text.includes(one)) return text.replace(one, other);
  return other !== '' && text.includes(other) ? text.replace(other, one) : text;
}

describe("a domain's interface findings kept from the version before", () => {
  it('are the findings of a fresh computation, on seeded random edits of the domain and of its networks', () => {
    const random = seededRandom(14);
    const index = new WorkspaceIndex();
    let networks = [...read(path.join(examples, 'networks')), passthrough].map((text, i) => parseLibvirtDocument(`file:///networks/${i}.xml`, text, 1));
    for (const network of networks) index.update(network);
    let edits = 0;
    for (const [n, original] of domainTexts().entries()) {
      const uri = `file:///domains/${n}.xml`;
      let before: LibvirtDocument = parseLibvirtDocument(uri, original, 1);
      index.update(before);
      computeFindings(before, index);
      // The domain of many kinds of interfaces is where the toggles matter most.
      const steps = original.includes("<source network='pass'/>") ? 80 : 8;
      for (let step = 0; step < steps; step++) {
        if (random(4) === 0) {
          // A network edit changes what the interfaces resolve against.
          const toggle = networkToggles[random(networkToggles.length)];
          const toggles = random(2) === 0 ? networks.findIndex((network) => toggle.some((side) => side !== '' && network.xml.text.includes(side))) : -1;
          const i = toggles >= 0 ? toggles : random(networks.length);
          const edit = toggles >= 0 ? toggled(networks[i].xml.text, [toggle], random) : randomlyEdited(networks[i].xml, random);
          const edited = parseLibvirtDocument(networks[i].uri, edit, networks[i].version + 1);
          networks = networks.map((network, j) => (j === i ? edited : network));
          index.update(edited);
        }
        const text = random(3) === 0 ? toggled(before.xml.text, domainToggles, random) : randomlyEdited(before.xml, random);
        const after = parseLibvirtDocument(uri, text, before.version + 1);
        inheritInterfaceResults(before, after);
        index.update(after);
        // Now and then a version is skipped (its check was dropped for a newer one).
        if (random(4) > 0) {
          assert.deepStrictEqual(
            computeFindings(after, index),
            computeFindings(parseLibvirtDocument(uri, text, after.version), index),
            `step ${step} of domain ${n}`,
          );
          edits++;
        }
        before = after;
      }
      index.remove(uri);
    }
    assert.ok(edits > 100, `${edits} edits compared`);
  });

  it('are moved, not found again, for the interfaces an edit leaves whole: before it in place, after it shifted', () => {
    const index = new WorkspaceIndex();
    index.update(parseLibvirtDocument('file:///networks/lan.xml', '<network>\n  <name>lan</name>\n</network>\n', 1));
    const iface = "<interface type='network'><source network='lam'/></interface>";
    const uri = 'file:///domains/moved.xml';
    const text = `<domain type='kvm'>\n  <name>a</name>\n  <devices>\n    ${iface}\n    ${iface}\n  </devices>\n</domain>\n`;
    const first = parseLibvirtDocument(uri, text, 1);
    index.update(first);
    const unknown = (document: LibvirtDocument) => computeFindings(document, index).filter((finding) => finding.code === 'unknown-network');
    const [firstA, firstB] = unknown(first);
    assert.deepEqual(firstA.suggestions, ['lan']);
    // Typed between the two interfaces: the first stays where it was, the second moves by one.
    const split = text.indexOf(iface) + iface.length;
    const second = parseLibvirtDocument(uri, `${text.slice(0, split)} ${text.slice(split)}`, 2);
    inheritInterfaceResults(first, second);
    index.update(second);
    const [secondA, secondB] = unknown(second);
    assert.equal(secondA, firstA, 'the same finding, in place');
    assert.equal(secondB.suggestions, firstB.suggestions, 'the same suggestions, moved');
    assert.equal(secondB.range.start, firstB.range.start + 1);
  });
});
