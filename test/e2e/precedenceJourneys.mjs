// UI journey of network precedence (issue 14, item 2): the workspace's networks/default.xml has
// portgroup 'premium'; a copy of network 'default' without it is put in the configured folder
// (libvirtXml.networkPaths: ../host-networks). A domain naming default/premium resolves against the
// workspace's file: no error, a warning on its reference that the name is defined twice; its
// hover says which file is used and that another exists; the status panel names both, and its
// link to the other opens it, where the code lens says references resolve elsewhere.
import fs from 'node:fs';
import path from 'node:path';

const shadowedCopy = `<!-- The host-networks copy of 'default', without portgroup premium. -->
<network>
  <name>default</name>
  <forward mode='nat'/>
  <bridge name='virbr0'/>
</network>
`;

const guest = `<domain type='kvm'>
  <name>precedence-guest</name>
  <memory unit='MiB'>512</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <interface type='network'>
      <mac address='52:54:00:7c:3d:01'/>
      <source network='default' portgroup='premium'/>
    </interface>
  </devices>
</domain>
`;

/** @param {object} ui what run.mjs's journeys share (see statusPanelJourneys.mjs) */
export async function precedenceJourneys(ui) {
  const { page, journey, shot, expect, log } = ui;
  const norm = (s) => (s ?? '').replace(/\u00a0/g, ' ');

  await journey('a network defined twice — the workspace file wins; hover, panel and code lens say which is used', async () => {
    fs.writeFileSync(path.join(ui.copy.dir, 'host-networks', 'default.xml'), shadowedCopy);
    fs.writeFileSync(path.join(ui.copy.workspace, 'domains', 'precedence-guest.xml'), guest);
    await page.keyboard.press('Escape');
    await ui.openFromExplorer('domains', 'precedence-guest.xml');
    // The duplicate is a warning on the reference; premium resolves (the workspace's file has it).
    await ui.editor().locator('.squiggly-warning').first().waitFor({ timeout: 45_000 });
    await page.waitForTimeout(1000);
    expect((await ui.editor().locator('.squiggly-error').count()) === 0, 'an error squiggle: premium resolved against the copy that lacks it?');

    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'also defined in' }).first();
    let word;
    for (let attempt = 0; attempt < 20 && !(await hover.isVisible()); attempt++) {
      await page.mouse.move(5, 5);
      word = await ui.hoverWord("network='default' portgroup='premium'", 'default');
      await page.waitForTimeout(500);
    }
    await hover.waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    const text = norm(await hover.innerText());
    log(`precedence hover: ${text.split('\n').slice(0, 12).join(' | ')}`);
    for (const expected of [
      'network default · networks/default.xml',
      'also defined in host-networks/default.xml',
      'references resolve to this definition',
      "network 'default' is defined in 2 files: this interface uses the first by precedence",
    ])
      expect(text.includes(expected), `the hover lacks "${expected}"; it shows:\n${text}`);
    await shot('precedence-hover', { clip: await ui.around([hover, word], 12) });
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    await ui.editor().locator('.view-line', { hasText: '<name>precedence-guest' }).first().click();
    const panel = await ui.showStatusPanel('precedence-guest.xml', 1);
    try {
      await panelAndCodeLens(ui, panel);
    } finally {
      // Closed even when a step failed: an open panel follows the next journeys' files; and the
      // copy goes (closed first: an open document stays indexed), so 'default' is defined once again.
      await ui.closeStatusPanel('precedence-guest.xml').catch(() => {});
      const copyTab = page.locator('.tab', { hasText: /^default\.xml/ }).first();
      if ((await copyTab.count()) > 0) await copyTab.click({ button: 'middle' }).catch(() => {});
      fs.rmSync(path.join(ui.copy.dir, 'host-networks', 'default.xml'), { force: true });
    }
  });
}

/** The panel names both definitions; its link to the unused one opens it, whose code lens says so. */
async function panelAndCodeLens(ui, panel) {
  const { page, shot, expect } = ui;
  const norm = (s) => (s ?? '').replace(/\u00a0/g, ' ');
  const definitions = panel.locator('.definitions');
  await definitions.waitFor({ timeout: 20_000 });
  const said = norm(await definitions.innerText());
  expect(
    said ===
      "Network defined 2 times: uses network 'default' in networks/default.xml; also defined in host-networks/default.xml (libvirtXml.networkPaths), not used.",
    `the panel says: ${said}`,
  );
  await shot('precedence-panel');
  await definitions.locator('[data-key="otherNetworkDefinitions.0"]').click();
  await page.locator('.monaco-editor .view-line', { hasText: 'The host-networks copy' }).first().waitFor({ timeout: 20_000 });
  const lens = page.locator('.editor-group-container .monaco-editor .codelens-decoration', { hasText: 'not used' }).first();
  await lens.waitFor({ timeout: 30_000 });
  const lensText = norm(await lens.innerText());
  expect(lensText.includes('not used: references resolve to networks/default.xml'), `the shadowed copy's code lens reads: ${lensText}`);
  await shot('precedence-code-lens');
  // Opening the shadowed copy to read it does not make it win: the panel still names the workspace's.
  await page.waitForTimeout(1500);
  const after = norm(await panel.locator('.definitions').innerText());
  expect(after === said, `after opening the shadowed copy the panel says: ${after}`);
}
