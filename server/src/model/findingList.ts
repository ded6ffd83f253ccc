import type { TextRange } from '../parser/xmlTree';
import type { Finding, FindingCode, RelatedLocation, Severity } from './finding';

/** Collects the findings of one document. */
export class FindingList {
  readonly items: Finding[] = [];

  constructor(readonly uri: string) {}

  add(range: TextRange, severity: Severity, code: FindingCode, message: string, related?: RelatedLocation[], suggestions?: string[]): void {
    this.items.push({ uri: this.uri, range, severity, code, message, related, suggestions });
  }
}
