/**
 * Characters that change what a terminal shows rather than showing themselves: C0 and C1
 * controls and DEL (escape sequences, a newline that splits a FILE:LINE:COL line), the Unicode
 * line and paragraph separators, and the bidirectional controls that reorder a line on screen.
 */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

const shortEscapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A file name or a document value as text output prints it: each control character written as an
 * escape (`\n`, `\x1b`, `\u202e`), so what reaches the terminal is what the file holds, on one
 * line. JSON output needs none of this: JSON.stringify escapes what JSON requires.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(controlCharacters, (character) => {
    const short = shortEscapes[character];
    if (short) return short;
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
