import type * as Html5QrcodeLib from 'html5-qrcode';
import type { Html5Qrcode } from 'html5-qrcode';

/**
 * The camera and decoder behind `CameraScanner`: a thin wrapper over html5-qrcode's `Html5Qrcode`
 * class (not its stock UI). html5-qrcode (~370 kB with its ZXing decoder) is imported on first use
 * only, so it stays out of the first screen's bundle.
 *
 * Each session renders into a fresh child element, and opening and closing run one after another
 * through one queue: a new session starts only after the previous one released the camera
 * (tablets that cannot open one camera twice would otherwise fail with NotReadableError on a quick
 * switch, a restart, or React's StrictMode double mount).
 */

export type CameraSource = { facingMode: 'environment' | 'user' } | { deviceId: string };

export interface CameraStartOptions {
  /** Decode attempts per second. */
  fps: number;
  /** Width / height of the viewfinder at start (a turn of the tablet restarts the camera); not asked of the camera, see below. */
  aspectRatio?: number;
  /**
   * Side of the square scan region as a share of the shorter side of the viewfinder; 1 or more:
   * the whole picture. html5-qrcode maps the region through the size it was ASKED for, so when a
   * camera delivers another shape (most give 4:3 whatever is asked) a region cuts through a label
   * held close; the app scans the whole picture.
   */
  regionShare: number;
}

export interface CameraSession {
  /** The device actually opened (known once the stream runs). */
  readonly deviceId: string | null;
  readonly torchSupported: boolean;
  setTorch(on: boolean): Promise<void>;
  /** Releases the camera and removes the picture. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface CameraDeviceInfo {
  id: string;
  label: string;
}

type Html5QrcodeModule = typeof Html5QrcodeLib;

let modulePromise: Promise<Html5QrcodeModule> | null = null;
/** Camera opens and closes, in call order. */
let queue: Promise<unknown> = Promise.resolve();
let sessionSeq = 0;

function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

/** Thrown by `ready` when the handle was closed before its camera opened. */
export class CameraClosedError extends Error {
  constructor() {
    super('camera closed before it opened');
    this.name = 'CameraClosedError';
  }
}

export interface CameraHandle {
  /** The running session, or a camera error (classify it with camera-errors.ts). */
  ready: Promise<CameraSession>;
  /** Releases the camera whether or not it has opened yet. */
  close(): Promise<void>;
}

/** Opens a camera in `host`, decoding continuously into `onDecode`, until closed. */
export function openCamera(
  host: HTMLElement,
  source: CameraSource,
  onDecode: (text: string) => void,
  opts: CameraStartOptions,
): CameraHandle {
  let closed = false;
  let session: CameraSession | null = null;
  const ready = enqueue(async () => {
    if (closed) throw new CameraClosedError();
    session = await startCameraScan(host, source, onDecode, opts);
    return session;
  });
  return {
    ready,
    close() {
      closed = true;
      return enqueue(async () => {
        await session?.stop();
      });
    },
  };
}

/** Starts loading html5-qrcode without starting a camera (e.g. when the scan button is shown). */
export function preloadDecoder(): Promise<Html5QrcodeModule> {
  modulePromise ??= import('html5-qrcode').catch((err: unknown) => {
    modulePromise = null; // a flaky network must not poison later attempts
    throw err;
  });
  return modulePromise;
}

async function startCameraScan(
  host: HTMLElement,
  source: CameraSource,
  onDecode: (text: string) => void,
  opts: CameraStartOptions,
): Promise<CameraSession> {
  const lib = await preloadDecoder();
  const el = document.createElement('div');
  el.id = `pf-scan-reader-${++sessionSeq}`;
  el.className = 'pf-scan__surface';
  // html5-qrcode sizes the video by width and decodes the picture AT THAT SIZE. Keep a 4:3 picture
  // (what most cameras deliver) inside the stage, so the operator sees all the decoder reads, and
  // no wider than 640 px, the default stream's own width: read pixel for pixel (or halved, for
  // bigger streams). ZXing misses a still, sharp code at some odd scales (measured: a 33-module
  // label at 10 px/module never reads shown 664 px wide, reads at 640 and 600).
  if (host.clientWidth > 0 && host.clientHeight > 0)
    el.style.width = `${Math.floor(Math.min(640, host.clientWidth, (host.clientHeight * 4) / 3))}px`;
  host.append(el);
  const F = lib.Html5QrcodeSupportedFormats;
  const scanner = new lib.Html5Qrcode(el.id, {
    verbose: false,
    // QR labels, and EAN-13 / UPC-A on filament boxes. Fewer formats decode faster.
    formatsToSupport: [F.QR_CODE, F.EAN_13, F.UPC_A],
    // The platform BarcodeDetector (Android, ChromeOS, macOS) is much faster than ZXing in JS.
    useBarCodeDetectorIfSupported: true,
  });
  const region = (w: number, h: number) => {
    const side = Math.max(80, Math.floor(Math.min(w, h) * opts.regionShare));
    return { width: Math.min(side, w), height: Math.min(side, h) };
  };
  try {
    await scanner.start(
      'deviceId' in source ? source.deviceId : { facingMode: source.facingMode },
      {
        fps: opts.fps,
        ...(opts.regionShare < 1 ? { qrbox: region } : {}),
        // No aspectRatio: html5-qrcode fixes its scan region from the shape it ASKED for, and a
        // camera that delivers another shape (most give 4:3 whatever is asked) then has part of
        // its picture never decoded. Unconstrained, the region is the picture the camera sends.
        disableFlip: true,
      },
      (text) => onDecode(text),
      () => undefined, // "no code in this frame": the normal case, not an error
    );
  } catch (err) {
    el.remove();
    throw err;
  }
  return session(scanner, el);
}

function session(scanner: Html5Qrcode, el: HTMLElement): CameraSession {
  let stopping: Promise<void> | null = null;
  const settings = safe(() => scanner.getRunningTrackSettings(), null);
  const torch = safe(() => scanner.getRunningTrackCameraCapabilities().torchFeature(), null);
  return {
    deviceId: settings?.deviceId ?? null,
    torchSupported: safe(() => torch?.isSupported() ?? false, false),
    async setTorch(on) {
      if (torch?.isSupported()) await torch.apply(on);
    },
    stop() {
      stopping ??= (async () => {
        try {
          if (scanner.isScanning) await scanner.stop();
          scanner.clear();
        } catch {
          // Already stopped (a track ended when the camera was unplugged): nothing left to release.
        } finally {
          el.remove();
        }
      })();
      return stopping;
    },
  };
}

/** Video inputs with their labels (labels are only filled in once camera permission was granted). */
export async function listCameras(): Promise<CameraDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'videoinput' && d.deviceId !== '')
    .map((d, i) => ({ id: d.deviceId, label: d.label || `Camera ${i + 1}` }));
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
