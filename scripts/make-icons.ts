// Renders the app icons (src/web/public/icons/*.png) from icon.svg with the local Chromium, so the
// PNGs an installed app needs are made here, not downloaded: `npx tsx scripts/make-icons.ts`.
// The maskable icon keeps the drawing inside the safe circle (80 %) on the full red square.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(import.meta.dirname, '../src/web/public/icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  for (const [name, size, inset] of [
    ['icon-192.png', 192, 0],
    ['icon-512.png', 512, 0],
    ['icon-maskable-512.png', 512, 0.1],
    ['apple-touch-icon.png', 180, 0],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const pad = Math.round(size * inset);
    await page.setContent(
      `<html><body style="margin:0;background:${inset ? '#b71c1c' : 'transparent'}"><img src="${url}" style="display:block;margin:${pad}px;width:${size - 2 * pad}px;height:${size - 2 * pad}px"></body></html>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: path.join(dir, name), omitBackground: !inset });
    await page.close();
  }
} finally {
  await browser.close();
}
