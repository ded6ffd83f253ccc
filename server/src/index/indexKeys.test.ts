import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import assert from 'node:assert/strict';
import { WorkspaceIndex } from './workspaceIndex';
import { garbageCollector } from '../host/garbageCollector';
import { forgetLastRegExpMatch } from '../lsp/memoryRelease';
import { parseLibvirtDocument } from '../model/libvirtDocument';
import { domainWith, network, uriOf } from '../testing';

/**
 * The index's maps are keyed by names (networks, tags, pools, filters, misspelled names asked
 * about). A map keeps the first key it was given while the entry lives: a name read from an open
 * document is a view into its whole text (V8 slices strings of 13 characters or more), so kept as
 * a key it would keep the text after the document closed (issue 19). Strings cannot be held
 * weakly; what these tests see is the heap after a full collection.
 */

const MB = 1024 * 1024;
const longName = 'a-network-with-a-long-name';
const misspelled = 'a-network-with-a-long-nam';
const interfaces = [
  `<interface type='network'><source network='${longName}'/><tag name='a-tag-with-a-long-name'/></interface>`,
  `<interface type='network'><source network='${misspelled}'/><filterref filter='a-filter-with-a-long-name'/></interface>`,
];
const volumeDisk = `<disk type='volume'><source pool='a-pool-with-a-long-name' volume='v'/><target dev='vda'/></disk>`;

function heapAfterCollection(collect: () => void): number {
  forgetLastRegExpMatch();
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

/** A domain naming every long name, with `padding` characters of comment after its root. */
function domainText(padding: number): string {
  return domainWith(...interfaces, volumeDisk).replace('</domain>', `</domain>\n<!-- ${'x'.repeat(padding)} -->`);
}

/** Opens a large document, asks what its names ask of the index, and closes it: nothing is left of it. */
function openAskAndClose(index: WorkspaceIndex, padding: number): void {
  const open = parseLibvirtDocument(uriOf('open.xml'), domainText(padding), 1);
  index.update(open);
  // A closed file names the same: every key the open document added outlives it.
  index.updateClosed(parseLibvirtDocument(uriOf('closed.xml'), domainText(0)));
  const domain = open.object?.kind === 'domain' ? open.object : undefined;
  for (const iface of domain?.interfaces ?? []) {
    const name = iface.source?.attributes.get('network')?.value ?? '';
    index.interfacesUsing(name);
    index.closestNetworkNames(name);
  }
  index.tags();
  index.remove(open.uri);
}

describe('workspace index: keys do not keep texts', () => {
  test("a closed document's text is not kept by the names it gave the index", async () => {
    const collect = garbageCollector();
    assert.ok(collect, 'V8 gives a full collection');
    const index = new WorkspaceIndex();
    index.updateClosed(parseLibvirtDocument(uriOf('net.xml'), network(longName, `  <bridge name='virbr1'/>`)));
    const before = heapAfterCollection(collect);
    openAskAndClose(index, 32 * MB);
    // The index's kept uses hold their domains weakly (interfaceUse.ts), and V8 keeps a WeakRef's
    // target until the job that made it ends: the heap is measured in the next one.
    await nextTurn();
    const after = heapAfterCollection(collect);
    assert.ok(after - before < 8 * MB, `${((after - before) / MB).toFixed(1)} MiB more after the document was closed`);
    assert.deepEqual(index.closestNetworkNames(misspelled), [longName]);
    assert.deepEqual([...index.dependants([longName])], [uriOf('closed.xml')]);
  });
});
