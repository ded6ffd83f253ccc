import * as fs from 'node:fs';

/**
 * Loads the libvirt injection on top of an XML grammar with vscode-textmate and
 * vscode-oniguruma (the engine VS Code itself uses), and tokenises text with it.
 * The two packages are development tools this suite may run without: they are loaded at run
 * time, and `loadTextMate` answers undefined when they are not installed.
 */

/** The part of vscode-textmate's API these tests use. */
interface TextMateModule {
  Registry: new (options: RegistryOptions) => Registry;
  INITIAL: StateStack;
}
interface OnigurumaModule {
  loadWASM(data: ArrayBuffer): Promise<void>;
  createOnigScanner(patterns: string[]): unknown;
  createOnigString(text: string): unknown;
}
interface StateStack {
  readonly stateStackBrand?: never;
}
interface RegistryOptions {
  onigLib: Promise<{ createOnigScanner(patterns: string[]): unknown; createOnigString(text: string): unknown }>;
  loadGrammar(scopeName: string): Promise<unknown>;
  getInjections?(scopeName: string): string[] | undefined;
}
interface Registry {
  loadGrammar(scopeName: string): Promise<Grammar | null>;
}
interface Grammar {
  tokenizeLine(line: string, state: StateStack | null): { tokens: Array<{ startIndex: number; endIndex: number; scopes: string[] }>; ruleStack: StateStack };
}

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

export type Tokenizer = (text: string) => Token[][];

let onigurumaReady: Promise<OnigurumaModule> | undefined;

function tryRequire<T>(name: string): T | undefined {
  try {
    // A synchronous, optional load: whether the engine exists decides which tests are declared.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as T;
  } catch {
    return undefined;
  }
}

/** Whether the TextMate engine can be loaded here (known before any test is declared). */
export function textMateInstalled(): boolean {
  return ['vscode-textmate', 'vscode-oniguruma'].every((name) => {
    try {
      require.resolve(name);
      return true;
    } catch {
      return false;
    }
  });
}

/** A tokenizer for XML text, with the injection (when given) or the base grammar alone. */
export async function loadTextMate(baseGrammar: object, injection: object | undefined): Promise<Tokenizer | undefined> {
  const textMate = tryRequire<TextMateModule>('vscode-textmate');
  const oniguruma = tryRequire<OnigurumaModule>('vscode-oniguruma');
  if (!textMate || !oniguruma) return undefined;
  onigurumaReady ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return oniguruma;
  })();
  const onig = await onigurumaReady;
  const injectionScope = (injection as { scopeName?: string } | undefined)?.scopeName;
  const registry = new textMate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => onig.createOnigScanner(p), createOnigString: (s) => onig.createOnigString(s) }),
    loadGrammar: async (scopeName) => (scopeName === 'text.xml' ? baseGrammar : scopeName === injectionScope ? injection : null),
    getInjections: (scopeName) => (scopeName === 'text.xml' && injectionScope ? [injectionScope] : undefined),
  });
  const grammar = await registry.loadGrammar('text.xml');
  if (!grammar) throw new Error('text.xml grammar did not load');
  return (text) => {
    let state: StateStack = textMate.INITIAL;
    return text.split('\n').map((line) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  };
}
