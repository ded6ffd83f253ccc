import type { CompareWithLiveResult } from '../../../protocol/src/liveComparison';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import type { ModelledFile } from '../model/modelledFile';
import { absent } from '../resolver/liveComparison';
import { compareDomainWithLive, pairInterfacesByMac } from '../resolver/liveDomainComparison';
import { resolveDocument } from '../resolver/resolveDocument';
import { formatStatusXml } from '../resolver/statusXml';

/**
 * The two sides of the diff editor that compares a domain's prediction with the running
 * domain: each interface pair as a block under the same heading on both sides (so the diff lines
 * them up), an interface found on one side only beside a comment saying so. The prediction's
 * side starts with the differences that matter (compareDomainWithLive leaves out what only the
 * running domain can know), so an empty list says "as predicted" even where the diff shows a tap name.
 */
export function liveComparisonTexts(
  document: ModelledFile,
  index: WorkspaceIndex,
  liveDomainXml: string,
  where: string,
): Required<Omit<CompareWithLiveResult, 'error'>> {
  const resolved = resolveDocument(document, index);
  const { pairs } = pairInterfacesByMac(resolved, liveDomainXml);
  const differences = compareDomainWithLive(resolved, liveDomainXml).map(
    (difference) => `${difference.field}: predicted ${difference.predicted}, running ${difference.live}`,
  );
  const predicted: string[] = [`<!-- Predicted by libvirt-xml: ${where} -->`, ...summary(differences), ''];
  const live: string[] = [`<!-- Running: ${where} (virsh dumpxml) -->`, ''];
  const paired = new Set(pairs.map((pair) => pair.predicted));
  for (const pair of pairs) {
    predicted.push(`<!-- ${pair.label} -->`, formatStatusXml(pair.predicted).trimEnd(), '');
    live.push(`<!-- ${pair.label} -->`, dedent(pair.live), '');
  }
  resolved.forEach((interfaceResolved, position) => {
    if (paired.has(interfaceResolved)) return;
    const label = interfaceResolved.iface.mac ? `interface[mac='${interfaceResolved.iface.mac.value}']` : `interface[${position}]`;
    predicted.push(`<!-- ${label} -->`, formatStatusXml(interfaceResolved).trimEnd(), '');
    live.push(`<!-- ${label}: the running domain has no such interface -->`, '');
  });
  return { predicted: predicted.join('\n'), live: live.join('\n'), differences };
}

function summary(differences: readonly string[]): string[] {
  if (differences.length === 0) return ['<!-- As predicted: no difference beyond what only the running domain knows. -->'];
  return [
    `<!-- ${differences.length} difference${differences.length === 1 ? '' : 's'} from the prediction:`,
    ...differences.map((line) => `       ${line.replace(/--/g, '- -').replaceAll(absent, 'absent')}`),
    '-->',
  ];
}

/**
 * The live `<interface>` sliced out of `virsh dumpxml`: its first line has no indent, the others
 * the domain's; its last line (`</interface>`) has the interface's own, which every line loses.
 */
function dedent(element: string): string {
  const lines = element.split('\n');
  const indentOf = (line: string) => /^ */.exec(line)?.[0].length ?? 0;
  const own = lines.length > 1 ? indentOf(lines[lines.length - 1]) : 0;
  return [lines[0], ...lines.slice(1).map((line) => line.slice(Math.min(own, indentOf(line))))].join('\n').trimEnd();
}
