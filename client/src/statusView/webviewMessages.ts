/**
 * Messages between the status panel's page and the extension. The page is not trusted: it only
 * names things by position (interface, problem) and provenance key, and the extension looks
 * them up in the model it rendered, so a message can never make the extension open or copy
 * something the panel did not show.
 */

export type WebviewMessage =
  /** Open where value `key` of interface `interface` came from (its `provenance[key]`). */
  | { readonly type: 'reveal'; readonly interface: number; readonly key: string }
  /** Open the place in the domain a problem banner is about. */
  | { readonly type: 'revealProblem'; readonly interface: number; readonly problem: number }
  /** Open where value `key` of volume disk `disk` came from (its `provenance[key]`). */
  | { readonly type: 'revealDisk'; readonly disk: number; readonly key: string }
  /** Open the place in the domain a volume disk's problem banner is about. */
  | { readonly type: 'revealDiskProblem'; readonly disk: number; readonly problem: number }
  /** Copy one interface's status XML, or every interface's when `interface` is absent. */
  | { readonly type: 'copy'; readonly interface?: number }
  /** Show the page of interfaces that starts at position `first` (a large domain is shown a page at a time). */
  | { readonly type: 'page'; readonly first: number };

/** Sent to the page once the clipboard holds the text, so the button can say so. */
export interface CopiedMessage {
  readonly type: 'copied';
  readonly interface?: number;
}

export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  const at = index(message.interface);
  switch (message.type) {
    case 'reveal':
      return at !== undefined && typeof message.key === 'string' ? { type: 'reveal', interface: at, key: message.key } : undefined;
    case 'revealProblem': {
      const problem = index(message.problem);
      return at !== undefined && problem !== undefined ? { type: 'revealProblem', interface: at, problem } : undefined;
    }
    case 'revealDisk': {
      const disk = index(message.disk);
      return disk !== undefined && typeof message.key === 'string' ? { type: 'revealDisk', disk, key: message.key } : undefined;
    }
    case 'revealDiskProblem': {
      const disk = index(message.disk);
      const problem = index(message.problem);
      return disk !== undefined && problem !== undefined ? { type: 'revealDiskProblem', disk, problem } : undefined;
    }
    case 'copy':
      if (message.interface === undefined || message.interface === null) return { type: 'copy' };
      return at !== undefined ? { type: 'copy', interface: at } : undefined;
    case 'page': {
      const first = index(message.first);
      return first !== undefined ? { type: 'page', first } : undefined;
    }
    default:
      return undefined;
  }
}

function index(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
