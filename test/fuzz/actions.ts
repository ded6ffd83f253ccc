import { mutate, typedText } from './mutations';
import type { Random } from './random';
import type { SeedDocument } from './seedDocuments';

/** The requests the fuzzer sends at a position, a range or a document. */
export const requestMethods = [
  'textDocument/completion',
  'completionItem/resolve',
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/codeAction',
  'textDocument/codeLens',
  'textDocument/documentSymbol',
  'workspace/symbol',
  'textDocument/foldingRange',
  'textDocument/documentLink',
  'libvirtXml/resolvedStatus',
] as const;
export type RequestMethod = (typeof requestMethods)[number];

/** A request at an offset of a document (or past its end), with what the method needs besides. */
export interface RequestAction {
  readonly kind: 'request';
  readonly method: RequestMethod;
  readonly uri: string;
  readonly offset: number;
  readonly endOffset: number;
  /** A position beyond the text, as a stale client may send. */
  readonly outOfRange: boolean;
  /** The rename's new name, the workspace-symbol query, or the trigger character. */
  readonly word: string;
  /** Which completion item completionItem/resolve resolves. */
  readonly pick: number;
}

/** What the fuzzer does to the server, as data: written out on a failure and replayed from there. */
export type Action =
  | { readonly kind: 'open'; readonly uri: string; readonly text: string }
  | { readonly kind: 'close'; readonly uri: string }
  | { readonly kind: 'change'; readonly uri: string; readonly text: string }
  | { readonly kind: 'edit'; readonly uri: string; readonly start: number; readonly end: number; readonly text: string }
  | RequestAction
  /** Requests sent together, answered in any order. */
  | { readonly kind: 'burst'; readonly requests: readonly RequestAction[] };

/** Documents the fuzzer opens: new files, files on disk (indexed, then edited), odd schemes and extensions. */
export interface Targets {
  readonly uris: readonly string[];
}

/** What the generator needs to know of the client's state. */
export interface GeneratorState {
  readonly seeds: readonly SeedDocument[];
  readonly targets: Targets;
  /** The open documents' current texts. */
  readonly open: ReadonlyMap<string, string>;
}

/** The next action, drawn from the state: mostly requests and edits, sometimes opening and closing. */
export function nextAction(state: GeneratorState, random: Random): Action {
  const openUris = [...state.open.keys()];
  const closed = state.targets.uris.filter((uri) => !state.open.has(uri));
  if (openUris.length === 0 || (closed.length > 0 && random.chance(0.08))) return openAction(state, random.pick(closed), random);
  const uri = random.pick(openUris);
  const text = state.open.get(uri) ?? '';
  const roll = random.next();
  if (roll < 0.04) return { kind: 'close', uri };
  if (roll < 0.08) return { kind: 'change', uri, text: mutate(text, random, random.pick(state.seeds).text) };
  if (roll < 0.35) return editAction(uri, text, random);
  if (roll < 0.45) return { kind: 'burst', requests: Array.from({ length: random.between(2, 6) }, () => requestAction(random.pick(openUris), state, random)) };
  return requestAction(uri, state, random);
}

function openAction(state: GeneratorState, uri: string, random: Random): Action {
  const seed = random.pick(state.seeds).text;
  const text = random.chance(0.15) ? seed : mutate(seed, random, random.pick(state.seeds).text);
  return { kind: 'open', uri, text };
}

function editAction(uri: string, text: string, random: Random): Action {
  const start = random.int(text.length + 1);
  const end = Math.min(text.length, start + (random.chance(0.5) ? 0 : random.small(40) + 1));
  return { kind: 'edit', uri, start, end, text: typedText(random) };
}

function requestAction(uri: string, state: GeneratorState, random: Random): RequestAction {
  const text = state.open.get(uri) ?? '';
  const offset = random.int(text.length + 1);
  const endOffset = Math.min(text.length, offset + random.small(200));
  return {
    kind: 'request',
    method: random.pick(requestMethods),
    uri,
    offset,
    endOffset,
    outOfRange: random.chance(0.03),
    word: randomWord(text, random),
    pick: random.int(1000),
  };
}

/** A new name or query: a piece of the text, a known name, a trigger character, or junk. */
function randomWord(text: string, random: Random): string {
  const roll = random.next();
  if (roll < 0.3) {
    const start = random.int(text.length + 1);
    return text.slice(start, start + random.between(0, 12));
  }
  if (roll < 0.5) return random.pick(['mynet', 'othernet', 'xyzzy', 'default', 'net-2', 'a b', '', "x'y", '<z>', '\u202e', 'x'.repeat(300)]);
  return random.pick(['<', ' ', "'", '"', '=', '/']);
}
