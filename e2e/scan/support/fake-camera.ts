import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fake camera feed for Chromium (`--use-file-for-fake-video-capture=<file>.y4m`): a real QR code
 * made by `qrencode`, turned into a Y4M video by `ffmpeg` (Debian packages; the tests skip, saying
 * so, without them). Chromium loops the file.
 */

export function whichMissing(): string[] {
  return ['qrencode', 'ffmpeg'].filter((bin) => {
    try {
      execFileSync('which', [bin], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

export interface FeedOptions {
  /** White frames before the QR appears, seconds (0: the QR from the first frame). */
  blankSeconds?: number;
  /** Seconds of QR. */
  qrSeconds?: number;
  /** Height of the QR in the 640 × 480 frame, px. */
  qrPx?: number;
  fps?: number;
  dir?: string;
  /**
   * Print the code at this many pixels per module and do not rescale it (`qrPx` is then ignored):
   * every module the same size, as a printed label. A code rescaled by a non-integer factor has
   * modules of unequal width, which ZXing (html5-qrcode's decoder) at some viewfinder sizes fails
   * to read although jsQR reads it — a test artefact, not what a camera sees.
   */
  pixelsPerModule?: number;
}

/** Writes `qr.png` and a Y4M feed showing it; returns both paths. */
export function makeQrFeed(text: string, opts: FeedOptions = {}): { png: string; y4m: string } {
  const { blankSeconds = 0, qrSeconds = 3, qrPx = 300, fps = 10 } = opts;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'printfloor-fake-camera-'));
  const png = join(dir, 'qr.png');
  const y4m = join(dir, blankSeconds > 0 ? 'blank-then-qr.y4m' : 'qr.y4m');
  const native = opts.pixelsPerModule !== undefined;
  execFileSync('qrencode', ['-o', png, '-s', String(opts.pixelsPerModule ?? 10), '-m', '4', text]);
  // Keep the code square and centred on white (a plain scale to 640:480 would stretch it).
  const scale = native ? '' : `scale=-2:${qrPx},`;
  const frame = `${scale}pad=640:480:(ow-iw)/2:(oh-ih)/2:color=white,format=yuv420p,setsar=1`;
  const args =
    blankSeconds > 0
      ? [
          '-f',
          'lavfi',
          '-i',
          `color=c=white:s=640x480:r=${fps}:d=${blankSeconds}`,
          '-loop',
          '1',
          '-framerate',
          String(fps),
          '-t',
          String(qrSeconds),
          '-i',
          png,
          '-filter_complex',
          `[0:v]format=yuv420p,setsar=1[w];[1:v]${frame}[q];[w][q]concat=n=2:v=1[out]`,
          '-map',
          '[out]',
        ]
      : ['-loop', '1', '-framerate', String(fps), '-t', String(qrSeconds), '-i', png, '-vf', frame];
  execFileSync('ffmpeg', [
    '-y',
    '-loglevel',
    'error',
    ...args,
    '-r',
    String(fps),
    '-pix_fmt',
    'yuv420p',
    y4m,
  ]);
  if (!existsSync(y4m)) throw new Error(`ffmpeg wrote no ${y4m}`);
  return { png, y4m };
}
