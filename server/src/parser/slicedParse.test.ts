import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml, parseXmlInSlices } from './xmlParser';
import { runToEnd } from '../util/slicedWork';

/** How many slices sliced work took (its yields, plus the last step). */
function slicesOf<T>(work: Generator<void, T, void>): { value: T; slices: number } {
  let slices = 1;
  for (;;) {
    const step = work.next();
    if (step.done) return { value: step.value, slices };
    slices++;
  }
}

describe('the parser in slices', () => {
  const inputs = [
    "<domain type='kvm'>\n  <name>a</name>\n  <devices>\n    <interface type='network'><source network='n'/></interface>\n  </devices>\n</domain>\n",
    'text before <a>and after</a> and text at the end, with no markup after it',
    "<domain><devices><interface type='network'><source network='my",
    '<a><!-- a comment --><![CDATA[x<y]]><?pi x?></b></a><',
    '',
  ];

  it('gives the tree parseXml gives, whatever the slice length', () => {
    for (const text of inputs) {
      for (const sliceLength of [1, 7, 64, 1_000_000]) {
        assert.deepEqual(runToEnd(parseXmlInSlices(text, sliceLength)), parseXml(text), `${JSON.stringify(text)} in slices of ${sliceLength}`);
      }
    }
  });

  it('stops about once per slice length', () => {
    const text = '<a>' + '<b x="1"/>'.repeat(1000) + '</a>';
    const { slices } = slicesOf(parseXmlInSlices(text, 1000));
    assert.ok(slices >= 10 && slices <= 12, `${slices} slices for ${text.length} characters`);
  });
});
