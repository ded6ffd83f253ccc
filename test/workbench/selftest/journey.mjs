// UI journey self-test: drives the real workbench as a person would (Quick Open, suggest widget,
// hover, command palette, webview) through startWorkbench(). A model for the project's own UI tests.
//   node test/workbench/selftest/journey.mjs [SCREENSHOT_DIR]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorkbench } from '../codeServerRunner.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const shots = process.argv[2];
let passed = 0,
  failed = 0;

const wb = await startWorkbench({
  workspacePath: path.join(here, 'workspace'),
  extensionDevelopmentPath: path.join(here, 'extension'),
});
const { page } = wb;
const shot = async (name) => shots && page.screenshot({ path: path.join(shots, `journey-${name}.png`) });

async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`  FAIL ${name}: ${e.message.split('\n')[0]}`);
    await shot(`fail-${name.replace(/\W+/g, '_')}`);
  }
}

try {
  // Quick Open needs keyboard focus inside the workbench first: click the explorer.
  await step('quick open opens hello.xml', async () => {
    await page.locator('.explorer-folders-view').click();
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('hello.xml');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines:has-text("selftest")').waitFor({ timeout: 10_000 });
  });

  await step("suggest widget shows the extension's completion", async () => {
    await page.locator('.monaco-editor .view-line').nth(1).click(); // line 2
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget .monaco-list-row:has-text("selftestCompletion")').waitFor({ timeout: 10_000 });
    await shot('suggest');
    await page.keyboard.press('Escape');
  });

  await step("hover shows the extension's hover", async () => {
    await page.locator('.monaco-editor .view-line span:has-text("domain")').first().hover();
    await page.locator('.monaco-hover:has-text("selftest hover")').waitFor({ timeout: 10_000 });
    await shot('hover');
    await page.mouse.move(0, 0);
  });

  await step('command palette runs the webview command; webview content is readable', async () => {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Workbench Selftest: Open Webview');
    await page.locator('.quick-input-list .monaco-list-row:has-text("Open Webview")').first().waitFor();
    await page.keyboard.press('Enter');
    // A webview is two nested iframes: the host (iframe.webview) and the content (#active-frame).
    const title = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('#title');
    await title.waitFor({ timeout: 15_000 });
    if ((await title.textContent()) !== 'selftest webview') throw new Error('unexpected webview text');
    await shot('webview');
  });
} finally {
  await wb.stop();
}
console.log(`journey: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
