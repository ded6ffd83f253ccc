// The WCAG 2.1 contrast of every piece of text on a page, from the colours the browser computed.
// `textContrastFailures` runs inside the page (Playwright's evaluate serialises it): it must use
// nothing from outside its own body.

/**
 * The texts of `root` whose colour is too close to their background: for each element with text
 * of its own (and each `::before`/`::after` with content), the text colour composited over its
 * effective background (the background colours of the element and its ancestors, composited from
 * the page's down) and the WCAG contrast ratio of the two. Colours the function cannot read
 * (anything but rgb()/rgba()) are failures too: a check that cannot judge must not pass.
 * @param {Element} root
 * @param {number} minimum WCAG AA: 4.5 for body text
 */
export function textContrastFailures(root, minimum) {
  const parse = (text) => {
    const m = /^rgba?\(([^)]*)\)$/.exec(text.trim());
    if (!m) return null;
    const p = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    if (p.length < 3 || p.some(Number.isNaN)) return null;
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const luminance = (c) => {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  /** The background under `element`: its and its ancestors' background colours, composited. */
  const backgroundOf = (element, ownLayer) => {
    const layers = ownLayer ? [ownLayer] : [];
    for (let e = element; e; e = e.parentElement) layers.push(getComputedStyle(e).backgroundColor);
    let result = { r: 255, g: 255, b: 255, a: 1 }; // the canvas under a transparent page
    for (const layer of layers.reverse()) {
      const c = parse(layer);
      if (!c) return null;
      if (c.a > 0) result = over(c, result);
    }
    return result;
  };
  const describe = (element) => {
    const cls = typeof element.className === 'string' && element.className ? '.' + element.className.trim().split(/\s+/).join('.') : '';
    return element.tagName.toLowerCase() + cls;
  };
  const failures = [];
  let checked = 0;
  const judge = (element, text, style, ownLayer, where) => {
    const background = backgroundOf(element, ownLayer);
    const colour = parse(style.color);
    if (!background || !colour) {
      failures.push({ text, where, colour: style.color, background: 'unreadable', ratio: 0 });
      return;
    }
    const shown = over(colour, background);
    const r = ratio(shown, background);
    checked++;
    if (r < minimum) failures.push({ text: text.slice(0, 40), where, colour: hex(shown), background: hex(background), ratio: Math.round(r * 100) / 100 });
  };
  for (const element of [root, ...root.querySelectorAll('*')]) {
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.display === 'none' || element.getClientRects().length === 0) continue;
    const own = [...element.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent)
      .join('')
      .trim();
    if (own !== '') judge(element, own, style, null, describe(element));
    for (const pseudo of ['::before', '::after']) {
      const p = getComputedStyle(element, pseudo);
      const content = p.content;
      if (!content || content === 'none' || content === 'normal' || content === '""') continue;
      judge(element, content, p, p.backgroundColor, describe(element) + pseudo);
    }
  }
  return { checked, failures };
}
