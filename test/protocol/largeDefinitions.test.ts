import { describe, it } from 'node:test';
import { domainWithDevices } from '../../server/src/testing';
import type { LspSession } from './lspSession';
import { useServer } from './sessionFixture';

/** A comment this long makes a definition large: the server parses it in slices (documentStore's largeDocumentLength is 256 KiB). */
const padding = `<!-- ${'x'.repeat(300 * 1024)} -->`;

/** Names of the same length, so that the edit replaces one by the other in place. */
const wrongName = 's8-oth';
const usedName = 's8-big';

const filtered = domainWithDevices(`<interface type='bridge'>
      <mac address='52:54:00:00:00:08'/>
      <source bridge='br0'/>
      <filterref filter='${usedName}'/>
    </interface>`);
const largeFilter = `<filter name='${wrongName}' chain='root'>\n  ${padding}\n</filter>\n`;

const withDisk = domainWithDevices(`<disk type='volume' device='disk'>
      <source pool='${usedName}' volume='disk1.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>`);
const largePool = `<pool type='dir'>\n  <name>${wrongName}</name>\n  ${padding}\n  <target><path>/var/lib/s8</path></target>\n</pool>\n`;

/*
 * A large pool or filter document is indexed by the publisher, after its edit, not on it: the open
 * domains that use what it defines must be checked again after that, as after a small one's edit.
 * Without schemas, nothing else re-publishes the domain.
 */
describe('a large pool or network filter open in the editor', () => {
  const server = useServer({ withoutSchemas: true });

  /** Opens the large definition (named wrongly) and the domain; renames the definition and waits for the domain's finding to go. */
  async function renameUnder(session: LspSession, definition: { uri: string; text: string }, domain: { uri: string; text: string }, code: string) {
    await session.open(definition.uri, definition.text);
    await session.diagnosticsFor(definition.uri, 'the first check of the large definition');
    await session.open(domain.uri, domain.text);
    await session.diagnosticsFor(domain.uri, code, (p) => p.diagnostics.some((d) => d.code === code));
    const line = definition.text.split('\n').findIndex((text) => text.includes(wrongName));
    const character = definition.text.split('\n')[line].indexOf(wrongName);
    const resolved = session.diagnosticsArrival((p) => p.uri === domain.uri && !p.diagnostics.some((d) => d.code === code));
    await session.edit(definition.uri, { start: { line, character }, end: { line, character: character + wrongName.length } }, usedName);
    await resolved;
    await session.close(domain.uri);
    await session.close(definition.uri);
  }

  it('re-checks the open domains using a filter when an edit gives it their name', async () => {
    const { session, fixture } = server();
    const filter = { uri: fixture.uri('workspace/nwfilter/s8-big.xml'), text: largeFilter };
    await renameUnder(session, filter, { uri: fixture.uri('workspace/domains/s8-filtered.xml'), text: filtered }, 'unknown-filter');
  });

  it('re-checks the open domains using a pool when an edit gives it their name', async () => {
    const { session, fixture } = server();
    const pool = { uri: fixture.uri('workspace/storage/s8-big.xml'), text: largePool };
    await renameUnder(session, pool, { uri: fixture.uri('workspace/domains/s8-disk.xml'), text: withDisk }, 'unknown-pool');
  });
});
