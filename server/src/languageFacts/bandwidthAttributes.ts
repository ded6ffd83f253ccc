import type { AttributeFact } from './factTypes';

/*
 * Units, from libvirt's code rather than its prose: average, peak and floor are handed to tc as
 * "<n>kbps", which tc reads as kilobytes (1000 bytes) per second; burst is handed over as
 * "<n>kb", which tc reads as kibibytes (1024 bytes). virnetdevopenvswitch.c says the same.
 */

const average: AttributeFact = {
  name: 'average',
  description: 'Average rate the interface is shaped to, in kilobytes per second (kB/s, 1000 bytes). Required unless floor is given.',
};
const peak: AttributeFact = {
  name: 'peak',
  description: 'Maximum rate while sending a burst, in kilobytes per second (kB/s). Needs average.',
};
const burst: AttributeFact = {
  name: 'burst',
  description: 'How much may be sent at peak rate in one go, in kibibytes (KiB). Needs average.',
};
const floor: AttributeFact = {
  name: 'floor',
  description:
    "Guaranteed minimum rate in kB/s, inbound only, and only for `<interface type='network'>` on a nat, route, open or isolated network that has inbound bandwidth set.",
};

export const inboundAttributes: readonly AttributeFact[] = [average, peak, burst, floor];
/** A floor on outbound is refused by libvirt, so it is not offered. */
export const outboundAttributes: readonly AttributeFact[] = [average, peak, burst];
