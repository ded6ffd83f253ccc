import { isLibvirtUri, parseLibvirtDocumentUri } from '../../../protocol/src/libvirtUris';

/** Turns a document URI into the short path shown to people ("networks/mynet.xml"). */
export type DisplayPath = (uri: string) => string;

/** The last two segments of the path: enough to tell files apart without a workspace. */
export function shortDisplayPath(uri: string): string {
  const object = isLibvirtUri(uri) ? parseLibvirtDocumentUri(uri) : undefined;
  if (object)
    return `${connectionUriOfLabel(object.connection)} ${object.kind} ${'pool' in object && object.pool !== undefined ? `${object.pool}/` : ''}${object.name}`;
  const path = pathOf(uri);
  const segments = path.split('/').filter((segment) => segment !== '');
  return segments.slice(-2).join('/') || uri;
}

/** Paths relative to the workspace folder holding the file, else the short form. */
export function workspaceRelativePath(folderUris: () => readonly string[]): DisplayPath {
  return (uri) => {
    if (isLibvirtUri(uri)) return shortDisplayPath(uri);
    for (const folder of folderUris()) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      if (uri.startsWith(prefix)) return decode(uri.slice(prefix.length));
    }
    return shortDisplayPath(uri);
  };
}

function pathOf(uri: string): string {
  const schemeEnd = uri.indexOf(':');
  let rest = schemeEnd >= 0 ? uri.slice(schemeEnd + 1) : uri;
  if (rest.startsWith('//')) rest = rest.slice(rest.indexOf('/', 2) >= 0 ? rest.indexOf('/', 2) : rest.length);
  return decode(rest.split(/[?#]/)[0]);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a malformed escape: show it as written
  }
}

/** The connection URI a label stands for, when it is one of the two well-known ones. */
function connectionUriOfLabel(label: string): string {
  return label === 'system' ? 'qemu:///system' : label === 'session' ? 'qemu:///session' : label;
}
