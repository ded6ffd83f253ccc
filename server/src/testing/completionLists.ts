import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';

/** The labels of a completion list, in its order. */
export function labels(list: CompletionList): string[] {
  return list.items.map((item) => item.label);
}

/** The item with this label; fails the test, listing what there is, when it is missing. */
export function item(list: CompletionList, label: string): CompletionItem {
  const found = list.items.find((candidate) => candidate.label === label);
  assert.ok(found, `no item '${label}' among ${JSON.stringify(labels(list))}`);
  return found;
}
