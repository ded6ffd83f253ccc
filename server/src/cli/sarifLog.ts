import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { parseLibvirtObjectUri } from '../../../protocol/src/libvirtUris';
import type { Severity } from '../model/finding';
import type { LocatedFinding } from './findingFormat';
import { describeFindingCode, findingRuleDescriptions } from './findingRules';

/** What the log says of the run besides its findings. */
export interface SarifRunContext {
  /** libvirt-xml's version; omitted when unknown. */
  readonly toolVersion: string | undefined;
  /** Files below it are written relative to it, against the base id below. */
  readonly workingFolder: string;
}

/**
 * The base of relative artifact URIs: the working folder, where a CI job checks the repository
 * out. Code-scanning services resolve `%SRCROOT%` against the checkout.
 */
export const workingFolderBaseId = '%SRCROOT%';

/** The OASIS standard's schema (2.1.0 with its errata). */
const sarifSchemaUri = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const levels: Readonly<Record<Severity, Sarif.Result.level>> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * `check --format sarif`: one SARIF 2.1.0 run of the tool `libvirt-xml`, a rule per finding code
 * (every code the tool has, so a rule's index is the same in every log), a result per finding.
 * Columns are UTF-16 code units, as the editor's positions are.
 */
export function sarifLog(findings: readonly LocatedFinding[], context: SarifRunContext): Sarif.Log {
  const codes = [...Object.keys(findingRuleDescriptions)];
  for (const { code } of findings) if (!codes.includes(code)) codes.push(code);
  const driver: Sarif.ToolComponent = {
    name: 'libvirt-xml',
    ...(context.toolVersion === undefined ? {} : { version: context.toolVersion }),
    rules: codes.map((code) => ({ id: code, shortDescription: { text: describeFindingCode(code) } })),
  };
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        originalUriBaseIds: { [workingFolderBaseId]: { uri: folderUri(context.workingFolder) } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((finding) => sarifResult(finding, codes.indexOf(finding.code), context.workingFolder)),
      },
    ],
  };
}

function sarifResult(finding: LocatedFinding, ruleIndex: number, workingFolder: string): Sarif.Result {
  const location: Sarif.Location = {
    physicalLocation: {
      artifactLocation: artifactLocation(finding.uri, workingFolder),
      region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
    },
  };
  const logical = logicalLocation(finding.uri);
  if (logical) location.logicalLocations = [logical];
  const result: Sarif.Result = { ruleId: finding.code, ruleIndex, level: levels[finding.severity], message: { text: finding.message }, locations: [location] };
  if (finding.related && finding.related.length > 0) {
    result.relatedLocations = finding.related.map((related, id) => ({
      id,
      message: { text: related.message },
      physicalLocation: {
        artifactLocation: artifactLocation(related.uri, workingFolder),
        region: { startLine: related.line, startColumn: related.column },
      },
    }));
  }
  return result;
}

/**
 * A file below the working folder as a relative reference against `%SRCROOT%` (what code-scanning
 * services match against the repository); any other file as its `file:` URI; an object of a
 * libvirt connection (the host audit, a network only a connection defines) as its `libvirt:` URI,
 * the one the VS Code extension opens read-only, whose lines are those of `virsh dumpxml --inactive`.
 */
export function artifactLocation(uri: string, workingFolder: string): Sarif.ArtifactLocation {
  if (!uri.startsWith('file:')) return { uri };
  const relative = path.relative(workingFolder, fileURLToPath(uri));
  const below = relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  if (!below) return { uri };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: workingFolderBaseId };
}

/** The domain or network a `libvirt:` URI names, for viewers that list results by object rather than file. */
function logicalLocation(uri: string): Sarif.LogicalLocation | undefined {
  const object = parseLibvirtObjectUri(uri);
  return object ? { name: object.name, kind: object.kind } : undefined;
}

/** A folder's `file:` URI with the trailing slash SARIF requires of a base. */
function folderUri(folder: string): string {
  const uri = pathToFileURL(folder).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}
