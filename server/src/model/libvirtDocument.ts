import { parseXml } from '../parser/xmlParser';
import type { XmlDocument } from '../parser/xmlTree';
import { LineIndex } from '../util/lineIndex';
import { readDomain } from './domainReader';
import type { LibvirtObject } from './libvirtModel';
import type { ModelledFile } from './modelledFile';
import { readNetwork } from './networkReader';
import { rangedChildText } from './ranged';

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

export const libvirtRootNames = ['domain', 'network', 'networkport'] as const;

export function parseLibvirtDocument(uri: string, text: string, version = 0): LibvirtDocument {
  const xml = parseXml(text);
  return { uri, version, xml, lines: new LineIndex(text), object: readObject(xml) };
}

function readObject(xml: XmlDocument): LibvirtObject | undefined {
  const root = xml.roots[0];
  switch (root?.name) {
    case 'network':
      return readNetwork(root);
    case 'domain':
      return readDomain(root);
    case 'networkport':
      return {
        kind: 'networkport',
        element: root,
        group: rangedChildText(root, 'group'),
      };
    default:
      return undefined;
  }
}

/** The name of the first element in a text, found without parsing it. */
export function sniffRootName(text: string): string | undefined {
  let at = 0;
  for (let guard = 0; guard < 1000; guard++) {
    const lt = text.indexOf('<', at);
    if (lt < 0) return undefined;
    const next = text[lt + 1];
    if (next === '?') at = text.indexOf('?>', lt) + 2;
    else if (text.startsWith('<!--', lt)) at = text.indexOf('-->', lt) + 3;
    else if (next === '!') at = text.indexOf('>', lt) + 1;
    else return /^[^\s/>]+/.exec(text.slice(lt + 1, lt + 200))?.[0];
    if (at <= 1) return undefined;
  }
  return undefined;
}

export function isLibvirtRootName(name: string | undefined): boolean {
  return name !== undefined && (libvirtRootNames as readonly string[]).includes(name);
}
