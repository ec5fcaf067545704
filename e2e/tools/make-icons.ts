/**
 * Renders the app icons in public/ from one SVG with Chromium (run once after changing the art:
 * `node_modules/.bin/tsx e2e/tools/make-icons.ts` from the repo root). The PNGs are committed.
 */
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const PUBLIC = fileURLToPath(new URL('../../public/', import.meta.url));

/** The mark: a nozzle laying the top layer of a print. `inset` shrinks it into the maskable safe zone. */
function art(inset: number, rounded: boolean): string {
  const s = 1 - inset * 2;
  const t = 256 * (1 - s);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="${rounded ? 96 : 0}" fill="#111827"/>
  <g transform="translate(${t} ${t}) scale(${s})">
    <rect x="96" y="392" width="320" height="44" rx="10" fill="#f97316"/>
    <rect x="128" y="336" width="256" height="44" rx="10" fill="#fb923c"/>
    <rect x="160" y="280" width="120" height="44" rx="10" fill="#fdba74"/>
    <path d="M236 76h120v72l-36 48h-48l-36-48z" fill="#f9fafb"/>
    <rect x="280" y="196" width="32" height="36" fill="#f9fafb"/>
    <path d="M296 232 L296 262 L280 280 L344 280" stroke="#fdba74" stroke-width="14" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
  </g>
</svg>`;
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const shots: [string, number, string][] = [
    ['icon-192.png', 192, art(0, true)],
    ['icon-512.png', 512, art(0, true)],
    ['icon-maskable-512.png', 512, art(0.1, false)],
    ['apple-touch-icon.png', 180, art(0.04, false)],
  ];
  for (const [file, size, svg] of shots) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img style="width:${size}px;height:${size}px;display:block" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body></html>`,
    );
    await page.screenshot({ path: PUBLIC + file, omitBackground: true });
  }
  writeFileSync(PUBLIC + 'favicon.svg', art(0, true));
  await browser.close();
}

await main();
