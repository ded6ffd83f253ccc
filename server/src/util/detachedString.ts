/**
 * A copy of a string that shares no memory with the string it came from. V8 keeps a substring of
 * 13 characters or more (SlicedString::kMinLength) as a view into the whole string: a name taken
 * from a document's text and stored in a long-lived map keeps the whole text alive after the
 * document is closed (issue 19: a closed 600 KB domain kept by the did-you-mean cache's keys).
 * Shorter strings are always copies already. JSON's parser builds a new flat string (a slice of
 * `' ' + value` would be a second view, 32 bytes more per string kept: 8,000 of them at 1,000
 * files); lone surrogates survive the round trip as escapes.
 */
export function detachedString(value: string): string {
  return value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
}
