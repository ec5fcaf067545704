import type { ChangeBus } from '../db/change-bus.ts';
import type { Logger } from '../logger.ts';

/** How often a stream re-checks its device besides the revocation event (a missed NOTIFY). */
const RECHECK_MS = 25_000;

/**
 * Closes a long-lived response (an SSE stream) of `deviceId` as soon as the device is revoked: the
 * same `device_revoked` bus event (NOTIFY on Postgres, so every instance hears it) that closes the
 * device's sync streams (stream-hub.ts). Because a notification sent while an instance's listener
 * was reconnecting is lost, the device is also re-checked on `resync` and every RECHECK_MS.
 * Returns what stops watching.
 */
export function watchDeviceRevocation(
  bus: ChangeBus,
  deviceId: string,
  stillValid: (deviceId: string) => Promise<boolean>,
  end: () => void,
  log?: Logger,
): () => void {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    stop();
    end();
  };
  const recheck = () => {
    stillValid(deviceId).then(
      (ok) => {
        if (!ok) finish();
      },
      (err: unknown) => log?.warn('could not re-check the device of a stream', { err }),
    );
  };
  const unsubscribe = bus.subscribe((e) => {
    if (e.type === 'device_revoked' && e.deviceId === deviceId) finish();
    else if (e.type === 'resync') recheck();
  });
  const timer = setInterval(recheck, RECHECK_MS).unref();
  const stop = () => {
    done = true;
    unsubscribe();
    clearInterval(timer);
  };
  return stop;
}
