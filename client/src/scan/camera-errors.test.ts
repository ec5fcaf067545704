import { describe, expect, it } from 'vitest';
import { cameraPrecheck, classifyCameraError } from './camera-errors.ts';

const SECURE = { isSecureContext: true, hasMediaDevices: true };

/** A DOMException-like object as Chrome and Firefox hand them to a getUserMedia rejection. */
function domError(name: string, message = 'x'): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

describe('classifyCameraError', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['PermissionDeniedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotFoundError', 'no-camera'],
    ['DevicesNotFoundError', 'no-camera'],
    ['OverconstrainedError', 'no-camera'],
    ['NotReadableError', 'in-use'],
    ['TrackStartError', 'in-use'],
    ['AbortError', 'in-use'],
  ])('maps a DOMException named %s to %s', (name, kind) => {
    expect(classifyCameraError(domError(name), SECURE).kind).toBe(kind);
  });

  it('reads the name out of html5-qrcode wrapped strings', () => {
    const p = classifyCameraError(
      'Error getting userMedia, error = NotAllowedError: Permission denied',
      SECURE,
    );
    expect(p).toMatchObject({ kind: 'denied', title: 'Camera permission denied', retry: true });
    expect(
      classifyCameraError(
        'Error getting userMedia, error = NotReadableError: Could not start video source',
        SECURE,
      ).kind,
    ).toBe('in-use');
  });

  it('blames the page, not the user, on an insecure origin', () => {
    const env = { isSecureContext: false, hasMediaDevices: false };
    expect(classifyCameraError(domError('NotAllowedError'), env)).toMatchObject({
      kind: 'insecure',
      retry: false,
    });
    expect(cameraPrecheck(env)?.kind).toBe('insecure');
  });

  it('recognises a browser without camera support', () => {
    expect(classifyCameraError('Camera streaming not supported by the browser.', SECURE).kind).toBe(
      'unsupported',
    );
    expect(cameraPrecheck({ isSecureContext: true, hasMediaDevices: false })?.kind).toBe('unsupported');
    expect(cameraPrecheck(SECURE)).toBeNull();
  });

  it('keeps anything else as unknown with the raw detail for the log', () => {
    const p = classifyCameraError(new TypeError('boom'), SECURE);
    expect(p).toMatchObject({ kind: 'unknown', detail: 'TypeError: boom', retry: true });
    expect(classifyCameraError(undefined, SECURE).kind).toBe('unknown');
    expect(classifyCameraError({ name: 'NotFoundError' }, SECURE).kind).toBe('no-camera');
  });

  it('tells the operator the manual box is there for every problem', () => {
    for (const name of ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'Weird']) {
      expect(classifyCameraError(domError(name), SECURE).message).toMatch(/type the code/);
    }
  });
});
