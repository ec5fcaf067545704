/**
 * Camera failures in words an operator can act on. `getUserMedia` rejects with a DOMException whose
 * `name` says what went wrong; html5-qrcode wraps it into a string ("Error getting userMedia,
 * error = NotAllowedError: Permission denied"), so both shapes are read.
 */

export type CameraProblemKind = 'insecure' | 'unsupported' | 'denied' | 'no-camera' | 'in-use' | 'unknown';

export interface CameraProblem {
  kind: CameraProblemKind;
  title: string;
  /** What to do about it; the manual entry box is shown beside every problem. */
  message: string;
  /** Whether trying again can help without changing anything outside the app. */
  retry: boolean;
  /** The raw error, for the log. */
  detail: string;
}

export interface CameraEnvironment {
  isSecureContext: boolean;
  hasMediaDevices: boolean;
}

const NAMES: Record<string, CameraProblemKind> = {
  NotAllowedError: 'denied',
  PermissionDeniedError: 'denied', // pre-standard Chrome
  SecurityError: 'denied', // also a Permissions-Policy block
  NotFoundError: 'no-camera',
  DevicesNotFoundError: 'no-camera', // pre-standard Chrome
  OverconstrainedError: 'no-camera', // the chosen camera went away
  ConstraintNotSatisfiedError: 'no-camera',
  NotReadableError: 'in-use',
  TrackStartError: 'in-use', // pre-standard Chrome
  AbortError: 'in-use',
};

const TEXT: Record<CameraProblemKind, Omit<CameraProblem, 'kind' | 'detail'>> = {
  insecure: {
    title: 'Camera needs a secure connection',
    message:
      'Browsers allow the camera only over https (or on this device itself). Open the app through its https address, or type the code below.',
    retry: false,
  },
  unsupported: {
    title: 'This browser cannot use a camera',
    message: 'Use a current Chrome, Edge, Firefox or Safari, a hand scanner, or type the code below.',
    retry: false,
  },
  denied: {
    title: 'Camera permission denied',
    message:
      'Allow the camera for this site (the lock or camera icon in the address bar, or the site settings), then tap Retry. Or type the code below.',
    retry: true,
  },
  'no-camera': {
    title: 'No camera found',
    message:
      'This device has no camera the browser can use (or it was unplugged). Use a hand scanner or type the code below.',
    retry: true,
  },
  'in-use': {
    title: 'Camera is busy',
    message:
      'Another app or browser tab is using the camera, or it failed to start. Close the other app, then tap Retry. Or type the code below.',
    retry: true,
  },
  unknown: {
    title: 'Camera did not start',
    message: 'Tap Retry, or type the code below.',
    retry: true,
  },
};

/** A problem known before asking for the camera at all, or null when it is worth trying. */
export function cameraPrecheck(env: CameraEnvironment): CameraProblem | null {
  if (!env.isSecureContext) return problem('insecure', 'insecure context');
  if (!env.hasMediaDevices) return problem('unsupported', 'navigator.mediaDevices is missing');
  return null;
}

export function classifyCameraError(error: unknown, env: CameraEnvironment): CameraProblem {
  const detail = describe(error);
  const name = errorName(error);
  const kind = name !== null ? NAMES[name] : undefined;
  // An insecure page reports NotAllowedError or a TypeError; the real cause is the page, not the user.
  if (!env.isSecureContext) return problem('insecure', detail);
  if (kind !== undefined) return problem(kind, detail);
  if (!env.hasMediaDevices || /not supported/i.test(detail)) return problem('unsupported', detail);
  return problem('unknown', detail);
}

function problem(kind: CameraProblemKind, detail: string): CameraProblem {
  return { kind, ...TEXT[kind], detail };
}

function errorName(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') {
    if (error.name in NAMES) return error.name;
  }
  const m = /\b([A-Za-z]+Error)\b/.exec(describe(error));
  const name = m?.[1];
  return name !== undefined && name in NAMES ? name : null;
}

function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null && 'name' in error) {
    const e = error as { name: unknown; message?: unknown };
    const msg = typeof e.message === 'string' ? e.message : '';
    return `${typeof e.name === 'string' ? e.name : 'Error'}: ${msg}`;
  }
  return String(error);
}
