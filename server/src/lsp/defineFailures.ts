import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { LibvirtDocument } from '../model/libvirtDocument';
import { diagnosticSource } from '../services/diagnostics';
import { placeLibvirtError } from '../services/libvirtErrorPlacement';
import { toLspRange } from '../services/lspRanges';

/** The code of the diagnostic that carries libvirt's refusal of a saved definition. */
export const defineRefusedCode = 'libvirt-define-refused';

/**
 * libvirt's refusals of saved `libvirt:` documents, as diagnostics: each kept for the text that
 * was refused, so it shows while the editor holds that text (the save failed, the text stays
 * dirty) and goes with the next edit, when it may no longer be true.
 */
export class DefineFailures {
  private readonly failures = new Map<string, { readonly text: string; readonly diagnostic: Diagnostic }>();

  /** Records libvirt's message for this text, at the place it names when the engine finds it. */
  record(document: LibvirtDocument, kind: string, message: string): void {
    const place = placeLibvirtError(document, message);
    const range = toLspRange(document.lines, place?.range ?? { start: 0, end: 0 });
    this.failures.set(document.uri, {
      text: document.xml.text,
      diagnostic: {
        range,
        severity: DiagnosticSeverity.Error,
        code: defineRefusedCode,
        source: diagnosticSource,
        message: `libvirt refused to define this ${kind}: ${message}`,
      },
    });
  }

  /** The refusal of this text, if it is the one refused. */
  diagnostics(uri: string, text: string): Diagnostic[] {
    const failure = this.failures.get(uri);
    return failure?.text === text ? [failure.diagnostic] : [];
  }

  forget(uri: string): boolean {
    return this.failures.delete(uri);
  }
}
