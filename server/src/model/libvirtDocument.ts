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
