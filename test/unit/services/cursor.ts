import type { Position } from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../../../server/src/model/libvirtDocument';

/** The marker for the cursor in test texts. */
export const cursorMarker = '|';

/** Where the test workspace lives; file names are relative to it. */
export const workspaceFolderUri = 'file:///ws';

export function uriOf(name: string): string {
  return `${workspaceFolderUri}/${name}`;
}

/** Splits the single `|` out of a text: the text without it and the offset where it stood. */
export function splitCursor(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf(cursorMarker);
  if (offset < 0) throw new Error('the text has no | cursor marker');
  if (textWithCursor.indexOf(cursorMarker, offset + 1) >= 0) throw new Error('the text has more than one | cursor marker');
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset };
}

export interface TestWorkspace {
  readonly index: WorkspaceIndex;
  document(name: string): LibvirtDocument;
}

export interface CursorWorkspace extends TestWorkspace {
  /** The cursor: the file that carried the marker, and where. */
  readonly at: { readonly document: LibvirtDocument; readonly position: Position; readonly offset: number };
}

/** Parses named files (paths relative to the workspace) and indexes them all. */
export function workspaceOf(files: Readonly<Record<string, string>>): TestWorkspace {
  const index = new WorkspaceIndex();
  const documents = new Map<string, LibvirtDocument>();
  for (const [name, text] of Object.entries(files)) {
    const document = parseLibvirtDocument(uriOf(name), text, 1);
    documents.set(name, document);
    index.update(document);
  }
  return {
    index,
    document(name) {
      const document = documents.get(name);
      if (!document) throw new Error(`no file ${name} in the test workspace`);
      return document;
    },
  };
}

/**
 * A workspace where exactly one file carries the `|` marker: the marker is taken out, every
 * file is indexed, and `at` gives the document, position and offset of the cursor.
 */
export function workspaceWithCursor(files: Readonly<Record<string, string>>): CursorWorkspace {
  const marked = Object.entries(files).filter(([, text]) => text.includes(cursorMarker));
  if (marked.length !== 1) throw new Error(`exactly one file must carry the | marker, found ${marked.length}`);
  const [markedName, markedText] = marked[0];
  const { text, offset } = splitCursor(markedText);
  const workspace = workspaceOf({ ...files, [markedName]: text });
  const document = workspace.document(markedName);
  return { ...workspace, at: { document, position: document.lines.positionAt(offset), offset } };
}

/** The text a range of a document covers, for checking replace ranges. */
export function textIn(document: LibvirtDocument, range: { start: Position; end: Position }): string {
  const start = document.lines.offsetAt(range.start.line, range.start.character);
  const end = document.lines.offsetAt(range.end.line, range.end.character);
  return document.xml.text.slice(start, end);
}
