import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { computeFindingsInSlices } from '../findings/documentFindings';
import { runToEnd, type SlicedWork } from '../util/slicedWork';
import type { Finding, Severity } from '../model/finding';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import type { ModelledFile } from '../model/modelledFile';
import { linesOf, toLspRange } from './lspRanges';

/** The `source` of every diagnostic this extension publishes. */
export const diagnosticSource = 'libvirt-xml';

/** What a quick fix needs, carried in `Diagnostic.data`. */
export interface DiagnosticData {
  /** Names that may have been meant, closest first. */
  readonly suggestions: readonly string[];
}

const severities: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Every finding of the core for this document, as LSP diagnostics. */
export function doValidation(document: LibvirtDocument, index: WorkspaceIndex): Diagnostic[] {
  return runToEnd(doValidationInSlices(document, index));
}

/** doValidation in slices (see SlicedWork), for a large document. */
export function* doValidationInSlices(document: LibvirtDocument, index: WorkspaceIndex): SlicedWork<Diagnostic[]> {
  const findings = yield* computeFindingsInSlices(document, index);
  return findings.map((finding) => toDiagnostic(finding, document, index));
}

/**
 * One finding as a diagnostic. The finding's code is the diagnostic's stable code; related
 * locations in other files are kept when that file is known (its line index is needed).
 */
export function toDiagnostic(finding: Finding, document: ModelledFile, index: WorkspaceIndex): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] = [];
  for (const related of finding.related ?? []) {
    const lines = linesOf(related.uri, document, index);
    if (lines) relatedInformation.push({ location: { uri: related.uri, range: toLspRange(lines, related.range) }, message: related.message });
  }
  const diagnostic: Diagnostic = {
    range: toLspRange(document.lines, finding.range),
    severity: severities[finding.severity],
    code: finding.code,
    source: diagnosticSource,
    message: finding.message,
  };
  if (relatedInformation.length > 0) diagnostic.relatedInformation = relatedInformation;
  if (finding.suggestions && finding.suggestions.length > 0) diagnostic.data = { suggestions: [...finding.suggestions] } satisfies DiagnosticData;
  return diagnostic;
}
