import type { Page } from 'playwright-core';

/**
 * Shared by the scan benches (scan.bench.ts: the harness page; scan-app.bench.ts: the real app):
 * the figure type, the frame watcher that timestamps the camera frames where the QR comes into
 * view, and the statistics.
 */

export type { BenchResult } from './bench-result.ts';

export interface FrameWatchOptions {
  /**
   * Watch every <video> the page shows from now on (the app's scanner makes a new one each time
   * /scan opens), not only the one there now.
   */
  follow?: boolean;
  /**
   * Count an appearance only after a blank frame of the same video was seen: a camera that starts
   * while the QR is already in view has no "first frame showing the QR" to time from.
   */
  afterBlank?: boolean;
}

/**
 * Records, on window.__qrAppeared, the presentation time (requestVideoFrameCallback, the page's
 * performance.now() clock) of each frame where the QR comes into view. Passed as source text: tsx
 * (esbuild keepNames) would wrap a function with a `__name` helper the page does not have.
 */
function frameWatcherSource(opts: FrameWatchOptions): string {
  return `(() => {
  window.__qrAppeared = [];
  const afterBlank = ${opts.afterBlank ? 'true' : 'false'};
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 24;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const watched = new WeakSet();
  const watch = (video) => {
    if (watched.has(video)) return;
    watched.add(video);
    // undefined: no frame classified yet (then, with afterBlank, a QR frame is not an appearance).
    let showing = afterBlank ? undefined : false;
    const onFrame = (now, meta) => {
      ctx.drawImage(video, 0, 0, 32, 24);
      const px = ctx.getImageData(0, 0, 32, 24).data;
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 96) dark++;
      // A blank frame is white; the QR darkens a good share of the thumbnail.
      const qr = dark > 8;
      if (qr && showing === false) window.__qrAppeared.push(meta.presentationTime);
      showing = qr;
      if (video.isConnected) video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  document.querySelectorAll('video').forEach(watch);
  if (${opts.follow ? 'true' : 'false'}) {
    new MutationObserver(() => document.querySelectorAll('video').forEach(watch)).observe(document, {
      childList: true,
      subtree: true,
    });
  }
})()`;
}

export async function watchQrFrames(page: Page, opts: FrameWatchOptions = {}): Promise<void> {
  await page.evaluate(frameWatcherSource(opts));
}

/** The appearance times recorded so far (ms, the page's performance.now() clock). */
export function qrAppearances(page: Page): Promise<number[]> {
  return page.evaluate<number[]>('window.__qrAppeared.slice()');
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
