import { digestOf } from '../util/textDigest';
import type { LineIndex } from '../util/lineIndex';
import { runToEnd, type SlicedWork } from '../util/slicedWork';
import type { StringTable } from '../util/stringTable';
import { keptModelOfInSlices } from './keptModel';
import { packKeptRecordInSlices, unpackKeptRecord, type KeptRecord } from './keptRecord';
import type { LibvirtDocument } from './libvirtDocument';
import type { LibvirtObject } from './libvirtModel';
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

/**
 * An IndexedFile whose model is held packed (keptRecord.ts: about a tenth of the objects' memory)
 * and unpacked when read. The unpacked model is held weakly: while anything holds it (a caller,
 * a cache of the index), every read gives that same object, so identities never differ between
 * two reads anyone can compare; once nothing does, a full collection takes it and the next read
 * unpacks a new one.
 */
class PackedIndexedFile implements IndexedFile {
  private unpacked: WeakRef<LibvirtObject> | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly lines: LineIndex,
    readonly digest: number,
    private readonly record: KeptRecord | undefined,
    model: LibvirtObject | undefined,
  ) {
    // The model the record was packed from is what unpacking gives: the index reads it right away.
    this.unpacked = model && new WeakRef(model);
  }

  get object(): LibvirtObject | undefined {
    if (this.record === undefined) return undefined;
    let object = this.unpacked?.deref();
    if (object === undefined) {
      object = unpackKeptRecord(this.record);
      this.unpacked = new WeakRef(object);
    }
    return object;
  }
}

/** The record the index keeps of a parsed file; the document itself is left as it was. */
export function indexedFileOf(document: LibvirtDocument, strings: StringTable): IndexedFile {
  return runToEnd(indexedFileOfInSlices(document, strings));
}

/** indexedFileOf in slices (see SlicedWork): a large file read from disk is indexed while the server answers requests. */
export function* indexedFileOfInSlices(document: LibvirtDocument, strings: StringTable): SlicedWork<IndexedFile> {
  const model = document.object && (yield* keptModelOfInSlices(document.object, strings));
  const record = model && (yield* packKeptRecordInSlices(model));
  return new PackedIndexedFile(document.uri, document.version, document.lines, digestOf(document.xml.text), record, model);
}

/** Whether a file is held as an indexed file's record (not open: no text, no whole tree). */
export function isIndexedFile(file: ModelledFile): file is IndexedFile {
  return 'digest' in file;
}
