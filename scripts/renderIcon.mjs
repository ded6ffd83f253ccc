// Renders media/icon.svg to media/icon.png, the extension's icon: the Marketplace wants a PNG of
// at least 128×128 and refuses SVG icons. Run it after editing the SVG (the PNG is committed):
//
//   node scripts/renderIcon.mjs
//
// The SVG is drawn by headless Chromium through the playwright-core that test/workbench/install.sh
// installs (run here when missing), on a transparent background, so the rounded corners stay clear.
import fs from 'node:fs';
import { CHROMIUM, ensureCodeServer } from '../test/workbench/workbenchTools.mjs';

const SIZE = 128;
const svg = fs.readFileSync(new URL('../media/icon.svg', import.meta.url), 'utf8');
const { chromium } = ensureCodeServer().require('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const file = new URL('../media/icon.png', import.meta.url);
  await page.screenshot({ path: file.pathname, omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  console.log(`media/icon.png: ${SIZE}×${SIZE}, ${fs.statSync(file).size} bytes`);
} finally {
  await browser.close();
}
