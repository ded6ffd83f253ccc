/** Snippet syntax for clients that cannot take snippets: placeholders become their default text. */
export function snippetToPlainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1') // a choice: its first option
    .replace(/\$\{\d+:([^}]*)\}/g, '$1') // a placeholder: its default
    .replace(/\$\d+/g, '') // a tab stop: nothing
    .replace(/\\([$}\\])/g, '$1')
    .replace(/\t/g, '  ');
}
