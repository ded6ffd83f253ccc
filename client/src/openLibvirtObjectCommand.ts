import * as vscode from 'vscode';
import { libvirtUriScheme } from '../../protocol/src/libvirtUris';
import { positionOfFragment } from './libvirtObjectLinks';

/**
 * Opens a `libvirt:` object's read-only view at the line its URI's fragment names
 * (`libvirt://system/network/default.xml#L3`), as VS Code opens a `file:` link with `#L3`. Hover
 * and completion links to `libvirt:` objects call it (see libvirtObjectLinks.ts). Any other URI is
 * refused: this command only stands in for the links VS Code cannot open itself.
 */
export async function openLibvirtObject(argument: unknown): Promise<void> {
  const target = typeof argument === 'string' ? vscode.Uri.parse(argument) : argument instanceof vscode.Uri ? argument : undefined;
  if (target?.scheme !== libvirtUriScheme) throw new Error(`libvirtXml.openLibvirtObject opens libvirt: URIs only, not ${String(argument)}`);
  const position = positionOfFragment(target.fragment);
  const selection = position && new vscode.Range(position.line, position.character, position.line, position.character);
  const editor = await vscode.window.showTextDocument(target.with({ fragment: '' }), { selection, preview: true });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
