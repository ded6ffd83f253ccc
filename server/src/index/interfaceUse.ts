import type { Domain, DomainInterface } from '../model/libvirtModel';
import type { ModelledFile } from '../model/modelledFile';
import { detachedString } from '../util/detachedString';

/** An interface whose `<source network>` names a network, as the index answers it. */
export interface InterfaceUse {
  readonly uri: string;
  /** The portgroup the interface names, as written; undefined when it names none. */
  readonly portGroup: string | undefined;
  readonly domain: Domain;
  readonly iface: DomainInterface;
}

/**
 * A use the index keeps between requests (WorkspaceIndex.interfacesUsing). It holds its domain
 * only weakly: a closed file's model is unpacked from its packed record when read
 * (model/indexedFile.ts), and a cache holding it kept it for as long as the network's uses were
 * kept (issue 19: a closed 5 MB domain's 59 MiB model, after a hover on a network it uses). What
 * a use is asked for most, its URI and portgroup, it keeps itself; its domain, once collected, is
 * read again from the index, which unpacks the same file again. The index drops its kept uses
 * whenever a file naming the network changes, and services read them synchronously, so the
 * file read again is the one the use was made from.
 */
export class KeptInterfaceUse implements InterfaceUse {
  readonly portGroup: string | undefined;
  private held: WeakRef<Domain>;

  constructor(
    readonly uri: string,
    domain: Domain,
    private readonly position: number,
    private readonly fileOf: (uri: string) => ModelledFile | undefined,
  ) {
    const written = domain.interfaces[position]?.source?.attributes.get('portgroup')?.value;
    // A copy: a slice of an open document's text would keep the whole text after it closed.
    this.portGroup = written === undefined ? undefined : detachedString(written);
    this.held = new WeakRef(domain);
  }

  get domain(): Domain {
    const held = this.held.deref();
    if (held) return held;
    const object = this.fileOf(this.uri)?.object;
    if (object?.kind !== 'domain' || object.interfaces.length <= this.position) {
      throw new Error(`the index no longer holds the domain ${this.uri} this answer was made from`);
    }
    this.held = new WeakRef(object);
    return object;
  }

  get iface(): DomainInterface {
    return this.domain.interfaces[this.position];
  }
}
