/**
 * Public types of the schema layer: validation findings, the cancellation token, and the
 * completion/hover answers. Kept free of LSP transport so services and the CLI share them.
 */
import type { TextRange } from '../parser/xmlTree';

/** A problem or remark from schema validation, positioned in the validated text. */
export interface SchemaFinding {
  readonly range: TextRange;
  readonly severity: 'error' | 'info';
  /** libxml2's RelaxNG verdict (with libvirt's schemas). */
  readonly code: 'schema';
  readonly message: string;
}

/**
 * The smallest cancellation contract we need: LSP's CancellationToken and an AbortSignal both
 * fit (`isCancellationRequested` / `aborted`).
 */
export type CancellationLike =
  | {
      readonly isCancellationRequested: boolean;
      /** LSP's token: lets a worker-side job be abandoned as soon as the client cancels. */
      readonly onCancellationRequested?: (listener: () => void) => { dispose(): void };
    }
  | {
      readonly aborted: boolean;
      addEventListener?(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
    };

/** Calls `listener` once when the token is cancelled (at once when it already is). */
export function onCancelled(token: CancellationLike | undefined, listener: () => void): void {
  if (!token) return;
  if (isCancelled(token)) {
    listener();
  } else if ('aborted' in token) {
    token.addEventListener?.('abort', listener, { once: true });
  } else {
    token.onCancellationRequested?.(listener);
  }
}

export function isCancelled(token: CancellationLike | undefined): boolean {
  if (!token) return false;
  return 'aborted' in token ? token.aborted : token.isCancellationRequested;
}

/** Thrown (as a rejection) when a validation was cancelled before it finished. */
export class SchemaValidationCancelled extends Error {
  constructor() {
    super('schema validation cancelled');
    this.name = 'SchemaValidationCancelled';
  }
}

/**
 * One step of the element path from the root to the element at the cursor. Attributes already
 * written let completion choose between the schema's alternatives (`<interface type='network'>`
 * allows other children than `type='bridge'`).
 */
export type PathStep = string | { readonly name: string; readonly attributes?: Readonly<Record<string, string>> };

export function stepName(step: PathStep): string {
  return typeof step === 'string' ? step : step.name;
}

export function stepAttributes(step: PathStep): Readonly<Record<string, string>> {
  return typeof step === 'string' ? {} : (step.attributes ?? {});
}

export type SchemaCompletionKind = 'element' | 'attribute' | 'value';

export interface SchemaCompletion {
  readonly label: string;
  readonly kind: SchemaCompletionKind;
  /** One line: "required", "optional", a datatype… */
  readonly detail?: string;
  /** Markdown: the schema's own documentation when it has some, else what the schema allows. */
  readonly documentation?: string;
  /** True when every alternative of the schema requires it (attributes only). */
  readonly required?: boolean;
}
