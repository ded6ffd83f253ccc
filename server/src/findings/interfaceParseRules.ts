import type { FindingList } from '../model/findingList';
import type { DomainInterface } from '../model/libvirtModel';
import { findAttribute, findChild } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import { knownNicModels } from '../resolver/nicModel';

/*
 * What libvirt's domain parser refuses in an <interface> of any type (virDomainNetDefParseXML,
 * src/conf/domain_conf.c): `virsh define` fails with these messages. Each rule names the piece
 * of the parser it follows. Attributes read with virXPathString treat an empty value as absent;
 * those read with virXMLPropString keep it (and then refuse it where the value is checked).
 */

/** virDomainNet's names (VIR_ENUM_IMPL): the interface types libvirt 9 knows. */
export const interfaceTypes = [
  'user',
  'ethernet',
  'vhostuser',
  'server',
  'client',
  'mcast',
  'network',
  'bridge',
  'internal',
  'direct',
  'hostdev',
  'udp',
  'vdpa',
  'null',
  'vds',
] as const;

/** virNetDevMacVLanMode's names: the macvtap modes of a direct interface. */
const directModes = ['vepa', 'private', 'bridge', 'passthrough'];

/** Interface types whose parser takes a <virtualport> (the others leave virtualport_flags 0). */
const virtualPortTypes = new Set(['network', 'bridge', 'direct', 'hostdev']);

/** The interface's type as libvirt reads it: absent is 'user' (virXMLPropEnumDefault); undefined when invalid. */
export function interfaceTypeOf(iface: DomainInterface): string | undefined {
  const type = iface.type?.value ?? 'user';
  return (interfaceTypes as readonly string[]).includes(type) ? type : undefined;
}

export function interfaceParseRules(findings: FindingList, iface: DomainInterface): void {
  const type = interfaceTypeOf(iface);
  if (type === undefined && iface.type) {
    findings.add(iface.type.range, 'error', 'interface-type-invalid', invalidValue('type', 'interface', iface.type.value), undefined, [...interfaceTypes]);
  }
  checkYesNo(findings, iface.element, 'trustGuestRxFilters');
  checkYesNo(findings, findChild(iface.element, 'port'), 'isolated');
  checkYesNo(findings, findChild(iface.element, 'target'), 'managed');
  checkYesNo(findings, findChild(iface.element, 'mac'), 'check');
  if (type === 'bridge') checkRequiredSource(findings, iface, 'bridge');
  if (type === 'direct') {
    checkRequiredSource(findings, iface, 'dev');
    checkEnumeration(findings, iface.source?.element, 'mode', directModes);
  }
  if (type !== undefined) checkVirtualPortPlacement(findings, iface, type);
  checkEnumeration(findings, findChild(iface.element, 'mac'), 'type', ['generated', 'static']);
  checkModel(findings, iface);
  checkLinkState(findings, iface.element);
  checkMtuSize(findings, iface.element);
}

/** virXMLPropTristateBool: exactly 'yes' or 'no', case and all. */
function checkYesNo(findings: FindingList, element: XmlElement | undefined, name: string): void {
  const attribute = element && findAttribute(element, name);
  if (!element || attribute?.value === undefined || attribute.value === 'yes' || attribute.value === 'no') return;
  findings.add(attribute.valueRange ?? attribute.nameRange, 'error', 'invalid-yes-no', invalidValue(name, element.name, attribute.value), undefined, [
    'yes',
    'no',
  ]);
}

/** virXMLPropEnum: an attribute that is present must be one of the names (none of which is empty). */
function checkEnumeration(findings: FindingList, element: XmlElement | undefined, name: string, allowed: readonly string[]): void {
  const attribute = element && findAttribute(element, name);
  if (!element || attribute?.value === undefined || allowed.includes(attribute.value)) return;
  findings.add(attribute.valueRange ?? attribute.nameRange, 'error', 'invalid-value', invalidValue(name, element.name, attribute.value), undefined, [
    ...allowed,
  ]);
}

function invalidValue(name: string, element: string, value: string): string {
  return `XML error: Invalid value for attribute '${name}' in element '${element}': '${value}'.`;
}

