import { createContext, useContext } from 'react';
import type { PrintfloorClient } from '../data/client.ts';
import type { DeviceSession } from './device-session.ts';
import type { FloorServices } from '../floor/services.ts';

export interface AppContextValue {
  client: PrintfloorClient;
  session: DeviceSession;
  /** Forget this enrolment (the local database stays until another tenant is enrolled). */
  signOut: () => void;
  /** Station, operator, PINs, undo, the floor index and the floor's commands. */
  floor: FloorServices;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside the app shell');
  return v;
}
