import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { libvirtObjectViewText, readObjectTextResult, unavailableObjectText } from './libvirtObjectText';

const uri = 'libvirt://system/network/nosuch.xml';

/** The comments of an XML text, checked to be well-formed as XML 1.0 has them (no `--` inside, none ending in `-`). */
function wellFormedComments(text: string): string[] {
  const comments = [...text.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]);
  for (const body of comments) {
    assert.ok(!body.includes('--') && !body.endsWith('-'), `not a well-formed XML comment: <!--${body}-->`);
  }
  assert.equal(text.replace(/<!--[\s\S]*?-->/g, '').trim(), '', 'only comments');
  return comments;
}

describe('libvirtObjectViewText', () => {
  it("shows the object's XML as the server sent it", () => {
    const xml = '<network>\n  <name>default</name>\n</network>\n';
    assert.equal(libvirtObjectViewText(uri, { text: xml }), xml);
  });

  it("says the server's error plainly, in an XML comment, with the URI", () => {
    const text = libvirtObjectViewText(uri, { error: "qemu:///system defines no network named 'nosuch'" });
    const [comment] = wellFormedComments(text);
    assert.match(comment, /cannot show libvirt:\/\/system\/network\/nosuch\.xml:/);
    assert.match(comment, /qemu:\/\/\/system defines no network named 'nosuch'\./);
    assert.match(comment, /read-only/);
  });

  it('says so when the answer has neither text nor error, or is not an answer', () => {
    for (const answer of [{}, null, undefined, 'text', { text: 42 }, { error: '  ' }]) {
      const [comment] = wellFormedComments(libvirtObjectViewText(uri, answer));
      assert.match(comment, /language server (did not say why|gave no answer)/);
    }
  });
});

describe('unavailableObjectText', () => {
  it('keeps the comment well-formed whatever the reason says', () => {
    for (const reason of ['a -- b', 'a --- b ----', 'ends with -', '--> injected <!--', 'line one\nline two', '']) {
      wellFormedComments(unavailableObjectText('libvirt://system/network/a--b.xml', reason));
    }
  });
});

describe('readObjectTextResult', () => {
  it('keeps a text (even empty) over an error', () => {
    assert.deepEqual(readObjectTextResult({ text: '', error: 'x' }), { text: '' });
    assert.deepEqual(readObjectTextResult({ error: 'gone' }), { error: 'gone' });
  });
});
