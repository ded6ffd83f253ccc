/** Messages between SchemaValidationWorker (server thread) and validationWorker (worker thread). */
import type { SchemaFinding } from '../../schema/schemaTypes';

export type ToWorker =
  | { readonly type: 'validate'; readonly id: number; readonly text: string; readonly rootName: string; readonly schemaFolder: string }
  | { readonly type: 'cancel'; readonly id: number };

export type FromWorker =
  | { readonly type: 'result'; readonly id: number; readonly findings: SchemaFinding[] }
  | { readonly type: 'cancelled'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
