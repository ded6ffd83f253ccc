import { ErrorCodes, ResponseError, type Position } from 'vscode-languageserver/node';
import type { DefineLibvirtObjectParams } from '../../../protocol/src/libvirtDefine';

/*
 * What a request must carry before a handler looks at it. A client that sends a URI that is not a
 * string, or no document at all, made a mistake of its own: it is answered with InvalidParams
 * (outside the handler guard, so it is not logged as a failure of the server).
 */

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The `uri` of params shaped `{ uri }` (the resolved-status request). */
export function requestUri(params: unknown): string {
  const uri = isRecord(params) ? params.uri : undefined;
  if (typeof uri !== 'string') throw invalid('the request has no uri string');
  return uri;
}

/**
 * The page of a resolved-status request: `firstInterface`, `maxInterfaces`, `firstVolumeDisk`
 * and `maxVolumeDisks`, each a non-negative integer when given.
 */
export function requestPage(params: unknown): { first?: number; max?: number; firstVolumeDisk?: number; maxVolumeDisks?: number } {
  const { firstInterface, maxInterfaces, firstVolumeDisk, maxVolumeDisks } = isRecord(params) ? params : {};
  for (const value of [firstInterface, maxInterfaces]) {
    if (value !== undefined && !isNonNegativeInteger(value)) throw invalid('firstInterface and maxInterfaces must be non-negative integers');
  }
  for (const value of [firstVolumeDisk, maxVolumeDisks]) {
    if (value !== undefined && !isNonNegativeInteger(value)) throw invalid('firstVolumeDisk and maxVolumeDisks must be non-negative integers');
  }
  return {
    first: firstInterface as number | undefined,
    max: maxInterfaces as number | undefined,
    firstVolumeDisk: firstVolumeDisk as number | undefined,
    maxVolumeDisks: maxVolumeDisks as number | undefined,
  };
}

/** The `textDocument.uri` of a text-document request. */
export function textDocumentUri(params: unknown): string {
  const textDocument = isRecord(params) ? params.textDocument : undefined;
  if (!isRecord(textDocument)) throw invalid('the request has no textDocument');
  if (typeof textDocument.uri !== 'string') throw invalid('textDocument.uri is not a string');
  return textDocument.uri;
}

/** The `position` of a text-document-position request: two non-negative integers. */
export function requestPosition(params: unknown): Position {
  const position = isRecord(params) ? params.position : undefined;
  const valid = isRecord(position) && isNonNegativeInteger(position.line) && isNonNegativeInteger(position.character);
  if (!valid) throw invalid('position must be a line and a character, each a non-negative integer');
  return { line: position.line as number, character: position.character as number };
}

/** The document URI and position of a text-document-position request. */
export function documentPosition(params: unknown): { uri: string; position: Position } {
  return { uri: textDocumentUri(params), position: requestPosition(params) };
}

/** The `context.includeDeclaration` of a references request. */
export function referencesContext(params: unknown): { includeDeclaration: boolean } {
  const context = isRecord(params) ? params.context : undefined;
  if (!isRecord(context) || typeof context.includeDeclaration !== 'boolean') throw invalid('context.includeDeclaration is not a boolean');
  return { includeDeclaration: context.includeDeclaration };
}

/** The `context` of a code-action request: its `diagnostics` must be a list. */
export function codeActionContext<T extends { context: unknown }>(params: T): T['context'] {
  const context: unknown = params.context;
  if (!isRecord(context) || !Array.isArray(context.diagnostics)) throw invalid('context.diagnostics is not a list');
  return params.context;
}

/** The `query` of a workspace-symbol request. */
export function symbolQuery(params: unknown): string {
  const query = isRecord(params) ? params.query : undefined;
  if (typeof query !== 'string') throw invalid('query is not a string');
  return query;
}

/** The params of a define: a uri and a text; a base string, and two flags, when given. */
export function defineParams(params: unknown): DefineLibvirtObjectParams {
  const uri = requestUri(params);
  const { text, base, allowNewName, skipValidation, securityInfo } = params as Record<string, unknown>;
  if (typeof text !== 'string') throw invalid('the request has no text string');
  if (base !== undefined && typeof base !== 'string') throw invalid('base is not a string');
  if ([allowNewName, skipValidation, securityInfo].some((flag) => flag !== undefined && typeof flag !== 'boolean'))
    throw invalid('allowNewName, skipValidation and securityInfo are booleans');
  return { uri, text, base, allowNewName: allowNewName === true, skipValidation: skipValidation === true, securityInfo: securityInfo === true };
}

/** Whether an object-text request asks for the security info (a boolean when given). */
export function securityInfoFlag(params: unknown): boolean {
  const flag = isRecord(params) ? params.securityInfo : undefined;
  if (flag !== undefined && typeof flag !== 'boolean') throw invalid('securityInfo is a boolean');
  return flag === true;
}

function isNonNegativeInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
