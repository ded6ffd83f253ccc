import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sniffLibvirtRoot } from '../../../protocol/src/libvirtRoot';
import { parseLibvirtDocument, type LibvirtDocument } from '../model/libvirtDocument';

/**
 * The parsed form of each open document, made once per version: diagnostics, completion, hover
 * and the index all share it. A document whose root is not a libvirt object is recognised from
 * its first markup and never parsed, so other XML (Maven, SVG, …) costs nothing.
 */
export class ParsedDocuments {
  private readonly cache = new Map<string, { readonly version: number; readonly document: LibvirtDocument | undefined }>();

  /** The libvirt document of an open text; undefined when it is not libvirt XML. */
  get(textDocument: TextDocument): LibvirtDocument | undefined {
    const cached = this.cache.get(textDocument.uri);
    if (cached && cached.version === textDocument.version) return cached.document;
    const document = parseIfLibvirt(textDocument);
    this.cache.set(textDocument.uri, { version: textDocument.version, document });
    return document;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

function parseIfLibvirt(textDocument: TextDocument): LibvirtDocument | undefined {
  if (!isCandidateUri(textDocument.uri)) return undefined;
  const text = textDocument.getText();
  if (sniffLibvirtRoot(text) === undefined) return undefined;
  return parseLibvirtDocument(textDocument.uri, text, textDocument.version);
}

/** `.xml` files (virsh edit's temporary files included) and unsaved new documents. */
export function isCandidateUri(uri: string): boolean {
  return uri.startsWith('untitled:') || /\.xml$/i.test(uri.split(/[?#]/)[0]);
}
