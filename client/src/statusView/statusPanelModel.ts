import type { InterfaceStatus, VolumeDiskStatus } from '../../../protocol/src/messages';

/** What the status panel shows: the state of one domain document's request and its answer. */
export interface StatusPanelModel {
  readonly documentUri: string;
  /** The file name shown in the panel's title and header. */
  readonly documentName: string;
  /** 'loading' until the first answer; 'unavailable' with a message when there is none to show. */
  readonly phase: 'loading' | 'ready' | 'unavailable';
  readonly message?: string;
  /** The domain's `<name>`. */
  readonly domainName?: string;
  readonly interfaces: readonly InterfaceStatus[];
  /** Position of `interfaces[0]` among the domain's interfaces: a large domain is shown a page at a time. */
  readonly firstInterface?: number;
  /** How many interfaces the domain has (more than `interfaces` when the others are on other pages). */
  readonly totalInterfaces?: number;
  /** Why the `<tag>` elements are there, when any interface carries tags. */
  readonly tagsNote?: string;
  /** The domain's volume disks as libvirt will run them (the first page of them). */
  readonly volumeDisks?: readonly VolumeDiskStatus[];
  /** How many volume disks the domain has (more than `volumeDisks` when the rest are on other pages). */
  readonly totalVolumeDisks?: number;
}

/** The file name of a URI, for display; the URI itself when it has none. */
export function documentNameOf(uri: string): string {
  const lastSegment =
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .filter((s) => s !== '')
      .at(-1) ?? uri;
  try {
    return decodeURIComponent(lastSegment);
  } catch {
    return lastSegment; // a malformed %-escape: show it as written
  }
}

/** Every interface's status XML, in document order, as one text for the clipboard. */
export function statusXmlOfAll(model: StatusPanelModel): string {
  return model.interfaces.map((i) => ensureFinalNewline(i.statusXml)).join('');
}

export function ensureFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : text + '\n';
}
