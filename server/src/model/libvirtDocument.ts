import { parseXml, parseXmlInSlices } from '../parser/xmlParser';
import type { XmlDocument } from '../parser/xmlTree';
import { LineIndex } from '../util/lineIndex';
import { runToEnd, type SlicedWork } from '../util/slicedWork';
import { readDomainInSlices } from './domainReader';
import type { LibvirtObject } from './libvirtModel';
import type { ModelledFile } from './modelledFile';
import { readNetwork } from './networkReader';
import { rangedChildText } from './ranged';
import { readStoragePool, readStorageVolume } from './storageReader';
import { readNetworkFilter } from './filterReader';

/**
 * One parsed source text, whole: the text and its positioned XML tree (`xml`), and the libvirt
 * object its root describes. Open documents are held in this form; a file that is only indexed
 * is held as an IndexedFile.
 */
export interface LibvirtDocument extends ModelledFile {
  readonly xml: XmlDocument;
}

/** Whether a file is held whole (text and tree), rather than as an indexed file's record. */
export function isLibvirtDocument(file: ModelledFile): file is LibvirtDocument {
  return 'xml' in file;
}

export function parseLibvirtDocument(uri: string, text: string, version = 0): LibvirtDocument {
  const xml = parseXml(text);
  return { uri, version, xml, lines: new LineIndex(text), object: runToEnd(readObject(xml)) };
}

/**
 * A text at least this long is parsed, indexed and checked in slices, off the path of an edit and
 * of other documents' requests (a 5 MB domain takes seconds): an open document's
 * (lsp/documentStore.ts) and a file read from disk (host/workspaceIndexer.ts). A shorter one at
 * once (a few milliseconds).
 */
export const largeDocumentLength = 256 * 1024;

/** How much of a large document one slice parses (characters) or reads (interfaces). */
export const documentSlice = { characters: 32 * 1024, interfaces: 200 } as const;

/**
 * parseLibvirtDocument in slices (see SlicedWork), for a large document: a 5 MB domain is parsed
 * in about 150 steps and its 30,000 interfaces read in 150.
 */
export function* parseLibvirtDocumentInSlices(uri: string, text: string, version = 0): SlicedWork<LibvirtDocument> {
  const xml = yield* parseXmlInSlices(text, documentSlice.characters);
  const lines = new LineIndex(text);
  yield;
  return { uri, version, xml, lines, object: yield* readObject(xml) };
}

function* readObject(xml: XmlDocument): SlicedWork<LibvirtObject | undefined> {
  const root = xml.roots[0];
  switch (root?.name) {
    case 'network':
      return readNetwork(root);
    case 'domain':
      return yield* readDomainInSlices(root, documentSlice.interfaces);
    case 'networkport':
      return {
        kind: 'networkport',
        element: root,
        group: rangedChildText(root, 'group'),
      };
    case 'pool':
      return readStoragePool(root);
    case 'volume':
      return readStorageVolume(root);
    case 'filter':
      return readNetworkFilter(root);
    default:
      return undefined;
  }
}
