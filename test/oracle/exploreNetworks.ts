// Developer tool, not a test: defines and starts every network file given on the command line
// (or of libvirt's corpus folders) on the real libvirtd and prints libvirt's verdict beside ours.
//   node out/test/oracle/exploreNetworks.js FILE...
import { readFileSync } from 'node:fs';
import { defineAndStartNetwork } from './libvirtOracle';

async function main(): Promise<void> {
  for (const file of process.argv.slice(2)) {
    const r = await defineAndStartNetwork(readFileSync(file, 'utf8'));
    console.log(`${file}\t${r.stage}\t${r.stage === 'accepted' ? '' : r.error}`);
  }
}
void main();
