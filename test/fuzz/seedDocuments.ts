import * as fs from 'node:fs';
import * as path from 'node:path';
import { findCorpus, guestWith, mynet, otherGuest, othernet, repoRoot } from '../../server/src/testing';

/** A document the fuzzer starts from: where it came from, and its text. */
export interface SeedDocument {
  readonly name: string;
  readonly text: string;
}

/** Our own fixtures and examples, and libvirt's test corpus when it is there (with a note when not). */
export function loadSeedDocuments(): { seeds: SeedDocument[]; notes: string[] } {
  const notes: string[] = [];
  const seeds = [...fixtureSeeds(), ...xmlFilesUnder(path.join(repoRoot(), 'examples'), 'examples')];
  const corpus = findCorpus();
  if (corpus) seeds.push(...xmlFilesUnder(path.join(corpus, 'tests'), 'corpus'));
  else notes.push("libvirt's corpus (shared/corpus/libvirt above the repository) not found: fuzzing our fixtures and examples only");
  return { seeds, notes };
}

function fixtureSeeds(): SeedDocument[] {
  return [
    { name: 'fixtures/mynet', text: mynet },
    { name: 'fixtures/othernet', text: othernet },
    { name: 'fixtures/otherGuest', text: otherGuest },
    {
      name: 'fixtures/guest',
      text: guestWith(`    <interface type='network'>
      <source network='mynet' portgroup='xyzzy'/>
      <model type='virtio'/>
    </interface>`),
    },
    // Entities: mutations cut, repeat and nest references; expansion must stay within its budget.
    { name: 'fixtures/billionLaughs', text: billionLaughs() },
  ];
}

/** A network whose name and a portgroup's name reference an entity that expands to 3·10⁹ characters. */
function billionLaughs(): string {
  const levels = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?>\n<!DOCTYPE network [\n${levels.join('\n')}\n<!ENTITY pg "office">\n]>\n<network>\n  <name>laughs&lol9;</name>\n  <bridge name='br0'/>\n  <portgroup name='&pg;&lol3;'/>\n</network>\n`;
}

function xmlFilesUnder(folder: string, label: string): SeedDocument[] {
  if (!fs.existsSync(folder)) return [];
  const found: SeedDocument[] = [];
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.xml')) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.push({ name: `${label}/${path.relative(folder, file)}`, text: fs.readFileSync(file, 'utf8') });
  }
  // readdir's order is the file system's: sort so that a seed picks the same documents everywhere.
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
