/*
 * Human forms of libvirt's bandwidth numbers. The rule (see languageFacts/bandwidthAttributes.ts):
 * average, peak and floor are kilobytes per second, 1 kB = 1000 bytes = 8000 bits, so 1000 kB/s is
 * 8 Mbit/s; burst is kibibytes, 1 KiB = 1024 bytes. Rates are shown in decimal bit units as
 * network people quote them, sizes in binary byte units; at most three decimals, trailing zeros
 * dropped.
 */

const bitsPerKilobyte = 8000;
const rateUnits = [
  { unit: 'Tbit/s', size: 1e12 },
  { unit: 'Gbit/s', size: 1e9 },
  { unit: 'Mbit/s', size: 1e6 },
  { unit: 'kbit/s', size: 1e3 },
] as const;
const sizeUnits = [
  { unit: 'TiB', size: 1024 ** 4 },
  { unit: 'GiB', size: 1024 ** 3 },
  { unit: 'MiB', size: 1024 ** 2 },
  { unit: 'KiB', size: 1024 },
] as const;

/** "1000 kB/s (8 Mbit/s)"; a value that is not a number is shown as written. */
export function formatRate(kilobytesPerSecond: string): string {
  const value = parseUnsigned(kilobytesPerSecond);
  if (value === undefined) return `${kilobytesPerSecond} kB/s`;
  return `${value} kB/s (${humanBitRate(value * bitsPerKilobyte)})`;
}

/** "1024 KiB (1 MiB)"; no second form when it would only repeat the first. */
export function formatBurst(kibibytes: string): string {
  const value = parseUnsigned(kibibytes);
  if (value === undefined) return `${kibibytes} KiB`;
  const human = humanByteSize(value * 1024);
  return human === `${value} KiB` ? human : `${value} KiB (${human})`;
}

export function humanBitRate(bitsPerSecond: number): string {
  for (const { unit, size } of rateUnits) if (bitsPerSecond >= size) return `${decimal(bitsPerSecond / size)} ${unit}`;
  return `${decimal(bitsPerSecond)} bit/s`;
}

export function humanByteSize(bytes: number): string {
  for (const { unit, size } of sizeUnits) if (bytes >= size) return `${decimal(bytes / size)} ${unit}`;
  return `${decimal(bytes)} B`;
}

function decimal(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

export function isUnsignedNumber(text: string): boolean {
  return parseUnsigned(text) !== undefined;
}

function parseUnsigned(text: string): number | undefined {
  const trimmed = text.trim().replace(/^\+/, '');
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
