// UI journeys of what hovers and diagnostics look like (issue 14, item 7): no punctuation set
// against inline code (VS Code pads code spans, so "mynet ," reads as a stray space), link
// tooltips that name the file and line instead of a file: URI, and the note that <tag> is a
// libvirt-xml extension once per file, not on every tag.
import fs from 'node:fs';
import path from 'node:path';
import { threeInterfaceDomain } from './statusPanelJourneys.mjs';

/** A network with three RFC tags and a value libvirt's schema does not allow (a schema error to wait for). */
const taggedNetwork = `<network>
  <name>tagged</name>
  <bridge name='virbr8' stp='maybe'/>
  <tag name='lab'/>
  <tag name='billing'/>
  <portgroup name='web' default='yes'>
    <tag name='frontend'/>
  </portgroup>
</network>
`;

/** @param {object} ui what run.mjs's journeys share (see statusPanelJourneys.mjs) */
export async function hoverJourneys(ui) {
  const { page, journey, shot, expect, log } = ui;

  await journey('hover an interface — code spans with no punctuation against them, link tooltips naming file and line', async () => {
    const file = path.join(ui.copy.workspace, 'domains', 'three-nics.xml');
    if (!fs.existsSync(file)) fs.writeFileSync(file, threeInterfaceDomain);
    await page.keyboard.press('Escape');
    await ui.openFromExplorer('domains', 'three-nics.xml');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Mbit/s' }).first();
    let word;
    for (let attempt = 0; attempt < 20 && !(await hover.isVisible()); attempt++) {
      await page.mouse.move(5, 5);
      word = await ui.hoverWord("network='mynet' portgroup='xyzzy'", 'source');
      await page.waitForTimeout(500);
    }
    await hover.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500); // the hover fades in
    const seen = await hover.evaluate((element) => {
      const glued = [...element.querySelectorAll('code')]
        .map((code) => {
          const after = code.nextSibling?.textContent ?? '';
          const before = code.previousSibling?.textContent ?? '';
          return /^[,;:.?!)]/.test(after) || /\($/.test(before) ? `${before.slice(-8)}[${code.textContent}]${after.slice(0, 8)}` : null;
        })
        .filter(Boolean);
      // The extension's markdown (VS Code's own problem part has links of its own).
      const links = [...element.querySelectorAll('.rendered-markdown a')].map((a) => ({ text: a.textContent, title: a.getAttribute('title') ?? '' }));
      return { glued, links, heading: element.querySelector('p')?.textContent ?? '' };
    });
    log(`hover heading: ${seen.heading}`);
    expect(seen.heading.includes('→ network mynet · portgroup xyzzy · runs as type bridge'), `the hover's heading reads: ${seen.heading}`);
    expect(seen.glued.length === 0, `punctuation against inline code: ${seen.glued.join(' | ')}`);
    expect(seen.links.length > 0, 'the hover has no links');
    for (const link of seen.links) {
      expect(/^[^:]+, line \d+$/.test(link.title) && !link.title.includes('file:'), `the link "${link.text}" has the tooltip "${link.title}"`);
    }
    expect(
      seen.links.some((link) => link.title === 'networks/mynet.xml, line 10'), // the portgroup's <bandwidth>
      `no link titled "networks/mynet.xml, line 10": ${JSON.stringify(seen.links)}`,
    );
    // The tooltip as drawn: hover the first link.
    await hover.locator('a', { hasText: 'networks/mynet.xml' }).first().hover();
    await page.waitForTimeout(1200);
    await shot('hover-polish', { clip: await ui.around([hover, word], 12) });
    await page.mouse.move(5, 5);
  });

  await journey('a network with three <tag>s — one information that tags are an extension, not one per tag', async () => {
    fs.writeFileSync(path.join(ui.copy.workspace, 'networks', 'tagged.xml'), taggedNetwork);
    await page.keyboard.press('Escape');
    await ui.openFromExplorer('networks', 'tagged.xml');
    // libvirt's schema (validated after the core's checks) refuses stp='maybe': once its
    // squiggle is drawn, every finding of the file is.
    await ui.editor().locator('.squiggly-error').first().waitFor({ timeout: 45_000 });
    await page.waitForTimeout(1000);
    const infos = await ui.editor().locator('.squiggly-info').count();
    log(`${infos} information squiggle(s) in tagged.xml`);
    await shot('tags-information');
    expect(infos === 1, `${infos} information squiggles for three <tag>s, expected one`);
  });
}
