import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBurst, formatRate, humanBitRate, humanByteSize } from './bandwidthUnits';

/*
 * The rule under test: average, peak and floor are kilobytes per second (1 kB = 1000 bytes, as
 * tc reads libvirt's "kbps"), burst is kibibytes (1024 bytes, tc's "kb").
 */
describe('bandwidth units', () => {
  it('shows rates in kB/s with the bit rate people quote', () => {
    assert.equal(formatRate('1000'), '1000 kB/s (8 Mbit/s)');
    assert.equal(formatRate('1'), '1 kB/s (8 kbit/s)');
    assert.equal(formatRate('125'), '125 kB/s (1 Mbit/s)');
    assert.equal(formatRate('1234'), '1234 kB/s (9.872 Mbit/s)');
    assert.equal(formatRate('1000000'), '1000000 kB/s (8 Gbit/s)');
    assert.equal(formatRate('0'), '0 kB/s (0 bit/s)');
    assert.equal(formatRate(' +0042 '), '42 kB/s (336 kbit/s)');
  });

  it('shows bursts in KiB with a binary size when it says more', () => {
    assert.equal(formatBurst('1024'), '1024 KiB (1 MiB)');
    assert.equal(formatBurst('1536'), '1536 KiB (1.5 MiB)');
    assert.equal(formatBurst('512'), '512 KiB');
    assert.equal(formatBurst('1048576'), '1048576 KiB (1 GiB)');
  });

  it('keeps a value that is not a number as written', () => {
    assert.equal(formatRate('fast'), 'fast kB/s');
    assert.equal(formatBurst('-1'), '-1 KiB');
  });

  it('rounds to three decimals and drops trailing zeros', () => {
    assert.equal(humanBitRate(1_500_000), '1.5 Mbit/s');
    assert.equal(humanBitRate(999), '999 bit/s');
    assert.equal(humanBitRate(1_234_567), '1.235 Mbit/s');
    assert.equal(humanByteSize(1023), '1023 B');
  });
});
