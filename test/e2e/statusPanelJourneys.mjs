// UI journeys of the resolved-status panel's look and keyboard use (issue 14, items 4 and 6), on
// a domain with three interfaces written into the workspace copy: each of the four kinds of
// colour theme, with a screenshot and a WCAG contrast check of the colours the browser computed;
// then the layout (nothing clipped, a MAC on one line, one block behind the XML) and the number of
// Tab presses from the top to the second interface.
import fs from 'node:fs';
import path from 'node:path';
import { textContrastFailures } from './pageContrast.mjs';

/** The four kinds of theme VS Code has, by the names of its built-in themes of each kind. */
const themes = [
  { kind: 'dark', label: 'Dark Modern', bodyClass: 'vscode-dark' },
  { kind: 'light', label: 'Light Modern', bodyClass: 'vscode-light' },
  { kind: 'high-contrast', label: 'Dark High Contrast', bodyClass: 'vscode-high-contrast' },
  { kind: 'high-contrast-light', label: 'Light High Contrast', bodyClass: 'vscode-high-contrast-light' },
];

/** WCAG 2.1 AA for body text. */
const minimumContrast = 4.5;

/**
 * A storage pool with a volume and a chain of two network filters (as examples/ has them), for the
 * panel's volume-disk and filter-chain sections. A volume file belongs to the pool named like its
 * folder.
 */
export const storageAndFilterFiles = {
  'storage/default.xml': `<pool type='dir'>
  <name>default</name>
  <target>
    <path>/var/lib/libvirt/images</path>
  </target>
</pool>
`,
  'storage/default/app01-root.qcow2.xml': `<volume type='file'>
  <name>app01-root.qcow2</name>
  <capacity unit='GiB'>20</capacity>
  <target>
    <path>/var/lib/libvirt/images/app01-root.qcow2</path>
    <format type='qcow2'/>
  </target>
</volume>
`,
  'nwfilter/app-ports.xml': `<filter name='app-ports' chain='ipv4'>
  <rule action='accept' direction='in' priority='500'>
    <tcp dstportstart='$APP_PORT'/>
  </rule>
</filter>
`,
  'nwfilter/app-traffic.xml': `<filter name='app-traffic' chain='root'>
  <rule action='drop' direction='out' priority='100'>
    <ip match='no' srcipaddr='$IP'/>
  </rule>
  <filterref filter='app-ports'/>
</filter>
`,
};

/** Writes the pool, volume and filters into the workspace copy (once). */
export function writeStorageAndFilterFiles(workspace) {
  for (const [name, text] of Object.entries(storageAndFilterFiles)) {
    const file = path.join(workspace, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file)) fs.writeFileSync(file, text);
  }
}

/**
 * Three interfaces: a long <source> line, an unknown portgroup (a problem with a code), a tag;
 * the last with a filter chain, and a volume disk (their sections are checked for contrast too).
 */
export const threeInterfaceDomain = `<domain type='kvm'>
  <name>three-nics</name>
  <memory unit='MiB'>1024</memory>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <disk type='volume' device='disk'>
      <source pool='default' volume='app01-root.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:6b:2c:01'/>
      <source network='mynet' portgroup='xyzzy'/>
      <tag name='frontend-with-a-rather-long-descriptive-name'/>
      <model type='virtio'/>
    </interface>
    <interface type='network'>
      <mac address='52:54:00:6b:2c:02'/>
      <source network='default' portgroup='premium'/>
      <model type='virtio'/>
    </interface>
    <interface type='network'>
      <mac address='52:54:00:6b:2c:03'/>
      <source network='ovs-trunk' portgroup='ofice'/>
      <model type='virtio'/>
      <filterref filter='app-traffic'>
        <parameter name='APP_PORT' value='8080'/>
      </filterref>
    </interface>
  </devices>
</domain>
`;

/**
 * @param {object} ui what run.mjs's journeys share: page, journey, shot, expect, quickOpen,
 *   editor, showStatusPanel, closeStatusPanel, copy (the workspace copy), hoverWord, around,
 *   openFromExplorer, log
 */
