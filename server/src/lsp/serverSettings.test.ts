import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sniffLibvirtRoot } from '../../../protocol/src/libvirtRoot';
import { isCandidateUri, ParsedDocuments } from './documentStore';
import { hostLibvirtFolders } from '../host/fileCrawler';
import { networkFolders, readNetworkPaths } from './serverSettings';

describe('libvirtXml.networkPaths', () => {
  it("means the host's libvirt folders when empty or unset", () => {
    assert.deepEqual(networkFolders(undefined, []), { folders: hostLibvirtFolders(), hostDefaults: true });
    assert.deepEqual(networkFolders([], ['/ws']), { folders: hostLibvirtFolders(), hostDefaults: true });
  });

  it('expands ~ and resolves relative paths against the first workspace folder', () => {
    const { folders } = networkFolders(['~/nets', 'defs', '/abs/', 'defs'], ['/ws', '/other']);
    assert.deepEqual(folders, [path.join(os.homedir(), 'nets'), '/ws/defs', '/abs']);
  });

  it('reads only a list of strings', () => {
    assert.deepEqual(readNetworkPaths({ networkPaths: ['/a', 3, ' ', '/b'] }), ['/a', '/b']);
    assert.equal(readNetworkPaths({ networkPaths: '/a' }), undefined);
    assert.equal(readNetworkPaths(null), undefined);
  });
});

describe('the parsed-document cache', () => {
  it('parses a libvirt document once per version', () => {
    const cache = new ParsedDocuments(() => undefined);
    const v1 = TextDocument.create('file:///n.xml', 'xml', 1, '<network><name>a</name></network>');
    const first = cache.get(v1);
    assert.equal(first?.object?.kind, 'network');
    assert.equal(cache.get(v1), first);
    const v2 = TextDocument.update(v1, [{ text: '<network><name>b</name></network>' }], 2);
    assert.notEqual(cache.get(v2), first);
  });

  it('recognises libvirt XML by its root element, in .xml files and new documents only', () => {
    const cache = new ParsedDocuments(() => undefined);
    assert.equal(cache.get(TextDocument.create('file:///pom.xml', 'xml', 1, '<project/>')), undefined);
    assert.equal(cache.get(TextDocument.create('file:///n.rng', 'xml', 1, '<network/>')), undefined);
    assert.ok(cache.get(TextDocument.create('file:///tmp/virshXYZ123.xml', 'xml', 1, "<?xml version='1.0'?>\n<!-- edit -->\n<domain/>")));
    assert.ok(isCandidateUri('untitled:Untitled-1'));
    assert.ok(isCandidateUri('file:///A/B.XML'));
  });

  it('agrees with the client: text before the root is not libvirt XML', () => {
    const cache = new ParsedDocuments(() => undefined);
    const text = 'oops <domain/>';
    assert.equal(sniffLibvirtRoot(text), undefined);
    assert.equal(cache.get(TextDocument.create('file:///oops.xml', 'xml', 1, text)), undefined);
  });
});
