import type { Location } from 'vscode-languageserver-types';
import { textIn, workspaceFolderUri, type TestWorkspace } from '.';

/** A location as a test reads it: "networks/mynet.xml:2 mynet" (file, 1-based line, the text covered). */
export function describeLocation(workspace: TestWorkspace, location: Location): string {
  const name = location.uri.slice(workspaceFolderUri.length + 1);
  return `${name}:${location.range.start.line + 1} ${textIn(workspace.document(name), location.range)}`;
}

export function describeLocations(workspace: TestWorkspace, locations: readonly Location[] | null): string[] {
  return (locations ?? []).map((location) => describeLocation(workspace, location));
}
