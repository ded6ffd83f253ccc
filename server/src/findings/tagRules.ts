import { tagUses } from '../index/workspaceIndex';
import type { Finding } from '../model/finding';
import { FindingList } from '../model/findingList';
import type { LibvirtDocument } from '../model/libvirtDocument';

/**
 * The RFC's `<tag>` is ours, not libvirt's: libvirt drops it when the object is defined and
 * refuses it under --validate. Say so once per document, where the first tag stands.
 */
export function tagFindings(document: LibvirtDocument): Finding[] {
  const findings = new FindingList(document.uri);
  const uses = tagUses(document.uri, document);
  for (const use of uses) {
    if (!use.tag.name || use.tag.name.value.trim() === '') {
      findings.add(use.tag.element.nameRange, 'warning', 'tag-missing-name', "<tag> needs a name: <tag name='label'/>");
    }
  }
  if (uses.length > 0) {
    findings.add(
      uses[0].tag.element.nameRange,
      'info',
      'tag-dropped-by-libvirt',
      '<tag> is a libvirt-xml extension (libvir-list RFC), not part of libvirt: libvirt drops it when this file is defined and `--validate` refuses it. Keep this file as the source of truth.',
    );
  }
  return findings.items;
}
