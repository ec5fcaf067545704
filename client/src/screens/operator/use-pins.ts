import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../app/client-context.ts';
import { browserKeyValue } from '../../floor/key-value.ts';
import { ServerPins } from '../../floor/pin-server.ts';

/**
 * The tablet's PINs, checked by the server with this tablet's cached verifiers as the offline
 * fallback (floor/pin-server.ts). Re-reads who has a PIN when a screen opens; `version` changes
 * when that answer arrives, so lists re-render.
 */
export function useServerPins(): { pins: ServerPins; version: number } {
  const { session, floor } = useApp();
  const pins = useMemo(
    () =>
      new ServerPins(floor.pins, browserKeyValue(), session.tenant.slug, {
        baseUrl: location.origin,
        token: session.token,
      }),
    [floor.pins, session.tenant.slug, session.token],
  );
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void pins.refresh().then((changed) => {
      if (live && changed) setVersion((v) => v + 1);
    });
    return () => {
      live = false;
    };
  }, [pins]);
  return { pins, version };
}
