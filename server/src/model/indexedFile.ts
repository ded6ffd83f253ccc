import { digestOf } from '../util/textDigest';
import type { StringTable } from '../util/stringTable';
import { keptModelOf } from './keptModel';
import type { LibvirtDocument } from './libvirtDocument';
import type { ModelledFile } from './modelledFile';

/**
 * What the workspace index keeps of a file that is not open in the editor: its URI, its line
 * starts (so that ranges still turn into positions), its libvirt model with the parts of the tree
 * the model refers to (see keptModelOf), and the digest of the text it was read from. Not the
 * text, nor the whole tree: a feature that needs the text of such a file is given a TextSource.
 */
export interface IndexedFile extends ModelledFile {
  /** digestOf the text the file was indexed from: a text read later with another digest is newer. */
  readonly digest: number;
}

/** The record the index keeps of a parsed file; the document itself is left as it was. */
export function indexedFileOf(document: LibvirtDocument, strings: StringTable): IndexedFile {
  return {
    uri: document.uri,
    version: document.version,
    lines: document.lines,
    object: document.object && keptModelOf(document.object, strings),
    digest: digestOf(document.xml.text),
  };
}

/** Whether a file is held as an indexed file's record (not open: no text, no whole tree). */
export function isIndexedFile(file: ModelledFile): file is IndexedFile {
  return 'digest' in file;
}