export async function statusPanelJourneys(ui) {
  const { page, journey, shot, expect, log } = ui;
  const frame = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  await journey('the status panel is readable in dark, light and both high-contrast themes (WCAG contrast ≥ 4.5)', async () => {
    writeStorageAndFilterFiles(ui.copy.workspace);
    fs.writeFileSync(path.join(ui.copy.workspace, 'domains', 'three-nics.xml'), threeInterfaceDomain);
    // From the explorer (Quick Open's file list may not have caught up with a file just written).
    await ui.openFromExplorer('domains', 'three-nics.xml');
    await ui.editor().locator('.view-line', { hasText: '<name>three-nics' }).first().click();
    await ui.showStatusPanel('three-nics.xml', 3);
    // The volume disk's and the filter chain's sections are there (pools and filters indexed).
    await frame().locator('.disk .path', { hasText: '/var/lib/libvirt/images/app01-root.qcow2' }).waitFor({ timeout: 30_000 });
    await frame().locator('.filter-rules td', { hasText: 'app-ports' }).first().waitFor({ timeout: 30_000 });
    const report = [];
    let before;
    for (const theme of themes) {
      const previous = await setColourTheme(ui, theme);
      before ??= previous;
      const body = frame().locator('body');
      await body.and(frame().locator(`body.${theme.bodyClass}`)).waitFor({ timeout: 20_000 });
      if (theme.kind === 'high-contrast') {
        expect(!(await body.evaluate((b) => b.classList.contains('vscode-high-contrast-light'))), 'the dark high-contrast theme is not applied');
      }
      await page.waitForTimeout(400); // the stylesheet's variables are replaced, then painted
      await shot(`status-panel-theme-${theme.kind}`);
      const { checked, failures } = await body.evaluate(textContrastFailures, minimumContrast);
      log(`theme ${theme.kind}: ${checked} texts checked, ${failures.length} below ${minimumContrast}:1`);
      expect(checked > 50, `only ${checked} texts were checked in the ${theme.kind} theme: is the panel empty?`);
      for (const f of failures) report.push(`${theme.kind}: "${f.text}" (${f.where}) ${f.colour} on ${f.background}: ${f.ratio}:1`);
    }
    // The theme the workbench had, for the journeys after (and the README's screenshots).
    await setColourTheme(ui, { label: before, kind: null });
    expect(
      report.length === 0,
      `text below ${minimumContrast}:1:\n${report.slice(0, 30).join('\n')}${report.length > 30 ? `\n… and ${report.length - 30} more` : ''}`,
    );
  });

  await journey(
    'the status panel wraps long lines, keeps a MAC on one line, draws one block behind the XML, and the second interface is a few Tabs away',
    async () => {
      const panel = frame();
      await panel.locator('.interface').nth(2).waitFor({ timeout: 20_000 });
      const layout = await panel.locator('body').evaluate((body) => {
        const root = body.ownerDocument.documentElement;
        const xml = [...body.querySelectorAll('.status-xml')];
        const mac = body.querySelector('.interface .mac');
        const code = body.querySelector('.status-xml code');
        const lineHeight = mac ? parseFloat(getComputedStyle(mac).lineHeight) || mac.getBoundingClientRect().height : 0;
        return {
          page: { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth },
          clippedXml: xml
            .filter((pre) => pre.scrollWidth > pre.clientWidth && getComputedStyle(pre).overflowX !== 'auto' && getComputedStyle(pre).overflowX !== 'scroll')
            .map((pre) => pre.textContent.slice(0, 60)),
          wrappedXml: xml.filter((pre) => pre.scrollWidth > pre.clientWidth).length,
          macText: mac?.textContent ?? null,
          macLines: mac ? mac.getClientRects().length : 0,
          macHeight: mac ? mac.getBoundingClientRect().height : 0,
          lineHeight,
          codeBackground: code ? getComputedStyle(code).backgroundColor : null,
          tagBadges: [...body.querySelectorAll('.status-xml .ours')].filter((e) => !['none', 'normal'].includes(getComputedStyle(e, '::after').content)).length,
          codeDisplay: code ? getComputedStyle(code).display : null,
        };
      });
      log(`panel layout: ${JSON.stringify(layout)}`);
      expect(layout.page.scrollWidth <= layout.page.clientWidth, `the panel is wider than its view: ${JSON.stringify(layout.page)}`);
      expect(layout.clippedXml.length === 0 && layout.wrappedXml === 0, `status XML is cut off on the right: ${JSON.stringify(layout.clippedXml)}`);
      expect(layout.macText === '52:54:00:6b:2c:01', `the first MAC shown is ${layout.macText}`);
      expect(
        layout.macLines === 1 && layout.macHeight < 1.5 * layout.lineHeight,
        `the MAC is broken over lines: ${layout.macLines} boxes, ${layout.macHeight}px high`,
      );
      // One block behind the XML: the code inside the pre draws no background of its own per line.
      expect(
        layout.codeBackground === 'rgba(0, 0, 0, 0)' || layout.codeDisplay === 'block',
        `the status XML's <code> has its own background per line: ${layout.codeBackground}`,
      );

      // The RFC's <tag>s are marked (a dashed underline the legend explains), not badged line by line.
      expect(layout.tagBadges === 0, `${layout.tagBadges} <tag> lines carry a badge`);
      // Keyboard: from the panel's top, Tab until the focus is inside the second interface. (A
      // refresh of the panel reloads its page: then the count starts again, at most twice.)
      const tabs = await retriedOnReload(() => tabsToSecondInterface(page, panel));
      log(`${tabs} Tab presses from the top to the second interface`);
      expect(tabs <= 12, `${tabs} Tab presses from the top of the panel to the second interface (at most 12 wanted)`);
      // Inside an interface's XML the arrow keys move between its links.
      const moved = await retriedOnReload(async () => {
        const xmlLinks = panel.locator('.interface').first().locator('.status-xml .source-link');
        await xmlLinks.first().focus();
        await page.keyboard.press('ArrowDown');
        return xmlLinks.nth(1).evaluate((e) => e === e.ownerDocument.activeElement && e.tabIndex === 0);
      });
      expect(moved, 'ArrowDown in the status XML does not move to its next link');
      await shot('status-panel-layout');
      await ui.closeStatusPanel('three-nics.xml');
    },
  );

  await journey("the status panel shows a volume disk's source and an interface's filter chain, each value linked to its file", async () => {
    writeStorageAndFilterFiles(ui.copy.workspace);
    fs.writeFileSync(path.join(ui.copy.workspace, 'domains', 'app01.xml'), app01Domain);
    await ui.openFromExplorer('domains', 'app01.xml');
    await ui.editor().locator('.view-line', { hasText: '<name>app01' }).first().click();
    await page.keyboard.press('Control+B'); // hide the side bar: room for the editor and the panel
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 20_000 });
    try {
      const panel = await ui.showStatusPanel('app01.xml', 1);
      await panel.locator('.disk .path', { hasText: '/var/lib/libvirt/images/app01-root.qcow2' }).waitFor({ timeout: 30_000 });
      await panel.locator('.filter-rules td', { hasText: 'app-ports' }).first().waitFor({ timeout: 30_000 });
      const text = (await panel.locator('body').innerText()).replace(/\s+/g, ' ');
      for (const expected of [
        'Filter chain',
        'app-traffic → app-ports',
        'APP_PORT=8080',
        'tcp dstportstart=8080',
        'ip match=no srcipaddr=$IP (learned)',
        'Disk vda',
        'Runs as file',
      ]) {
        expect(text.includes(expected), `the status panel lacks "${expected}"; it shows:\n${text.slice(0, 2500)}`);
      }
      // Each value opens the file it came from: the rule's filter, the volume's path.
      const ruleLink = panel.locator('.filter-rules .source-link', { hasText: 'app-ports' }).first();
      expect(/app-ports\.xml/.test((await ruleLink.getAttribute('title')) ?? ''), 'the rule of app-ports does not link to app-ports.xml');
      const pathLink = panel.locator('.disk .source-link', { hasText: 'app01-root.qcow2' }).last();
      expect(/app01-root\.qcow2\.xml/.test((await pathLink.getAttribute('title')) ?? ''), "the disk's path does not link to the volume's file");
      await panel.locator('.filter-chain').evaluate((element) => element.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(300);
      const vp = page.viewportSize();
      await shot('status-panel-storage', { clip: { x: 48, y: 35, width: vp.width - 48, height: vp.height - 35 - 22 } });
      await ui.closeStatusPanel('app01.xml');
    } finally {
      await page.keyboard.press('Control+B'); // the side bar again, for the next journey
      await page.locator('.part.sidebar').waitFor({ state: 'visible', timeout: 20_000 });
    }
  });
}

