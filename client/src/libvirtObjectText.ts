import type { LibvirtObjectTextResult } from '../../protocol/src/messages';

/**
 * What a read-only `libvirt:` view shows: the object's XML as the server last read it from its
 * connection, or, when there is none, a document that says why. A view is never empty and never
 * an error dialog: it stays open and shows the object once the server has it.
 */
export function libvirtObjectViewText(uri: string, answer: unknown): string {
  const result = readObjectTextResult(answer);
  if (result.text !== undefined) return result.text;
  return unavailableObjectText(uri, result.error ?? 'the language server did not say why');
}

/** The server's answer, checked: a text, an error, or neither. */
export function readObjectTextResult(answer: unknown): LibvirtObjectTextResult {
  if (typeof answer !== 'object' || answer === null) return { error: 'the language server gave no answer' };
  const { text, error } = answer as Partial<Record<keyof LibvirtObjectTextResult, unknown>>;
  if (typeof text === 'string') return { text };
  return typeof error === 'string' && error.trim() !== '' ? { error } : {};
}

/**
 * The view of an object that cannot be shown, as an XML comment (the view's language is XML, and
 * a comment is what XML tools leave alone). `--` may not appear in a comment, so it is spaced.
 */
export function unavailableObjectText(uri: string, reason: string): string {
  const inComment = (text: string) => text.replace(/-(?=-)/g, '- ');
  const sentence = reason.trim().replace(/[.\s]*$/, '.');
  return [
    '<!--',
    `  libvirt XML cannot show ${inComment(uri)}:`,
    `  ${inComment(sentence)}`,
    '',
    '  This read-only view updates when the object is defined on its connection.',
    '-->',
    '',
  ].join('\n');
}
