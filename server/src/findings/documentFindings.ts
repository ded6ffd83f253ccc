import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { checkWellFormedness } from '../parser/wellFormedness';
import { resolveDocument } from '../resolver/resolveDocument';
import { domainFindings } from './domainRules';
import type { Finding } from './finding';
import { networkFindings } from './networkRules';
import { tagFindings } from './tagRules';

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

/** Every finding for one document: well-formedness, libvirt's rules, and dangling references. */
export function computeFindings(document: LibvirtDocument, index: WorkspaceIndex): Finding[] {
  const findings: Finding[] = checkWellFormedness(document.xml, document.lines).map((error) => ({
    uri: document.uri,
    range: error.range,
    severity: 'error',
    code: 'malformed-xml',
    message: `malformed XML: ${error.message}`,
  }));
  const object = document.object;
  if (object?.kind === 'network') findings.push(...networkFindings(document, object, index));
  if (object?.kind === 'domain') {
    findings.push(...domainFindings(document, object));
    for (const resolved of resolveDocument(document, index)) findings.push(...resolved.problems);
  }
  findings.push(...tagFindings(document));
  return findings.sort((a, b) => a.range.start - b.range.start || severityOrder[a.severity] - severityOrder[b.severity]);
}
