/*
 * Test workspaces built from strings: named files parsed and indexed, one of them possibly
 * carrying the `|` cursor marker. Not a test file itself.
 */
import type { Position } from 'vscode-languageserver-types';
import { cursorMarker, splitCursor } from './cursor';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { parseLibvirtDocument, type LibvirtDocument } from '../model/libvirtDocument';

/** Where the test workspace lives; file names are relative to it. */
export const workspaceFolderUri = 'file:///ws';

export function uriOf(name: string): string {
  return `${workspaceFolderUri}/${name}`;
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

/** An index over inline documents, keyed by file name, with the documents as a record. */
export function indexOf(files: Readonly<Record<string, string>>): { index: WorkspaceIndex; docs: Record<string, LibvirtDocument> } {
  const workspace = workspaceOf(files);
  const docs: Record<string, LibvirtDocument> = Object.create(null);
  for (const name of Object.keys(files)) docs[name] = workspace.document(name);
  return { index: workspace.index, docs };
}
