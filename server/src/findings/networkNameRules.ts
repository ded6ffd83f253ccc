import type { FindingList } from '../model/findingList';
import type { Network } from '../model/libvirtModel';
import { rangedAttribute } from '../model/ranged';
import { findChild, findChildren } from '../parser/xmlQueries';

/*
 * Names as libvirt sees them (issue 18, family 4): the <name> text is taken whole, not trimmed
 * (virNetworkDefParseXML reads string(./name[1])); the name becomes a file name when
 * net-define saves the network (virNetworkSaveConfig: DIR/NAME.xml, written through
 * DIR/NAME.xml.new by virFileRewrite); and some values are written back into that file without
 * XML escaping (virPortGroupDefFormat, virNetworkIPDefFormat, virNetworkDefFormatBuf), so a
 * quote, '<' or '&' in them makes net-start fail.
 */

/** NAME_MAX of the host's file systems. */
const fileNameMaximum = 255;
/** The longest suffix libvirt adds to the name of a file it writes at net-define. */
const defineSuffix = '.xml.new';
/** Where the system daemon keeps network definitions (the session daemon: ~/.config/libvirt/qemu/networks). */
const systemNetworkDir = '/etc/libvirt/qemu/networks';

export function networkNameRules(findings: FindingList, network: Network): void {
  const name = network.name;
  if (!name) return;
  if (name.value.trim() !== name.value && !name.value.includes('\n')) {
    findings.add(
      name.range,
      'warning',
      'network-name-whitespace',
      `libvirt keeps the spaces around this name: the network is called '${name.value}', and an interface must name it so (<source network='${name.value}'/>)`,
    );
  }
  const bytes = new TextEncoder().encode(name.value).length;
  if (bytes + defineSuffix.length > fileNameMaximum) {
    findings.add(
      name.range,
      'error',
      'network-name-too-long',
      `Failed to create file '${systemNetworkDir}/${name.value}${defineSuffix}': File name too long (a network name may have at most ${fileNameMaximum - defineSuffix.length} bytes; this one has ${bytes})`,
    );
  }
  unescapedValues(findings, network);
}

/**
 * libxml2's complaint when it reads back a value written unescaped, for the first character that
 * breaks it; undefined when the value reads back without an error.
 */
function readBackError(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "'") return 'attributes construct error';
    if (value[i] === '<') return "Unescaped '<' not allowed in attributes values";
    if (value[i] !== '&') continue;
    const reference = /^&([A-Za-z_:][\w.:-]*)?(;)?/.exec(value.slice(i));
    if (!reference?.[1]) return 'xmlParseEntityRef: no name';
    if (!reference[2]) return "EntityRef: expecting ';'";
    if (!['lt', 'gt', 'amp', 'apos', 'quot'].includes(reference[1])) return `Entity '${reference[1]}' not defined`;
  }
  return undefined;
}

/**
 * Values libvirt formats with '%s' instead of escaping them. net-define saves such a file without
 * complaint, but net-start copies the definition by formatting and parsing it again
 * (virNetworkDefCopy), and that parse fails.
 */
function unescapedValues(findings: FindingList, network: Network): void {
  const places = [
    ...network.portGroups.map((group) => ({ value: group.name, element: 'portgroup', what: 'portgroup name' })),
    ...findChildren(network.element, 'ip').flatMap((ip) =>
      findChildren(findChild(ip, 'dhcp') ?? ip, 'host').map((host) => ({ value: rangedAttribute(host, 'name'), element: 'host', what: 'DHCP host name' })),
    ),
    { value: rangedAttribute(findChild(network.element, 'domain'), 'name'), element: 'domain', what: 'domain name' },
  ];
  for (const { value, element, what } of places) {
    const error = value && readBackError(value.value);
    if (!value || !error) continue;
    findings.add(
      value.range,
      'error',
      'unescaped-in-saved-file',
      `${error}: libvirt writes this ${what} unescaped (<${element} name='${value.value}'), so net-start cannot read the network back; avoid ' < & in it`,
    );
  }
}
