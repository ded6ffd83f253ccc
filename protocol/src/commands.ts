/*
 * Command ids both sides name: the server puts them in code lenses, the client registers them
 * (and package.json declares them). Renaming one is a breaking change.
 */
import type { Location, Position } from 'vscode-languageserver-types';

/**
 * Client command: shows a list of locations as VS Code's references peek. Code lenses carry it
 * with LSP values, which the client turns into the vscode objects `editor.action.showReferences`
 * needs.
 */
export const showReferencesCommand = 'libvirtXml.showReferences';

/** The arguments of showReferencesCommand, in order. */
export type ShowReferencesArguments = [uri: string, position: Position, locations: Location[]];
