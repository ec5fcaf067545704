import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Decodes the QR code in a PNG screenshot (jsQR), or null when none is found. */
export function decodeQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  return jsQR(pixels, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}
