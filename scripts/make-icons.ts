// Renders resources/icon.svg into the PNGs electron-builder packages (run: npm run icons; commit the PNGs).
// Chromium is the rasterizer (Debian's, as the tests use it): no image library to install for four files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, withTimeLimit } from '../test/harness/chromium';

/** mac (icns needs ≥ 512 px) and win (ico needs ≥ 256 px) are made from the 1024 px one; Linux takes a set of
 * hicolor theme sizes (the theme has no 1024x1024 folder: an icon put there is not found). */
const OUTPUTS: ReadonlyArray<{ file: string; size: number }> = [
  { file: 'resources/icon.png', size: 1024 },
  { file: 'resources/icons/512x512.png', size: 512 },
  { file: 'resources/icons/256x256.png', size: 256 },
];

async function main(): Promise<void> {
  const svg = readFileSync(join(process.cwd(), 'resources/icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    for (const { file, size } of OUTPUTS) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      writeFileSync(join(process.cwd(), file), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      await page.close();
      console.log(`${file}: ${size}×${size}`);
    }
  } finally {
    await browser.close();
  }
}

await withTimeLimit(120_000, 'rendering the icons', main());
