import * as vscode from 'vscode';
import type { CompareWithLiveResult } from '../../../protocol/src/liveComparison';
import type { ReadOnlyTexts } from './readOnlyTexts';

/** Asks the language server for the two sides (libvirtXml/compareWithLive); the raw answer. */
export type CompareRequester = (uri: string) => Promise<unknown>;

/**
 * "Compare Predicted with Live": a diff editor with the `<interface>`s libvirt-xml predicts for a
 * running domain on the left and those the running domain has on the right, one block per
 * interface (paired by MAC), the differences that matter listed at the top of the left side.
 */
export async function compareWithLive(requestComparison: CompareRequester, texts: ReadOnlyTexts, domainUri: string, domainName: string): Promise<void> {
  const answer = readComparison(await requestComparison(domainUri));
  if (answer.error !== undefined || answer.predicted === undefined || answer.live === undefined) {
    void vscode.window.showWarningMessage(
      `libvirt XML: cannot compare ${domainName} with the running domain: ${answer.error ?? 'the language server gave no answer'}.`,
    );
    return;
  }
  const predicted = texts.put(`${domainUri}#predicted`, `${domainName}.predicted.xml`, answer.predicted);
  const live = texts.put(`${domainUri}#live`, `${domainName}.running.xml`, answer.live);
  const count = answer.differences?.length ?? 0;
  const verdict = count === 0 ? 'as predicted' : `${count} difference${count === 1 ? '' : 's'}`;
  await vscode.commands.executeCommand('vscode.diff', predicted, live, `${domainName}: predicted ↔ running (${verdict})`, { preview: true });
}

function readComparison(answer: unknown): CompareWithLiveResult {
  if (typeof answer !== 'object' || answer === null) return { error: 'the language server gave no answer' };
  const { predicted, live, differences, error } = answer as Record<string, unknown>;
  return {
    predicted: typeof predicted === 'string' ? predicted : undefined,
    live: typeof live === 'string' ? live : undefined,
    differences: Array.isArray(differences) ? differences.filter((line): line is string => typeof line === 'string') : undefined,
    error: typeof error === 'string' ? error : undefined,
  };
}
