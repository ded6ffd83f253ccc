// The seeded randomness both workspace generators use (generateWorkspace.mjs, scaleWorkspace.mjs):
// the same seed must give the same files on every machine, so nothing here reads Math.random.

/** mulberry32: a small, fast, seedable PRNG, with the few draws the generators need. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** `n` random hex digits drawn from `r`. */
export const randomHex = (r, n) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
/** A random (version 4) UUID drawn from `r`. */
export const randomUuid = (r) => `${randomHex(r, 8)}-${randomHex(r, 4)}-4${randomHex(r, 3)}-${'89ab'[r.int(0, 3)]}${randomHex(r, 3)}-${randomHex(r, 12)}`;
/** A MAC address in QEMU's range 52:54:00, drawn from `r`. */
export const randomMac = (r) => `52:54:00:${randomHex(r, 2)}:${randomHex(r, 2)}:${randomHex(r, 2)}`;
