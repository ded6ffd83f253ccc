import * as vscode from 'vscode';
import { Location, Position, type LanguageClient } from 'vscode-languageclient/node';

/**
 * The code lenses' "used by N interfaces" click. The lens carries LSP values (plain JSON), but
 * VS Code's `editor.action.showReferences` only takes vscode.Uri, Position and Location objects:
 * this converts them and opens the references peek at the lens.
 */
export async function showReferences(client: LanguageClient, uri: unknown, position: unknown, locations: unknown): Promise<void> {
  if (typeof uri !== 'string' || !Position.is(position) || !Array.isArray(locations) || !locations.every((l) => Location.is(l))) {
    throw new Error('libvirtXml.showReferences expects a URI, a position and a list of locations');
  }
  const converter = client.protocol2CodeConverter;
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    converter.asUri(uri),
    converter.asPosition(position),
    locations.map((location: Location) => converter.asLocation(location)),
  );
}