/** examples/domains/app01.xml: a volume disk of pool 'default' and an interface whose filter chain needs APP_PORT. */
const app01Domain = `<domain type='kvm'>
  <name>app01</name>
  <memory unit='GiB'>2</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
  </os>
  <devices>
    <disk type='volume' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source pool='default' volume='app01-root.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:7e:30:01'/>
      <source network='default'/>
      <model type='virtio'/>
      <filterref filter='app-traffic'>
        <parameter name='APP_PORT' value='8080'/>
      </filterref>
    </interface>
  </devices>
</domain>
`;

async function tabsToSecondInterface(page, panel) {
  await panel.locator('h1').click();
  for (let tabs = 0; tabs < 60; tabs++) {
    if (await panel.locator('body').evaluate((b) => !!b.ownerDocument.activeElement?.closest('.interface:nth-of-type(2)'))) return tabs;
    await page.keyboard.press('Tab');
  }
  return 60;
}

async function retriedOnReload(step) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (e) {
      if (attempt >= 3 || !/detached/i.test(e.message)) throw e;
    }
  }
}

/**
 * The colour theme, chosen as a person would: "Preferences: Color Theme" and the theme's name.
 * Returns the name of the theme it replaced.
 */
async function setColourTheme(ui, theme) {
  const { page } = ui;
  await ui.editor().locator('.view-line').first().click(); // the keyboard to the workbench, not the webview
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill('>Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().waitFor({ timeout: 20_000 });
  // "Browse Color Themes in Marketplace" may come first: move to the command itself.
  const focused = page.locator('.quick-input-list .monaco-list-row.focused .label-name');
  for (let i = 0; i < 5 && (await focused.textContent()).replace(/\u00a0/g, ' ').trim() !== 'Preferences: Color Theme'; i++)
    await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const current = page.locator('.quick-input-list .monaco-list-row.focused .label-name').first();
  await current.waitFor({ timeout: 20_000 }); // the theme picker, on the current theme
  const previous = (await current.textContent()).replace(/\u00a0/g, ' ').trim();
  await input.fill(theme.label);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: theme.label }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 20_000 });
  const workbenchClass = { dark: 'vs-dark', light: 'vs', 'high-contrast': 'hc-black', 'high-contrast-light': 'hc-light' }[theme.kind];
  if (workbenchClass) await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ timeout: 20_000 });
  return previous;
}
