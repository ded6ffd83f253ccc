import { statusPageSize } from '../../../protocol/src/messages';
import type { StatusPanelModel } from './statusPanelModel';

/**
 * The size guard of a domain with more interfaces than one answer holds (statusPageSize): says
 * which interfaces are shown and how many are left out, with buttons to the previous and next
 * pages and a field to jump to an interface by its number. Empty when every interface is shown.
 * The page shows it above and below the interfaces, so nothing in it has an id.
 */
export function renderPageGuard(model: StatusPanelModel): string {
  const shown = model.interfaces.length;
  const first = model.firstInterface ?? 0;
  const total = Math.max(model.totalInterfaces ?? shown, first + shown);
  if (shown >= total) return '';
  const last = first + shown;
  const previous = Math.max(0, first - statusPageSize);
  const button = (label: string, to: number, enabled: boolean) =>
    `<button type="button" data-action="page" data-first="${to}"${enabled ? '' : ' disabled=""'}>${label}</button>`;
  return `<nav class="page-guard" aria-label="Pages of interfaces">
<p role="status">Showing interfaces ${first + 1}–${last} of ${total}: the other ${total - shown} are left out to keep the panel responsive.</p>
${button(`Previous ${statusPageSize}`, previous, first > 0)}
${button(`Next ${statusPageSize}`, last, last < total)}
<label>Go to interface <input type="number" class="interface-jump" min="1" max="${total}" value="${first + 1}"></label>
<button type="button" data-action="jump">Go</button>
</nav>`;
}
