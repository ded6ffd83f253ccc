import * as vscode from 'vscode';

/** What to do when the object changed on the host since the editor read it. */
export type ConflictChoice = 'overwrite' | 'compare' | 'cancel';

/**
 * The questions a save of a `libvirt:` document may ask before it defines anything. They are
 * modal, as VS Code's own questions during a save are; the workbench tests answer them through
 * the test API instead of a dialog.
 */
export interface SavePrompts {
  /** The text names another object than the document: define a second one? */
  confirmNewName(message: string, kind: string, name: string): Promise<boolean>;
  /** libvirt's schemas find errors: define anyway? */
  confirmInvalid(message: string): Promise<boolean>;
  /** The object changed on the host since it was read: overwrite it, compare first, or leave it? */
  resolveConflict(message: string): Promise<ConflictChoice>;
}

export const dialogPrompts: SavePrompts = {
  async confirmNewName(message, kind, name) {
    const define = `Define ${kind} '${name}'`;
    return (await vscode.window.showWarningMessage(message, { modal: true }, define)) === define;
  },
  async confirmInvalid(message) {
    const define = 'Define Anyway';
    const detail = `${message}. libvirt may refuse it, or drop what its schema does not know.`;
    return (await vscode.window.showWarningMessage(detail, { modal: true }, define)) === define;
  },
  async resolveConflict(message) {
    const choice = await vscode.window.showWarningMessage(
      `${message}. Overwrite the host's definition with your text?`,
      { modal: true },
      'Overwrite',
      'Compare',
    );
    return choice === 'Overwrite' ? 'overwrite' : choice === 'Compare' ? 'compare' : 'cancel';
  },
};
