/** Messages between SchemaValidationWorker (server thread) and validationWorker (worker thread). */
import type { TextRange } from '../../parser/xmlTree';
import type { SchemaFinding } from '../../schema/schemaTypes';

/** One document of a batch (`check --schema`), with its RFC `<tag>`s already located by the sender. */
export interface BatchDocument {
  readonly text: string;
  readonly rootName: string;
  readonly tags: readonly TextRange[];
}

export type ToWorker =
  | {
      readonly type: 'validate';
      readonly id: number;
      readonly text: string;
      readonly rootName: string;
      readonly schemaFolder: string;
      /** Where the RFC `<tag>`s are, when the sender parsed the text (see SchemaValidationRequest.tags). */
      readonly tags?: readonly TextRange[];
    }
  | { readonly type: 'validateBatch'; readonly id: number; readonly documents: readonly BatchDocument[]; readonly schemaFolder: string }
  | { readonly type: 'cancel'; readonly id: number };

export type FromWorker =
  | { readonly type: 'result'; readonly id: number; readonly findings: SchemaFinding[] }
  | { readonly type: 'batchResult'; readonly id: number; readonly findings: SchemaFinding[][] }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
