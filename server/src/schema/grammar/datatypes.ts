import { isNCName } from '../../../../protocol/src/xmlNames';

/**
 * Enough of XML Schema datatypes to say why a value was refused: the integer types with their
 * bounds, numbers, and the facets libvirt uses (pattern, minInclusive, maxInclusive, maxLength).
 * Only used to pinpoint a problem libxml2 already reported; anything unknown is accepted.
 */
import type { DataPattern } from './rngPattern';

const integerBounds: Readonly<Record<string, readonly [bigint | undefined, bigint | undefined]>> = {
  integer: [undefined, undefined],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  int: [-(2n ** 31n), 2n ** 31n - 1n],
  short: [-32768n, 32767n],
  byte: [-128n, 127n],
  unsignedLong: [0n, 2n ** 64n - 1n],
  unsignedInt: [0n, 2n ** 32n - 1n],
  unsignedShort: [0n, 65535n],
  unsignedByte: [0n, 255n],
  nonNegativeInteger: [0n, undefined],
  positiveInteger: [1n, undefined],
  nonPositiveInteger: [undefined, 0n],
  negativeInteger: [undefined, -1n],
};

const patternCache = new Map<string, RegExp | undefined>();

/** XSD regular expressions are anchored and mostly JavaScript-compatible; ones that are not are skipped. */
function compiledPattern(pattern: string): RegExp | undefined {
  if (!patternCache.has(pattern)) {
    let compiled: RegExp | undefined;
    for (const flags of ['u', '']) {
      try {
        compiled = new RegExp(`^(?:${pattern})$`, flags);
        break;
      } catch {
        compiled = undefined;
      }
    }
    patternCache.set(pattern, compiled);
  }
  return patternCache.get(pattern);
}

/** True unless the value is known to be outside the datatype. */
export function dataAccepts(data: DataPattern, raw: string): boolean {
  const isString = data.type === 'string' || data.type === 'anyURI';
  const value = isString ? raw : raw.trim(); // XSD collapses whitespace for non-string types
  const bounds = integerBounds[data.type];
  let number: bigint | number | undefined;
  if (bounds) {
    if (!/^[+-]?\d+$/.test(value)) return false;
    number = BigInt(value);
    if ((bounds[0] !== undefined && number < bounds[0]) || (bounds[1] !== undefined && number > bounds[1])) return false;
  } else if (data.type === 'double' || data.type === 'float' || data.type === 'decimal') {
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^(INF|-INF|NaN)$/.test(value)) return false;
    number = Number(value);
  } else if (data.type === 'boolean') {
    if (!/^(true|false|1|0)$/.test(value)) return false;
  } else if (data.type === 'NCName') {
    if (!isNCName(value)) return false;
  }
  const { pattern, minInclusive, maxInclusive, maxLength } = data.params;
  if (pattern !== undefined) {
    const regex = compiledPattern(pattern);
    if (regex && !regex.test(value)) return false;
  }
  if (maxLength !== undefined && value.length > Number(maxLength)) return false;
  if (number !== undefined) {
    if (minInclusive !== undefined && !compare(number, minInclusive, (a, b) => a >= b)) return false;
    if (maxInclusive !== undefined && !compare(number, maxInclusive, (a, b) => a <= b)) return false;
  }
  return true;
}

function compare(value: bigint | number, bound: string, test: (a: number, b: number) => boolean): boolean {
  const limit = Number(bound.trim());
  return Number.isNaN(limit) ? true : test(Number(value), limit);
}
