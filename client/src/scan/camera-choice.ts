import type { CameraDeviceInfo, CameraSource } from './camera-engine.ts';

/**
 * Which camera to open. Default: the back camera (`facingMode: environment`), the one that faces a
 * spool held up to a tablet. A camera the operator switched to is remembered per device.
 */

const STORAGE_KEY = 'printfloor.scan.cameraId';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function initialSource(store: KeyValueStore | null): CameraSource {
  const id = safeGet(store);
  return id ? { deviceId: id } : { facingMode: 'environment' };
}

export function rememberCamera(store: KeyValueStore | null, deviceId: string | null): void {
  try {
    if (deviceId) store?.setItem(STORAGE_KEY, deviceId);
    else store?.removeItem(STORAGE_KEY);
  } catch {
    // Private mode or a full quota: the choice just isn't remembered.
  }
}

/** The camera after `currentId` in the list, wrapping around; null when there is nothing to switch to. */
export function nextCamera(
  cameras: readonly CameraDeviceInfo[],
  currentId: string | null,
): CameraDeviceInfo | null {
  if (cameras.length < 2) return null;
  const i = cameras.findIndex((c) => c.id === currentId);
  return cameras[(i + 1) % cameras.length] ?? null;
}

/** Width / height for the stream, bounded to what cameras offer (from 1:2 portrait to 2:1 landscape). */
export function streamAspect(width: number, height: number): number {
  if (!(width > 0) || !(height > 0)) return 4 / 3;
  return Math.min(2, Math.max(0.5, width / height));
}

/** Whether the viewfinder changed shape enough (a tablet turned) to restart the stream in the new shape. */
export function needsRestart(startedAspect: number, nowAspect: number): boolean {
  return Math.abs(Math.log(nowAspect / startedAspect)) > Math.log(1.25);
}

function safeGet(store: KeyValueStore | null): string | null {
  try {
    return store?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
