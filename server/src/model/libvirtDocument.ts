import { parseXml } from '../parser/xmlParser';
import type { XmlDocument } from '../parser/xmlTree';
import { LineIndex } from '../util/lineIndex';
import { readDomain } from './domainReader';
import type { LibvirtObject } from './libvirtModel';
import { readNetwork } from './networkReader';
import { rangedChildText } from './ranged';

/** One parsed source text: the positioned XML tree and the libvirt object its root describes. */
export interface LibvirtDocument {
  readonly uri: string;
  readonly version: number;
  readonly xml: XmlDocument;
  readonly lines: LineIndex;
  /** Undefined when the root is not a libvirt object this tool understands. */
  readonly object: LibvirtObject | undefined;
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
