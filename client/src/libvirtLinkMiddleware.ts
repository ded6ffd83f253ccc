import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { openLibvirtObjectCommand } from './identifiers';
import { libvirtLinksAsCommandLinks } from './libvirtObjectLinks';

/**
 * Makes the server's links to `libvirt:` objects clickable in hovers and in completion
 * documentation. VS Code's markdown renderer drops links of schemes it does not know, so each
 * becomes a command link to openLibvirtObjectCommand, and the markdown trusts that one command
 * (and no other: the rest of the text comes from the user's files).
 */
export const libvirtLinkMiddleware: Middleware = {
  provideHover: async (document, position, token, next) => {
    const hover = await next(document, position, token);
    if (!hover) return hover;
    return new vscode.Hover(
      hover.contents.map((content) => (content instanceof vscode.MarkdownString ? withCommandLinks(content) : content)),
      hover.range,
    );
  },
  provideCompletionItem: async (document, position, context, token, next) => {
    const result = await next(document, position, context, token);
    if (result) for (const item of Array.isArray(result) ? result : result.items) rewriteDocumentation(item);
    return result;
  },
  resolveCompletionItem: async (item, token, next) => {
    const resolved = await next(item, token);
    if (resolved) rewriteDocumentation(resolved);
    return resolved;
  },
};

function rewriteDocumentation(item: vscode.CompletionItem): void {
  if (item.documentation instanceof vscode.MarkdownString) item.documentation = withCommandLinks(item.documentation);
}

/** The same markdown with command links for `libvirt:` links; the same object when it has none. */
function withCommandLinks(markdown: vscode.MarkdownString): vscode.MarkdownString {
  const value = libvirtLinksAsCommandLinks(markdown.value, openLibvirtObjectCommand);
  if (value === markdown.value) return markdown;
  const rewritten = new vscode.MarkdownString(value, markdown.supportThemeIcons);
  rewritten.supportHtml = markdown.supportHtml;
  rewritten.baseUri = markdown.baseUri;
  rewritten.isTrusted = trustingOpenCommand(markdown.isTrusted);
  return rewritten;
}

function trustingOpenCommand(trusted: vscode.MarkdownString['isTrusted']): vscode.MarkdownString['isTrusted'] {
  if (trusted === true) return true;
  const enabled = typeof trusted === 'object' ? trusted.enabledCommands : [];
  return { enabledCommands: [...enabled, openLibvirtObjectCommand] };
}
