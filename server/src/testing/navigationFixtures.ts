import { mynet, mynetPath, otherGuest, otherGuestPath, othernet, othernetPath } from '.';

/**
 * The workspace of the navigation tests: the shared networks (mynet with the default portgroup
 * xyzzy and plugh, tags prod and web; othernet with alpha and beta), the shared "other" domain
 * (mynet, no portgroup, tag frontend), and a "web" domain using plugh and alpha, tagged web, with
 * text spelled like the names where libvirt does not read them as names.
 */
export const webGuestPath = 'domains/web.xml';
export const webGuest = `<domain type='kvm'>
  <name>web</name>
  <description>mynet plugh web</description>
  <devices>
    <interface type='network'>
      <source network='mynet' portgroup='plugh'/>
      <tag name='web'/>
    </interface>
    <interface type='network'>
      <source network="othernet" portgroup="alpha"/>
    </interface>
    <interface type='bridge'>
      <source bridge='mynet'/>
    </interface>
  </devices>
</domain>
`;

export const navigationFiles: Readonly<Record<string, string>> = {
  [mynetPath]: mynet,
  [othernetPath]: othernet,
  [otherGuestPath]: otherGuest,
  [webGuestPath]: webGuest,
};

/** The navigation workspace with one file's text changed (typically to place the `|` cursor). */
export function navigationFilesWith(path: string, edit: (text: string) => string): Record<string, string> {
  const text = navigationFiles[path];
  if (text === undefined) throw new Error(`no file ${path} in the navigation workspace`);
  return { ...navigationFiles, [path]: edit(text) };
}

/** Puts the `|` cursor just after the first occurrence of `before` in the text. */
export function cursorAfter(before: string): (text: string) => string {
  return (text) => {
    const at = text.indexOf(before);
    if (at < 0) throw new Error(`no ${before} in the text`);
    return text.slice(0, at + before.length) + '|' + text.slice(at + before.length);
  };
}
