import type { FindingList } from '../model/findingList';
import { rangedAttribute } from '../model/ranged';
import { findChild, findChildren } from '../parser/xmlQueries';
import type { XmlElement } from '../parser/xmlTree';
import { checkYesNo } from './libvirtXmlValues';

/*
 * A network's <dns> as virNetworkDNSDefParseXML and its record parsers (conf/network_conf.c)
 * read it. Messages are libvirt's, prefix included.
 */

/** Characters libvirt allows in an SRV record's service and protocol (SERVICE_CHARS, PROTOCOL_CHARS). */
const serviceCharacters = /^[A-Za-z0-9_\-+/*]*$/;
const protocolCharacters = /^[A-Za-z0-9\-+/]*$/;
/** DNS_RECORD_LENGTH_SRV: 512 minus the overhead RFC 2782 mentions. */
const srvServiceMaximum = 512 - 30;

export function dnsRules(findings: FindingList, root: XmlElement, name: string): void {
  const dns = findChild(root, 'dns');
  if (!dns) return;
  checkYesNo(findings, dns, 'enable');
  checkYesNo(findings, dns, 'forwardPlainNames');
  for (const forwarder of findChildren(dns, 'forwarder')) {
    const addr = rangedAttribute(forwarder, 'addr');
    if (addr && addr.value === '') {
      findings.add(addr.range, 'error', 'invalid-value', `XML error: Invalid forwarder IP address '' in network '${name}'`);
    } else if (!addr && rangedAttribute(forwarder, 'domain') === undefined) {
      findings.add(forwarder.nameRange, 'error', 'invalid-value', 'XML error: Invalid forwarder element, must contain at least one of addr or domain');
    }
  }
  for (const host of findChildren(dns, 'host')) dnsHostRules(findings, host, name);
  for (const srv of findChildren(dns, 'srv')) dnsSrvRules(findings, srv, name);
  for (const txt of findChildren(dns, 'txt')) dnsTxtRules(findings, txt, name);
  const enable = rangedAttribute(dns, 'enable');
  const records = ['forwarder', 'host', 'srv', 'txt'].flatMap((record) => findChildren(dns, record));
  if (enable?.value === 'no' && records[0]) {
    findings.add(records[0].nameRange, 'error', 'dns-disabled-extra-data', `XML error: Extra data in disabled network '${name}'`, [
      { uri: findings.uri, range: enable.range, message: "DNS is disabled here (enable='no')" },
    ]);
  }
}

function dnsHostRules(findings: FindingList, host: XmlElement, name: string): void {
  const ip = rangedAttribute(host, 'ip');
  if (!ip) {
    findings.add(host.nameRange, 'error', 'invalid-value', `Missing IP address in network '${name}' DNS HOST record`);
    return;
  }
  const named = findChildren(host, 'hostname').some((hostname) => hostname.texts.some((text) => text.value.trim() !== ''));
  if (!named) findings.add(host.nameRange, 'error', 'invalid-value', `Missing hostname in network '${name}' DNS HOST record`);
}

function dnsSrvRules(findings: FindingList, srv: XmlElement, name: string): void {
  const detail = (message: string, at = srv.nameRange) => findings.add(at, 'error', 'invalid-value', message);
  const service = rangedAttribute(srv, 'service');
  if (!service) return detail(`missing required service attribute in DNS SRV record of network '${name}'`);
  if (service.value.length > srvServiceMaximum) {
    return detail(`service attribute '${service.value}' in network '${name}' is too long, limit is ${srvServiceMaximum} bytes`, service.range);
  }
  if (!serviceCharacters.test(service.value)) {
    return detail(`invalid character in service attribute '${service.value}' in DNS SRV record of network '${name}'`, service.range);
  }
  const protocol = rangedAttribute(srv, 'protocol');
  if (!protocol) return detail(`missing required protocol attribute in DNS SRV record '${service.value}' of network '${name}'`);
  if (!protocolCharacters.test(protocol.value)) {
    return detail(`invalid character in protocol attribute '${protocol.value}' in DNS SRV record of network '${name}'`, protocol.range);
  }
  const target = rangedAttribute(srv, 'target');
  for (const [attribute, maximum, capital] of [
    ['port', 65535, 'invalid'],
    ['priority', 65535, 'Invalid'],
    ['weight', 65535, 'invalid'],
  ] as const) {
    const value = rangedAttribute(srv, attribute);
    if (!value || value.value === '') continue;
    const number = /^\s*\+?(\d+)$/.exec(value.value);
    if (number && !target)
      return detail(`DNS SRV ${attribute} attribute not permitted without target for service '${service.value}' in network '${name}'`, value.range);
    const n = number ? Number(number[1]) : -1;
    if (!number || n > maximum || (attribute === 'port' && n < 1)) {
      return detail(`${capital} DNS SRV ${attribute} attribute for service '${service.value}' in network '${name}'`, value.range);
    }
  }
}

function dnsTxtRules(findings: FindingList, txt: XmlElement, name: string): void {
  const txtName = rangedAttribute(txt, 'name');
  if (!txtName) {
    findings.add(txt.nameRange, 'error', 'invalid-value', `missing required name attribute in DNS TXT record of network ${name}`);
  } else if (/[ ,]/.test(txtName.value)) {
    findings.add(txtName.range, 'error', 'invalid-value', `prohibited character in DNS TXT record name '${txtName.value}' of network ${name}`);
  } else if (rangedAttribute(txt, 'value') === undefined) {
    findings.add(txt.nameRange, 'error', 'invalid-value', `missing required value attribute in DNS TXT record named '${txtName.value}' of network ${name}`);
  }
}