/** virDomainNetDefParseXMLRequireSource, then virXMLPropStringRequired (an empty value passes here). */
function checkRequiredSource(findings: FindingList, iface: DomainInterface, attribute: 'bridge' | 'dev'): void {
  const type = iface.type?.value ?? '';
  if (!iface.source) {
    findings.add(iface.element.nameRange, 'error', 'interface-source-missing', `XML error: interface type='${type}' requires a 'source' element`);
    return;
  }
  const value = iface.source.attributes.get(attribute);
  if (!value) {
    findings.add(
      iface.source.element.nameRange,
      'error',
      'interface-source-missing',
      `XML error: Missing required attribute '${attribute}' in element 'source'`,
    );
  } else if (value.value === '' && attribute === 'bridge') {
    // Defined as written; the start looks the empty name up (virNetDevGetMTU) and finds no device.
    findings.add(value.range, 'error', 'empty-source-device', "Cannot get interface MTU on '': No such device");
  }
}

/** A <virtualport> where the type takes one: typed and complete for bridge, direct and hostdev. */
function checkVirtualPortPlacement(findings: FindingList, iface: DomainInterface, type: string): void {
  const virtualPort = iface.virtualPort;
  if (!virtualPort) return;
  if (!virtualPortTypes.has(type)) {
    findings.add(
      virtualPort.element.nameRange,
      'error',
      'virtualport-unsupported-for-interface',
      `unsupported configuration: <virtualport> element unsupported for <interface type='${type}'>`,
    );
    return;
  }
  // type='network' takes a partial virtualport: the network's and portgroup's complete it.
  if (type === 'network') return;
  if (!virtualPort.type) {
    findings.add(virtualPort.element.nameRange, 'error', 'virtualport-type-missing', 'XML error: missing required virtualport type');
    return;
  }
  // VIR_VPORT_XML_REQUIRE_ALL_ATTRIBUTES after the generated ids (instanceid, interfaceid of openvswitch).
  const required: Record<string, readonly string[]> = {
    '802.1Qbg': ['managerid', 'typeid', 'typeidversion'],
    '802.1Qbh': ['profileid'],
    midonet: ['interfaceid'],
  };
  const missing = (required[virtualPort.type.value] ?? []).find((name) => !(name in virtualPort.parameters));
  if (missing) {
    findings.add(virtualPort.type.range, 'error', 'virtualport-incomplete', `XML error: missing ${missing} in <virtualport type='${virtualPort.type.value}'>`);
  }
}

/** virDomainNetSetModelString: a known model in any case, or a name of letters, digits, '_' and '-'. */
function checkModel(findings: FindingList, iface: DomainInterface): void {
  const model = iface.model;
  if (!model || model.value === '') return;
  const known = knownNicModels.some((name) => name.toLowerCase() === model.value.toLowerCase());
  if (!known && !/^[A-Za-z0-9_-]+$/.test(model.value)) {
    findings.add(model.range, 'error', 'invalid-value', 'invalid argument: Model name contains invalid characters');
  }
}

/** virDomainNetInterfaceLinkStateTypeFromString > 0: 'up' or 'down' ('default' too is refused; empty is absent). */
function checkLinkState(findings: FindingList, element: XmlElement): void {
  const state = findAttribute(findChild(element, 'link') ?? element, 'state');
  if (!findChild(element, 'link') || !state?.value || state.value === 'up' || state.value === 'down') return;
  findings.add(
    state.valueRange ?? state.nameRange,
    'error',
    'invalid-value',
    `unsupported configuration: unknown interface link state '${state.value}'`,
    undefined,
    ['up', 'down'],
  );
}

/** virXPathUInt on ./mtu/@size: empty is absent, anything but an unsigned int is malformed. */
function checkMtuSize(findings: FindingList, element: XmlElement): void {
  const mtu = findChild(element, 'mtu');
  const size = mtu && findAttribute(mtu, 'size');
  if (!size?.value || (/^\s*\+?\d+$/.test(size.value) && Number(size.value) <= 0xffffffff)) return;
  findings.add(size.valueRange ?? size.nameRange, 'error', 'invalid-value', 'XML error: malformed mtu size');
}
