/**
 * A small workspace shared by the service tests: a bridge network on openvswitch whose default
 * portgroup carries bandwidth and a vlan, a nat network with two bare portgroups, and a domain.
 * Line numbers matter to the provenance tests; edit with care.
 */

export const mynetPath = 'networks/mynet.xml';
export const mynet = `<network>
  <name>mynet</name>
  <forward mode='bridge'/>
  <bridge name='br0'/>
  <virtualport type='openvswitch'/>
  <tag name='prod'/>
  <portgroup name='xyzzy' default='yes'>
    <bandwidth>
      <inbound average='1000' peak='2000' burst='1024'/>
      <outbound average='500'/>
    </bandwidth>
    <vlan>
      <tag id='42'/>
    </vlan>
    <tag name='web'/>
  </portgroup>
  <portgroup name='plugh'>
    <vlan>
      <tag id='7'/>
    </vlan>
  </portgroup>
</network>
`;
/** Zero-based line of `<bandwidth>` in the xyzzy portgroup. */
export const xyzzyBandwidthLine = 7;

export const othernetPath = 'networks/othernet.xml';
export const othernet = `<network>
  <name>othernet</name>
  <forward mode='nat'/>
  <bridge name='virbr5'/>
  <bandwidth>
    <inbound average='10000'/>
  </bandwidth>
  <portgroup name='alpha'/>
  <portgroup name='beta'/>
</network>
`;

export const otherGuestPath = 'domains/other.xml';
/** Uses mynet without naming a portgroup (so the default applies), and tags an interface. */
export const otherGuest = `<domain type='kvm'>
  <name>other</name>
  <devices>
    <interface type='network'>
      <source network='mynet'/>
      <tag name='frontend'/>
    </interface>
  </devices>
</domain>
`;

/** A domain with one interface, around the given interface body (the part that varies per test). */
export function guestWith(interfaceXml: string): string {
  return `<domain type='kvm'>
  <name>guest</name>
  <devices>
${interfaceXml}
  </devices>
</domain>
`;
}

export const networks = { [mynetPath]: mynet, [othernetPath]: othernet } as const;
