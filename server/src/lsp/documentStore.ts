import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sniffLibvirtRoot } from '../../../protocol/src/libvirtRoot';
import { largeDocumentLength, parseLibvirtDocument, parseLibvirtDocumentInSlices, type LibvirtDocument } from '../model/libvirtDocument';
import { inheritInterfaceResults } from '../findings/interfaceResults';
import { carryWellFormedness } from '../parser/wellFormedAfterEdit';
import { runInSlices } from './slicedRunner';

export { largeDocumentLength } from '../model/libvirtDocument';

interface Parsed {
  readonly version: number;
  readonly document: LibvirtDocument | undefined;
}

/**
 * The parsed form of each open document, made once per version: diagnostics, completion, hover
 * and the index all share it. A document whose root is not a libvirt object is recognised from
 * its first markup and never parsed, so other XML (Maven, SVG, …) costs nothing. A large
 * document is parsed in slices (parse), one parse per version, dropped when a newer version
 * comes; only the latest version's parse is kept.
 */
export class ParsedDocuments {
  private readonly cache = new Map<string, Parsed>();
  private readonly parsing = new Map<string, { readonly version: number; readonly parsed: Promise<LibvirtDocument | undefined> }>();

  /** @param currentVersion the version of a document open now (undefined once it is closed) */
  constructor(private readonly currentVersion: (uri: string) => number | undefined) {}

  /** The libvirt document of an open text, parsed at once; undefined when it is not libvirt XML. */
  get(textDocument: TextDocument): LibvirtDocument | undefined {
    const cached = this.cache.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) return cached.document;
    const document = isCandidate(textDocument) ? parseLibvirtDocument(textDocument.uri, textDocument.getText(), textDocument.version) : undefined;
    this.keep(textDocument.uri, textDocument.version, document);
    return document;
  }

  /** Whether this version is parsed already (get answers without work). */
  has(textDocument: TextDocument): boolean {
    return this.cache.get(textDocument.uri)?.version === textDocument.version;
  }

  /**
   * The libvirt document of an open text; a large one is parsed in slices (one parse shared by
   * every caller of the same version). Rejects with WorkCancelled when a newer version of the
   * document comes, or it is closed, before the parse ends.
   */
  async parse(textDocument: TextDocument): Promise<LibvirtDocument | undefined> {
    const { uri, version } = textDocument;
    if (this.has(textDocument) || !isLarge(textDocument)) return this.get(textDocument);
    const running = this.parsing.get(uri);
    if (running?.version === version) return running.parsed;
    const parsed = this.parseInSlices(textDocument).finally(() => {
      if (this.parsing.get(uri)?.parsed === parsed) this.parsing.delete(uri);
    });
    this.parsing.set(uri, { version, parsed });
    return parsed;
  }

  private async parseInSlices(textDocument: TextDocument): Promise<LibvirtDocument | undefined> {
    const { uri, version } = textDocument;
    if (!isCandidate(textDocument)) return this.get(textDocument);
    const stale = () => (this.currentVersion(uri) === version ? undefined : `${uri} changed`);
    const document = await runInSlices(parseLibvirtDocumentInSlices(uri, textDocument.getText(), version), stale);
    this.keep(uri, version, document);
    return document;
  }

  /**
   * Keeps a version's parse in place of the one before, whose well-formedness verdict it takes
   * over when the edit between them cannot change it (carryWellFormedness: typing a value), and
   * whose interfaces' findings its unchanged interfaces reuse (inheritInterfaceResults).
   */
  private keep(uri: string, version: number, document: LibvirtDocument | undefined): void {
    const before = this.cache.get(uri)?.document;
    if (before && document) {
      carryWellFormedness(before.xml, document.xml);
      inheritInterfaceResults(before, document);
    }
    this.cache.set(uri, { version, document });
  }

  /** A closed document's parse is dropped (and the memory of its tree with it). */
  forget(uri: string): void {
    this.cache.delete(uri);
    this.parsing.delete(uri);
  }
}

/** Whether a document is parsed and checked in slices (see largeDocumentLength). */
export function isLarge(textDocument: TextDocument): boolean {
  return textDocument.getText().length >= largeDocumentLength;
}

function isCandidate(textDocument: TextDocument): boolean {
  return isCandidateUri(textDocument.uri) && sniffLibvirtRoot(textDocument.getText()) !== undefined;
}

/** `.xml` files (virsh edit's temporary files included) and unsaved new documents. */
export function isCandidateUri(uri: string): boolean {
  return uri.startsWith('untitled:') || /\.xml$/i.test(uri.split(/[?#]/)[0]);
}
