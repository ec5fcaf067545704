import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium.ts';

export interface CameraLaunchOptions {
  /** A Y4M file the fake camera plays (looped); without it Chromium has no camera. */
  fakeVideo?: string;
  /** Answer camera permission prompts with "allow" (default true when a fake video is given). */
  autoAllow?: boolean;
}

/** Debian's Chromium, headless, with an optional fake camera fed from a file. */
export function launchChromium(opts: CameraLaunchOptions = {}): Promise<Browser> {
  const args = [...CHROMIUM_ARGS];
  if (opts.fakeVideo) {
    args.push('--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${opts.fakeVideo}`);
  }
  if (opts.autoAllow ?? opts.fakeVideo !== undefined) args.push('--use-fake-ui-for-media-stream');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args, headless: true });
}
