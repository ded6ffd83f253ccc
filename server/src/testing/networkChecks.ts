import { computeFindings } from '../findings/documentFindings';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import { parseLibvirtDocument } from '../model/libvirtDocument';

/** A network of the given body (everything after <name>); a body that is a whole <network> stays as it is. */
export function networkText(body: string, name = 'n'): string {
  if (body.startsWith('<network')) return body;
  return `<network>\n  <name>${name}</name>\n  ${body}\n</network>\n`;
}

/** The findings of one network file checked on its own, and its errors as [code, message]. */
export function checkNetworkBody(body: string, name = 'n'): { findings: Finding[]; errors: Array<[string, string]> } {
  const document = parseLibvirtDocument('file:///n.xml', networkText(body, name));
  const index = new WorkspaceIndex();
  index.update(document);
  const findings = computeFindings(document, index);
  return { findings, errors: findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.message]) };
}
